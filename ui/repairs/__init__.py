"""Repair screens: intake queue, work orders, pick-up and completion, spot checks, household
visits and repair statistics."""

from ui.registry import PageSpec

PAGES = (PageSpec("repairs", "维修工单", "ui.repairs.repairs_page:RepairsPage", "app.repairs:nav_badge"),)
REPORT_TABS = ("ui.repairs.statistics_tab",)
