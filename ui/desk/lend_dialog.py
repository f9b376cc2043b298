"""借出: an item of the register to a resident, with the deposit receipt and the due time."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLineEdit, QWidget

from app import desk
from ui.shared.common import UiEnv
from ui.shared.form_dialog import DateTimeField, FormDialog, combo


class LendDialog(FormDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__("借出物品", parent, save_text="借出")
        self.env = env
        out = {x.item_no for x in desk.list_loans(env.ctx, out_only=True)}
        self.items = [i for i in desk.items(env.ctx) if i.number not in out]
        self.item = combo([f"{i.number} {i.name}　押金 {desk.yuan(i.deposit_fen)} 元，{i.free_minutes} 分钟内免费，"
                           f"超时每小时 {desk.yuan(i.rate_fen)} 元" for i in self.items])
        self.item.currentIndexChanged.connect(self._item_changed)
        self.add_row("物品", self.item, "item_no")
        self.borrower = self.add_row("借用人", QLineEdit(), "borrower")
        self.unit = self.add_row("房号", QLineEdit(), "unit_no")
        self.phone = self.add_row("联系电话", QLineEdit(), "phone")
        self.receipt = self.add_row("押金收据号", QLineEdit(), "deposit_receipt")
        self.method = self.add_row("付款方式", combo([p.value for p in desk.PayMethod]), "pay_method")
        self.due = self.add_row("应还时间", DateTimeField(env.ctx.now() + timedelta(hours=1)), "due_at")
        if not self.items:
            self.set_intro("借用物品登记中的物品都已借出。")
            self.save_button.setEnabled(False)
        self._item_changed(0)
        self.item.setFocus()

    def _item_changed(self, index: int) -> None:
        if 0 <= index < len(self.items):
            self.due.set_value(self.env.ctx.now() + timedelta(minutes=self.items[index].free_minutes or 60))

    def save(self):
        index = self.item.currentIndex()
        item_no = self.items[index].number if 0 <= index < len(self.items) else ""
        return desk.lend(self.env.ctx, item_no=item_no, borrower=self.borrower.text(), unit_no=self.unit.text(),
                         phone=self.phone.text(), deposit_receipt=self.receipt.text(),
                         pay_method=self.method.currentText(), due_at=self.due.value())
