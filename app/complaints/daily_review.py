"""The supervisor's daily review: one day's complaints, shown on screen and printed as KF-02
from the same :func:`daily_review`, and the supervisor's sign-off of the day.

The day's list: every complaint received that day, changed that day (updated, completed,
reviewed, or a progress entry), or not yet handled at the end of that day; voided ones are left
out. A line reads as the day stood at its end, so a day reprinted later shows what was reviewed
and signed then: its state, completion and follow-up due date are taken from the complaint's
history up to the end of the day (from its current fields when it has no history, e.g.
imported); 回访情况 counts only follow-ups made by then; 处理结果 falls back to the last
progress entry made by then; 是否超时 is judged at the end of the day (or now, for today).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.complaints.complaint import OPEN, ComplaintRow, to_row
from app.complaints.models import Complaint, ComplaintDailyReview, ComplaintProgress, FollowUp
from app.complaints.site_settings import calendar_and_rules, soon_until
from app.complaints.vocab import HANDLING_STATES, ComplaintStatus, ReviewReason
from app.core import records
from app.core.context import Context
from app.core.models import AuditEvent
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError

_HANDLING = [s.value for s in HANDLING_STATES]
#: 责任部门 printed for a complaint the desk handles itself.
DESK = "客服中心"


@dataclass(frozen=True)
class ReviewLineRow:
    complaint: ComplaintRow
    why: str  # a ReviewReason: 当日受理 / 未结 / 当日变更
    follow_up: str  # 回访情况 at the end of the day: "满意（11-20 电话）", "待回访（11-23前）", ""
    late: bool  # 是否超时 as printed
    result: str = ""  # 处理结果, else the day's last progress entry, else the state while handling
    department: str = ""  # 责任部门 (处理人)
    status: str = ""  # 状态 at the end of the day
    severity: str = ""  # 性质 at the end of the day (不满意 raises it later)
    completed_at: datetime | None = None  # 完成时间 as known at the end of the day


@dataclass(frozen=True)
class SignOffRow:
    uuid: str
    version: int
    day: date
    opinion: str
    reviewer: str
    reviewed_at: datetime
    complaint_count: int
    handled_count: int
    overdue_count: int


@dataclass(frozen=True)
class DailyReviewData:
    day: date
    lines: list[ReviewLineRow]
    received: int  # 当日投诉
    handled: int  # 已处理 (handled: 待回访 or 已关闭)
    overdue: int  # 超时
    sign_off: SignOffRow | None

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def stats(self) -> str:
        return f"当日投诉 {self.received} 件 / 已处理 {self.handled} 件 / 超时 {self.overdue} 件"


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


@dataclass(frozen=True)
class _AsOf:
    """The fields of a complaint that later changes rewrite, as they stood at a moment."""

    status: str
    completed_at: datetime | None
    follow_up_due_at: datetime | None
    result: str | None
    severity: str


_AS_OF_FIELDS = ("status", "completed_at", "follow_up_due_at", "result", "severity")


def _as_of(s: Session, objs: list[Complaint], end: datetime) -> dict[str, _AsOf]:
    """Each complaint's state at ``end``, replayed from its history (the current fields for a
    complaint with no history before ``end``)."""
    out = {o.uuid: None for o in objs}
    values: dict[str, dict] = {}
    uuids = [o.uuid for o in objs]
    for i in range(0, len(uuids), 500):
        for uuid, after in s.execute(
                select(AuditEvent.entity_uuid, AuditEvent.after)
                .where(AuditEvent.entity == Complaint.__tablename__, AuditEvent.entity_uuid.in_(uuids[i:i + 500]),
                       AuditEvent.at < end)
                .order_by(AuditEvent.at, AuditEvent.id)):
            values.setdefault(uuid, {}).update({k: after[k] for k in _AS_OF_FIELDS if k in (after or {})})
    for o in objs:
        seen = values.get(o.uuid)
        if not seen or "status" not in seen:
            out[o.uuid] = _AsOf(o.status, o.completed_at, o.follow_up_due_at, o.result, o.severity)
        else:
            out[o.uuid] = _AsOf(seen["status"], _when(seen.get("completed_at")), _when(seen.get("follow_up_due_at")),
                                seen.get("result"), seen.get("severity") or o.severity)
    return out


def _when(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def _follow_up_text(state: _AsOf, last: FollowUp | None) -> str:
    """回访情况 at the end of the day: 待回访 when the complaint was waiting for one, else the
    last follow-up made by then."""
    if state.status == ComplaintStatus.AWAITING_FOLLOW_UP.value:
        due = state.follow_up_due_at
        return ComplaintStatus.AWAITING_FOLLOW_UP.value + (f"（{due:%m-%d}前）" if due else "")
    if last is not None:
        return f"{last.feedback}（{last.visited_at:%m-%d} {last.method}）"
    return ""


def _review_lines(ctx: Context, s: Session, day: date) -> tuple[list[ReviewLineRow], int, int, int]:
    start, end = _day_bounds(day)

    def in_day(col):
        return and_(col >= start, col < end)

    progressed = select(ComplaintProgress.complaint_id).where(in_day(ComplaintProgress.at),
                                                              ComplaintProgress.voided_at.is_(None))
    q = (select(Complaint)
         .where(Complaint.site_code == ctx.site.code, Complaint.voided_at.is_(None), Complaint.received_at < end,
                or_(in_day(Complaint.received_at), in_day(Complaint.updated_at), in_day(Complaint.completed_at),
                    in_day(Complaint.reviewed_at), Complaint.id.in_(progressed),
                    and_(Complaint.completed_at.is_(None), Complaint.status.in_(_HANDLING)),
                    Complaint.completed_at >= end))
         .order_by(Complaint.received_at, Complaint.id))
    objs = list(s.scalars(q))
    now = ctx.now()
    cal, rules = calendar_and_rules(ctx, s)
    soon = soon_until(cal, rules, now)
    last_follow_up: dict[str, FollowUp] = {}
    last_progress: dict[int, ComplaintProgress] = {}
    if objs:
        for f in s.scalars(select(FollowUp).where(FollowUp.subject_uuid.in_([o.uuid for o in objs]),
                                                  FollowUp.voided_at.is_(None), FollowUp.visited_at < end)
                           .order_by(FollowUp.visited_at, FollowUp.id)):
            last_follow_up[f.subject_uuid] = f
        for p in s.scalars(select(ComplaintProgress).where(
                ComplaintProgress.complaint_id.in_([o.id for o in objs]), ComplaintProgress.at < end,
                ComplaintProgress.voided_at.is_(None)).order_by(ComplaintProgress.at, ComplaintProgress.id)):
            last_progress[p.complaint_id] = p
    as_of = _as_of(s, objs, end)
    lines = []
    received = handled = overdue = 0
    for o in objs:
        state = as_of[o.uuid]
        completed_at = state.completed_at
        done_by_day = completed_at is not None and completed_at < end
        if start <= o.received_at < end:
            why = ReviewReason.RECEIVED_THAT_DAY
            received += 1
        elif not done_by_day and state.status in OPEN:
            why = ReviewReason.OPEN
        else:
            why = ReviewReason.CHANGED_THAT_DAY
        ref = completed_at if done_by_day else min(now, end)
        late = bool(o.overdue) or bool(o.due_at and ref > o.due_at)
        handled += done_by_day
        overdue += late
        result = state.result or ""
        if not result and o.id in last_progress:
            p = last_progress[o.id]
            result = f"进展（{p.at:%m-%d %H:%M}）：{p.note}"
        if not result and state.status in _HANDLING:
            result = state.status
        department = (o.department or (DESK if o.within_desk_scope else "")) + (f"（{o.handler}）" if o.handler else "")
        lines.append(ReviewLineRow(to_row(o, now, soon), why.value, _follow_up_text(state, last_follow_up.get(o.uuid)),
                                   late, result, department, state.status, state.severity, completed_at))
    return lines, received, handled, overdue


def _sign_off(s: Session, ctx: Context, day: date, *, include_void: bool = False) -> ComplaintDailyReview | None:
    """The day's sign-off (one per site and day: signing again updates it)."""
    q = select(ComplaintDailyReview).where(ComplaintDailyReview.site_code == ctx.site.code,
                                           ComplaintDailyReview.day == day)
    if not include_void:
        q = q.where(ComplaintDailyReview.voided_at.is_(None))
    return s.scalars(q).first()


