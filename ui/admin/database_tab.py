"""系统设置 → 数据库: which database this desk uses, and (管理员) moving this site with its whole
history into the service centre's empty shared database."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv

TITLE = "数据库"
ORDER = 88
MIN_ROLE = Role.ADMIN


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        from app.core import connection

        self.env = env
        layout = QVBoxLayout(self)
        saved = connection.load(env.ctx.paths)
        if saved is not None and saved.mode == "shared":
            where = f"本机使用服务中心共享数据库 {saved.shared.label}（密码保存在系统凭据库中）。"
        else:
            where = f"本机单独使用，数据保存在 {env.ctx.paths.database}。"
        self.where = QLabel(where)
        self.where.setObjectName("database_where")
        self.where.setWordWrap(True)
        layout.addWidget(self.where)

        box = QWidget()
        form = QFormLayout(box)
        form.addRow(QLabel("迁移到共享数据库：把本站点的全部记录（含历史、版本和作废记录）复制到一个空的共享数据库，"
                           "核对无误后本机改用它；原数据库文件保留为备份。"))
        self.host, self.port = QLineEdit(), QLineEdit("5432")
        self.database, self.user = QLineEdit("frontdesk"), QLineEdit("frontdesk")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for label, w in (("服务器地址", self.host), ("端口", self.port), ("数据库名", self.database),
                         ("用户名", self.user), ("密码", self.password)):
            form.addRow(label, w)
        row = QHBoxLayout()
        self.move_button = QPushButton("迁移到共享数据库")
        self.move_button.setObjectName("move_to_shared")
        self.move_button.clicked.connect(self.move)
        row.addWidget(self.move_button)
        row.addStretch(1)
        form.addRow(row)
        self.result = QLabel()
        self.result.setObjectName("move_result")
        self.result.setWordWrap(True)
        form.addRow(self.result)
        box.setVisible(env.ctx.engine.dialect.name == "sqlite")
        layout.addWidget(box)
        layout.addStretch(1)

    def move(self) -> None:
        from app.core import connection, move
        from app.domain.errors import FrontDeskError

        try:
            db = connection.SharedDatabase.checked(self.host.text(), self.port.text(), self.database.text(),
                                                   self.user.text())
        except FrontDeskError as exc:
            self._say(str(exc), False)
            return
        if not Dialogs.confirm(self, f"把本站点的全部记录迁移到 {db.label}？\n迁移期间请不要在其他前台录入。"):
            return
        url = db.url(self.password.text())
        self.move_button.setEnabled(False)
        self._say("正在迁移……", True)
        self.env.runner.submit(move.move_to, self.env.ctx, url, on_done=self._moved, on_error=self._failed,
                               label="正在迁移到共享数据库")

    def _moved(self, result) -> None:
        self.move_button.setEnabled(True)
        self.password.clear()
        kept = f"原数据库文件 {result.old_database} 未改动，保留为备份。" if result.old_database else ""
        self._say(f"已迁移 {result.total} 行记录，核对一致。请退出并重新启动程序，本机将使用共享数据库。{kept}", True)

    def _failed(self, exc: BaseException) -> None:
        from ui.shared.common import error_text

        self.move_button.setEnabled(True)
        self._say(error_text(exc), False)

    def _say(self, text: str, ok: bool) -> None:
        self.result.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")
        self.result.setText(text)
