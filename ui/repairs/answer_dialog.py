"""答复 a point raised on a routine visit: what was done and what the resident was told."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.core import departments
from app.repairs import household_visits
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, TextArea, combo


class AnswerDialog(FormDialog):
    def __init__(self, env: UiEnv, issue, parent: QWidget | None = None):
        super().__init__("答复走访问题", parent, save_text="保存答复")
        self.env, self.issue = env, issue
        self.set_intro(f"{issue.unit_no or ''} {issue.raised_at:%Y-%m-%d}：{issue.content}")
        try:
            names = departments.list_names(env.ctx)
        except Exception:
            names = []
        self.department = self.add_row("处理部门", combo([""] + names, editable=True), "department")
        self.answer = self.add_row("处理及答复", TextArea(4), "answer")
        self.answer.setFocus()

    def save(self):
        return household_visits.answer_issue(self.env.ctx, self.issue.uuid, answer=self.answer.text(),
                                             department=self.department.currentText(),
                                             expected_version=self.issue.version)
