"""The sections of the 工作台, one function per module. Each returns the lines behind the
module's badge (so the counts agree) and the badge itself; a module that fails is shown as
unavailable, never taking the page down."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from app.core.context import Context

log = logging.getLogger(__name__)

#: Lines shown per section (the count says how many there are in all).
MAX_LINES = 50


@dataclass(frozen=True)
class TodayLine:
    """One thing to do: ``target`` is the page key and ``uuid`` the record Enter opens."""

    target: str
    kind: str
    uuid: str | None
    text: str
    when: datetime | None = None
    late: bool = False
    mine: bool = False


@dataclass(frozen=True)
class SectionData:
    key: str
    title: str
    page: str
    count: int
    level: str | None
    tooltip: str
    lines: tuple[TodayLine, ...] = ()
    failed: bool = False


@dataclass(frozen=True)
class TodayData:
    at: datetime
    sections: tuple[SectionData, ...] = field(default_factory=tuple)

    def section(self, key: str) -> SectionData:
        return next(s for s in self.sections if s.key == key)


def _fmt(at) -> str:
    return f"{at:%m-%d %H:%M}" if isinstance(at, datetime) else (f"{at:%m-%d}" if at else "")


# -- one query per module ---------------------------------------------------------------

def _complaints(ctx: Context, shared: dict):
    from app import complaints
    from app.complaints import WorkList

    badge = complaints.nav_badge(ctx)
    me = ctx.actor.name if ctx.actor else None
    lines = []
    for which in (WorkList.OVERDUE, WorkList.DUE_TODAY):
        for r in complaints.work_list(ctx, which, limit=MAX_LINES):
            if any(line.uuid == r.uuid for line in lines):
                continue
            late = which == WorkList.OVERDUE
            due = r.next_due_at or r.due_at
            lines.append(TodayLine("complaints", "投诉", r.uuid,
                                   f"{'已超时' if late else '今日到期'}  {r.complainant} {r.unit_no or ''}  {r.status}"
                                   f"  {(r.next_due_kind or '')}{_fmt(due)}  {r.content[:40]}",
                                   due, late, bool(me and me in (r.handler, r.received_by))))
    return badge, lines


def _follow_ups(ctx: Context, shared: dict):
    from app.complaints import followups

    badge = followups.nav_badge(ctx)
    lines = [TodayLine("followups", r.subject_type, r.subject_uuid,
                       f"{'已超时' if r.due_state == 'overdue' else '待回访'}  {r.title}  {r.unit_no or ''} "
                       f"{r.person or ''}  回访期限 {_fmt(r.due_at)}", r.due_at, r.due_state == "overdue")
             for r in followups.due_follow_ups(ctx)]
    return badge, lines


def _repairs(ctx: Context, shared: dict):
    from app import repairs

    badge = repairs.nav_badge(ctx, intake_rows=_intake(ctx, shared))
    lines = [TodayLine("repairs", "维修", r.uuid,
                       f"超时  {r.number}  {r.unit_no or ''} {r.reporter}  {r.status}  {r.late_reason or ''}"
                       f"  {r.content[:30]}", r.received_at, True)
             for r in repairs.late_orders(ctx)[:MAX_LINES]]
    if not lines:
        waiting = [r for status in (repairs.RepairStatus.AWAITING_DISPATCH, repairs.RepairStatus.AWAITING_FOLLOW_UP)
                   for r in repairs.list_orders(ctx, status=status.value, limit=MAX_LINES)]
        lines = [TodayLine("repairs", "维修", r.uuid, f"{r.status}  {r.number}  {r.unit_no or ''} {r.reporter}"
                           f"  {r.content[:30]}", r.received_at) for r in waiting[:MAX_LINES]]
    return badge, lines


def _intake(ctx: Context, shared: dict) -> list:
    """The 报修 records waiting for a work order, read once per refresh: the 报修 section lists
    them and the 维修工单 badge counts them."""
    if "intake" not in shared:
        from app import repairs

        shared["intake"] = repairs.intake_queue(ctx)
    return shared["intake"]


def _repair_requests(ctx: Context, shared: dict):
    from app.core.badges import Badge

    rows = _intake(ctx, shared)
    me = ctx.actor.name if ctx.actor else None
    badge = Badge(len(rows), "amber" if rows else None, f"{len(rows)} 条报修待转维修工单")
    lines = [TodayLine("repairs", "报修", r.uuid, f"待转工单  {_fmt(r.received_at)}  {r.name} {r.unit_no or ''}"
                       f"  {r.content[:40]}", r.received_at, r.received_at.date() < ctx.now().date(),
                       r.received_by == me) for r in rows[:MAX_LINES]]
    return badge, lines


def _messages(ctx: Context, shared: dict):
    from app import reception
    from app.core.badges import Badge

    rows = reception.list_pending_messages(ctx)
    me = ctx.actor.name if ctx.actor else None
    badge = Badge(len(rows), "amber" if rows else None, f"{len(rows)} 条转告待转达")
    lines = [TodayLine("reception", "转告", r.uuid, f"转告给 {r.to_staff}  {_fmt(r.received_at)}  "
                       f"{r.from_person or ''}：{r.message[:40]}", r.received_at, False, r.to_staff == me)
             for r in rows[:MAX_LINES]]
    return badge, lines


def _movein(ctx: Context, shared: dict):
    from app import movein

    badge = movein.nav_badge(ctx)
    lines = [TodayLine("movein", "入伙缺陷", r.handover_uuid, f"已过整改期限  {r.unit_no} {r.room or ''} "
                       f"{r.item or ''}  {r.description[:30]}  期限 {_fmt(r.deadline)}", None, True)
             for r in movein.list_defects(ctx, overdue_only=True, limit=MAX_LINES)]
    lines += [TodayLine("movein", "交付预约", r.handover_uuid, f"今日交付  {r.at:%H:%M}  {r.unit_no} {r.name}"
                        f"  {r.status}", r.at) for r in movein.list_appointments(ctx, ctx.now().date())]
    return badge, lines


def _renovation(ctx: Context, shared: dict):
    from app import renovation

    work = renovation.today_work(ctx)
    badge = renovation.nav_badge(ctx, work)
    lines = [TodayLine("renovation", "装修巡查", i.renovation_uuid,
                       ("今日未巡查" if not i.visited_today else "今日已巡查") + f"  {i.unit_no}  {i.contractor or ''}"
                       + (f"  已 {i.days_since} 天未巡查" if i.days_since and not i.visited_today else "")
                       + (f"  整改通知超期 {i.overdue_notices} 份" if i.overdue_notices else ""),
                       i.last_visit_at, bool(i.stale or i.overdue_notices)) for i in work.round]
    lines += [TodayLine("renovation", "整改通知", n.renovation_uuid, f"整改通知超期未复查  {n.notice_no}  {n.unit_no}"
                        f"  期限 {_fmt(n.deadline)}", n.deadline, True) for n in work.notices]
    lines += [TodayLine("renovation", "装修申请", p.renovation_uuid, f"待审批  {p.unit_no} {p.owner}"
                        f"  开工 {_fmt(p.start_date)}") for p in work.pending]
    return badge, lines[:MAX_LINES]


def _desk(ctx: Context, shared: dict):
    from app import desk

    badge = desk.nav_badge(ctx)
    lines = [TodayLine("desk", "借用物品", x.uuid, f"超时未还  {x.item_name}（{x.item_no}）  {x.borrower}  "
                       f"应还 {_fmt(x.due_at)}", x.due_at, True)
             for x in desk.list_loans(ctx, out_only=True) if x.overdue]
    lines += [TodayLine("desk", "服务申请", a.uuid, f"超时未交还  {a.number}  {a.applicant}：{a.content[:30]}  "
                        f"应交还 {_fmt(a.due_at)}", a.due_at, True)
              for a in desk.list_applications(ctx, open_only=True) if a.late]
    lines += [TodayLine("desk", "联系函", m.uuid, f"超时未回复  {m.number}  {m.department}：{m.subject}  "
                        f"要求回复 {_fmt(m.reply_by)}", m.reply_by, True)
              for m in desk.list_memos(ctx, open_only=True) if m.reply_late]
    return badge, lines[:MAX_LINES]


def _surveys(ctx: Context, shared: dict):
    from app import surveys

    badge = surveys.nav_badge(ctx)
    lines = [TodayLine("surveys", "满意度调查", r.uuid, f"超过归档期限  {r.survey_no} {r.title}  "
                       f"归档期限 {_fmt(r.archive_deadline)}", None, True)
             for r in surveys.archive_overdue(ctx)[:MAX_LINES]]
    return badge, lines


def _inspections(ctx: Context, shared: dict):
    from app import inspections

    badge = inspections.nav_badge(ctx)
    lines = [TodayLine("inspections", "督导整改", f.inspection_uuid,
                       f"整改超期  {f.inspection_no}  {f.indicator} / {f.item}  {f.owner or ''}"
                       f"  期限 {_fmt(f.deadline)}  {(f.note or f.criterion or '')[:30]}", None, True)
             for f in inspections.overdue_rectifications(ctx)[:MAX_LINES]]
    return badge, lines


SECTIONS: tuple[tuple[str, str, str, Callable], ...] = (
    ("complaints", "投诉（已超时、今日到期）", "complaints", _complaints),
    ("followups", "待回访", "followups", _follow_ups),
    ("repair_requests", "报修待转工单", "repairs", _repair_requests),
    ("repairs", "维修工单（超时未接单或未完工）", "repairs", _repairs),
    ("messages", "待转告的留言", "reception", _messages),
    ("renovation", "装修：今日未巡查、整改超期、申请待审批", "renovation", _renovation),
    ("movein", "入伙：缺陷过期与今日交付", "movein", _movein),
    ("desk", "前台服务：超时的借用、服务申请和联系函", "desk", _desk),
    ("surveys", "满意度调查：超过归档期限", "surveys", _surveys),
    ("inspections", "督导检查：整改超期", "inspections", _inspections),
)


def section_keys() -> tuple[str, ...]:
    return tuple(key for key, *_ in SECTIONS)


def today(ctx: Context) -> TodayData:
    """Every section, in the order of the day's work."""
    ctx.require_actor()
    out = []
    shared: dict = {}  # what two sections both need, read once
    for key, title, page, query in SECTIONS:
        try:
            badge, lines = query(ctx, shared)
        except Exception:
            log.exception("today: section %s failed", key)
            out.append(SectionData(key, title, page, 0, None, "暂时无法读取，请稍后刷新", failed=True))
            continue
        count = badge.count if badge else 0
        out.append(SectionData(key, title, page, count, badge.level if badge else None,
                               badge.tooltip if badge else "", tuple(lines)))
    return TodayData(ctx.now(), tuple(out))
