"""Finding work orders: the searchable list, the late list, flagging 是否超时, the nav badge."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy import update as sa_update

from app.core import records
from app.core.badges import Badge
from app.core.context import SYSTEM, Context
from app.domain import validate as v
from app.domain.errors import ValidationError
from app.repairs.models import RepairOrder
from app.repairs.order import RepairRow, intake_queue, order_row
from app.repairs.vocab import OPEN_STATES, LateReason, RepairStatus as S

log = logging.getLogger(__name__)


def late_condition(now: datetime):
    """SQL condition: an open order past its pick-up or finish deadline at ``now``."""
    return and_(RepairOrder.status.in_([x.value for x in OPEN_STATES]),
                or_(and_(RepairOrder.status == S.DISPATCHED.value, RepairOrder.pickup_due_at < now),
                    RepairOrder.finish_due_at < now))


def list_orders(ctx: Context, *, status: str | None = None, open_only: bool = False, late_only: bool = False,
                text: str | None = None, date_from: date | None = None, date_to: date | None = None,
                limit: int = 1000) -> list[RepairRow]:
    """Newest first. ``status`` is one state word; ``text`` searches 单号, 房号, 报修人, 电话, 内容."""
    now = ctx.now()
    with ctx.read() as s:
        q = select(RepairOrder.__table__).where(RepairOrder.site_code == ctx.site.code)
        if status:
            q = q.where(RepairOrder.status == status)
        if open_only or late_only:
            q = q.where(RepairOrder.status.in_([x.value for x in OPEN_STATES]))
        if late_only:
            q = q.where(late_condition(now))
        if date_from:
            q = q.where(RepairOrder.received_at >= datetime.combine(date_from, datetime.min.time()))
        if date_to:
            q = q.where(RepairOrder.received_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
        text = (text or "").strip()
        if text:
            conds = [RepairOrder.number.contains(text.upper(), autoescape=True),
                     RepairOrder.unit_no.contains(text, autoescape=True),
                     RepairOrder.reporter.contains(text, autoescape=True),
                     RepairOrder.content.contains(text, autoescape=True)]
            digits = v.phone_digits(text)
            if len(digits) >= 3:
                conds.append(RepairOrder.phone_digits.contains(digits, autoescape=True))
            try:
                unit = v.normalize_unit(text)
            except ValidationError:
                unit = None
            if unit:
                conds.append(RepairOrder.unit_no == unit)
            q = q.where(or_(*conds))
        q = q.order_by(RepairOrder.received_at.desc(), RepairOrder.id.desc()).limit(limit)
        return with_group_numbers(s, [order_row(ctx, o, now) for o in s.execute(q)])


def with_group_numbers(s, rows: list[RepairRow]) -> list[RepairRow]:
    """Rows of merged orders learn their lead's 单号 and whether the lead is still open (合并处理)."""
    leads = {r.group_uuid for r in rows if r.group_uuid}
    if not leads:
        return rows
    open_states = {state.value for state in OPEN_STATES}
    lead_of = {uuid: (number, status in open_states and voided_at is None) for uuid, number, status, voided_at in
               s.execute(select(RepairOrder.uuid, RepairOrder.number, RepairOrder.status, RepairOrder.voided_at)
                         .where(RepairOrder.uuid.in_(leads)))}
    out = []
    for r in rows:
        if r.group_uuid:
            number, lead_open = lead_of.get(r.group_uuid, (None, False))
            r = replace(r, group_number=number, group_lead_open=lead_open)
        out.append(r)
    return out


def late_orders(ctx: Context) -> list[RepairRow]:
    return list_orders(ctx, late_only=True)


def flag_late(ctx: Context) -> int:
    """Record 是否超时 on open orders past a deadline (by the system; returns how many).

    The flags are derived facts, written without taking a new 版本 and without touching
    最后修改时间/人: a receptionist who has the order open in a dialog right then can still
    save it (no false 已被他人修改). The history shows the system's 超时 entry, and the next
    real change carries the flag (it is sticky) to the workbook.
    """
    now = ctx.now()
    system = ctx.as_actor(SYSTEM)
    count = 0
    with ctx.unit_of_work() as s:
        q = select(RepairOrder).where(
            RepairOrder.site_code == ctx.site.code, RepairOrder.status.in_([x.value for x in OPEN_STATES]),
            or_(and_(RepairOrder.status == S.DISPATCHED.value, RepairOrder.pickup_due_at < now,
                     RepairOrder.pickup_late.is_(False)),
                and_(RepairOrder.finish_due_at < now, RepairOrder.finish_late.is_(False))))
        for order in list(s.scalars(q)):
            changes: dict[str, object] = {}
            reasons = []
            if order.status == S.DISPATCHED.value and order.pickup_due_at and order.pickup_due_at < now \
                    and not order.pickup_late:
                changes["pickup_late"] = True
                reasons.append(LateReason.PICKUP.value)
            if order.finish_due_at and order.finish_due_at < now and not order.finish_late:
                changes["finish_late"] = True
                reasons.append(LateReason.FINISH.value)
            if not order.overdue:
                changes["overdue"] = True
            before = {k: getattr(order, k) for k in changes}
            s.execute(sa_update(RepairOrder).where(RepairOrder.id == order.id).values(**changes)
                      .execution_options(synchronize_session=False))
            records.audit(system, s, "超时", order, before=before, after=changes, note="、".join(reasons))
            count += 1
    return count


def nav_badge(ctx: Context, *, intake_rows: list | None = None) -> Badge | None:
    """Late orders in red; otherwise what waits at the desk in amber: 报修 records not yet
    turned into a work order (``intake_rows`` when the caller has read them already), orders to
    dispatch and orders to follow up."""
    try:
        flag_late(ctx)
    except Exception:  # a badge must never fail because another writer holds the row
        log.warning("could not flag late repair orders", exc_info=True)
    now = ctx.now()
    with ctx.read() as s:
        base = select(func.count()).select_from(RepairOrder).where(RepairOrder.site_code == ctx.site.code)
        late = s.scalar(base.where(late_condition(now)))
        waiting = s.scalar(base.where(RepairOrder.status == S.AWAITING_DISPATCH.value))
        follow = s.scalar(base.where(RepairOrder.status == S.AWAITING_FOLLOW_UP.value))
    if late:
        return Badge(late, "red", f"{late} 张维修工单超时未接单或未完工，请催办")
    intake = len(intake_queue(ctx) if intake_rows is None else intake_rows)  # 报修 not yet a work order
    if waiting or follow or intake:
        return Badge(waiting + follow + intake, "amber",
                     f"报修待转工单 {intake} 条，{S.AWAITING_DISPATCH.value} {waiting} 张，"
                     f"{S.AWAITING_FOLLOW_UP.value} {follow} 张")
    return Badge(0)
