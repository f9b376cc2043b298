"""A Qt table of plain service rows (frozen dataclasses) for the move-in windows.

Optional: a check box in the first column (``checked(row) -> bool``; toggling it by
mouse or Space emits :attr:`RowsTableModel.check_toggled` and leaves the change to the
caller, which calls the service and reloads), and per-row colours
(``colour(row) -> "red" | "grey" | "green" | None``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
COLOURS = {
    "red": (QColor("#c62828"), QColor("#fdecea")),
    "grey": (QColor("#888888"), None),
    "green": (QColor("#2e7d32"), None),
}


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
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class RowsTableModel(QAbstractTableModel):
    check_toggled = Signal(object, bool)  # (row, wanted checked state)

    def __init__(self, columns: Sequence[Column], parent=None, *, checked: Callable[[Any], bool] | None = None,
                 checkable: Callable[[Any], bool] | None = None, colour: Callable[[Any], str | None] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._checked = checked
        self._checkable = checkable
        self._colour = colour

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

    # -- Qt ---------------------------------------------------------------------------
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

    def _valid(self, index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self.columns)

    def flags(self, index):
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self._checked is not None:
            row = self._rows[index.row()]
            if self._checkable is None or self._checkable(row):
                f |= Qt.ItemFlag.ItemIsUserCheckable
        return f

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = display(col.value(row))
            return text.replace("\n", " ") if len(text) < 200 else text[:200].replace("\n", " ") + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = display(col.value(row))
            return text if len(text) > 16 else None
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and self._checked is not None:
            return Qt.CheckState.Checked if self._checked(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and self._colour is not None:
            fg, bg = COLOURS.get(self._colour(row) or "", (None, None))
            colour = fg if role == Qt.ItemDataRole.ForegroundRole else bg
            return QBrush(colour) if colour is not None else None
        if role == ROW_ROLE:
            return row
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802 - Qt override
        if role != Qt.ItemDataRole.CheckStateRole or not self._valid(index) or index.column() != 0 \
                or not (self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        self.check_toggled.emit(self._rows[index.row()], state == Qt.CheckState.Checked)
        return True
