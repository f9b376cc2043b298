"""Administration screens of the shared kernel: users, departments, the working-day calendar,
the account and help menus (关于, 诊断信息), backups (automatic, by hand, restore), the database
(moving to the shared one) and the import conflicts."""

SETTINGS_TABS = ("ui.admin.users_tab", "ui.admin.departments_tab", "ui.admin.calendar_tab", "ui.admin.backup_tab",
                 "ui.admin.database_tab", "ui.admin.conflicts_tab", "ui.admin.roles_tab")
HOOKS = ("ui.admin.account_menu", "ui.admin.backup_hook", "ui.admin.help_menu")
