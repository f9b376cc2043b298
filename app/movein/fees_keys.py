"""Fees collected (with receipt numbers, in fen), entrusted services (委托代办) and keys signed
for at a handover, and voiding any such line, or a meter reading, entered by mistake.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.movein.models import EntrustedService, Handover, HandoverFee, HandoverKey, MeterReading
from app.movein.handover_record import get_child, get_record, record_step, require_open
from app.movein.handover_data import (
    HandoverData, KeyRow, handover_data, keys_text, load_lines, summary_columns,
)


def _amount(value) -> int:
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("，", "").removeprefix("¥").removeprefix("￥")
    if value is None or value == "":
        raise ValidationError("金额", "必填，请填写金额", "amount")
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError("金额", f"“{value}”不是有效的金额", "amount") from None
    if not d.is_finite() or d <= 0:
        raise ValidationError("金额", "应大于 0", "amount")
    if d != d.quantize(Decimal("0.01")):
        raise ValidationError("金额", "最多两位小数（元、角、分）", "amount")
    if d >= Decimal("10000000"):
        raise ValidationError("金额", "金额过大，请核对", "amount")
    return int(d * 100)


def add_fee(ctx: Context, uuid: str, *, item: str, amount, receipt_no: str | None, note: str | None = None,
            expected_version: int | None = None) -> HandoverData:
    """A fee collected (item, amount in yuan, receipt number)."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    item = v.text("收费项目", item, required=True, max_len=100, key="item")
    cents = _amount(amount)
    receipt_no = v.text("收据号", receipt_no, required=True, max_len=50, key="receipt_no")
    note = v.text("备注", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, "登记收费")
        other = s.execute(select(HandoverFee.item, Handover.unit_no).join(Handover, Handover.id == HandoverFee.handover_id)
                          .where(HandoverFee.site_code == ctx.site.code, HandoverFee.receipt_no == receipt_no,
                                 HandoverFee.voided_at.is_(None))).first()
        if other is not None:
            raise ValidationError("收据号", f"{receipt_no} 已用于 {other[1]} 的“{other[0]}”，请核对", "receipt_no")
        records.create(ctx, s, HandoverFee, handover_id=h.id, item=item, amount_cents=cents,
                       receipt_no=receipt_no, note=note, action="登记收费")
        record_step(ctx, s, h, "登记收费", f"{item} {Decimal(cents) / 100:.2f} 元，收据号 {receipt_no}",
                    expected_version=expected_version)
        return handover_data(ctx, s, h)


def add_service(ctx: Context, uuid: str, *, item: str, detail: str | None = None,
                expected_version: int | None = None) -> HandoverData:
    """An entrusted service (委托代办)."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    item = v.text("代办事项", item, required=True, max_len=100, key="item")
    detail = v.text("委托内容", detail, max_len=2000, key="detail")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, "登记委托代办")
        records.create(ctx, s, EntrustedService, handover_id=h.id, item=item, detail=detail, action="登记委托代办")
        record_step(ctx, s, h, "登记委托代办", item, expected_version=expected_version)
        return handover_data(ctx, s, h)


def add_key(ctx: Context, uuid: str, *, kind: str, count: int, signed: bool = False,
            expected_version: int | None = None) -> HandoverData:
    """Keys handed over (kind and count); ``signed`` when the receiver has signed for them."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    kind = v.text("钥匙种类", kind, required=True, max_len=30, key="kind")
    try:
        count = int(count)
    except (TypeError, ValueError):
        raise ValidationError("数量", f"“{count}”不是整数", "count") from None
    if not 1 <= count <= 99:
        raise ValidationError("数量", "应为 1 到 99", "count")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, "登记钥匙")
        records.create(ctx, s, HandoverKey, handover_id=h.id, kind=kind, count=count, signed=bool(signed),
                       signed_at=ctx.now() if signed else None, action="交付钥匙")
        s.flush()
        record_step(ctx, s, h, "交付钥匙", f"{kind}×{count}" + ("，已签收" if signed else ""),
                    changes=summary_columns(s, h), expected_version=expected_version)
        return handover_data(ctx, s, h)


def sign_keys(ctx: Context, uuid: str, *, expected_version: int | None = None) -> HandoverData:
    """The receiver signed for every key not signed yet (钥匙领取签收)."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, "签收钥匙")
        keys = [k for k in load_lines(s, h)[4] if not k.signed]
        if not keys:
            raise ValidationError("钥匙", "没有待签收的钥匙", "keys")
        for k in keys:
            records.update(ctx, s, k, {"signed": True, "signed_at": ctx.now()}, expected_version=None,
                           action="签收钥匙")
        record_step(ctx, s, h, "签收钥匙", keys_text(records.to_row(k, KeyRow) for k in keys),
                    expected_version=expected_version)
        return handover_data(ctx, s, h)


_VOIDABLE = {"fee": (HandoverFee, "收费记录", "作废收费"), "service": (EntrustedService, "委托代办", "作废委托代办"),
             "key": (HandoverKey, "钥匙记录", "作废钥匙记录"), "meter": (MeterReading, "抄表记录", "作废抄表记录")}


def void_entry(ctx: Context, uuid: str, kind: str, entry_id: int, reason: str, *,
               expected_version: int | None = None) -> HandoverData:
    """Void a fee, service, key or meter line entered by mistake (kind: fee / service / key / meter)."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    model, label, action = _VOIDABLE[kind]
    reason = v.text("作废原因", reason, required=True, max_len=500, key="void_reason")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, action)
        obj = get_child(s, model, h, entry_id, label)
        records.void(ctx, s, obj, reason, expected_version=None, status_field=None, min_role=Role.RECEPTIONIST)
        s.flush()
        record_step(ctx, s, h, action, f"{label} #{entry_id}：{reason}", changes=summary_columns(s, h),
                    expected_version=expected_version)
        return handover_data(ctx, s, h)
