"""Widgets and Qt models shared by several pages."""
