"""Asks for the shared database's password when this desk has none (a new Windows user, a
credential removed from the store) or the server refused the one it had.

The password stays in memory: it goes into the connection the desk opens and, with 记住密码,
into the operating system's credential store (app.core.connection.store_password) once the
connection worked. It is never written to a file, a log or the status bar.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)


class PasswordPrompt(QDialog):
    def __init__(self, label: str, message: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("共享数据库密码")
        layout = QVBoxLayout(self)
        self.message = QLabel(message)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        if message.startswith("密码不正确"):
            self.message.setStyleSheet("color: #c62828;")
        layout.addWidget(self.message)
        form = QFormLayout()
        form.addRow("数据库", QLabel(label))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("密码", self.password)
        layout.addLayout(form)
        self.remember = QCheckBox("记住密码（保存在本机的系统凭据库中，下次启动不再询问）")
        self.remember.setChecked(True)
        layout.addWidget(self.remember)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("连接")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.password.returnPressed.connect(self._accept)
        self.password.setFocus()
        self.resize(420, self.sizeHint().height())

    def _accept(self) -> None:
        if not self.password.text():
            self.message.setStyleSheet("color: #c62828;")
            self.message.setText("密码：请输入共享数据库的密码")
            self.password.setFocus()
            return
        self.accept()
