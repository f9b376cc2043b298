"""Step 8 of the handover window: keys handed over and signed for.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from app import movein as mi
from ui.shared.rows_table_model import Column, RowsTableModel
from ui.movein.tables import make_view, selected_rows
from ui.movein.step_base import Step


class KeysStep(Step):
    def __init__(self, w: QWidget):
        super().__init__(w)
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems(w.options["key_kinds"])
        self.count = QSpinBox()
        self.count.setRange(1, 99)
        self.count.setValue(1)
        self.signed = QCheckBox("已签收(&G)")
        self.signed.setChecked(True)
        self.add_button = QPushButton("登记(&A)")
        self.add_button.clicked.connect(self.add)
        self.count.lineEdit().returnPressed.connect(self.add)
        self.kind.lineEdit().returnPressed.connect(self.count.setFocus)
        row = QHBoxLayout()
        for label, widget in (("钥匙(&K)", self.kind), ("数量(&C)", self.count)):
            lab = QLabel(label)
            lab.setBuddy(widget)
            row.addWidget(lab)
            row.addWidget(widget)
        row.addWidget(self.signed)
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.model = RowsTableModel([
            Column("钥匙种类", lambda r: r.kind), Column("数量", lambda r: r.count, align_right=True),
            Column("签收", lambda r: "已签收" if r.signed else "未签收"), Column("签收时间", lambda r: r.signed_at),
            Column("经办人", lambda r: r.created_by)], self,
            style=lambda r: None if r.signed else "red")
        self.view = make_view(self.model)
        self.sign_button = QPushButton("全部签收(&S)")
        self.sign_button.clicked.connect(self.sign_all)
        self.void_button = QPushButton("作废所选(&V)…")
        self.void_button.clicked.connect(lambda: self.w.void_entry("key", selected_rows(self.view)))
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("钥匙交付后由接收人在《领取钥匙签收记录》上签字，签字后勾选“已签收”。"))
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary)
        bottom.addStretch(1)
        bottom.addWidget(self.sign_button)
        bottom.addWidget(self.void_button)
        layout.addLayout(bottom)

    def load(self, data: mi.HandoverData | None) -> None:
        self.model.set_rows(list(data.keys) if data else [])
        self.summary.setText(f"共交付：{data.keys_text}" if data and data.keys else "")

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for widget in (self.kind, self.count, self.signed):
            widget.setEnabled(editable)

    def add(self) -> None:
        d = self.w.data
        if d is None or not self.add_button.isEnabled():
            return
        if self.w.call(mi.add_key, d.uuid, kind=self.kind.currentText(), count=self.count.value(),
                       signed=self.signed.isChecked(), expected_version=d.version) is not None:
            self.count.setValue(1)
            self.kind.setFocus()
            self.kind.lineEdit().selectAll()

    def sign_all(self) -> None:
        d = self.w.data
        if d is not None:
            self.w.call(mi.sign_keys, d.uuid, expected_version=d.version)

    def first_focus(self) -> QWidget:
        return self.kind
