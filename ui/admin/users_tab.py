"""用户管理 (管理员): add accounts, edit them, reset passwords, deactivate and reactivate.
Accounts are never deleted. Also the 修改密码 dialog every user can open."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv
from ui.residents.form_dialog import FormDialog
from ui.residents.list_base import fit_columns, make_table
from ui.shared.rows_table_model import Column, RowsTableModel

TITLE = "用户管理"
ORDER = 80
MIN_ROLE = Role.ADMIN


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _same(first: QLineEdit, second: QLineEdit, label: str = "新密码") -> str:
    from app.domain.errors import ValidationError

    if first.text() != second.text():
        raise ValidationError(label, "两次输入不一致", "password2")
    return first.text()


class UserTableModel(RowsTableModel):
    def __init__(self, now, parent=None):
        def state(u):
            if not u.active:
                return "停用"
            if u.locked_until and u.locked_until > now():
                return f"锁定至 {u.locked_until:%H:%M}"
            return "启用"

        super().__init__([
            Column("用户名", lambda u: u.username),
            Column("姓名", lambda u: u.name),
            Column("角色", lambda u: u.role),
            Column("部门", lambda u: u.department),
            Column("电话", lambda u: u.phone),
            Column("状态", state),
            Column("最后登录", lambda u: u.last_login_at),
        ], parent, dimmed=lambda u: not u.active)


class UserDialog(FormDialog):
    def __init__(self, env: UiEnv, row=None, parent: QWidget | None = None):
        super().__init__(f"编辑用户 {row.username}" if row else "新增用户", parent)
        from app.core import departments

        self.env, self.row = env, row
        if row is None:
            self.username = self.add_row("用户名 *", QLineEdit(), "username")
            self.username.setPlaceholderText("登录用，字母或数字，如 wangli")
        else:
            self.add_row("用户名", QLabel(row.username))
        self.name = self.add_row("姓名 *", QLineEdit(), "name")
        self.role = self.add_row("角色", QComboBox(), "role")
        self.role.addItems([r.value for r in Role])
        self.department = self.add_row("部门", QComboBox(), "department")
        self.department.setEditable(True)
        self.department.addItems([""] + departments.list_names(env.ctx))
        self.phone = self.add_row("电话", QLineEdit(), "phone")
        if row is None:
            self.password = self.add_row("密码 *", _password_field(), "password")
            self.password2 = self.add_row("再次输入密码 *", _password_field(), "password2")
        else:
            self.name.setText(row.name)
            self.role.setCurrentText(row.role)
            self.department.setCurrentText(row.department or "")
            self.phone.setText(row.phone or "")

    def save(self):
        from app.core import users

        if self.row is None:
            password = _same(self.password, self.password2, "密码")
            return users.add_user(self.env.ctx, username=self.username.text(), name=self.name.text(),
                                  role=self.role.currentText(), password=password,
                                  department=self.department.currentText(), phone=self.phone.text())
        return users.update_user(self.env.ctx, self.row.username, name=self.name.text(),
                                 role=self.role.currentText(), department=self.department.currentText(),
                                 phone=self.phone.text())


class ResetPasswordDialog(FormDialog):
    def __init__(self, env: UiEnv, row, parent: QWidget | None = None):
        super().__init__(f"重置密码：{row.name}（{row.username}）", parent)
        self.env, self.row = env, row
        self.password = self.add_row("新密码 *", _password_field(), "password")
        self.password2 = self.add_row("再次输入 *", _password_field(), "password2")
        self.add_row("", QLabel("重置后账号解除锁定；请把新密码当面告知本人，并提醒其登录后修改。"))

    def save(self):
        from app.core import users

        users.reset_password(self.env.ctx, self.row.username, _same(self.password, self.password2))
        return self.row


class ChangePasswordDialog(FormDialog):
    """修改密码 for whoever is logged in."""

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__("修改密码", parent)
        self.env = env
        self.add_row("用户", QLabel(f"{env.actor.name}（{env.actor.username}）"))
        self.old = self.add_row("原密码 *", _password_field(), "old")
        self.password = self.add_row("新密码 *", _password_field(), "password")
        self.password2 = self.add_row("再次输入 *", _password_field(), "password2")

    def save(self):
        from app.core import users

        new = _same(self.password, self.password2)
        users.change_own_password(self.env.ctx, self.old.text(), new)
        return True


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.model = UserTableModel(env.ctx.now, self)
        self.view = make_table(self.model, "users_table")
        self.view.doubleClicked.connect(self.edit_user)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.add_button = QPushButton("新增用户…")
        self.edit_button = QPushButton("编辑…")
        self.reset_button = QPushButton("重置密码…")
        self.active_button = QPushButton("停用")
        self.own_button = QPushButton("修改我的密码…")
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.own_button.clicked.connect(self.change_own_password)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.reset_button, self.active_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.own_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(QLabel("账号不能删除：离职人员请停用。连续输错密码 5 次会锁定 5 分钟，重置密码即可解锁。"))
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        from app.core import users

        keep = select or getattr(self.current(), "username", None)
        self.model.set_rows(users.list_users(self.env.ctx))
        fit_columns(self.view)
        self.model.select(self.view, None if keep is None else (lambda u: u.username == keep))
        self._update_buttons()

    def current(self):
        index = self.view.currentIndex()
        return self.model.row_at(index)

    def _update_buttons(self, *_args) -> None:
        user = self.current()
        for b in (self.edit_button, self.reset_button, self.active_button):
            b.setEnabled(user is not None)
        self.active_button.setText("启用" if user is not None and not user.active else "停用")

    def _open(self, dialog) -> None:
        self.dialog = dialog  # tests reach the open dialog here
        dialog.accepted.connect(lambda: self.refresh(getattr(dialog.saved, "username", None)))
        dialog.open()

    def add_user(self) -> None:
        self._open(UserDialog(self.env, parent=self))

    def edit_user(self, *_args) -> None:
        user = self.current()
        if user is not None:
            self._open(UserDialog(self.env, user, parent=self))

    def reset_password(self) -> None:
        user = self.current()
        if user is not None:
            self._open(ResetPasswordDialog(self.env, user, parent=self))

    def change_own_password(self) -> None:
        self.dialog = ChangePasswordDialog(self.env, self)
        self.dialog.accepted.connect(lambda: Dialogs.info(self, "密码已修改，下次登录请使用新密码。"))
        self.dialog.open()

    def toggle_active(self) -> None:
        from app.core import users

        user = self.current()
        if user is None:
            return
        if user.active and not Dialogs.confirm(self, f"停用 {user.name}（{user.username}）？停用后不能登录，记录保留。"):
            return
        try:
            users.set_active(self.env.ctx, user.username, not user.active)
        except Exception as exc:
            Dialogs.error(self, exc)
        self.refresh(user.username)
