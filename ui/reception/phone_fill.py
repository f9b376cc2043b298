"""Filling 姓名 and 房号 from a known phone number on the entry form: one resident with the
number fills them in; several give a short pick list under the phone field. What was typed
is never overwritten (only empty fields, or what an earlier number filled in)."""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.domain.enums import ResidentRole
from ui.reception.pick_list import PickList
from ui.shared.common import UiEnv

log = logging.getLogger(__name__)


class PhoneFill(QObject):
    """Looks up ``phone`` and fills ``name`` and ``unit``; ``hint`` says who was recognised."""

    def __init__(self, env: UiEnv, form: QWidget, phone: QLineEdit, name: QLineEdit, unit: QLineEdit,
                 show_error: Callable[[str, str | None], None]):
        super().__init__(form)
        self.env = env
        self.phone, self.name, self.unit = phone, name, unit
        self._show_error = show_error
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #2e7d32; font-size: 11px;")
        self.pick_list = PickList(form)
        self.pick_list.picked.connect(self._picked)
        self._matches = []
        self._filled: tuple[str, str] | None = None

    def reset(self) -> None:
        """A new record: forget the last number's matches."""
        self._matches = []
        self._filled = None
        self.hint.clear()

    def look_up(self) -> None:
        from app import residents

        text = self.phone.text().strip()
        self.hint.clear()
        if not text:
            return
        try:
            matches = residents.find_by_phone(self.env.ctx, text)
        except Exception as exc:
            log.exception("phone look-up")
            self._show_error("phone", str(exc))
            return
        self._show_error("phone", None)
        self._matches = matches
        if len(matches) == 1:
            self._fill(matches[0])
        elif len(matches) > 1:
            texts = [f"{m.name}  {m.unit_no or '（无房号）'}  {m.role or ''}".rstrip() for m in matches]
            self.pick_list.show_items(self.phone, texts)

    def _picked(self, row: int) -> None:
        if 0 <= row < len(self._matches):
            self._fill(self._matches[row])
        self.unit.setFocus()

    def _fill(self, match) -> None:
        previous = self._filled
        if not self.name.text().strip() or (previous and self.name.text() == previous[0]):
            self.name.setText(match.name)
        if not self.unit.text().strip() or (previous and self.unit.text() == previous[1]):
            self.unit.setText(match.unit_no or "")
        self._filled = (match.name, match.unit_no or "")
        self.hint.setText(f"已识别：{match.name} {match.unit_no or ''}（{match.role or ResidentRole.OCCUPANT}）")
