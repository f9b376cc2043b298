"""入伙 (one handover of one unit) and 入伙缺陷 (one defect found at a handover inspection).

The readings and keys of 入伙 are the handover's summary columns (kept by the service),
so an imported handover keeps them; 缺陷数 / 未销项缺陷数 are counted from the defects
(export only). A defect names its handover by 入伙记录编号: the 入伙 sheet is written
first, so a workbook may carry both.
"""

from __future__ import annotations

from sqlalchemy import case, func, select

from app.movein.models import Defect, Handover
from app.movein.vocab import OPEN_DEFECT, DefectSeverity, DefectStatus, HandoverMode, HandoverStatus, PartyKind
from app.domain.errors import ValidationError
from app.domain.import_rules import held_to_rules
from app.exchange.spec import (
    DATE, DATETIME, ENUM, INT, NUMBER, TEXT, UUID, VOID_REASON, Column, SheetSpec, record_head, record_tail,
)

# The words the workbook's ENUM columns accept, in the order the contract lists them.
MODES = tuple(m.value for m in HandoverMode)
PARTY_KINDS = tuple(m.value for m in PartyKind)
HANDOVER_STATUS = tuple(m.value for m in HandoverStatus)
SEVERITIES = tuple(m.value for m in DefectSeverity)
DEFECT_STATUS = tuple(m.value for m in DefectStatus)


def _principal():
    """委托人: the owner, when someone else (受托人, 租户) received the unit."""
    return case((Handover.party_kind != PartyKind.OWNER.value, Handover.owner_name), else_=None)


def _defects(open_only: bool):
    q = select(func.count(Defect.id)).where(Defect.handover_id == Handover.id, Defect.voided_at.is_(None))
    if open_only:
        q = q.where(Defect.status.in_(OPEN_DEFECT))
    return q.scalar_subquery()


def _check_handover(values: dict) -> None:
    if values.get("status") == HandoverStatus.VOID.value and not values.get("void_reason"):
        raise ValidationError("作废原因", "状态为已作废时必须填写作废原因")
    if values.get("party_kind") == PartyKind.PROXY.value and not values.get("principal"):
        raise ValidationError("委托人", "接收人身份为受托人时必须填写委托人（业主）")


def _derive_handover(values: dict) -> dict:
    if values.get("party_kind") == PartyKind.OWNER.value:
        return {"owner_name": values.get("receiver_name")}
    return {"owner_name": values.get("principal")}


HANDOVER_SHEET = SheetSpec(
    name="入伙",
    order=50,
    model=Handover,
    sort="handover_at",
    created_from=("handover_at", "handled_by"),
    extra={"principal": _principal(), "defect_count": _defects(False), "open_defect_count": _defects(True)},
    columns=(
        *record_head(),
        Column("房号", "unit_no", TEXT, required=True, max_len=40),
        Column("交付方式", "mode", ENUM, required=True, choices=MODES),
        Column("接收人", "receiver_name", TEXT, required=True, max_len=50),
        Column("接收人身份", "party_kind", ENUM, required=True, choices=PARTY_KINDS),
        Column("委托人", "principal", TEXT, max_len=50),
        Column("办理时间", "handover_at", DATETIME, required=True),
        Column("水表读数", "water_reading", NUMBER, min_value=0),
        Column("电表读数", "electricity_reading", NUMBER, min_value=0),
        Column("燃气表读数", "gas_reading", NUMBER, min_value=0),
        Column("钥匙", "keys_text", TEXT, max_len=500, width=24),
        Column("缺陷数", "defect_count", INT, readonly=True),
        Column("未销项缺陷数", "open_defect_count", INT, readonly=True),
        Column("整改期限", "rectify_deadline", DATE),
        Column("状态", "status", ENUM, required=True, choices=HANDOVER_STATUS),
        Column("经办人", "handled_by", TEXT, required=True, max_len=50),
        VOID_REASON,
        *record_tail(),
    ),
    check=_check_handover,
    derive=_derive_handover,
)
HANDOVER_SHEET = held_to_rules(HANDOVER_SHEET, past=("handover_at", "updated_at"),
                               required_in={HandoverStatus.NEEDS_RECTIFICATION: ("rectify_deadline",)})


def _prepare_defect(session, ctx, values: dict) -> dict:
    hid = session.scalar(select(Handover.id).where(Handover.uuid == values["handover_uuid"],
                                                   Handover.site_code == values["site_code"]))
    if hid is None:
        raise ValidationError("入伙记录编号", f"找不到入伙记录 {values['handover_uuid']}（请一并导入其“入伙”行）")
    return {"handover_id": hid}


DEFECT_SHEET = SheetSpec(
    name="入伙缺陷",
    order=60,
    model=Defect,
    extra={"handover_uuid": select(Handover.uuid).where(Handover.id == Defect.handover_id).scalar_subquery()},
    columns=(
        *record_head(),
        Column("入伙记录编号", "handover_uuid", UUID, required=True),
        Column("房号", "unit_no", TEXT, required=True, max_len=40),
        Column("部位", "room", TEXT, required=True, max_len=30),
        Column("检查项", "item", TEXT, required=True, max_len=50),
        Column("问题描述", "description", TEXT, required=True, max_len=2000, width=36),
        Column("严重程度", "severity", ENUM, required=True, choices=SEVERITIES),
        Column("责任方", "responsible", TEXT, max_len=50),
        Column("整改期限", "deadline", DATE),
        Column("状态", "status", ENUM, required=True, choices=DEFECT_STATUS),
        Column("复验时间", "reinspected_at", DATETIME),
        Column("复验人", "reinspected_by", TEXT, max_len=50),
        *record_tail(),
    ),
    prepare=_prepare_defect,
)
DEFECT_SHEET = held_to_rules(DEFECT_SHEET, past=("reinspected_at", "updated_at"),
                             required_in={DefectStatus.CLOSED: ("reinspected_at", "reinspected_by")})

SHEETS = (HANDOVER_SHEET, DEFECT_SHEET)
