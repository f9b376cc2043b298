"""收费: a paid service charged by the price list, on a receipt; a paid repair names its work order."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from app import desk
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, combo


class ServiceOrderDialog(FormDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__("有偿服务收费", parent, save_text="收费")
        self.env = env
        self.prices = desk.prices(env.ctx)
        self.service = self.add_row("服务项目", combo([f"{p.name}（{desk.yuan(p.price_fen)} 元/{p.unit}）"
                                                   for p in self.prices]), "service")
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 1000)
        self.add_row("数量", self.quantity, "quantity")
        self.amount = QLabel()
        self.amount.setObjectName("amount")
        self.add_row("金额", self.amount)
        self.customer = self.add_row("客户", QLineEdit(), "customer")
        self.unit = self.add_row("房号", QLineEdit(), "unit_no")
        self.phone = self.add_row("联系电话", QLineEdit(), "phone")
        self.receipt = self.add_row("收据号", QLineEdit(), "receipt_no")
        self.method = self.add_row("付款方式", combo([p.value for p in desk.PayMethod]), "pay_method")
        self.repair = self.add_row("关联维修工单", QLineEdit(), "repair")
        self.repair.setPlaceholderText("有偿维修时填写维修单号，如 WX20261120001")
        self.service.currentIndexChanged.connect(lambda _i: self.update_amount())
        self.quantity.valueChanged.connect(lambda _v: self.update_amount())
        self.update_amount()
        self.service.setFocus()

    def _price(self):
        i = self.service.currentIndex()
        return self.prices[i] if 0 <= i < len(self.prices) else None

    def update_amount(self) -> None:
        p = self._price()
        self.amount.setText(f"{desk.yuan(p.price_fen * self.quantity.value())} 元" if p else "")

    def save(self):
        p = self._price()
        return desk.create_order(self.env.ctx, customer=self.customer.text(), service=p.name if p else "",
                                 quantity=self.quantity.value(), receipt_no=self.receipt.text(),
                                 pay_method=self.method.currentText(), unit_no=self.unit.text(),
                                 phone=self.phone.text(), repair=self.repair.text())
