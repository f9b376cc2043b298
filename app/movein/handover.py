"""Starting and editing a handover of one unit, step by step as the desk follows a handover
day: the receiving party (业主 / 受托人 / 租户) and the ID checks, documents checked,
agreements signed, items issued and signed for, then fees and entrusted services, meter
readings, keys and the joint inspection (see the sibling modules), and the result.

The checklist and the inspection are copied from the site's templates when the handover
starts. Each checklist line says to whom it applies, so a tenant's handover asks for
租户管理服务协议书 and not the owner's agreements, a resale for 前期物业服务协议, a proxy
for the notarised power of attorney and both IDs.

Every step is one service call and one entry in the handover's history
(``records.history(handover_uuid)``), whose action names the step.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from app.core import records
from app.core.context import Context
from app.db.base import new_uuid
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import NotFound, ValidationError
from app.movein.models import Appointment, Handover, HandoverItem, InspectionItem
from app.movein.vocab import (
    Applies, AppointmentStatus, ChecklistGroup, HandoverMode, HandoverStatus, InspectionResult, ItemStatus,
    OPEN_HANDOVER, PartyKind,
)
from app.movein.templates import checklist_template, inspection_template
from app.movein.handover_record import (
    bare_child, entry_deadline, get_child, get_record, record_step, require_open,
)
from app.movein.handover_data import HandoverData, MissingItem, handover_data


def _party(party_kind, receiver_name, receiver_phone, owner_name, owner_phone, mode, handover_at, now):
    kind = v.choice("接收人身份", party_kind, PartyKind, key="party_kind")
    receiver_name = v.text("接收人", receiver_name, required=True, max_len=50, key="receiver_name")
    receiver_phone = v.normalize_phone(receiver_phone, label="接收人电话", key="receiver_phone")
    owner_name = v.text("业主姓名", owner_name, max_len=50, key="owner_name")
    owner_phone = v.normalize_phone(owner_phone, label="业主电话", key="owner_phone")
    if kind == PartyKind.OWNER:
        owner_name = owner_name or receiver_name
        owner_phone = owner_phone or receiver_phone
        if owner_name != receiver_name:
            raise ValidationError("业主姓名", "业主本人办理时，接收人即业主本人；他人代办请选择“受托人”",
                                  "owner_name")
    elif kind == PartyKind.PROXY and not owner_name:
        raise ValidationError("业主姓名", "受托人办理时必须填写委托人（业主）姓名", "owner_name")
    mode = v.choice("交付方式", mode, HandoverMode, key="mode")
    handover_at = v.when("办理时间", handover_at, required=True, now=now, key="handover_at")
    v.not_in_future("办理时间", handover_at, now, key="handover_at")
    return {"party_kind": kind.value, "receiver_name": receiver_name, "receiver_phone": receiver_phone,
            "owner_name": owner_name, "owner_phone": owner_phone, "mode": mode.value, "handover_at": handover_at}


def start_handover(ctx: Context, unit_no: str, *, party_kind: PartyKind | str = PartyKind.OWNER,
                   receiver_name: str, receiver_phone: str | None = None, owner_name: str | None = None,
                   owner_phone: str | None = None, mode: HandoverMode | str = HandoverMode.REGULAR,
                   is_resale: bool = False, handover_at: datetime | None = None,
                   appointment_uuid: str | None = None, note: str | None = None) -> HandoverData:
    """Open the handover of a unit (状态 办理中) with the checklist and inspection from the templates."""
    actor = ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    now = ctx.now()
    code = v.normalize_unit(unit_no, required=True)
    fields = _party(party_kind, receiver_name, receiver_phone, owner_name, owner_phone, mode,
                    handover_at or now, now)
    note = v.text("备注", note, max_len=2000, key="note")
    checklist = checklist_template(ctx)
    rooms = inspection_template(ctx)
    with ctx.unit_of_work() as s:
        open_ = s.scalars(select(Handover).where(Handover.site_code == ctx.site.code, Handover.unit_no == code,
                                                 Handover.status.in_(OPEN_HANDOVER),
                                                 Handover.voided_at.is_(None))).first()
        if open_ is not None:
            raise ValidationError("房号", f"{code} 已有{open_.status}的入伙记录（{open_.handover_at:%Y-%m-%d}，"
                                          f"{open_.receiver_name}），请打开该记录继续办理", "unit_no")
        from app.residents import ensure_unit

        ensure_unit(ctx, s, code)
        appointment = None
        if appointment_uuid:
            appointment = records.get_by_uuid(s, Appointment, appointment_uuid, "入伙预约")
            if appointment.unit_no != code:
                raise ValidationError("房号", f"预约的房号是 {appointment.unit_no}，与 {code} 不一致", "unit_no")
        h = Handover(uuid=new_uuid(), site_code=ctx.site.code, unit_no=code, is_resale=bool(is_resale),
                     appointment_uuid=appointment.uuid if appointment else None,
                     status=HandoverStatus.IN_PROGRESS.value, handled_by=actor.name, late_entry=False, note=note,
                     created_at=now, created_by=actor.name, updated_at=now, updated_by=actor.name, **fields)
        if now.date() > entry_deadline(ctx, h):
            h.late_entry, h.late_entry_at = True, now
        s.add(h)
        s.flush()
        for n, t in enumerate(checklist):
            s.add(bare_child(ctx, HandoverItem, handover_id=h.id, group_name=t.group, item=t.item, required=t.required,
                        applies=t.applies, status=ItemStatus.OPEN.value, sort_order=n))
        n = 0
        for room in rooms:
            for item in room.items:
                s.add(bare_child(ctx, InspectionItem, handover_id=h.id, room=room.room, item=item,
                            result=InspectionResult.UNCHECKED.value, sort_order=n))
                n += 1
        records.audit(ctx, s, "开始办理", h, after=records.snapshot(h),
                      note=f"清单 {len(checklist)} 项，验房 {n} 项" + ("；逾期录入" if h.late_entry else ""))
        if appointment is not None:
            records.update(ctx, s, appointment, {"status": AppointmentStatus.DONE.value, "handover_uuid": h.uuid},
                           expected_version=None, action="开始办理")
        s.flush()
        return handover_data(ctx, s, h)


def get_handover(ctx: Context, uuid: str) -> HandoverData:
    with ctx.read() as s:
        return handover_data(ctx, s, get_record(s, ctx, uuid))


def current_handover(ctx: Context, unit_no: str) -> HandoverData | None:
    """The unit's latest handover that is not void (None when the unit was never handed over)."""
    code = v.normalize_unit(unit_no, required=True)
    with ctx.read() as s:
        h = s.scalars(select(Handover).where(Handover.site_code == ctx.site.code, Handover.unit_no == code,
                                             Handover.voided_at.is_(None))
                      .order_by(Handover.handover_at.desc(), Handover.id.desc())).first()
        return None if h is None else handover_data(ctx, s, h)


