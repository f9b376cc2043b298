"""Monthly complaint statistics (投诉月度统计): plain data for the screen, the chart and the export.

Definitions (the month = complaints *received* in it, voided ones left out):
- counts by 类别, 性质, 责任部门 (empty: 前台自行处理) and 渠道;
- 按时完成率: of the month's complaints whose handling ended (待回访 / 已关闭), those never 超时;
- 回访率: of the month's valid (not 无效) complaints that were handled, those with a follow-up;
- 满意度: of the complaint follow-ups *made* in the month, 满意 + 较满意 over all;
- 重新处理: reopens (不满意 at follow-up) that happened in the month.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from app.core.models import AuditEvent
from app.complaints.models import Complaint, FollowUp
from app.complaints.vocab import (
    FINISHED_STATES, ComplaintAction, ComplaintSeverity, ComplaintValidity, Feedback, FollowUpSubject,
)
from app.domain.enums import ContactMethod
from app.domain.errors import ValidationError
from app.core.context import Context

NO_DEPARTMENT = "前台自行处理"


@dataclass(frozen=True)
class CountRow:
    name: str
    count: int
    share: float  # of the month's complaints, 0..1


@dataclass(frozen=True)
class MonthlyStatisticsData:
    year: int
    month: int
    received: int
    valid: int
    invalid: int
    undecided: int
    by_category: list[CountRow]
    by_severity: list[CountRow]
    by_department: list[CountRow]
    by_channel: list[CountRow]
    finished: int
    on_time: int
    needing_follow_up: int
    followed_up: int
    follow_ups: int
    satisfied: int
    fairly_satisfied: int
    dissatisfied: int
    reopens: int
    escalated: int
    still_open: int

    @property
    def label(self) -> str:
        return f"{self.year} 年 {self.month} 月"

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.finished if self.finished else None

    @property
    def follow_up_rate(self) -> float | None:
        return self.followed_up / self.needing_follow_up if self.needing_follow_up else None

    @property
    def satisfaction_rate(self) -> float | None:
        return (self.satisfied + self.fairly_satisfied) / self.follow_ups if self.follow_ups else None

    def summary(self) -> list[tuple[str, str]]:
        """The key figures as (项目, 数值) text pairs."""
        return [
            ("受理投诉", f"{self.received} 件"),
            ("有效 / 无效 / 待定", f"{self.valid} / {self.invalid} / {self.undecided}"),
            ("处理结束", f"{self.finished} 件"),
            ("按时完成率", percent(self.on_time_rate, self.on_time, self.finished)),
            ("回访率", percent(self.follow_up_rate, self.followed_up, self.needing_follow_up)),
            ("满意度（满意+较满意）", percent(self.satisfaction_rate, self.satisfied + self.fairly_satisfied,
                                          self.follow_ups)),
            ("回访反馈 满意 / 较满意 / 不满意", f"{self.satisfied} / {self.fairly_satisfied} / {self.dissatisfied}"),
            ("重新处理（回访不满意）", f"{self.reopens} 次"),
            ("升级处理", f"{self.escalated} 件"),
            ("尚未办结", f"{self.still_open} 件"),
        ]

    def table(self) -> list[tuple[str, str, int | float | str | None]]:
        """Every figure as (分组, 项目, 数值) rows, numbers as numbers (rates 0..1, None if no base),
        for the export workbook and the screen."""
        rows: list[tuple[str, str, int | float | str | None]] = [
            ("汇总", "受理投诉", self.received),
            ("汇总", "有效", self.valid),
            ("汇总", "无效", self.invalid),
            ("汇总", "待定", self.undecided),
            ("汇总", "处理结束", self.finished),
            ("汇总", "按时完成", self.on_time),
            ("汇总", "按时完成率", self.on_time_rate),
            ("汇总", "应回访", self.needing_follow_up),
            ("汇总", "已回访", self.followed_up),
            ("汇总", "回访率", self.follow_up_rate),
            ("汇总", "回访次数", self.follow_ups),
            ("汇总", "满意", self.satisfied),
            ("汇总", "较满意", self.fairly_satisfied),
            ("汇总", "不满意", self.dissatisfied),
            ("汇总", "满意度", self.satisfaction_rate),
            ("汇总", "重新处理次数", self.reopens),
            ("汇总", "升级处理", self.escalated),
            ("汇总", "尚未办结", self.still_open),
        ]
        for group, items in (("类别", self.by_category), ("性质", self.by_severity), ("责任部门", self.by_department),
                             ("渠道", self.by_channel)):
            rows.extend((group, r.name, r.count) for r in items)
        return rows


def percent(rate: float | None, part: int | None = None, whole: int | None = None) -> str:
    if rate is None:
        return "—"
    text = f"{rate * 100:.1f}%"
    if part is not None and whole is not None:
        text += f"（{part}/{whole}）"
    return text


def _counts(values: list[str], order: list[str] | None = None) -> list[CountRow]:
    total = len(values) or 1
    counter = Counter(values)
    names = [n for n in (order or []) if counter.get(n)] + sorted(
        (n for n in counter if n not in (order or [])), key=lambda n: (-counter[n], n))
    return [CountRow(n, counter[n], counter[n] / total) for n in names]


def _month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    if not (1 <= month <= 12) or not (2000 <= year <= 2100):
        raise ValidationError("月份", f"“{year}-{month}”不是有效的月份", "month")
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    return start, end


def monthly(ctx: Context, year: int, month: int) -> MonthlyStatisticsData:
    """The month's complaint statistics (see the module docstring for the definitions)."""
    start, end = _month_bounds(year, month)
    return period_statistics(ctx, start, end, year=year, month=month)


