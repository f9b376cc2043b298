"""服务申请: applications waiting, approved, handed back; late ones (not back within the working
day) red. 新申请 (F2), 审批 (客服主管), 交还申请人, 打印 (FW-05)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from app import desk
from app.domain.enums import Role
from ui.desk.application_dialog import ApplicationDialog
from ui.desk.memo_dialog import MemoDialog
from ui.desk.record_list import RecordList
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may
from ui.shared.print_preview import preview_form
from ui.shared.rows_table_model import DIMMED, LATE, Column

COLUMNS = [
    Column("申请单号", lambda a: a.number),
    Column("申请时间", lambda a: a.applied_at),
    Column("申请人", lambda a: a.applicant),
    Column("房号", lambda a: a.unit_no),
    Column("申请事项", lambda a: a.content, tooltip=lambda a: a.content),
    Column("交还期限", lambda a: a.due_at),
    Column("审批", lambda a: f"{a.decision}（{a.decided_by}）" if a.decision else ""),
    Column("状态", lambda a: a.status + ("（超时）" if a.late else "")),
]


def application_style(a):
    if a.late and a.status != desk.ApplicationStatus.RETURNED:
        return LATE
    if a.status in (desk.ApplicationStatus.RETURNED, desk.ApplicationStatus.VOID):
        return DIMMED
    return None


class ApplicationList(RecordList):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(env, COLUMNS, "applications_table", parent, style=application_style)
        self.open_only = QCheckBox("只看未交还")
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.top.addWidget(self.open_only)
        supervisor = env.actor is not None and env.actor.at_least(Role.SUPERVISOR)
        self.add_button("新申请", self.new, "F2")
        self.add_button("同意", lambda: self.decide("同意"), visible=supervisor)
        self.add_button("不同意", lambda: self.decide("不同意"), visible=supervisor)
        self.add_button("交还申请人", self.hand_back, "F3")
        self.add_button("发联系函", self.memo)
        self.add_button("打印申请单", self.print_application, "Ctrl+P")
        self.add_button("作废", self.void, visible=may(env, "record.void"))
        self.finish_buttons()

    def load(self) -> list:
        return desk.list_applications(self.env.ctx, open_only=self.open_only.isChecked())

    def after_refresh(self, rows: list) -> None:
        late = sum(1 for a in rows if a.late and a.status != desk.ApplicationStatus.RETURNED)
        self.summary.setText(f"{len(rows)} 份" + (f"，<span style='color:#c62828;font-weight:bold'>超时未交还 {late} 份"
                                                  "</span>" if late else ""))

    def new(self) -> None:
        self.open_dialog(ApplicationDialog(self.env, self))

    def decide(self, decision: str) -> None:
        a = self.need_current("服务申请")
        if a is None:
            return
        opinion = Dialogs.ask_text(self, f"审批：{decision}", "意见说明（不同意时必填，将告知申请人）：")
        if opinion is None:
            return
        self.call(desk.decide, self.env.ctx, a.uuid, decision, opinion=opinion, expected_version=a.version)

    def hand_back(self) -> None:
        a = self.need_current("服务申请")
        if a is not None:
            self.call(desk.hand_back, self.env.ctx, a.uuid, expected_version=a.version)

    def memo(self) -> None:
        """The departments that must act are told in writing: a memo from this application."""
        a = self.need_current("服务申请")
        if a is not None:
            dlg = MemoDialog(self.env, self, source_type=desk.MemoSource.APPLICATION.value, source_uuid=a.uuid)
            dlg.subject.setText(f"服务申请 {a.number}：{a.content[:30]}")
            dlg.content.setText(a.content)
            if a.departments:
                dlg.department.setEditText(a.departments)
            self.open_dialog(dlg)

    def print_application(self) -> None:
        a = self.need_current("服务申请")
        if a is not None:
            preview_form(self.env, self, "service-application", number=a.number)

    def void(self) -> None:
        a = self.need_current("服务申请")
        if a is not None:
            self.ask_void("服务申请", desk.void_application, a)
