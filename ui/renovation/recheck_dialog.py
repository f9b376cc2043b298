"""复查 of a rectification notice: 已整改 closes it; 未整改 (on or after the deadline) needs
the escalation step (停工 / 报客服主管 / 移交执法部门) and sets a new deadline."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QRadioButton,
)

from app import renovation as reno
from ui.shared.common import UiEnv
from ui.shared.action_dialog import ActionDialog


class RecheckDialog(ActionDialog):
    RESULT = "saved"

    def __init__(self, env: UiEnv, notice: reno.NoticeRow, parent=None):
        super().__init__(env, f"整改复查 - {notice.notice_no}", parent)
        self.notice = notice
        self.done_button = QRadioButton("已整改(&Y)")
        self.not_done_button = QRadioButton("未整改(&N)")
        group = QButtonGroup(self)
        group.addButton(self.done_button)
        group.addButton(self.not_done_button)
        self.done_button.setChecked(True)
        self.done_button.toggled.connect(self._toggle)
        self.escalation = QComboBox()
        self.escalation.addItems([e.value for e in reno.Escalation])
        days = 3
        nd = env.ctx.now().date() + timedelta(days=days)
        self.new_deadline = QDateEdit(QDate(nd.year, nd.month, nd.day))
        self.new_deadline.setCalendarPopup(True)
        self.new_deadline.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit()
        radios = QHBoxLayout()
        radios.addWidget(self.done_button)
        radios.addWidget(self.not_done_button)
        radios.addStretch(1)
        form = QFormLayout()
        form.addRow("通知书", QLabel(f"{notice.notice_no}　{notice.unit_no}　期限 {notice.deadline:%Y-%m-%d %H:%M}"))
        facts = QLabel(notice.facts)
        facts.setWordWrap(True)
        form.addRow("违规事实", facts)
        form.addRow("复查结果", radios)
        form.addRow("升级措施", self.escalation)
        form.addRow("新整改期限", self.new_deadline)
        form.addRow("复查说明", self.note)
        self.finish(form, ok_text="登记复查")
        self.resize(520, 300)
        self._toggle()

    def _toggle(self) -> None:
        escalate = self.not_done_button.isChecked()
        self.escalation.setEnabled(escalate)
        self.new_deadline.setEnabled(escalate)

    def submit(self) -> reno.NoticeRow:
        done = self.done_button.isChecked()
        return reno.recheck_notice(
            self.env.ctx, self.notice.uuid,
            reno.RecheckResult.RECTIFIED if done else reno.RecheckResult.NOT_RECTIFIED,
            note=self.note.text(), escalation=None if done else self.escalation.currentText(),
            new_deadline=None if done else self.new_deadline.date().toPython(),
            expected_version=self.notice.version)
