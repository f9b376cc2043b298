"""Appointments of handover days (slots of a 集中交付 day or a single visit): booking, no-show
and cancelling, the day's list and how many each day of a range has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, ValidationError
from app.movein.models import Appointment, Handover
from app.movein.vocab import AppointmentStatus, HandoverMode, OPEN_HANDOVER, PartyKind


@dataclass(frozen=True)
class AppointmentRow:
    uuid: str
    version: int
    unit_no: str
    at: datetime
    name: str
    phone: str | None
    party_kind: str
    mode: str
    status: str
    handover_uuid: str | None
    handover_status: str | None
    note: str | None


def _appointment_row(a: Appointment, handover_status: str | None) -> AppointmentRow:
    return records.to_row(a, AppointmentRow, handover_status=handover_status)


def add_appointment(ctx: Context, *, unit_no: str, at: datetime, name: str, phone: str | None = None,
                    party_kind: PartyKind | str = PartyKind.OWNER, mode: HandoverMode | str = HandoverMode.BATCH,
                    note: str | None = None) -> AppointmentRow:
    """Book a handover appointment (e.g. a slot on a 集中交付 day)."""
    ctx.require_role(Role.RECEPTIONIST, "预约入伙")
    code = v.normalize_unit(unit_no, required=True)
    at = v.when("预约时间", at, required=True, now=ctx.now(), key="at")
    name = v.text("姓名", name, required=True, max_len=50, key="name")
    phone = v.normalize_phone(phone)
    kind = v.choice("接收人身份", party_kind, PartyKind, key="party_kind")
    mode = v.choice("交付方式", mode, HandoverMode, key="mode")
    note = v.text("备注", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        other = s.scalars(select(Appointment).where(Appointment.site_code == ctx.site.code,
                                                    Appointment.unit_no == code,
                                                    Appointment.status == AppointmentStatus.BOOKED.value,
                                                    Appointment.voided_at.is_(None))).first()
        if other is not None:
            raise ValidationError("房号", f"{code} 已预约 {other.at:%Y-%m-%d %H:%M}，请先取消原预约", "unit_no")
        done = s.scalars(select(Handover).where(Handover.site_code == ctx.site.code, Handover.unit_no == code,
                                                Handover.status.in_(OPEN_HANDOVER),
                                                Handover.voided_at.is_(None))).first()
        if done is not None:
            raise ValidationError("房号", f"{code} 已有{done.status}的入伙记录，不需要预约", "unit_no")
        a = records.create(ctx, s, Appointment, unit_no=code, at=at, name=name, phone=phone, party_kind=kind.value,
                           mode=mode.value, status=AppointmentStatus.BOOKED.value, note=note, action="预约入伙")
        return _appointment_row(a, None)


#: The history action of each status a desk may set by hand.
_STATUS_ACTION = {AppointmentStatus.NO_SHOW: "未到", AppointmentStatus.CANCELLED: "取消预约",
                  AppointmentStatus.BOOKED: "恢复预约"}


def set_appointment_status(ctx: Context, uuid: str, status: AppointmentStatus | str, *,
                           expected_version: int | None = None, note: str | None = None) -> AppointmentRow:
    """未到 (no-show), 已取消, or back to 已预约. 已办理 is set by starting the handover."""
    ctx.require_role(Role.RECEPTIONIST, "预约入伙")
    status = v.choice("预约状态", status, AppointmentStatus, key="status")
    if status == AppointmentStatus.DONE:
        raise ValidationError("预约状态", "请通过“开始办理”办理入伙", "status")
    with ctx.unit_of_work() as s:
        a = records.get_by_uuid(s, Appointment, uuid, "入伙预约")
        if a.status == AppointmentStatus.DONE.value:
            raise InvalidTransition("该预约已办理，不能修改状态")
        records.update(ctx, s, a, {"status": status.value}, expected_version=expected_version,
                       action=_STATUS_ACTION[status],
                       note=v.text("说明", note, max_len=500))
        return _appointment_row(a, None)


def list_appointments(ctx: Context, day: date) -> list[AppointmentRow]:
    """The appointments of one day, by time, with the status of the handover each led to."""
    start = datetime.combine(day, datetime.min.time())
    with ctx.read() as s:
        rows = s.scalars(select(Appointment).where(Appointment.site_code == ctx.site.code,
                                                   Appointment.voided_at.is_(None), Appointment.at >= start,
                                                   Appointment.at < start + timedelta(days=1))
                         .order_by(Appointment.at, Appointment.unit_no)).all()
        uuids = [a.handover_uuid for a in rows if a.handover_uuid]
        statuses = dict(s.execute(select(Handover.uuid, Handover.status).where(Handover.uuid.in_(uuids))).all()) \
            if uuids else {}
        return [_appointment_row(a, statuses.get(a.handover_uuid)) for a in rows]


def appointment_days(ctx: Context, date_from: date, date_to: date) -> dict[date, int]:
    """How many appointments each day of a range has (for a calendar)."""
    with ctx.read() as s:
        rows = s.scalars(select(Appointment.at).where(
            Appointment.site_code == ctx.site.code, Appointment.voided_at.is_(None),
            Appointment.status != AppointmentStatus.CANCELLED.value,
            Appointment.at >= datetime.combine(date_from, datetime.min.time()),
            Appointment.at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))).all()
    out: dict[date, int] = {}
    for at in rows:
        out[at.date()] = out.get(at.date(), 0) + 1
    return out
