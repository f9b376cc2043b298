"""Administration screens of the shared kernel: users, departments, the working-day calendar,
and the account menu."""

SETTINGS_TABS = ("ui.admin.users_tab", "ui.admin.departments_tab", "ui.admin.calendar_tab")
HOOKS = ("ui.admin.account_menu",)
