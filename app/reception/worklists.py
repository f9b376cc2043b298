"""The lists of visit/call records: a day's or a period's list with filters, paged newest
first; the search across all dates (stopping at a cap); counts; the 报修 intake of the
repairs module; the 接待人 filter; the navigation badge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.core import settings
from app.core.badges import Badge
from app.core.context import Context
from app.domain.errors import ValidationError
from app.reception import search
from app.reception.contact import ContactRow, contact_row
from app.reception.desk import staff_names
from app.reception.models import ContactRecord, MessageRelay
from app.reception.vocab import OPEN_STATES, OVERDUE, ContactCategory, RelayStatus

PAGE_SIZE = 100
SEARCH_PAGE = 50
SEARCH_CAP = settings.define("reception.search_cap", 500, "搜索结果最多显示条数")


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after the record (received_at, id); ``count`` rows so far."""

    received_at: datetime
    id: int
    count: int


@dataclass(frozen=True)
class ContactPage:
    rows: tuple[ContactRow, ...]
    next_cursor: Cursor | None
    capped: bool = False  # the search stopped at its cap (SEARCH_CAP)
    backend: str | None = None  # search: fts5 / like


@dataclass(frozen=True)
class ContactFilter:
    """What the list shows. Dates are inclusive; None means open-ended."""

    date_from: date | None = None
    date_to: date | None = None
    statuses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    received_by: str | None = None
    overdue_only: bool = False


def day_start(d: date) -> datetime:
    return datetime.combine(d, time())


def open_records(site: str):
    """Open records (待处理/处理中) of the site, found through the status index: few rows
    however big the table is (the site code is wrapped so no planner prefers its index)."""
    return select(ContactRecord).where(func.coalesce(ContactRecord.site_code, "") == site,
                                       ContactRecord.status.in_(OPEN_STATES))


def _conditions(ctx: Context, flt: ContactFilter, now: datetime) -> list:
    conds = [ContactRecord.site_code == ctx.site.code]
    if flt.statuses:
        conds.append(ContactRecord.status.in_(list(flt.statuses)))
    if flt.categories:
        conds.append(ContactRecord.category.in_(list(flt.categories)))
    if flt.methods:
        conds.append(ContactRecord.method.in_(list(flt.methods)))
    if flt.received_by:
        conds.append(ContactRecord.received_by == flt.received_by)
    if flt.overdue_only:
        conds.append(and_(ContactRecord.status.in_(OPEN_STATES), ContactRecord.due_at < now))
    return conds


def _bounds(flt: ContactFilter) -> tuple[datetime | None, datetime | None]:
    start = day_start(flt.date_from) if flt.date_from else None
    end = day_start(flt.date_to + timedelta(days=1)) if flt.date_to else None
    if start and end and start >= end:
        raise ValidationError("日期", "起始日期不能晚于结束日期", "date_from")
    return start, end


def today_filter(ctx: Context) -> ContactFilter:
    today = ctx.now().date()
    return ContactFilter(date_from=today, date_to=today)


def _relay_names(s: Session, contacts: list[ContactRecord]) -> dict[str, str]:
    uuids = [c.uuid for c in contacts if c.category == ContactCategory.RELAY.value]
    if not uuids:
        return {}
    return dict(s.execute(select(MessageRelay.contact_uuid, MessageRelay.to_staff)
                          .where(MessageRelay.contact_uuid.in_(uuids))).all())


def _page(ctx: Context, s: Session, contacts: list[ContactRecord], limit: int, count_before: int,
          cap: int | None = None, backend: str | None = None) -> ContactPage:
    now = ctx.now()
    more = len(contacts) > limit
    contacts = contacts[:limit]
    names = _relay_names(s, contacts)
    rows = tuple(contact_row(ctx, c, now, names.get(c.uuid)) for c in contacts)
    count = count_before + len(rows)
    capped = False
    cursor = None
    if more and rows:
        if cap is not None and count >= cap:
            capped = True
        else:
            cursor = Cursor(rows[-1].received_at, rows[-1].id, count)
    return ContactPage(rows, cursor, capped, backend)


