"""Step 6 of the handover window: fees collected (receipt number required) and entrusted
services (委托代办).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from app import movein as mi
from ui.shared.rows_table_model import Column, RowsTableModel
from ui.movein.tables import make_view, selected_rows
from ui.movein.step_base import Step


class FeesStep(Step):
    def __init__(self, w: QWidget):
        super().__init__(w)
        opts = w.options
        self.fee_item = QComboBox()
        self.fee_item.setEditable(True)
        self.fee_item.addItems(opts["fee_items"])
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("元")
        self.receipt = QLineEdit()
        self.receipt.setPlaceholderText("收据号")
        self.add_fee_button = QPushButton("登记收费(&A)")
        self.add_fee_button.clicked.connect(self.add_fee)
        self.receipt.returnPressed.connect(self.add_fee)
        self.amount.returnPressed.connect(self.receipt.setFocus)
        row = QHBoxLayout()
        for label, widget in (("项目", self.fee_item), ("金额", self.amount), ("收据号", self.receipt)):
            row.addWidget(QLabel(label))
            row.addWidget(widget, 2 if widget is self.fee_item else 1)
        row.addWidget(self.add_fee_button)
        self.fee_model = RowsTableModel([
            Column("收费项目", lambda r: r.item), Column("金额（元）", lambda r: r.amount, align_right=True),
            Column("收据号", lambda r: r.receipt_no), Column("经办人", lambda r: r.created_by),
            Column("时间", lambda r: r.created_at)], self)
        self.fee_view = make_view(self.fee_model)
        self.total = QLabel()
        self.void_fee_button = QPushButton("作废所选收费(&V)…")
        self.void_fee_button.clicked.connect(lambda: self._void("fee", self.fee_view))
        fees = QGroupBox("入伙收费（收据号必填）")
        fl = QVBoxLayout(fees)
        fl.addLayout(row)
        fl.addWidget(self.fee_view)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total)
        bottom.addStretch(1)
        bottom.addWidget(self.void_fee_button)
        fl.addLayout(bottom)

        self.svc_item = QComboBox()
        self.svc_item.setEditable(True)
        self.svc_item.addItems(opts["service_items"])
        self.svc_detail = QLineEdit()
        self.svc_detail.setPlaceholderText("委托内容")
        self.svc_detail.returnPressed.connect(self.add_service)
        self.add_svc_button = QPushButton("登记代办(&S)")
        self.add_svc_button.clicked.connect(self.add_service)
        srow = QHBoxLayout()
        srow.addWidget(self.svc_item, 1)
        srow.addWidget(self.svc_detail, 2)
        srow.addWidget(self.add_svc_button)
        self.svc_model = RowsTableModel([
            Column("代办事项", lambda r: r.item), Column("委托内容", lambda r: r.detail),
            Column("经办人", lambda r: r.created_by), Column("时间", lambda r: r.created_at)], self)
        self.svc_view = make_view(self.svc_model)
        self.void_svc_button = QPushButton("作废所选代办…")
        self.void_svc_button.clicked.connect(lambda: self._void("service", self.svc_view))
        svcs = QGroupBox("委托代办")
        sl = QVBoxLayout(svcs)
        sl.addLayout(srow)
        sl.addWidget(self.svc_view)
        sl.addWidget(self.void_svc_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(fees, 3)
        layout.addWidget(svcs, 2)

    def load(self, data: mi.HandoverData | None) -> None:
        self.fee_model.set_rows(list(data.fees) if data else [])
        self.svc_model.set_rows(list(data.services) if data else [])
        self.total.setText(f"合计：{data.fee_total:.2f} 元（{len(data.fees)} 笔）" if data else "")

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for widget in (self.fee_item, self.svc_item):
            widget.setEnabled(editable)
        for widget in (self.amount, self.receipt, self.svc_detail):
            widget.setReadOnly(not editable)

    def add_fee(self) -> None:
        d = self.w.data
        if d is None or not self.add_fee_button.isEnabled():
            return
        if self.w.call(mi.add_fee, d.uuid, item=self.fee_item.currentText(), amount=self.amount.text(),
                       receipt_no=self.receipt.text(), expected_version=d.version) is not None:
            self.amount.clear()
            self.receipt.clear()
            self.fee_item.setFocus()

    def add_service(self) -> None:
        d = self.w.data
        if d is None or not self.add_svc_button.isEnabled():
            return
        if self.w.call(mi.add_service, d.uuid, item=self.svc_item.currentText(), detail=self.svc_detail.text(),
                       expected_version=d.version) is not None:
            self.svc_detail.clear()

    def _void(self, kind: str, view: QTableView) -> None:
        self.w.void_entry(kind, selected_rows(view))

    def first_focus(self) -> QWidget:
        return self.fee_item
