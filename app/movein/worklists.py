"""Lists of handovers (search by unit or name, status, dates, late entries) and the menu badge:
overdue defects, defects due soon, late entries awaiting the manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import records
from app.core.badges import Badge
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.movein.models import Defect, Handover
from app.movein.vocab import OPEN_DEFECT
from app.movein.handover_record import site_today


@dataclass(frozen=True)
class HandoverRow:
    uuid: str
    version: int
    unit_no: str
    mode: str
    party_kind: str
    receiver_name: str
    owner_name: str | None
    handover_at: datetime
    status: str
    rectify_deadline: date | None
    handled_by: str
    completed_at: datetime | None
    completed_by: str | None
    late_entry: bool
    late_entry_at: datetime | None
    late_reviewed_at: datetime | None
    late_reviewed_by: str | None
    defects: int
    open_defects: int
    water_reading: float | None
    electricity_reading: float | None
    gas_reading: float | None
    keys_text: str | None
    updated_at: datetime
    updated_by: str


def _handover_row(h: Handover, defects: int, open_defects: int) -> HandoverRow:
    return records.to_row(h, HandoverRow, defects=defects, open_defects=open_defects)


def _defect_counts(s: Session, ids: list[int]) -> dict[int, tuple[int, int]]:
    if not ids:
        return {}
    out: dict[int, tuple[int, int]] = {}
    rows = s.execute(select(Defect.handover_id, Defect.status, func.count())
                     .where(Defect.handover_id.in_(ids), Defect.voided_at.is_(None))
                     .group_by(Defect.handover_id, Defect.status)).all()
    for hid, status, n in rows:
        total, open_ = out.get(hid, (0, 0))
        out[hid] = (total + n, open_ + (n if status in OPEN_DEFECT else 0))
    return out


def list_handovers(ctx: Context, *, text: str | None = None, status: str | None = None,
                   date_from: date | None = None, date_to: date | None = None, late_only: bool = False,
                   include_void: bool = False, limit: int = 1000) -> list[HandoverRow]:
    """Newest first. ``text`` matches the unit number or a name."""
    with ctx.read() as s:
        q = select(Handover).where(Handover.site_code == ctx.site.code)
        if not include_void:
            q = q.where(Handover.voided_at.is_(None))
        if status:
            q = q.where(Handover.status == status)
        if text and text.strip():
            t = text.strip()
            try:
                t = v.normalize_unit(t) or t
            except ValidationError:
                pass
            q = q.where(Handover.unit_no.contains(t, autoescape=True)
                        | Handover.receiver_name.contains(t, autoescape=True)
                        | Handover.owner_name.contains(t, autoescape=True))
        if date_from:
            q = q.where(Handover.handover_at >= datetime.combine(date_from, datetime.min.time()))
        if date_to:
            q = q.where(Handover.handover_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
        if late_only:
            q = q.where(Handover.late_entry.is_(True))
        hs = s.scalars(q.order_by(Handover.handover_at.desc(), Handover.id.desc()).limit(limit)).all()
        counts = _defect_counts(s, [h.id for h in hs])
        return [_handover_row(h, *counts.get(h.id, (0, 0))) for h in hs]


def nav_badge(ctx: Context) -> Badge | None:
    """Overdue defects (red); otherwise defects due within three days (amber)."""
    today = site_today(ctx)
    with ctx.read() as s:
        base = (select(func.count()).select_from(Defect).join(Handover, Handover.id == Defect.handover_id)
                .where(Defect.site_code == ctx.site.code, Defect.status.in_(OPEN_DEFECT),
                       Defect.voided_at.is_(None), Handover.voided_at.is_(None)))
        overdue = s.scalar(base.where(Defect.deadline < today)) or 0
        soon = s.scalar(base.where(Defect.deadline >= today, Defect.deadline <= today + timedelta(days=3))) or 0
        late = 0
        if ctx.actor is not None and ctx.actor.at_least(Role.MANAGER):
            late = s.scalar(select(func.count()).select_from(Handover).where(
                Handover.site_code == ctx.site.code, Handover.late_entry.is_(True),
                Handover.late_reviewed_at.is_(None), Handover.voided_at.is_(None))) or 0
    extra = f"；{late} 条入伙资料逾期录入待核查" if late else ""
    if overdue:
        return Badge(overdue, "red", f"{overdue} 项入伙缺陷已超过整改期限" + extra)
    if soon:
        return Badge(soon, "amber", f"{soon} 项入伙缺陷 3 天内到期" + extra)
    if late:
        return Badge(late, "amber", f"{late} 条入伙资料逾期录入待经理核查")
    return None
