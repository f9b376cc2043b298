"""The first window: login, or the first-start set-up of the site and the admin.

It is shown before the database layer is even imported; the backend arrives
through :meth:`set_backend` once a background thread has opened (and if needed
upgraded) the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)


class LoginDialog(QDialog):
    logged_in = Signal(object)  # the service Context, with ctx.actor set
    #: The database was repaired (restored or rescued): open it again.
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None, home=None):
        super().__init__(parent)
        self.home = home
        self.setWindowTitle("FrontDesk 物业客服前台 — 登录")
        self.ctx = None
        self._pending_login = False
        self.stack = QStackedWidget(self)

        # -- login page
        login = QWidget()
        form = QFormLayout(login)
        self.title = QLabel("物业客服前台")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 20px; font-weight: bold; margin: 8px;")
        form.addRow(self.title)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("用户名", self.username)
        form.addRow("密码", self.password)
        self.login_button = QPushButton("登录")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.try_login)
        form.addRow(self.login_button)
        self.stack.addWidget(login)

        # -- first-start page
        setup = QWidget()
        sform = QFormLayout(setup)
        self.setup_form = sform
        sform.addRow(QLabel("首次启动：请填写站点信息并创建管理员账号"))
        self.site_code = QLineEdit()
        self.site_name = QLineEdit()
        self.company = QLineEdit()
        self.admin_username = QLineEdit("admin")
        self.admin_name = QLineEdit()
        self.admin_password = QLineEdit()
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_password2 = QLineEdit()
        self.admin_password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.site_code.setPlaceholderText("如 SG01：本服务中心的简短编码，总部靠它区分各站点")
        self.site_name.setPlaceholderText("如 阳光花园服务中心")
        self.company.setPlaceholderText("如 示例物业服务有限公司")
        self.admin_name.setPlaceholderText("真实姓名，打印在表单上")
        self.admin_password.setPlaceholderText("至少 8 位，不能是常见密码或用户名")
        setup_fields = (("站点编码", self.site_code), ("服务中心名称", self.site_name), ("公司名称", self.company),
                        ("管理员用户名", self.admin_username), ("管理员姓名", self.admin_name),
                        ("密码", self.admin_password), ("再次输入密码", self.admin_password2))
        for label, w in setup_fields:
            sform.addRow(label, w)
        # Enter moves to the next field and, on the last one, creates the site
        widgets = [w for _, w in setup_fields]
        for here, there in zip(widgets, widgets[1:]):
            here.returnPressed.connect(there.setFocus)
        widgets[-1].returnPressed.connect(lambda: self.try_setup())
        self.setup_button = QPushButton("创建站点并登录")
        self.setup_button.clicked.connect(self.try_setup)
        sform.addRow(self.setup_button)
        self.stack.addWidget(setup)
        #: Where the data lives (ui/admin/connection_page.py), offered on a desk that has not chosen.
        self.connection_page = None
        #: The shared database's password typed into the prompt (memory only), for the next attempt
        #: to open it; with 记住密码 it goes to the credential store once the connection worked.
        self.database_password: str | None = None
        self._remember_for = None
        self.password_prompt = None  # the open ui/admin/password_prompt.py dialog

        self.message = QLabel("正在连接数据库…")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555;")
        # -- ways out of a damaged database (shown only then)
        self.damage_panel = QWidget()
        row = QHBoxLayout(self.damage_panel)
        row.setContentsMargins(0, 0, 0, 0)
        self.restore_button = QPushButton("恢复最新备份")
        self.restore_button.setObjectName("restore_newest")
        self.recover_button = QPushButton("抢救可读出的记录")
        self.recover_button.setObjectName("recover")
        row.addWidget(self.restore_button)
        row.addWidget(self.recover_button)
        self.restore_button.clicked.connect(self.restore_newest)
        self.recover_button.clicked.connect(self.recover)
        self.damage_panel.setVisible(False)
        self.password_button = QPushButton("输入数据库密码")
        self.password_button.setObjectName("database_password")
        self.password_button.setVisible(False)
        self.password_button.clicked.connect(lambda: self.ask_database_password(*self._password_request))
        self._password_request = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        layout.addWidget(self.message)
        layout.addWidget(self.damage_panel)
        layout.addWidget(self.password_button)
        self.resize(380, 240)
        self.username.setFocus()

    # -- backend ---------------------------------------------------------------
    def set_backend(self, ctx) -> None:
        from app.core import users

        self.ctx = ctx
        try:
            self.title.setText(ctx.site.name)
            self.message.setText("")
        except Exception:
            pass
        self.password_button.setVisible(False)
        self.login_button.setEnabled(True)
        self._remember_typed_password()
        if not users.is_initialised(ctx):
            self.stack.setCurrentIndex(1)
            self._offer_shared_database(ctx)
            self.setWindowTitle("FrontDesk 物业客服前台 — 首次设置")
            self.message.setText("")
            self.site_code.setFocus()
        elif self._pending_login:
            self.try_login()

    # -- where the data lives ------------------------------------------------------
    def _offer_shared_database(self, ctx) -> None:
        """A desk that has not chosen yet may connect to the service centre's shared database
        instead of keeping its data on this computer."""
        from app.core import connection

        if ctx.engine.dialect.name != "sqlite" or connection.load(ctx.paths) is not None:
            return
        if self.connection_page is None:
            from ui.admin.connection_page import ConnectionPage

            self.connection_page = ConnectionPage(ctx.paths)
            self.connection_page.local_chosen.connect(lambda: self.stack.setCurrentIndex(1))
            self.connection_page.shared_chosen.connect(self._shared_chosen)
            self.stack.addWidget(self.connection_page)
            bar = QWidget()
            row = QHBoxLayout(bar)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(QLabel("数据保存在这台电脑上。多台前台共用数据？"))
            self.shared_link = QPushButton("连接服务中心共享数据库…")
            self.shared_link.setObjectName("connect_shared")
            self.shared_link.clicked.connect(lambda: self._show_connection(self.connection_page.show_shared))
            server = QPushButton("如何设置共享服务器…")
            server.clicked.connect(lambda: self._show_connection(self.connection_page.show_server_help))
            row.addWidget(self.shared_link)
            row.addWidget(server)
            self.setup_form.insertRow(1, bar)
            bar.show()
            self.resize(max(self.width(), 600), self.height())

    def _show_connection(self, page) -> None:
        self.stack.setCurrentWidget(self.connection_page)
        page()

    def _shared_chosen(self, db) -> None:
        self.ctx = None
        self.stack.setCurrentIndex(0)
        self.message.setStyleSheet("color: #555;")
        self.message.setText(f"已选择共享数据库 {db.label}，正在打开……")
        self.retry_requested.emit()

    # -- the shared database's password ----------------------------------------------
    def ask_database_password(self, db, message: str) -> None:
        """The shared database needs a password this desk does not have (or the server refused
        it): ask, then open the database again with it."""
        from ui.admin.password_prompt import PasswordPrompt

        self.database_password = None
        self.message.setStyleSheet("color: #555;")
        self.message.setText("请在弹出的窗口中输入共享数据库的密码。")
        self.login_button.setEnabled(False)
        prompt = PasswordPrompt(db.label, message, self)
        self.password_prompt = prompt

        def done(accepted: int) -> None:
            self.password_prompt = None
            if not accepted:
                self.show_error("未输入共享数据库的密码，无法打开数据库。")
                self._password_request = (db, message)
                self.password_button.setVisible(True)
                return
            self.password_button.setVisible(False)
            self.database_password = prompt.password.text()
            self._remember_for = db if prompt.remember.isChecked() else None
            self.message.setStyleSheet("color: #555;")
            self.message.setText(f"正在连接共享数据库 {db.label}……")
            self.retry_requested.emit()

        prompt.finished.connect(done)
        prompt.open()

    def _remember_typed_password(self) -> None:
        """The typed password opened the database: file it in the credential store when asked to."""
        password, db = self.database_password, self._remember_for
        self.database_password = self._remember_for = None
        if not password or db is None:
            return
        from app.core import connection
        from app.domain.errors import FrontDeskError

        try:
            connection.store_password(db, password)
        except FrontDeskError as exc:  # no credential store: the desk asks again next time
            self.show_error(str(exc))

    def backend_failed(self, text: str, damaged: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(text)
        self.login_button.setEnabled(False)
        self.damage_panel.setVisible(damaged)
        if damaged:
            self.resize(max(self.width(), 560), self.height())

    def _repair(self, action, question: str) -> None:
        from ui.shared.common import Dialogs

        if not Dialogs.confirm(self, question):
            return
        try:
            text = action()
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.damage_panel.setVisible(False)
        self.message.setStyleSheet("color: #555;")
        self.message.setText(text + "正在重新打开数据库…")
        self.login_button.setEnabled(True)
        self.retry_requested.emit()

    def restore_newest(self) -> None:
        def action():
            from app.core import recovery

            result = recovery.restore_newest(self.home)
            return f"已恢复 {result.restored.created_at:%Y-%m-%d %H:%M} 的备份。损坏的数据库已保留。"

        self._repair(action, "用最新的备份替换损坏的数据库？该备份之后录入的内容会丢失；损坏的文件会保留。")

    def recover(self) -> None:
        def action():
            from app.core import recovery

            result, _kept = recovery.recover_home(self.home)
            return f"已抢救 {sum(result.tables.values())} 行记录到新的数据库。损坏的数据库已保留。"

        self._repair(action, "把仍能读出的记录抢救到新的数据库？损坏的文件会保留。")

    def show_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(text)

    # -- actions ---------------------------------------------------------------
    def try_login(self) -> None:
        if self.ctx is None:
            self._pending_login = True
            self.message.setText("正在连接数据库，稍后自动登录…")
            return
        self._pending_login = False
        from app.domain.errors import FrontDeskError
        from app.core import users

        try:
            actor = users.login(self.ctx, self.username.text(), self.password.text())
        except FrontDeskError as exc:
            self.show_error(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.ctx.actor = actor
        if users.must_change_password(self.ctx):
            self._first_password()
            return
        self.logged_in.emit(self.ctx)
        self.accept()

    def _first_password(self) -> None:
        """An account an administrator created or reset chooses its own password before working."""
        from ui.admin.users_tab import ChangePasswordDialog
        from ui.shared.common import UiEnv

        dialog = ChangePasswordDialog(UiEnv(self.ctx, None), self)
        dialog.setWindowTitle("首次登录：请设置您自己的密码")
        dialog.set_intro("这是您第一次登录（或密码刚被管理员重置）。请设置只有您自己知道的新密码："
                         "至少 8 位，不要用常见密码，也不要与用户名相同。")
        dialog.old.setText(self.password.text())
        dialog.old.setEnabled(False)
        self.first_password_dialog = dialog  # tests reach the open dialog here

        def done(accepted: int) -> None:
            if accepted:
                self.logged_in.emit(self.ctx)
                self.accept()
            else:
                self.ctx.actor = None
                self.show_error("请先设置新密码才能使用系统")

        dialog.finished.connect(done)
        dialog.open()

    def try_setup(self) -> None:
        from app.domain.errors import FrontDeskError
        from app.core import users

        if self.admin_password.text() != self.admin_password2.text():
            self.show_error("密码：两次输入不一致")
            return
        try:
            actor = users.init_site(self.ctx, site_code=self.site_code.text(), site_name=self.site_name.text(),
                                    company_name=self.company.text(), admin_username=self.admin_username.text(),
                                    admin_name=self.admin_name.text(), password=self.admin_password.text())
        except FrontDeskError as exc:
            self.show_error(str(exc))
            return
        if self.connection_page is not None:
            from app.core import connection

            connection.use_local(self.ctx.paths)  # remembered: this desk keeps its data here
        from ui.shared.common import Dialogs

        Dialogs.info(self, "站点已创建。下一步请导入房屋住户名册（报表与导出 → 工作簿 → 导入房屋住户名册）：\n"
                           "有了楼栋、房号和住户，接待时输入电话或房号就能找到住户。", "下一步")
        self.ctx.actor = actor
        self.logged_in.emit(self.ctx)
        self.accept()
