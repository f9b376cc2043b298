"""Move-in screens: handovers step by step, appointments, defects and the building overview."""

from ui.registry import PageSpec

PAGES = (PageSpec("movein", "入伙交付", "ui.movein.movein_page:MoveInPage", "app.movein:nav_badge"),)
