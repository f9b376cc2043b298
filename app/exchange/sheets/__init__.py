"""One module per record sheet (or group of sheets); discovered by app.exchange.registry.
Each defines ``SHEET = SheetSpec(...)`` or ``SHEETS = (SheetSpec(...), ...)``."""
