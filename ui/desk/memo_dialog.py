"""发联系函 and 登记回复: the memo to a department (from a record, or with the inquiry's time),
and the department's reply."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app import desk
from app.core import departments
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, OptionalDateTime, TextArea, combo


class MemoDialog(FormDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None = None, *, source_type: str = "其他",
                 source_uuid: str | None = None):
        super().__init__("内部工作联系函", parent, save_text="发出")
        self.env = env
        self.source_type, self.source_uuid = source_type, source_uuid
        now = env.ctx.now()
        self.set_intro(f"征询后 {desk.memo_minutes(env.ctx)} 分钟内发出。")
        self.department = self.add_row("接收部门", combo(departments.list_names(env.ctx), editable=True), "department")
        self.subject = self.add_row("主题", QLineEdit(), "subject")
        self.content = self.add_row("内容", TextArea(4), "content")
        self.inquiry = None
        if source_uuid is None:
            self.inquiry = self.add_row("征询时间", OptionalDateTime("不是刚才", now), "inquiry_at")
        self.reply_by = self.add_row("要求回复时间", OptionalDateTime("填写", now.replace(hour=17, minute=0)), "reply_by")
        self.department.setFocus()

    def save(self):
        return desk.send_memo(self.env.ctx, department=self.department.currentText(), subject=self.subject.text(),
                              content=self.content.text(), source_type=self.source_type,
                              source_uuid=self.source_uuid,
                              inquiry_at=self.inquiry.value() if self.inquiry is not None else None,
                              reply_by=self.reply_by.value())


class ReplyDialog(FormDialog):
    def __init__(self, env: UiEnv, memo: desk.MemoRow, parent: QWidget | None = None):
        super().__init__(f"登记回复 {memo.number}", parent)
        self.env, self.memo = env, memo
        self.set_intro(f"{memo.department}：{memo.subject}")
        self.reply = self.add_row("回复内容", TextArea(4), "reply")
        self.replier = self.add_row("回复人", QLineEdit(), "replier")
        self.reply.setFocus()

    def save(self):
        return desk.record_reply(self.env.ctx, self.memo.uuid, reply=self.reply.text(), replier=self.replier.text(),
                                 expected_version=self.memo.version)
