"""A site's records as head office received them (read-only): the rows of one sheet created or
changed within a range, with the workbook's own headers, for the report's drill-down."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.core.context import Context
from app.exchange.checksum import cell_text
from app.exchange.registry import sheet, sheets
from app.exchange.writer import range_condition

LIMIT = 2000


@dataclass(frozen=True)
class RecordTable:
    sheet: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # cell texts, as the workbook shows them
    truncated: bool  # more rows than LIMIT


def sheet_names() -> tuple[str, ...]:
    return tuple(s.name for s in sheets())


def site_records(ctx: Context, site_code: str, sheet_name: str, first: date, last: date) -> RecordTable:
    spec = sheet(sheet_name)
    model = spec.model
    columns = [c for c in spec.columns if c.attr not in spec.extra]
    start = datetime.combine(first, time())
    end = datetime.combine(last + timedelta(days=1), time())
    with ctx.read() as s:
        rows = s.execute(select(*[getattr(model, c.attr) for c in columns])
                         .where(range_condition(spec, site_code, start, end))
                         .order_by(getattr(model, spec.sort), model.id).limit(LIMIT + 1)).all()
    texts = tuple(tuple(_text(v, c.kind) for v, c in zip(r, columns)) for r in rows[:LIMIT])
    return RecordTable(sheet_name, tuple(c.header for c in columns), texts, len(rows) > LIMIT)


def _text(value, kind) -> str:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return cell_text(value, kind)
