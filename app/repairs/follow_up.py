"""Following up a completed order (回访) and closing it.

A repair follow-up is one 回访记录 of the follow-ups service like any other; wherever it is
recorded, :func:`on_follow_up` decides the order's fate in the same unit of work: 满意 /
较满意 close it, 不满意 sends it back (返修, 待派工). Orders that must be followed up
(必访 categories, or drawn at 完工) cannot close without one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.complaints import Feedback, FollowUp, FollowUpDueRow, FollowUpMethod, FollowUpSubject, followups
from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, ValidationError
from app.repairs import rules
from app.repairs.models import RepairOrder
from app.repairs.order import RepairRow, find_order, finish_due, move, order_row
from app.repairs.repair_settings import follow_up_days
from app.repairs.vocab import FollowUpRule, RepairStatus as S


@dataclass(frozen=True)
class FollowUpInfo:
    uuid: str
    visited_at: datetime
    interviewee: str
    method: str
    content: str
    feedback: str
    visitor: str
    remark: str | None


@dataclass(frozen=True)
class SampleCheck:
    """Recomputing a recorded draw: ``matches`` is True when the record is consistent."""

    seed: str
    rate: int
    draw: float
    recomputed_draw: float
    chosen: bool
    recorded_required: bool
    matches: bool


def verify_sample(row: RepairRow) -> SampleCheck | None:
    """Recompute an order's recorded draw (None when the order was never drawn)."""
    if row.sample_seed is None or row.sample_rate is None:
        return None
    draw, chosen = rules.sample_decision(row.sample_seed, row.sample_rate)
    matches = math.isclose(draw, row.sample_draw or -1.0, rel_tol=0, abs_tol=1e-12) and (
        chosen == row.follow_up_required or row.follow_up_rule == FollowUpRule.MANDATORY.value)
    return SampleCheck(row.sample_seed, row.sample_rate, row.sample_draw, draw, chosen, row.follow_up_required,
                       matches)


def order_follow_ups(s: Session, order_uuid: str) -> list[FollowUp]:
    """An order's follow-ups (not void), oldest first."""
    return list(s.scalars(select(FollowUp).where(FollowUp.subject_uuid == order_uuid,
                                                 FollowUp.voided_at.is_(None))
                          .order_by(FollowUp.visited_at, FollowUp.id)))


def follow_ups_of(ctx: Context, key: str) -> list[FollowUpInfo]:
    with ctx.read() as s:
        order = find_order(s, ctx, key)
        return [records.to_row(f, FollowUpInfo) for f in order_follow_ups(s, order.uuid)]


def record_follow_up(ctx: Context, key: str, *, content: str, feedback: Feedback | str,
                     expected_version: int | None, interviewee: str | None = None,
                     method: FollowUpMethod | str = FollowUpMethod.PHONE, phone: str | None = None,
                     remark: str | None = None, visited_at: datetime | None = None) -> RepairRow:
    """回访 a completed order (through the follow-ups service, so it is one 回访记录 like any
    other). 满意 / 较满意 close it; 不满意 sends it back (返修, 待派工). The interviewee and
    phone default to the reporter's."""
    ctx.require_role(Role.RECEPTIONIST, "回访")
    with ctx.unit_of_work() as s:
        order = find_order(s, ctx, key)
        records.check_version(order, expected_version)
        followups.add_follow_up(ctx, s, FollowUpSubject.REPAIR.value, order.uuid,
                                method=v.choice("回访方式", method, FollowUpMethod, key="method").value,
                                content=content, feedback=feedback, interviewee=interviewee or order.reporter,
                                phone=phone or order.phone, unit_no=order.unit_no, visited_at=visited_at,
                                remark=remark)
        return order_row(ctx, order)


