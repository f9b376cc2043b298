"""Handling a complaint: start, hand to a department, finish, answer the resident, decide its
validity, escalate by hand, progress entries, void; and the effect of a follow-up on it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.complaints import deadlines as dl
from app.complaints.cases import follow_lead, refuse_member
from app.complaints.complaint import (
    ComplaintRow, ProgressRow, apply_changes, check_action, deadline_changes, handling_base, load, mark_late, to_row,
    when,
)
from app.complaints.models import Complaint, ComplaintProgress, FollowUp
from app.complaints.site_settings import DESK_DEPARTMENT, calendar_and_rules, departments, stored
from app.complaints.vocab import (
    ESCALATION_LEVELS, ComplaintAction as A, ComplaintStatus, ComplaintValidity, Feedback, ReplyMethod,
)
from app.core import access, records
from app.core.context import Context
from app.domain import validate as v
from app.domain.errors import InvalidTransition, ValidationError


def start_handling(ctx: Context, uuid: str, *, expected_version: int, handler: str | None = None,
                   opinion: str | None = None) -> ComplaintRow:
    """已受理 → 处理中, handled by the desk itself."""
    actor = ctx.require_actor()
    handler = v.text("处理人", handler, max_len=v.NAME_MAX, key="handler") or actor.name
    opinion = v.text("处理意见", opinion, max_len=v.CONTENT_MAX, key="opinion")
    with ctx.unit_of_work() as s:
        obj = load(s, uuid)
        refuse_member(obj)
        target = check_action(obj, A.START)
        now = ctx.now()
        changes: dict[str, Any] = {"status": target.value, "handler": handler, "started_at": now}
        if opinion:
            changes["opinion"] = opinion
        mark_late(obj, changes, now, "start_due_at")
        apply_changes(ctx, s, obj, changes, action=A.START.value, expected_version=expected_version)
        follow_lead(ctx, s, obj, A.START.value, changes, late_keys=(("start_due_at", "started_at"),))
        return to_row(obj, now)


def hand_to_department(ctx: Context, uuid: str, *, department: str, expected_version: int,
                       handler: str | None = None, opinion: str | None = None) -> ComplaintRow:
    """已受理/处理中 → 处理中 with the responsible department (责任部门); the finishing deadline
    becomes the hand-over one (一般: 3 days) unless the department is the desk's own."""
    ctx.require_actor()
    department = v.text("责任部门", department, required=True, max_len=50, key="department")
    handler = v.text("处理人", handler, max_len=v.NAME_MAX, key="handler")
    opinion = v.text("处理意见", opinion, max_len=v.CONTENT_MAX, key="opinion")
    known = departments(ctx)
    if known and department not in known:
        raise ValidationError("责任部门", f"“{department}”不在部门列表中", "department")
    with ctx.unit_of_work() as s:
        obj = load(s, uuid)
        refuse_member(obj)
        target = check_action(obj, A.HAND_OVER)
        cal, rules = calendar_and_rules(ctx, s)
        now = ctx.now()
        desk = department == stored(s, DESK_DEPARTMENT)
        changes: dict[str, Any] = {"status": target.value, "department": department, "handler": handler,
                                   "within_desk_scope": desk, "handed_over_at": now}
        if opinion:
            changes["opinion"] = opinion
        if obj.started_at is None:
            changes["started_at"] = now
            mark_late(obj, changes, now, "start_due_at")
        if desk != obj.within_desk_scope:
            d = deadline_changes(s, cal, rules, obj, severity=obj.severity, within_desk_scope=desk,
                                 base=handling_base(obj), promised_reply_at=obj.promised_reply_at)
            changes["due_at"] = d["due_at"]
        apply_changes(ctx, s, obj, changes, action=A.HAND_OVER.value, expected_version=expected_version,
                      note=f"转交{department}" + (f"（{handler}）" if handler else ""))
        follow_lead(ctx, s, obj, A.HAND_OVER.value, changes, late_keys=(("start_due_at", "started_at"),))
        return to_row(obj, now)


