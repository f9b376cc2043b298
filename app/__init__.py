"""FrontDesk core: domain rules, data, services, forms and workbooks. Never imports Qt."""

__version__ = "0.1.0"
