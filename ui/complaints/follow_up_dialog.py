"""Record one follow-up (回访) of a complaint, a repair or a routine household visit."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget,
)

from app.complaints import Feedback, FollowUpMethod, FollowUpSubject, graded_feedback
from ui.shared.common import Dialogs, UiEnv, error_text

SUBJECTS = [s.value for s in FollowUpSubject]
METHODS = [m.value for m in FollowUpMethod]
FEEDBACK = [(graded_feedback(f), f.value) for f in Feedback]


class FollowUpDialog(QDialog):
    """A follow-up for ``subject_type``/``subject_uuid`` (None: a visit not tied to a record)."""

    record_saved = Signal(str)

    def __init__(self, env: UiEnv, subject_type: str = FollowUpSubject.ROUTINE.value, subject_uuid: str | None = None, *,
                 parent: QWidget | None = None, title: str = "", person: str | None = None,
                 phone: str | None = None, unit_no: str | None = None):
        super().__init__(parent)
        self.env = env
        self.subject_uuid = subject_uuid
        self.setWindowTitle("登记回访")
        self.subject_type = QComboBox()
        self.subject_type.addItems(SUBJECTS)
        self.subject_type.setCurrentText(subject_type)
        self.subject_type.setEnabled(subject_uuid is None)
        if subject_uuid is None:  # a complaint is followed up from its own record
            self.subject_type.removeItem(self.subject_type.findText(FollowUpSubject.COMPLAINT.value))
        self.subject = QLabel(title or "（无关联记录）")
        self.subject.setWordWrap(True)
        self.interviewee = QLineEdit(person or "")
        self.phone = QLineEdit(phone or "")
        self.unit_no = QLineEdit(unit_no or "")
        self.method = QComboBox()
        self.method.addItems(METHODS)
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setPlaceholderText("回访内容：问了什么，住户怎么说")
        self.feedback_group = QButtonGroup(self)
        feedback_row = QHBoxLayout()
        self.feedback_buttons: dict[str, QRadioButton] = {}
        for text, value in FEEDBACK:
            b = QRadioButton(text)
            self.feedback_group.addButton(b)
            self.feedback_buttons[value] = b
            feedback_row.addWidget(b)
        self.feedback_buttons[Feedback.SATISFIED.value].setChecked(True)
        self.visitor = QLineEdit(env.actor.name if env.actor else "")
        self.visited_at = QDateTimeEdit(QDateTime(env.ctx.now()))
        self.visited_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.visited_at.setCalendarPopup(True)
        self.remark = QLineEdit()
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow("关联类型", self.subject_type)
        form.addRow("关联事项", self.subject)
        form.addRow("受访人", self.interviewee)
        form.addRow("联系电话", self.phone)
        form.addRow("房号", self.unit_no)
        form.addRow("回访方式", self.method)
        form.addRow("回访内容", self.content)
        form.addRow("反馈意见", feedback_row)
        form.addRow("回访人", self.visitor)
        form.addRow("回访时间", self.visited_at)
        form.addRow("备注", self.remark)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存回访")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        if subject_type == FollowUpSubject.COMPLAINT:
            hint = QLabel("满意 / 较满意：投诉关闭；不满意：退回处理中，性质升一级。")
            hint.setStyleSheet("color: #555;")
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        self.content.setFocus()

    def feedback(self) -> str:
        return next(v for v, b in self.feedback_buttons.items() if b.isChecked())

    def save(self) -> None:
        from app.complaints import followups

        try:
            row = followups.record_follow_up(
                self.env.ctx, self.subject_type.currentText(), self.subject_uuid, method=self.method.currentText(),
                content=self.content.toPlainText(), feedback=self.feedback(), interviewee=self.interviewee.text(),
                phone=self.phone.text(), unit_no=self.unit_no.text(), visitor=self.visitor.text(),
                visited_at=self.visited_at.dateTime().toPython().replace(microsecond=0), remark=self.remark.text())
        except Exception as exc:  # noqa: BLE001
            self.message.setText(error_text(exc))
            Dialogs.error(self, exc)
            return
        self.record_saved.emit(row.uuid)
        self.accept()
