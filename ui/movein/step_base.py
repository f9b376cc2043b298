"""What every page of the handover window shares.

Each page gets the window (``w``) and calls ``w.call(service_function, ...)``, which runs
the service with the handover's version, shows errors and reloads every page.
Every page has ``load(data)``, ``set_editable(bool)`` and ``first_focus()``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QPushButton, QWidget

from app import movein as mi


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def reading_text(value: float) -> str:
    """A meter reading as typed: up to 3 decimals, no trailing zeros (12.5, 230, 1234567.125)."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


class Step(QWidget):
    def __init__(self, w: QWidget):
        super().__init__()
        self.w = w

    def load(self, data: mi.HandoverData | None) -> None:  # pragma: no cover - overridden
        pass

    def set_editable(self, editable: bool) -> None:
        for widget in self.findChildren(QPushButton):
            widget.setEnabled(editable)

    def first_focus(self) -> QWidget:
        return self
