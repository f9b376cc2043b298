"""合并处理: several complaints about one matter (five households report the same leak) handled
as one case. A supervisor links them to a lead complaint: from then on the case has one handling,
one deadline and one department — starting, handing over and finishing are done on the lead and
carried to every member in the same transaction — while each complainant keeps their own record,
reply and 回访. The merge is audited on every complaint and can be undone: a member taken out gets
back its own 责任部门, 处理人 and deadlines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.complaints.complaint import ComplaintRow, apply_changes, check_action, load, mark_late, to_row
from app.complaints.models import Complaint
from app.complaints.vocab import FINISHED_STATES, ComplaintStatus
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, ValidationError

#: What the case shares: copied from the lead to a member at the merge (and kept to restore).
SHARED = ("department", "handler", "within_desk_scope", "start_due_at", "due_at", "next_due_at",
          "next_due_kind")
MERGE, UNMERGE = "合并处理", "取消合并"


@dataclass(frozen=True)
class CaseData:
    lead: ComplaintRow
    members: list[ComplaintRow]  # the others, oldest first

    @property
    def size(self) -> int:
        return 1 + len(self.members)


def _open(obj: Complaint) -> bool:
    return obj.voided_at is None and obj.status not in {s.value for s in FINISHED_STATES} \
        and obj.status != ComplaintStatus.VOID.value


def members_of(s: Session, lead: Complaint) -> list[Complaint]:
    if lead.case_uuid != lead.uuid:
        return []
    return list(s.scalars(select(Complaint).where(Complaint.case_uuid == lead.uuid, Complaint.uuid != lead.uuid,
                                                  Complaint.voided_at.is_(None))
                          .order_by(Complaint.received_at, Complaint.id)))


def refuse_member(obj: Complaint) -> None:
    """Handling is done on the lead: a member refuses it with a message saying where to go."""
    if obj.case_uuid and obj.case_uuid != obj.uuid:
        raise InvalidTransition("这件投诉已合并处理：请在该事项的主投诉上处理（受理、转交、完成），"
                                "本投诉的回复和回访仍在本投诉上办理")


def follow_lead(ctx: Context, s: Session, lead: Complaint, action: str, changes: dict[str, Any],
                *, late_keys: Iterable[tuple[str, str]] = ()) -> int:
    """Carry a handling step of the lead to the open members of its case (each audited on its own
    record). ``late_keys`` are (due field, time field) pairs for the members' own lateness."""
    carried = 0
    shared = {k: val for k, val in changes.items() if k != "overdue"}
    for member in members_of(s, lead):
        if not _open(member):
            continue
        try:
            target = check_action(member, action)
        except InvalidTransition:
            continue
        mine = dict(shared)
        if member.started_at is not None:
            mine.pop("started_at", None)  # a member keeps when its own handling began
        if target is not None:
            mine["status"] = target.value
        for due_key, at_key in late_keys:
            at = mine.get(at_key, getattr(member, at_key, None))
            if at is not None:
                mark_late(member, mine, at, due_key)
        apply_changes(ctx, s, member, mine, action=action, expected_version=None,
                      note=f"随合并事项的主投诉一并办理（{lead.complainant} {lead.received_at:%m-%d %H:%M}）")
        carried += 1
    return carried


def merge(ctx: Context, lead_uuid: str, member_uuids: Iterable[str], *, reason: str) -> CaseData:
    """Link open complaints about one matter to ``lead_uuid`` (客服主管 and above)."""
    ctx.require_role(Role.SUPERVISOR, "合并处理投诉")
    reason = v.text("合并原因", reason, required=True, max_len=200, key="reason")
    others = [u for u in dict.fromkeys(member_uuids) if u != lead_uuid]
    if not others:
        raise ValidationError("合并的投诉", "请至少选择一件其他投诉", "members")
    with ctx.unit_of_work() as s:
        lead = load(s, lead_uuid)
        if not _open(lead):
            raise InvalidTransition("主投诉已办结或作废，不能再合并其他投诉")
        if lead.case_uuid and lead.case_uuid != lead.uuid:
            raise InvalidTransition("这件投诉已并入另一事项，请选该事项的主投诉")
        for uuid in others:
            member = load(s, uuid)
            if not _open(member):
                raise InvalidTransition(f"{member.complainant} 的投诉已办结或作废，不能合并")
            if member.case_uuid:
                raise InvalidTransition(f"{member.complainant} 的投诉已在另一件合并事项中")
            saved = {k: _plain(getattr(member, k)) for k in SHARED}
            changes = {k: getattr(lead, k) for k in SHARED}
            changes.update(case_uuid=lead.uuid, case_saved=saved)
            apply_changes(ctx, s, member, changes, action=MERGE, expected_version=None,
                          note=f"与 {lead.complainant}（{lead.received_at:%m-%d %H:%M}）的投诉合并处理：{reason}")
        if lead.case_uuid != lead.uuid:
            apply_changes(ctx, s, lead, {"case_uuid": lead.uuid}, action=MERGE, expected_version=None,
                          note=f"作为合并事项的主投诉：{reason}")
        return _case(s, lead, ctx)


def unmerge(ctx: Context, member_uuid: str, *, reason: str) -> ComplaintRow:
    """Take a complaint out of its case: it gets back its own department, handler and deadlines.
    Taking out the lead dissolves the whole case."""
    ctx.require_role(Role.SUPERVISOR, "取消合并处理")
    reason = v.text("取消原因", reason, required=True, max_len=200, key="reason")
    with ctx.unit_of_work() as s:
        obj = load(s, member_uuid)
        if not obj.case_uuid:
            raise InvalidTransition("这件投诉没有合并处理")
        if obj.case_uuid == obj.uuid:
            for member in members_of(s, obj):
                _release(ctx, s, member, reason)
            apply_changes(ctx, s, obj, {"case_uuid": None, "case_saved": None}, action=UNMERGE,
                          expected_version=None, note=reason)
        else:
            lead = load(s, obj.case_uuid)
            _release(ctx, s, obj, reason)
            if not members_of(s, lead):
                apply_changes(ctx, s, lead, {"case_uuid": None}, action=UNMERGE, expected_version=None,
                              note="合并事项已没有其他投诉")
        return to_row(obj, ctx.now())


def _release(ctx: Context, s: Session, member: Complaint, reason: str) -> None:
    changes: dict[str, Any] = {"case_uuid": None, "case_saved": None}
    if _open(member) and member.case_saved:
        for k in SHARED:
            if k in member.case_saved:
                changes[k] = _restore(k, member.case_saved[k])
    apply_changes(ctx, s, member, changes, action=UNMERGE, expected_version=None, note=reason)


def case_of(ctx: Context, uuid: str) -> CaseData | None:
    with ctx.read() as s:
        obj = load(s, uuid)
        if not obj.case_uuid:
            return None
        lead = obj if obj.case_uuid == obj.uuid else load(s, obj.case_uuid)
        return _case(s, lead, ctx)


def _case(s: Session, lead: Complaint, ctx: Context) -> CaseData:
    now = ctx.now()
    return CaseData(to_row(lead, now), [to_row(m, now) for m in members_of(s, lead)])


def _plain(value):
    return value.isoformat() if isinstance(value, datetime) else value


def _restore(key: str, value):
    if isinstance(value, str) and key.endswith("_at"):
        return datetime.fromisoformat(value)
    return value


__all__ = ["CaseData", "case_of", "follow_lead", "members_of", "merge", "refuse_member", "unmerge"]
