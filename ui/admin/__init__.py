"""Administration screens of the shared kernel: users, departments, the working-day calendar,
the account and help menus (关于, 诊断信息), and backups (automatic, by hand, restore)."""

SETTINGS_TABS = ("ui.admin.users_tab", "ui.admin.departments_tab", "ui.admin.calendar_tab", "ui.admin.backup_tab")
HOOKS = ("ui.admin.account_menu", "ui.admin.backup_hook", "ui.admin.help_menu")
