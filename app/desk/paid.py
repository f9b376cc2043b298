"""有偿服务: a service order charged by the site's price list, with its receipt and how it was
paid; a paid repair links its repair work order. The fee belongs to the shift it was taken in;
once that shift is signed over the order refuses edits and only a 客服主管 can void it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import repairs
from app.core import records
from app.core.context import Context
from app.desk.desk_settings import find_price
from app.desk.models import ServiceOrder
from app.desk.numbers import next_number
from app.desk.vocab import PayMethod, ServiceStatus
from app.domain import validate as v
from app.domain.errors import NotFound, ValidationError

EDITABLE = ("customer", "unit_no", "phone", "receipt_no", "pay_method", "quantity", "note")


@dataclass(frozen=True)
class ServiceOrderRow:
    id: int
    uuid: str
    version: int
    number: str
    customer: str
    unit_no: str | None
    phone: str | None
    service: str
    unit_price_fen: int
    quantity: int
    amount_fen: int
    receipt_no: str | None
    pay_method: str
    paid_at: datetime
    repair_uuid: str | None
    repair_number: str | None
    status: str
    note: str | None
    received_by: str
    signed: bool  # its shift is signed over
    void_reason: str | None
    updated_at: datetime
    updated_by: str


def order_row(o: ServiceOrder) -> ServiceOrderRow:
    return records.to_row(o, ServiceOrderRow, received_by=o.created_by, signed=o.handover_id is not None)


def _load(s: Session, uuid: str) -> ServiceOrder:
    return records.get_by_uuid(s, ServiceOrder, v.uuid_text("记录编号", uuid, required=True), "有偿服务单")


def _quantity(value) -> int:
    try:
        q = int(value)
    except (TypeError, ValueError):
        raise ValidationError("数量", f"“{value}”不是整数", "quantity") from None
    if not 1 <= q <= 1000:
        raise ValidationError("数量", "应在 1 到 1000 之间", "quantity")
    return q


def _repair(ctx: Context, key: str | None) -> tuple[str | None, str | None]:
    key = (key or "").strip()
    if not key:
        return None, None
    try:
        order = repairs.get_order(ctx, key)
    except NotFound:
        raise ValidationError("关联维修工单", f"找不到维修工单 {key}", "repair") from None
    if not order.paid:
        raise ValidationError("关联维修工单", f"维修工单 {order.number} 不是有偿维修", "repair")
    return order.uuid, order.number


def create_order(ctx: Context, *, customer: str, service: str, receipt_no: str | None,
                 pay_method: str = PayMethod.CASH, unit_no: str | None = None, phone: str | None = None,
                 quantity: int = 1, repair: str | None = None, note: str | None = None) -> ServiceOrderRow:
    """Charge a service at the price list's price × quantity, now, on a receipt."""
    ctx.require_actor()
    customer = v.text("客户", customer, required=True, max_len=50, key="customer")
    price = find_price(ctx, service)
    qty = _quantity(quantity)
    receipt = v.text("收据号", receipt_no, required=price.price_fen > 0, max_len=50, key="receipt_no")
    method = v.choice("付款方式", pay_method, PayMethod, key="pay_method")
    unit_no = v.normalize_unit(unit_no, key="unit_no") if unit_no else None
    phone = v.normalize_phone(phone, key="phone")
    note = v.text("备注", note, max_len=500, key="note")
    repair_uuid, repair_number = _repair(ctx, repair)
    now = ctx.now()
    with ctx.unit_of_work() as s:
        site = ctx.site.code
        o = records.create(ctx, s, ServiceOrder, number=next_number(s, ServiceOrder, site, now.date()),
                           customer=customer, unit_no=unit_no, phone=phone, service=price.name,
                           unit_price_fen=price.price_fen, quantity=qty, amount_fen=price.price_fen * qty,
                           receipt_no=receipt, pay_method=method.value, paid_at=now, repair_uuid=repair_uuid,
                           repair_number=repair_number, status=ServiceStatus.PAID.value, note=note, action="收费")
        return order_row(o)


def update_order(ctx: Context, uuid: str, changes: dict, *, expected_version: int) -> ServiceOrderRow:
    """Correct an order of the open shift; a signed-over one refuses every change."""
    ctx.require_actor()
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError("修改", "这些内容不能直接修改：" + "、".join(sorted(unknown)))
    clean: dict = {}
    for key, value in changes.items():
        if key == "customer":
            clean[key] = v.text("客户", value, required=True, max_len=50, key=key)
        elif key == "unit_no":
            clean[key] = v.normalize_unit(value, key=key) if value else None
        elif key == "phone":
            clean[key] = v.normalize_phone(value, key=key)
        elif key == "pay_method":
            clean[key] = v.choice("付款方式", value, PayMethod, key=key).value
        elif key == "quantity":
            clean[key] = _quantity(value)
        elif key == "note":
            clean[key] = v.text("备注", value, max_len=500, key=key)
        else:
            clean[key] = v.text("收据号", value, max_len=50, key=key)
    with ctx.unit_of_work() as s:
        o = _load(s, uuid)
        records.check_version(o, expected_version)
        if o.handover_id is not None:
            raise ValidationError("交接班", f"有偿服务单 {o.number} 的款项已在交接班时签字移交，不能再修改。"
                                           "如确有错误，请客服主管作废该记录并注明原因，再重新登记。")
        if "quantity" in clean:
            clean["amount_fen"] = o.unit_price_fen * clean["quantity"]
        records.update(ctx, s, o, clean, expected_version=None)
        return order_row(o)


def void_order(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> ServiceOrderRow:
    with ctx.unit_of_work() as s:
        o = _load(s, uuid)
        records.void(ctx, s, o, reason, expected_version=expected_version)
        return order_row(o)


def get_order(ctx: Context, key: str) -> ServiceOrderRow:
    """By record number (UUID) or 服务单号."""
    key = (key or "").strip()
    with ctx.read() as s:
        if len(key) == 36:
            return order_row(_load(s, key))
        o = s.scalars(select(ServiceOrder).where(ServiceOrder.site_code == ctx.site.code,
                                                 ServiceOrder.number == key.upper())).first()
        if o is None:
            raise NotFound(f"找不到有偿服务单 {key}")
        return order_row(o)


def list_orders(ctx: Context, date_from: date | None = None, date_to: date | None = None, *,
                include_void: bool = True, limit: int = 2000) -> list[ServiceOrderRow]:
    q = select(ServiceOrder).where(ServiceOrder.site_code == ctx.site.code)
    if not include_void:
        q = q.where(ServiceOrder.voided_at.is_(None))
    if date_from is not None:
        q = q.where(ServiceOrder.paid_at >= datetime.combine(date_from, datetime.min.time()))
    if date_to is not None:
        q = q.where(ServiceOrder.paid_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
    with ctx.read() as s:
        return [order_row(o) for o in s.scalars(q.order_by(ServiceOrder.paid_at.desc(), ServiceOrder.id.desc())
                                                .limit(limit))]
