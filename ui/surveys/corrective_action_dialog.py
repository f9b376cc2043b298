"""制定整改措施: for one item of a survey, what is done, who owns it, by when."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from app import surveys
from ui.shared.action_dialog import ActionDialog
from ui.shared.common import UiEnv
from ui.shared.form_dialog import DateField, TextArea


class CorrectiveActionDialog(ActionDialog):
    def __init__(self, env: UiEnv, survey_uuid: str, item_no: int, item_text: str, finding: str | None,
                 parent: QWidget | None = None):
        super().__init__(env, "制定整改措施", parent)
        self.survey_uuid, self.item_no = survey_uuid, item_no
        self.finding = QLineEdit(finding or "")
        self.measure = TextArea(3)
        self.owner = QLineEdit()
        self.deadline = DateField(env.ctx.now().date() + timedelta(days=14))
        form = QFormLayout()
        form.addRow("项目", QLabel(f"{item_no}. {item_text}"))
        form.addRow("存在问题", self.finding)
        form.addRow("整改措施", self.measure)
        form.addRow("责任人", self.owner)
        form.addRow("完成期限", self.deadline)
        self.finish(form)

    def submit(self):
        return surveys.add_action(self.env.ctx, self.survey_uuid, item_no=self.item_no, measure=self.measure.text(),
                                  owner=self.owner.text(), finding=self.finding.text(), deadline=self.deadline.value())
