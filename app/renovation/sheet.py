"""装修 (renovation applications) and 装修巡查 (inspection visits).

Money is kept in fen in the database and written as yuan (a number with two decimals).
涉及拆改 is the application's ``alteration`` flag (the four detailed flags — structure,
facade, waterproofing, gas — are not in the contract, so an imported application has
涉及拆改 but not which of them).

A visit row carries its 整改通知书编号 / 整改期限 / 复查时间 / 复查结果. When an import
brings a visit whose notice this database does not know, the notice is recreated from the
row (facts = 违规项 and 违规描述, the site's default requirement), so an open notice keeps
blocking the deposit refund after an import.
"""

from __future__ import annotations

from sqlalchemy import Float, cast, select

from app.domain.errors import ValidationError
from app.domain.validate import CONTENT_MAX
from app.domain.import_rules import held_to_rules
from app.exchange.spec import (
    DATE, DATETIME, ENUM, NUMBER, TEXT, UUID, VOID_REASON, YESNO, Column, SheetSpec, record_head, record_tail,
)
from app.renovation.models import RectificationNotice, Renovation, RenovationInspection
from app.renovation.notices import restore_from_visit
from app.renovation.vocab import PERMITTED_STATUSES, AcceptanceResult, RecheckResult, RenovationStatus, SiteState

MAX_YUAN = 10_000_000


def _fen(yuan: float | None) -> int | None:
    return None if yuan is None else int(round(yuan * 100))


def _check_application(values: dict) -> None:
    start, end = values.get("start_date"), values.get("planned_end_date")
    if start and end and end < start:
        raise ValidationError("计划完工日期", "不能早于开工日期")
    for header, key in (("押金", "deposit_yuan"), ("押金退还金额", "refund_yuan")):
        amount = values.get(key)
        if amount is not None and round(amount, 2) != amount:
            raise ValidationError(header, "最多两位小数（精确到分）")
    refund = values.get("refund_yuan")
    if refund is not None and values.get("deposit_yuan") is not None and refund > values["deposit_yuan"]:
        raise ValidationError("押金退还金额", "不能超过押金")
    status = values.get("status")
    if status == RenovationStatus.VOID and not values.get("void_reason"):
        raise ValidationError("作废原因", f"状态为{RenovationStatus.VOID}时必须填写作废原因")
    if status == RenovationStatus.REFUNDED and refund is None:
        raise ValidationError("押金退还金额", f"状态为{RenovationStatus.REFUNDED}时必须填写")
    if status in PERMITTED_STATUSES and not values.get("permit_no"):
        raise ValidationError("许可证号", f"状态为{status}时必须有许可证号")


def _derive_application(values: dict) -> dict:
    return {"deposit_fen": _fen(values.get("deposit_yuan")) or 0, "refund_fen": _fen(values.get("refund_yuan"))}


APPLICATIONS = SheetSpec(
    name="装修",
    order=70,
    model=Renovation,
    sort="created_at",
    columns=(
        *record_head(),
        Column("房号", "unit_no", TEXT, required=True, max_len=40),
        Column("业主", "owner", TEXT, required=True, max_len=50),
        Column("施工单位", "contractor", TEXT, required=True, max_len=100),
        Column("施工负责人", "manager", TEXT, required=True, max_len=50),
        Column("负责人电话", "manager_phone", TEXT, required=True, max_len=40, phone=True),
        Column("装修内容", "scope", TEXT, required=True, max_len=CONTENT_MAX, width=30),
        Column("涉及拆改", "alteration", YESNO, required=True),
        Column("开工日期", "start_date", DATE, required=True),
        Column("计划完工日期", "planned_end_date", DATE, required=True),
        Column("押金", "deposit_yuan", NUMBER, required=True, min_value=0, max_value=MAX_YUAN),
        Column("许可证号", "permit_no", TEXT, max_len=30),
        Column("状态", "status", ENUM, required=True, choices=RenovationStatus),
        Column("审批人", "approved_by", TEXT, max_len=50),
        Column("审批时间", "approved_at", DATETIME),
        Column("验收时间", "accepted_at", DATETIME),
        Column("验收结果", "acceptance_result", ENUM, choices=AcceptanceResult),
        Column("押金退还金额", "refund_yuan", NUMBER, min_value=0, max_value=MAX_YUAN),
        Column("押金退还时间", "refunded_at", DATETIME),
        VOID_REASON,
        *record_tail(),
    ),
    extra={
        "deposit_yuan": cast(Renovation.deposit_fen, Float) / 100,
        "refund_yuan": cast(Renovation.refund_fen, Float) / 100,
    },
    check=_check_application,
    derive=_derive_application,
)
_APPROVED = ("approved_by", "approved_at")
_ACCEPTED = (*_APPROVED, "accepted_at", "acceptance_result")
APPLICATIONS = held_to_rules(APPLICATIONS, past=("approved_at", "accepted_at", "refunded_at", "updated_at"), required_in={
    RenovationStatus.REFUSED: _APPROVED, RenovationStatus.IN_PROGRESS: _APPROVED,
    RenovationStatus.AWAITING_ACCEPTANCE: _APPROVED, RenovationStatus.ACCEPTED: _ACCEPTED,
    RenovationStatus.REFUNDED: (*_ACCEPTED, "refund_yuan", "refunded_at")})


