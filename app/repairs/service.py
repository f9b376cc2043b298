"""Repairs (报修 / 维修工作单). See domain.md §3 and §4.

A work order is opened from a reception record of category 报修 or entered
directly, and moves only along these steps::

    待派工 ──派工──▶ 已派工 ──接单──▶ 维修中 ──完工──▶ 待回访 ──回访/关闭──▶ 已关闭
      │                │  ▲ (改派)        │                │        ▲   │
      ├─▶ 不予受理      └──┘               │                └─不满意─┴───┴──▶ 待派工 (返修)
      └─▶ 已作废 (with a reason; also from 已派工 / 维修中 / 待回访)

Deadlines (site settings): picked up within ``repairs.pickup_minutes`` (30) of
dispatch; finished by the agreed time (预约时间), or, without one, within
``repairs.finish_hours`` of the report. Late orders are flagged (是否超时 is sticky).

Follow-up: categories in ``repairs.must_follow_up`` (渗漏水, 安全设施) cannot close
without a follow-up; the others are drawn at completion with probability
``repairs.sample_percent`` (30%). The draw keeps its seed, rate and random number
on the order, so anyone can recompute it: ``random.Random(int(seed)).random() < rate/100``.
"""

from __future__ import annotations

import logging
import math
import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import and_, func, or_, select
from sqlalchemy import update as sa_update
from sqlalchemy.orm import Session

from app.reception import ContactRecord
from app.core.models import Department
from app.complaints import FollowUp
from app.repairs.models import RepairOrder, RepairSpotCheck
from app.domain import validate as v
from app.reception import ContactCategory, ContactStatus, HandlingMode
from app.complaints import Feedback, FollowUpMethod, FollowUpSubject
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.core import records, settings
from app.core.badges import Badge
from app.core.context import SYSTEM, Context


log = logging.getLogger(__name__)


class RepairStatus(StrEnum):
    AWAITING_DISPATCH = "待派工"
    DISPATCHED = "已派工"
    IN_REPAIR = "维修中"
    AWAITING_FOLLOW_UP = "待回访"
    CLOSED = "已关闭"
    DECLINED = "不予受理"
    VOID = "已作废"


class Urgency(StrEnum):
    NORMAL = "一般"
    URGENT = "紧急"


class SpotCheckResult(StrEnum):
    CONFIRMED = "属实"
    NOT_CONFIRMED = "不属实"
    UNREACHABLE = "未联系上"


class FollowUpRule(StrEnum):
    MANDATORY = "必访"
    SAMPLED = "抽中"
    NOT_SAMPLED = "未抽中"


S = RepairStatus
OPEN_STATES = (S.AWAITING_DISPATCH, S.DISPATCHED, S.IN_REPAIR)
TERMINAL_STATES = (S.DECLINED, S.VOID)

#: The allowed steps: (from state) -> {to states}.
TRANSITIONS: dict[RepairStatus, set[RepairStatus]] = {
    S.AWAITING_DISPATCH: {S.DISPATCHED, S.DECLINED, S.VOID},
    S.DISPATCHED: {S.DISPATCHED, S.IN_REPAIR, S.VOID},
    S.IN_REPAIR: {S.AWAITING_FOLLOW_UP, S.VOID},
    S.AWAITING_FOLLOW_UP: {S.CLOSED, S.AWAITING_DISPATCH, S.VOID},
    S.CLOSED: {S.AWAITING_DISPATCH},  # a later 不满意 (e.g. the manager's spot check) reopens
    S.DECLINED: set(),
    S.VOID: set(),
}

DEFAULT_CATEGORIES = ["给排水", "渗漏水", "电气", "安全设施", "门窗", "公共设施", "其他"]

CATEGORIES = settings.define("repairs.categories", DEFAULT_CATEGORIES, "维修类别")
PICKUP_MINUTES = settings.define("repairs.pickup_minutes", 30, "派工后接单时限（分钟）")
FINISH_HOURS = settings.define("repairs.finish_hours", {"一般": 24, "紧急": 4},
                               "无预约时间时的完成时限（小时，按紧急程度）")
SAMPLE_PERCENT = settings.define("repairs.sample_percent", 30, "维修回访抽样比例（%）")
MUST_FOLLOW_UP = settings.define("repairs.must_follow_up", ["渗漏水", "安全设施"], "必须回访的维修类别")
SPOT_CHECK_PERCENT = settings.define("repairs.spot_check_percent", 10, "经理每月抽查回访比例（%）")
FOLLOW_UP_DAYS = settings.define("repairs.follow_up_days", 3, "维修完工后回访时限（天）")
SPOT_CHECK_MIN = settings.define("repairs.spot_check_min", 5, "经理每月至少抽查回访条数")

NUMBER_PREFIX = "WX"


# ---------------------------------------------------------------- rows

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

    @property
    def is_open(self) -> bool:
        return self.status in {s.value for s in OPEN_STATES}


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


@dataclass(frozen=True)
class RepairSettingsData:
    categories: tuple[str, ...]
    pickup_minutes: int
    finish_hours_normal: int
    finish_hours_urgent: int
    sample_percent: int
    must_follow_up: tuple[str, ...]
    spot_check_percent: int
    spot_check_min: int


@dataclass(frozen=True)
class FollowUpInfo:
    uuid: str
    visited_at: datetime
    interviewee: str
    method: str
    content: str
    feedback: str
    visitor: str
    remark: str | None


@dataclass(frozen=True)
class SampleCheck:
    """Recomputing a recorded draw: ``matches`` is True when the record is consistent."""

    seed: str
    rate: int
    draw: float
    recomputed_draw: float
    chosen: bool
    recorded_required: bool
    matches: bool


@dataclass(frozen=True)
class SpotCheckRow:
    uuid: str
    month: str
    follow_up_uuid: str
    order_uuid: str | None
    order_number: str | None
    visited_at: datetime | None
    unit_no: str | None
    interviewee: str | None
    phone: str | None
    feedback: str | None
    visitor: str | None
    sample_seed: str
    sample_size: int
    population: int
    checked_at: datetime | None
    checked_by: str | None
    result: str | None
    note: str | None
    version: int


