"""Paper-form screens: printing any form of a period, and the form settings (font, templates)."""

REPORT_TABS = ("ui.forms.forms_tab",)
SETTINGS_TABS = ("ui.forms.settings_tab",)
