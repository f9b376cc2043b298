"""Follow-up visits (回访).

A follow-up belongs to a subject: a complaint (投诉, required for every complaint), a repair
(维修, recorded by the repairs module through this service), a routine household visit
(日常走访, no subject record) or anything else (其他).

For a complaint the follow-up decides its fate in the same transaction: 满意/较满意 close it,
不满意 sends it back for handling (:func:`app.complaints.handling.apply_follow_up`). For other
subject types this module only stores the visit, unless the owning feature registered its
hooks with :func:`register_subject` when it was imported (repairs does, in its ``__init__``;
``app.features.load_all()`` imports every feature):

- ``on_follow_up(ctx, session, follow_up)``: called inside the same unit of work (may raise
  to refuse, e.g. the order is not finished yet),
- ``due(ctx, session) -> list[FollowUpDueRow]``: its entries of the due list,
- ``numbers(ctx, uuids) -> {uuid: number}``: the business numbers printed on KF-03.

A subject type with no hooks is simply recorded: a 日常走访 never fails. This package never
imports those features: they import it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.complaints import deadlines as dl
from app.complaints.handling import apply_follow_up, check_follow_up_allowed
from app.complaints.models import Complaint, FollowUp
from app.complaints.site_settings import calendar_and_rules
from app.complaints.vocab import ComplaintStatus, Feedback, FollowUpMethod, FollowUpSubject, graded_feedback
from app.core import records
from app.domain import validate as v
from app.domain.errors import ValidationError
from app.core.badges import Badge
from app.core.context import Context

log = logging.getLogger(__name__)

_HOOKS: dict[str, Callable] = {}
_DUE: dict[str, Callable] = {}
_NUMBERS: dict[str, Callable] = {}


def register_subject(subject_type: str, *, on_follow_up: Callable | None = None,
                     due: Callable | None = None, numbers: Callable | None = None) -> None:
    """Let another module react to its follow-ups, add to the due list and name its records.

    ``on_follow_up(ctx, session, follow_up: FollowUp)`` runs inside the follow-up's unit of work;
    ``due(ctx, session) -> list[FollowUpDueRow]``; ``numbers(ctx, uuids) -> {uuid: number}``.
    """
    subject_type = FollowUpSubject(subject_type).value
    if on_follow_up is not None:
        _HOOKS[subject_type] = on_follow_up
    if due is not None:
        _DUE[subject_type] = due
    if numbers is not None:
        _NUMBERS[subject_type] = numbers


def _hook(subject_type: str) -> Callable | None:
    return _HOOKS.get(subject_type)


def _due_provider(subject_type: str) -> Callable | None:
    return _DUE.get(subject_type)


def _numbers_provider(subject_type: str) -> Callable | None:
    return _NUMBERS.get(subject_type)


# ---------------------------------------------------------------- rows

@dataclass(frozen=True)
class FollowUpRow:
    id: int
    uuid: str
    version: int
    site_code: str
    visited_at: datetime
    subject_type: str
    subject_uuid: str | None
    unit_no: str | None
    interviewee: str
    phone: str | None
    method: str
    content: str
    feedback: str
    visitor: str
    remark: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    voided_at: datetime | None
    void_reason: str | None

    @property
    def feedback_grade(self) -> str:
        """A 满意 / B 较满意 / C 不满意, as on KF-03."""
        return graded_feedback(self.feedback)


@dataclass(frozen=True)
class FollowUpDueRow:
    """One follow-up to make: what, for whom, by when."""

    subject_type: str
    subject_uuid: str
    title: str  # e.g. the complaint's category and content
    unit_no: str | None
    person: str | None
    phone: str | None
    completed_at: datetime | None
    due_at: datetime | None
    due_state: str | None = None  # overdue / soon / today / None


def _row(obj: FollowUp) -> FollowUpRow:
    return records.to_row(obj, FollowUpRow)


# ---------------------------------------------------------------- recording

def add_follow_up(ctx: Context, s: Session, subject_type: str, subject_uuid: str | None = None, *, method: str,
                  content: str, feedback: str, interviewee: str | None = None, phone: str | None = None,
                  unit_no: str | None = None, visitor: str | None = None, visited_at: datetime | None = None,
                  remark: str | None = None) -> FollowUp:
    """Record a follow-up inside the caller's unit of work (for modules that change their own
    record in the same transaction). See :func:`record_follow_up`."""
    actor = ctx.require_actor()
    subject = v.choice("关联类型", subject_type, FollowUpSubject, key="subject_type")
    subject_uuid = v.uuid_text("关联编号", subject_uuid, key="subject_uuid")
    method = v.choice("回访方式", method, FollowUpMethod, key="method")
    feedback = v.choice("反馈意见", feedback, Feedback, key="feedback")
    content = v.text("回访内容", content, required=True, max_len=v.CONTENT_MAX, key="content")
    visitor = v.text("回访人", visitor, max_len=v.NAME_MAX, key="visitor") or actor.name
    remark = v.text("备注", remark, max_len=v.CONTENT_MAX, key="remark")
    phone = v.normalize_phone(phone)
    unit_no = v.normalize_unit(unit_no)
    interviewee = v.text("受访人", interviewee, max_len=v.NAME_MAX, key="interviewee")
    now = ctx.now()
    if visited_at is None:
        visited_at = now
    else:
        visited_at = v.not_in_future("回访时间", v.when("回访时间", visited_at, now=now, key="visited_at"), now,
                                     key="visited_at")
    complaint: Complaint | None = None
    if subject is FollowUpSubject.COMPLAINT:
        if not subject_uuid:
            raise ValidationError("关联编号", "投诉回访必须选择所回访的投诉", "subject_uuid")
        complaint = check_follow_up_allowed(s, subject_uuid)
        if visited_at < (complaint.completed_at or complaint.received_at):
            raise ValidationError("回访时间", "不能早于投诉处理完成时间", "visited_at")
        interviewee = interviewee or complaint.complainant
        phone = phone or complaint.phone
        unit_no = unit_no or complaint.unit_no
    if not interviewee:
        raise ValidationError("受访人", "必填，不能为空", "interviewee")
    obj = records.create(ctx, s, FollowUp, visited_at=visited_at, subject_type=subject.value,
                         subject_uuid=subject_uuid, unit_no=unit_no, interviewee=interviewee, phone=phone,
                         method=method.value, content=content, feedback=feedback.value, visitor=visitor,
                         remark=remark, action="回访")
    if complaint is not None:
        apply_follow_up(ctx, s, complaint.uuid, obj)
    else:
        hook = _hook(subject.value)
        if hook is not None:
            hook(ctx, s, obj)
    return obj


def record_follow_up(ctx: Context, subject_type: str, subject_uuid: str | None = None, *, method: str,
                     content: str, feedback: str, interviewee: str | None = None, phone: str | None = None,
                     unit_no: str | None = None, visitor: str | None = None, visited_at: datetime | None = None,
                     remark: str | None = None) -> FollowUpRow:
    """Record a follow-up (回访): 回访方式 电话/上门/其他, content, 反馈意见 满意/较满意/不满意,
    visitor (default: the user). For a complaint (it must be 待回访) the interviewee, phone and
    unit default to the complainant's, and the complaint closes (不满意: goes back to 处理中)."""
    with ctx.unit_of_work() as s:
        obj = add_follow_up(ctx, s, subject_type, subject_uuid, method=method, content=content, feedback=feedback,
                            interviewee=interviewee, phone=phone, unit_no=unit_no, visitor=visitor,
                            visited_at=visited_at, remark=remark)
        return _row(obj)


