"""满意度调查 (one survey: its plan, questionnaire, goals, status and counts) and 调查问卷 (one
sampled household's questionnaire: code, issue, return, answers).

满意度调查 columns:
``记录编号 | 站点编码 | 版本 | 调查编号 | 调查名称 | 调查目的 | 调查对象 | 调查范围 | 抽样比例 | 抽样方法 |
调查方式 | 调查人员 | 开始日期 | 结束日期 | 发放率目标 | 回收率目标 | 问卷项目 | 状态 | 批准人 | 批准时间 |
结束时间 | 归档期限 | 归档时间 | 归档人 | 分析意见 | 样本户数 | 发放数 | 回收数 | 作废原因 | 最后修改时间 | 最后修改人``

- 调查对象: 住户 / 商户; 调查范围: building names joined by ``、`` (empty: every building);
  抽样比例, 发放率目标, 回收率目标: integers (per cent); 调查方式: 纸质问卷 / 电话 / 上门;
  状态: 计划 / 已批准 / 进行中 / 已结束 / 已归档 / 已作废.
- 问卷项目: one item a line, ``评价方式：项目`` with 评价方式 ABC (A 满意 / B 较满意 / C 不满意),
  1-5 or 文字, e.g. ``ABC：客服前台的服务态度与礼仪``.
- 样本户数, 发放数, 回收数 are computed from the 调查问卷 rows (exported only).

调查问卷 columns:
``记录编号 | 站点编码 | 版本 | 调查记录编号 | 问卷编号 | 房号 | 楼栋 | 受访人 | 状态 | 发放时间 | 发放人 |
调查方式 | 回收时间 | 录入人 | 答案 | 意见和建议 | 作废原因 | 最后修改时间 | 最后修改人``

- 调查记录编号: the UUID of its 满意度调查 row; 状态: 待发放 / 已发放 / 已回收 / 已作废.
- 答案: ``1=A；2=B；11=4`` (item number = answer, items as numbered in 问卷项目); 意见和建议 is the text item.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.domain.errors import ValidationError
from app.domain.import_rules import held_to_rules
from app.domain.validate import CONTENT_MAX
from app.exchange.spec import (
    DATE, DATETIME, ENUM, INT, TEXT, UUID, VOID_REASON, Column, SheetSpec, record_head, record_tail,
)
from app.surveys.models import Survey, SurveyCopy
from app.surveys.rules import check_answers, check_items_text, items_of, parse_answers
from app.surveys.vocab import CopyStatus, SurveyMethod, SurveyStatus, TargetGroup


def _count(*conds):
    return (select(func.count()).select_from(SurveyCopy)
            .where(SurveyCopy.survey_id == Survey.id, SurveyCopy.voided_at.is_(None), *conds).scalar_subquery())


def _check_survey(values: dict) -> None:
    if values.get("start_date") and values.get("end_date") and values["end_date"] < values["start_date"]:
        raise ValidationError("结束日期", "不能早于开始日期")
    check_items_text(values.get("items") or "")
    if values.get("status") == SurveyStatus.VOID and not values.get("void_reason"):
        raise ValidationError("作废原因", f"状态为{SurveyStatus.VOID}时必须填写作废原因")


def _derive_survey(values: dict) -> dict:
    return {"items": check_items_text(values["items"])}


SURVEYS = SheetSpec(
    name="满意度调查",
    order=110,
    model=Survey,
    sort="start_date",
    columns=(
        *record_head(),
        Column("调查编号", "survey_no", TEXT, required=True, max_len=30),
        Column("调查名称", "title", TEXT, required=True, max_len=100, width=24),
        Column("调查目的", "purpose", TEXT, max_len=2000, width=24),
        Column("调查对象", "target_group", ENUM, required=True, choices=TargetGroup),
        Column("调查范围", "buildings", TEXT, max_len=500),
        Column("抽样比例", "sample_percent", INT, required=True, min_value=1, max_value=100),
        Column("抽样方法", "sample_rule", TEXT, max_len=500),
        Column("调查方式", "method", ENUM, required=True, choices=SurveyMethod),
        Column("调查人员", "people", TEXT, max_len=200),
        Column("开始日期", "start_date", DATE, required=True),
        Column("结束日期", "end_date", DATE, required=True),
        Column("发放率目标", "issue_goal", INT, required=True, min_value=1, max_value=100),
        Column("回收率目标", "return_goal", INT, required=True, min_value=1, max_value=100),
        Column("问卷项目", "items", TEXT, required=True, max_len=CONTENT_MAX, width=40),
        Column("状态", "status", ENUM, required=True, choices=SurveyStatus),
        Column("批准人", "approved_by", TEXT, max_len=50),
        Column("批准时间", "approved_at", DATETIME),
        Column("结束时间", "ended_at", DATETIME),
        Column("归档期限", "archive_deadline", DATE),
        Column("归档时间", "archived_at", DATETIME),
        Column("归档人", "archived_by", TEXT, max_len=50),
        Column("分析意见", "analysis", TEXT, max_len=CONTENT_MAX, width=30),
        Column("样本户数", "sample_count", INT, readonly=True),
        Column("发放数", "issued_count", INT, readonly=True),
        Column("回收数", "returned_count", INT, readonly=True),
        VOID_REASON,
        *record_tail(),
    ),
    extra={
        "sample_count": _count(),
        "issued_count": _count(SurveyCopy.issued_at.is_not(None)),
        "returned_count": _count(SurveyCopy.status == CopyStatus.RETURNED.value),
    },
    check=_check_survey,
    derive=_derive_survey,
)


def _check_copy(values: dict) -> None:
    if values.get("status") == CopyStatus.RETURNED and not values.get("returned_at"):
        raise ValidationError("回收时间", f"状态为{CopyStatus.RETURNED}时必须填写")
    if values.get("returned_at") and not values.get("answers"):
        raise ValidationError("答案", "已回收的问卷必须有答案")
    if values.get("status") == CopyStatus.VOID and not values.get("void_reason"):
        raise ValidationError("作废原因", f"状态为{CopyStatus.VOID}时必须填写作废原因")


def _prepare_copy(session, ctx, values: dict) -> dict:
    """The survey's id from 调查记录编号; the answers checked against its questionnaire."""
    survey = session.execute(select(Survey.id, Survey.items).where(Survey.uuid == values["survey_uuid"])).first()
    if survey is None:
        raise ValidationError("调查记录编号", f"找不到满意度调查 {values['survey_uuid']}"
                                          "（应在本工作簿的“满意度调查”表或本数据库中）")
    check_answers(items_of(survey.items), parse_answers(values.get("answers")))
    return {"survey_id": survey.id}


