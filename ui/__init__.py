"""The PySide6 face of FrontDesk: ``ui/<feature>/`` holds one feature's screens, ``ui/shared/``
what every screen uses. Windows talk to the features' public interfaces (``app.<feature>``),
with ids and plain dataclasses; ui never imports sqlalchemy or app.db."""
