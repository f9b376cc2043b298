"""Supervision inspection screens: inspections with their findings and scores, rectifications
to re-check, the score trend, the standard."""

from ui.registry import PageSpec

PAGES = (PageSpec("inspections", "督导检查", "ui.inspections.inspections_page:InspectionsPage",
                   "app.inspections:nav_badge"),)
