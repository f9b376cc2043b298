"""One complaint: enter it, correct it, move it through its states (the buttons follow the
allowed transitions), escalate, void, progress entries, follow-ups and the history."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDateTimeEdit, QDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from app.complaints import (
    ESCALATION_LEVELS, ComplaintAction as A, ComplaintSeverity, ComplaintStatus, ComplaintValidity, FollowUpSubject,
    ReplyMethod,
)
from app.domain.enums import ContactMethod
from ui.forms.signed_copies import SignedCopiesWidget
from ui.shared.live_updates import RecordWatch
from ui.shared.common import Dialogs, UiEnv, error_text
from ui.shared.permissions import granted, needs
from ui.complaints.table_models import fmt_full

CHANNELS = [c.value for c in ContactMethod]
SEVERITIES = [s.value for s in ComplaintSeverity]
REPLY_METHODS = [""] + [m.value for m in ReplyMethod]

#: (key, button text, the action that enables it: allowed in the complaint's state)
BUTTONS = [
    ("save", "保存修改", A.EDIT),
    ("start", "开始处理", A.START),
    ("hand", "转交部门", A.HAND_OVER),
    ("result", "处理完成", A.FINISH),
    ("reply", "答复住户", A.REPLY),
    ("valid", "判定有效", A.DECIDE_VALIDITY),
    ("invalid", "判定无效…", A.DECLARE_INVALID),
    ("escalate", "升级…", A.ESCALATE),
    ("progress", "记录进展…", A.PROGRESS),
    ("follow_up", "回访…", A.CLOSE_AFTER_FOLLOW_UP),
    ("void", "作废…", A.VOID),
]

#: Buttons offered only to the roles 权限设置 gives their step (the service refuses the others too).
ACTION_OF = {"void": "record.void", "invalid": "complaint.close_invalid"}

#: The next step for a complaint in each state: (button, what the desk is told).
NEXT_STEP = {
    ComplaintStatus.RECEIVED: ("start", "下一步：开始处理（或转交部门）"),
    ComplaintStatus.IN_PROGRESS: ("result", "下一步：填写处理结果，点「处理完成」"),
    ComplaintStatus.AWAITING_FOLLOW_UP: ("follow_up", "下一步：回访住户，点「回访…」"),
}


def _qdt(value: datetime | None) -> QDateTime:
    return QDateTime(value) if value else QDateTime()


def _py(value: QDateTime) -> datetime:
    return value.toPython().replace(microsecond=0)


class ComplaintDialog(QDialog):
    """``ComplaintDialog(env, uuid)`` for an existing complaint, ``uuid=None`` to enter a new one."""

    record_saved = Signal(str)

    def __init__(self, env: UiEnv, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        from app import complaints

        self.env = env
        self.uuid = uuid
        self.row = None
        self.grants = granted(env)  # the steps of 权限设置 this user may do here
        self.setWindowTitle("新建投诉" if uuid is None else "投诉处理")
        self.resize(980, 720)

        self.header = QLabel()
        self.header.setObjectName("header")
        self.header.setWordWrap(True)
        self.deadlines = QLabel()
        self.deadlines.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)

        # -- the complaint ---------------------------------------------------------
        self.channel = QComboBox()
        self.channel.addItems(CHANNELS)
        self.channel.setCurrentText(ContactMethod.CALL.value)
        self.received_at = QDateTimeEdit(_qdt(env.ctx.now()))
        self.received_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received_at.setCalendarPopup(True)
        self.complainant = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("必填：回访需要")
        self.unit_no = QLineEdit()
        self.unit_no.setPlaceholderText("如 3-2-1502")
        self.category = QComboBox()
        self.category.addItems(complaints.categories(env.ctx))
        self.severity = QComboBox()
        self.severity.addItems(SEVERITIES)
        self.promised = QDateTimeEdit(_qdt(env.ctx.now()))
        self.promised.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.promised.setCalendarPopup(True)
        self.promised.setToolTip("重大投诉：告知住户的答复日期（默认按设置计算）")
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setMinimumHeight(70)

        form = QGridLayout()
        pairs = [("渠道", self.channel), ("受理时间", self.received_at), ("投诉人", self.complainant),
                 ("联系电话", self.phone), ("房号", self.unit_no), ("类别", self.category), ("性质", self.severity),
                 ("承诺答复日期", self.promised)]
        for i, (label, widget) in enumerate(pairs):
            form.addWidget(QLabel(label), i // 2, (i % 2) * 2)
            form.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        form.addWidget(QLabel("投诉内容"), 4, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.content, 4, 1, 1, 3)
        details = QGroupBox("投诉")
        details.setLayout(form)

        # -- the handling ----------------------------------------------------------------
        self.department = QComboBox()
        self.department.addItems([""] + complaints.departments(env.ctx))
        self.handler = QLineEdit()
        self.opinion = QPlainTextEdit()
        self.opinion.setTabChangesFocus(True)
        self.opinion.setMaximumHeight(70)
        self.result = QPlainTextEdit()
        self.result.setTabChangesFocus(True)
        self.result.setMaximumHeight(70)
        self.reply_method = QComboBox()
        self.reply_method.addItems(REPLY_METHODS)
        self.validity = QLabel()
        handling_form = QFormLayout()
        handling_form.addRow("责任部门", self.department)
        handling_form.addRow("处理人", self.handler)
        handling_form.addRow("处理意见", self.opinion)
        handling_form.addRow("处理结果", self.result)
        handling_form.addRow("回复方式", self.reply_method)
        handling_form.addRow("有效性", self.validity)
        self.handling = QGroupBox("处理")
        self.handling.setLayout(handling_form)

        # -- buttons -----------------------------------------------------------------------
        self.buttons: dict[str, QPushButton] = {}
        bar = QGridLayout()
        for i, (key, text, _action) in enumerate(BUTTONS):
            b = QPushButton(text)
            b.setObjectName(f"btn_{key}")
            b.clicked.connect(lambda _=False, k=key: self.do(k))
            self.buttons[key] = b
            bar.addWidget(b, i // 6, i % 6)
        self.create_button = QPushButton("受理（保存）")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        self.memo_button = QPushButton("发内部联系函…")
        self.memo_button.setObjectName("send_memo")
        self.memo_button.setToolTip("需要其他部门答复时，1 小时内发出内部工作联系函")
        self.memo_button.clicked.connect(self.send_memo)
        self.memo_button.setVisible(uuid is not None)

        # -- tabs: progress, follow-ups, history ----------------------------------------
        self.tabs = QTabWidget()
        self.progress_table = self._table(["时间", "记录人", "进展情况"])
        self.followup_table = self._table(["回访时间", "方式", "受访人", "反馈意见", "回访内容", "回访人"])
        self.history_table = self._table(["时间", "操作人", "操作", "说明", "变更"])
        self.tabs.addTab(self.history_table, "历史")
        self.tabs.addTab(self.progress_table, "进展记录")
        self.tabs.addTab(self.followup_table, "回访")

        top = QHBoxLayout()
        top.addWidget(details, 3)
        top.addWidget(self.handling, 2)
        bottom = QHBoxLayout()
        bottom.addLayout(bar, 1)
        bottom.addWidget(self.create_button)
        bottom.addWidget(self.memo_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        if uuid is not None:  # says so when another desk changes this complaint meanwhile
            self.watch = RecordWatch(env, "complaint", uuid, lambda: self.row.version if self.row else None, self)
            layout.addWidget(self.watch.bar)
        layout.addWidget(self.header)
        layout.addWidget(self.deadlines)
        layout.addLayout(top)
        self.next_step = QLabel()
        self.next_step.setObjectName("next_step")
        self.next_step.setStyleSheet("color: #1565c0; font-weight: bold;")
        layout.addWidget(self.message)
        layout.addWidget(self.next_step)
        layout.addLayout(bottom)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(SignedCopiesWidget(env, uuid, self))
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self._save_shortcut)
        self.severity.currentTextChanged.connect(self._severity_changed)

        if uuid is None:
            self._new_mode()
        else:
            self.reload()

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        t.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        t.verticalHeader().setVisible(False)
        return t

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value if len(value) > 20 else "")
                table.setItem(r, c, item)
        table.resizeColumnsToContents()

    # -- modes -------------------------------------------------------------------
    def _new_mode(self) -> None:
        self.header.setText("新建投诉：填写后按“受理（保存）”（Ctrl+S）。联系电话必填，回访需要。")
        self.handling.setVisible(False)
        self.tabs.setVisible(False)
        for b in self.buttons.values():
            b.setVisible(False)
        self._severity_changed(self.severity.currentText())
        self.complainant.setFocus()

    def _severity_changed(self, text: str) -> None:
        self.promised.setEnabled(text == ComplaintSeverity.MAJOR)

    def _save_shortcut(self) -> None:
        if self.uuid is None:
            self.create()
        elif self.buttons["save"].isEnabled():
            self.do("save")

    # -- reading ---------------------------------------------------------------------
    def reload(self) -> None:
        from app import complaints
        from app.complaints import followups

        ctx = self.env.ctx
        row = complaints.get(ctx, self.uuid)
        self.row = row
        self.setWindowTitle(f"投诉处理 — {row.complainant} {row.unit_no or ''}（{row.status}）")
        state = {"overdue": "（已超时）", "soon": "（即将到期）", "today": "（今日到期）"}.get(row.due_state or "", "")
        color = "#c62828" if row.due_state == "overdue" else "#b26a00" if row.due_state == "soon" else "#333"
        due = f"{row.next_due_kind} {fmt_full(row.next_due_at)}{state}" if row.is_open and row.next_due_at else "—"
        self.header.setText(
            f"<b>状态：{row.status}</b>　负责级别：{row.level_label}　性质：{row.severity}　"
            f"受理人：{row.received_by}　<span style='color:{color}'>下一时限：{due}</span>"
            + ("　<span style='color:#c62828'>是否超时：是</span>" if row.overdue else "")
            + (f"　重新处理 {row.reopen_count} 次" if row.reopen_count else "")
            + (f"<br>作废原因：{row.void_reason}" if row.void_reason else "")
            + (f"<br>升级原因：{row.escalation_reason}" if row.escalation_reason else ""))
        parts = [("开始处理", row.start_due_at, row.started_at), ("处理完成", row.due_at, row.completed_at),
                 ("答复住户", row.reply_due_at, row.reply_at), ("回访", row.follow_up_due_at, row.closed_at)]
        if row.progress_due_at and row.is_open:
            parts.append(("进展记录", row.progress_due_at, None))
        texts = []
        for label, due_at, done_at in parts:
            if due_at is None:
                continue
            text = f"{label}时限 {fmt_full(due_at)}"
            if done_at:
                text += f"（{fmt_full(done_at)} 完成）"
            texts.append(text)
        if row.promised_reply_at:
            texts.append(f"承诺答复 {fmt_full(row.promised_reply_at)}")
        self.deadlines.setText("　".join(texts))

        self.channel.setCurrentText(row.channel)
        self.received_at.setDateTime(_qdt(row.received_at))
        self.complainant.setText(row.complainant)
        self.phone.setText(row.phone)
        self.unit_no.setText(row.unit_no or "")
        if self.category.findText(row.category) < 0:
            self.category.addItem(row.category)
        self.category.setCurrentText(row.category)
        self.severity.setCurrentText(row.severity)
        self.promised.setDateTime(_qdt(row.promised_reply_at or row.due_at or row.received_at))
        self.content.setPlainText(row.content)
        if row.department and self.department.findText(row.department) < 0:
            self.department.addItem(row.department)
        self.department.setCurrentText(row.department or "")
        self.handler.setText(row.handler or "")
        self.opinion.setPlainText(row.opinion or "")
        self.result.setPlainText(row.result or "")
        self.reply_method.setCurrentText(row.reply_method or "")
        self.validity.setText(row.validity + (f"：{row.invalid_explanation}" if row.invalid_explanation else ""))

        allowed = set(row.actions)
        for key, _text, action in BUTTONS:
            self.buttons[key].setEnabled(action in allowed)
        self.buttons["valid"].setEnabled(A.DECIDE_VALIDITY in allowed and row.validity != ComplaintValidity.VALID)
        self.buttons["reply"].setEnabled(A.REPLY in allowed and row.reply_at is None)
        self.buttons["follow_up"].setEnabled(row.status == ComplaintStatus.AWAITING_FOLLOW_UP)
        self._lead_with_next_step(row)
        editable = row.status != ComplaintStatus.VOID
        for w in (self.channel, self.received_at, self.complainant, self.phone, self.unit_no, self.category,
                  self.severity, self.content, self.handler, self.opinion, self.result):
            w.setEnabled(editable)
        self.received_at.setEnabled(editable and "complaint.change_received_at" in self.grants)
        self.create_button.setVisible(False)

        self._fill(self.history_table, [
            [fmt_full(h.at), h.actor, h.action, h.note or "", _changes(h.before, h.after)]
            for h in complaints.history(ctx, row.uuid)])
        self._fill(self.progress_table, [[fmt_full(p.at), p.created_by, p.note]
                                         for p in complaints.progress_entries(ctx, row.uuid)])
        self._fill(self.followup_table, [
            [fmt_full(f.visited_at), f.method, f.interviewee, f.feedback, f.content, f.visitor]
            for f in followups.follow_ups_of(ctx, row.uuid) if f.voided_at is None])

    def _lead_with_next_step(self, row) -> None:
        """The step this record needs next is named and its button stands out; what this
        person's role may not do is not offered at all."""
        for key, action in ACTION_OF.items():
            self.buttons[key].setVisible(action in self.grants)
        key, text = NEXT_STEP.get(ComplaintStatus(row.status), (None, ""))
        for k, b in self.buttons.items():
            b.setStyleSheet("font-weight: bold; color: #1565c0;" if k == key and b.isEnabled() else "")
            b.setDefault(k == key and b.isEnabled())
        if key is not None and self.buttons[key].isEnabled():
            due = f"（{row.next_due_kind}期限 {row.next_due_at:%m-%d %H:%M}）" if row.next_due_at else ""
            self.next_step.setText(text + due)
        else:
            self.next_step.setText("")

    # -- writing ----------------------------------------------------------------------------
    def _call(self, fn, *args, **kwargs) -> bool:
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every error becomes a message
            self.message.setText(error_text(exc))
            Dialogs.error(self, exc)
            return False
        self.message.clear()
        if getattr(result, "uuid", None) and self.uuid is None:
            self.uuid = result.uuid
        return True

    def _saved(self) -> None:
        self.reload()
        self.record_saved.emit(self.uuid)

    def create(self) -> None:
        from app import complaints

        fields = dict(channel=self.channel.currentText(), complainant=self.complainant.text(),
                      phone=self.phone.text(), unit_no=self.unit_no.text(), content=self.content.toPlainText(),
                      category=self.category.currentText(), severity=self.severity.currentText(),
                      received_at=_py(self.received_at.dateTime()))
        if self.severity.currentText() == ComplaintSeverity.MAJOR:
            fields["promised_reply_at"] = _py(self.promised.dateTime())
        if self._call(complaints.receive, self.env.ctx, **fields):
            self.handling.setVisible(True)
            self.tabs.setVisible(True)
            for b in self.buttons.values():
                b.setVisible(True)
            self._saved()

    def _edits(self) -> dict:
        row = self.row
        current = {
            "channel": self.channel.currentText(), "complainant": self.complainant.text().strip(),
            "phone": self.phone.text().strip(), "unit_no": self.unit_no.text().strip() or None,
            "content": self.content.toPlainText().strip(), "category": self.category.currentText(),
            "severity": self.severity.currentText(), "handler": self.handler.text().strip() or None,
            "opinion": self.opinion.toPlainText().strip() or None,
            "received_at": _py(self.received_at.dateTime()),
        }
        changes = {k: val for k, val in current.items() if val != getattr(row, k)}
        if self.severity.currentText() == ComplaintSeverity.MAJOR:
            promised = _py(self.promised.dateTime())
            if promised != row.promised_reply_at:
                changes["promised_reply_at"] = promised
        return changes

    def do(self, key: str) -> None:
        from app import complaints

        if self.row is None:
            return
        ctx, row = self.env.ctx, self.row
        ver = row.version
        ok = False
        if key == "save":
            changes = self._edits()
            if not changes:
                self.message.setText("没有需要保存的修改")
                return
            reason = None
            order = [sv.value for sv in ComplaintSeverity]
            lowered = ("severity" in changes and row.severity in order
                       and order.index(changes["severity"]) < order.index(row.severity))
            if lowered or "received_at" in changes:
                action = "complaint.lower_severity" if lowered else "complaint.change_received_at"
                if action not in self.grants:  # refused before the reason is typed
                    self.message.setText(f"{needs(self.env, action)}，未保存")
                    return
                what = "降低投诉性质" if lowered else "修改受理时间"
                reason = Dialogs.ask_text(self, what, f"{what}需要说明原因（记入历史）：")
                if not reason:
                    self.message.setText(f"{what}：请填写原因，未保存")
                    return
            ok = self._call(complaints.update, ctx, row.uuid, expected_version=ver, reason=reason, **changes)
        elif key == "start":
            ok = self._call(complaints.start_handling, ctx, row.uuid, expected_version=ver,
                            handler=self.handler.text(), opinion=self.opinion.toPlainText())
        elif key == "hand":
            if not self.department.currentText():
                self.message.setText("责任部门：请选择要转交的部门")
                self.department.setFocus()
                return
            ok = self._call(complaints.hand_to_department, ctx, row.uuid, expected_version=ver,
                            department=self.department.currentText(), handler=self.handler.text(),
                            opinion=self.opinion.toPlainText())
        elif key == "result":
            ok = self._call(complaints.record_result, ctx, row.uuid, expected_version=ver,
                            result=self.result.toPlainText(), opinion=self.opinion.toPlainText() or None,
                            reply_method=self.reply_method.currentText() or None)
        elif key == "reply":
            if not self.reply_method.currentText():
                self.message.setText("回复方式：请选择如何答复住户")
                self.reply_method.setFocus()
                return
            ok = self._call(complaints.record_reply, ctx, row.uuid, expected_version=ver,
                            method=self.reply_method.currentText())
        elif key == "valid":
            ok = self._call(complaints.set_validity, ctx, row.uuid, ComplaintValidity.VALID.value, expected_version=ver)
        elif key == "invalid":
            text = Dialogs.ask_text(self, "判定无效", "向住户所做的解释（判定无效后投诉关闭）：")
            if text is None:
                return
            ok = self._call(complaints.set_validity, ctx, row.uuid, ComplaintValidity.INVALID.value, expected_version=ver, explanation=text,
                            reply_method=self.reply_method.currentText() or None)
        elif key == "escalate":
            text = Dialogs.ask_text(self, "升级", f"升级到上一级负责人的原因（当前：{row.level_label}）：")
            if text is None:
                return
            ok = self._call(complaints.escalate, ctx, row.uuid, reason=text, expected_version=ver)
        elif key == "progress":
            text = Dialogs.ask_text(self, "记录进展", "今天的处理进展（已告知住户的情况）：")
            if text is None:
                return
            ok = self._call(complaints.add_progress, ctx, row.uuid, text)
        elif key == "void":
            text = Dialogs.ask_text(self, "作废", "作废原因（记录不会删除）：")
            if text is None:
                return
            ok = self._call(complaints.void, ctx, row.uuid, text, expected_version=ver)
        elif key == "follow_up":
            from ui.complaints.follow_up_dialog import FollowUpDialog

            dlg = FollowUpDialog(self.env, FollowUpSubject.COMPLAINT.value, row.uuid, parent=self, title=f"{row.category}：{row.content[:30]}",
                                 person=row.complainant, phone=row.phone, unit_no=row.unit_no)
            dlg.record_saved.connect(lambda _u: self._saved())
            dlg.open()
            self._follow_up_dialog = dlg
            return
        if ok:
            self._saved()



    def send_memo(self) -> None:
        """内部工作联系函 to a department about this complaint (the inquiry time is the complaint's)."""
        from app import desk
        from ui.desk.memo_dialog import MemoDialog

        if self.uuid is None:
            return
        dlg = MemoDialog(self.env, self, source_type=desk.MemoSource.COMPLAINT.value, source_uuid=self.uuid)
        self._memo_dialog = dlg  # tests reach the open dialog here
        dlg.open()


