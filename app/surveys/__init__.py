"""Satisfaction surveys (满意度调查): the plan, the site's questionnaire templates, the sample
of households with their codes, issue and keyboard entry of returns, the rates against the
goals (issued 100 %, returned ≥ 70 %), results per item and building, corrective actions for
low items, the archive deadline; the 满意度调查 / 调查问卷 sheets and the questionnaire and
report forms."""

from app.surveys.actions import ActionRow, add_action, complete_action, list_actions
from app.surveys.results import SurveyResult, survey_result
from app.surveys.returns import CopyRow, find_copy, list_copies, record_return
from app.surveys.rules import BuildingResult, Item, ItemResult, Rates, items_of
from app.surveys.survey import (
    PlanData, SurveyRow, approve_plan, archive_due, archive_overdue, archive_survey, end_survey, get_survey,
    issue_copies, list_surveys, nav_badge, plan_survey, set_items, update_plan, void_survey, write_analysis,
)
from app.surveys.templates import TemplateRow, list_templates, save_template
from app.surveys.vocab import (
    ABC_WORDS, ALL_CODES, ActionStatus, CopyStatus, Scale, SurveyMethod, SurveyStatus, TargetGroup,
)

__all__ = [
    'ABC_WORDS', 'ALL_CODES', 'ActionRow', 'ActionStatus', 'BuildingResult', 'CopyRow', 'CopyStatus', 'Item',
    'ItemResult', 'PlanData', 'Rates', 'Scale', 'SurveyMethod', 'SurveyResult', 'SurveyRow', 'SurveyStatus',
    'TargetGroup', 'TemplateRow', 'add_action', 'approve_plan', 'archive_due', 'archive_overdue',
    'archive_survey', 'complete_action', 'end_survey', 'find_copy', 'get_survey', 'issue_copies', 'items_of',
    'list_actions', 'list_copies', 'list_surveys', 'list_templates', 'nav_badge', 'plan_survey',
    'record_return', 'save_template', 'set_items', 'survey_result', 'update_plan', 'void_survey',
    'write_analysis',
]
