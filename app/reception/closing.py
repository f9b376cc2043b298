"""日结 (closing the day): the day's figures by category, its records still open and those
without 处理情况, older records still open, and messages not yet passed on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.core.context import Context
from app.reception.contact import ContactRow, contact_row
from app.reception.models import ContactRecord, MessageRelay
from app.reception.relay import MessageRow, message_row, pending_messages_query
from app.reception.vocab import OPEN_STATES, ContactCategory, ContactStatus
from app.reception.worklists import day_start, open_records

#: At most this many older open records are listed.
CARRIED_OVER_MAX = 500


@dataclass(frozen=True)
class DayClosingData:
    day: date
    total: int
    completed: int
    by_category: tuple[tuple[str, int], ...]
    open_items: tuple[ContactRow, ...]  # today's records still 待处理/处理中
    without_handling: tuple[ContactRow, ...]  # today's records with no 处理情况 (not void)
    carried_over: tuple[ContactRow, ...]  # older records still open
    pending_messages: tuple[MessageRow, ...]


def day_closing(ctx: Context, day: date | None = None) -> DayClosingData:
    """日结: the day's figures, its open items and records without 处理情况, older open
    records, and messages not yet passed on."""
    ctx.require_actor()
    now = ctx.now()
    day = day or now.date()
    start, end = day_start(day), day_start(day + timedelta(days=1))
    site = ctx.site.code
    with ctx.read() as s:
        todays = list(s.scalars(select(ContactRecord).where(
            ContactRecord.site_code == site, ContactRecord.received_at >= start, ContactRecord.received_at < end)
            .order_by(ContactRecord.received_at, ContactRecord.id)))
        older = sorted((c for c in s.scalars(open_records(site)) if c.received_at < start),
                       key=lambda c: (c.received_at, c.id))[:CARRIED_OVER_MAX]
        pending = list(s.scalars(pending_messages_query(site).order_by(MessageRelay.received_at, MessageRelay.id)))
        live = [c for c in todays if not c.is_void]
        by_cat: dict[str, int] = {}
        for c in live:
            by_cat[c.category] = by_cat.get(c.category, 0) + 1
        order = [m.value for m in ContactCategory]
        return DayClosingData(
            day=day, total=len(live),
            completed=sum(1 for c in live if c.status == ContactStatus.DONE.value),
            by_category=tuple(sorted(by_cat.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)),
            open_items=tuple(contact_row(ctx, c, now) for c in live if c.status in OPEN_STATES),
            without_handling=tuple(contact_row(ctx, c, now) for c in live if not (c.handling or "").strip()),
            carried_over=tuple(contact_row(ctx, c, now) for c in older),
            pending_messages=tuple(message_row(m) for m in pending),
        )