def list_contacts(ctx: Context, flt: ContactFilter | None = None, *, after: Cursor | None = None,
                  limit: int = PAGE_SIZE) -> ContactPage:
    """One page of records, newest first (received time, then id). ``after`` continues a list."""
    flt = flt or today_filter(ctx)
    limit = max(1, min(int(limit), 1000))
    now = ctx.now()
    start, end = _bounds(flt)
    q = select(ContactRecord).where(*_conditions(ctx, flt, now))
    if start is not None:
        q = q.where(ContactRecord.received_at >= start)
    if end is not None:
        q = q.where(ContactRecord.received_at < end)
    if after is not None:
        q = q.where(or_(ContactRecord.received_at < after.received_at,
                        and_(ContactRecord.received_at == after.received_at, ContactRecord.id < after.id)))
    q = q.order_by(ContactRecord.received_at.desc(), ContactRecord.id.desc()).limit(limit + 1)
    with ctx.read() as s:
        return _page(ctx, s, list(s.scalars(q)), limit, after.count if after else 0)


def count_contacts(ctx: Context, flt: ContactFilter | None = None) -> int:
    flt = flt or today_filter(ctx)
    start, end = _bounds(flt)
    q = select(func.count()).select_from(ContactRecord).where(*_conditions(ctx, flt, ctx.now()))
    if start is not None:
        q = q.where(ContactRecord.received_at >= start)
    if end is not None:
        q = q.where(ContactRecord.received_at < end)
    with ctx.read() as s:
        return s.scalar(q) or 0


def search_contacts(ctx: Context, text: str, flt: ContactFilter | None = None, *, after: Cursor | None = None,
                    limit: int = SEARCH_PAGE) -> ContactPage:
    """Search all dates (or the filter's dates) by phone, unit, name or words of the content;
    newest first, in pages, stopping at the cap (setting reception.search_cap)."""
    ctx.require_actor()
    terms = search.parse(text)
    if not terms:
        return ContactPage((), None)
    flt = flt or ContactFilter()
    cap = int(settings.get(ctx, SEARCH_CAP.key) or SEARCH_CAP.default)
    count_before = after.count if after else 0
    limit = max(1, min(int(limit), cap - count_before)) if count_before < cap else 1
    start, end = _bounds(flt)
    with ctx.read() as s:
        kind = search.backend(s)
        found = search.find(s, terms, _conditions(ctx, flt, ctx.now()), date_from=start, date_to=end,
                            after=(after.received_at, after.id) if after else None, limit=limit + 1)
        return _page(ctx, s, found, limit, count_before, cap=cap, backend=kind)


def list_repair_requests(ctx: Context, *, include_done: bool = False, limit: int = 500) -> list[ContactRow]:
    """报修 records (not void), oldest first: the intake the repairs module turns into work
    orders. By default only the open ones (待处理 / 处理中)."""
    if include_done:
        q = select(ContactRecord).where(ContactRecord.site_code == ctx.site.code)
    else:
        q = open_records(ctx.site.code)
    q = q.where(ContactRecord.category == ContactCategory.REPAIR.value, ContactRecord.voided_at.is_(None))
    q = q.order_by(ContactRecord.received_at, ContactRecord.id).limit(limit)
    with ctx.read() as s:
        now = ctx.now()
        return [contact_row(ctx, c, now) for c in s.scalars(q)]


def receptionists(ctx: Context, days: int = 31) -> list[str]:
    """接待人 names seen in the recent records and the active staff (for the list filter)."""
    since = ctx.now() - timedelta(days=days)
    with ctx.read() as s:
        seen = set(s.scalars(select(ContactRecord.received_by).where(ContactRecord.site_code == ctx.site.code,
                                                                     ContactRecord.received_at >= since)
                             .distinct()))
    try:
        seen.update(staff_names(ctx))
    except Exception:  # pragma: no cover - staff list is a convenience
        pass
    return sorted(seen)


def nav_badge(ctx: Context) -> Badge | None:
    """Open records received today plus overdue ones; red when something is overdue."""
    now = ctx.now()
    start = day_start(now.date())
    site = ctx.site.code
    with ctx.read() as s:
        rows = s.execute(open_records(site).with_only_columns(ContactRecord.received_at, ContactRecord.due_at)).all()
        pending = s.scalar(select(func.count()).select_from(MessageRelay).where(
            MessageRelay.site_code == site, MessageRelay.status == RelayStatus.PENDING.value)) or 0
    open_today = sum(1 for received, _due in rows if received >= start)
    overdue = sum(1 for _received, due in rows if due is not None and due < now)
    overdue_old = sum(1 for received, due in rows if due is not None and due < now and received < start)
    count = open_today + overdue_old
    if not count and not pending:
        return None
    parts = [f"今日未办结 {open_today} 条"]
    if overdue:
        parts.append(f"{OVERDUE} {overdue} 条")
    if pending:
        parts.append(f"{RelayStatus.PENDING.value} {pending} 条")
    return Badge(count, "red" if overdue else None, "，".join(parts))
