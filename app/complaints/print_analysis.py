"""有关方投诉分析报告 (the monthly complaint analysis for management): the month's figures against
the previous month, the top categories and buildings (with bars), the late and reopened cases,
follow-up and satisfaction figures, and the supervisor's analysis text."""

from __future__ import annotations

from app.complaints.analysis import AnalysisData, analysis, parse_month
from app.complaints.statistics import percent
from app.forms.spec import FormData, FormSpec, Param

BAR = "■"
BAR_WIDTH = 20


def bars(rows) -> list[dict]:
    """Count rows with a bar of ■ proportional to the largest count (a chart on paper)."""
    top = max((r.count for r in rows), default=0) or 1
    return [{"name": r.name, "count": r.count, "share": percent(r.share),
             "bar": BAR * max(1, round(r.count / top * BAR_WIDTH)) if r.count else ""} for r in rows]


def case_rows(cases) -> list[dict]:
    return [{"received_at": c.received_at, "complainant": c.complainant, "unit_no": c.unit_no or "",
             "category": c.category, "severity": c.severity, "department": c.department or "",
             "status": c.status, "reopens": c.reopen_count or ""} for c in cases]


def values(data: AnalysisData) -> dict:
    this = data.this
    return {
        "month": f"{data.year} 年 {data.month} 月",
        "summary": (f"本月受理投诉 {this.received} 件（上月 {data.previous.received} 件），有效 {this.valid} 件，"
                    f"处理结束 {this.finished} 件，按时完成率 {percent(this.on_time_rate)}，"
                    f"回访率 {percent(this.follow_up_rate)}，满意度 {percent(this.satisfaction_rate)}，"
                    f"重新处理 {this.reopens} 次，尚未办结 {this.still_open} 件。"),
        "comparison": [vars(r) for r in data.comparison],
        "categories": bars(data.top_categories),
        "severities": bars(this.by_severity),
        "buildings": bars(data.top_buildings),
        "overdue": case_rows(data.overdue),
        "reopened": case_rows(data.reopened),
        "feedback": f"满意 {this.satisfied}，较满意 {this.fairly_satisfied}，不满意 {this.dissatisfied}"
                    f"（共 {this.follow_ups} 次回访）",
        "text": data.text or None,
    }


def provide(ctx, *, month: str) -> FormData:
    year, m = parse_month(month)
    data = analysis(ctx, year, m)
    return FormData(values(data), subject=f"{year}-{m:02d}")


FORM = FormSpec(
    key="complaint-analysis", code="KF-05", name="有关方投诉分析报告", provide=provide,
    params=(Param.text("month", "月份", help="月份，如 2026-11"),),
    help="某月的投诉统计与分析（与上月对比、主要类别与楼栋、超时与重新处理的投诉、主管的分析）",
    listed=True, order=50,
)
