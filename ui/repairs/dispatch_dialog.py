"""派工 / 改派: to 工程部 or a named worker; the pick-up clock starts."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app import repairs
from app.repairs import PUBLIC_AREA
from ui.shared.common import UiEnv
from ui.shared.form_dialog import DateTimeField, FormDialog, combo


class DispatchDialog(FormDialog):
    def __init__(self, env: UiEnv, order, parent: QWidget | None = None):
        super().__init__(f"派工 — {order.number}", parent, save_text="派工")
        self.env, self.order = env, order
        conf = repairs.get_settings(env.ctx)
        self.set_intro(f"{order.unit_no or PUBLIC_AREA} {order.reporter}：{order.content}\n"
                       f"派工后须在 {conf.pickup_minutes} 分钟内接单。")
        targets = repairs.dispatch_targets(env.ctx)
        self.target = self.add_row("派工至", combo(targets, editable=True, current=order.dispatched_to),
                                   "dispatched_to")
        self.target.setToolTip("选择部门，或直接输入维修人员姓名")
        self.at = self.add_row("派工时间", DateTimeField(env.ctx.now()), "dispatched_at")
        self.target.setFocus()

    def save(self):
        return repairs.dispatch(self.env.ctx, self.order.uuid, self.target.currentText(),
                                at=self.at.value(), expected_version=self.order.version)
