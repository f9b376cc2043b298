"""Residents screens: buildings, units and residents."""

from ui.registry import PageSpec

PAGES = (PageSpec("residents", "业主与房屋", "ui.residents.residents_page:ResidentsPage"),)
