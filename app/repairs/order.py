"""A work order (维修工作单): its row, opening it (from a reception 报修 record or directly),
correcting it, reading it. The steps after opening are in ``steps`` and ``follow_up``.

A work order is opened from a reception record of category 报修 or entered directly; its
deadlines come from the site's repair settings: picked up within the pick-up minutes of
dispatch, finished by the agreed time (预约时间) or, without one, within the finish hours of
its urgency. Late orders are flagged (是否超时 is sticky).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, func, literal, select
from sqlalchemy.orm import Session

from app.core import numbering, records
from app.core.context import Context
from app.core.models import Department
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.reception import ContactCategory, ContactRecord, ContactStatus, HandlingMode
from app.repairs import rules
from app.repairs.models import RepairOrder
from app.repairs.repair_settings import categories, get_settings
from app.repairs.vocab import EDITABLE_STATES, ENGINEERING, OPEN_STATES, RepairStatus, Urgency


@dataclass(frozen=True)
class RepairRow:
    id: int
    uuid: str
    number: str
    source_contact_uuid: str | None
    received_at: datetime
    reporter: str
    unit_no: str | None
    phone: str | None
    content: str
    category: str
    urgency: str
    paid: bool
    appointment_at: datetime | None
    dispatched_at: datetime | None
    dispatched_to: str | None
    dispatched_by: str | None
    pickup_due_at: datetime | None
    picked_up_at: datetime | None
    picked_up_by: str | None
    pickup_late: bool
    finish_due_at: datetime | None
    completed_at: datetime | None
    result: str | None
    materials: str | None
    cost: float | None
    receipt_no: str | None
    finish_late: bool
    overdue: bool
    chase_count: int
    last_chased_at: datetime | None
    follow_up_required: bool
    follow_up_rule: str | None
    sample_rate: int | None
    sample_seed: str | None
    sample_draw: float | None
    feedback: str | None
    closed_at: datetime | None
    reopen_count: int
    decline_reason: str | None
    status: str
    received_by: str
    void_reason: str | None
    created_at: datetime
    updated_at: datetime
    updated_by: str
    version: int
    late_now: bool = False  # past a deadline right now (open orders)
    late_reason: str = ""  # 接单超时 / 完工超时
    group_uuid: str | None = None  # 合并处理: the lead order's UUID (the lead's own for the lead)
    group_number: str | None = None  # the lead order's 单号 (in lists)
    group_lead_open: bool = False  # the lead order is still being handled (in lists)

    @property
    def group_lead(self) -> bool:
        return self.group_uuid is not None and self.group_uuid == self.uuid

    @property
    def is_open(self) -> bool:
        return self.status in {s.value for s in OPEN_STATES}

    @property
    def held_by_lead(self) -> bool:
        """A merged member whose 派工 / 接单 / 完工 are done on its open lead (in lists)."""
        return self.group_uuid is not None and not self.group_lead and self.is_open and self.group_lead_open


@dataclass(frozen=True)
class IntakeRow:
    """A reception 报修 record not yet turned into a work order."""

    uuid: str
    received_at: datetime
    method: str
    name: str
    unit_no: str | None
    phone: str | None
    content: str
    received_by: str
    status: str
    version: int


# ---------------------------------------------------------------- helpers of the package

def order_row(ctx: Context, order, now: datetime | None = None) -> RepairRow:
    """The row of an order (an ORM object or a table row), with whether it is late right now."""
    reasons = rules.late_reasons(order.status, order.pickup_due_at, order.finish_due_at, now or ctx.now())
    return records.to_row(order, RepairRow, late_now=bool(reasons), late_reason="、".join(reasons))


def find_order(s: Session, ctx: Context, key: str) -> RepairOrder:
    """By UUID or by 单号."""
    key = (key or "").strip()
    if not key:
        raise ValidationError("单号", "必填，不能为空", "number")
    q = select(RepairOrder).where(RepairOrder.site_code == ctx.site.code)
    if len(key) == 36:
        order = s.scalars(q.where(RepairOrder.uuid == key.lower())).first()
    else:
        order = s.scalars(q.where(RepairOrder.number == key.upper())).first()
    if order is None:
        raise NotFound(f"找不到维修工单 {key}")
    return order


def move(order: RepairOrder, to: RepairStatus, action: str) -> None:
    rules.check_move(order.number, order.status, to, action)


def finish_due(ctx: Context, received_at: datetime, urgency: str, appointment_at: datetime | None) -> datetime:
    conf = get_settings(ctx)
    return rules.finish_due(received_at, urgency, appointment_at, hours_normal=conf.finish_hours_normal,
                            hours_urgent=conf.finish_hours_urgent)


def next_number(s: Session, site_code: str, day: date) -> str:
    """单号 WX + date + the running number of that day (three digits, more after 999), from the
    site's counter in the caller's transaction: concurrent desks never get the same number."""
    prefix = rules.number_prefix(day)

    def existing() -> int:
        return numbering.highest_suffix(s.scalars(select(RepairOrder.number).where(
            RepairOrder.site_code == site_code, RepairOrder.number.startswith(prefix))), prefix)

    seq = numbering.next_value(s, site_code, "repair_order", prefix, existing)
    return f"{prefix}{seq:03d}"


def _category(ctx: Context, value: str | None) -> str:
    name = v.text("类别", value, required=True, max_len=50, key="category")
    allowed = categories(ctx)
    if name not in allowed:
        raise ValidationError("类别", f"“{name}”不在维修类别中（{' / '.join(allowed)}）", "category")
    return name


# ---------------------------------------------------------------- intake

def intake_queue(ctx: Context) -> list[IntakeRow]:
    """Reception 报修 records still open and not yet turned into a work order, oldest first."""
    with ctx.read() as s:
        has_order = select(RepairOrder.id).where(RepairOrder.source_contact_uuid == ContactRecord.uuid).exists()
        # category and status as literals, so SQLite can use the partial index of open 报修 records
        open_states = bindparam("open_states", [ContactStatus.PENDING.value, ContactStatus.IN_PROGRESS.value],
                                expanding=True, literal_execute=True)
        q = (select(ContactRecord).where(ContactRecord.site_code == ctx.site.code,
                                         ContactRecord.category == literal(ContactCategory.REPAIR.value,
                                                                           literal_execute=True),
                                         ContactRecord.voided_at.is_(None),
                                         ContactRecord.status.in_(open_states),
                                         ~has_order)
             .order_by(ContactRecord.received_at, ContactRecord.id))
        return [records.to_row(c, IntakeRow) for c in s.scalars(q)]


def _validated_fields(ctx: Context, *, reporter, unit_no, phone, content, category, urgency, paid,
                      appointment_at, received_at) -> dict:
    now = ctx.now()
    fields = dict(
        reporter=v.text("报修人", reporter, required=True, max_len=50, key="reporter"),
        unit_no=v.normalize_unit(unit_no),
        phone=v.normalize_phone(phone),
        content=v.text("报修内容", content, required=True, max_len=v.CONTENT_MAX, key="content"),
        category=_category(ctx, category),
        urgency=v.choice("紧急程度", urgency or Urgency.NORMAL, Urgency, key="urgency").value,
        paid=bool(paid),
        appointment_at=v.when("预约时间", appointment_at, now=now, key="appointment_at"),
    )
    received = v.when("报修时间", received_at, now=now, key="received_at") or now
    v.not_in_future("报修时间", received, now, key="received_at")
    if fields["appointment_at"] is not None and fields["appointment_at"] < received:
        raise ValidationError("预约时间", "不能早于报修时间", "appointment_at")
    fields["received_at"] = received
    fields["phone_digits"] = v.phone_digits(fields["phone"]) or None
    return fields


def _create(ctx: Context, s: Session, fields: dict, *, source_contact_uuid: str | None, received_by: str,
            action: str) -> RepairOrder:
    fields["finish_due_at"] = finish_due(ctx, fields["received_at"], fields["urgency"], fields["appointment_at"])
    return records.create(
        ctx, s, RepairOrder, number=next_number(s, ctx.site.code, fields["received_at"].date()),
        source_contact_uuid=source_contact_uuid, status=RepairStatus.AWAITING_DISPATCH.value,
        received_by=received_by, pickup_late=False, finish_late=False, overdue=False, chase_count=0,
        follow_up_required=False, reopen_count=0, action=action, **fields)


def create_order(ctx: Context, *, reporter: str, content: str, category: str, unit_no: str | None = None,
                 phone: str | None = None, urgency: Urgency | str = Urgency.NORMAL, paid: bool = False,
                 appointment_at: datetime | None = None, received_at: datetime | None = None) -> RepairRow:
    """A work order entered directly (状态 待派工)."""
    actor = ctx.require_role(Role.RECEPTIONIST, "登记维修工单")
    fields = _validated_fields(ctx, reporter=reporter, unit_no=unit_no, phone=phone, content=content,
                               category=category, urgency=urgency, paid=paid, appointment_at=appointment_at,
                               received_at=received_at)
    with ctx.unit_of_work() as s:
        order = _create(ctx, s, fields, source_contact_uuid=None, received_by=actor.name, action="登记工单")
        return order_row(ctx, order)


def create_from_contact(ctx: Context, contact_uuid: str, *, category: str, urgency: Urgency | str = Urgency.NORMAL,
                        paid: bool = False, appointment_at: datetime | None = None, content: str | None = None,
                        reporter: str | None = None, unit_no: str | None = None,
                        phone: str | None = None) -> RepairRow:
    """Turn a reception 报修 record into a work order (one order per record).

    What reception recorded is carried over (a value given here overrides it); the
    reception record is marked 转交 工程部 and 处理中, and gets the order's number."""
    ctx.require_role(Role.RECEPTIONIST, "登记维修工单")
    with ctx.unit_of_work() as s:
        contact = s.scalars(select(ContactRecord).where(ContactRecord.uuid == contact_uuid,
                                                        ContactRecord.site_code == ctx.site.code)).first()
        if contact is None:
            raise NotFound(f"找不到来访来电记录（编号 {contact_uuid}）")
        if contact.is_void:
            raise ValidationError("来源记录", "该来访来电记录已作废")
        if contact.category != ContactCategory.REPAIR.value:
            raise ValidationError("来源记录", f"该记录类别为“{contact.category}”，不是{ContactCategory.REPAIR.value}")
        existing = s.scalars(select(RepairOrder).where(RepairOrder.source_contact_uuid == contact.uuid)).first()
        if existing is not None:
            raise ValidationError("来源记录", f"该报修已生成维修工单 {existing.number}")
        fields = _validated_fields(
            ctx, reporter=reporter or contact.name, unit_no=unit_no if unit_no is not None else contact.unit_no,
            phone=phone if phone is not None else contact.phone, content=content or contact.content,
            category=category, urgency=urgency, paid=paid, appointment_at=appointment_at,
            received_at=contact.received_at)
        order = _create(ctx, s, fields, source_contact_uuid=contact.uuid, received_by=contact.received_by,
                        action="报修转工单")
        changes: dict[str, object] = {"handling_mode": HandlingMode.HANDED_OVER.value,
                                      "handling": f"已生成维修工单 {order.number}"}
        if not contact.department:
            changes["department"] = ENGINEERING
        if contact.status == ContactStatus.PENDING.value:
            changes["status"] = ContactStatus.IN_PROGRESS.value
        records.update(ctx, s, contact, changes, expected_version=None, action="转维修工单",
                       note=f"维修工单 {order.number}")
        return order_row(ctx, order)


