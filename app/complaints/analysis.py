"""有关方投诉分析报告 (monthly, for management) and the weekly summary for the general manager.

Both are built from :mod:`app.complaints.statistics` (the same figures as the statistics screen)
plus the cases a reader wants named: the month's top categories and buildings, the complaints
that ran late, those reopened after an unsatisfied follow-up, and those still open. The monthly
report carries a text the supervisor writes in the application (原因分析与改进措施), kept per
month as an audited setting.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.complaints.models import Complaint
from app.complaints.statistics import CountRow, MonthlyStatisticsData, monthly, percent, period_statistics
from app.complaints.vocab import FINISHED_STATES
from app.core import settings
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError

TOP = 5
TEXT_KEY = "complaints.analysis_text.{:%Y-%m}"
NO_UNIT = "未填房号"


@dataclass(frozen=True)
class CaseRow:
    received_at: datetime
    complainant: str
    unit_no: str | None
    category: str
    severity: str
    status: str
    department: str | None
    reopen_count: int
    overdue: bool


@dataclass(frozen=True)
class ComparisonRow:
    item: str
    this: str
    previous: str
    change: str


@dataclass(frozen=True)
class AnalysisData:
    year: int
    month: int
    this: MonthlyStatisticsData
    previous: MonthlyStatisticsData
    comparison: list[ComparisonRow]
    top_categories: list[CountRow]
    top_buildings: list[CountRow]
    overdue: list[CaseRow]
    reopened: list[CaseRow]
    text: str


@dataclass(frozen=True)
class WeeklySummaryData:
    start: date
    end: date  # the last day of the week
    stats: MonthlyStatisticsData
    overdue: list[CaseRow]
    still_open: list[CaseRow]


def parse_month(text: str) -> tuple[int, int]:
    try:
        when = datetime.strptime(str(text).strip(), "%Y-%m")
    except ValueError:
        raise ValidationError("月份", f"“{text}”不是有效的月份，应为 YYYY-MM") from None
    return when.year, when.month


def _previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _change(now: float | int | None, before: float | int | None, *, rate: bool = False) -> str:
    if now is None or before is None:
        return ""
    diff = now - before
    if rate:
        return f"{diff * 100:+.1f} 个百分点" if diff else "持平"
    return f"{diff:+d}" if diff else "持平"


def _comparison(a: MonthlyStatisticsData, b: MonthlyStatisticsData) -> list[ComparisonRow]:
    rows = [
        ("受理投诉（件）", a.received, b.received, False),
        ("有效投诉（件）", a.valid, b.valid, False),
        ("处理结束（件）", a.finished, b.finished, False),
        ("按时完成率", a.on_time_rate, b.on_time_rate, True),
        ("回访率", a.follow_up_rate, b.follow_up_rate, True),
        ("满意度（满意+较满意）", a.satisfaction_rate, b.satisfaction_rate, True),
        ("重新处理（次）", a.reopens, b.reopens, False),
        ("升级处理（件）", a.escalated, b.escalated, False),
        ("尚未办结（件）", a.still_open, b.still_open, False),
    ]
    out = []
    for item, now, before, rate in rows:
        show = (lambda x: percent(x)) if rate else (lambda x: str(x))
        out.append(ComparisonRow(item, show(now), show(before), _change(now, before, rate=rate)))
    return out


def _cases(ctx: Context, start: datetime, end: datetime) -> list[CaseRow]:
    with ctx.read() as s:
        rows = s.execute(select(
            Complaint.received_at, Complaint.complainant, Complaint.unit_no, Complaint.category, Complaint.severity,
            Complaint.status, Complaint.department, Complaint.reopen_count, Complaint.overdue,
        ).where(Complaint.site_code == ctx.site.code, Complaint.received_at >= start, Complaint.received_at < end,
                Complaint.voided_at.is_(None)).order_by(Complaint.received_at, Complaint.id)).all()
    return [CaseRow(r.received_at, r.complainant, r.unit_no, r.category, r.severity, r.status, r.department,
                    r.reopen_count or 0, bool(r.overdue)) for r in rows]


def building_of(unit_no: str | None) -> str:
    """The building of a normalised unit number (``3-2-1502`` → ``3栋``)."""
    if not unit_no:
        return NO_UNIT
    return f"{unit_no.split('-')[0]}栋"


def _top_buildings(cases: list[CaseRow]) -> list[CountRow]:
    counts = Counter(building_of(c.unit_no) for c in cases)
    total = len(cases) or 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], v.natural_key(kv[0])))
    return [CountRow(name, n, n / total) for name, n in ranked[:TOP]]


def analysis(ctx: Context, year: int, month: int) -> AnalysisData:
    this = monthly(ctx, year, month)
    previous = monthly(ctx, *_previous(year, month))
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    cases = _cases(ctx, start, end)
    return AnalysisData(
        year=year, month=month, this=this, previous=previous, comparison=_comparison(this, previous),
        top_categories=this.by_category[:TOP], top_buildings=_top_buildings(cases),
        overdue=[c for c in cases if c.overdue], reopened=[c for c in cases if c.reopen_count > 0],
        text=str(settings.get(ctx, TEXT_KEY.format(start), "") or ""),
    )


def save_analysis_text(ctx: Context, year: int, month: int, text: str) -> None:
    """The supervisor's 原因分析与改进措施 for the month (客服主管 and above; audited)."""
    ctx.require_role(Role.SUPERVISOR, "填写投诉分析报告")
    text = v.text("分析与改进措施", text, max_len=v.CONTENT_MAX, key="text") or ""
    settings.put(ctx, TEXT_KEY.format(date(year, month, 1)), text)


def weekly_summary(ctx: Context, day: date) -> WeeklySummaryData:
    """The week (Monday to Sunday) that holds ``day``."""
    monday = day - timedelta(days=day.weekday())
    start = datetime.combine(monday, datetime.min.time())
    end = start + timedelta(days=7)
    stats = period_statistics(ctx, start, end, year=monday.year, month=monday.month)
    cases = _cases(ctx, start, end)
    finished = {s.value for s in FINISHED_STATES}
    return WeeklySummaryData(monday, monday + timedelta(days=6), stats, [c for c in cases if c.overdue],
                             [c for c in cases if c.status not in finished])