@dataclass(frozen=True)
class CategoryStats:
    category: str
    received: int = 0
    declined: int = 0
    completed: int = 0
    on_time: int = 0
    overdue: int = 0
    follow_up_required: int = 0
    followed_up: int = 0
    required_followed_up: int = 0
    satisfied: int = 0
    fairly_satisfied: int = 0
    dissatisfied: int = 0
    cost: float = 0.0

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return None if whole == 0 else part / whole

    @property
    def on_time_rate(self) -> float | None:
        return self._rate(self.on_time, self.completed)

    @property
    def follow_up_rate(self) -> float | None:
        return self._rate(self.followed_up, self.completed)

    @property
    def required_follow_up_rate(self) -> float | None:
        return self._rate(self.required_followed_up, self.follow_up_required)

    @property
    def satisfaction_rate(self) -> float | None:
        """(满意 + 较满意) ÷ follow-ups with feedback."""
        total = self.satisfied + self.fairly_satisfied + self.dissatisfied
        return self._rate(self.satisfied + self.fairly_satisfied, total)


@dataclass(frozen=True)
class MonthStatsData:
    year: int
    month: int
    rows: tuple[CategoryStats, ...]
    total: CategoryStats
    open_now: int
    late_now: int


# ---------------------------------------------------------------- settings

def get_settings(ctx: Context) -> RepairSettingsData:
    values = settings.get_many(ctx, "repairs.")
    hours = values[FINISH_HOURS.key] or {}
    return RepairSettingsData(
        categories=tuple(values[CATEGORIES.key]),
        pickup_minutes=int(values[PICKUP_MINUTES.key]),
        finish_hours_normal=int(hours.get(Urgency.NORMAL.value, 24)),
        finish_hours_urgent=int(hours.get(Urgency.URGENT.value, 4)),
        sample_percent=int(values[SAMPLE_PERCENT.key]),
        must_follow_up=tuple(values[MUST_FOLLOW_UP.key]),
        spot_check_percent=int(values[SPOT_CHECK_PERCENT.key]),
        spot_check_min=int(values[SPOT_CHECK_MIN.key]),
    )


def categories(ctx: Context) -> list[str]:
    return list(settings.get(ctx, CATEGORIES.key))


def _int_setting(label: str, value, low: int, high: int, key: str) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(label, f"“{value}”不是整数", key) from None
    if not low <= number <= high:
        raise ValidationError(label, f"应在 {low} 到 {high} 之间", key)
    return number


def save_settings(ctx: Context, *, categories: list[str] | None = None, pickup_minutes=None,
                  finish_hours_normal=None, finish_hours_urgent=None, sample_percent=None,
                  must_follow_up: list[str] | None = None, spot_check_percent=None,
                  spot_check_min=None) -> RepairSettingsData:
    """Change the repair settings (客服主管 and above). Only the values given change."""
    ctx.require_role(Role.SUPERVISOR, "修改维修设置")
    current = get_settings(ctx)
    puts: dict[str, object] = {}
    cats = list(current.categories)
    if categories is not None:
        cats = []
        for raw in categories:
            name = v.text("维修类别", raw, max_len=50, key="categories")
            if name and name not in cats:
                cats.append(name)
        if not cats:
            raise ValidationError("维修类别", "至少保留一个类别", "categories")
        puts[CATEGORIES.key] = cats
    if must_follow_up is not None:
        must = []
        for raw in must_follow_up:
            name = v.text("必须回访的类别", raw, max_len=50, key="must_follow_up")
            if name and name not in must:
                if name not in cats:
                    raise ValidationError("必须回访的类别", f"“{name}”不在维修类别中", "must_follow_up")
                must.append(name)
        puts[MUST_FOLLOW_UP.key] = must
    if pickup_minutes is not None:
        puts[PICKUP_MINUTES.key] = _int_setting("接单时限（分钟）", pickup_minutes, 1, 24 * 60, "pickup_minutes")
    if finish_hours_normal is not None or finish_hours_urgent is not None:
        normal = current.finish_hours_normal if finish_hours_normal is None else _int_setting(
            "一般维修完成时限（小时）", finish_hours_normal, 1, 24 * 30, "finish_hours_normal")
        urgent = current.finish_hours_urgent if finish_hours_urgent is None else _int_setting(
            "紧急维修完成时限（小时）", finish_hours_urgent, 1, 24 * 30, "finish_hours_urgent")
        puts[FINISH_HOURS.key] = {Urgency.NORMAL.value: normal, Urgency.URGENT.value: urgent}
    if sample_percent is not None:
        puts[SAMPLE_PERCENT.key] = _int_setting("回访抽样比例（%）", sample_percent, 0, 100, "sample_percent")
    if spot_check_percent is not None:
        puts[SPOT_CHECK_PERCENT.key] = _int_setting("经理抽查比例（%）", spot_check_percent, 0, 100,
                                                    "spot_check_percent")
    if spot_check_min is not None:
        puts[SPOT_CHECK_MIN.key] = _int_setting("经理至少抽查条数", spot_check_min, 0, 1000, "spot_check_min")
    for key, value in puts.items():
        settings.put(ctx, key, value)
    return get_settings(ctx)


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
    if "工程部" in names:
        names.remove("工程部")
    return ["工程部"] + names + [w for w in workers if w not in names and w != "工程部"]


# ---------------------------------------------------------------- helpers

def _status(order: RepairOrder) -> RepairStatus:
    return RepairStatus(order.status)


def _move(order: RepairOrder, to: RepairStatus, action: str) -> None:
    current = _status(order)
    if to not in TRANSITIONS[current]:
        raise InvalidTransition(f"工单 {order.number} 当前状态为“{current.value}”，不能{action}")


def _late_info(order: RepairOrder, now: datetime) -> tuple[bool, str]:
    status = order.status
    reasons = []
    if status == S.DISPATCHED.value and order.pickup_due_at and now > order.pickup_due_at:
        reasons.append("接单超时")
    if status in (S.AWAITING_DISPATCH.value, S.DISPATCHED.value, S.IN_REPAIR.value) and order.finish_due_at \
            and now > order.finish_due_at:
        reasons.append("完工超时")
    return bool(reasons), "、".join(reasons)