def _sign_off_row(r: ComplaintDailyReview) -> SignOffRow:
    return SignOffRow(r.uuid, r.version, r.day, r.opinion, r.reviewer, r.reviewed_at, r.complaint_count,
                      r.handled_count, r.overdue_count)


def daily_review(ctx: Context, day: date) -> DailyReviewData:
    """The day's complaints for the supervisor, on screen and on KF-02 (see the module
    docstring for which complaints and as of when); with the sign-off when there is one."""
    with ctx.read() as s:
        lines, received, handled, overdue = _review_lines(ctx, s, day)
        review = _sign_off(s, ctx, day)
        return DailyReviewData(day, lines, received, handled, overdue, _sign_off_row(review) if review else None)


def sign_off_day(ctx: Context, day: date, opinion: str) -> SignOffRow:
    """The supervisor's sign-off (客服主管 or above): 审核意见, 审核人, 审核时间 for the day, also
    written on each complaint of the day's list (审核人/审核时间/审核意见 in the workbook)."""
    actor = ctx.require_role(Role.SUPERVISOR, "审核签字")
    opinion = v.text("审核意见", opinion, required=True, max_len=2000, key="opinion")
    now = ctx.now()
    if day > now.date():
        raise ValidationError("日期", "不能审核未来的日期", "day")
    with ctx.unit_of_work() as s:
        lines, received, handled, overdue = _review_lines(ctx, s, day)
        review = _sign_off(s, ctx, day, include_void=True)
        values = {"opinion": opinion, "reviewer": actor.name, "reviewer_username": actor.username,
                  "reviewed_at": now, "complaint_count": len(lines), "handled_count": handled,
                  "overdue_count": overdue}
        if review is None:
            review = records.create(ctx, s, ComplaintDailyReview, day=day, action="审核签字", **values)
        else:
            records.update(ctx, s, review, values, expected_version=None, action="重新审核签字")
        for line in lines:
            obj = s.get(Complaint, line.complaint.id)
            if obj is None or obj.is_void:
                continue
            records.update(ctx, s, obj, {"reviewer": actor.name, "reviewed_at": now, "review_opinion": opinion},
                           expected_version=None, action="审核", note=f"{day:%Y-%m-%d} 每日审核")
        return _sign_off_row(review)
