"""The steps of a work order at the desk: 不予受理, 派工 (and 改派), 接单, 完工 with its
follow-up decision, 作废, 催办. Each step checks the state diagram (``rules.TRANSITIONS``) and
keeps the reception record the order came from in step.

At 完工 the order learns whether it must be followed up: the categories of the site's
"必须回访" list always; the others by a random draw at the site's sample rate, recorded
(seed, rate, random number) so anyone can recompute it.
"""

from __future__ import annotations

import math
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, ValidationError
from app.reception import ContactRecord, ContactStatus
from app.repairs import groups, rules
from app.repairs.models import RepairOrder
from app.repairs.order import RepairRow, find_order, move, order_row
from app.repairs.repair_settings import get_settings, pickup_minutes
from app.repairs.vocab import OPEN_STATES, FollowUpRule, LateReason, RepairStatus as S


def _contact(s: Session, uuid: str | None) -> ContactRecord | None:
    if not uuid:
        return None
    return s.scalars(select(ContactRecord).where(ContactRecord.uuid == uuid)).first()


def _write_back(ctx: Context, s: Session, order: RepairOrder, *, handling: str, done: bool,
                at: datetime | None = None) -> None:
    """Keep the reception record's 处理情况 in step with its work order."""
    contact = _contact(s, order.source_contact_uuid)
    if contact is None or contact.is_void or contact.status == ContactStatus.DONE.value:
        return
    changes: dict[str, object] = {"handling": handling}
    if done:
        changes.update(status=ContactStatus.DONE.value, completed_at=at or ctx.now())
    records.update(ctx, s, contact, changes, expected_version=None, action="维修工单进展",
                   note=f"维修工单 {order.number}")


