"""延期: a new planned end date and the reason."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.services import renovation as reno
from ui.common import UiEnv, error_text


class ExtensionDialog(QDialog):
    def __init__(self, env: UiEnv, row: reno.RenovationRow, parent=None):
        super().__init__(parent)
        self.env = env
        self.row = row
        self.saved_row = None
        self.setWindowTitle(f"装修延期 - {row.unit_no}")
        new_end = row.planned_end_date + timedelta(days=15)
        self.new_end = QDateEdit(QDate(new_end.year, new_end.month, new_end.day))
        self.new_end.setCalendarPopup(True)
        self.new_end.setDisplayFormat("yyyy-MM-dd")
        self.reason = QLineEdit()
        self.message = QLabel()
        self.message.setStyleSheet("color:#c62828;")
        form = QFormLayout()
        form.addRow("当前计划完工", QLabel(f"{row.planned_end_date:%Y-%m-%d}"))
        form.addRow("新完工日期", self.new_end)
        form.addRow("延期原因", self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.saved_row = reno.extend(self.env.ctx, self.row.uuid, self.new_end.date().toPython(),
                                         self.reason.text(), expected_version=self.row.version)
        except Exception as exc:  # noqa: BLE001
            self.message.setText(error_text(exc))
            return
        self.accept()
