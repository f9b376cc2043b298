"""预约日程: the appointments of one handover day, by time, with the handover each led to."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import movein as mi
from ui.shared.common import Dialogs, UiEnv
from ui.movein.tables import make_view
from ui.shared.rows_table_model import Column, RowsTableModel


class AppointmentList(QWidget):
    start_requested = Signal(object)  # AppointmentRow: start its handover
    open_requested = Signal(str)  # a handover uuid

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        today = env.ctx.now().date()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.day.dateChanged.connect(lambda _: self.refresh())
        prev_day = QPushButton("前一天")
        prev_day.clicked.connect(lambda: self.day.setDate(self.day.date().addDays(-1)))
        next_day = QPushButton("后一天")
        next_day.clicked.connect(lambda: self.day.setDate(self.day.date().addDays(1)))
        self.add_button = QPushButton("新增预约(&A)…")
        self.add_button.clicked.connect(self.add)
        self.start_button = QPushButton("开始办理(&S)")
        self.start_button.clicked.connect(self._start)
        self.no_show_button = QPushButton("未到")
        self.no_show_button.clicked.connect(lambda: self._status(mi.AppointmentStatus.NO_SHOW.value))
        self.cancel_button = QPushButton("取消预约")
        self.cancel_button.clicked.connect(lambda: self._status(mi.AppointmentStatus.CANCELLED.value))
        self.restore_button = QPushButton("恢复预约")
        self.restore_button.clicked.connect(lambda: self._status(mi.AppointmentStatus.BOOKED.value))
        top = QHBoxLayout()
        lab = QLabel("日期(&D)")
        lab.setBuddy(self.day)
        top.addWidget(lab)
        top.addWidget(self.day)
        top.addWidget(prev_day)
        top.addWidget(next_day)
        top.addStretch(1)
        for b in (self.add_button, self.start_button, self.no_show_button, self.cancel_button, self.restore_button):
            top.addWidget(b)
        self.model = RowsTableModel([
            Column("时间", lambda r: f"{r.at:%H:%M}"), Column("房号", lambda r: r.unit_no),
            Column("姓名", lambda r: r.name), Column("电话", lambda r: r.phone),
            Column("身份", lambda r: r.party_kind), Column("交付方式", lambda r: r.mode),
            Column("预约状态", lambda r: r.status), Column("办理状态", lambda r: r.handover_status),
            Column("备注", lambda r: r.note)], self, style=self._colour)
        self.view = make_view(self.model)
        self.view.doubleClicked.connect(lambda _: self._start())
        self.view.activated.connect(lambda _: self._start())
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)

    @staticmethod
    def _colour(row: mi.AppointmentRow) -> str | None:
        if row.status in (mi.AppointmentStatus.CANCELLED.value, mi.AppointmentStatus.NO_SHOW.value):
            return "grey"
        if row.handover_status == mi.HandoverStatus.DELIVERED.value:
            return "green"
        return None

    def selected_day(self) -> date:
        q = self.day.date()
        return date(q.year(), q.month(), q.day())

    def refresh(self) -> None:
        self.env.runner.submit(mi.list_appointments, self.env.ctx, self.selected_day(), on_done=self._loaded,
                               on_error=lambda exc: Dialogs.error(self, exc), label="")

    def _loaded(self, rows: list) -> None:
        self.model.set_rows(rows)
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.status] = counts.get(r.status, 0) + 1
        parts = "，".join(f"{s.value} {counts[s.value]}" for s in mi.AppointmentStatus if s.value in counts)
        day = self.selected_day()
        weekday = "一二三四五六日"[day.weekday()]
        self.summary.setText(f"{day:%Y-%m-%d}（星期{weekday}）共 {len(rows)} 户" + (f"：{parts}" if parts else ""))

    def current(self) -> mi.AppointmentRow | None:
        return self.model.row_at(self.view.currentIndex())

    def add(self) -> None:
        from ui.movein.appointment_dialog import AppointmentDialog

        dlg = AppointmentDialog(self.env, self, self.selected_day())
        if dlg.exec():
            when = dlg.row.at.date()
            if when != self.selected_day():
                self.day.setDate(QDate(when.year, when.month, when.day))
            else:
                self.refresh()

    def _start(self) -> None:
        row = self.current()
        if row is None:
            return
        if row.handover_uuid:
            self.open_requested.emit(row.handover_uuid)
        elif row.status == mi.AppointmentStatus.CANCELLED.value:
            Dialogs.info(self, "该预约已取消，请先“恢复预约”。")
        else:
            self.start_requested.emit(row)

    def _status(self, status: str) -> None:
        row = self.current()
        if row is None:
            return
        try:
            mi.set_appointment_status(self.env.ctx, row.uuid, status, expected_version=row.version)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
        self.refresh()