def _check_visit(values: dict) -> None:
    if values.get("failed_checks") and not values.get("notice_no"):
        raise ValidationError("整改通知书编号", "有违规项时应有整改通知书编号")
    if values.get("notice_no") and not values.get("notice_deadline"):
        raise ValidationError("整改期限", "有整改通知书时必须填写")
    if values.get("recheck_result") and not values.get("recheck_at"):
        raise ValidationError("复查时间", "有复查结果时必须填写")


def _prepare_visit(session, ctx, values: dict) -> dict:
    """The application's id from 装修记录编号; a notice this database lacks is recreated."""
    reno = session.execute(select(Renovation.id, Renovation.site_code)
                           .where(Renovation.uuid == values["renovation_uuid"])).first()
    if reno is None:
        raise ValidationError("装修记录编号", f"找不到装修记录 {values['renovation_uuid']}"
                                          "（应在本工作簿的“装修”表或本数据库中）")
    number = values.get("notice_no")
    if number:
        known = session.scalar(select(RectificationNotice.id).where(
            RectificationNotice.site_code == values["site_code"], RectificationNotice.notice_no == number))
        if known is None:
            restore_from_visit(ctx, session, reno.id, values)
    return {"renovation_id": reno.id}


VISITS = SheetSpec(
    name="装修巡查",
    order=80,
    model=RenovationInspection,
    sort="inspected_at",
    created_from=("inspected_at", "inspector"),
    columns=(
        *record_head(),
        Column("装修记录编号", "renovation_uuid", UUID, required=True),
        Column("房号", "unit_no", TEXT, required=True, max_len=40),
        Column("巡查时间", "inspected_at", DATETIME, required=True),
        Column("巡查人", "inspector", TEXT, required=True, max_len=50),
        Column("现场情况", "site_state", ENUM, required=True, choices=SiteState),
        Column("施工进度", "progress", TEXT, max_len=20),
        Column("违规项", "failed_checks", TEXT, max_len=CONTENT_MAX, width=24),
        Column("违规描述", "violation", TEXT, max_len=CONTENT_MAX, width=30),
        Column("处理措施", "measures", TEXT, max_len=2000, width=20),
        Column("整改通知书编号", "notice_no", TEXT, max_len=30),
        Column("整改期限", "notice_deadline", DATETIME),
        Column("复查时间", "recheck_at", DATETIME),
        Column("复查结果", "recheck_result", ENUM, choices=RecheckResult),
        VOID_REASON,
        *record_tail(),
    ),
    extra={
        "renovation_uuid": select(Renovation.uuid).where(Renovation.id == RenovationInspection.renovation_id)
        .scalar_subquery(),
    },
    check=_check_visit,
    prepare=_prepare_visit,
)
VISITS = held_to_rules(VISITS, past=("inspected_at", "recheck_at", "updated_at"))

SHEETS = (APPLICATIONS, VISITS)
