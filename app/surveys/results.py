"""A survey's figures, computed from its returns in one read: the rates against the goals
(with the warnings), each item's shares and satisfaction, each building's, and the low items
that need a corrective action. The screen, the report (PDF) and the tests read this one result."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.core.context import Context
from app.surveys.actions import ActionRow, list_actions
from app.surveys.models import SurveyCopy
from app.surveys.rules import (
    BuildingResult, ItemResult, Rates, item_results, items_of, parse_answers, satisfaction_of,
)
from app.surveys.survey import SurveyRow, load_survey, survey_row
from app.surveys.templates import low_score
from app.surveys.vocab import CopyStatus
from app.domain import validate as v


@dataclass(frozen=True)
class SurveyResult:
    survey: SurveyRow
    rates: Rates
    items: tuple[ItemResult, ...]
    buildings: tuple[BuildingResult, ...]
    satisfaction: float | None  # overall, of every scored answer
    low_below: float  # the threshold an item's satisfaction is compared with
    actions: tuple[ActionRow, ...]

    @property
    def low_items(self) -> tuple[ItemResult, ...]:
        return tuple(i for i in self.items if i.low)

    @property
    def low_without_action(self) -> tuple[ItemResult, ...]:
        covered = {a.item_no for a in self.actions}
        return tuple(i for i in self.low_items if i.no not in covered)

    @property
    def warnings(self) -> tuple[str, ...]:
        out = list(self.rates.warnings)
        if self.low_without_action:
            out.append("以下项目满意率低于 {:g}%，尚未制定整改措施：{}".format(
                self.low_below, "、".join(f"第{i.no}项" for i in self.low_without_action)))
        if self.survey.archive_overdue:
            out.append(f"已超过归档期限 {self.survey.archive_deadline:%Y-%m-%d}，请尽快归档")
        return tuple(out)


def _answers(c: SurveyCopy, text_no: int | None) -> dict[int, str]:
    """A return's answers, the comment counted as the answer to the (first) text item."""
    answers = parse_answers(c.answers)
    if text_no is not None and c.comment and text_no not in answers:
        answers[text_no] = c.comment
    return answers


def survey_result(ctx: Context, survey: str) -> SurveyResult:
    threshold = low_score(ctx)
    actions = tuple(list_actions(ctx, survey))
    with ctx.read() as s:
        sv = load_survey(s, ctx, survey)
        items = items_of(sv.items)
        text_no = next((i.no for i in items if not i.scored), None)
        copies = [(c.building, c.status, c.issued_at is not None, _answers(c, text_no)) for c in s.scalars(
            select(SurveyCopy).where(SurveyCopy.survey_id == sv.id, SurveyCopy.voided_at.is_(None)))]
        row = survey_row(s, sv, ctx.now().date())
        rates = Rates(sample=len(copies), issued=sum(1 for c in copies if c[2]),
                      returned=sum(1 for c in copies if c[1] == CopyStatus.RETURNED),
                      issue_goal=sv.issue_goal, return_goal=sv.return_goal)
    answers = [c[3] for c in copies if c[1] == CopyStatus.RETURNED]
    buildings = []
    for b in sorted({c[0] for c in copies}, key=v.natural_key):
        mine = [c[3] for c in copies if c[0] == b and c[1] == CopyStatus.RETURNED]
        buildings.append(BuildingResult(b, sum(1 for c in copies if c[0] == b), len(mine),
                                        satisfaction_of(items, mine)))
    return SurveyResult(row, rates, tuple(item_results(items, answers, threshold)), tuple(buildings),
                        satisfaction_of(items, answers), threshold, actions)
