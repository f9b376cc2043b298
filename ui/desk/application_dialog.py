"""新申请: the service application filled in with the applicant."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app import desk
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, TextArea


class ApplicationDialog(FormDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__("服务申请单", parent, save_text="受理")
        self.env = env
        self.set_intro(f"批准后的申请单须在 {desk.application_days(env.ctx)} 个工作日内交还申请人。")
        self.applicant = self.add_row("申请人", QLineEdit(), "applicant")
        self.unit = self.add_row("房号", QLineEdit(), "unit_no")
        self.phone = self.add_row("联系电话", QLineEdit(), "phone")
        self.content = self.add_row("申请事项", TextArea(4), "content")
        self.attachments = self.add_row("附件", QLineEdit(), "attachments")
        self.attachments.setPlaceholderText("多个附件用“；”分隔，如 身份证复印件；授权委托书")
        self.departments = self.add_row("需执行部门", QLineEdit(), "departments")
        self.applicant.setFocus()

    def save(self):
        files = [x.strip() for x in self.attachments.text().replace(";", "；").split("；") if x.strip()]
        return desk.apply(self.env.ctx, applicant=self.applicant.text(), unit_no=self.unit.text(),
                          phone=self.phone.text(), content=self.content.text(), attachments=files,
                          departments=self.departments.text())
