"""The first-start choice of database: this computer alone, the service centre's shared
database (with 测试连接), or how to make one computer the shared server.

Embedded by the login window's first-start page, and usable on its own. It emits
``local_chosen`` or ``shared_chosen(SharedDatabase)`` once the choice is saved
(``app.core.connection``: the address in the data folder, the password in the system's
credential store).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from ui.shared.worker import TaskRunner

SERVER_STEPS = """
<h3>把一台电脑设为服务中心的共享服务器</h3>
<p>选一台始终开机的电脑（例如客服主管办公室的电脑），它保存所有前台的数据：</p>
<ol>
<li>在这台电脑上安装 PostgreSQL（16 版，Windows 安装程序），安装时记下为 postgres 账户设置的密码。</li>
<li>在这台电脑上安装 FrontDesk，打开“命令提示符”，运行：<br>
<code>frontdesk server prepare</code><br>
按提示输入 postgres 的密码。它会建好数据库和账户，并显示其他前台要填写的<b>服务器地址、端口、数据库名、用户名和密码</b>。</li>
<li>在 Windows 防火墙中放行 TCP 5432 端口（只对本单位网络）：<br>
<code>netsh advfirewall firewall add rule name="FrontDesk 数据库" dir=in action=allow protocol=TCP localport=5432 profile=private,domain</code></li>
<li>按说明设置每晚自动备份（见安装目录中的 SERVER.md）。</li>
<li>在每台前台电脑的首次设置中选“连接服务中心共享数据库”，填写第 2 步显示的内容，点“测试连接”。</li>
</ol>
<p>已经单机使用过的前台，可以在 系统设置 → 数据库 中把原有记录（含全部历史）迁移到共享数据库。</p>
"""


class ConnectionPage(QWidget):
    local_chosen = Signal()
    shared_chosen = Signal(object)  # app.core.connection.SharedDatabase

    def __init__(self, paths, parent: QWidget | None = None):
        super().__init__(parent)
        self.paths = paths
        self._runner: TaskRunner | None = None
        self.stack = QStackedWidget()

        # -- the choice
        choice = QWidget()
        cl = QVBoxLayout(choice)
        cl.addWidget(QLabel("首次启动：这台电脑的数据保存在哪里？"))
        self.local_button = QPushButton("本机单独使用（数据保存在这台电脑上）")
        self.local_button.setObjectName("choose_local")
        self.shared_button = QPushButton("连接服务中心共享数据库（多台前台共用）")
        self.shared_button.setObjectName("choose_shared")
        self.server_button = QPushButton("如何把一台电脑设为共享服务器…")
        self.server_button.setObjectName("choose_server_help")
        for b in (self.local_button, self.shared_button, self.server_button):
            b.setMinimumHeight(36)
            cl.addWidget(b)
        cl.addStretch(1)
        self.stack.addWidget(choice)

        # -- the shared database
        shared = QWidget()
        form = QFormLayout(shared)
        form.addRow(QLabel("请填写服务器管理员提供的连接信息："))
        self.host = QLineEdit()
        self.host.setObjectName("host")
        self.host.setPlaceholderText("如 192.168.1.20 或 KEFU-PC")
        self.port = QLineEdit("5432")
        self.port.setObjectName("port")
        self.database = QLineEdit("frontdesk")
        self.database.setObjectName("database")
        self.user = QLineEdit("frontdesk")
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("db_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for label, w in (("服务器地址", self.host), ("端口", self.port), ("数据库名", self.database),
                         ("用户名", self.user), ("密码", self.password)):
            form.addRow(label, w)
        row = QHBoxLayout()
        self.back_button = QPushButton("上一步")
        self.test_button = QPushButton("测试连接")
        self.test_button.setObjectName("test_connection")
        self.use_button = QPushButton("连接并使用")
        self.use_button.setObjectName("use_shared")
        self.use_button.setEnabled(False)
        for b in (self.back_button, self.test_button, self.use_button):
            row.addWidget(b)
        form.addRow(row)
        self.result = QLabel()
        self.result.setObjectName("connection_result")
        self.result.setWordWrap(True)
        form.addRow(self.result)
        self.stack.addWidget(shared)

        # -- making a server
        help_page = QWidget()
        hl = QVBoxLayout(help_page)
        text = QTextBrowser()
        text.setObjectName("server_steps")
        text.setHtml(SERVER_STEPS)
        hl.addWidget(text)
        back = QPushButton("返回")
        hl.addWidget(back)
        self.stack.addWidget(help_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.local_button.clicked.connect(self.choose_local)
        self.shared_button.clicked.connect(lambda: self._show(1))
        self.server_button.clicked.connect(lambda: self._show(2))
        self.back_button.clicked.connect(lambda: self._show(0))
        back.clicked.connect(lambda: self._show(0))
        self.test_button.clicked.connect(self.test)
        self.use_button.clicked.connect(self.use)
        for w in (self.host, self.port, self.database, self.user, self.password):
            w.textEdited.connect(self._edited)
        self._tested = None  # the SharedDatabase that passed the test

    def show_shared(self) -> None:
        self._show(1)

    def show_server_help(self) -> None:
        self._show(2)

    def _show(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        if index == 1:
            self.host.setFocus()

    def _edited(self) -> None:
        self._tested = None
        self.use_button.setEnabled(False)

    def _say(self, text: str, ok: bool) -> None:
        self.result.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")
        self.result.setText(text)

    # -- actions -------------------------------------------------------------------
    def choose_local(self) -> None:
        from app.core import connection

        connection.use_local(self.paths)
        self.local_chosen.emit()

    def _fields(self):
        from app.core.connection import SharedDatabase

        return SharedDatabase.checked(self.host.text(), self.port.text(), self.database.text(), self.user.text())

    def test(self) -> None:
        """Try the connection on a background thread (an unreachable host takes seconds)."""
        from app.core import connection
        from app.domain.errors import FrontDeskError

        try:
            db = self._fields()
        except FrontDeskError as exc:
            self._say(str(exc), False)
            return
        password = self.password.text()
        self.test_button.setEnabled(False)
        self._say(f"正在连接 {db.host}:{db.port}……", True)
        if self._runner is None:
            self._runner = TaskRunner(self)
        self._runner.submit(connection.test_connection, db, password,
                            on_done=lambda info: self._tested_ok(db, info), on_error=self._test_failed)

    def _tested_ok(self, db, info) -> None:
        self.test_button.setEnabled(True)
        self._tested = db
        self.use_button.setEnabled(True)
        where = f"数据库中已有站点 {info.site}，连接后直接登录。" if info.site else \
            "这是一个新的共享数据库，连接后请创建站点和管理员账号。"
        self._say(f"连接成功（PostgreSQL {info.version}）。{where}", True)

    def _test_failed(self, exc: BaseException) -> None:
        from ui.shared.common import error_text

        self.test_button.setEnabled(True)
        self._tested = None
        self.use_button.setEnabled(False)
        self._say(error_text(exc), False)

    def use(self) -> None:
        from app.core import connection
        from app.domain.errors import FrontDeskError

        if self._tested is None:
            return
        try:
            connection.use_shared(self.paths, self._tested, self.password.text())
        except FrontDeskError as exc:
            self._say(str(exc), False)
            return
        self.password.clear()
        self.shared_chosen.emit(self._tested)
