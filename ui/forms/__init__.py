"""Paper-form screens: printing any form of a period, importing signed scans, the form settings
(font, templates), and ``signed_copies.SignedCopiesWidget`` for record dialogs."""

REPORT_TABS = ("ui.forms.forms_tab", "ui.forms.scans_tab")
SETTINGS_TABS = ("ui.forms.settings_tab",)