def _money(label: str, value, key: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = round(float(str(value).strip().replace("元", "").replace(",", "")), 2)
    except ValueError:
        raise ValidationError(label, f"“{value}”不是金额", key) from None
    if amount < 0 or amount > 1_000_000 or not math.isfinite(amount):
        raise ValidationError(label, "应在 0 到 1000000 元之间", key)
    return amount


def decline(ctx: Context, key: str, explanation: str, *, expected_version: int | None) -> RepairRow:
    """不予受理: outside the service scope; the explanation given to the resident is kept."""
    ctx.require_role(Role.RECEPTIONIST, "不予受理")
    explanation = v.text("不予受理说明", explanation, required=True, max_len=1000, key="decline_reason")
    with ctx.unit_of_work() as s:
        order = find_order(s, ctx, key)
        move(order, S.DECLINED, "不予受理")
        groups.refuse_member(s, order)
        records.update(ctx, s, order, {"status": S.DECLINED.value, "decline_reason": explanation,
                                       "closed_at": ctx.now()},
                       expected_version=expected_version, action="不予受理", note=explanation)
        _write_back(ctx, s, order, handling=f"维修工单 {order.number} 不予受理：{explanation}", done=True)
        return order_row(ctx, order)


def dispatch(ctx: Context, key: str, to: str, *, expected_version: int | None,
             at: datetime | None = None) -> RepairRow:
    """派工 to 工程部 or a named worker (again for 改派); the pick-up clock starts."""
    actor = ctx.require_role(Role.RECEPTIONIST, "派工")
    to = v.text("派工对象", to, required=True, max_len=50, key="dispatched_to")
    now = ctx.now()
    at = v.when("派工时间", at, now=now, key="dispatched_at") or now
    v.not_in_future("派工时间", at, now, key="dispatched_at")
    with ctx.unit_of_work() as s:
        order = find_order(s, ctx, key)
        move(order, S.DISPATCHED, "派工")
        groups.refuse_member(s, order)
        if at < order.received_at:
            raise ValidationError("派工时间", "不能早于报修时间", "dispatched_at")
        minutes = pickup_minutes(ctx)
        redispatch = order.status == S.DISPATCHED.value
        changes = {"status": S.DISPATCHED.value, "dispatched_at": at, "dispatched_to": to,
                   "dispatched_by": actor.name, "pickup_due_at": at + timedelta(minutes=minutes)}
        action = "改派" if redispatch else "派工"
        records.update(ctx, s, order, changes, expected_version=expected_version, action=action,
                       note=f"派工给 {to}，{minutes} 分钟内接单")
        groups.follow_lead(ctx, s, order, action, changes)
        return order_row(ctx, order)


def pick_up(ctx: Context, key: str, worker: str, *, expected_version: int | None,
            at: datetime | None = None) -> RepairRow:
    """接单: the worker has taken the order (维修中). Late when after the pick-up deadline."""
    ctx.require_role(Role.RECEPTIONIST, "登记接单")
    worker = v.text("接单人", worker, required=True, max_len=50, key="picked_up_by")
    now = ctx.now()
    at = v.when("接单时间", at, now=now, key="picked_up_at") or now
    v.not_in_future("接单时间", at, now, key="picked_up_at")
    with ctx.unit_of_work() as s:
        order = find_order(s, ctx, key)
        move(order, S.IN_REPAIR, "登记接单")
        groups.refuse_member(s, order)
        if order.dispatched_at and at < order.dispatched_at:
            raise ValidationError("接单时间", "不能早于派工时间", "picked_up_at")
        late = bool(order.pickup_due_at and at > order.pickup_due_at)
        changes = {"status": S.IN_REPAIR.value, "picked_up_at": at, "picked_up_by": worker,
                   "pickup_late": order.pickup_late or late, "overdue": order.overdue or late}
        note = None
        if late:
            minutes = int((at - order.pickup_due_at).total_seconds() // 60)
            note = f"{LateReason.PICKUP.value} {minutes} 分钟"
        records.update(ctx, s, order, changes, expected_version=expected_version, action="接单", note=note)
        groups.follow_lead(ctx, s, order, "接单", changes)
        return order_row(ctx, order)


def complete(ctx: Context, key: str, *, result: str, expected_version: int | None, materials: str | None = None,
             cost=None, receipt_no: str | None = None, at: datetime | None = None) -> RepairRow:
    """完工 (待回访): 维修结果, 材料及费用. Decides at once whether a follow-up is needed:
    必访 categories always, the others by a recorded random draw."""
    ctx.require_role(Role.RECEPTIONIST, "登记完工")
    result = v.text("维修结果", result, required=True, max_len=v.CONTENT_MAX, key="result")
    materials = v.text("材料", materials, max_len=1000, key="materials")
    cost = _money("材料及费用", cost, "cost")
    receipt_no = v.text("收据号", receipt_no, max_len=50, key="receipt_no")
    now = ctx.now()
    at = v.when("完成时间", at, now=now, key="completed_at") or now
    v.not_in_future("完成时间", at, now, key="completed_at")
    conf = get_settings(ctx)
    with ctx.unit_of_work() as s:
        order = find_order(s, ctx, key)
        move(order, S.AWAITING_FOLLOW_UP, "登记完工")
        groups.refuse_member(s, order)
        if order.picked_up_at and at < order.picked_up_at:
            raise ValidationError("完成时间", "不能早于接单时间", "completed_at")
        if order.paid:
            if not cost:
                raise ValidationError("材料及费用", "有偿维修必须填写收费金额", "cost")
            if not receipt_no:
                raise ValidationError("收据号", "有偿维修必须填写收据号", "receipt_no")
        late = bool(order.finish_due_at and at > order.finish_due_at)
        seed = str(secrets.randbits(63))
        draw, chosen = rules.sample_decision(seed, conf.sample_percent)
        if order.category in conf.must_follow_up:
            rule, required = FollowUpRule.MANDATORY, True
        else:
            rule, required = (FollowUpRule.SAMPLED, True) if chosen else (FollowUpRule.NOT_SAMPLED, False)
        changes = {"status": S.AWAITING_FOLLOW_UP.value, "completed_at": at, "result": result,
                   "materials": materials, "cost": cost, "receipt_no": receipt_no,
                   "finish_late": order.finish_late or late, "overdue": order.overdue or late,
                   "follow_up_required": required, "follow_up_rule": rule.value,
                   "sample_rate": conf.sample_percent, "sample_seed": seed, "sample_draw": draw}
        note = (f"回访：{rule.value}（类别 {order.category}）" if rule is FollowUpRule.MANDATORY else
                f"回访抽样：比例 {conf.sample_percent}%，种子 {seed}，随机数 {draw:.6f} → {rule.value}")
        if late:
            note += f"；{LateReason.FINISH.value}"
        records.update(ctx, s, order, changes, expected_version=expected_version, action="完工", note=note)
        _write_back(ctx, s, order, handling=f"维修工单 {order.number} 已完工：{result}", done=True, at=at)
        for member in groups.follow_lead(ctx, s, order, "完工", changes):
            _write_back(ctx, s, member, handling=f"维修工单 {member.number} 已随合并处理的主工单 {order.number} 完工："
                        f"{result}", done=True, at=at)
        return order_row(ctx, order)


def void_order(ctx: Context, key: str, reason: str, *, expected_version: int | None) -> RepairRow:
    """作废 with a reason (客服主管 and above). Nothing is deleted."""
    with ctx.unit_of_work() as s:
        order = find_order(s, ctx, key)
        move(order, S.VOID, "作废")
        groups.refuse_lead_void(s, order)
        records.void(ctx, s, order, reason, expected_version=expected_version)
        return order_row(ctx, order)


def chase(ctx: Context, key: str, note: str | None = None) -> RepairRow:
    """催办 a late order: counted on the order, with the note in its history."""
    ctx.require_role(Role.RECEPTIONIST, "催办")
    note = v.text("催办说明", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        order = find_order(s, ctx, key)
        if order.status not in {x.value for x in OPEN_STATES}:
            raise InvalidTransition(f"工单 {order.number} 当前状态为“{order.status}”，无需催办")
        records.update(ctx, s, order, {"chase_count": order.chase_count + 1, "last_chased_at": ctx.now()},
                       expected_version=None, action="催办", note=note or "催办")
        return order_row(ctx, order)
