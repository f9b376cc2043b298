"""「待签字件 N 份」 for a feature's page: how many of the forms it printed still wait for
their signed copy, and on a click the list of them. One line adds it to a page:
``layout.addWidget(AwaitingSignatures(env, "repairs", self))``. It counts on the background
worker when it is made and every minute while its page is in front; with nothing waiting it takes no room."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.forms import printing
from ui.shared.common import UiEnv

REFRESH_MS = 60_000
HEADERS = ["打印时间", "表单", "内容", "页数", "打印单号", "状态", "打印人"]


def _count(ctx, feature: str) -> tuple[tuple[str, ...], int]:
    codes = printing.feature_form_codes(feature)
    return codes, printing.awaiting_count(ctx, codes)


class AwaitingSignatures(QWidget):
    def __init__(self, env: UiEnv, feature: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.feature = feature
        self.codes: tuple[str, ...] = ()
        self.count = 0
        self.setObjectName("awaiting_signatures")
        self.button = QPushButton()
        self.button.setFlat(True)
        self.button.setAutoDefault(False)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setStyleSheet("color: #1565c0; text-align: right; padding: 0 4px;")
        self.button.setToolTip("已打印、签字件还没有扫描存档的表单（点击查看）")
        self.button.clicked.connect(self.open_list)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.setVisible(False)
        self.reload()

    def _tick(self) -> None:
        page = self.parentWidget()
        if page is not None and page.isVisible():  # only the page in front counts again
            self.reload()

    def reload(self) -> None:
        if self.env.runner is None:
            self._show(_count(self.env.ctx, self.feature))
            return
        # A quiet background count, like the navigation badges: no progress line in the status
        # bar every minute, and a failed count (server away) is simply tried again next minute.
        self.env.runner.submit(_count, self.env.ctx, self.feature, on_done=self._show, on_error=lambda _e: None,
                               label="")

    def _show(self, result) -> None:
        self.codes, self.count = result
        self.button.setText(f"待签字件 {self.count} 份")
        self.setVisible(self.count > 0)

    def open_list(self) -> None:
        AwaitingDialog(self.env, self.codes, self).exec()
        self.reload()


class AwaitingDialog(QDialog):
    """The print jobs of some forms still waiting for their signed copy, newest first."""

    def __init__(self, env: UiEnv, codes: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.codes = codes
        self.setWindowTitle("待签字件")
        self.resize(900, 460)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hint = QLabel("签字后扫描，在 报表与导出 → 签字扫描件 导入：按每页右上角的表单码自动归档。")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        if env.runner is None:
            self._fill(self._rows())
        else:
            env.runner.submit(self._rows, on_done=self._fill, label="读取待签字件")

    def _rows(self):
        return printing.print_log(self.env.ctx, form_codes=self.codes, awaiting_only=True, limit=500)

    def _fill(self, rows) -> None:
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = [f"{r.at:%Y-%m-%d %H:%M}", f"{r.form_code} {r.form_name}", r.what, str(r.pages or ""),
                      r.job_code or "", r.state, r.actor]
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
