"""A read-only table of plain service rows (frozen dataclasses), loaded a page at a time.

The rows come from a service that already filtered and sorted them in SQL; the model only
shows them. When a ``fetch(offset, limit)`` function is given, scrolling to the end loads the
next page (Qt's ``canFetchMore`` / ``fetchMore``), so a list of any length opens at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

log = logging.getLogger(__name__)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
GREY = QColor("#888888")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    align_right: bool = False


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
        return f"{value:g}"
    return str(value)


class RowTableModel(QAbstractTableModel):
    PAGE = 200

    def __init__(self, columns: Sequence[Column], parent=None, *, dimmed: Callable[[Any], bool] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._fetch: Callable[[int, int], list] | None = None
        self._more = False
        self._dimmed = dimmed

    # -- loading -----------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any], *, fetch: Callable[[int, int], list] | None = None,
                 more: bool = False) -> None:
        """Replace the rows. ``fetch(offset, limit)`` loads further pages while ``more``."""
        self.beginResetModel()
        self._rows = list(rows)
        self._fetch = fetch
        self._more = bool(more and fetch)
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt override
        if parent.isValid() or not self._more or self._fetch is None:
            return
        try:
            page = list(self._fetch(len(self._rows), self.PAGE))
        except Exception:
            log.exception("cannot load more rows")
            page = []
        self._more = len(page) == self.PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def replace_row(self, new_row: Any, key: str = "id") -> None:
        """Show a saved row in place (same ``id``) without reloading the list."""
        for i, row in enumerate(self._rows):
            if getattr(row, key) == getattr(new_row, key):
                self._rows[i] = new_row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.columns) - 1))
                return

    # -- access ------------------------------------------------------------------------
    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, index: QModelIndex | QPersistentModelIndex | int) -> Any | None:
        i = index if isinstance(index, int) else (index.row() if index.isValid() else -1)
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def find(self, predicate: Callable[[Any], bool]) -> int:
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (
                0 <= index.column() < len(self.columns)):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return display(column.value(row))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._dimmed is not None and self._dimmed(row):
            return QBrush(GREY)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