def update_order(ctx: Context, key: str, *, expected_version: int, reporter: str, content: str, category: str,
                 unit_no: str | None = None, phone: str | None = None, urgency: Urgency | str = Urgency.NORMAL,
                 paid: bool = False, appointment_at: datetime | None = None) -> RepairRow:
    """Correct an order's details before the repair starts (待派工 / 已派工)."""
    ctx.require_role(Role.RECEPTIONIST, "修改维修工单")
    with ctx.unit_of_work() as s:
        order = find_order(s, ctx, key)
        if order.status not in {x.value for x in EDITABLE_STATES}:
            raise InvalidTransition(f"工单 {order.number} 当前状态为“{order.status}”，不能再修改报修内容")
        fields = _validated_fields(ctx, reporter=reporter, unit_no=unit_no, phone=phone, content=content,
                                   category=category, urgency=urgency, paid=paid, appointment_at=appointment_at,
                                   received_at=order.received_at)
        fields.pop("received_at")
        fields["finish_due_at"] = finish_due(ctx, order.received_at, fields["urgency"], fields["appointment_at"])
        records.update(ctx, s, order, fields, expected_version=expected_version)
        return order_row(ctx, order)


# ---------------------------------------------------------------- reading

def get_order(ctx: Context, key: str) -> RepairRow:
    with ctx.read() as s:
        return order_row(ctx, find_order(s, ctx, key))


