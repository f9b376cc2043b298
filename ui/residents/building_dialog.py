"""Add a building (楼栋) or edit its name, area and note."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from ui.residents.form_dialog import FormDialog


class BuildingDialog(FormDialog):
    def __init__(self, env, row=None, parent: QWidget | None = None):
        super().__init__(f"编辑楼栋 {row.name}" if row else "新增楼栋", parent)
        self.env, self.row = env, row
        if row is None:
            self.name = self.add_row("楼栋号 *", QLineEdit(), "name")
            self.name.setPlaceholderText("如 3 或 A（房号的第一段）")
        else:
            self.add_row("楼栋号", QLabel(row.name))
        self.label = self.add_row("名称", QLineEdit(), "label")
        self.label.setPlaceholderText("如 3栋、A座（默认“楼栋号+栋”）")
        self.area = self.add_row("区域", QLineEdit(), "area")
        self.note = self.add_row("备注", QPlainTextEdit(), "note")
        self.note.setFixedHeight(60)
        if row is not None:
            self.label.setText(row.label or "")
            self.area.setText(row.area or "")
            self.note.setPlainText(row.note or "")

    def save(self):
        from app import residents

        if self.row is None:
            return residents.add_building(self.env.ctx, self.name.text(), label=self.label.text(),
                                          area=self.area.text(), note=self.note.toPlainText())
        return residents.update_building(self.env.ctx, self.row.id, expected_version=self.row.version,
                                         label=self.label.text(), area=self.area.text(),
                                         note=self.note.toPlainText())
