"""One required text and a service call: 不予受理 (explanation), 作废 (reason), 催办 (note)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QWidget

from ui.shared.form_dialog import FormDialog, TextArea


class ReasonDialog(FormDialog):
    def __init__(self, title: str, label: str, key: str, save: Callable[[str], object], parent: QWidget | None = None,
                 *, intro: str = "", save_text: str = "确定"):
        super().__init__(title, parent, save_text=save_text)
        self._save = save
        self.set_intro(intro)
        self.text = self.add_row(label, TextArea(3), key)
        self.text.setFocus()

    def save(self):
        return self._save(self.text.text())
