"""Workbook screens: export, import and roster import, automatic export and the closing reminder."""

REPORT_TABS = ("ui.exchange.workbook_tab",)
SETTINGS_TABS = ("ui.exchange.auto_export_tab",)
HOOKS = ("ui.exchange.export_reminder",)
