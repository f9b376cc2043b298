"""投诉周报 (the weekly complaint summary for the general manager): the week's figures, the late
cases and those still open."""

from __future__ import annotations

from datetime import date

from app.complaints.analysis import weekly_summary
from app.complaints.print_analysis import bars, case_rows
from app.complaints.statistics import percent
from app.forms.spec import FormData, FormSpec, Param


def provide(ctx, *, week: date) -> FormData:
    data = weekly_summary(ctx, week)
    s = data.stats
    values = {
        "week": f"{data.start:%Y-%m-%d} 至 {data.end:%Y-%m-%d}",
        "summary": (f"本周受理投诉 {s.received} 件，处理结束 {s.finished} 件，按时完成率 {percent(s.on_time_rate)}，"
                    f"回访 {s.follow_ups} 次，满意度 {percent(s.satisfaction_rate)}，重新处理 {s.reopens} 次，"
                    f"尚未办结 {s.still_open} 件。"),
        "categories": bars(s.by_category),
        "severities": bars(s.by_severity),
        "overdue": case_rows(data.overdue),
        "still_open": case_rows(data.still_open),
    }
    return FormData(values, period_from=data.start, period_to=data.end)


FORM = FormSpec(
    key="weekly-summary", code="KF-06", name="投诉周报", provide=provide,
    params=(Param.day("week", "周", flag="--week", help="该周中的任一天，如 2026-11-20"),),
    help="一周的投诉汇总（报总经理）", listed=True, order=55,
)
