"""Cell values both ways: model value -> workbook cell (export) and cell -> checked value (import)."""

from __future__ import annotations

import re
import unicodedata
import uuid as _uuid
from datetime import date, datetime, time, timedelta
from typing import Any, Callable

from openpyxl.cell import WriteOnlyCell

from app.domain.validate import EARLIEST, mask_phone, mask_text
from app.exchange.spec import DATE, DATETIME, ENUM, INT, NO, NUMBER, TEXT, UUID, YES, YESNO, Column

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
DEFAULT_TEXT_MAX = 200

#: Text starting with one of these could be taken for a formula by a spreadsheet.
INJECTION_START = frozenset("=+-@\t\r")

# XML cannot carry control characters, and a CR would come back as LF: OOXML escapes
# them as _xHHHH_ (and a literal "_xHHHH_" as "_x005F_xHHHH_"), which Excel understands.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _escape_one(m: re.Match) -> str:
    ch = m.group(0)
    return "_x005F_" if ch == "_" else f"_x{ord(ch):04X}_"


def escape_text(value: str) -> str:
    return _NEEDS_ESCAPE.sub(_escape_one, value)


def unescape_text(value: str) -> str:
    if "_x" not in value:
        return value
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)


def display_width(value: Any) -> int:
    """Columns a value takes in a spreadsheet: CJK characters count twice."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    s = str(value)
    if s.isascii():
        return len(s)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


# ---------------------------------------------------------------- export
def exporter(ws, column: Column, *, mask_phones: bool) -> Callable[[Any], Any]:
    """A function turning a model value into what ``ws.append`` gets for this column.

    Date-times and formula-looking text become styled cells; the same cell object is
    reused for every row of the column (write_only writes it before the next row).
    """
    kind = column.kind
    if kind == DATETIME or kind == DATE:
        template = WriteOnlyCell(ws)
        template.number_format = DATETIME_FORMAT if kind == DATETIME else DATE_FORMAT

        def conv_dt(value):
            if value is None:
                return None
            template.value = value
            return template

        return conv_dt
    if kind == INT or kind == NUMBER:
        return lambda value: value
    if kind == YESNO:
        return lambda value: None if value is None else (YES if value else NO)

    text_cell = WriteOnlyCell(ws)
    text_cell.quotePrefix = True  # Excel keeps it as text when the cell is edited
    mask = (mask_phone if column.phone else mask_text) if mask_phones else None

    def conv_text(value):
        if value is None:
            return None
        if value.__class__ is not str:
            value = str(value)
        if mask:
            value = mask(value)
        if not value:
            return None
        if _NEEDS_ESCAPE.search(value):
            value = escape_text(value)
        if value[0] in INJECTION_START:
            text_cell.value = value
            text_cell.data_type = "s"  # never a formula
            return text_cell
        return value

    return conv_text


# ---------------------------------------------------------------- import
class CellError(Exception):
    """A bad cell; ``str()`` is the Chinese message (the column is named by the caller)."""


_DT_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
               "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d")


def round_second(value: datetime) -> datetime:
    """To the nearest second, without a time zone (a spreadsheet's float time is not exact)."""
    if value.microsecond:
        value = value.replace(microsecond=0) + timedelta(seconds=1 if value.microsecond >= 500_000 else 0)
    return value.replace(tzinfo=None)


def parse_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        result = round_second(value)
    elif isinstance(value, date):
        result = datetime.combine(value, time())
    elif isinstance(value, str):
        s = value.strip()
        for fmt in _DT_FORMATS + _DATE_FORMATS:
            try:
                result = datetime.strptime(s, fmt)
                break
            except ValueError:
                continue
        else:
            raise CellError(f"“{value}”不是有效的时间，应为 2026-11-22 09:30 这样的日期时间")
    else:
        raise CellError(f"“{value}”不是有效的时间，应为 2026-11-22 09:30 这样的日期时间")
    if result < EARLIEST or result.year > 2200:
        raise CellError(f"时间 {result:%Y-%m-%d %H:%M} 不合理，请检查")
    return result


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        if value.time() != time():
            raise CellError(f"“{value:%Y-%m-%d %H:%M}”应为日期（不含时间）")
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        s = value.strip()
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(s, fmt).date()
            except ValueError:
                continue
    raise CellError(f"“{value}”不是有效的日期，应为 2026-11-22 这样的日期")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_cell(column: Column, value: Any, *, unescape: bool = True) -> Any:
    """The checked value of a cell for a column, or :class:`CellError`. Empty -> None.
    ``unescape``: undo OOXML's ``_xHHHH_`` escapes in text (a reader that has not done so)."""
    if _blank(value):
        if column.required:
            raise CellError("必填，不能为空")
        return None
    kind = column.kind
    if kind == TEXT:
        if isinstance(value, str):
            result = unescape_text(value) if unescape else value
        elif isinstance(value, bool) or isinstance(value, (datetime, date)):
            raise CellError(f"“{value}”应为文字")
        elif isinstance(value, float) and value.is_integer():
            result = str(int(value))
        else:
            result = str(value)
        limit = column.max_len or DEFAULT_TEXT_MAX
        if len(result) > limit:
            raise CellError(f"最多 {limit} 个字，现有 {len(result)} 个字")
        if column.phone and "*" in result:
            raise CellError(f"“{result}”是脱敏后的号码，不能导入")
        return result
    if kind == UUID:
        s = str(value).strip()
        try:
            parsed = _uuid.UUID(s)
        except ValueError:
            raise CellError(f"“{s}”不是有效的记录编号（应为 36 位 UUID）") from None
        if len(s) != 36 or str(parsed) != s.lower():
            raise CellError(f"“{s}”不是有效的记录编号（应为 36 位 UUID）")
        return str(parsed)
    if kind == ENUM:
        s = str(value).strip()
        if s not in column.choices:
            raise CellError(f"“{s}”不是有效的值，应为 {' / '.join(column.choices)}")
        return s
    if kind == YESNO:
        if isinstance(value, bool):
            return value
        s = str(value).strip()
        if s == YES:
            return True
        if s == NO:
            return False
        raise CellError(f"“{s}”不是有效的值，应为 是 / 否")
    if kind == INT:
        if isinstance(value, bool):
            raise CellError(f"“{value}”不是整数")
        if isinstance(value, float):
            if not value.is_integer():
                raise CellError(f"“{value}”不是整数")
            result = int(value)
        elif isinstance(value, int):
            result = value
        else:
            s = str(value).strip()
            if not re.fullmatch(r"[+-]?\d+", s):
                raise CellError(f"“{s}”不是整数")
            result = int(s)
        _check_range(column, result)
        return result
    if kind == NUMBER:
        if isinstance(value, bool):
            raise CellError(f"“{value}”不是数字")
        if isinstance(value, (int, float)):
            result = float(value)
        else:
            try:
                result = float(str(value).strip().replace(",", ""))
            except ValueError:
                raise CellError(f"“{value}”不是数字") from None
        if result != result or result in (float("inf"), float("-inf")):
            raise CellError(f"“{value}”不是数字")
        _check_range(column, result)
        return result
    if kind == DATETIME:
        return parse_datetime(value)
    if kind == DATE:
        return parse_date(value)
    raise CellError(f"unknown kind {kind}")  # pragma: no cover - Column checks kinds


def _check_range(column: Column, value: float) -> None:
    if column.min_value is not None and value < column.min_value:
        raise CellError(f"{value:g} 小于最小值 {column.min_value:g}")
    if column.max_value is not None and value > column.max_value:
        raise CellError(f"{value:g} 大于最大值 {column.max_value:g}")