def period_statistics(ctx: Context, start: datetime, end: datetime, *, year: int, month: int) -> MonthlyStatisticsData:
    """The same figures for any period [start, end) (the weekly summary uses a week)."""
    site = ctx.site.code
    with ctx.read() as s:
        rows = s.execute(select(
            Complaint.uuid, Complaint.category, Complaint.severity, Complaint.department, Complaint.channel,
            Complaint.validity, Complaint.status, Complaint.overdue, Complaint.completed_at,
            Complaint.escalation_level,
        ).where(Complaint.site_code == site, Complaint.received_at >= start, Complaint.received_at < end,
                Complaint.voided_at.is_(None))).all()
        uuids = [r.uuid for r in rows]
        followed: set[str] = set()
        for chunk in range(0, len(uuids), 500):
            part = uuids[chunk:chunk + 500]
            followed.update(s.scalars(select(FollowUp.subject_uuid).where(
                FollowUp.subject_uuid.in_(part), FollowUp.voided_at.is_(None),
                FollowUp.subject_type == FollowUpSubject.COMPLAINT.value)))
        feedback = dict(s.execute(select(FollowUp.feedback, func.count()).where(
            FollowUp.site_code == site, FollowUp.subject_type == FollowUpSubject.COMPLAINT.value,
            FollowUp.visited_at >= start, FollowUp.visited_at < end, FollowUp.voided_at.is_(None))
            .group_by(FollowUp.feedback)).all())
        reopens = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.site_code == site, AuditEvent.entity == Complaint.__tablename__,
            AuditEvent.action == ComplaintAction.REOPEN.value, AuditEvent.at >= start, AuditEvent.at < end)) or 0

    finished_states = {s.value for s in FINISHED_STATES}
    finished = [r for r in rows if r.status in finished_states]
    needing = [r for r in finished if r.validity != ComplaintValidity.INVALID.value]
    validity = Counter(r.validity for r in rows)
    return MonthlyStatisticsData(
        year=year, month=month, received=len(rows),
        valid=validity.get(ComplaintValidity.VALID.value, 0),
        invalid=validity.get(ComplaintValidity.INVALID.value, 0),
        undecided=validity.get(ComplaintValidity.UNDECIDED.value, 0),
        by_category=_counts([r.category for r in rows]),
        by_severity=_counts([r.severity for r in rows], [x.value for x in ComplaintSeverity]),
        by_department=_counts([r.department or NO_DEPARTMENT for r in rows]),
        by_channel=_counts([r.channel for r in rows], [x.value for x in ContactMethod]),
        finished=len(finished),
        on_time=sum(1 for r in finished if not r.overdue),
        needing_follow_up=len(needing),
        followed_up=sum(1 for r in needing if r.uuid in followed),
        follow_ups=sum(feedback.values()),
        satisfied=feedback.get(Feedback.SATISFIED.value, 0),
        fairly_satisfied=feedback.get(Feedback.FAIRLY_SATISFIED.value, 0),
        dissatisfied=feedback.get(Feedback.DISSATISFIED.value, 0),
        reopens=reopens,
        escalated=sum(1 for r in rows if (r.escalation_level or 0) > 0),
        still_open=sum(1 for r in rows if r.status not in finished_states),
    )


def months_with_data(ctx: Context, limit: int = 24) -> list[date]:
    """First days of the months that have complaints, newest first (for a month picker)."""
    with ctx.read() as s:
        times = s.scalars(select(Complaint.received_at).where(Complaint.site_code == ctx.site.code)
                          .order_by(Complaint.received_at.desc()).limit(20000))
        months = sorted({date(t.year, t.month, 1) for t in times}, reverse=True)
    return months[:limit]