def order_numbers(ctx: Context, uuids) -> dict[str, str]:
    """单号 by order UUID (e.g. for a follow-up list's 关联单号)."""
    uuids = [u for u in set(uuids) if u]
    out: dict[str, str] = {}
    with ctx.read() as s:
        for i in range(0, len(uuids), 500):
            out.update(s.execute(select(RepairOrder.uuid, RepairOrder.number)
                                 .where(RepairOrder.uuid.in_(uuids[i:i + 500]))).all())
    return out


def dispatch_targets(ctx: Context) -> list[str]:
    """Departments first (工程部 leads), for the dispatch pick list; a named worker can be typed."""
    with ctx.read() as s:
        names = list(s.scalars(select(Department.name).where(Department.site_code == ctx.site.code,
                                                             Department.active.is_(True),
                                                             Department.voided_at.is_(None))
                               .order_by(Department.sort_order, Department.name)))
        workers = list(s.scalars(select(RepairOrder.picked_up_by).where(
            RepairOrder.site_code == ctx.site.code, RepairOrder.picked_up_by.is_not(None))
            .group_by(RepairOrder.picked_up_by).order_by(func.max(RepairOrder.picked_up_at).desc()).limit(30)))
    if ENGINEERING in names:
        names.remove(ENGINEERING)
    return [ENGINEERING] + names + [w for w in workers if w not in names and w != ENGINEERING]