COPIES = SheetSpec(
    name="调查问卷",
    order=120,
    model=SurveyCopy,
    sort="code",
    columns=(
        *record_head(),
        Column("调查记录编号", "survey_uuid", UUID, required=True),
        Column("问卷编号", "code", TEXT, required=True, max_len=40),
        Column("房号", "unit_no", TEXT, required=True, max_len=40),
        Column("楼栋", "building", TEXT, required=True, max_len=20),
        Column("受访人", "respondent", TEXT, max_len=50),
        Column("状态", "status", ENUM, required=True, choices=CopyStatus),
        Column("发放时间", "issued_at", DATETIME),
        Column("发放人", "issued_by", TEXT, max_len=50),
        Column("调查方式", "channel", ENUM, choices=SurveyMethod),
        Column("回收时间", "returned_at", DATETIME),
        Column("录入人", "entered_by", TEXT, max_len=50),
        Column("答案", "answers", TEXT, max_len=CONTENT_MAX, width=30),
        Column("意见和建议", "comment", TEXT, max_len=2000, width=24),
        VOID_REASON,
        *record_tail(),
    ),
    extra={"survey_uuid": select(Survey.uuid).where(Survey.id == SurveyCopy.survey_id).scalar_subquery()},
    check=_check_copy,
    prepare=_prepare_copy,
)

_APPROVED = ("approved_by", "approved_at")
_ENDED = (*_APPROVED, "ended_at", "archive_deadline")
SURVEYS = held_to_rules(SURVEYS, past=("approved_at", "ended_at", "archived_at", "updated_at"), required_in={
    SurveyStatus.APPROVED: _APPROVED, SurveyStatus.RUNNING: _APPROVED, SurveyStatus.ENDED: _ENDED,
    SurveyStatus.ARCHIVED: (*_ENDED, "archived_at", "archived_by")})
COPIES = held_to_rules(COPIES, past=("issued_at", "returned_at", "updated_at"), required_in={
    CopyStatus.ISSUED: ("issued_at", "issued_by"),
    CopyStatus.RETURNED: ("issued_at", "issued_by", "returned_at", "entered_by", "answers", "channel")})

SHEETS = (SURVEYS, COPIES)
