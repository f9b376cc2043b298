"""完工: 维修结果, 材料及费用 (and the receipt of a paid repair)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app import repairs
from app.repairs import PUBLIC_AREA
from ui.shared.common import UiEnv
from ui.shared.form_dialog import DateTimeField, FormDialog, TextArea


class CompleteDialog(FormDialog):
    def __init__(self, env: UiEnv, order, parent: QWidget | None = None):
        super().__init__(f"完工 — {order.number}", parent, save_text="登记完工")
        self.env, self.order = env, order
        self.set_intro(f"{order.unit_no or PUBLIC_AREA} {order.content}\n接单人 {order.picked_up_by or ''}"
                       + ("（有偿维修）" if order.paid else ""))
        self.result = self.add_row("维修结果", TextArea(3), "result")
        self.materials = self.add_row("材料", QLineEdit(), "materials")
        self.materials.setPlaceholderText("如 水龙头 1 个、生料带")
        self.cost = self.add_row("材料及费用（元）", QLineEdit(), "cost")
        self.receipt = self.add_row("收据号", QLineEdit(), "receipt_no")
        self.receipt.setEnabled(order.paid)
        self.at = self.add_row("完成时间", DateTimeField(env.ctx.now()), "completed_at")
        self.result.setFocus()

    def save(self):
        return repairs.complete(self.env.ctx, self.order.uuid, result=self.result.text(),
                                materials=self.materials.text(), cost=self.cost.text(),
                                receipt_no=self.receipt.text() if self.order.paid else None,
                                at=self.at.value(), expected_version=self.order.version)
