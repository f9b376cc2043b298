"""登记日常走访: one routine visit of one unit, with the points the resident raised (one per line)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app.complaints import Feedback, FollowUpMethod
from app.repairs import household_visits
from ui.shared.common import UiEnv
from ui.shared.form_dialog import DateTimeField, FormDialog, TextArea, combo


class VisitDialog(FormDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None = None, *, unit=None):
        super().__init__("登记日常走访", parent, save_text="保存走访")
        self.env = env
        self.unit_no = self.add_row("房号", QLineEdit(unit.code if unit else ""), "unit_no")
        first = (unit.residents.split(" ")[0].split("(")[0] if unit and unit.residents else "")
        self.interviewee = self.add_row("受访人", QLineEdit(first), "interviewee")
        self.phone = self.add_row("联系电话", QLineEdit(), "phone")
        self.method = self.add_row("走访方式", combo([m.value for m in FollowUpMethod],
                                                     current=FollowUpMethod.VISIT.value), "method")
        self.content = self.add_row("走访内容", TextArea(3), "content")
        self.content.setPlaceholderText("了解居住情况、征求意见……")
        self.points = self.add_row("反映问题", TextArea(4), "points")
        self.points.setPlaceholderText("每行一条；每条都会登记为待答复的问题")
        self.feedback = self.add_row("反馈意见", combo([f.value for f in Feedback]), "feedback")
        self.remark = self.add_row("备注", QLineEdit(), "remark")
        self.at = self.add_row("走访时间", DateTimeField(env.ctx.now()), "visited_at")
        (self.content if unit else self.unit_no).setFocus()

    def save(self):
        return household_visits.record_visit(
            self.env.ctx, unit_no=self.unit_no.text(), interviewee=self.interviewee.text(), phone=self.phone.text(),
            method=self.method.currentText(), content=self.content.text(), points=self.points.text(),
            feedback=self.feedback.currentText(), remark=self.remark.text(), visited_at=self.at.value())
