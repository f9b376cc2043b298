"""Add a unit (房屋) or edit its area, occupancy and note. The unit number itself is fixed
once created: records refer to it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ui.residents.form_dialog import FormDialog


class UnitDialog(FormDialog):
    def __init__(self, env, row=None, *, building: str | None = None, parent: QWidget | None = None):
        super().__init__(f"编辑房屋 {row.code}" if row else "新增房屋", parent)
        self.env, self.row = env, row
        if row is None:
            self.unit_no = self.add_row("房号 *", QLineEdit(f"{building}-" if building else ""), "unit_no")
            self.unit_no.setPlaceholderText("如 3-2-1502 或 3栋2单元1502")
        else:
            self.add_row("房号", QLabel(row.code))
        self.floor_area = self.add_row("建筑面积（㎡）", QLineEdit(), "floor_area")
        self.occupied = self.add_row("", QCheckBox("已入住"), "occupied")
        self.occupied.setChecked(True)
        self.note = self.add_row("备注", QPlainTextEdit(), "note")
        self.note.setFixedHeight(70)
        if row is not None:
            self.floor_area.setText("" if row.floor_area is None else f"{row.floor_area:g}")
            self.occupied.setChecked(row.occupied)
            self.note.setPlainText(row.note or "")

    def save(self):
        from app import residents

        area = self.floor_area.text().strip() or None
        if self.row is None:
            return residents.add_unit(self.env.ctx, self.unit_no.text(), floor_area=area,
                                      occupied=self.occupied.isChecked(), note=self.note.toPlainText())
        return residents.update_unit(self.env.ctx, self.row.id, expected_version=self.row.version, floor_area=area,
                                     occupied=self.occupied.isChecked(), note=self.note.toPlainText())
