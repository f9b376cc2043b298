"""A dialog whose OK button makes one service call: the subclass builds its widgets, calls
:meth:`ActionDialog.finish` with them, and implements :meth:`ActionDialog.submit`. An error shows in
red above the buttons and the dialog stays open; on success the result is kept in ``self.<RESULT>``
before ``accepted`` fires."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QVBoxLayout, QWidget

from ui.shared.common import UiEnv, error_text


class ActionDialog(QDialog):
    RESULT = "saved_row"  # the attribute that receives what submit() returned

    def __init__(self, env: UiEnv, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        setattr(self, self.RESULT, None)
        self.setWindowTitle(title)
        self.message = QLabel()
        self.message.setStyleSheet("color:#c62828;")
        self.message.setWordWrap(True)

    def finish(self, *parts: QWidget | QLayout | tuple[QWidget, int], ok_text: str | None = None) -> None:
        """Lay out ``parts`` top to bottom (a ``(widget, stretch)`` pair stretches), then the error line
        and OK / Cancel (OK labelled ``ok_text`` if given)."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if ok_text:
            buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, tuple):
                layout.addWidget(*part)
            elif isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def submit(self) -> Any:  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    def save(self) -> None:
        try:
            result = self.submit()
        except Exception as exc:  # noqa: BLE001 - any failure is shown, the dialog stays open
            self.message.setText(error_text(exc))
            return
        setattr(self, self.RESULT, result)
        self.accept()
