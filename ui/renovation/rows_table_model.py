"""A read-only Qt table of plain service rows (frozen dataclasses), with a colour per row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
RED = QColor("#c62828")
RED_BG = QColor("#fdecea")
AMBER_BG = QColor("#fff4d6")
AMBER = QColor("#8a5a00")
GREY = QColor("#888888")
GREEN = QColor("#2e7d32")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class RowStyle:
    """How a row is painted: text colour, background, bold."""

    fg: QColor | None = None
    bg: QColor | None = None
    bold: bool = False


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


class RowsTableModel(QAbstractTableModel):
    """Rows of a service; ``style(row) -> RowStyle | None`` colours a whole row."""

    def __init__(self, columns: Sequence[Column], parent=None, *,
                 style: Callable[[Any], RowStyle | None] | None = None, key: str = "uuid"):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._style = style
        self._key = key

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, index: QModelIndex | QPersistentModelIndex | int) -> Any | None:
        i = index if isinstance(index, int) else (index.row() if index.isValid() else -1)
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def find(self, key_value: Any) -> int:
        for i, row in enumerate(self._rows):
            if getattr(row, self._key) == key_value:
                return i
        return -1

    # -- Qt -------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = display(col.value(row))
            return text.replace("\n", " ") if len(text) < 200 else text[:200].replace("\n", " ") + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.tooltip is not None:
                return col.tooltip(row) or None
            text = display(col.value(row))
            return text if len(text) > 20 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole):
            style = self._style(row) if self._style is not None else None
            if style is None:
                return None
            if role == Qt.ItemDataRole.ForegroundRole and style.fg is not None:
                return QBrush(style.fg)
            if role == Qt.ItemDataRole.BackgroundRole and style.bg is not None:
                return QBrush(style.bg)
            if role == Qt.ItemDataRole.FontRole and style.bold:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == ROW_ROLE:
            return row
        return None
