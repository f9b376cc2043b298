"""The workbook's 校验码: SHA-256 over the record sheets' cells in a canonical text form.

Each record sheet contributes the line ``["#sheet","<name>"]`` and then one line per row, from
the header row to the last data row: a JSON array of the row's cells as text, no spaces, non-ASCII
characters kept. A cell's text: empty -> ``""``; text -> itself (the text a user sees: the OOXML
``_xHHHH_`` escapes undone); a number -> an integer when whole (``35``), else the shortest
round-trip decimal (``35.5``); a date-time -> ``yyyy-mm-dd hh:mm:ss``; a date -> ``yyyy-mm-dd``.
Trailing empty cells are left out; the lines are joined by ``\\n``.

The writer feeds the values it writes; the reader feeds the values it reads, with the column
kinds of the sheet's spec (a reader sees a date-time at midnight and a date alike).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Sequence

from app.exchange.cells import round_second
from app.exchange.spec import DATE, DATETIME, NO, YES, YESNO

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def number_text(value: float | int) -> str:
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)


def cell_text(value: Any, kind: str | None = None) -> str:
    """The canonical text of one cell; ``kind`` (a Column kind) tells a date from a date-time."""
    if value is None:
        return ""
    cls = value.__class__
    if cls is str:
        return value
    if cls is bool:
        return YES if value else NO
    if cls is int or cls is float:
        return number_text(value)
    if isinstance(value, Decimal):
        return number_text(float(value))
    if isinstance(value, datetime):
        if kind == DATE:
            return value.strftime("%Y-%m-%d")
        return round_second(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        if kind == DATE:
            return value.isoformat()
        return value.isoformat() + " 00:00:00"
    return str(value)


def text_of(kind: str | None) -> Callable[[Any], str]:
    """``cell_text`` for one column kind (YESNO writes 是/否 from a bool)."""
    if kind == YESNO:
        return lambda v: "" if v is None else (YES if v is True else NO if v is False else cell_text(v))
    if kind == DATETIME:  # the writer's values: datetimes (the common case, kept short)
        return lambda v: ("" if v is None else v.strftime("%Y-%m-%d %H:%M:%S")
                          if v.__class__ is datetime and not v.microsecond else cell_text(v, kind))
    return lambda v: cell_text(v, kind)


class ManifestHash:
    """Accumulates the canonical lines of the record sheets, in workbook order."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self._first = True

    def _line(self, texts: Sequence[str]) -> None:
        n = len(texts)
        while n and texts[n - 1] == "":
            n -= 1
        line = _dumps(list(texts[:n]) if n != len(texts) else list(texts))
        if self._first:
            self._first = False
            self._h.update(line.encode("utf-8"))
        else:
            self._h.update(b"\n" + line.encode("utf-8"))

    def sheet(self, name: str) -> None:
        self._line(["#sheet", name])

    def row(self, texts: Sequence[str]) -> None:
        """One row already turned into canonical texts."""
        self._line(texts)

    def hexdigest(self) -> str:
        return self._h.hexdigest()
