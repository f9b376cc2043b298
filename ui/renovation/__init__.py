"""Renovation screens: applications and permits, the daily round, notices, acceptance."""

from ui.registry import PageSpec

PAGES = (PageSpec("renovation", "装修管理", "ui.renovation.renovation_page:RenovationPage",
                  "app.renovation:nav_badge"),)
