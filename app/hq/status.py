"""What head office has received: per site the last business day received, the working days
of the period no workbook covers, and the files refused with their reasons; and the site × day
grid behind the head-office window. Working days follow the home's calendar (app.core.calendar:
the statutory data plus the days the administrator entered)."""

from __future__ import annotations

import calendar as _cal
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, or_, select

from app.core.calendar import load_calendar
from app.core.context import Context
from app.domain.errors import ValidationError
from app.hq.models import HqImport, HqSite
from app.hq.vocab import DayState, ImportOutcome


@dataclass(frozen=True)
class RefusedFile:
    file_name: str
    imported_at: datetime
    date_from: date | None
    date_to: date | None
    message: str


@dataclass(frozen=True)
class SiteStatusRow:
    code: str
    name: str
    last_day: date | None  # the last day some imported workbook of the site covers
    missing: tuple[date, ...]  # working days of the period no imported workbook covers
    refused: tuple[RefusedFile, ...]


@dataclass(frozen=True)
class DayGrid:
    days: tuple[date, ...]
    sites: tuple[tuple[str, str], ...]  # (code, name)
    states: dict[tuple[str, date], str]  # (code, day) -> DayState

    def state(self, code: str, day: date) -> str:
        return self.states[(code, day)]


def month_range(month: str | None, today: date) -> tuple[date, date]:
    """``YYYY-MM`` -> its first and last day (this month when None)."""
    if month is None:
        year, mon = today.year, today.month
    else:
        m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(month))
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise ValidationError("月份", f"“{month}”不是有效的月份，应为 YYYY-MM，如 2026-11", "month")
        year, mon = int(m.group(1)), int(m.group(2))
    return date(year, mon, 1), date(year, mon, _cal.monthrange(year, mon)[1])


def _days(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


def _coverage(s, first: date, last: date) -> tuple[dict[str, set[date]], dict[str, set[date]]]:
    """Per site: the days of [first, last] imported workbooks cover, and those refused ones claim."""
    received: dict[str, set[date]] = {}
    refused: dict[str, set[date]] = {}
    rows = s.execute(select(HqImport.site_code, HqImport.date_from, HqImport.date_to, HqImport.result).where(
        HqImport.site_code.is_not(None), HqImport.date_from <= last, HqImport.date_to >= first,
        HqImport.result.in_([ImportOutcome.IMPORTED.value, ImportOutcome.REFUSED.value]))).all()
    for site, d1, d2, result in rows:
        target = received if result == ImportOutcome.IMPORTED.value else refused
        target.setdefault(site, set()).update(_days(max(d1, first), min(d2, last)))
    return received, refused


def day_grid(ctx: Context, first: date, last: date) -> DayGrid:
    """Every registered site × every day of [first, last]: received / missing / refused / rest / future."""
    if first > last:
        raise ValidationError("日期", "起始日期不能晚于结束日期")
    today = ctx.now().date()
    cal = load_calendar(ctx)
    with ctx.read() as s:
        sites = tuple((c, n) for c, n in s.execute(select(HqSite.code, HqSite.name).order_by(HqSite.code)))
        received, refused = _coverage(s, first, last)
    days = tuple(_days(first, last))
    workday = {d: cal.is_workday(d) for d in days}
    states: dict[tuple[str, date], str] = {}
    for code, _name in sites:
        got, bad = received.get(code, set()), refused.get(code, set())
        for d in days:
            if d in got:
                state = DayState.RECEIVED
            elif d in bad:
                state = DayState.REFUSED
            elif d >= today:
                state = DayState.FUTURE
            elif workday[d]:
                state = DayState.MISSING
            else:
                state = DayState.REST
            states[(code, d)] = state.value
    return DayGrid(days, sites, states)


def site_status(ctx: Context, month: str | None = None) -> list[SiteStatusRow]:
    """Per registered site, for the month (this month by default)."""
    first, last = month_range(month, ctx.now().date())
    grid = day_grid(ctx, first, last)
    with ctx.read() as s:
        last_days = dict(s.execute(select(HqImport.site_code, func.max(HqImport.date_to)).where(
            HqImport.result == ImportOutcome.IMPORTED.value).group_by(HqImport.site_code)).all())
        refused_rows = s.scalars(select(HqImport).where(_refused_in(first, last)).order_by(HqImport.imported_at)).all()
        refused: dict[str | None, list[RefusedFile]] = {}
        for r in refused_rows:
            refused.setdefault(r.site_code, []).append(
                RefusedFile(r.file_name, r.imported_at, r.date_from, r.date_to, r.message or ""))
    out = []
    for code, name in grid.sites:
        missing = tuple(d for d in grid.days if grid.state(code, d) == DayState.MISSING)
        out.append(SiteStatusRow(code, name, last_days.get(code), missing, tuple(refused.get(code, ()))))
    return out


def _refused_in(first: date, last: date):
    """Refused files of the period: their claimed range meets it, or (no range readable) they
    were given to head office within it."""
    lo = datetime.combine(first, datetime.min.time())
    hi = datetime.combine(last + timedelta(days=1), datetime.min.time())
    return and_(HqImport.result == ImportOutcome.REFUSED.value,
                or_(and_(HqImport.date_from <= last, HqImport.date_to >= first),
                    and_(HqImport.date_from.is_(None), HqImport.imported_at >= lo, HqImport.imported_at < hi)))


def unattributed_refusals(ctx: Context, month: str | None = None) -> list[RefusedFile]:
    """Refused files of the month whose site head office does not know: unreadable, or of a site
    no workbook has been imported from yet."""
    first, last = month_range(month, ctx.now().date())
    with ctx.read() as s:
        rows = s.scalars(select(HqImport).where(
            _refused_in(first, last),
            or_(HqImport.site_code.is_(None), HqImport.site_code.not_in(select(HqSite.code))))
            .order_by(HqImport.imported_at)).all()
        return [RefusedFile(r.file_name, r.imported_at, r.date_from, r.date_to, r.message or "") for r in rows]
