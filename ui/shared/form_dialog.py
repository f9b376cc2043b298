"""The base of the form dialogs: fields, a red message line, 保存/取消, and the small field widgets
they use.

Subclasses add rows with :meth:`FormDialog.add_row` and implement :meth:`FormDialog.save`, which
calls a service and returns what it saved; a refused save (bad input, wrong state, stale record,
no permission) shows the service's Chinese message, marks and focuses the field it names, and
keeps the dialog open: nothing changed.

With ``KEYBOARD_SAVE`` (the default) it is all by keyboard: Enter in a one-line field or an
editable combo, or Ctrl+Enter anywhere (also inside a multi-line field) saves; Esc cancels.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QPlainTextEdit, QVBoxLayout, QWidget,
)

ERROR_STYLE = "border: 1px solid #c62828;"


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)


class TextArea(QPlainTextEdit):
    """A multi-line field where Tab moves on (it never inserts a tab)."""

    def __init__(self, lines: int = 3, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - same name as QLineEdit's
        self.setPlainText(text or "")


class DateTimeField(QDateTimeEdit):
    def __init__(self, value: datetime, parent: QWidget | None = None):
        super().__init__(to_qdatetime(value), parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")

    def value(self) -> datetime:
        return self.dateTime().toPython().replace(second=0, microsecond=0)

    def set_value(self, value: datetime) -> None:
        self.setDateTime(to_qdatetime(value))


class DateField(QDateEdit):
    """A date (today unless given) with a calendar pop-up."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setDate(QDate.currentDate() if value is None else QDate(value.year, value.month, value.day))

    def value(self) -> date:
        return self.date().toPython()

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


class OptionalValue(QWidget):
    """A value that may be left empty: a check box and an editor (anything with ``value()`` and
    ``set_value()``), enabled while the box is ticked."""

    def __init__(self, label: str, edit: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = edit
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def value(self) -> Any:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, value: Any) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.set_value(value)


class OptionalDateTime(OptionalValue):
    """A time that may be left empty."""

    def __init__(self, label: str, default: datetime, parent: QWidget | None = None):
        super().__init__(label, DateTimeField(default), parent)


class OptionalDate(OptionalValue):
    """A date that may be left empty."""

    def __init__(self, label: str = "填写", parent: QWidget | None = None):
        super().__init__(label, DateField(), parent)


def combo(items, *, editable: bool = False, current: str | None = None) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    box.addItems([str(i) for i in items])
    if current is not None:
        i = box.findText(current)
        if i >= 0:
            box.setCurrentIndex(i)
        elif editable:
            box.setEditText(current)
    return box


class FormDialog(QDialog):
    MIN_WIDTH = 460
    KEYBOARD_SAVE = True  # Ctrl+Enter anywhere, Enter in an editable combo saves

    def __init__(self, title: str, parent: QWidget | None = None, *, save_text: str = "保存"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.saved: Any = None
        self._fields: dict[str, QWidget] = {}
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.hide()
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text)
        if self.KEYBOARD_SAVE:
            self.save_button.setToolTip("Enter / Ctrl+Enter")
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.MIN_WIDTH)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def add_row(self, label: str, widget: QWidget, key: str | None = None) -> QWidget:
        self.form.addRow(label, widget)
        if key:
            self._fields[key] = widget
        if self.KEYBOARD_SAVE and isinstance(widget, QPlainTextEdit):
            widget.installEventFilter(self)
        elif self.KEYBOARD_SAVE and isinstance(widget, QComboBox) and widget.isEditable():
            widget.installEventFilter(self)  # an editable combo keeps Enter to itself
            widget.lineEdit().installEventFilter(self)
        return widget

    def field(self, key: str) -> QWidget:
        return self._fields[key]

    # -- keyboard ------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(obj, QPlainTextEdit):
                save = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            else:  # the line edit of an editable combo, unless its completion list is open
                completer = obj.completer() if hasattr(obj, "completer") else None
                popup = completer is not None and completer.popup() is not None and completer.popup().isVisible()
                if isinstance(obj, QComboBox):
                    popup = popup or obj.view().isVisible()
                save = not popup
            if save:
                self.try_save()
                return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.KEYBOARD_SAVE and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.try_save()
            return
        super().keyPressEvent(event)

    # -- saving ------------------------------------------------------------------------
    def save(self) -> Any:  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    def try_save(self) -> None:
        from app.domain.errors import FrontDeskError, ValidationError
        from ui.shared.common import error_text

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
