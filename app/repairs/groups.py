"""合并处理 of work orders: several households (or several calls) report one fault — the riser
leaks on five floors — and a supervisor links their orders to a lead order. From then on the
group has one handling: 派工, 接单 and 完工 are done on the lead and carried to every member in
the same transaction (one dispatch, one deadline, one completion), while each caller keeps
their own order, reception record, reply and 回访. The merge is audited on every order and can
be undone: a member taken out before the repair is finished gets back its own dispatch and
deadlines.

The follow-up decision made at the lead's 完工 (必访 category or the recorded draw) is carried
to the members with the completion: one handling, one decision, each member followed up on
its own order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, ValidationError
from app.repairs.models import RepairOrder
from app.repairs.order import RepairRow, find_order, order_row
from app.repairs.vocab import OPEN_STATES

#: What the group shares: copied from the lead to a member at the merge (the member's own kept
#: to restore on undo).
SHARED = ("status", "dispatched_at", "dispatched_to", "dispatched_by", "pickup_due_at", "picked_up_at",
          "picked_up_by", "pickup_late", "finish_due_at")
#: What a member does not take from the lead's steps: the charge is made once, on the lead.
LEAD_ONLY = ("cost", "receipt_no")
MERGE, UNMERGE = "合并处理", "取消合并"


@dataclass(frozen=True)
class GroupData:
    lead: RepairRow
    members: list[RepairRow]  # the others, oldest first

    @property
    def size(self) -> int:
        return 1 + len(self.members)


def _open(order: RepairOrder) -> bool:
    return order.voided_at is None and order.status in {s.value for s in OPEN_STATES}


def _who(order: RepairOrder) -> str:
    return f"{order.number}（{order.reporter} {order.unit_no or '公共区域'}）"


def members_of(s: Session, lead: RepairOrder) -> list[RepairOrder]:
    if lead.group_uuid != lead.uuid:
        return []
    return list(s.scalars(select(RepairOrder).where(RepairOrder.group_uuid == lead.uuid,
                                                    RepairOrder.uuid != lead.uuid,
                                                    RepairOrder.voided_at.is_(None))
                          .order_by(RepairOrder.received_at, RepairOrder.id)))


def _lead_of(s: Session, order: RepairOrder) -> RepairOrder | None:
    if not order.group_uuid or order.group_uuid == order.uuid:
        return None
    return s.scalars(select(RepairOrder).where(RepairOrder.uuid == order.group_uuid)).first()


def refuse_member(s: Session, order: RepairOrder) -> None:
    """While the group is being handled, 派工 / 接单 / 完工 are done on the lead: a member refuses
    them with a message saying where to go. A member sent back after its own 回访 (返修) is
    handled on its own again."""
    lead = _lead_of(s, order)
    if lead is not None and _open(lead) and _open(order):
        raise InvalidTransition(f"工单 {order.number} 已合并处理：请在主工单 {lead.number} 上派工、接单和完工"
                                f"（本工单的回复和回访仍在本工单上办理）")


def refuse_lead_void(s: Session, order: RepairOrder) -> None:
    """A lead with members is not voided: the group is undone first."""
    if order.group_uuid == order.uuid and members_of(s, order):
        raise InvalidTransition(f"工单 {order.number} 是合并处理的主工单：请先取消合并，再作废")


def follow_lead(ctx: Context, s: Session, lead: RepairOrder, action: str,
                changes: dict[str, Any]) -> list[RepairOrder]:
    """Carry a step of the lead (its ``changes``) to the open members of its group, each audited
    on its own order; returns the members changed (so the caller keeps their reception records
    in step)."""
    if lead.group_uuid != lead.uuid:
        return []
    carried = []
    shared = {k: val for k, val in changes.items() if k not in LEAD_ONLY}
    for member in members_of(s, lead):
        if not _open(member):
            continue
        records.update(ctx, s, member, shared, expected_version=None, action=action,
                       note=f"随合并处理的主工单 {_who(lead)} 一并办理")
        carried.append(member)
    return carried


def merge(ctx: Context, lead_key: str, member_keys: Iterable[str], *, reason: str) -> GroupData:
    """Link open work orders about one fault to ``lead_key`` (客服主管 and above). Each member
    takes the lead's dispatch and deadline at once."""
    ctx.require_role(Role.SUPERVISOR, "合并处理维修工单")
    reason = v.text("合并原因", reason, required=True, max_len=200, key="reason")
    with ctx.unit_of_work() as s:
        lead = find_order(s, ctx, lead_key)
        others = [m for m in dict.fromkeys(find_order(s, ctx, k).uuid for k in member_keys) if m != lead.uuid]
        if not others:
            raise ValidationError("合并的工单", "请至少选择一张其他维修工单", "members")
        if not _open(lead):
            raise InvalidTransition(f"主工单 {lead.number} 已完工、关闭或作废，不能再合并其他工单")
        if lead.group_uuid and lead.group_uuid != lead.uuid:
            raise InvalidTransition(f"工单 {lead.number} 已并入另一合并处理，请选该组的主工单")
        for uuid in others:
            member = find_order(s, ctx, uuid)
            if not _open(member):
                raise InvalidTransition(f"工单 {member.number} 当前为{member.status}，不能合并")
            if member.group_uuid:
                raise InvalidTransition(f"工单 {member.number} 已在另一合并处理中")
            saved = {k: _plain(getattr(member, k)) for k in SHARED}
            changes = {k: getattr(lead, k) for k in SHARED}
            changes.update(group_uuid=lead.uuid, group_saved=saved)
            records.update(ctx, s, member, changes, expected_version=None, action=MERGE,
                           note=f"与主工单 {_who(lead)} 合并处理：{reason}")
        if lead.group_uuid != lead.uuid:
            records.update(ctx, s, lead, {"group_uuid": lead.uuid}, expected_version=None, action=MERGE,
                           note=f"作为合并处理的主工单：{reason}")
        return _group(ctx, s, lead)


