"""延期: a new planned end date and the reason."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit

from app import renovation as reno
from ui.shared.common import UiEnv
from ui.shared.action_dialog import ActionDialog


class ExtensionDialog(ActionDialog):
    def __init__(self, env: UiEnv, row: reno.RenovationRow, parent=None):
        super().__init__(env, f"装修延期 - {row.unit_no}", parent)
        self.row = row
        new_end = row.planned_end_date + timedelta(days=15)
        self.new_end = QDateEdit(QDate(new_end.year, new_end.month, new_end.day))
        self.new_end.setCalendarPopup(True)
        self.new_end.setDisplayFormat("yyyy-MM-dd")
        self.reason = QLineEdit()
        form = QFormLayout()
        form.addRow("当前计划完工", QLabel(f"{row.planned_end_date:%Y-%m-%d}"))
        form.addRow("新完工日期", self.new_end)
        form.addRow("延期原因", self.reason)
        self.finish(form)

    def submit(self) -> reno.RenovationRow:
        return reno.extend(self.env.ctx, self.row.uuid, self.new_end.date().toPython(), self.reason.text(),
                           expected_version=self.row.version)
