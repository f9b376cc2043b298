"""账号 menu for every user: 修改密码…"""

from __future__ import annotations


def on_login(env, window) -> None:
    from PySide6.QtGui import QAction

    menu = window.menuBar().addMenu("账号(&A)")
    action = QAction("修改密码…", window)
    action.setObjectName("change_password_action")

    def change_password():
        from ui.shared.common import Dialogs
        from ui.admin.users_tab import ChangePasswordDialog

        dialog = ChangePasswordDialog(env, window)
        window._change_password_dialog = dialog  # tests reach the open dialog here
        dialog.accepted.connect(lambda: Dialogs.info(window, "密码已修改，下次登录请使用新密码。"))
        dialog.open()

    action.triggered.connect(change_password)
    menu.addAction(action)