def record_result(ctx: Context, uuid: str, *, result: str, expected_version: int, completed_at: datetime | None = None,
                  opinion: str | None = None, reply_method: str | None = None,
                  reply_at: datetime | None = None) -> ComplaintRow:
    """已受理/处理中 → 待回访: the handling is finished (处理结果, 完成时间); the follow-up is due
    within 3 working days. Optionally the reply to the resident at the same time."""
    ctx.require_actor()
    result = v.text("处理结果", result, required=True, max_len=v.CONTENT_MAX, key="result")
    opinion = v.text("处理意见", opinion, max_len=v.CONTENT_MAX, key="opinion")
    completed_at = when("完成时间", completed_at, ctx, "completed_at")
    reply = _reply_values(ctx, reply_method, reply_at) if reply_method else {}
    with ctx.unit_of_work() as s:
        obj = load(s, uuid)
        refuse_member(obj)
        target = check_action(obj, A.FINISH)
        if completed_at < obj.received_at:
            raise ValidationError("完成时间", "不能早于受理时间", "completed_at")
        cal, rules = calendar_and_rules(ctx, s)
        changes: dict[str, Any] = {"status": target.value, "result": result, "completed_at": completed_at,
                                   "follow_up_due_at": dl.follow_up_due(cal, rules, completed_at), **reply}
        if opinion:
            changes["opinion"] = opinion
        if obj.started_at is None:
            changes["started_at"] = completed_at
        if not obj.handler:
            changes["handler"] = ctx.actor.name
        mark_late(obj, changes, completed_at, "due_at")
        mark_late(obj, changes, changes.get("started_at", obj.started_at), "start_due_at")
        if reply:
            mark_late(obj, changes, reply["reply_at"], "reply_due_at")
        apply_changes(ctx, s, obj, changes, action=A.FINISH.value, expected_version=expected_version)
        # the case's handling ends for every member; each keeps its own reply and follow-up
        shared = {k: val for k, val in changes.items() if k not in ("reply_method", "reply_at")}
        follow_lead(ctx, s, obj, A.FINISH.value, shared, late_keys=(("due_at", "completed_at"),))
        return to_row(obj, ctx.now())


def _reply_values(ctx: Context, method, at) -> dict:
    method = v.choice("回复方式", method, ReplyMethod, key="reply_method")
    return {"reply_method": method.value, "reply_at": when("回复时间", at, ctx, "reply_at")}


def record_reply(ctx: Context, uuid: str, *, method: str, expected_version: int,
                 at: datetime | None = None) -> ComplaintRow:
    """The resident was answered (回复方式, 回复时间): due within 72 hours of receipt."""
    ctx.require_actor()
    values = _reply_values(ctx, method, at)
    with ctx.unit_of_work() as s:
        obj = load(s, uuid)
        check_action(obj, A.REPLY)
        if values["reply_at"] < obj.received_at:
            raise ValidationError("回复时间", "不能早于受理时间", "reply_at")
        changes = dict(values)
        mark_late(obj, changes, values["reply_at"], "reply_due_at")
        apply_changes(ctx, s, obj, changes, action=A.REPLY.value, expected_version=expected_version)
        return to_row(obj, ctx.now())


def set_validity(ctx: Context, uuid: str, validity: ComplaintValidity | str, *, expected_version: int,
                 explanation: str | None = None, reply_method: str | None = None) -> ComplaintRow:
    """有效 / 待定 is a plain change. 无效 needs the explanation given to the resident and closes
    the complaint as invalid (已受理/处理中 → 已关闭)."""
    ctx.require_actor()
    validity = v.choice("有效性", validity, ComplaintValidity, key="validity")
    explanation = v.text("无效说明", explanation, max_len=v.CONTENT_MAX, key="invalid_explanation")
    if validity is ComplaintValidity.INVALID and explanation:
        access.require(ctx, "complaint.close_invalid", explanation, max_len=v.CONTENT_MAX)
    with ctx.unit_of_work() as s:
        obj = load(s, uuid)
        now = ctx.now()
        if validity is ComplaintValidity.INVALID:
            target = check_action(obj, A.DECLARE_INVALID)
            if not explanation:
                raise ValidationError("无效说明", "判定无效必须填写向住户所做的解释", "invalid_explanation")
            changes: dict[str, Any] = {"validity": validity.value, "invalid_explanation": explanation,
                                       "status": target.value, "closed_at": now}
            if obj.reply_at is None:
                changes["reply_at"] = now
                changes["reply_method"] = v.choice("回复方式", reply_method or ReplyMethod.PHONE.value, ReplyMethod,
                                                   key="reply_method").value
                mark_late(obj, changes, now, "reply_due_at")
            apply_changes(ctx, s, obj, changes, action=A.DECLARE_INVALID.value, expected_version=expected_version,
                          note=explanation)
        else:
            check_action(obj, A.DECIDE_VALIDITY)
            changes = {"validity": validity.value}
            if explanation is not None:
                changes["invalid_explanation"] = None
            action = "判定有效" if validity is ComplaintValidity.VALID else "改为待定"
            apply_changes(ctx, s, obj, changes, action=action, expected_version=expected_version)
        return to_row(obj, now)


