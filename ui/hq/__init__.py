"""Head-office screens: a window of its own (ui/hq/hq_window.py), opened instead of the desk's
main window on a head-office home; nothing is added to the desk's window."""

PAGES = ()
REPORT_TABS = ()
SETTINGS_TABS = ()
HOOKS = ()
