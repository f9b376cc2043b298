"""A repeat caller: what the desk already has for the household a phone or a unit names — its
open records (complaints, 报修, 转交 and 转告 still open) and its last contacts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from app.core.context import Context
from app.domain import validate as v
from app.reception.contact import ContactRow, contact_row
from app.reception.models import ContactRecord
from app.reception.vocab import OPEN_STATES

RECENT = 5


@dataclass(frozen=True)
class HouseholdData:
    open_items: tuple[ContactRow, ...]
    recent: tuple[ContactRow, ...]

    @property
    def empty(self) -> bool:
        return not self.open_items and not self.recent


def household_contacts(ctx: Context, *, phone: str | None = None, unit_no: str | None = None) -> HouseholdData:
    """Open records of the same phone or unit (oldest first) and the last few contacts (newest
    first, closed ones included)."""
    digits = v.phone_digits(phone) if phone else ""
    unit = (unit_no or "").strip()
    if unit:
        try:
            unit = v.normalize_unit(unit) or unit
        except Exception:
            pass
    conds = []
    if len(digits) >= 7:
        conds.append(ContactRecord.phone_digits == digits)
    if unit:
        conds.append(ContactRecord.unit_no == unit)
    if not conds:
        return HouseholdData((), ())
    now = ctx.now()
    base = select(ContactRecord).where(ContactRecord.site_code == ctx.site.code, ContactRecord.voided_at.is_(None),
                                       or_(*conds))
    with ctx.read() as s:
        open_items = s.scalars(base.where(ContactRecord.status.in_(OPEN_STATES))
                               .order_by(ContactRecord.received_at).limit(20)).all()
        recent = s.scalars(base.order_by(ContactRecord.received_at.desc(), ContactRecord.id.desc())
                           .limit(RECENT)).all()
        return HouseholdData(tuple(contact_row(ctx, c, now) for c in open_items),
                             tuple(contact_row(ctx, c, now) for c in recent))
