"""督导检查 (one inspection: who, when, where, the 一级指标 it was scored on, total and score) and
督导检查问题 (one finding: the standard's texts, the deduction, the rectification and re-check).

督导检查 columns:
``记录编号 | 站点编码 | 版本 | 检查编号 | 检查日期 | 检查人 | 检查区域 | 一级指标 | 总分 | 得分 | 状态 |
完成时间 | 被检查单位负责人 | 检查意见 | 作废原因 | 最后修改时间 | 最后修改人``

- 一级指标: ``名称 分值分`` joined by ``；``, e.g. ``行为规范 10分；房屋交付 10分``; 总分 and 得分 are
  numbers (points, up to two decimals); 得分 is the sum over the 一级指标 of what is left after the
  deductions, each never below zero; 状态: 检查中 / 已完成 / 已作废.

督导检查问题 columns:
``记录编号 | 站点编码 | 版本 | 督导检查记录编号 | 一级指标 | 二级指标 | 检查标准 | 检查方法 | 扣分标准 | 单位扣分 |
问题点数 | 人数 | 扣分 | 问题描述 | 整改责任人 | 整改期限 | 整改状态 | 整改情况 | 复查时间 | 复查人 | 复查结果 |
复查说明 | 作废原因 | 最后修改时间 | 最后修改人``

- 扣分标准: 每个问题点 / 每人每个问题点; 单位扣分 and 扣分 are numbers (points); 扣分 = 单位扣分 × 问题点数
  (× 人数 for 每人每个问题点); 整改状态: 待整改 / 已整改 / 复查未通过; 复查结果: 合格 / 不合格.
- Photos stay in the site's attachments folder; they are not carried by the workbook.
"""

from __future__ import annotations

from sqlalchemy import Float, cast, select

from app.domain.errors import ValidationError
from app.domain.import_rules import held_to_rules
from app.domain.validate import CONTENT_MAX
from app.exchange.spec import (
    DATE, DATETIME, ENUM, INT, NUMBER, TEXT, UUID, VOID_REASON, Column, SheetSpec, record_head, record_tail,
)
from app.inspections.models import Inspection, InspectionFinding
from app.inspections.rules import deduction, indicators_of
from app.inspections.vocab import DeductionBasis, InspectionStatus, RecheckResult, RectifyStatus


def _cp(points: float | None) -> int | None:
    return None if points is None else int(round(points * 100))


def _two_decimals(header: str, value: float | None) -> None:
    if value is not None and abs(value * 100 - round(value * 100)) > 1e-6:
        raise ValidationError(header, "最多两位小数")


def _check_inspection(values: dict) -> None:
    indicators = indicators_of(values.get("indicators"))
    if not indicators:
        raise ValidationError("一级指标", "必填")
    for header, key in (("总分", "total"), ("得分", "score")):
        _two_decimals(header, values.get(key))
    if _cp(values.get("total")) != sum(i["points_cp"] for i in indicators):
        raise ValidationError("总分", "应等于各一级指标分值之和")
    if values.get("score") is not None and values["score"] > values["total"]:
        raise ValidationError("得分", "不能超过总分")
    if values.get("status") == InspectionStatus.VOID and not values.get("void_reason"):
        raise ValidationError("作废原因", f"状态为{InspectionStatus.VOID}时必须填写作废原因")


INSPECTIONS = SheetSpec(
    name="督导检查",
    order=130,
    model=Inspection,
    sort="inspected_on",
    columns=(
        *record_head(),
        Column("检查编号", "inspection_no", TEXT, required=True, max_len=30),
        Column("检查日期", "inspected_on", DATE, required=True),
        Column("检查人", "inspector", TEXT, required=True, max_len=100),
        Column("检查区域", "area", TEXT, required=True, max_len=200),
        Column("一级指标", "indicators", TEXT, required=True, max_len=CONTENT_MAX, width=40),
        Column("总分", "total", NUMBER, required=True, min_value=0, max_value=1000),
        Column("得分", "score", NUMBER, required=True, min_value=0, max_value=1000),
        Column("状态", "status", ENUM, required=True, choices=InspectionStatus),
        Column("完成时间", "completed_at", DATETIME),
        Column("被检查单位负责人", "site_signer", TEXT, max_len=50),
        Column("检查意见", "summary", TEXT, max_len=CONTENT_MAX, width=30),
        VOID_REASON,
        *record_tail(),
    ),
    extra={"total": cast(Inspection.total_cp, Float) / 100, "score": cast(Inspection.score_cp, Float) / 100},
    check=_check_inspection,
    derive=lambda values: {"total_cp": _cp(values["total"]), "score_cp": _cp(values["score"])},
)


