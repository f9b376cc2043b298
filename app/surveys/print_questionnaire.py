"""满意度调查问卷: the questionnaire of a survey, for one household (``--code``: its code, unit
and name printed), for every sampled household at once (``--code 全部``: one questionnaire per
household, each on its own pages with its own code, in one PDF), or blank (no code) for extra
copies."""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.forms.spec import FormData, FormSpec, Param
from app.surveys.returns import find_copy, list_copies
from app.surveys.survey import get_survey
from app.surveys.vocab import ABC_WORDS, ALL_CODES, FIVE_VALUES, CopyStatus, Scale

BOX = "□"


def choices_text(scale: str) -> str:
    if scale == Scale.ABC:
        return "\u3000".join(f"{BOX}{k} {w}" for k, w in ABC_WORDS.items())
    if scale == Scale.FIVE:
        return "\u3000".join(f"{BOX}{k}" for k in FIVE_VALUES)
    return ""


def _values(sv, copy) -> dict:
    rows = [{"no": n, "text": text, "choices": choices_text(scale)}
            for n, (text, scale) in enumerate(sv.items, start=1) if scale != Scale.TEXT]
    text_items = [text for text, scale in sv.items if scale == Scale.TEXT]
    return {
        "survey_no": sv.survey_no, "title": sv.title, "intro": sv.intro or "", "rows": rows,
        "code": copy.code if copy else "", "unit_no": copy.unit_no if copy else "",
        "respondent": copy.respondent or "" if copy else "",
        "comment_label": text_items[0] if text_items else "您的意见和建议",
        "period_text": f"{sv.start_date:%Y-%m-%d} 至 {sv.end_date:%Y-%m-%d}",
    }


def provide(ctx, *, survey: str, code: str | None = None) -> FormData:
    sv = get_survey(ctx, survey)
    if code and code.strip().upper() in (ALL_CODES, "ALL"):
        copies = [c for c in list_copies(ctx, sv.uuid) if c.status != CopyStatus.VOID]
        if not copies:
            raise ValidationError("问卷编号", f"调查 {sv.survey_no} 还没有抽样的住户（请先批准计划并抽样）", "code")
        parts = tuple(FormData(_values(sv, c), subject=c.code, record_uuids=(c.uuid,)) for c in copies)
        return FormData(_values(sv, None), subject=f"{sv.survey_no} 全部 {len(copies)} 户", parts=parts)
    copy = find_copy(ctx, sv.uuid, code) if code else None
    return FormData(_values(sv, copy), subject=copy.code if copy else sv.survey_no)


FORM = FormSpec(
    key="satisfaction-survey", code="MY-01", name="满意度调查问卷", provide=provide,
    params=(Param.text("survey", "调查编号", help="满意度调查编号，如 MY2026-01"),
            Param.text("code", "问卷编号", required=False,
                       help=f"某一户的问卷编号或序号；“{ALL_CODES}”打印每一户的问卷（一个 PDF）；不填则打印空白问卷")),
    help="打印满意度调查问卷（某一户的、全部抽样住户的，或空白问卷）", listed=True, order=110,
)
