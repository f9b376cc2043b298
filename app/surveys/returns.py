"""The questionnaires of a survey, one per sampled household: find one by its code (or its
running number), enter its answers (typed quickly, one key per item), list them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, NotFound
from app.surveys.models import Survey, SurveyCopy
from app.surveys.rules import check_answers, format_answers, items_of, parse_answers, parse_keys
from app.surveys.survey import check_status, load_survey
from app.surveys.vocab import CopyStatus, SurveyMethod, SurveyStatus


@dataclass(frozen=True)
class CopyRow:
    id: int
    uuid: str
    version: int
    survey_uuid: str
    code: str
    unit_no: str
    building: str
    respondent: str | None
    status: str
    issued_at: datetime | None
    issued_by: str | None
    channel: str | None
    returned_at: datetime | None
    entered_by: str | None
    answers: str | None
    comment: str | None

    @property
    def answer_map(self) -> dict[int, str]:
        return parse_answers(self.answers)


def copy_row(c: SurveyCopy, survey_uuid: str) -> CopyRow:
    return records.to_row(c, CopyRow, survey_uuid=survey_uuid)


def _find(s: Session, sv: Survey, code: str) -> SurveyCopy:
    """By full code (MY2026-01-0007) or by its running number (7)."""
    code = v.text("问卷编号", code, required=True, max_len=40, key="code").upper()
    if code.isdigit():
        code = f"{sv.survey_no}-{int(code):04d}".upper()
    c = s.scalars(select(SurveyCopy).where(SurveyCopy.survey_id == sv.id, func.upper(SurveyCopy.code) == code,
                                           SurveyCopy.voided_at.is_(None))).first()
    if c is None:
        raise NotFound(f"本次调查没有编号为 {code} 的问卷")
    return c


def find_copy(ctx: Context, survey: str, code: str) -> CopyRow:
    with ctx.read() as s:
        sv = load_survey(s, ctx, survey)
        return copy_row(_find(s, sv, code), sv.uuid)


def record_return(ctx: Context, survey: str, code: str, *, answers: Mapping[int, str] | None = None,
                  keys: str | None = None, comment: str | None = None, channel: str | None = None,
                  respondent: str | None = None, expected_version: int | None = None) -> CopyRow:
    """Enter a returned questionnaire: ``answers`` by item number, or ``keys`` (one key per
    scored item, ``-`` for none) plus ``comment``, the answer to the questionnaire's text item. A questionnaire not yet
    issued (an answer taken by phone or at a visit) is issued at the same time. Entering it
    again corrects it (the change is in its history)."""
    actor = ctx.require_role(Role.RECEPTIONIST, "录入问卷")
    comment = v.text("意见和建议", comment, max_len=2000, key="comment")
    respondent = v.text("受访人", respondent, max_len=50, key="respondent")
    with ctx.unit_of_work() as s:
        sv = load_survey(s, ctx, survey)
        check_status(sv, (SurveyStatus.APPROVED, SurveyStatus.RUNNING), "录入问卷")
        items = items_of(sv.items)
        given = parse_keys(items, keys) if keys is not None else check_answers(items, answers or {})
        if not any(items[no - 1].scored for no in given):
            raise InvalidTransition("问卷没有任何评价，未保存（整份未答的问卷不计入回收）")
        c = _find(s, sv, code)
        method = v.choice("调查方式", channel or sv.method, SurveyMethod, key="channel").value
        now = ctx.now()
        changes = {"answers": format_answers(given), "comment": comment, "status": CopyStatus.RETURNED.value,
                   "returned_at": c.returned_at or now, "entered_by": actor.name, "channel": method}
        if respondent:
            changes["respondent"] = respondent
        if c.issued_at is None:
            changes.update(issued_at=now, issued_by=actor.name)
        records.update(ctx, s, c, changes, expected_version=expected_version,
                       action="修改回收问卷" if c.status == CopyStatus.RETURNED else "回收问卷")
        if sv.status == SurveyStatus.APPROVED:
            records.update(ctx, s, sv, {"status": SurveyStatus.RUNNING.value}, expected_version=None,
                           action="开始调查")
        return copy_row(c, sv.uuid)


def list_copies(ctx: Context, survey: str, *, status: CopyStatus | str | None = None) -> list[CopyRow]:
    with ctx.read() as s:
        sv = load_survey(s, ctx, survey)
        q = select(SurveyCopy).where(SurveyCopy.survey_id == sv.id, SurveyCopy.voided_at.is_(None))
        if status:
            q = q.where(SurveyCopy.status == str(status))
        return [copy_row(c, sv.uuid) for c in s.scalars(q.order_by(SurveyCopy.code))]
