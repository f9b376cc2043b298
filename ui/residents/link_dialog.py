"""Tie a person to a unit as 业主 / 住户 / 租户 (or change the role of an existing tie)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ui.residents.form_dialog import FormDialog
from ui.residents.resident_dialog import ROLES
from ui.shared.form_dialog import OptionalDate


class LinkDialog(FormDialog):
    def __init__(self, env, resident, parent: QWidget | None = None):
        super().__init__("关联房屋", parent)
        self.env, self.resident = env, resident
        self.add_row("住户", QLabel(f"{resident.name}  {resident.phone or ''}"))
        self.unit_no = self.add_row("房号 *", QLineEdit(), "unit_no")
        self.unit_no.setPlaceholderText("如 3-2-1502 或 3栋2单元1502")
        self.role = self.add_row("身份", QComboBox(), "role")
        self.role.addItems(ROLES)
        self.move_in = self.add_row("入住日期", OptionalDate(), "move_in")

    def save(self):
        from app import residents

        return residents.link_resident(self.env.ctx, self.resident.id, self.unit_no.text(),
                                       self.role.currentText(), self.move_in.value())
