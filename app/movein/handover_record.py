"""A handover record inside one unit of work: find it and its lines, refuse changes once it
is delivered or void, and record one step of it (version, the one-week rule's late-entry
flag, the history entry naming the step).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.core import records, settings
from app.core.context import Context
from app.db.base import new_uuid
from app.domain.errors import InvalidTransition, NotFound
from app.movein.models import Handover
from app.movein.vocab import HandoverStatus
from app.movein.templates import ENTRY_DAYS


def site_today(ctx: Context) -> date:
    return ctx.now().date()


def bare_child(ctx: Context, model, **fields):
    """A child record filled from a template: the handover's own audit entry covers it."""
    actor = ctx.require_actor()
    now = ctx.now()
    return model(uuid=new_uuid(), site_code=ctx.site.code, created_at=now, created_by=actor.name,
                 updated_at=now, updated_by=actor.name, **fields)


def get_record(s: Session, ctx: Context, uuid: str) -> Handover:
    h = s.scalars(select(Handover).where(Handover.uuid == uuid, Handover.site_code == ctx.site.code)).first()
    if h is None:
        raise NotFound(f"找不到入伙记录（编号 {uuid}）")
    return h


def get_child(s: Session, model, h: Handover, child_id: int, label: str):
    obj = s.get(model, child_id)
    if obj is None or obj.handover_id != h.id or obj.voided_at is not None:
        raise NotFound(f"找不到该{label}（#{child_id}）")
    return obj


def entry_deadline(ctx: Context, h: Handover) -> date:
    return h.handover_at.date() + timedelta(days=int(settings.get(ctx, ENTRY_DAYS.key) or 7))


def require_open(h: Handover, action: str) -> None:
    if h.is_void:
        raise InvalidTransition(f"入伙记录已作废，不能{action}")
    if h.status == HandoverStatus.DELIVERED.value:
        raise InvalidTransition(f"{h.unit_no} 已交付，不能{action}")


def record_step(ctx: Context, s: Session, h: Handover, action: str, note: str | None, *,
                changes: dict[str, Any] | None = None, expected_version: int | None = None,
                data_entry: bool = True) -> None:
    """Record one step on the handover: bump its version, flag a late entry, audit it."""
    changes = dict(changes or {})
    if data_entry and not h.late_entry and site_today(ctx) > entry_deadline(ctx, h):
        changes["late_entry"] = True
        changes["late_entry_at"] = ctx.now()
    records.check_version(h, expected_version)
    flag_modified(h, "updated_at")  # the version grows even within the same second
    records.update(ctx, s, h, changes, expected_version=None, action=action, note=note or action)
