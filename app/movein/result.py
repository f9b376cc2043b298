"""The result of a handover: 已交付 (refused while anything required is open; the owner and a
tenant are then registered under 业主与房屋), 需整改 with a rectification deadline, or void.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import records
from app.core.context import Context
from app.core.models import Resident, UnitResident
from app.domain import validate as v
from app.domain.enums import ResidentRole, Role
from app.domain.errors import InvalidTransition, ValidationError
from app.movein.models import Appointment, Handover
from app.movein.vocab import AppointmentStatus, HandoverStatus, OPEN_DEFECT, OPEN_HANDOVER, PartyKind
from app.movein.handover_record import get_record, record_step
from app.movein.handover_data import (
    HandoverData, HandoverIncomplete, handover_data, load_lines, missing_lines,
)
from app.movein.defects import check_deadline


def _register_residents(ctx: Context, s: Session, h: Handover) -> None:
    """The owner's data goes into 业主与房屋 (and a tenant's, as 租户)."""
    from app.residents import ensure_unit

    unit, _ = ensure_unit(ctx, s, h.unit_no)
    people = []
    if h.owner_name:
        people.append((h.owner_name, h.owner_phone, ResidentRole.OWNER.value))
    if h.party_kind == PartyKind.TENANT.value:
        people.append((h.receiver_name, h.receiver_phone, ResidentRole.TENANT.value))
    for name, phone, role in people:
        tie = s.execute(select(UnitResident, Resident).join(Resident, Resident.id == UnitResident.resident_id)
                        .where(UnitResident.unit_id == unit.id, Resident.name == name,
                               UnitResident.voided_at.is_(None), UnitResident.move_out.is_(None))).first()
        if tie is not None:
            resident = tie[1]
            if phone and not resident.phone:
                records.update(ctx, s, resident, {"phone": phone, "phone_digits": v.phone_digits(phone)},
                               expected_version=None, action="入伙登记")
            continue
        resident = records.create(ctx, s, Resident, name=name, phone=phone,
                                  phone_digits=v.phone_digits(phone) or None, note="入伙登记", action="入伙登记")
        records.create(ctx, s, UnitResident, unit_id=unit.id, resident_id=resident.id, role=role,
                       move_in=h.handover_at.date(), action="入伙登记")


def complete_handover(ctx: Context, uuid: str, *, expected_version: int | None = None) -> HandoverData:
    """Result 已交付: refused while anything required is open (the error lists what)."""
    actor = ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        if h.is_void or h.status not in OPEN_HANDOVER:
            raise InvalidTransition(f"入伙记录当前为{h.status}，不能完成交付")
        records.check_version(h, expected_version)
        items, _, _, meters, keys, inspection, defects = load_lines(s, h)
        missing = missing_lines(ctx, h, items, meters, keys, inspection, defects)
        if missing:
            raise HandoverIncomplete("完成交付", missing)
        after_rectification = h.status == HandoverStatus.NEEDS_RECTIFICATION.value
        record_step(ctx, s, h, "交付完成", "整改复验完毕，已交付" if after_rectification else "已交付",
                    changes={"status": HandoverStatus.DELIVERED.value, "completed_at": ctx.now(),
                        "completed_by": actor.name}, data_entry=not after_rectification)
        _register_residents(ctx, s, h)
        return handover_data(ctx, s, h)


def require_rectification(ctx: Context, uuid: str, *, deadline: date, expected_version: int | None = None
                          ) -> HandoverData:
    """Result 需整改 with a rectification deadline: the open defects must be fixed and re-inspected."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    deadline = check_deadline(ctx, deadline)
    if deadline is None:
        raise ValidationError("整改期限", "必填，请选择日期", "deadline")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        if h.is_void or h.status not in OPEN_HANDOVER:
            raise InvalidTransition(f"入伙记录当前为{h.status}，不能设为需整改")
        records.check_version(h, expected_version)
        items, _, _, meters, keys, inspection, defects = load_lines(s, h)
        open_ = [d for d in defects if d.status in OPEN_DEFECT]
        if not open_:
            raise ValidationError("交付结果", "没有未销项的缺陷，不需要整改，请直接完成交付", "result")
        missing = missing_lines(ctx, h, items, meters, keys, inspection, defects, include_defects=False)
        if missing:
            raise HandoverIncomplete("设为需整改", missing)
        for d in open_:
            if d.deadline is None or d.deadline > deadline:
                records.update(ctx, s, d, {"deadline": deadline}, expected_version=None, action="修改整改期限")
        first = h.status == HandoverStatus.IN_PROGRESS.value
        record_step(ctx, s, h, "需整改" if first else "修改整改期限",
                    f"{len(open_)} 项缺陷，整改期限 {deadline:%Y-%m-%d}",
                    changes={"status": HandoverStatus.NEEDS_RECTIFICATION.value, "rectify_deadline": deadline},
                    data_entry=first)
        return handover_data(ctx, s, h)


def void_handover(ctx: Context, uuid: str, reason: str, *, expected_version: int | None) -> HandoverData:
    """Void a handover entered by mistake (客服主管 and above); its appointment is booked again."""
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        records.void(ctx, s, h, reason, expected_version=expected_version)
        if h.appointment_uuid:
            a = s.scalars(select(Appointment).where(Appointment.uuid == h.appointment_uuid)).first()
            if a is not None and a.status == AppointmentStatus.DONE.value:
                records.update(ctx, s, a, {"status": AppointmentStatus.BOOKED.value, "handover_uuid": None},
                               expected_version=None, action="恢复预约", note="入伙记录已作废")
        return handover_data(ctx, s, h)