def form_data(ctx: Context, unit_no: str) -> HandoverData:
    """What RH-01 prints for a unit: its latest handover."""
    data = current_handover(ctx, unit_no)
    if data is None:
        raise NotFound(f"{v.normalize_unit(unit_no, required=True)} 还没有入伙记录")
    return data


def update_party(ctx: Context, uuid: str, *, expected_version: int | None,
                 party_kind: PartyKind | str, receiver_name: str, receiver_phone: str | None = None,
                 owner_name: str | None = None, owner_phone: str | None = None,
                 mode: HandoverMode | str = HandoverMode.REGULAR, is_resale: bool = False,
                 handover_at: datetime | None = None, note: str | None = None) -> HandoverData:
    """Change the receiving party and the handover's details; the checklist follows the party."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    now = ctx.now()
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, "修改接收人")
        fields = _party(party_kind, receiver_name, receiver_phone, owner_name, owner_phone, mode,
                        handover_at or h.handover_at, now)
        fields["is_resale"] = bool(is_resale)
        fields["note"] = v.text("备注", note, max_len=2000, key="note")
        changed = {k: val for k, val in fields.items() if getattr(h, k) != val}
        if not changed:
            records.check_version(h, expected_version)
            return handover_data(ctx, s, h)
        record_step(ctx, s, h, "修改接收人", "修改：" + "、".join(_FIELD_LABELS.get(k, k) for k in changed),
                    changes=changed, expected_version=expected_version)
        return handover_data(ctx, s, h)


_FIELD_LABELS = {"party_kind": "接收人身份", "receiver_name": "接收人", "receiver_phone": "接收人电话",
                 "owner_name": "业主姓名", "owner_phone": "业主电话", "mode": "交付方式", "handover_at": "办理时间",
                 "is_resale": "转售", "note": "备注"}


def set_item(ctx: Context, uuid: str, item_id: int, status: ItemStatus | str, *, note: str | None = None,
             expected_version: int | None = None) -> HandoverData:
    """Tick a checklist line 已完成 or 不适用 (or back to 未完成); records who and when."""
    actor = ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    status = v.choice("办理状态", status, ItemStatus, key="status")
    note = v.text("说明", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, "修改清单")
        item = get_child(s, HandoverItem, h, item_id, "清单项目")
        if status == ItemStatus.NOT_APPLICABLE and item.required and not note:
            raise ValidationError("说明", f"“{item.item}”是必需项，标为不适用须写明原因", "note")
        if item.status == status.value and item.note == note:
            records.check_version(h, expected_version)
            return handover_data(ctx, s, h)
        done = status != ItemStatus.OPEN
        records.update(ctx, s, item, {"status": status.value, "note": note,
                                      "done_by": actor.name if done else None,
                                      "done_at": ctx.now() if done else None}, expected_version=None,
                       action="勾选清单")
        record_step(ctx, s, h, "勾选清单", f"{item.group_name}：{item.item} → {status.value}" + (f"（{note}）" if note else ""),
                    expected_version=expected_version)
        return handover_data(ctx, s, h)


def add_item(ctx: Context, uuid: str, *, group: ChecklistGroup | str, item: str, required: bool = False,
             applies: Applies | str = Applies.ALL, expected_version: int | None = None) -> HandoverData:
    """An extra checklist line for this handover only."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    group = v.choice("分组", group, ChecklistGroup, key="group")
    item = v.text("项目", item, required=True, max_len=100, key="item")
    applies = v.choice("适用", applies, Applies, key="applies")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, "修改清单")
        last = s.scalar(select(func.max(HandoverItem.sort_order)).where(HandoverItem.handover_id == h.id)) or 0
        records.create(ctx, s, HandoverItem, handover_id=h.id, group_name=group.value, item=item,
                       required=bool(required), applies=applies.value, status=ItemStatus.OPEN.value,
                       sort_order=last + 1)
        record_step(ctx, s, h, "增加清单项目", f"{group.value}：{item}", expected_version=expected_version)
        return handover_data(ctx, s, h)


def missing_items(ctx: Context, uuid: str) -> list[MissingItem]:
    return list(get_handover(ctx, uuid).missing)