def escalate(ctx: Context, uuid: str, *, reason: str, expected_version: int) -> ComplaintRow:
    """Move the complaint up one level of 三级负责制 by hand (接待人 → 客服主管 → 经理 → 主管副总经理)."""
    ctx.require_actor()
    reason = v.text("升级原因", reason, required=True, max_len=500, key="reason")
    with ctx.unit_of_work() as s:
        obj = load(s, uuid)
        check_action(obj, A.ESCALATE)
        if obj.escalation_level >= dl.MAX_LEVEL:
            raise InvalidTransition(f"已是最高级别（{ESCALATION_LEVELS[dl.MAX_LEVEL]}），不能再升级")
        level = obj.escalation_level + 1
        changes = {"escalation_level": level, "escalated_at": ctx.now(), "escalation_reason": reason}
        apply_changes(ctx, s, obj, changes, action=A.ESCALATE.value, expected_version=expected_version,
                      note=f"升至{ESCALATION_LEVELS[level]}：{reason}")
        return to_row(obj, ctx.now())


def void(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> ComplaintRow:
    """作废 with a reason (客服主管 or above). The record stays, marked 已作废."""
    with ctx.unit_of_work() as s:
        obj = load(s, uuid)
        check_action(obj, A.VOID)
        records.void(ctx, s, obj, reason, expected_version=expected_version, void_status=ComplaintStatus.VOID.value)
        return to_row(obj)


def add_progress(ctx: Context, uuid: str, note: str, *, at: datetime | None = None) -> ProgressRow:
    """A progress entry (进展记录); once a complaint is open longer than 5 working days one is
    due every working day."""
    ctx.require_actor()
    note = v.text("进展情况", note, required=True, max_len=v.CONTENT_MAX, key="note")
    at = when("记录时间", at, ctx, "at")
    with ctx.unit_of_work() as s:
        obj = load(s, uuid)
        check_action(obj, A.PROGRESS)
        cal, rules = calendar_and_rules(ctx, s)
        entry = records.create(ctx, s, ComplaintProgress, complaint_id=obj.id, at=at, note=note,
                               action=A.PROGRESS.value)
        changes = {"progress_due_at": dl.next_progress_due(cal, rules, handling_base(obj), at)}
        mark_late(obj, changes, at, "progress_due_at")
        apply_changes(ctx, s, obj, changes, action=A.PROGRESS.value, expected_version=None, note=note)
        return ProgressRow(entry.uuid, entry.at, entry.note, entry.created_by)


# ---------------------------------------------------------------- the follow-up's effect

def check_follow_up_allowed(s: Session, complaint_uuid: str) -> Complaint:
    obj = load(s, complaint_uuid)
    if obj.status != ComplaintStatus.AWAITING_FOLLOW_UP.value:
        raise InvalidTransition(f"投诉当前状态为“{obj.status}”，不能回访（处理完成、状态为 待回访 时才可以回访）")
    return obj


def apply_follow_up(ctx: Context, s: Session, complaint_uuid: str, follow_up: FollowUp) -> Complaint:
    """Inside the follow-up's unit of work: 满意/较满意 closes the complaint (待回访 → 已关闭);
    不满意 sends it back (待回访 → 处理中), raises 性质 one level and counts a reopen."""
    obj = load(s, complaint_uuid)
    now = ctx.now()
    if follow_up.feedback == Feedback.DISSATISFIED.value:
        target = check_action(obj, A.REOPEN)
        cal, rules = calendar_and_rules(ctx, s)
        old, new = dl.severity_of(obj.severity), dl.raised(obj.severity)
        changes: dict[str, Any] = {}
        mark_late(obj, changes, follow_up.visited_at, "follow_up_due_at")
        changes.update({
            "status": target.value, "severity": new.value, "reopen_count": (obj.reopen_count or 0) + 1,
            "reopened_at": now, "started_at": now, "completed_at": None, "result": None, "follow_up_due_at": None,
            "reply_at": None, "reply_method": None,
        })
        changes.update(deadline_changes(s, cal, rules, obj, severity=new, within_desk_scope=obj.within_desk_scope,
                                        base=now, promised_reply_at=None))
        level = dl.intake_level(new, rules)
        note = (f"回访不满意：{follow_up.content}；性质 {old.value}→{new.value}；"
                f"第 {changes['reopen_count']} 次重新处理")
        if level > obj.escalation_level:
            changes.update(escalation_level=level, escalated_at=now,
                           escalation_reason=f"回访不满意，性质升为重大，上报{ESCALATION_LEVELS[level]}")
        apply_changes(ctx, s, obj, changes, action=A.REOPEN.value, expected_version=None, note=note)
    else:
        target = check_action(obj, A.CLOSE_AFTER_FOLLOW_UP)
        changes = {"status": target.value, "closed_at": now}
        mark_late(obj, changes, follow_up.visited_at, "follow_up_due_at")
        apply_changes(ctx, s, obj, changes, action=A.CLOSE_AFTER_FOLLOW_UP.value, expected_version=None,
                      note=f"回访（{follow_up.method}）：{follow_up.feedback}")
    return obj
