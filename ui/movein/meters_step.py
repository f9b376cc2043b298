"""Step 7 of the handover window: water, electricity and gas meter readings, with the
unit's previous reading of the same meter as a hint.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from app import movein as mi
from ui.shared.rows_table_model import Column, RowsTableModel
from ui.movein.tables import make_view, selected_rows
from ui.movein.step_base import Step, pydate, qdate, reading_text


class MetersStep(Step):
    def __init__(self, w: QWidget):
        super().__init__(w)
        self.kind = QComboBox()
        self.kind.addItems([k.value for k in mi.MeterKind])
        self.meter_no = QLineEdit()
        self.meter_no.setPlaceholderText("表号")
        self.reading = QLineEdit()
        self.reading.setPlaceholderText("读数")
        self.read_on = QDateEdit()
        self.read_on.setDisplayFormat("yyyy-MM-dd")
        self.read_on.setCalendarPopup(True)
        self.read_on.setDate(qdate(w.env.ctx.now().date()))
        self.add_button = QPushButton("录入(&A)")
        self.add_button.clicked.connect(self.add)
        self.meter_no.returnPressed.connect(self.reading.setFocus)
        self.reading.returnPressed.connect(self.add)
        self.previous = QLabel()
        self.previous.setStyleSheet("color:#555")
        self.kind.currentTextChanged.connect(lambda _: self._show_previous())
        self.meter_no.editingFinished.connect(self._show_previous)
        row = QHBoxLayout()
        for label, widget in (("表(&K)", self.kind), ("表号(&O)", self.meter_no), ("读数(&R)", self.reading),
                              ("抄表日期", self.read_on)):
            lab = QLabel(label)
            lab.setBuddy(widget)
            row.addWidget(lab)
            row.addWidget(widget)
        row.addWidget(self.add_button)
        self.model = RowsTableModel([
            Column("表", lambda r: f"{r.kind}表"), Column("表号", lambda r: r.meter_no),
            Column("读数", lambda r: reading_text(r.reading), align_right=True), Column("抄表日期", lambda r: r.read_on),
            Column("录入人", lambda r: r.created_by), Column("录入时间", lambda r: r.created_at)], self)
        self.view = make_view(self.model)
        self.void_button = QPushButton("作废所选读数(&V)…")
        self.void_button.clicked.connect(lambda: self.w.void_entry("meter", selected_rows(self.view)))
        self.required = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("读数只增不减：低于该表上次读数的会被拒绝。水、电表必抄，燃气表按实际。"))
        layout.addLayout(row)
        layout.addWidget(self.previous)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.required)
        bottom.addStretch(1)
        bottom.addWidget(self.void_button)
        layout.addLayout(bottom)

    def _show_previous(self) -> None:
        d = self.w.data
        if d is None:
            self.previous.clear()
            return
        try:
            prev = mi.previous_reading(self.w.env.ctx, d.unit_no, self.kind.currentText(),
                                       self.meter_no.text().strip() or None)
        except Exception:  # noqa: BLE001 - only a hint
            prev = None
        self.previous.setText("" if prev is None else
                              f"该户{prev.kind}表上次读数：{reading_text(prev.reading)}（表号 {prev.meter_no}，"
                              f"{prev.read_on:%Y-%m-%d}）")

    def load(self, data: mi.HandoverData | None) -> None:
        self.model.set_rows(list(data.meters) if data else [])
        if data:
            have = {m.kind for m in data.meters}
            need = [k for k in self.w.options["required_meters"] if k not in have]
            self.required.setText("尚未抄录：" + "、".join(f"{k}表" for k in need) if need else "必抄的表已录入")
        self._show_previous()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.kind.setEnabled(editable)
        self.read_on.setEnabled(editable)
        self.meter_no.setReadOnly(not editable)
        self.reading.setReadOnly(not editable)

    def add(self) -> None:
        d = self.w.data
        if d is None or not self.add_button.isEnabled():
            return
        kind = self.kind.currentText()
        if self.w.call(mi.add_meter_reading, d.uuid, kind=kind, meter_no=self.meter_no.text(),
                       reading=self.reading.text(), read_on=pydate(self.read_on.date()),
                       expected_version=d.version) is None:
            self.reading.setFocus()
            self.reading.selectAll()
            return
        self.meter_no.clear()
        self.reading.clear()
        have = {m.kind for m in self.w.data.meters}
        nxt = next((k for k in [m.value for m in mi.MeterKind] if k not in have), kind)
        self.kind.setCurrentText(nxt)
        self.meter_no.setFocus()

    def first_focus(self) -> QWidget:
        return self.meter_no
