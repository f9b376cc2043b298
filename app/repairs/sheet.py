"""维修: repair work orders.

The workbook has no 单号 column (the contract fixes the columns), so an imported order
that is new to this database gets the next 单号 of its 报修 day (WX + date + running number).
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.domain.errors import ValidationError
from app.domain.validate import CONTENT_MAX, phone_digits
from app.domain.import_rules import held_to_rules, needs_when
from app.exchange.spec import (
    DATETIME, ENUM, NUMBER, TEXT, UUID, VOID_REASON, YESNO, Column, SheetSpec, record_head, record_tail,
)
from app.repairs.models import RepairOrder
from app.repairs.rules import number_prefix
from app.repairs.vocab import RepairStatus, Urgency

URGENCY = tuple(u.value for u in Urgency)
STATUS = tuple(s.value for s in RepairStatus)
_NUMBERS = "repairs.import_numbers"


def _derive(values: dict) -> dict:
    return {"phone_digits": phone_digits(values.get("phone")) or None}


def _check(values: dict) -> None:
    received = values.get("received_at")
    for header, attr in (("派工时间", "dispatched_at"), ("接单时间", "picked_up_at"), ("完成时间", "completed_at")):
        at = values.get(attr)
        if at is not None and received is not None and at < received:
            raise ValidationError(header, "不能早于报修时间")
    if values.get("status") == RepairStatus.VOID.value and not values.get("void_reason"):
        raise ValidationError("作废原因", f"状态为{RepairStatus.VOID.value}时必须填写作废原因")


def _prepare(session, ctx, values: dict) -> dict:
    """A 单号 for an order this database does not know yet (kept for a known one)."""
    known = session.scalar(select(RepairOrder.id).where(RepairOrder.uuid == values["uuid"]))
    if known is not None:
        return {}
    day = values["received_at"].date()
    prefix = number_prefix(day)
    site = values["site_code"]
    issued: dict = session.info.setdefault(_NUMBERS, {})
    if (site, prefix) not in issued:
        last = session.scalar(select(func.max(RepairOrder.number)).where(RepairOrder.site_code == site,
                                                                         RepairOrder.number.startswith(prefix)))
        issued[(site, prefix)] = int(last[len(prefix):]) if last else 0
    issued[(site, prefix)] += 1
    return {"number": f"{prefix}{issued[(site, prefix)]:03d}"}


SHEET = SheetSpec(
    name="维修",
    order=40,
    model=RepairOrder,
    sort="received_at",
    created_from=("received_at", "received_by"),
    columns=(
        *record_head(),
        Column("来源记录编号", "source_contact_uuid", UUID),
        Column("报修时间", "received_at", DATETIME, required=True),
        Column("报修人", "reporter", TEXT, required=True, max_len=50),
        Column("房号", "unit_no", TEXT, max_len=40),
        Column("联系电话", "phone", TEXT, max_len=40, phone=True),
        Column("报修内容", "content", TEXT, required=True, max_len=CONTENT_MAX, width=40),
        Column("类别", "category", TEXT, required=True, max_len=50),
        Column("紧急程度", "urgency", ENUM, required=True, choices=URGENCY),
        Column("是否有偿", "paid", YESNO, required=True),
        Column("派工时间", "dispatched_at", DATETIME),
        Column("接单时间", "picked_up_at", DATETIME),
        Column("接单人", "picked_up_by", TEXT, max_len=50),
        Column("完成时间", "completed_at", DATETIME),
        Column("维修结果", "result", TEXT, max_len=CONTENT_MAX, width=30),
        Column("材料及费用", "cost", NUMBER, min_value=0, max_value=1_000_000),
        Column("是否超时", "overdue", YESNO, required=True),
        Column("需回访", "follow_up_required", YESNO, required=True),
        Column("状态", "status", ENUM, required=True, choices=STATUS),
        Column("受理人", "received_by", TEXT, required=True, max_len=50),
        VOID_REASON,
        *record_tail(),
    ),
    derive=_derive,
    check=_check,
    prepare=_prepare,
)
_DONE = ("dispatched_at", "picked_up_at", "picked_up_by", "completed_at", "result")
SHEET = held_to_rules(
    SHEET, past=("received_at", "dispatched_at", "picked_up_at", "completed_at", "updated_at"),
    required_in={RepairStatus.DISPATCHED: ("dispatched_at",),
                 RepairStatus.IN_REPAIR: ("dispatched_at", "picked_up_at", "picked_up_by"),
                 RepairStatus.AWAITING_FOLLOW_UP: _DONE, RepairStatus.CLOSED: _DONE},
    also=needs_when(lambda v: v.get("paid") and v.get("completed_at") is not None, "材料及费用", "cost",
                    "有偿维修完工后必须填写收费金额"))
