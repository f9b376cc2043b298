"""整改通知: the rectification notices, overdue ones red; 复查, 签收, 打印 (ZX-02), 作废."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from app import renovation as reno
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may
from ui.shared.print_preview import preview_form
from ui.renovation.recheck_dialog import RecheckDialog
from ui.shared.rows_table_model import GREY, RED, RED_BG, Column, RowStyle, RowsTableModel, rows_table_view

OPEN, ALL = "未结", "全部"

COLUMNS = [
    Column("编号", lambda n: n.notice_no),
    Column("房号", lambda n: n.unit_no),
    Column("发出时间", lambda n: n.issued_at),
    Column("违规项", lambda n: "、".join(n.failed_list)),
    Column("违规事实", lambda n: n.facts, tooltip=lambda n: n.facts),
    Column("整改期限", lambda n: n.deadline),
    Column("状态", lambda n: n.status + ("（逾期）" if n.overdue else "")),
    Column("签收人", lambda n: n.signed_by),
    Column("复查", lambda n: f"{n.recheck_at:%m-%d %H:%M} {n.recheck_result}" if n.recheck_at else ""),
    Column("措施", lambda n: n.escalation),
]


def notice_style(n) -> RowStyle | None:
    if n.overdue:
        return RowStyle(fg=RED, bg=RED_BG, bold=True)
    if not n.is_open:
        return RowStyle(fg=GREY)
    return None


class NoticeList(QWidget):
    changed = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.dialog = None
        self.filter = QComboBox()
        self.filter.addItems([OPEN, ALL])
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("显示"))
        top.addWidget(self.filter)
        top.addWidget(self.summary, 1)
        self.model = RowsTableModel(COLUMNS, self, style=notice_style)
        self.table = rows_table_view(self.model, "notices_table")
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(4, 360)
        self.table.activated.connect(lambda _i: self.recheck())
        buttons = QHBoxLayout()
        self.recheck_button = QPushButton("复查 (Enter)")
        self.sign_button = QPushButton("登记签收")
        self.print_button = QPushButton("打印通知书 (Ctrl+P)")
        self.void_button = QPushButton("作废")
        self.void_button.setVisible(may(env, "record.void"))
        for b, slot in ((self.recheck_button, self.recheck), (self.sign_button, self.sign),
                        (self.print_button, self.print_notice), (self.void_button, self.void)):
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.print_notice,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def refresh(self, keep: str | None = None) -> None:
        current = keep or (self.current().uuid if self.current() else None)
        try:
            rows = reno.list_notices(self.env.ctx, open_only=self.filter.currentText() == OPEN)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        self.model.set_rows(rows)
        open_n = sum(1 for n in rows if n.is_open)
        overdue = sum(1 for n in rows if n.overdue)
        self.summary.setText(f"未结 {open_n} 份" + (f"，<span style='color:#c62828'>逾期 {overdue} 份</span>"
                                                     if overdue else ""))
        row = self.model.find(current) if current else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)

    def current(self):
        index = self.table.currentIndex()
        return self.model.row_at(index)

    def select(self, number: str) -> None:
        for i, n in enumerate(self.model.rows):
            if n.notice_no == number:
                self.table.selectRow(i)
                return

    def recheck(self) -> None:
        n = self.current()
        if n is None or not n.is_open:
            return
        self.dialog = RecheckDialog(self.env, n, self)
        try:
            ok = self.dialog.exec()
        finally:
            dialog, self.dialog = self.dialog, None
        if ok:
            self.refresh(keep=dialog.saved.uuid)
            self.changed.emit()

    def sign(self) -> None:
        n = self.current()
        if n is None:
            return
        name = Dialogs.ask_text(self, "登记签收", f"{n.notice_no} 签收人：", n.signed_by or "")
        if name is None:
            return
        try:
            reno.sign_notice(self.env.ctx, n.uuid, name, expected_version=n.version)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
        self.refresh(keep=n.uuid)

    def print_notice(self) -> None:
        n = self.current()
        if n is None:
            return
        preview_form(self.env, self, "rectification-notice", number=n.notice_no)

    def void(self) -> None:
        n = self.current()
        if n is None:
            return
        reason = Dialogs.ask_text(self, "作废整改通知书", f"作废 {n.notice_no}，原因：")
        if reason is None:
            return
        try:
            reno.void_notice(self.env.ctx, n.uuid, reason, expected_version=n.version)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
        self.refresh()
        self.changed.emit()
