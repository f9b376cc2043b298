"""逐户确认: the households of an important notice, each confirmed (by whom, how) or tried again;
the coverage at the top."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app import desk
from ui.shared.common import Dialogs, UiEnv
from ui.shared.form_dialog import combo
from ui.shared.rows_table_model import DIMMED, DONE, WARN, Column, RowsTableModel, rows_table_view

COLUMNS = [
    Column("房号", lambda c: c.unit_no),
    Column("状态", lambda c: c.status),
    Column("确认人", lambda c: c.confirmed_by),
    Column("确认时间", lambda c: c.confirmed_at),
    Column("方式", lambda c: c.method),
    Column("联系次数", lambda c: c.tries, align_right=True),
    Column("联系人", lambda c: c.staff),
    Column("备注", lambda c: c.note),
]
_STYLE = {desk.ConfirmStatus.CONFIRMED.value: DONE, desk.ConfirmStatus.UNREACHABLE.value: WARN}


class ConfirmationsDialog(QDialog):
    def __init__(self, env: UiEnv, notice: desk.NoticeRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.env, self.notice = env, notice
        self.saved = None
        self.setWindowTitle(f"逐户确认：{notice.title}")
        self.resize(820, 560)
        self.coverage = QLabel()
        self.coverage.setObjectName("coverage")
        self.model = RowsTableModel(COLUMNS, self, style=lambda c: _STYLE.get(c.status, None if c.tries == 0
                                                                                 else DIMMED), key="unit_no")
        self.table = rows_table_view(self.model, "confirmations_table")
        self.who = QLineEdit()
        self.who.setPlaceholderText("确认人，如 陈先生（业主）")
        self.method = combo([m.value for m in desk.ConfirmMethod])
        self.note = QLineEdit()
        self.note.setPlaceholderText("备注")
        confirmed = QPushButton("已确认")
        confirmed.clicked.connect(lambda: self.record(True))
        missed = QPushButton("未联系上")
        missed.clicked.connect(lambda: self.record(False))
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        for w in (self.who, self.method, self.note, confirmed, missed):
            row.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addWidget(self.coverage)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        keep = self.table.currentIndex().row()
        self.model.set_rows(desk.confirmations(self.env.ctx, self.notice.uuid))
        self.coverage.setText(desk.get_notice(self.env.ctx, self.notice.uuid).coverage.text)
        if self.model.rowCount():
            self.table.selectRow(max(0, min(keep, self.model.rowCount() - 1)))

    def record(self, reached: bool) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        try:
            desk.record_contact(self.env.ctx, self.notice.uuid, row.unit_no, reached=reached,
                                confirmed_by=self.who.text(), method=self.method.currentText(), note=self.note.text())
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        self.who.clear()
        self.note.clear()
        self.refresh()
        if index.row() + 1 < self.model.rowCount():
            self.table.selectRow(index.row() + 1)
