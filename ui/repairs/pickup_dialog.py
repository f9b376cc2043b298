"""接单: the worker has taken the order (维修中)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app.core import departments
from app import repairs
from ui.shared.common import UiEnv
from ui.shared.form_dialog import DateTimeField, FormDialog


class PickUpDialog(FormDialog):
    def __init__(self, env: UiEnv, order, parent: QWidget | None = None):
        super().__init__(f"接单 — {order.number}", parent, save_text="登记接单")
        self.env, self.order = env, order
        due = f"，接单时限 {order.pickup_due_at:%H:%M}" if order.pickup_due_at else ""
        self.set_intro(f"派工至 {order.dispatched_to or ''}{due}")
        self.worker = self.add_row("接单人", QLineEdit(), "picked_up_by")
        try:
            names = set(departments.list_names(env.ctx)) | {repairs.ENGINEERING}
        except Exception:
            names = {repairs.ENGINEERING}
        if order.dispatched_to and order.dispatched_to not in names:
            self.worker.setText(order.dispatched_to)  # dispatched to a named worker
        self.at = self.add_row("接单时间", DateTimeField(env.ctx.now()), "picked_up_at")
        self.worker.setFocus()

    def save(self):
        return repairs.pick_up(self.env.ctx, self.order.uuid, self.worker.text(), at=self.at.value(),
                               expected_version=self.order.version)
