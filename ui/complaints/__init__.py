"""Complaint and follow-up screens: work lists, the complaint dialog, the supervisor's daily
review, follow-ups, monthly statistics and the complaint rules."""

from ui.registry import PageSpec

PAGES = (
    PageSpec("complaints", "投诉处理", "ui.complaints.complaints_page:ComplaintsPage", "app.complaints:nav_badge"),
    PageSpec("followups", "回访", "ui.complaints.followups_page:FollowUpsPage", "app.complaints.followups:nav_badge"),
)
REPORT_TABS = ("ui.complaints.statistics_tab", "ui.complaints.analysis_tab")
SETTINGS_TABS = ("ui.complaints.settings_tab",)
HOOKS = ("ui.complaints.escalation_hook",)
