"""Add or edit a person (业主/住户/租户). A new person can be tied to a unit at once."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.domain.enums import ResidentRole
from ui.residents.form_dialog import FormDialog
from ui.shared.form_dialog import OptionalDate

ROLES = tuple(r.value for r in ResidentRole)


class ResidentDialog(FormDialog):
    def __init__(self, env, row=None, *, unit_no: str | None = None, parent: QWidget | None = None):
        super().__init__("编辑住户" if row else "新增住户", parent)
        self.env, self.row = env, row
        self.name = self.add_row("姓名 *", QLineEdit(), "name")
        self.phone = self.add_row("联系电话", QLineEdit(), "phone")
        self.phone.setPlaceholderText("手机或座机，如 138 0013 8000、0755-88886666")
        if row is None:
            self.unit_no = self.add_row("房号", QLineEdit(unit_no or ""), "unit_no")
            self.unit_no.setPlaceholderText("如 3-2-1502 或 3栋2单元1502（可不填）")
            self.role = self.add_row("身份", QComboBox(), "role")
            self.role.addItems(ROLES)
            self.move_in = self.add_row("入住日期", OptionalDate(), "move_in")
        self.note = self.add_row("备注", QPlainTextEdit(), "note")
        self.note.setFixedHeight(70)
        if row is not None:
            self.name.setText(row.name)
            self.phone.setText(row.phone or "")
            self.note.setPlainText(row.note or "")

    def save(self):
        from app import residents

        if self.row is None:
            return residents.add_resident(self.env.ctx, name=self.name.text(), phone=self.phone.text(),
                                          unit_no=self.unit_no.text().strip() or None,
                                          role=self.role.currentText(), move_in=self.move_in.value(),
                                          note=self.note.toPlainText())
        return residents.update_resident(self.env.ctx, self.row.id, expected_version=self.row.version,
                                         name=self.name.text(), phone=self.phone.text(),
                                         note=self.note.toPlainText())
