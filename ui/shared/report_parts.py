"""Small pieces the monthly report tabs share: the year / month pickers and the summary line."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSpinBox


def year_month_spins(today: date) -> tuple[QSpinBox, QSpinBox]:
    """A year box (2000–2100, "年") and a month box (1–12, "月"), both set to ``today``'s month."""
    year = QSpinBox()
    year.setRange(2000, 2100)
    year.setValue(today.year)
    year.setSuffix(" 年")
    month = QSpinBox()
    month.setRange(1, 12)
    month.setValue(today.month)
    month.setSuffix(" 月")
    return year, month


def summary_label() -> QLabel:
    """A wrapping, mouse-selectable label named "summary" (tests find it by that name)."""
    label = QLabel()
    label.setObjectName("summary")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
