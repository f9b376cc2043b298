"""Book a handover appointment (a slot on a 集中交付 day or a single visit)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from app import movein as mi
from ui.shared.common import UiEnv, error_text


class AppointmentDialog(QDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None, day: date):
        super().__init__(parent)
        self.env = env
        self.row: mi.AppointmentRow | None = None
        self.setWindowTitle("新增入伙预约")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("如 3-2-1502")
        self.at = QDateTimeEdit(QDateTime(QDate(day.year, day.month, day.day), QTime(9, 0)))
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.party_kind = QComboBox()
        self.party_kind.addItems([p.value for p in mi.PartyKind])
        self.mode = QComboBox()
        self.mode.addItems([m.value for m in mi.HandoverMode])
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow("房号(&U)", self.unit)
        form.addRow("预约时间(&T)", self.at)
        form.addRow("姓名(&N)", self.name)
        form.addRow("电话", self.phone)
        form.addRow("身份", self.party_kind)
        form.addRow("交付方式", self.mode)
        form.addRow("备注", self.note)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c62828")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("预约")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        q = self.at.dateTime()
        d, t = q.date(), q.time()
        try:
            self.row = mi.add_appointment(
                self.env.ctx, unit_no=self.unit.text(), name=self.name.text(), phone=self.phone.text() or None,
                at=datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()),
                party_kind=self.party_kind.currentText(), mode=self.mode.currentText(), note=self.note.text())
        except Exception as exc:  # noqa: BLE001 - shown in the dialog
            self.message.setText(error_text(exc))
            return
        self.accept()