def _row(ctx: Context, order: RepairOrder, now: datetime | None = None) -> RepairRow:
    late, reason = _late_info(order, now or ctx.now())
    return records.to_row(order, RepairRow, late_now=late, late_reason=reason)


def _get(s: Session, ctx: Context, key: str) -> RepairOrder:
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


def _category(ctx: Context, value: str | None) -> str:
    name = v.text("类别", value, required=True, max_len=50, key="category")
    allowed = categories(ctx)
    if name not in allowed:
        raise ValidationError("类别", f"“{name}”不在维修类别中（{' / '.join(allowed)}）", "category")
    return name


def _money(label: str, value, key: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = round(float(str(value).strip().replace("元", "").replace(",", "")), 2)
    except ValueError:
        raise ValidationError(label, f"“{value}”不是金额", key) from None
    if amount < 0 or amount > 1_000_000 or not math.isfinite(amount):
        raise ValidationError(label, "应在 0 到 1000000 元之间", key)
    return amount


def _finish_due(ctx: Context, received_at: datetime, urgency: str, appointment_at: datetime | None) -> datetime:
    if appointment_at is not None:
        return appointment_at
    conf = get_settings(ctx)
    hours = conf.finish_hours_urgent if urgency == Urgency.URGENT.value else conf.finish_hours_normal
    return received_at + timedelta(hours=hours)


def next_number(s: Session, site_code: str, day: date) -> str:
    """单号 WX + date + a three-digit running number of that day."""
    prefix = f"{NUMBER_PREFIX}{day:%Y%m%d}"
    last = s.scalar(select(func.max(RepairOrder.number)).where(RepairOrder.site_code == site_code,
                                                               RepairOrder.number.startswith(prefix)))
    seq = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{seq:03d}"


def sample_decision(seed: str, rate: int) -> tuple[float, bool]:
    """The draw for one order: the first ``random()`` of ``random.Random(int(seed))``."""
    draw = random.Random(int(seed)).random()
    return draw, draw < rate / 100


def verify_sample(row: RepairRow) -> SampleCheck | None:
    """Recompute an order's recorded draw (None when the order was never drawn)."""
    if row.sample_seed is None or row.sample_rate is None:
        return None
    draw, chosen = sample_decision(row.sample_seed, row.sample_rate)
    matches = math.isclose(draw, row.sample_draw or -1.0, rel_tol=0, abs_tol=1e-12) and (
        chosen == row.follow_up_required or row.follow_up_rule == FollowUpRule.MANDATORY.value)
    return SampleCheck(row.sample_seed, row.sample_rate, row.sample_draw, draw, chosen, row.follow_up_required,
                       matches)


def _follow_ups(s: Session, order_uuid: str) -> list[FollowUp]:
    return list(s.scalars(select(FollowUp).where(FollowUp.subject_uuid == order_uuid,
                                                 FollowUp.voided_at.is_(None))
                          .order_by(FollowUp.visited_at, FollowUp.id)))


def _contact(s: Session, uuid: str | None) -> ContactRecord | None:
    if not uuid:
        return None
    return s.scalars(select(ContactRecord).where(ContactRecord.uuid == uuid)).first()


def _write_back(ctx: Context, s: Session, order: RepairOrder, *, handling: str, done: bool,
                at: datetime | None = None) -> None:
    """Keep the reception record's 处理情况 in step with its work order."""
    contact = _contact(s, order.source_contact_uuid)
    if contact is None or contact.is_void or contact.status == ContactStatus.DONE.value:
        return
    changes: dict[str, object] = {"handling": handling}
    if done:
        changes.update(status=ContactStatus.DONE.value, completed_at=at or ctx.now())
    records.update(ctx, s, contact, changes, expected_version=None, action="维修工单进展",
                   note=f"维修工单 {order.number}")


# ---------------------------------------------------------------- intake

def intake_queue(ctx: Context) -> list[IntakeRow]:
    """Reception 报修 records still open and not yet turned into a work order, oldest first."""
    with ctx.read() as s:
        has_order = select(RepairOrder.id).where(RepairOrder.source_contact_uuid == ContactRecord.uuid).exists()
        q = (select(ContactRecord).where(ContactRecord.site_code == ctx.site.code,
                                         ContactRecord.category == ContactCategory.REPAIR.value,
                                         ContactRecord.voided_at.is_(None),
                                         ContactRecord.status.in_([ContactStatus.PENDING.value,
                                                                   ContactStatus.IN_PROGRESS.value]),
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
    fields["finish_due_at"] = _finish_due(ctx, fields["received_at"], fields["urgency"], fields["appointment_at"])
    return records.create(
        ctx, s, RepairOrder, number=next_number(s, ctx.site.code, fields["received_at"].date()),
        source_contact_uuid=source_contact_uuid, status=S.AWAITING_DISPATCH.value, received_by=received_by,
        pickup_late=False, finish_late=False, overdue=False, chase_count=0, follow_up_required=False,
        reopen_count=0, action=action, **fields)


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
        return _row(ctx, order)


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
            raise ValidationError("来源记录", f"该记录类别为“{contact.category}”，不是报修")
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
            changes["department"] = "工程部"
        if contact.status == ContactStatus.PENDING.value:
            changes["status"] = ContactStatus.IN_PROGRESS.value
        records.update(ctx, s, contact, changes, expected_version=None, action="转维修工单",
                       note=f"维修工单 {order.number}")
        return _row(ctx, order)


def update_order(ctx: Context, key: str, *, expected_version: int, reporter: str, content: str, category: str,
                 unit_no: str | None = None, phone: str | None = None, urgency: Urgency | str = Urgency.NORMAL,
                 paid: bool = False, appointment_at: datetime | None = None) -> RepairRow:
    """Correct an order's details before the repair starts (待派工 / 已派工)."""
    ctx.require_role(Role.RECEPTIONIST, "修改维修工单")
    with ctx.unit_of_work() as s:
        order = _get(s, ctx, key)
        if order.status not in (S.AWAITING_DISPATCH.value, S.DISPATCHED.value):
            raise InvalidTransition(f"工单 {order.number} 当前状态为“{order.status}”，不能再修改报修内容")
        fields = _validated_fields(ctx, reporter=reporter, unit_no=unit_no, phone=phone, content=content,
                                   category=category, urgency=urgency, paid=paid, appointment_at=appointment_at,
                                   received_at=order.received_at)
        fields.pop("received_at")
        fields["finish_due_at"] = _finish_due(ctx, order.received_at, fields["urgency"], fields["appointment_at"])
        records.update(ctx, s, order, fields, expected_version=expected_version)
        return _row(ctx, order)


# ---------------------------------------------------------------- the steps

def decline(ctx: Context, key: str, explanation: str, *, expected_version: int | None) -> RepairRow:
    """不予受理: outside the service scope; the explanation given to the resident is kept."""
    ctx.require_role(Role.RECEPTIONIST, "不予受理")
    explanation = v.text("不予受理说明", explanation, required=True, max_len=1000, key="decline_reason")
    with ctx.unit_of_work() as s:
        order = _get(s, ctx, key)
        _move(order, S.DECLINED, "不予受理")
        records.update(ctx, s, order, {"status": S.DECLINED.value, "decline_reason": explanation,
                                       "closed_at": ctx.now()},
                       expected_version=expected_version, action="不予受理", note=explanation)
        _write_back(ctx, s, order, handling=f"维修工单 {order.number} 不予受理：{explanation}", done=True)
        return _row(ctx, order)


def dispatch(ctx: Context, key: str, to: str, *, expected_version: int | None,
             at: datetime | None = None) -> RepairRow:
    """派工 to 工程部 or a named worker (again for 改派); the pick-up clock starts."""
    actor = ctx.require_role(Role.RECEPTIONIST, "派工")
    to = v.text("派工对象", to, required=True, max_len=50, key="dispatched_to")
    now = ctx.now()
    at = v.when("派工时间", at, now=now, key="dispatched_at") or now
    v.not_in_future("派工时间", at, now, key="dispatched_at")
    with ctx.unit_of_work() as s:
        order = _get(s, ctx, key)
        _move(order, S.DISPATCHED, "派工")
        if at < order.received_at:
            raise ValidationError("派工时间", "不能早于报修时间", "dispatched_at")
        minutes = int(settings.get(ctx, PICKUP_MINUTES.key))
        redispatch = order.status == S.DISPATCHED.value
        records.update(ctx, s, order, {"status": S.DISPATCHED.value, "dispatched_at": at, "dispatched_to": to,
                                       "dispatched_by": actor.name,
                                       "pickup_due_at": at + timedelta(minutes=minutes)},
                       expected_version=expected_version, action="改派" if redispatch else "派工",
                       note=f"派工给 {to}，{minutes} 分钟内接单")
        return _row(ctx, order)


def pick_up(ctx: Context, key: str, worker: str, *, expected_version: int | None,
            at: datetime | None = None) -> RepairRow:
    """接单: the worker has taken the order (维修中). Late when after the pick-up deadline."""
    ctx.require_role(Role.RECEPTIONIST, "登记接单")
    worker = v.text("接单人", worker, required=True, max_len=50, key="picked_up_by")
    now = ctx.now()
    at = v.when("接单时间", at, now=now, key="picked_up_at") or now
    v.not_in_future("接单时间", at, now, key="picked_up_at")
    with ctx.unit_of_work() as s:
        order = _get(s, ctx, key)
        _move(order, S.IN_REPAIR, "登记接单")
        if order.dispatched_at and at < order.dispatched_at:
            raise ValidationError("接单时间", "不能早于派工时间", "picked_up_at")
        late = bool(order.pickup_due_at and at > order.pickup_due_at)
        changes = {"status": S.IN_REPAIR.value, "picked_up_at": at, "picked_up_by": worker,
                   "pickup_late": order.pickup_late or late, "overdue": order.overdue or late}
        note = None
        if late:
            minutes = int((at - order.pickup_due_at).total_seconds() // 60)
            note = f"接单超时 {minutes} 分钟"
        records.update(ctx, s, order, changes, expected_version=expected_version, action="接单", note=note)
        return _row(ctx, order)


def complete(ctx: Context, key: str, *, result: str, expected_version: int | None, materials: str | None = None,
             cost=None, receipt_no: str | None = None, at: datetime | None = None) -> RepairRow:
    """完工 (待回访): 维修结果, 材料及费用. Decides at once whether a follow-up is needed:
    必访 categories always, the others by a recorded random draw."""
    ctx.require_role(Role.RECEPTIONIST, "登记完工")
    result = v.text("维修结果", result, required=True, max_len=v.CONTENT_MAX, key="result")
    materials = v.text("材料", materials, max_len=1000, key="materials")
    cost = _money("材料及费用", cost, "cost")
    receipt_no = v.text("收据号", receipt_no, max_len=50, key="receipt_no")
    now = ctx.now()
    at = v.when("完成时间", at, now=now, key="completed_at") or now
    v.not_in_future("完成时间", at, now, key="completed_at")
    conf = get_settings(ctx)
    with ctx.unit_of_work() as s:
        order = _get(s, ctx, key)
        _move(order, S.AWAITING_FOLLOW_UP, "登记完工")
        if order.picked_up_at and at < order.picked_up_at:
            raise ValidationError("完成时间", "不能早于接单时间", "completed_at")
        if order.paid:
            if not cost:
                raise ValidationError("材料及费用", "有偿维修必须填写收费金额", "cost")
            if not receipt_no:
                raise ValidationError("收据号", "有偿维修必须填写收据号", "receipt_no")
        late = bool(order.finish_due_at and at > order.finish_due_at)
        seed = str(secrets.randbits(63))
        draw, chosen = sample_decision(seed, conf.sample_percent)
        if order.category in conf.must_follow_up:
            rule, required = FollowUpRule.MANDATORY, True
        else:
            rule, required = (FollowUpRule.SAMPLED, True) if chosen else (FollowUpRule.NOT_SAMPLED, False)
        changes = {"status": S.AWAITING_FOLLOW_UP.value, "completed_at": at, "result": result,
                   "materials": materials, "cost": cost, "receipt_no": receipt_no,
                   "finish_late": order.finish_late or late, "overdue": order.overdue or late,
                   "follow_up_required": required, "follow_up_rule": rule.value,
                   "sample_rate": conf.sample_percent, "sample_seed": seed, "sample_draw": draw}
        note = (f"回访：{rule.value}（类别 {order.category}）" if rule is FollowUpRule.MANDATORY else
                f"回访抽样：比例 {conf.sample_percent}%，种子 {seed}，随机数 {draw:.6f} → {rule.value}")
        if late:
            note += "；完工超时"
        records.update(ctx, s, order, changes, expected_version=expected_version, action="完工", note=note)
        _write_back(ctx, s, order, handling=f"维修工单 {order.number} 已完工：{result}", done=True, at=at)
        return _row(ctx, order)


def record_follow_up(ctx: Context, key: str, *, content: str, feedback: Feedback | str,
                     expected_version: int | None, interviewee: str | None = None,
                     method: FollowUpMethod | str = FollowUpMethod.PHONE, phone: str | None = None,
                     remark: str | None = None, visited_at: datetime | None = None) -> RepairRow:
    """回访 a completed order (through the follow-ups service, so it is one 回访记录 like any
    other). 满意 / 较满意 close it; 不满意 sends it back (返修, 待派工). The interviewee and
    phone default to the reporter's."""
    from app.complaints import followups

    ctx.require_role(Role.RECEPTIONIST, "回访")
    with ctx.unit_of_work() as s:
        order = _get(s, ctx, key)
        records.check_version(order, expected_version)
        followups.add_follow_up(ctx, s, FollowUpSubject.REPAIR.value, order.uuid,
                                method=v.choice("回访方式", method, FollowUpMethod, key="method").value,
                                content=content, feedback=feedback, interviewee=interviewee or order.reporter,
                                phone=phone or order.phone, unit_no=order.unit_no, visited_at=visited_at,
                                remark=remark)
        return _row(ctx, order)


def on_follow_up(ctx: Context, s: Session, follow_up: FollowUp) -> None:
    """Hook of the follow-ups service: a 维修 follow-up, from wherever it was recorded, decides
    the order's fate in the same unit of work. Refused before the order is finished."""
    if not follow_up.subject_uuid:
        return  # a repair follow-up not tied to an order: simply recorded
    order = s.scalars(select(RepairOrder).where(RepairOrder.uuid == follow_up.subject_uuid)).first()
    if order is None:
        raise ValidationError("关联编号", f"找不到维修工单（编号 {follow_up.subject_uuid}）", "subject_uuid")
    if order.status not in (S.AWAITING_FOLLOW_UP.value, S.CLOSED.value):
        raise InvalidTransition(f"工单 {order.number} 当前状态为“{order.status}”，完工后才能回访")
    if order.completed_at and follow_up.visited_at < order.completed_at:
        raise ValidationError("回访时间", "不能早于维修完成时间", "visited_at")
    if follow_up.feedback == Feedback.DISSATISFIED.value:
        _reopen(ctx, s, order, f"回访不满意：{follow_up.content}")
        return
    changes: dict[str, object] = {"feedback": follow_up.feedback}
    if order.status == S.AWAITING_FOLLOW_UP.value:
        changes.update(status=S.CLOSED.value, closed_at=ctx.now())
    records.update(ctx, s, order, changes, expected_version=None, action="回访", note=f"回访{follow_up.feedback}")


def follow_ups_due(ctx: Context, s: Session) -> list:
    """Hook of the follow-ups service: orders 待回访 whose follow-up is required (必访 / 抽中),
    due ``repairs.follow_up_days`` after completion."""
    from app.complaints import FollowUpDueRow

    days = int(settings.get(ctx, FOLLOW_UP_DAYS.key))
    q = (select(RepairOrder).where(RepairOrder.site_code == ctx.site.code,
                                   RepairOrder.status == S.AWAITING_FOLLOW_UP.value,
                                   RepairOrder.follow_up_required.is_(True))
         .order_by(RepairOrder.completed_at))
    return [FollowUpDueRow(FollowUpSubject.REPAIR.value, o.uuid, f"维修 {o.number} {o.category}：{o.content[:40]}",
                           o.unit_no, o.reporter, o.phone, o.completed_at,
                           o.completed_at + timedelta(days=days) if o.completed_at else None)
            for o in s.scalars(q)]


def _reopen(ctx: Context, s: Session, order: RepairOrder, note: str) -> None:
    _move(order, S.AWAITING_DISPATCH, "返修")
    records.update(ctx, s, order, {
        "status": S.AWAITING_DISPATCH.value, "feedback": Feedback.DISSATISFIED.value,
        "reopen_count": order.reopen_count + 1, "closed_at": None, "dispatched_at": None,
        "pickup_due_at": None, "picked_up_at": None, "picked_up_by": None, "completed_at": None,
        "finish_due_at": _finish_due(ctx, ctx.now(), order.urgency, None),
    }, expected_version=None, action="返修", note=note)


def close(ctx: Context, key: str, *, expected_version: int | None) -> RepairRow:
    """关闭 a completed order that needs no follow-up (未抽中), or whose follow-up was recorded
    elsewhere. 渗漏水 / 安全设施 and sampled orders cannot close without a follow-up."""
    ctx.require_role(Role.RECEPTIONIST, "关闭工单")
    with ctx.unit_of_work() as s:
        order = _get(s, ctx, key)
        _move(order, S.CLOSED, "关闭")
        fups = [f for f in _follow_ups(s, order.uuid)
                if order.completed_at is None or f.visited_at >= order.completed_at]
        if order.follow_up_required and not fups:
            why = (f"类别“{order.category}”必须回访" if order.follow_up_rule == FollowUpRule.MANDATORY.value
                   else "该工单已被抽中回访")
            raise InvalidTransition(f"工单 {order.number}：{why}，回访后才能关闭")
        if fups and fups[-1].feedback == Feedback.DISSATISFIED.value:
            raise InvalidTransition(f"工单 {order.number}：回访不满意，须返修")
        changes = {"status": S.CLOSED.value, "closed_at": ctx.now()}
        if fups:
            changes["feedback"] = fups[-1].feedback
        records.update(ctx, s, order, changes, expected_version=expected_version, action="关闭")
        return _row(ctx, order)


def void_order(ctx: Context, key: str, reason: str, *, expected_version: int | None) -> RepairRow:
    """作废 with a reason (客服主管 and above). Nothing is deleted."""
    with ctx.unit_of_work() as s:
        order = _get(s, ctx, key)
        _move(order, S.VOID, "作废")
        records.void(ctx, s, order, reason, expected_version=expected_version)
        return _row(ctx, order)


def chase(ctx: Context, key: str, note: str | None = None) -> RepairRow:
    """催办 a late order: counted on the order, with the note in its history."""
    ctx.require_role(Role.RECEPTIONIST, "催办")
    note = v.text("催办说明", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        order = _get(s, ctx, key)
        if order.status not in {x.value for x in OPEN_STATES}:
            raise InvalidTransition(f"工单 {order.number} 当前状态为“{order.status}”，无需催办")
        records.update(ctx, s, order, {"chase_count": order.chase_count + 1, "last_chased_at": ctx.now()},
                       expected_version=None, action="催办", note=note or "催办")
        return _row(ctx, order)


# ---------------------------------------------------------------- reading

def get_order(ctx: Context, key: str) -> RepairRow:
    with ctx.read() as s:
        return _row(ctx, _get(s, ctx, key))


def order_numbers(ctx: Context, uuids) -> dict[str, str]:
    """单号 by order UUID (e.g. for a follow-up list's 关联单号)."""
    uuids = [u for u in set(uuids) if u]
    out: dict[str, str] = {}
    with ctx.read() as s:
        for i in range(0, len(uuids), 500):
            out.update(s.execute(select(RepairOrder.uuid, RepairOrder.number)
                                 .where(RepairOrder.uuid.in_(uuids[i:i + 500]))).all())
    return out


def follow_ups_of(ctx: Context, key: str) -> list[FollowUpInfo]:
    with ctx.read() as s:
        order = _get(s, ctx, key)
        return [records.to_row(f, FollowUpInfo) for f in _follow_ups(s, order.uuid)]


def list_orders(ctx: Context, *, status: str | None = None, open_only: bool = False, late_only: bool = False,
                text: str | None = None, date_from: date | None = None, date_to: date | None = None,
                limit: int = 1000) -> list[RepairRow]:
    """Newest first. ``status`` is one state word; ``text`` searches 单号, 房号, 报修人, 电话, 内容."""
    now = ctx.now()
    with ctx.read() as s:
        q = select(RepairOrder.__table__).where(RepairOrder.site_code == ctx.site.code)
        if status:
            q = q.where(RepairOrder.status == status)
        if open_only or late_only:
            q = q.where(RepairOrder.status.in_([x.value for x in OPEN_STATES]))
        if late_only:
            q = q.where(or_(and_(RepairOrder.status == S.DISPATCHED.value, RepairOrder.pickup_due_at < now),
                            RepairOrder.finish_due_at < now))
        if date_from:
            q = q.where(RepairOrder.received_at >= datetime.combine(date_from, datetime.min.time()))
        if date_to:
            q = q.where(RepairOrder.received_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
        text = (text or "").strip()
        if text:
            conds = [RepairOrder.number.contains(text.upper(), autoescape=True),
                     RepairOrder.unit_no.contains(text, autoescape=True),
                     RepairOrder.reporter.contains(text, autoescape=True),
                     RepairOrder.content.contains(text, autoescape=True)]
            digits = v.phone_digits(text)
            if len(digits) >= 3:
                conds.append(RepairOrder.phone_digits.contains(digits, autoescape=True))
            try:
                unit = v.normalize_unit(text)
            except ValidationError:
                unit = None
            if unit:
                conds.append(RepairOrder.unit_no == unit)
            q = q.where(or_(*conds))
        q = q.order_by(RepairOrder.received_at.desc(), RepairOrder.id.desc()).limit(limit)
        return [_row(ctx, o, now) for o in s.execute(q)]


def late_orders(ctx: Context) -> list[RepairRow]:
    return list_orders(ctx, late_only=True)


def flag_late(ctx: Context) -> int:
    """Record 是否超时 on open orders past a deadline (by the system; returns how many).

    The flags are derived facts, written without taking a new 版本 and without touching
    最后修改时间/人: a receptionist who has the order open in a dialog right then can still
    save it (no false 已被他人修改). The history shows the system's 超时 entry, and the next
    real change carries the flag (it is sticky) to the workbook.
    """
    now = ctx.now()
    system = ctx.as_actor(SYSTEM)
    count = 0
    with ctx.unit_of_work() as s:
        q = select(RepairOrder).where(
            RepairOrder.site_code == ctx.site.code, RepairOrder.status.in_([x.value for x in OPEN_STATES]),
            or_(and_(RepairOrder.status == S.DISPATCHED.value, RepairOrder.pickup_due_at < now,
                     RepairOrder.pickup_late.is_(False)),
                and_(RepairOrder.finish_due_at < now, RepairOrder.finish_late.is_(False))))
        for order in list(s.scalars(q)):
            changes: dict[str, object] = {}
            reasons = []
            if order.status == S.DISPATCHED.value and order.pickup_due_at and order.pickup_due_at < now \
                    and not order.pickup_late:
                changes["pickup_late"] = True
                reasons.append("接单超时")
            if order.finish_due_at and order.finish_due_at < now and not order.finish_late:
                changes["finish_late"] = True
                reasons.append("完工超时")
            if not order.overdue:
                changes["overdue"] = True
            before = {k: getattr(order, k) for k in changes}
            s.execute(sa_update(RepairOrder).where(RepairOrder.id == order.id).values(**changes)
                      .execution_options(synchronize_session=False))
            records.audit(system, s, "超时", order, before=before, after=changes, note="、".join(reasons))
            count += 1
    return count


def nav_badge(ctx: Context) -> Badge | None:
    """Late orders in red; otherwise orders waiting at the desk (派工 / 回访) in amber."""
    try:
        flag_late(ctx)
    except Exception:  # a badge must never fail because another writer holds the row
        log.warning("could not flag late repair orders", exc_info=True)
    now = ctx.now()
    with ctx.read() as s:
        base = select(func.count()).select_from(RepairOrder).where(RepairOrder.site_code == ctx.site.code)
        late = s.scalar(base.where(
            RepairOrder.status.in_([x.value for x in OPEN_STATES]),
            or_(and_(RepairOrder.status == S.DISPATCHED.value, RepairOrder.pickup_due_at < now),
                RepairOrder.finish_due_at < now)))
        waiting = s.scalar(base.where(RepairOrder.status == S.AWAITING_DISPATCH.value))
        follow = s.scalar(base.where(RepairOrder.status == S.AWAITING_FOLLOW_UP.value))
    if late:
        return Badge(late, "red", f"{late} 张维修工单超时未接单或未完工，请催办")
    if waiting or follow:
        return Badge(waiting + follow, "amber", f"待派工 {waiting} 张，待回访 {follow} 张")
    return Badge(0)


# ---------------------------------------------------------------- statistics

def _month_range(year: int, month: int) -> tuple[datetime, datetime]:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise ValidationError("月份", f"{year}-{month} 不是有效的月份", "month")
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), 1 if month == 12 else month + 1, 1)
    return start, end


def month_statistics(ctx: Context, year: int, month: int) -> MonthStatsData:
    """The month's repairs by category: received (by 报修时间), completed, on time, followed up,
    satisfaction (follow-ups of repair orders made in the month)."""
    start, end = _month_range(year, month)
    now = ctx.now()
    order_cats = categories(ctx)
    acc: dict[str, dict[str, float]] = {}

    def bucket(cat: str) -> dict[str, float]:
        return acc.setdefault(cat, {f: 0 for f in ("received", "declined", "completed", "on_time", "overdue",
                                                   "follow_up_required", "followed_up", "required_followed_up",
                                                   "satisfied", "fairly_satisfied", "dissatisfied", "cost")})

    with ctx.read() as s:
        has_follow_up = select(FollowUp.id).where(FollowUp.subject_uuid == RepairOrder.uuid,
                                                  FollowUp.voided_at.is_(None)).exists()
        orders = s.execute(select(RepairOrder.category, RepairOrder.status, RepairOrder.completed_at,
                                  RepairOrder.overdue, RepairOrder.cost, RepairOrder.follow_up_required,
                                  has_follow_up.label("followed")).where(
            RepairOrder.site_code == ctx.site.code, RepairOrder.received_at >= start, RepairOrder.received_at < end,
            RepairOrder.voided_at.is_(None))).all()
        for o in orders:
            b = bucket(o.category)
            b["received"] += 1
            if o.status == S.DECLINED.value:
                b["declined"] += 1
                continue
            if o.completed_at is not None:
                b["completed"] += 1
                b["on_time"] += 0 if o.overdue else 1
                b["cost"] += o.cost or 0
                if o.follow_up_required:
                    b["follow_up_required"] += 1
                    b["required_followed_up"] += bool(o.followed)
                b["followed_up"] += bool(o.followed)
            if o.overdue:
                b["overdue"] += 1
        fups = s.execute(select(FollowUp.feedback, RepairOrder.category)
                         .join(RepairOrder, RepairOrder.uuid == FollowUp.subject_uuid)
                         .where(RepairOrder.site_code == ctx.site.code,
                                FollowUp.subject_type == FollowUpSubject.REPAIR.value,
                                FollowUp.voided_at.is_(None), FollowUp.visited_at >= start,
                                FollowUp.visited_at < end)).all()
        for feedback, cat in fups:
            key = {Feedback.SATISFIED.value: "satisfied", Feedback.FAIRLY_SATISFIED.value: "fairly_satisfied",
                   Feedback.DISSATISFIED.value: "dissatisfied"}.get(feedback)
            if key:
                bucket(cat)[key] += 1
        open_now = s.scalar(select(func.count()).select_from(RepairOrder).where(
            RepairOrder.site_code == ctx.site.code, RepairOrder.status.in_([x.value for x in OPEN_STATES])))
        late_now = s.scalar(select(func.count()).select_from(RepairOrder).where(
            RepairOrder.site_code == ctx.site.code, RepairOrder.status.in_([x.value for x in OPEN_STATES]),
            or_(and_(RepairOrder.status == S.DISPATCHED.value, RepairOrder.pickup_due_at < now),
                RepairOrder.finish_due_at < now)))
    for c in order_cats:
        bucket(c)
    ordered = list(order_cats) + sorted(c for c in acc if c not in order_cats)

    def make(cat: str, b: dict[str, float]) -> CategoryStats:
        return CategoryStats(cat, **{k: (round(val, 2) if k == "cost" else int(val)) for k, val in b.items()})

    rows = tuple(make(c, acc[c]) for c in ordered)
    total = {k: sum(acc[c][k] for c in acc) for k in acc[ordered[0]]}
    return MonthStatsData(year, month, rows, make("合计", total), int(open_now or 0), int(late_now or 0))


# ---------------------------------------------------------------- manager's spot check

def _month_key(year: int, month: int) -> str:
    _month_range(year, month)
    return f"{year:04d}-{month:02d}"


def _spot_rows(s: Session, ctx: Context, picks: list[RepairSpotCheck]) -> list[SpotCheckRow]:
    out = []
    fups = {f.uuid: f for f in s.scalars(select(FollowUp).where(
        FollowUp.uuid.in_([p.follow_up_uuid for p in picks])))} if picks else {}
    numbers = dict(s.execute(select(RepairOrder.uuid, RepairOrder.number).where(
        RepairOrder.uuid.in_([p.order_uuid for p in picks if p.order_uuid]))).all()) if picks else {}
    for p in picks:
        f = fups.get(p.follow_up_uuid)
        out.append(SpotCheckRow(
            uuid=p.uuid, month=p.month, follow_up_uuid=p.follow_up_uuid, order_uuid=p.order_uuid,
            order_number=numbers.get(p.order_uuid), visited_at=f.visited_at if f else None,
            unit_no=f.unit_no if f else None, interviewee=f.interviewee if f else None,
            phone=f.phone if f else None, feedback=f.feedback if f else None, visitor=f.visitor if f else None,
            sample_seed=p.sample_seed, sample_size=p.sample_size, population=p.population,
            checked_at=p.checked_at, checked_by=p.checked_by, result=p.result, note=p.note, version=p.version))
    out.sort(key=lambda r: (r.visited_at or datetime.min, r.follow_up_uuid))
    return out


def spot_check_population(s: Session, ctx: Context, year: int, month: int,
                          as_of: datetime | None = None) -> list[FollowUp]:
    """The month's repair follow-ups in a fixed order (回访时间, 编号): what a draw samples."""
    start, end = _month_range(year, month)
    q = (select(FollowUp).join(RepairOrder, RepairOrder.uuid == FollowUp.subject_uuid)
         .where(RepairOrder.site_code == ctx.site.code, FollowUp.subject_type == FollowUpSubject.REPAIR.value,
                FollowUp.voided_at.is_(None), FollowUp.visited_at >= start, FollowUp.visited_at < end))
    if as_of is not None:
        q = q.where(FollowUp.created_at <= as_of)
    return list(s.scalars(q.order_by(FollowUp.visited_at, FollowUp.uuid)))


def spot_pick(population_uuids: list[str], seed: str, size: int) -> list[str]:
    """Which follow-ups a seed picks: ``random.Random(int(seed)).sample(population, size)``."""
    return random.Random(int(seed)).sample(population_uuids, size)


def spot_check_list(ctx: Context, year: int, month: int) -> list[SpotCheckRow]:
    """The month's list of follow-ups to re-call (empty until drawn)."""
    month_key = _month_key(year, month)
    with ctx.read() as s:
        picks = list(s.scalars(select(RepairSpotCheck).where(RepairSpotCheck.site_code == ctx.site.code,
                                                             RepairSpotCheck.month == month_key,
                                                             RepairSpotCheck.voided_at.is_(None))))
        return _spot_rows(s, ctx, picks)


def draw_spot_check(ctx: Context, year: int, month: int) -> list[SpotCheckRow]:
    """经理 draws the month's spot check (once per month): ``repairs.spot_check_percent`` of the
    month's repair follow-ups, at least ``repairs.spot_check_min``; seed and sizes are kept."""
    ctx.require_role(Role.MANAGER, "抽查回访")
    month_key = _month_key(year, month)
    conf = get_settings(ctx)
    with ctx.unit_of_work() as s:
        existing = s.scalars(select(RepairSpotCheck).where(RepairSpotCheck.site_code == ctx.site.code,
                                                           RepairSpotCheck.month == month_key,
                                                           RepairSpotCheck.voided_at.is_(None))).first()
        if existing is not None:
            raise ValidationError("月份", f"{month_key} 的回访抽查已抽取，请直接登记结果", "month")
        population = spot_check_population(s, ctx, year, month)
        if not population:
            raise ValidationError("月份", f"{month_key} 没有维修回访记录，无可抽查", "month")
        size = min(len(population), max(conf.spot_check_min, math.ceil(len(population) * conf.spot_check_percent
                                                                        / 100)))
        seed = str(secrets.randbits(63))
        chosen = spot_pick([f.uuid for f in population], seed, size)
        by_uuid = {f.uuid: f for f in population}
        picks = []
        for uuid in chosen:
            picks.append(records.create(
                ctx, s, RepairSpotCheck, month=month_key, follow_up_uuid=uuid,
                order_uuid=by_uuid[uuid].subject_uuid, sample_seed=seed, sample_size=size,
                population=len(population), action="抽查抽取",
                audit_note=f"{month_key} 共 {len(population)} 条维修回访，种子 {seed}，抽取 {size} 条"))
        return _spot_rows(s, ctx, picks)


def record_spot_check(ctx: Context, uuid: str, *, result: SpotCheckResult | str, note: str | None = None,
                      expected_version: int | None) -> SpotCheckRow:
    """The manager's re-call result. A 不属实 check says the follow-up was not what was recorded."""
    actor = ctx.require_role(Role.MANAGER, "登记抽查结果")
    result = v.choice("抽查结果", result, SpotCheckResult, key="result")
    note = v.text("抽查说明", note, max_len=1000, key="note")
    if result is SpotCheckResult.NOT_CONFIRMED and not note:
        raise ValidationError("抽查说明", "结果为“不属实”时必须说明情况", "note")
    with ctx.unit_of_work() as s:
        pick = records.get_by_uuid(s, RepairSpotCheck, uuid, "抽查记录")
        records.update(ctx, s, pick, {"result": result.value, "note": note, "checked_at": ctx.now(),
                                      "checked_by": actor.name},
                       expected_version=expected_version, action="抽查结果", note=note)
        return _spot_rows(s, ctx, [pick])[0]


# ---------------------------------------------------------------- the form

@dataclass(frozen=True)
class WorkOrderData:
    """What KF-04 prints."""

    order: RepairRow
    follow_ups: tuple[FollowUpInfo, ...]

    @property
    def follow_up_text(self) -> str:
        if not self.follow_ups:
            return ""
        f = self.follow_ups[-1]
        return f"{f.visited_at:%Y-%m-%d %H:%M} {f.method}回访 {f.interviewee}：{f.feedback}。{f.content}"


def work_order_data(ctx: Context, number: str) -> WorkOrderData:
    with ctx.read() as s:
        order = _get(s, ctx, number)
        fups = tuple(records.to_row(f, FollowUpInfo) for f in _follow_ups(s, order.uuid))
        return WorkOrderData(_row(ctx, order), fups)