def on_follow_up(ctx: Context, s: Session, follow_up: FollowUp) -> None:
    """Hook of the follow-ups service: a 维修 follow-up, from wherever it was recorded, decides
    the order's fate in the same unit of work. Refused before the order is finished."""
    if not follow_up.subject_uuid:
        return  # a repair follow-up not tied to an order: simply recorded
    order = s.scalars(select(RepairOrder).where(RepairOrder.uuid == follow_up.subject_uuid)).first()
    if order is None:
        raise ValidationError("关联编号", f"找不到维修工单（编号 {follow_up.subject_uuid}）", "subject_uuid")
    if order.status not in (S.AWAITING_FOLLOW_UP.value, S.CLOSED.value):
        raise InvalidTransition(f"工单 {order.number} 当前状态为“{order.status}”，完工后才能回访")
    if order.completed_at and follow_up.visited_at < order.completed_at:
        raise ValidationError("回访时间", "不能早于维修完成时间", "visited_at")
    if follow_up.feedback == Feedback.DISSATISFIED.value:
        _reopen(ctx, s, order, f"回访不满意：{follow_up.content}")
        return
    changes: dict[str, object] = {"feedback": follow_up.feedback}
    if order.status == S.AWAITING_FOLLOW_UP.value:
        changes.update(status=S.CLOSED.value, closed_at=ctx.now())
    records.update(ctx, s, order, changes, expected_version=None, action="回访", note=f"回访{follow_up.feedback}")


def follow_ups_due(ctx: Context, s: Session) -> list[FollowUpDueRow]:
    """Hook of the follow-ups service: orders 待回访 whose follow-up is required (必访 / 抽中),
    due the site's follow-up days after completion."""
    days = follow_up_days(ctx)
    q = (select(RepairOrder).where(RepairOrder.site_code == ctx.site.code,
                                   RepairOrder.status == S.AWAITING_FOLLOW_UP.value,
                                   RepairOrder.follow_up_required.is_(True))
         .order_by(RepairOrder.completed_at))
    return [FollowUpDueRow(FollowUpSubject.REPAIR.value, o.uuid, f"维修 {o.number} {o.category}：{o.content[:40]}",
                           o.unit_no, o.reporter, o.phone, o.completed_at,
                           o.completed_at + timedelta(days=days) if o.completed_at else None)
            for o in s.scalars(q)]


def _reopen(ctx: Context, s: Session, order: RepairOrder, note: str) -> None:
    move(order, S.AWAITING_DISPATCH, "返修")
    records.update(ctx, s, order, {
        "status": S.AWAITING_DISPATCH.value, "feedback": Feedback.DISSATISFIED.value,
        "reopen_count": order.reopen_count + 1, "closed_at": None, "dispatched_at": None,
        "pickup_due_at": None, "picked_up_at": None, "picked_up_by": None, "completed_at": None,
        "finish_due_at": finish_due(ctx, ctx.now(), order.urgency, None),
    }, expected_version=None, action="返修", note=note)


def close(ctx: Context, key: str, *, expected_version: int | None) -> RepairRow:
    """关闭 a completed order that needs no follow-up (未抽中), or whose follow-up was recorded
    elsewhere. 必访 and sampled orders cannot close without a follow-up."""
    ctx.require_role(Role.RECEPTIONIST, "关闭工单")
    with ctx.unit_of_work() as s:
        order = find_order(s, ctx, key)
        move(order, S.CLOSED, "关闭")
        fups = [f for f in order_follow_ups(s, order.uuid)
                if order.completed_at is None or f.visited_at >= order.completed_at]
        if order.follow_up_required and not fups:
            why = (f"类别“{order.category}”必须回访" if order.follow_up_rule == FollowUpRule.MANDATORY.value
                   else "该工单已被抽中回访")
            raise InvalidTransition(f"工单 {order.number}：{why}，回访后才能关闭")
        if fups and fups[-1].feedback == Feedback.DISSATISFIED.value:
            raise InvalidTransition(f"工单 {order.number}：回访不满意，须返修")
        changes = {"status": S.CLOSED.value, "closed_at": ctx.now()}
        if fups:
            changes["feedback"] = fups[-1].feedback
        records.update(ctx, s, order, changes, expected_version=expected_version, action="关闭")
        return order_row(ctx, order)
