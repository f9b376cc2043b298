"""回访 a completed order: 满意 / 较满意 close it, 不满意 sends it back."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app.complaints import Feedback, FollowUpMethod
from app import repairs
from app.repairs import PUBLIC_AREA, FollowUpRule
from ui.shared.common import UiEnv
from ui.shared.form_dialog import DateTimeField, FormDialog, TextArea, combo


class FollowUpDialog(FormDialog):
    def __init__(self, env: UiEnv, order, parent: QWidget | None = None):
        super().__init__(f"回访 — {order.number}", parent, save_text="保存回访")
        self.env, self.order = env, order
        why = {FollowUpRule.MANDATORY.value: f"类别“{order.category}”必须回访",
               FollowUpRule.SAMPLED.value: "本单被抽中回访",
               FollowUpRule.NOT_SAMPLED.value: "本单未被抽中，可自愿回访"}.get(order.follow_up_rule or "", "")
        self.set_intro(f"{order.unit_no or PUBLIC_AREA} {order.content}\n维修结果：{order.result or ''}\n{why}")
        self.interviewee = self.add_row("受访人", QLineEdit(order.reporter), "interviewee")
        self.phone = self.add_row("联系电话", QLineEdit(order.phone or ""), "phone")
        self.method = self.add_row("回访方式", combo([m.value for m in FollowUpMethod]), "method")
        self.content = self.add_row("回访内容", TextArea(3), "content")
        self.feedback = self.add_row("反馈意见", combo([f.value for f in Feedback]), "feedback")
        self.feedback.setToolTip("不满意：工单退回重新派工（返修）")
        self.remark = self.add_row("备注", QLineEdit(), "remark")
        self.at = self.add_row("回访时间", DateTimeField(env.ctx.now()), "visited_at")
        self.content.setFocus()

    def save(self):
        return repairs.record_follow_up(
            self.env.ctx, self.order.uuid, interviewee=self.interviewee.text(), phone=self.phone.text(),
            method=self.method.currentText(), content=self.content.text(), feedback=self.feedback.currentText(),
            remark=self.remark.text(), visited_at=self.at.value(), expected_version=self.order.version)
