"""Discovered by ui.registry; see its docstring."""