def _changes(before: dict | None, after: dict | None) -> str:
    if not after:
        return ""
    skip = {"version", "updated_at", "updated_by", "next_due_at", "next_due_kind", "phone_digits"}
    labels = {"status": "状态", "severity": "性质", "department": "责任部门", "handler": "处理人",
              "opinion": "处理意见", "result": "处理结果", "escalation_level": "级别", "validity": "有效性",
              "due_at": "处理时限", "reply_at": "回复时间", "reply_method": "回复方式", "overdue": "超时",
              "completed_at": "完成时间", "reopen_count": "重新处理次数", "content": "内容", "category": "类别",
              "complainant": "投诉人", "phone": "电话", "unit_no": "房号", "reviewer": "审核人"}
    parts = []
    for key, value in after.items():
        if key in skip or key not in labels:
            continue
        new = _plain(key, value)
        parts.append(f"{labels[key]}：{_plain(key, (before or {}).get(key))} → {new}" if before
                     else f"{labels[key]}：{new}")
    return "；".join(parts)


def _plain(key: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "escalation_level":
        return ESCALATION_LEVELS.get(value, str(value))
    if isinstance(value, str) and len(value) == 19 and value[4] == "-" and value[13] == ":":
        return value[:16]  # "2026-11-20 10:00:00" -> minutes
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