def unmerge(ctx: Context, key: str, *, reason: str) -> RepairRow:
    """Take an order out of its group: an order still open gets back its own dispatch and
    deadlines (one already completed with the group keeps its completion). Taking out the lead
    undoes the whole group."""
    ctx.require_role(Role.SUPERVISOR, "取消合并处理")
    reason = v.text("取消原因", reason, required=True, max_len=200, key="reason")
    with ctx.unit_of_work() as s:
        order = find_order(s, ctx, key)
        if not order.group_uuid:
            raise InvalidTransition(f"工单 {order.number} 没有合并处理")
        if order.group_uuid == order.uuid:
            for member in members_of(s, order):
                _release(ctx, s, member, reason)
            records.update(ctx, s, order, {"group_uuid": None}, expected_version=None, action=UNMERGE, note=reason)
        else:
            lead = _lead_of(s, order)
            _release(ctx, s, order, reason)
            if lead is not None and not members_of(s, lead):
                records.update(ctx, s, lead, {"group_uuid": None}, expected_version=None, action=UNMERGE,
                               note="合并处理已没有其他工单")
        return order_row(ctx, order)


def _release(ctx: Context, s: Session, member: RepairOrder, reason: str) -> None:
    changes: dict[str, Any] = {"group_uuid": None, "group_saved": None}
    if _open(member) and member.group_saved:
        changes.update({k: _restore(k, member.group_saved[k]) for k in SHARED if k in member.group_saved})
    records.update(ctx, s, member, changes, expected_version=None, action=UNMERGE, note=reason)


def group_of(ctx: Context, key: str) -> GroupData | None:
    """The group an order belongs to (None when it is handled on its own)."""
    with ctx.read() as s:
        order = find_order(s, ctx, key)
        if not order.group_uuid:
            return None
        lead = order if order.group_uuid == order.uuid else _lead_of(s, order)
        return _group(ctx, s, lead) if lead is not None else None


def _group(ctx: Context, s: Session, lead: RepairOrder) -> GroupData:
    now = ctx.now()
    return GroupData(order_row(ctx, lead, now), [order_row(ctx, m, now) for m in members_of(s, lead)])


def _plain(value):
    return value.isoformat() if isinstance(value, datetime) else value


def _restore(key: str, value):
    if isinstance(value, str) and key.endswith("_at"):
        return datetime.fromisoformat(value)
    return value


__all__ = ["GroupData", "follow_lead", "group_of", "members_of", "merge", "refuse_lead_void", "refuse_member",
           "unmerge"]
