"""督导检查报告: one inspection: who, when, where, the score per 一级指标 and in total, every
finding with its deduction and rectification, the trend of the last inspections, signatures."""

from __future__ import annotations

from app.forms.spec import FormData, FormSpec, Param
from app.inspections.inspection import get_inspection, trend
from app.inspections.rules import points_text
from app.inspections.vocab import DeductionBasis, InspectionStatus, RectifyStatus


def _recheck(f) -> str:
    if f.rectify_status == RectifyStatus.DONE:
        return f"{f.rechecked_at:%m-%d} 复查合格（{f.rechecked_by}）"
    text = f.rectify_status
    if f.recheck_result:
        text += f"，{f.rechecked_at:%m-%d} 复查{f.recheck_result}"
    if f.rectified_note:
        text += f"；整改：{f.rectified_note}"
    return text


def provide(ctx, *, number: str) -> FormData:
    ins = get_inspection(ctx, number)
    scores = [{"name": s.name, "points": points_text(s.points_cp), "findings": s.findings,
               "deducted": points_text(s.lost_cp) if s.lost_cp else "",
               "score": points_text(s.score_cp),
               "note": f"扣分合计 {points_text(s.deducted_cp)}，本项最低 0 分" if s.deducted_cp > s.points_cp else ""}
              for s in ins.scores]
    findings = []
    for f in ins.findings:
        who = "一人一个问题点" if f.basis == DeductionBasis.PER_PERSON else "一个问题点"
        count = f"{f.problems}个" + (f" × {f.persons}人" if f.basis == DeductionBasis.PER_PERSON else "")
        findings.append({
            "indicator": f.indicator, "item": f.item,
            "problem": "；".join(x for x in (f.criterion, f.note) if x) + (f"（照片 {len(f.photos)} 张）" if f.photos else ""),
            "method": f.method or "", "standard": f"{who}扣{points_text(f.unit_cp)}分", "count": count,
            "deduction": points_text(f.deduction_cp), "owner": f.owner or "", "deadline": f.deadline,
            "recheck": _recheck(f)})
    points = [p for p in trend(ctx) if p.inspected_on <= ins.inspected_on][-8:]
    status = ins.status if ins.status != InspectionStatus.VOID else f"{ins.status}：{ins.void_reason}"
    values = {
        "inspection_no": ins.inspection_no, "inspected_on": ins.inspected_on, "inspector": ins.inspector,
        "area": ins.area, "status": status, "scores": scores, "findings": findings,
        "total": points_text(ins.total_cp), "score": points_text(ins.score_cp),
        "result": f"满分 {points_text(ins.total_cp)} 分，扣 {points_text(ins.total_cp - ins.score_cp)} 分，"
                  f"得分 {points_text(ins.score_cp)} 分；发现问题 {len(findings)} 项，未整改完毕 {ins.open_findings} 项。",
        "summary": ins.summary or "", "site_signer": ins.site_signer or "",
        "trend": {"labels": [f"{p.inspected_on:%Y-%m-%d}" for p in points],
                  "series": [{"name": "得分", "values": [p.score_cp / 100 for p in points]}],
                  "max": max([p.total_cp / 100 for p in points] or [100]), "unit": ""},
    }
    return FormData(values, period_from=ins.inspected_on, period_to=ins.inspected_on, subject=ins.inspection_no)


FORM = FormSpec(
    key="inspection-report", code="DD-01", name="督导检查报告", provide=provide,
    params=(Param.text("number", "检查编号", help="督导检查编号，如 DD2026-001"),),
    help="一次督导检查的得分、问题、整改与复查", listed=True, order=112,
)
