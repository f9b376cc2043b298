"""One visit/call record: its details and history; the handler writes 处理情况 and
完成时间; a 客服主管 or above may void it with a reason."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.reception import OVERDUE, HandlingMode
from ui.reception.fields import DT_FORMAT, DateTimeEdit
from ui.forms.signed_copies import SignedCopiesWidget
from ui.shared.live_updates import RecordWatch
from ui.shared.common import Dialogs, UiEnv, error_text
from ui.shared.permissions import may

FIELD_NAMES = {
    "received_at": "登记时间", "method": "方式", "name": "姓名", "unit_no": "房号", "phone": "联系电话",
    "category": "类别", "content": "内容", "handling_mode": "处理方式", "department": "转交部门",
    "handler": "负责人", "due_at": "要求完成时间", "handling": "处理情况", "completed_at": "完成时间",
    "status": "状态", "received_by": "接待人", "complaint_uuid": "关联投诉", "void_reason": "作废原因",
    "passed_on_at": "转告时间", "passed_on_by": "转告人", "to_staff": "转告给", "message": "转告内容",
}
_HIDDEN = {"uuid", "site_code", "version", "created_at", "created_by", "updated_at", "updated_by", "voided_at",
           "voided_by", "phone_digits", "id"}


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def describe_change(before: dict | None, after: dict | None) -> str:
    """``状态：待处理 → 已完成；处理情况：… `` for the history list."""
    after = after or {}
    before = before or {}
    parts = []
    for key, value in after.items():
        if key in _HIDDEN:
            continue
        label = FIELD_NAMES.get(key, key)
        old = before.get(key)
        new = "" if value is None else str(value)
        if len(new) > 60:
            new = new[:60] + "…"
        parts.append(f"{label}：{old} → {new}" if old not in (None, "") else f"{label}：{new}")
    return "；".join(parts)


class ContactDialog(QDialog):
    changed = Signal(object)  # ContactRow

    def __init__(self, env: UiEnv, uuid: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.uuid = uuid
        self.row = None
        self.may_void = may(env, "record.void")
        self.setWindowTitle("来访来电记录")
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        # says so when another desk changes this record meanwhile
        self.watch = RecordWatch(env, "contact_record", uuid, lambda: self.row.version if self.row else None, self)
        layout.addWidget(self.watch.bar)
        self.details = QFormLayout()
        box = QGroupBox("记录")
        box.setLayout(self.details)
        layout.addWidget(box)

        handle = QGroupBox("处理情况")
        hl = QFormLayout(handle)
        self.handling = QPlainTextEdit()
        self.handling.setTabChangesFocus(True)
        self.handling.setFixedHeight(80)
        self.completed_at = DateTimeEdit()
        self.completed_at.setDisplayFormat(DT_FORMAT)
        self.completed_at.setCalendarPopup(True)
        self.complete_button = QPushButton("保存处理情况（办结）")
        self.complete_error = QLabel()
        self.complete_error.setStyleSheet("color: #c62828;")
        self.complete_error.setWordWrap(True)
        hl.addRow("处理情况", self.handling)
        hl.addRow("完成时间", self.completed_at)
        hl.addRow("", self.complete_error)
        hl.addRow("", self.complete_button)
        layout.addWidget(handle)
        self.handle_box = handle

        hist = QGroupBox("处理记录（谁、何时、改了什么）")
        hv = QVBoxLayout(hist)
        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels(["时间", "操作人", "操作", "内容"])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history.setWordWrap(True)
        hv.addWidget(self.history)
        layout.addWidget(hist, 1)
        layout.addWidget(SignedCopiesWidget(env, uuid, self))

        buttons = QHBoxLayout()
        self.void_button = QPushButton("作废…")
        self.close_button = QPushButton("关闭")
        self.memo_button = QPushButton("发内部联系函…")
        self.memo_button.setObjectName("send_memo")
        self.memo_button.setToolTip("需要其他部门答复的征询：1 小时内发出内部工作联系函")
        buttons.addWidget(self.void_button)
        buttons.addWidget(self.memo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.complete_button.clicked.connect(self.complete)
        self.void_button.clicked.connect(self.void)
        self.memo_button.clicked.connect(self.send_memo)
        self.close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.complete)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.complete)
        self.load()

    # -- data ------------------------------------------------------------------------------
    def load(self) -> None:
        from app.domain.enums import Role
        from app import reception

        self.row = row = reception.get_contact(self.env.ctx, self.uuid)
        while self.details.rowCount():
            self.details.removeRow(0)
        handover = row.handling_mode or ""
        if row.handling_mode == HandlingMode.HANDED_OVER:
            handover = (f"{HandlingMode.HANDED_OVER} {row.department or ''}"
                        + (f"（负责人 {row.handler}）" if row.handler else ""))
            if row.due_at:
                handover += f"，要求 {_when(row.due_at)} 前完成"
        status = row.status + (f"（{OVERDUE}）" if row.overdue else "")
        lines = [("登记时间", f"{_when(row.received_at)}　{row.method}　接待人 {row.received_by}"),
                 ("来访人", f"{row.name}　{row.unit_no or ''}　{row.phone or ''}"),
                 ("类别", row.category + (f"（转告给 {row.relay_to}）" if row.relay_to else "")),
                 ("内容", row.content), ("处理方式", handover), ("状态", status)]
        if row.complaint_uuid:
            lines.append(("关联投诉", row.complaint_uuid))
        if row.is_void:
            lines.append(("作废", f"{row.voided_by} {_when(row.voided_at)}：{row.void_reason}"))
        for label, text in lines:
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if label == "状态":
                value.setObjectName("status_value")
                if row.overdue:
                    value.setStyleSheet("color: #c62828; font-weight: bold;")
            self.details.addRow(label, value)
        self.handling.setPlainText(row.handling or "")
        self.completed_at.setDateTime(QDateTime(row.completed_at or self.env.ctx.now()))
        actor = self.env.actor
        supervisor = actor is not None and actor.at_least(Role.SUPERVISOR)
        can_complete = not row.is_void and (row.is_open or supervisor)
        self.handle_box.setEnabled(can_complete)
        self.complete_button.setText("保存处理情况（办结）" if row.is_open else "修改处理情况")
        self.void_button.setVisible(self.may_void)
        self.void_button.setEnabled(not row.is_void)
        self._load_history()
        self.setWindowTitle(f"来访来电记录 — {row.name} {_when(row.received_at)}")

    def _load_history(self) -> None:
        from app import reception

        events = reception.contact_history(self.env.ctx, self.uuid)
        self.history.setRowCount(len(events))
        for i, h in enumerate(events):
            text = describe_change(h.before, h.after if h.action not in ("登记", "新建", "登记转告") else
                                   {k: v for k, v in (h.after or {}).items()
                                    if k in ("status", "to_staff", "handling_mode", "department") and v})
            if h.note:
                text = (text + "；" if text else "") + f"说明：{h.note}"
            for j, value in enumerate([_when(h.at), h.actor, h.action, text]):
                self.history.setItem(i, j, QTableWidgetItem(value))
        self.history.resizeColumnsToContents()
        self.history.resizeRowsToContents()

    # -- actions -----------------------------------------------------------------------------
    def complete(self) -> None:
        from app.domain.errors import StaleRecord, ValidationError
        from app import reception

        if not self.handle_box.isEnabled():
            return
        self.complete_error.clear()
        try:
            row = reception.complete_contact(self.env.ctx, self.uuid, expected_version=self.row.version,
                                             handling=self.handling.toPlainText(),
                                             completed_at=self.completed_at.dateTime().toPython().replace(
                                                 microsecond=0))
        except ValidationError as exc:
            self.complete_error.setText(str(exc))
            return
        except StaleRecord as exc:
            Dialogs.error(self, exc)
            self.load()
            return
        except Exception as exc:
            self.complete_error.setText(error_text(exc))
            return
        self.changed.emit(row)
        self.load()

    def void(self) -> None:
        from app import reception

        reason = Dialogs.ask_text(self, "作废记录", "作废原因（必填）：")
        if reason is None:
            return
        try:
            row = reception.void_contact(self.env.ctx, self.uuid, expected_version=self.row.version, reason=reason)
        except Exception as exc:
            Dialogs.error(self, exc)
            self.load()
            return
        self.changed.emit(row)
        self.load()

    def send_memo(self) -> None:
        """内部工作联系函 to a department about this visit or call (the inquiry time is the record's)."""
        from app import desk
        from ui.desk.memo_dialog import MemoDialog

        dlg = MemoDialog(self.env, self, source_type=desk.MemoSource.CONTACT.value, source_uuid=self.uuid)
        self._memo_dialog = dlg  # tests reach the open dialog here
        dlg.open()
