"""A read-only Qt table of plain service rows (frozen dataclasses), with per-row colours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
RED = QColor("#c62828")
RED_BG = QColor("#fdecea")
AMBER = QColor("#b26a00")
GREY = QColor("#888888")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


class RowsTableModel(QAbstractTableModel):
    """``late(row)`` paints a row red (text and a light background); ``warn(row)`` amber text;
    ``dimmed(row)`` grey."""

    def __init__(self, columns: Sequence[Column], parent=None, *, late: Callable[[Any], bool] | None = None,
                 warn: Callable[[Any], bool] | None = None, dimmed: Callable[[Any], bool] | None = None,
                 key: str = "uuid"):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._late = late
        self._warn = warn
        self._dimmed = dimmed
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
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._late is not None and self._late(row):
                return QBrush(RED)
            if self._warn is not None and self._warn(row):
                return QBrush(AMBER)
            if self._dimmed is not None and self._dimmed(row):
                return QBrush(GREY)
        if role == Qt.ItemDataRole.BackgroundRole and self._late is not None and self._late(row):
            return QBrush(RED_BG)
        if role == ROW_ROLE:
            return row
        return None
