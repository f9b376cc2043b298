"""The site's working-day calendar: statutory data from the packages (see
app/domain/workdays.py for which package and why), the admin's days off and make-up
workdays (calendar_override), the desk hours, and the coverage warning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from sqlalchemy.orm import Session

from app.core.models import CalendarOverride, Setting
from app.domain import validate as v
from app.domain import workdays
from app.domain.enums import Role
from app.domain.errors import NotFound, ValidationError
from app.domain.workdays import OFF, WORK, Calendar, DayInfo, DeskHours
from app.core import access, records, settings
from app.core.context import Context

CONFIRMED_YEARS = settings.define("calendar.confirmed_years", [], "已由管理员录入完整放假安排的年份")

_KIND_INPUT = {OFF: OFF, WORK: WORK, "休息日": OFF, "放假": OFF, "休息": OFF, "调休上班": WORK, "上班": WORK,
               "工作日": WORK}


@dataclass(frozen=True)
class OverrideRow:
    day: date
    kind: str  # "off" / "work"
    kind_label: str  # 休息日 / 调休上班
    note: str | None
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True)
class YearCoverageRow:
    year: int
    source: str  # chinese-calendar / holidays / 管理员录入 / "" (no data)
    known: bool
    days_off: int  # statutory days off on weekdays
    make_up_days: int
    overrides: int


def load_calendar(ctx: Context, session: Session | None = None) -> Calendar:
    """The calendar with the admin's overrides and the desk hours (two small queries).

    Pass ``session`` to read inside a unit of work that is already open (e.g. reception's)."""
    if session is None:
        with ctx.read() as s:
            return _build(s)
    return _build(session)


def _setting(s: Session, d: settings.SettingDef):
    row = s.get(Setting, d.key)
    return d.default if row is None else row.value


def _build(s: Session) -> Calendar:
    overrides = {o.day: (o.kind, o.note) for o in s.scalars(select(CalendarOverride))}
    try:
        hours = DeskHours.from_setting(_setting(s, settings.DESK_HOURS))
    except (ValueError, TypeError, AttributeError):
        hours = DeskHours()
    confirmed = _setting(s, CONFIRMED_YEARS) or []
    return Calendar(overrides, hours=hours, confirmed_years=confirmed)


def _parse_kind(kind: str) -> str:
    value = _KIND_INPUT.get(str(kind or "").strip())
    if value is None:
        raise ValidationError("类型", f"“{kind}”不是有效的类型，应为 休息日 或 调休上班", "kind")
    return value


def _parse_day(day) -> date:
    if isinstance(day, datetime):
        return day.date()
    if isinstance(day, date):
        return day
    try:
        return date.fromisoformat(str(day).strip())
    except ValueError:
        raise ValidationError("日期", f"“{day}”不是有效的日期，应为 YYYY-MM-DD", "day") from None


def set_override(ctx: Context, day, kind: str, note: str | None = None) -> OverrideRow:
    """Mark a day as a day off (休息日) or a make-up workday (调休上班). Admin only."""
    actor, _ = access.require(ctx, "calendar.edit")
    day = _parse_day(day)
    kind = _parse_kind(kind)
    note = v.text("说明", note, max_len=100, key="note")
    with ctx.unit_of_work() as s:
        row = s.scalars(select(CalendarOverride).where(CalendarOverride.day == day)).first()
        before = None if row is None else {"day": row.day.isoformat(), "kind": row.kind, "note": row.note}
        if row is None:
            row = CalendarOverride(day=day, kind=kind, note=note, updated_at=ctx.now(), updated_by=actor.name)
            s.add(row)
        else:
            row.kind, row.note, row.updated_at, row.updated_by = kind, note, ctx.now(), actor.name
        s.flush()
        records.audit(ctx, s, "修改工作日历", entity="calendar_override", before=before,
                      after={"day": day.isoformat(), "kind": kind, "note": note})
        return _row(row)


def set_overrides(ctx: Context, entries: list[tuple[date, str, str | None]], *, action: str = "导入放假安排") -> int:
    """Several days at once (all or nothing), each audited as its own change. Admin only."""
    actor, _ = access.require(ctx, "calendar.edit")
    rows = [(_parse_day(day), _parse_kind(kind), v.text("说明", note, max_len=100, key="note"))
            for day, kind, note in entries]
    with ctx.unit_of_work() as s:
        existing = {o.day: o for o in s.scalars(select(CalendarOverride).where(
            CalendarOverride.day.in_([d for d, _, _ in rows])))}
        for day, kind, note in rows:
            row = existing.get(day)
            before = None if row is None else {"day": row.day.isoformat(), "kind": row.kind, "note": row.note}
            if row is None:
                s.add(CalendarOverride(day=day, kind=kind, note=note, updated_at=ctx.now(), updated_by=actor.name))
            else:
                row.kind, row.note, row.updated_at, row.updated_by = kind, note, ctx.now(), actor.name
            records.audit(ctx, s, action, entity="calendar_override", before=before,
                          after={"day": day.isoformat(), "kind": kind, "note": note})
    return len(rows)


def remove_override(ctx: Context, day) -> None:
    """Take back an admin entry: the day follows the packages and weekends again (audited)."""
    access.require(ctx, "calendar.edit")
    day = _parse_day(day)
    with ctx.unit_of_work() as s:
        row = s.scalars(select(CalendarOverride).where(CalendarOverride.day == day)).first()
        if row is None:
            raise NotFound(f"{day:%Y-%m-%d} 没有自定义设置")
        records.audit(ctx, s, "撤销工作日历设置", entity="calendar_override",
                      before={"day": day.isoformat(), "kind": row.kind, "note": row.note})
        s.delete(row)


def list_overrides(ctx: Context, year: int | None = None) -> list[OverrideRow]:
    with ctx.read() as s:
        q = select(CalendarOverride).order_by(CalendarOverride.day)
        if year is not None:
            q = q.where(CalendarOverride.day >= date(year, 1, 1), CalendarOverride.day <= date(year, 12, 31))
        return [_row(o) for o in s.scalars(q)]


def _row(o: CalendarOverride) -> OverrideRow:
    return OverrideRow(o.day, o.kind, workdays.KIND_LABELS.get(o.kind, o.kind), o.note, o.updated_at, o.updated_by)


def confirm_year(ctx: Context, year: int, confirmed: bool = True) -> None:
    """The admin declares a year's days off and make-up workdays entered completely."""
    access.require(ctx, "calendar.edit")
    if not (2000 <= int(year) <= 2100):
        raise ValidationError("年份", f"“{year}”不是有效的年份", "year")
    years = set(settings.get(ctx, CONFIRMED_YEARS.key) or [])
    years.add(int(year)) if confirmed else years.discard(int(year))
    settings.put(ctx, CONFIRMED_YEARS.key, sorted(years))


def coverage(ctx: Context, years: list[int] | None = None) -> list[YearCoverageRow]:
    """For each year (default: this year and the next): where its holidays come from."""
    cal = load_calendar(ctx)
    if years is None:
        this = ctx.now().year
        years = [this, this + 1]
    out = []
    for y in years:
        data = cal.year(y)
        off = sum(1 for d in data.days_off if d.weekday() < 5)
        out.append(YearCoverageRow(y, cal.source_of(y), cal.known_year(y), off, len(data.make_up_days),
                                   sum(1 for d in cal.overrides if d.year == y)))
    return out


#: From this day of the year on, next year's days off are expected (the State Council
#: publishes them in November or December).
NEXT_YEAR_WARNING_FROM = (11, 1)


def coverage_warning(ctx: Context) -> str | None:
    """A Chinese warning, for the admin, when this year, or from 1 November next year, has no
    holiday data; it says where in the application to put it right. None when all is known."""
    now = ctx.now()
    years = [now.year]
    if (now.month, now.day) >= NEXT_YEAR_WARNING_FROM:
        years.append(now.year + 1)
    missing = load_calendar(ctx).missing_years(years)
    if not missing:
        return None
    names = "、".join(f"{y} 年" for y in missing)
    role = access.role_for(ctx, "calendar.edit")  # the role the site's 权限设置 gives the calendar
    who = role.value if role is Role.ADMIN else f"{role.value}或以上人员"
    return (f"工作日历还没有 {names}的放假和调休安排，期限只能按周末计算。"
            f"请{who}在 系统设置 → 工作日历 中点「导入国务院通知…」，粘贴国务院办公厅的放假安排通知全文并确认保存。")


def year_lines(ctx: Context, year: int) -> list[str]:
    """``YYYY-MM-DD 放假|上班 名称`` for every day off and make-up working day of a year,
    whatever their source (the holiday packages or the admin's entries)."""
    out = []
    for info in special_days(ctx, year):
        name = (info.name or info.kind).replace("（国务院通知）", "")
        out.append(f"{info.day:%Y-%m-%d} {'上班' if info.workday else '放假'} {name}")
    return out


def special_days(ctx: Context, year: int) -> list[DayInfo]:
    """The days of a year that differ from the plain weekend rule (holidays, make-up days,
    the admin's entries), for the calendar screen."""
    cal = load_calendar(ctx)
    out = []
    for info in cal.days_in(date(year, 1, 1), date(year, 12, 31)):
        if info.source != "周末规则":
            out.append(info)
    return out


def day_info(ctx: Context, day) -> DayInfo:
    return load_calendar(ctx).info(_parse_day(day))
