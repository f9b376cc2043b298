"""The complaint work lists (今日到期, 已超时, 待回访, 我的, 全部未结), their counts, the
navigation badge, and the search over all complaints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, false, func, or_, select

from app.complaints.complaint import OPEN, ComplaintRow, to_row
from app.complaints.models import Complaint
from app.complaints.site_settings import calendar_and_rules, soon_until
from app.complaints.vocab import ComplaintStatus, WorkList
from app.core.badges import Badge
from app.core.context import Context
from app.domain import validate as v


@dataclass(frozen=True)
class WorkCountsData:
    due_today: int
    overdue: int
    awaiting_follow_up: int
    mine: int
    soon: int  # of due_today: due within the next working hours (amber)
    open: int
    due_soon_hours: float = 2

    def count(self, which: WorkList | str) -> int:
        return {WorkList.DUE_TODAY: self.due_today, WorkList.OVERDUE: self.overdue,
                WorkList.AWAITING_FOLLOW_UP: self.awaiting_follow_up, WorkList.MINE: self.mine,
                WorkList.OPEN: self.open}[WorkList(which)]


def search(ctx: Context, *, text: str | None = None, status: str | None = None, date_from: date | None = None,
           date_to: date | None = None, limit: int = 500) -> list[ComplaintRow]:
    """Complaints by received date, status and a text found in name, unit, phone or content."""
    q = select(Complaint).where(Complaint.site_code == ctx.site.code)
    if status:
        q = q.where(Complaint.status == v.choice("状态", status, ComplaintStatus, key="status").value)
    if date_from:
        q = q.where(Complaint.received_at >= datetime.combine(date_from, time()))
    if date_to:
        q = q.where(Complaint.received_at < datetime.combine(date_to + timedelta(days=1), time()))
    text = v.text("查找", text, max_len=100)
    if text:
        like = f"%{text}%"
        digits = v.phone_digits(text)
        conds = [Complaint.complainant.like(like), Complaint.unit_no.like(like), Complaint.content.like(like),
                 Complaint.category.like(like), Complaint.department.like(like)]
        if len(digits) >= 3:
            conds.append(Complaint.phone_digits.like(f"%{digits}%"))
        q = q.where(or_(*conds))
    q = q.order_by(Complaint.received_at.desc(), Complaint.id.desc()).limit(limit)
    with ctx.read() as s:
        cal, rules = calendar_and_rules(ctx, s)
        now = ctx.now()
        soon = soon_until(cal, rules, now)
        return [to_row(o, now, soon) for o in s.scalars(q)]


def _mine_condition(ctx: Context):
    actor = ctx.actor
    if actor is None:
        return None
    conds = [Complaint.received_by == actor.name, Complaint.handler == actor.name]
    rank = actor.role.rank
    if rank == 1:
        conds.append(Complaint.escalation_level == 1)
    elif rank == 2:  # the manager also holds what went above him (no 主管副总经理 account exists)
        conds.append(Complaint.escalation_level >= 2)
    elif rank >= 3:
        conds.append(Complaint.escalation_level == 3)
    return or_(*conds)


def _conditions(ctx: Context, now: datetime, soon: datetime) -> dict[WorkList, Any]:
    """Each work list as a condition on a site's non-voided complaints."""
    is_open = Complaint.status.in_(OPEN)
    end = max(datetime.combine(now.date() + timedelta(days=1), time()), soon + timedelta(seconds=1))
    mine = _mine_condition(ctx)
    return {
        WorkList.OVERDUE: and_(is_open, Complaint.next_due_at < now),
        WorkList.DUE_TODAY: and_(is_open, Complaint.next_due_at >= now, Complaint.next_due_at < end),
        WorkList.AWAITING_FOLLOW_UP: Complaint.status == ComplaintStatus.AWAITING_FOLLOW_UP.value,
        WorkList.MINE: and_(is_open, mine if mine is not None else false()),
        WorkList.OPEN: is_open,
    }


def work_list(ctx: Context, which: WorkList | str, *, limit: int = 1000) -> list[ComplaintRow]:
    """今日到期 (incl. due within the next working hours), 已超时, 待回访, 我的, 全部未结;
    earliest deadline first."""
    which = WorkList(which)
    with ctx.read() as s:
        cal, rules = calendar_and_rules(ctx, s)
        now = ctx.now()
        soon = soon_until(cal, rules, now)
        q = (select(Complaint)
             .where(Complaint.site_code == ctx.site.code, Complaint.voided_at.is_(None),
                    _conditions(ctx, now, soon)[which])
             .order_by(Complaint.next_due_at.is_(None), Complaint.next_due_at, Complaint.received_at).limit(limit))
        return [to_row(o, now, soon) for o in s.scalars(q)]


def work_counts(ctx: Context) -> WorkCountsData:
    """The size of every work list, in one query."""
    with ctx.read() as s:
        cal, rules = calendar_and_rules(ctx, s)
        now = ctx.now()
        soon = soon_until(cal, rules, now)
        cond = _conditions(ctx, now, soon)
        sums = [func.coalesce(func.sum(case((c, 1), else_=0)), 0) for c in (
            cond[WorkList.DUE_TODAY], cond[WorkList.OVERDUE], cond[WorkList.AWAITING_FOLLOW_UP], cond[WorkList.MINE],
            and_(cond[WorkList.DUE_TODAY], Complaint.next_due_at <= soon), cond[WorkList.OPEN])]
        counts = s.execute(select(*sums).where(Complaint.site_code == ctx.site.code, Complaint.voided_at.is_(None),
                                               Complaint.status.in_(OPEN))).one()
        return WorkCountsData(*(int(n) for n in counts), due_soon_hours=rules.due_soon_hours)


def nav_badge(ctx: Context) -> Badge:
    """Navigation count: overdue + due today; red if any is overdue, amber if any is due
    within the next working hours."""
    c = work_counts(ctx)
    hours = c.due_soon_hours
    level = "red" if c.overdue else "amber" if c.soon else None
    tooltip = (f"{WorkList.OVERDUE} {c.overdue} 件，{WorkList.DUE_TODAY} {c.due_today} 件"
               f"（其中 {c.soon} 件 {hours:g} 个工作小时内到期），{WorkList.AWAITING_FOLLOW_UP} {c.awaiting_follow_up} 件")
    return Badge(c.overdue + c.due_today, level, tooltip)
