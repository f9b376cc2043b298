"""A read-only Qt table of plain service rows (frozen dataclasses), shared by the pages.

Columns are :class:`Column` specs (header, value function, right alignment, tooltip). Whole
rows are coloured either by ``style(row) -> RowStyle | str | None`` (a string names one of
:data:`NAMED_STYLES`: "red", "amber", "grey", "green") or by the shortcuts ``late`` (red text on
a light red background), ``warn`` (amber text) and ``dimmed`` (grey text).
Optionally the first column holds a check box: ``checked(row) -> bool`` (and ``checkable(row)``);
toggling it by mouse or Space emits :attr:`RowsTableModel.check_toggled` (row, wanted state)
and leaves the change to the caller, which calls the service and reloads.
Optionally the rows are loaded a page at a time: ``set_rows(first_page, fetch=f, more=True)``
and scrolling to the end calls ``f(offset, limit)`` for the next page (Qt's ``canFetchMore`` /
``fetchMore``), so a list of any length opens at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

log = logging.getLogger(__name__)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
RED = QColor("#c62828")
RED_BG = QColor("#fdecea")
AMBER = QColor("#b26a00")
AMBER_BG = QColor("#fff4d6")
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


LATE = RowStyle(fg=RED, bg=RED_BG)
WARN = RowStyle(fg=AMBER)
DIMMED = RowStyle(fg=GREY)
DONE = RowStyle(fg=GREEN)
NAMED_STYLES = {"red": LATE, "amber": WARN, "grey": DIMMED, "green": DONE}


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
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


class RowsTableModel(QAbstractTableModel):
    """``key`` names the attribute :meth:`find` compares a value with."""

    check_toggled = Signal(object, bool)  # (row, wanted checked state); only with ``checked``

    PAGE = 200  # rows per page when loading lazily
    TOOLTIP_MIN = 20  # a cell longer than this shows its whole text as a tooltip

    def __init__(self, columns: Sequence[Column], parent=None, *,
                 style: Callable[[Any], RowStyle | None] | None = None,
                 late: Callable[[Any], bool] | None = None, warn: Callable[[Any], bool] | None = None,
                 dimmed: Callable[[Any], bool] | None = None, key: str = "uuid",
                 checked: Callable[[Any], bool] | None = None, checkable: Callable[[Any], bool] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._style = style
        self._hooks = [(hook, s) for hook, s in ((late, LATE), (warn, WARN), (dimmed, DIMMED)) if hook is not None]
        self._key = key
        self._checked = checked
        self._checkable = checkable
        self._fetch: Callable[[int, int], list] | None = None
        self._more = False

    # -- loading -----------------------------------------------------------------------
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
        """Show a saved row in place (same ``key``) without reloading the list."""
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

    def select(self, view, wanted: Any) -> int:
        """Select in ``view`` the row :meth:`find` gives for ``wanted`` (e.g. after a reload,
        the row that was selected before). Returns its position, -1 when none."""
        row = self.find(wanted) if wanted is not None else -1
        if row >= 0:
            view.selectRow(row)
        return row

    def find(self, wanted: Any) -> int:
        """The position of the first row ``wanted(row)`` accepts (a function), or whose ``key``
        attribute equals ``wanted`` (a value); -1 if none."""
        match = wanted if callable(wanted) else (lambda row: getattr(row, self._key) == wanted)
        return next((i for i, row in enumerate(self._rows) if match(row)), -1)

    def row_style(self, row: Any) -> RowStyle | None:
        if self._style is not None:
            style = self._style(row)
            return NAMED_STYLES.get(style) if isinstance(style, str) else style
        return next((s for hook, s in self._hooks if hook(row)), None)

    # -- Qt ----------------------------------------------------------------------------
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

    def _is_check_cell(self, index) -> bool:
        if self._checked is None or index.column() != 0 or not self._valid(index):
            return False
        return self._checkable is None or bool(self._checkable(self._rows[index.row()]))

    def flags(self, index):
        f = super().flags(index)
        if self._is_check_cell(index):
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802 - Qt override
        if role != Qt.ItemDataRole.CheckStateRole or not self._is_check_cell(index):
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        self.check_toggled.emit(self._rows[index.row()], state == Qt.CheckState.Checked)
        return True

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
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
            return text if len(text) > self.TOOLTIP_MIN else None
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and self._checked is not None:
            return Qt.CheckState.Checked if self._checked(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole):
            style = self.row_style(row)
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


def rows_table_view(model: RowsTableModel, name: str) -> "QTableView":
    """A read-only, single-row-select table view on ``model``; columns fit their contents, the last stretches."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view
