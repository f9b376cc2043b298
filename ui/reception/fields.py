"""Small field widgets of the reception screens: a date-time field and a multi-line text
field that Tab leaves (as every other field), and the style of an error under a field."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QPlainTextEdit, QWidget

DT_FORMAT = "yyyy-MM-dd HH:mm"
ERROR_STYLE = "color: #c62828; font-size: 11px;"


def qdt(value: datetime) -> QDateTime:
    return QDateTime(value.replace(microsecond=0))


class DateTimeEdit(QDateTimeEdit):
    """Tab leaves the field (instead of stepping through its sections, which Left/Right do)."""

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - Qt override
        return QWidget.focusNextPrevChild(self, next_)


class MultiLineText(QPlainTextEdit):
    """A multi-line field where Tab moves on, as in the other fields."""

    def __init__(self, lines: int = 2, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - same name as QLineEdit, for the tests
        self.setPlainText(text)
