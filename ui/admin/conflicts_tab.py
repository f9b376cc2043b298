"""系统设置 → 导入冲突 (客服主管): records edited both here and on another database, found when a
workbook was imported; keep this desk's version or take the workbook's."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv

TITLE = "导入冲突"
ORDER = 89
MIN_ROLE = Role.SUPERVISOR

HEADERS = ["发现时间", "记录编号", "本机版本（修改人）", "导入版本（修改人）", "不同之处"]
_SKIP = {"version", "updated_at", "updated_by", "uuid", "site_code", "phone_digits"}


def _differences(local: dict, incoming: dict) -> str:
    keys = [k for k in incoming if k not in _SKIP and local.get(k) != incoming.get(k)]
    return "；".join(f"{local.get(k) or '（空）'} → {incoming.get(k) or '（空）'}" for k in keys[:4])


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.rows = []
        layout = QVBoxLayout(self)
        intro = QLabel("导入工作簿时，若同一条记录在本机和对方各自修改过，系统不会覆盖本机的修改，而是列在这里。"
                       "两个版本都保存在该记录的历史中。请逐条选择保留哪个版本。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("conflicts")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.keep_button = QPushButton("保留本机版本")
        self.take_button = QPushButton("采用导入版本")
        self.keep_button.clicked.connect(lambda: self.resolve(False))
        self.take_button.clicked.connect(lambda: self.resolve(True))
        row.addWidget(self.keep_button)
        row.addWidget(self.take_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        from app.core import conflicts

        self.env.runner.submit(conflicts.open_conflicts, self.env.ctx, on_done=self._show, label="")

    def _show(self, rows) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, c in enumerate(rows):
            values = [f"{c.at:%Y-%m-%d %H:%M}", c.uuid, f"{c.local.get('version', '')}（{c.local_by or ''}）",
                      f"{c.incoming.get('version', '')}（{c.incoming_by or ''}）", _differences(c.local, c.incoming)]
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(str(v)))
        self.table.resizeColumnsToContents()

    def resolve(self, take_incoming: bool) -> None:
        from app.core import conflicts

        i = self.table.currentRow()
        if not 0 <= i < len(self.rows):
            Dialogs.info(self, "请先选择一条冲突")
            return
        which = "采用导入的版本" if take_incoming else "保留本机的版本"
        if not Dialogs.confirm(self, f"{which}？另一个版本仍保存在该记录的历史中。"):
            return
        try:
            conflicts.resolve(self.env.ctx, self.rows[i].event_id, take_incoming=take_incoming)
        except Exception as exc:
            Dialogs.error(self, exc)
        self.refresh()
