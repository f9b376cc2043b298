"""What needs doing today in 装修管理: the navigation badge counts it and the 工作台 lists it,
both from :func:`today_work`, so the number on the badge is the number of lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.core.badges import Badge
from app.core.context import Context
from app.renovation.models import RectificationNotice, Renovation
from app.renovation.rounds import RoundItem, round_for
from app.renovation.vocab import OPEN_NOTICE_STATUSES, RenovationStatus


@dataclass(frozen=True)
class OverdueNoticeRow:
    """A rectification notice past its deadline, not yet re-inspected."""

    renovation_uuid: str
    notice_no: str
    unit_no: str
    deadline: datetime


@dataclass(frozen=True)
class PendingApplicationRow:
    """An application waiting for approval."""

    renovation_uuid: str
    unit_no: str
    owner: str
    start_date: date


@dataclass(frozen=True)
class RenovationToDo:
    """Today's work, one entry per thing to do:

    * ``round`` — units on today's round not inspected yet today, and units inspected today
      that still have a notice past its deadline (each unit once; its flags say why);
    * ``notices`` — notices past their deadline on units not on today's round;
    * ``pending`` — applications waiting for approval.
    """

    round: tuple[RoundItem, ...] = ()
    notices: tuple[OverdueNoticeRow, ...] = ()
    pending: tuple[PendingApplicationRow, ...] = ()

    @property
    def count(self) -> int:
        return len(self.round) + len(self.notices) + len(self.pending)

    @property
    def overdue_notices(self) -> int:
        return sum(i.overdue_notices for i in self.round) + len(self.notices)


def today_work(ctx: Context) -> RenovationToDo:
    """Today's round still to walk, notices past their deadline and applications to approve."""
    now = ctx.now()
    round_items = tuple(i for i in round_for(ctx, now.date()) if not i.visited_today or i.overdue_notices)
    on_round = {i.renovation_uuid for i in round_items}
    with ctx.read() as s:
        notices = tuple(OverdueNoticeRow(*row) for row in s.execute(
            select(Renovation.uuid, RectificationNotice.notice_no, RectificationNotice.unit_no,
                   RectificationNotice.deadline)
            .join(Renovation, Renovation.id == RectificationNotice.renovation_id)
            .where(RectificationNotice.site_code == ctx.site.code,
                   RectificationNotice.status.in_(OPEN_NOTICE_STATUSES), RectificationNotice.deadline < now,
                   Renovation.voided_at.is_(None))
            .order_by(RectificationNotice.deadline, RectificationNotice.id))
            if row[0] not in on_round)
        pending = tuple(PendingApplicationRow(*row) for row in s.execute(
            select(Renovation.uuid, Renovation.unit_no, Renovation.owner, Renovation.start_date)
            .where(Renovation.site_code == ctx.site.code, Renovation.status == RenovationStatus.PENDING.value)
            .order_by(Renovation.created_at, Renovation.id)))
    return RenovationToDo(round_items, notices, pending)


def nav_badge(ctx: Context, work: RenovationToDo | None = None) -> Badge | None:
    """Red when a rectification notice is past its deadline, amber otherwise; the count is
    every entry of :func:`today_work`."""
    work = work if work is not None else today_work(ctx)
    if not work.count:
        return None
    parts = []
    unvisited = sum(1 for i in work.round if not i.visited_today)
    if unvisited:
        stale = sum(1 for i in work.round if i.stale)
        parts.append(f"{unvisited} 户今日未巡查" + (f"（其中 {stale} 户两天以上未巡查）" if stale else ""))
    overdue = work.overdue_notices
    if overdue:
        parts.append(f"{overdue} 份整改通知书已过整改期限未复查")
    if work.pending:
        parts.append(f"{len(work.pending)} 份装修申请待审批")
    return Badge(work.count, "red" if overdue else "amber", "；".join(parts))
