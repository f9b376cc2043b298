"""Corrective actions (整改措施) for low-scoring items: what is done, who owns it, by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.core import records, settings
from app.core.calendar import load_calendar
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.surveys.models import Survey, SurveyAction
from app.surveys.rules import items_of
from app.surveys.survey import check_status, load_survey
from app.surveys.templates import ACTION_DAYS
from app.surveys.vocab import ActionStatus, SurveyStatus


@dataclass(frozen=True)
class ActionRow:
    id: int
    uuid: str
    version: int
    survey_uuid: str
    item_no: int | None
    item_text: str
    finding: str | None
    measure: str
    owner: str
    deadline: date
    status: str
    done_at: datetime | None
    result: str | None
    overdue: bool


def _row(a: SurveyAction, survey_uuid: str, today: date) -> ActionRow:
    return records.to_row(a, ActionRow, survey_uuid=survey_uuid,
                          overdue=a.status == ActionStatus.OPEN and today > a.deadline)


def add_action(ctx: Context, survey: str, *, measure: str, owner: str, item_no: int | None = None,
               item_text: str | None = None, finding: str | None = None, deadline: date | None = None) -> ActionRow:
    """A corrective action for one item of the questionnaire (``item_no``) or a point of its own
    (``item_text``); the deadline defaults to the site's number of working days from today."""
    ctx.require_role(Role.SUPERVISOR, "制定整改措施")
    measure = v.text("整改措施", measure, required=True, max_len=v.CONTENT_MAX, key="measure")
    owner = v.text("责任人", owner, required=True, max_len=50, key="owner")
    finding = v.text("存在问题", finding, max_len=2000, key="finding")
    with ctx.unit_of_work() as s:
        sv = load_survey(s, ctx, survey)
        check_status(sv, (SurveyStatus.RUNNING, SurveyStatus.ENDED, SurveyStatus.ARCHIVED), "制定整改措施")
        if item_no is not None:
            items = items_of(sv.items)
            if not 1 <= int(item_no) <= len(items):
                raise ValidationError("调查项目", f"问卷没有第 {item_no} 项", "item_no")
            item_text = items[int(item_no) - 1].text
        item_text = v.text("调查项目", item_text, required=True, max_len=200, key="item_text")
        today = ctx.now().date()
        if deadline is None:
            deadline = load_calendar(ctx, s).add_working_days(today, int(settings.get(ctx, ACTION_DAYS)))
        elif deadline < today:
            raise ValidationError("完成期限", "不能早于今天", "deadline")
        a = records.create(ctx, s, SurveyAction, survey_id=sv.id, item_no=item_no, item_text=item_text,
                           finding=finding, measure=measure, owner=owner, deadline=deadline,
                           status=ActionStatus.OPEN.value, audit_note=item_text)
        return _row(a, sv.uuid, today)


def complete_action(ctx: Context, uuid: str, result: str, *, expected_version: int | None = None) -> ActionRow:
    """The action is done; ``result`` says what was achieved."""
    ctx.require_role(Role.RECEPTIONIST, "登记整改结果")
    result = v.text("整改结果", result, required=True, max_len=v.CONTENT_MAX, key="result")
    with ctx.unit_of_work() as s:
        a = records.get_by_uuid(s, SurveyAction, uuid, "整改措施")
        if a.status != ActionStatus.OPEN:
            raise ValidationError("状态", f"整改措施当前为{a.status}")
        records.update(ctx, s, a, {"status": ActionStatus.DONE.value, "done_at": ctx.now(), "result": result},
                       expected_version=expected_version, action="完成整改")
        return _row(a, s.get(Survey, a.survey_id).uuid, ctx.now().date())


def list_actions(ctx: Context, survey: str) -> list[ActionRow]:
    with ctx.read() as s:
        sv = load_survey(s, ctx, survey)
        rows = s.scalars(select(SurveyAction).where(SurveyAction.survey_id == sv.id, SurveyAction.voided_at.is_(None))
                         .order_by(SurveyAction.item_no, SurveyAction.id))
        today = ctx.now().date()
        return [_row(a, sv.uuid, today) for a in rows]