def void_follow_up(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> FollowUpRow:
    """作废 a follow-up entered by mistake (客服主管 or above). A complaint it closed stays closed;
    record a new follow-up if needed."""
    with ctx.unit_of_work() as s:
        obj = records.get_by_uuid(s, FollowUp, uuid, "回访记录")
        records.void(ctx, s, obj, reason, expected_version=expected_version, status_field=None, void_status=None)
        return _row(obj)


# ---------------------------------------------------------------- reading

def get(ctx: Context, uuid: str) -> FollowUpRow:
    with ctx.read() as s:
        return _row(records.get_by_uuid(s, FollowUp, uuid, "回访记录"))


def list_follow_ups(ctx: Context, date_from: date, date_to: date, *, subject_type: str | None = None,
                    include_void: bool = False, limit: int | None = 5000) -> list[FollowUpRow]:
    """Follow-ups visited within the dates (KF-03), oldest first (``limit=None``: all of them)."""
    if date_to < date_from:
        raise ValidationError("日期", "结束日期不能早于开始日期", "date_to")
    q = select(FollowUp).where(FollowUp.site_code == ctx.site.code,
                               FollowUp.visited_at >= datetime.combine(date_from, time()),
                               FollowUp.visited_at < datetime.combine(date_to + timedelta(days=1), time()))
    if subject_type:
        q = q.where(FollowUp.subject_type == v.choice("关联类型", subject_type, FollowUpSubject).value)
    if not include_void:
        q = q.where(FollowUp.voided_at.is_(None))
    with ctx.read() as s:
        return [_row(o) for o in s.scalars(q.order_by(FollowUp.visited_at, FollowUp.id).limit(limit))]


def follow_ups_of(ctx: Context, subject_uuid: str) -> list[FollowUpRow]:
    with ctx.read() as s:
        q = select(FollowUp).where(FollowUp.subject_uuid == subject_uuid).order_by(FollowUp.visited_at, FollowUp.id)
        return [_row(o) for o in s.scalars(q)]


def _awaiting_follow_up(ctx: Context, s: Session) -> list[Complaint]:
    return list(s.scalars(select(Complaint).where(Complaint.site_code == ctx.site.code,
                                                  Complaint.status == ComplaintStatus.AWAITING_FOLLOW_UP.value,
                                                  Complaint.voided_at.is_(None))
                          .order_by(Complaint.follow_up_due_at.is_(None), Complaint.follow_up_due_at)))


def due_follow_ups(ctx: Context) -> list[FollowUpDueRow]:
    """Every follow-up still to make: complaints 待回访 and what other modules report; by due date."""
    with ctx.read() as s:
        cal, rules = calendar_and_rules(ctx, s)
        now = ctx.now()
        soon = cal.add_working_hours(now, rules.due_soon_hours)
        out = [FollowUpDueRow(FollowUpSubject.COMPLAINT.value, c.uuid, f"{c.category}：{c.content[:40]}", c.unit_no,
                              c.complainant, c.phone, c.completed_at, c.follow_up_due_at,
                              dl.due_state(c.follow_up_due_at, now, soon))
               for c in _awaiting_follow_up(ctx, s)]
        for subject in FollowUpSubject:
            if subject is FollowUpSubject.COMPLAINT:
                continue
            provider = _due_provider(subject.value)
            if provider is None:
                continue
            try:
                for row in provider(ctx, s) or []:
                    if row.due_state is None and row.due_at is not None:
                        row = FollowUpDueRow(**{**row.__dict__, "due_state": dl.due_state(row.due_at, now, soon)})
                    out.append(row)
            except Exception:  # another module's bug must not hide the complaints due
                log.exception("follow-ups due of %s failed", subject.value)
    far = datetime.max
    return sorted(out, key=lambda r: (r.due_at or far, r.subject_type))


def nav_badge(ctx: Context) -> Badge:
    """Follow-ups due: count; red if any is late, amber if any is due within the next working hours."""
    rows = due_follow_ups(ctx)
    late = sum(1 for r in rows if r.due_state == "overdue")
    soon = sum(1 for r in rows if r.due_state == "soon")
    level = "red" if late else "amber" if soon else None
    return Badge(len(rows), level, f"{ComplaintStatus.AWAITING_FOLLOW_UP} {len(rows)} 件，其中已超时 {late} 件，即将到期 {soon} 件")


# ---------------------------------------------------------------- the subjects, as people name them

def subject_refs(ctx: Context, follow_ups: list[FollowUp] | list[FollowUpRow]) -> dict[str, str]:
    """What each follow-up's subject is called on paper (关联单号), by subject UUID: a repair's
    单号 (“维修 WX…”); a complaint (which has no number of its own) by the 受理时间 and 投诉人
    it is listed under on that day's KF-02 (“投诉 2026-11-18 09:00 李四”). A subject without a
    number is named by its type only."""
    by_type: dict[str, set[str]] = {}
    for f in follow_ups:
        if f.subject_uuid:
            by_type.setdefault(f.subject_type, set()).add(f.subject_uuid)
    refs: dict[str, str] = {}
    for subject_type, uuids in by_type.items():
        if subject_type == FollowUpSubject.COMPLAINT.value:
            with ctx.read() as s:
                for c in s.execute(select(Complaint.uuid, Complaint.received_at, Complaint.complainant)
                                   .where(Complaint.uuid.in_(sorted(uuids)))):
                    refs[c.uuid] = f"{subject_type} {c.received_at:%Y-%m-%d %H:%M} {c.complainant}"
            continue
        provider = _numbers_provider(subject_type)
        if provider is None:
            continue
        try:
            numbers = provider(ctx, sorted(uuids)) or {}
        except Exception:  # another module's bug must not stop the paper
            log.exception("numbers of %s failed", subject_type)
            continue
        refs.update({u: f"{subject_type} {n}" for u, n in numbers.items() if n})
    return refs
