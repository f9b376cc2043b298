"""Water, electricity and gas meter readings taken at a handover. A meter's readings only
grow: a reading lower than that meter's previous one (or higher than a later one) is refused.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.movein.models import MeterReading
from app.movein.vocab import MeterKind
from app.movein.handover_record import get_record, record_step, require_open, site_today
from app.movein.handover_data import HandoverData, MeterRow, handover_data, summary_columns


def _reading(value) -> float:
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        raise ValidationError("读数", "必填，请填写表读数", "reading")
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError("读数", f"“{value}”不是数字", "reading") from None
    if not d.is_finite():
        raise ValidationError("读数", f"“{value}”不是数字", "reading")
    if d < 0:
        raise ValidationError("读数", "不能为负数", "reading")
    if d >= Decimal("100000000"):
        raise ValidationError("读数", "读数过大，请核对", "reading")
    return float(round(d, 3))


def _fmt_reading(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e7 else f"{x:.3f}"


def add_meter_reading(ctx: Context, uuid: str, *, kind: MeterKind | str, meter_no: str, reading,
                      read_on: date | None = None, expected_version: int | None = None) -> HandoverData:
    """A meter reading. It may not be lower than that meter's previous reading (nor higher than a later one)."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    kind = v.choice("表类型", kind, MeterKind, key="kind")
    meter_no = v.text("表号", meter_no, required=True, max_len=50, key="meter_no")
    value = _reading(reading)
    read_on = read_on or site_today(ctx)
    if isinstance(read_on, datetime):
        read_on = read_on.date()
    if read_on > site_today(ctx):
        raise ValidationError("抄表日期", "不能晚于今天", "read_on")
    if read_on < date(2000, 1, 1):
        raise ValidationError("抄表日期", "早于 2000 年，请检查", "read_on")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, "录入表读数")
        same = (MeterReading.site_code == ctx.site.code, MeterReading.unit_no == h.unit_no,
                MeterReading.kind == kind.value, MeterReading.meter_no == meter_no, MeterReading.voided_at.is_(None))
        prev = s.scalars(select(MeterReading).where(*same, MeterReading.read_on <= read_on)
                         .order_by(MeterReading.read_on.desc(), MeterReading.id.desc())).first()
        if prev is not None and value < prev.reading:
            raise ValidationError(
                "读数", f"{kind.value}表 {meter_no} 的读数 {_fmt_reading(value)} 低于该表上次读数 "
                        f"{_fmt_reading(prev.reading)}（{prev.read_on:%Y-%m-%d}，{prev.created_by}录入）。表读数只增不减，"
                        f"请核对；如已换表，请填写新表号", "reading")
        later = s.scalars(select(MeterReading).where(*same, MeterReading.read_on > read_on)
                          .order_by(MeterReading.read_on, MeterReading.id)).first()
        if later is not None and value > later.reading:
            raise ValidationError(
                "读数", f"{kind.value}表 {meter_no} 的读数 {_fmt_reading(value)} 高于该表之后 {later.read_on:%Y-%m-%d} "
                        f"的读数 {_fmt_reading(later.reading)}，表读数只增不减，请核对日期和读数", "reading")
        records.create(ctx, s, MeterReading, handover_id=h.id, unit_no=h.unit_no, kind=kind.value,
                       meter_no=meter_no, reading=value, read_on=read_on, action="录入表读数")
        s.flush()
        record_step(ctx, s, h, "录入表读数", f"{kind.value}表 {meter_no}：{_fmt_reading(value)}（{read_on:%Y-%m-%d}）",
                    changes=summary_columns(s, h), expected_version=expected_version)
        return handover_data(ctx, s, h)


def previous_reading(ctx: Context, unit_no: str, kind: MeterKind | str, meter_no: str | None = None
                     ) -> MeterRow | None:
    """The unit's latest reading of a meter kind (of one meter when ``meter_no`` is given)."""
    code = v.normalize_unit(unit_no, required=True)
    kind = v.choice("表类型", kind, MeterKind)
    with ctx.read() as s:
        q = select(MeterReading).where(MeterReading.site_code == ctx.site.code, MeterReading.unit_no == code,
                                       MeterReading.kind == kind.value, MeterReading.voided_at.is_(None))
        if meter_no:
            q = q.where(MeterReading.meter_no == meter_no.strip())
        m = s.scalars(q.order_by(MeterReading.read_on.desc(), MeterReading.id.desc())).first()
        return None if m is None else records.to_row(m, MeterRow)
