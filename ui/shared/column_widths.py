"""Column widths that keep a list's key columns in view on the desk's 1366 px screen: each column
gets a fixed, readable width in characters (the user may still drag it), one text column takes
whatever room is left, and long cells are elided instead of widening the table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView


def size_columns(view: QTableView, chars: dict[str, float], stretch: str) -> None:
    """Give each column of ``view`` the width of ``chars[title]`` Chinese characters (a column not
    named there is as wide as its title) and let the column titled ``stretch`` fill the rest."""
    model = view.model()
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMinimumSectionSize(32)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    em = view.fontMetrics().horizontalAdvance("中")
    for i in range(model.columnCount()):
        title = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
        width = chars.get(title, len(title) + 1)
        header.resizeSection(i, int(width * em) + 12)
        if title == stretch:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
