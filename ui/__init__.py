"""The PySide6 face of FrontDesk. Never imports sqlalchemy or app.db: windows talk to
app.services only, with ids and plain dataclasses."""
