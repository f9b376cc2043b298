"""满意度调查问卷: the questionnaire of a survey, for one household (``--code``: its code, unit
and name printed) or blank (no code) for extra copies."""

from __future__ import annotations

from app.forms.spec import FormData, FormSpec, Param
from app.surveys.returns import find_copy
from app.surveys.survey import get_survey
from app.surveys.vocab import ABC_WORDS, FIVE_VALUES, Scale

BOX = "□"


def choices_text(scale: str) -> str:
    if scale == Scale.ABC:
        return "\u3000".join(f"{BOX}{k} {w}" for k, w in ABC_WORDS.items())
    if scale == Scale.FIVE:
        return "\u3000".join(f"{BOX}{k}" for k in FIVE_VALUES)
    return ""


def provide(ctx, *, survey: str, code: str | None = None) -> FormData:
    sv = get_survey(ctx, survey)
    copy = find_copy(ctx, sv.uuid, code) if code else None
    rows = [{"no": n, "text": text, "choices": choices_text(scale)}
            for n, (text, scale) in enumerate(sv.items, start=1) if scale != Scale.TEXT]
    text_items = [text for text, scale in sv.items if scale == Scale.TEXT]
    values = {
        "survey_no": sv.survey_no, "title": sv.title, "intro": sv.intro or "", "rows": rows,
        "code": copy.code if copy else "", "unit_no": copy.unit_no if copy else "",
        "respondent": copy.respondent or "" if copy else "",
        "comment_label": text_items[0] if text_items else "您的意见和建议",
        "period_text": f"{sv.start_date:%Y-%m-%d} 至 {sv.end_date:%Y-%m-%d}",
    }
    return FormData(values, subject=copy.code if copy else sv.survey_no)


FORM = FormSpec(
    key="satisfaction-survey", code="MY-01", name="满意度调查问卷", provide=provide,
    params=(Param.text("survey", "调查编号", help="满意度调查编号，如 MY2026-01"),
            Param.text("code", "问卷编号", required=False, help="某一户的问卷编号或序号；不填则打印空白问卷")),
    help="打印满意度调查问卷（某一户的，或空白问卷）", listed=True, order=110,
)
