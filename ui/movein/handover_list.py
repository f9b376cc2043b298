"""办理记录: the handovers, newest first, searchable by unit or name and filtered by status."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app import movein as mi
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may
from ui.movein.tables import make_view
from ui.shared.rows_table_model import Column, RowsTableModel


class HandoverList(QWidget):
    open_requested = Signal(object)  # HandoverRow or None (a new handover)
    print_requested = Signal(str)  # unit number

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.search = QLineEdit()
        self.search.setPlaceholderText("房号或姓名")
        self.search.returnPressed.connect(self.refresh)
        self.status = QComboBox()
        self.status.addItem("全部状态", None)
        for s in mi.HandoverStatus:
            self.status.addItem(s.value, s.value)
        self.status.currentIndexChanged.connect(lambda _: self.refresh())
        self.new_button = QPushButton("新办理(&N)")
        self.new_button.clicked.connect(lambda: self.open_requested.emit(None))
        self.open_button = QPushButton("打开(&O)")
        self.open_button.clicked.connect(self._open)
        self.print_button = QPushButton("打印 RH-01(&P)")
        self.print_button.clicked.connect(self._print)
        self.void_button = QPushButton("作废…")
        self.void_button.clicked.connect(self._void)
        self.void_button.setVisible(may(env, "record.void"))
        top = QHBoxLayout()
        lab = QLabel("查找(&F)")
        lab.setBuddy(self.search)
        top.addWidget(lab)
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        for b in (self.new_button, self.open_button, self.print_button, self.void_button):
            top.addWidget(b)
        self.model = RowsTableModel([
            Column("房号", lambda r: r.unit_no), Column("接收人", lambda r: r.receiver_name),
            Column("身份", lambda r: r.party_kind), Column("业主", lambda r: r.owner_name),
            Column("交付方式", lambda r: r.mode), Column("办理时间", lambda r: r.handover_at),
            Column("状态", lambda r: r.status),
            Column("缺陷", lambda r: f"{r.open_defects}/{r.defects}" if r.defects else ""),
            Column("整改期限", lambda r: r.rectify_deadline), Column("经办人", lambda r: r.handled_by),
            Column("逾期录入", lambda r: ("已核查" if r.late_reviewed_at else "待核查") if r.late_entry else ""),
        ], self, style=self._colour)
        self.view = make_view(self.model)
        self.view.doubleClicked.connect(lambda _: self._open())
        self.view.activated.connect(lambda _: self._open())
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)

    def _colour(self, row: mi.HandoverRow) -> str | None:
        if row.status == mi.HandoverStatus.VOID.value:
            return "grey"
        today = self.env.ctx.now().date()
        if row.status == mi.HandoverStatus.NEEDS_RECTIFICATION.value and row.rectify_deadline \
                and row.rectify_deadline < today:
            return "red"
        return None

    def refresh(self) -> None:
        self.env.runner.submit(mi.list_handovers, self.env.ctx, text=self.search.text() or None,
                               status=self.status.currentData(), include_void=True, on_done=self._loaded,
                               on_error=lambda exc: Dialogs.error(self, exc), label="")

    def _loaded(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.count.setText(f"共 {len(rows)} 条")

    def current(self) -> mi.HandoverRow | None:
        return self.model.row_at(self.view.currentIndex())

    def _open(self) -> None:
        row = self.current()
        if row is not None:
            self.open_requested.emit(row)

    def _print(self) -> None:
        row = self.current()
        if row is not None:
            self.print_requested.emit(row.unit_no)

    def _void(self) -> None:
        row = self.current()
        if row is None:
            return
        reason = Dialogs.ask_text(self, "作废入伙记录", f"{row.unit_no}（{row.receiver_name}）作废原因（必填）：")
        if reason is None:
            return
        try:
            mi.void_handover(self.env.ctx, row.uuid, reason, expected_version=row.version)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
        self.refresh()
