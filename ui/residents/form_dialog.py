"""A small form in a dialog: fields, a red message line, 保存/取消.

Subclasses add rows with :meth:`add_row` and implement :meth:`save`, which calls a service
and returns what was saved. A refused save (bad input, stale record, no permission) shows the
service's Chinese message, marks the field it names and keeps the dialog open; nothing changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget,
)

ERROR_STYLE = "border: 1px solid #c62828;"


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.saved: Any = None
        self._fields: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def add_row(self, label: str, widget: QWidget, key: str | None = None) -> QWidget:
        self.form.addRow(label, widget)
        if key:
            self._fields[key] = widget
        return widget

    def field(self, key: str) -> QWidget:
        return self._fields[key]

    # -- saving ------------------------------------------------------------------------
    def save(self) -> Any:  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    def try_save(self) -> None:
        from app.domain.errors import FrontDeskError, ValidationError
        from ui.common import error_text

        for w in self._fields.values():
            w.setStyleSheet("")
        try:
            self.saved = self.save()
        except FrontDeskError as exc:
            self.show_error(error_text(exc))
            key = getattr(exc, "key", None) if isinstance(exc, ValidationError) else None
            widget = self._fields.get(key) if key else None
            if widget is not None:
                widget.setStyleSheet(ERROR_STYLE)
                widget.setFocus()
            return
        self.accept()

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class OptionalDate(QWidget):
    """A date that may be left empty: a check box and a date field."""

    def __init__(self, label: str = "填写", parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def value(self):
        return self.edit.date().toPython() if self.check.isChecked() else None

    def set_value(self, value) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))
