"""ZX-01 装修巡查记录表: a day's round (``--date D``) or one unit's whole history (``--unit U``;
a date given with it is ignored, so the GUI's always-filled date does not cut the history).

The key checks are the site's editable list (``KEY_CHECKS`` in :mod:`app.renovation.site_settings`): the
table has one narrow column per check, numbered ① ② …, and the legend above the
table names them, so the printed form follows the setting without a template change
(a site with more than eleven checks adds ``c12`` … columns to its template copy).
"""

from __future__ import annotations

from datetime import date

from app.domain import validate as v
from app.domain.errors import NotFound, ValidationError
from app.forms.spec import FormData, FormSpec, Param
from app.renovation.notices import list_notices
from app.renovation.rounds import round_for
from app.renovation.search import list_applications
from app.renovation.site_settings import key_checks
from app.renovation.visits import list_visits
from app.renovation.vocab import INSPECTED_STATES, RecheckResult, SiteState

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
OK, FAILED = "√", "×"


def _number(i: int) -> str:
    return CIRCLED[i] if i < len(CIRCLED) else f"({i + 1})"


def _line(visit, checks: list[str], notices: dict) -> dict:
    failed = set(visit.failed_list)
    inspected = visit.site_state in INSPECTED_STATES
    row = {
        "uuid": visit.uuid, "inspected_at": visit.inspected_at, "unit_no": visit.unit_no,
        "inspector": visit.inspector,
        "state": visit.progress if visit.site_state == SiteState.WORKING and visit.progress else
        visit.site_state + (f"（{visit.progress}）" if visit.progress else ""),
        "site_state": visit.site_state, "progress": visit.progress or "",
    }
    for i, check in enumerate(checks, start=1):
        row[f"c{i}"] = (FAILED if check in failed else OK) if inspected or check in failed else ""
    parts = []
    listed = [c for c in visit.failed_list]
    if listed:
        parts.append("、".join(listed))
    if visit.violation:
        parts.append(visit.violation)
    if visit.notice_no:
        n = notices.get(visit.notice_no)
        deadline = n.deadline if n else visit.notice_deadline
        parts.append(f"整改通知书 {visit.notice_no}" + (f"，期限 {deadline:%m-%d %H:%M}" if deadline else ""))
    if visit.note:
        parts.append(f"备注：{visit.note}")
    row["violation"] = "；".join(parts)
    measures = [visit.measures] if visit.measures else []
    if visit.recheck_result:
        n = notices.get(visit.notice_no)
        text = f"{visit.recheck_at:%m-%d} 复查{visit.recheck_result}" if visit.recheck_at else f"复查{visit.recheck_result}"
        if n and n.escalation and visit.recheck_result == RecheckResult.NOT_RECTIFIED:
            text += f"，{n.escalation}"
        measures.append(text)
    row["measures"] = "；".join(measures)
    row["signature"] = ""
    return row


def provide(ctx, *, day: date | None = None, unit: str | None = None) -> FormData:
    if day is None and not unit:
        raise ValidationError("日期", "请给出日期（--date D，当天巡查）或房号（--unit 房号，该户全部巡查记录）")
    checks = key_checks(ctx)
    legend = "关键检查项：" + "  ".join(f"{_number(i)}{c}" for i, c in enumerate(checks)) + \
        f"    （{OK} 正常  {FAILED} 违规  空白 未检查）"
    notices = {n.notice_no: n for n in list_notices(ctx)}
    rows: list[dict] = []
    if unit:
        code = v.normalize_unit(unit, required=True, label="房号")
        apps = [a for a in list_applications(ctx, text=code) if a.unit_no == code]
        if not apps:
            raise NotFound(f"{code} 没有装修记录")
        app = apps[0]
        visits = list_visits(ctx, renovation_uuid=app.uuid)  # the whole history (a date is ignored)
        rows = [_line(x, checks, notices) for x in visits]
        scope = (f"房号 {app.unit_no}　业主 {app.owner}　施工单位 {app.contractor}　负责人 {app.manager} "
                 f"{app.manager_phone}　许可证 {app.permit_no or '未发'}　施工期限 {app.start_date:%Y-%m-%d} 至 "
                 f"{app.planned_end_date:%Y-%m-%d}　状态 {app.status}")
        summary = f"共巡查 {len(rows)} 次，违规 {sum(1 for x in visits if x.failed_checks or x.violation)} 次"
        first = visits[0].inspected_at.date() if visits else None
        last = visits[-1].inspected_at.date() if visits else None
        return FormData({"rows": rows, "legend": legend, "scope": scope, "summary": summary,
                         "count": len(rows)}, period_from=first, period_to=last, subject=app.unit_no)
    visits = list_visits(ctx, date_from=day, date_to=day)
    round_items = round_for(ctx, day)
    visited = {x.unit_no for x in visits}
    for x in visits:
        rows.append(_line(x, checks, notices))
    for item in round_items:
        if item.unit_no not in visited:
            rows.append({"inspected_at": None, "unit_no": item.unit_no, "state": "未巡查", "inspector": "",
                         "violation": f"上次巡查 {item.last_visit_at:%m-%d %H:%M}" if item.last_visit_at
                         else "开工以来未巡查", "measures": "", "signature": ""})
    natural = v.natural_key
    rows.sort(key=lambda x: (natural(x["unit_no"].split("-")[0]), natural(x["unit_no"]),
                             x["inspected_at"] or date.max))
    violations = sum(1 for x in visits if x.failed_checks or x.violation)
    missed = sum(1 for i in round_items if i.unit_no not in visited)
    scope = f"在施 {len(round_items)} 户，已巡查 {len(visited)} 户，未巡查 {missed} 户"
    summary = f"共巡查 {len(visits)} 次，违规 {violations} 起"
    return FormData({"rows": rows, "legend": legend, "scope": scope, "summary": summary, "count": len(rows)},
                    period_from=day, period_to=day)


FORM = FormSpec(
    key="renovation-round", code="ZX-01", name="装修巡查记录表", provide=provide,
    params=(Param.day("day", "日期", required=False, help="某一天的装修巡查"),
            Param.text("unit", "房号", required=False,
                       help="某一户的全部巡查记录（给出房号时不看日期），如 3-2-1502")),
    help="某一天的装修巡查，或某一户的全部巡查记录", listed=True, order=70,
)
