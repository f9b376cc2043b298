"""Reading an .xlsx fast: python-calamine (a Rust reader) behind the small interface the
importer needs. It returns text cells as ``str`` (the OOXML ``_xHHHH_`` escapes already undone),
numbers as ``float``, date-times as ``datetime`` and date-times at midnight as ``date``, and
empty cells as ``""``; the importer's cell rules (app.exchange.cells) accept all of these.

Memory: calamine holds one sheet at a time; a workbook is read sheet by sheet and its rows
are handed out one by one.
"""

from __future__ import annotations

import os
from typing import Any, Iterator

import python_calamine as calamine

from app.domain.errors import FrontDeskError


class BookUnreadable(FrontDeskError):
    """Not an .xlsx workbook, or damaged."""


def _from_column_a(rows, first_col: int) -> Iterator[list[Any]]:
    pad = [""] * first_col
    for row in rows:
        yield pad + row


class Book:
    """An open workbook: ``sheetnames`` in workbook order, ``rows(name)`` yields lists of values."""

    #: Text cells come back with the ``_xHHHH_`` escapes undone.
    unescaped = True

    def __init__(self, path: str | os.PathLike):
        self.path = str(path)
        try:
            self._wb = calamine.CalamineWorkbook.from_path(self.path)
            self.sheetnames: list[str] = list(self._wb.sheet_names)
        except Exception as exc:  # calamine's own errors (zip, xml) and OSError
            raise BookUnreadable(f"无法读取 {os.path.basename(self.path)}：不是有效的 Excel 工作簿（.xlsx）（{exc}）") from None

    def rows(self, name: str) -> Iterator[list[Any]]:
        try:
            sheet = self._wb.get_sheet_by_name(name)
        except Exception as exc:
            raise BookUnreadable(f"无法读取工作表“{name}”：{exc}") from None
        # calamine's rows begin at row 1 but at the first used column: pad them back to column A.
        first_col = (sheet.start or (0, 0))[1]
        rows = sheet.iter_rows()
        return _from_column_a(rows, first_col) if first_col else rows

    def close(self) -> None:
        try:
            self._wb.close()
        except Exception:  # already closed
            pass

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
