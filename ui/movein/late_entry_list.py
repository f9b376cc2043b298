"""逾期录入: handovers whose data went into the system more than a week after the handover
date (the one-week rule); the manager spot-checks them here."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.enums import Role
from app import movein as mi
from ui.shared.common import Dialogs, UiEnv
from ui.movein.tables import make_view
from ui.shared.rows_table_model import Column, RowsTableModel


class LateEntryList(QWidget):
    open_requested = Signal(str)  # handover uuid

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.unreviewed = QCheckBox("只看待核查的")
        self.unreviewed.setChecked(True)
        self.unreviewed.toggled.connect(lambda _: self.refresh())
        self.review_button = QPushButton("核查(&C)…")
        self.review_button.clicked.connect(self.review)
        actor = env.actor
        self.review_button.setEnabled(actor is not None and actor.at_least(Role.MANAGER))
        self.open_button = QPushButton("打开(&O)")
        self.open_button.clicked.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(QLabel("业主资料须在交付后一周内录入系统；逾期录入的记录由经理抽查核实。"))
        top.addStretch(1)
        top.addWidget(self.unreviewed)
        top.addWidget(self.open_button)
        top.addWidget(self.review_button)
        self.model = RowsTableModel([
            Column("房号", lambda r: r.unit_no), Column("接收人", lambda r: r.receiver_name),
            Column("办理时间", lambda r: r.handover_at), Column("逾期录入时间", lambda r: r.late_entry_at),
            Column("经办人", lambda r: r.handled_by), Column("状态", lambda r: r.status),
            Column("核查人", lambda r: r.late_reviewed_by), Column("核查时间", lambda r: r.late_reviewed_at)], self,
            style=lambda r: None if r.late_reviewed_at else "red")
        self.view = make_view(self.model)
        self.view.doubleClicked.connect(lambda _: self._open())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def current(self) -> mi.HandoverRow | None:
        return self.model.row_at(self.view.currentIndex())

    def refresh(self) -> None:
        self.env.runner.submit(mi.list_late_entries, self.env.ctx, unreviewed_only=self.unreviewed.isChecked(),
                               on_done=self.model.set_rows, on_error=lambda exc: Dialogs.error(self, exc), label="")

    def review(self) -> None:
        row = self.current()
        if row is None:
            return
        note = Dialogs.ask_text(self, "核查逾期录入", f"{row.unit_no}（{row.receiver_name}）核查意见：", "已核实")
        if note is None:
            return
        try:
            mi.review_late_entry(self.env.ctx, row.uuid, note, expected_version=row.version)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
        self.refresh()

    def _open(self) -> None:
        row = self.current()
        if row is not None:
            self.open_requested.emit(row.uuid)
