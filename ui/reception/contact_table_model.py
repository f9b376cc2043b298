"""The list of visit/call records: a lazy Qt table model.

It holds only the rows fetched so far and asks its source for the next page when the
view scrolls to the end (``canFetchMore`` / ``fetchMore``), so it never loads a whole
table. The source is a function ``fetch(cursor) -> ContactPage`` over the services
(a day's list, a date range, or a search).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.reception import OVERDUE, ContactStatus, HandlingMode

log = logging.getLogger(__name__)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1

#: Text colour of the 状态 column per status, and a light row background.
STATUS_COLORS = {
    ContactStatus.PENDING: (QColor("#b26a00"), QColor("#fff6e0")),
    ContactStatus.IN_PROGRESS: (QColor("#1565c0"), QColor("#e8f1fc")),
    ContactStatus.DONE: (QColor("#2e7d32"), None),
    ContactStatus.VOID: (QColor("#9e9e9e"), None),
}
OVERDUE_COLORS = (QColor("#c62828"), QColor("#fdecea"))
GREY = QColor("#9e9e9e")


def _hm(value: datetime | None, today: datetime | None = None) -> str:
    if value is None:
        return ""
    if today is not None and value.date() == today.date():
        return f"{value:%H:%M}"
    return f"{value:%Y-%m-%d %H:%M}"


def _handover(r) -> str:
    if r.handling_mode == HandlingMode.HANDED_OVER:
        return f"{HandlingMode.HANDED_OVER} " + (r.department or "") + (f"（{r.handler}）" if r.handler else "")
    return r.handling_mode or ""


def _status(r) -> str:
    return OVERDUE if r.overdue else r.status


COLUMNS: list[tuple[str, Callable]] = [
    ("登记时间", lambda r, now: _hm(r.received_at, now)),
    ("方式", lambda r, now: r.method),
    ("姓名", lambda r, now: r.name),
    ("房号", lambda r, now: r.unit_no or ""),
    ("联系电话", lambda r, now: r.phone or ""),
    ("类别", lambda r, now: r.category + (f"→{r.relay_to}" if r.relay_to else "")),
    ("内容", lambda r, now: r.content.replace("\n", " ")),
    ("处理方式", lambda r, now: _handover(r)),
    ("要求完成", lambda r, now: _hm(r.due_at, now)),
    ("处理情况", lambda r, now: (r.handling or "").replace("\n", " ")),
    ("状态", lambda r, now: _status(r)),
    ("接待人", lambda r, now: r.received_by),
]
STATUS_COLUMN = 10
CONTENT_COLUMN = 6


class ContactTableModel(QAbstractTableModel):
    """Rows are ``app.reception.ContactRow``; pages come from ``fetch(cursor)``."""

    failed = Signal(object)  # an exception while fetching a page
    page_loaded = Signal()

    def __init__(self, parent=None, *, now: Callable[[], datetime] | None = None):
        super().__init__(parent)
        self._rows: list = []
        self._fetch: Callable | None = None
        self._cursor = None
        self._capped = False
        self._now = now or datetime.now

    # -- loading ------------------------------------------------------------------
    def set_source(self, fetch: Callable | None, first_page=None) -> None:
        """Show a new list. ``first_page`` (already fetched, e.g. on the worker) or the
        first page is fetched now."""
        self.beginResetModel()
        self._fetch = fetch
        self._rows = []
        self._cursor = None
        self._capped = False
        try:
            if fetch is not None:
                page = first_page if first_page is not None else fetch(None)
                self._take(page)
        except Exception as exc:  # shown by the page; the model stays empty
            log.debug("first page failed", exc_info=True)
            self.endResetModel()
            self.failed.emit(exc)
            return
        self.endResetModel()
        self.page_loaded.emit()

    def _take(self, page) -> None:
        self._rows.extend(page.rows)
        self._cursor = page.next_cursor
        self._capped = bool(page.capped)

    @property
    def capped(self) -> bool:
        return self._capped

    @property
    def has_more(self) -> bool:
        return self._cursor is not None and self._fetch is not None

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self.has_more

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt override
        if parent.isValid() or not self.has_more:
            return
        try:
            page = self._fetch(self._cursor)
        except Exception as exc:
            self._cursor = None
            self.failed.emit(exc)
            return
        if not page.rows:
            self._cursor = None
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._take(page)
        self.endInsertRows()
        self.page_loaded.emit()

    # -- rows -----------------------------------------------------------------------
    @property
    def rows(self) -> list:
        return list(self._rows)

    def row_at(self, index: QModelIndex | QPersistentModelIndex | int):
        i = index if isinstance(index, int) else (index.row() if index.isValid() else -1)
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def find(self, uuid: str) -> int:
        for i, row in enumerate(self._rows):
            if row.uuid == uuid:
                return i
        return -1

    def replace_row(self, row) -> bool:
        """Show a changed record in place (after it was completed, voided …)."""
        i = self.find(row.uuid)
        if i < 0:
            return False
        self._rows[i] = row
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
        return True

    # -- Qt -------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(COLUMNS)):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = COLUMNS[col][1](row, self._now())
            return text if len(text) <= 120 else text[:120] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == CONTENT_COLUMN:
                return row.content
            if col == STATUS_COLUMN and row.overdue:
                return f"已超过要求完成时间 {row.due_at:%Y-%m-%d %H:%M}"
            if col == STATUS_COLUMN and row.void_reason:
                return f"作废原因：{row.void_reason}"
            text = COLUMNS[col][1](row, self._now())
            return text if len(text) > 16 else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue:
                return QBrush(OVERDUE_COLORS[0])
            if row.is_void:
                return QBrush(GREY)
            if col == STATUS_COLUMN:
                return QBrush(STATUS_COLORS.get(row.status, (None, None))[0] or GREY)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.overdue:
                return QBrush(OVERDUE_COLORS[1])
            color = STATUS_COLORS.get(row.status, (None, None))[1]
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.FontRole and row.is_void:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == ROW_ROLE:
            return row
        return None
