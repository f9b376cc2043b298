"""满意度调查分析报告: one survey's plan, the rates against the goals (with the warnings), each
item's shares and satisfaction (with a chart), each building's, the corrective actions, the
written analysis and the archive deadline. Every figure comes from
:func:`app.surveys.results.survey_result`, the same one the screen shows."""

from __future__ import annotations

from app.forms.spec import FormData, FormSpec, Param
from app.surveys.results import survey_result
from app.surveys.vocab import ABC_WORDS, Scale


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def _shares(item) -> str:
    if item.scale == Scale.ABC:
        return "　".join(f"{k} {item.share(k):.1f}%" for k in ABC_WORDS)
    return "　".join(f"{k}分 {item.share(k):.1f}%" for k, _ in item.counts) + f"　均分 {item.mean:.2f}" \
        if item.mean is not None else ""


def provide(ctx, *, survey: str) -> FormData:
    r = survey_result(ctx, survey)
    sv, rates = r.survey, r.rates
    scored = [i for i in r.items if i.scale != Scale.TEXT]
    items = [{"no": i.no, "text": i.text, "answered": i.answered, "shares": _shares(i),
              "satisfaction": _pct(i.satisfaction), "low": "需整改" if i.low else ""} for i in scored]
    comments = [c for i in r.items if i.scale == Scale.TEXT for c in i.comments]
    buildings = [{"building": f"{b.building}栋", "sample": b.sample, "returned": b.returned,
                  "return_rate": f"{100 * b.returned / b.sample:.1f}%" if b.sample else "",
                  "satisfaction": _pct(b.satisfaction)} for b in r.buildings]
    actions = [{"item": a.item_text, "finding": a.finding or "", "measure": a.measure, "owner": a.owner,
                "deadline": a.deadline, "status": a.status + (f"：{a.result}" if a.result else "")}
               for a in r.actions]
    archive = "未结束" if sv.archive_deadline is None else f"{sv.archive_deadline:%Y-%m-%d}" + (
        f"（已于 {sv.archived_at:%Y-%m-%d} 归档）" if sv.archived_at else "（已超期）" if sv.archive_overdue else "")
    values = {
        "survey_no": sv.survey_no, "title": sv.title, "purpose": sv.purpose or "",
        "scope": f"{sv.target_group}，{sv.scope_text}，抽样 {sv.sample_percent}%" +
                 (f"（{sv.sample_rule}）" if sv.sample_rule else ""),
        "method": sv.method, "people": sv.people or "",
        "period_text": f"{sv.start_date:%Y-%m-%d} 至 {sv.end_date:%Y-%m-%d}", "status": sv.status,
        "sample": rates.sample, "issued": rates.issued, "returned": rates.returned,
        "issue_rate": f"{rates.issue_rate:.1f}%（目标 {rates.issue_goal}%）",
        "return_rate": f"{rates.return_rate:.1f}%（目标 ≥ {rates.return_goal}%）",
        "satisfaction": _pct(r.satisfaction) or "无回收",
        "warnings": "；".join(r.warnings) or "各项指标均达到要求。",
        "items": items, "buildings": buildings, "actions": actions,
        "comments": "；".join(comments) or "无",
        "analysis": sv.analysis or "", "archive": archive, "low_below": f"{r.low_below:g}%",
        "item_chart": {"labels": [f"{i.no}. {i.text}" for i in scored],
                       "series": [{"name": "满意率", "values": [i.satisfaction or 0 for i in scored]}],
                       "max": 100, "unit": "%"},
        "building_chart": {"labels": [f"{b.building}栋" for b in r.buildings],
                           "series": [{"name": "满意率", "values": [b.satisfaction or 0 for b in r.buildings]}],
                           "max": 100, "unit": "%"},
    }
    return FormData(values, period_from=sv.start_date, period_to=sv.end_date, subject=sv.survey_no)


FORM = FormSpec(
    key="survey-report", code="MY-02", name="满意度调查分析报告", provide=provide,
    params=(Param.text("survey", "调查编号", help="满意度调查编号，如 MY2026-01"),),
    help="一次满意度调查的分析报告：发放率、回收率、各项满意率、楼栋、整改措施", listed=True, order=111,
)