def _check_finding(values: dict) -> None:
    for header, key in (("单位扣分", "unit"), ("扣分", "deducted")):
        _two_decimals(header, values.get(key))
    expected = deduction(values["basis"], _cp(values["unit"]), values["problems"], values["persons"])
    if _cp(values["deducted"]) != expected:
        raise ValidationError("扣分", f"应为单位扣分 × 问题点数{'× 人数' if values['basis'] == DeductionBasis.PER_PERSON else ''}"
                                    f"（{expected / 100:g}）")
    if values.get("recheck_result") and not values.get("rechecked_at"):
        raise ValidationError("复查时间", "有复查结果时必须填写")


def _prepare_finding(session, ctx, values: dict) -> dict:
    ins = session.execute(select(Inspection.id, Inspection.indicators)
                          .where(Inspection.uuid == values["inspection_uuid"])).first()
    if ins is None:
        raise ValidationError("督导检查记录编号", f"找不到督导检查 {values['inspection_uuid']}"
                                             "（应在本工作簿的“督导检查”表或本数据库中）")
    if values["indicator"] not in {i["name"] for i in indicators_of(ins.indicators)}:
        raise ValidationError("一级指标", f"“{values['indicator']}”不在该次检查的一级指标中")
    return {"inspection_id": ins.id}


FINDINGS = SheetSpec(
    name="督导检查问题",
    order=140,
    model=InspectionFinding,
    sort="created_at",
    columns=(
        *record_head(),
        Column("督导检查记录编号", "inspection_uuid", UUID, required=True),
        Column("一级指标", "indicator", TEXT, required=True, max_len=50),
        Column("二级指标", "item", TEXT, required=True, max_len=50),
        Column("检查标准", "criterion", TEXT, max_len=500, width=24),
        Column("检查方法", "method", TEXT, max_len=30),
        Column("扣分标准", "basis", ENUM, required=True, choices=DeductionBasis),
        Column("单位扣分", "unit", NUMBER, required=True, min_value=0.01, max_value=1000),
        Column("问题点数", "problems", INT, required=True, min_value=1, max_value=999),
        Column("人数", "persons", INT, required=True, min_value=1, max_value=999),
        Column("扣分", "deducted", NUMBER, required=True, min_value=0, max_value=1000000),
        Column("问题描述", "note", TEXT, max_len=CONTENT_MAX, width=30),
        Column("整改责任人", "owner", TEXT, max_len=50),
        Column("整改期限", "deadline", DATE, required=True),
        Column("整改状态", "rectify_status", ENUM, required=True, choices=RectifyStatus),
        Column("整改情况", "rectified_note", TEXT, max_len=CONTENT_MAX, width=24),
        Column("复查时间", "rechecked_at", DATETIME),
        Column("复查人", "rechecked_by", TEXT, max_len=50),
        Column("复查结果", "recheck_result", ENUM, choices=RecheckResult),
        Column("复查说明", "recheck_note", TEXT, max_len=CONTENT_MAX),
        VOID_REASON,
        *record_tail(),
    ),
    extra={
        "inspection_uuid": select(Inspection.uuid).where(Inspection.id == InspectionFinding.inspection_id)
        .scalar_subquery(),
        "unit": cast(InspectionFinding.unit_cp, Float) / 100,
        "deducted": cast(InspectionFinding.deduction_cp, Float) / 100,
    },
    check=_check_finding,
    derive=lambda values: {"unit_cp": _cp(values["unit"]), "deduction_cp": _cp(values["deducted"])},
    prepare=_prepare_finding,
)

_RECHECKED = ("rechecked_at", "rechecked_by", "recheck_result")
INSPECTIONS = held_to_rules(INSPECTIONS, past=("inspected_on", "completed_at", "updated_at"),
                            required_in={InspectionStatus.DONE: ("completed_at", "site_signer")})
FINDINGS = held_to_rules(FINDINGS, past=("rechecked_at", "updated_at"), state="rectify_status",
                         required_in={RectifyStatus.DONE: _RECHECKED, RectifyStatus.FAILED: _RECHECKED})

SHEETS = (INSPECTIONS, FINDINGS)
