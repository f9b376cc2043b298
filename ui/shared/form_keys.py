"""Enter moves on: the keyboard habit of a desk that types all day.

``EnterMovesOn(fields, submit)`` watches the given fields (in their order on the form). Enter
in a field moves to the next visible, enabled field; Enter in the last one, or on the form's
button, calls ``submit``. In a multi-line field Shift+Enter starts a new line (Ctrl+Enter is
left to the form's save shortcut). An open pop-up (a completer, a combo box list) keeps its
own Enter.
"""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _popup_open(widget: QWidget) -> bool:
    line = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    if isinstance(widget, QComboBox) and widget.view().isVisible():
        return True
    completer = line.completer() if isinstance(line, QLineEdit) else None
    return bool(completer and completer.popup() and completer.popup().isVisible())


class EnterMovesOn(QObject):
    def __init__(self, parent: QObject, fields: Sequence[QWidget], submit: Callable[[], object],
                 buttons: Sequence[QAbstractButton] = ()):
        super().__init__(parent)
        self.fields = list(fields)
        self.submit = submit
        self.buttons = list(buttons)
        self._watched: dict[QObject, QWidget] = {}
        for w in self.fields + self.buttons:
            self._watch(w, w)
            if isinstance(w, QComboBox) and w.lineEdit() is not None:
                self._watch(w.lineEdit(), w)

    def _watch(self, obj: QObject, field: QWidget) -> None:
        obj.installEventFilter(self)
        self._watched[obj] = field

    def next_field(self, current: QWidget) -> QWidget | None:
        """The next field a user can type in after ``current`` (None: it is the last)."""
        try:
            i = self.fields.index(current)
        except ValueError:
            return None
        for w in self.fields[i + 1:]:
            if w.isVisibleTo(w.window()) and w.isEnabled() and w.focusPolicy() != Qt.FocusPolicy.NoFocus:
                return w
        return None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or event.key() not in ENTER_KEYS:
            return False
        field = self._watched.get(obj)
        if field is None:
            return False
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if field in self.buttons:
            if mods == Qt.KeyboardModifier.NoModifier:
                self.submit()
                return True
            return False
        if mods != Qt.KeyboardModifier.NoModifier:
            return False  # Shift+Enter: a new line in multi-line text; Ctrl+Enter: the save shortcut
        if _popup_open(field):
            return False
        if isinstance(field, (QPlainTextEdit, QTextEdit)) and not field.isVisible():
            return False
        nxt = self.next_field(field)
        if nxt is None:
            self.submit()
        else:
            nxt.setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(nxt, QLineEdit):
                nxt.selectAll()
        return True
