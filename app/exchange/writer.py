"""Write the workbook: 汇总 first, then every record sheet, streamed from the database."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Callable, Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.core.conflicts import LINEAGE_HEADERS, LINEAGE_SHEET, lineage_rows
from app.exchange import cells
from app.exchange.checksum import ManifestHash, text_of
from app.domain.validate import mask_phone
from app.exchange.registry import SUMMARY_SHEET, sheets
from app.exchange.spec import DATE, DATETIME, INT, NO, NUMBER, UUID, YES, YESNO, Column, SheetSpec

FORMAT_VERSION = 2
BATCH = 2000
SAMPLE_ROWS = 500  # rows looked at to size the columns
MAX_WIDTH = 60

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center")
HEADER_BORDER = Border(bottom=Side(style="thin", color="1F3864"))
KEY_FONT = Font(bold=True)

ProgressFn = Callable[[int, int], None]

_TEXT_COLUMN = Column("文字", "-", max_len=500)


@dataclass(frozen=True)
class SummaryInfo:
    site_code: str
    site_name: str
    company_name: str
    date_from: date
    date_to: date
    exported_at: datetime
    exported_by: str
    software_version: str
    mask_phones: bool
    #: 导出序号: grows by one with every export the site makes.
    sequence: int = 1


def range_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """[from 00:00, day after to 00:00)."""
    return datetime.combine(date_from, time()), datetime.combine(date_to + timedelta(days=1), time())


def range_condition(spec: SheetSpec, site_code: str | None, start: datetime, end: datetime):
    """Records of the site created or last changed within [start, end)."""
    m = spec.model
    if spec.where is not None:
        cond = spec.where(start, end)
    else:
        cond = or_(and_(m.created_at >= start, m.created_at < end),
                   and_(m.updated_at >= start, m.updated_at < end))
    if site_code is None:  # a consolidated workbook of every site (head office)
        return cond
    return and_(m.site_code == site_code, cond)


def count_rows(session: Session, spec: SheetSpec, site_code: str | None, start: datetime, end: datetime) -> int:
    return session.scalar(select(func.count()).select_from(spec.model)
                          .where(range_condition(spec, site_code, start, end))) or 0


def _select(spec: SheetSpec, site_code: str | None, start: datetime, end: datetime):
    m = spec.model
    exprs = []
    for col in spec.columns:
        if col.attr in spec.extra:
            exprs.append(spec.extra[col.attr].label(col.attr))
        else:
            exprs.append(getattr(m, col.attr))
    return (select(*exprs).where(range_condition(spec, site_code, start, end))
            .order_by(getattr(m, spec.sort), m.id)
            .execution_options(yield_per=BATCH))


def _default_width(col) -> int:
    if col.kind == DATETIME:
        return 17
    if col.kind == DATE:
        return 11
    if col.kind == UUID:
        return 37
    if col.kind in (INT, NUMBER, YESNO):
        return 8
    if col.phone:
        return 14
    return 8


def _header_row(ws, headers: Iterable[str]) -> list:
    row = []
    for h in headers:
        c = WriteOnlyCell(ws, h)
        c.font = HEADER_FONT
        c.fill = HEADER_FILL
        c.alignment = HEADER_ALIGN
        c.border = HEADER_BORDER
        row.append(c)
    return row


def _declare_size(ws, ncols: int, nrows: int) -> None:
    """Write <dimension> at the top (openpyxl's hook for a size known in advance): a read-only
    reader would otherwise parse the whole sheet once more just to learn its size."""
    ws.calculate_dimension = lambda: f"A1:{get_column_letter(ncols)}{max(nrows, 1)}"


def _canonical(col: Column, mask_phones: bool) -> Callable:
    """The 校验码 text of a model value of this column, as the writer stores it."""
    if col.kind in (DATETIME, DATE, INT, NUMBER, YESNO):
        return text_of(col.kind)
    if mask_phones and col.phone:
        return lambda v: "" if v is None else mask_phone(str(v))
    return lambda v: "" if v is None else str(v)


def _write_sheet(session: Session, wb: Workbook, spec: SheetSpec, site_code: str | None, start: datetime,
                 end: datetime, mask_phones: bool, tick: Callable[[int], None], expected: int,
                 digest: ManifestHash, uuids: list[str] | None = None) -> int:
    """Write one record sheet; with ``uuids``, collect the 记录编号 of its rows there."""
    ws = wb.create_sheet(spec.name)
    ncols = len(spec.columns)
    _declare_size(ws, ncols, expected + 1)
    converters = [cells.exporter(ws, col, mask_phones=mask_phones) for col in spec.columns]
    canon = [_canonical(col, mask_phones) for col in spec.columns]
    digest.sheet(spec.name)
    digest.row(spec.headers)
    result = session.execute(_select(spec, site_code, start, end))
    # Size the columns on the first rows (the <cols> element precedes the rows in the file).
    first = result.fetchmany(SAMPLE_ROWS)
    widths = [max(cells.display_width(col.header) + 3, _default_width(col)) for col in spec.columns]
    for i, col in enumerate(spec.columns):
        if col.width:
            widths[i] = max(widths[i], col.width)
        elif col.kind not in (DATETIME, DATE, UUID):
            widest = max((cells.display_width(r[i]) for r in first), default=0)
            widths[i] = min(max(widths[i], widest + 2), MAX_WIDTH)
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.append(_header_row(ws, spec.headers))
    count = 0
    append = ws.append
    at_uuid = next((i for i, col in enumerate(spec.columns) if col.attr == "uuid"), None) \
        if uuids is not None else None

    def emit(rows):
        nonlocal count
        if at_uuid is not None:
            uuids.extend(r[at_uuid] for r in rows)
        for r in rows:
            append([conv(v) for conv, v in zip(converters, r)])
            digest.row([c(v) for c, v in zip(canon, r)])
        count += len(rows)
        tick(len(rows))

    emit(first)
    while True:
        batch = result.fetchmany(BATCH)
        if not batch:
            break
        emit(batch)
    ws.auto_filter.ref = f"A1:{get_column_letter(ncols)}{count + 1}"
    return count


def _write_summary(ws, info: SummaryInfo, counts: list[tuple[str, int]], checksum: str) -> None:
    def key(text):
        c = WriteOnlyCell(ws, text)
        c.font = KEY_FONT
        return c

    def dt(value, fmt):
        c = WriteOnlyCell(ws, value)
        c.number_format = fmt
        return c

    def text(value):
        return cells.exporter(ws, _TEXT_COLUMN, mask_phones=False)(value)

    rows = [
        ("格式版本", FORMAT_VERSION),
        ("站点编码", text(info.site_code)),
        ("站点名称", text(info.site_name)),
        ("公司名称", text(info.company_name)),
        ("起始日期", dt(info.date_from, cells.DATE_FORMAT)),
        ("结束日期", dt(info.date_to, cells.DATE_FORMAT)),
        ("导出时间", dt(info.exported_at, cells.DATETIME_FORMAT)),
        ("导出人", text(info.exported_by)),
        ("软件版本", text(info.software_version)),
        ("手机号已脱敏", YES if info.mask_phones else NO),
        ("导出序号", info.sequence),
        ("校验码", text(checksum)),
    ]
    for k, v in rows:
        ws.append([key(k), v])
    ws.append([])
    ws.append(_header_row(ws, ["表名", "记录数"]))
    for name, n in counts:
        ws.append([name, n])


def _write_lineage(session: Session, wb: Workbook, uuids: list[str]) -> int:
    """The ``版本来历`` sheet after the record sheets: every state (修改时间, 修改人) each record the
    workbook carries passed through on this database, so that another database importing it can
    tell an edit made from its own state from one made beside it (app.core.conflicts). It is
    not a record sheet: 汇总's table does not list it and the 校验码 does not cover it."""
    ws = wb.create_sheet(LINEAGE_SHEET)
    widths = (37, 17, 12)
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.append(_header_row(ws, LINEAGE_HEADERS))
    text = cells.exporter(ws, _TEXT_COLUMN, mask_phones=False)
    at_cell = WriteOnlyCell(ws)
    at_cell.number_format = "yyyy-mm-dd hh:mm:ss"
    n = 0
    for uid, at, by in lineage_rows(session, uuids):
        at_cell.value = at
        ws.append([uid, at_cell, text(by)])
        n += 1
    return n


def write_workbook(session: Session, path: str | os.PathLike, info: SummaryInfo, *,
                   progress: ProgressFn | None = None, all_sites: bool = False,
                   lineage: bool | None = None) -> dict[str, int]:
    """Write the workbook to ``path`` (atomically: a temporary file renamed at the end).
    Returns the number of rows per record sheet. ``all_sites``: the records of every site the
    database holds (head office's consolidated workbook), not only ``info.site_code``'s.
    ``lineage``: add the ``版本来历`` sheet; by default a desk's importable workbook carries it
    (not head office's consolidated one, nor a masked one, which no import accepts)."""
    if lineage is None:
        lineage = not all_sites and not info.mask_phones
    path = Path(path)
    start, end = range_bounds(info.date_from, info.date_to)
    specs = sheets()
    site_code = None if all_sites else info.site_code
    expected = {s.name: count_rows(session, s, site_code, start, end) for s in specs}
    total = sum(expected.values())
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    if progress:
        progress(0, total)
    wb = Workbook(write_only=True)
    summary = wb.create_sheet(SUMMARY_SHEET)
    _declare_size(summary, 2, 14 + len(specs))
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = max(24, cells.display_width(info.company_name) + 2,
                                               cells.display_width(info.site_name) + 2)
    counts: list[tuple[str, int]] = []
    digest = ManifestHash()
    uuids: list[str] | None = [] if lineage else None
    for spec in specs:
        counts.append((spec.name, _write_sheet(session, wb, spec, site_code, start, end,
                                               info.mask_phones, tick, expected[spec.name], digest, uuids)))
    _write_summary(summary, info, counts, digest.hexdigest())
    if uuids is not None:
        _write_lineage(session, wb, uuids)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return dict(counts)
