"""退押金: deductions (each with its reason), the receipt; the refund is the rest of the deposit."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
)

from app import renovation as reno
from ui.shared.common import UiEnv
from ui.shared.action_dialog import ActionDialog
from ui.shared.permissions import may, needs


class RefundDialog(ActionDialog):
    def __init__(self, env: UiEnv, row: reno.RenovationRow, parent=None):
        super().__init__(env, f"退还装修押金 - {row.unit_no}", parent)
        self.row = row
        self.deductions = QTableWidget(0, 2)
        self.deductions.setHorizontalHeaderLabels(["扣款原因", "金额（元）"])
        self.deductions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.deductions.verticalHeader().setVisible(False)
        self.deductions.itemChanged.connect(lambda _i: self._update())
        add = QPushButton("添加扣款")
        remove = QPushButton("删除扣款")
        add.setAutoDefault(False)
        remove.setAutoDefault(False)
        add.clicked.connect(self.add_deduction)
        remove.clicked.connect(lambda: self.deductions.removeRow(self.deductions.currentRow()))
        if not may(env, "renovation.deduct_deposit"):  # the whole deposit is refunded
            for w in (self.deductions, add, remove):
                w.setEnabled(False)
            self.deductions.setToolTip(needs(env, "renovation.deduct_deposit"))
        self.receipt = QLineEdit()
        self.refund = QLabel()
        form = QFormLayout()
        form.addRow("押金", QLabel(f"{row.deposit:.2f} 元（收据 {row.deposit_receipt or '无'}）"))
        bar = QHBoxLayout()
        bar.addWidget(add)
        bar.addWidget(remove)
        bar.addStretch(1)
        form.addRow("扣款", self.deductions)
        form.addRow("", bar)
        form.addRow("退还金额", self.refund)
        form.addRow("退款收据号 *", self.receipt)
        self.finish(form, ok_text="确认退还")
        self.resize(480, 360)
        self._update()

    def add_deduction(self, reason: str = "", amount: str = "") -> None:
        r = self.deductions.rowCount()
        self.deductions.insertRow(r)
        self.deductions.setItem(r, 0, QTableWidgetItem(reason))
        self.deductions.setItem(r, 1, QTableWidgetItem(amount))

    def items(self) -> list[reno.DeductionData]:
        out = []
        for r in range(self.deductions.rowCount()):
            reason = self.deductions.item(r, 0).text() if self.deductions.item(r, 0) else ""
            amount = self.deductions.item(r, 1).text() if self.deductions.item(r, 1) else ""
            if reason.strip() or amount.strip():
                out.append(reno.DeductionData(reason, amount))
        return out

    def _update(self) -> None:
        total = Decimal("0")
        for d in self.items():
            try:
                total += Decimal(str(d.amount).strip() or "0")
            except InvalidOperation:
                self.refund.setText("扣款金额有误")
                return
        self.refund.setText(f"{self.row.deposit - total:.2f} 元")

    def submit(self) -> reno.RenovationRow:
        return reno.refund_deposit(self.env.ctx, self.row.uuid, receipt=self.receipt.text(),
                                   deductions=self.items(), expected_version=self.row.version)
