"""装修管理: applications and permits, the daily inspection round, violations to
rectification notices, acceptance and the deposit refund. See domain.md §6.

States of an application::

    待审批 ──approve (客服主管+; permit number issued)──► 施工中 ──request_acceptance──► 待验收
       │                                                     │  ▲ extend (new end date)   │
       └─refuse (客服主管+, reason)──► 已驳回                  └──┘                          │
    record_acceptance 合格 ──► 已验收 ──refund_deposit (no open notice)──► 押金已退      ◄──┘
    any state but 押金已退 ──void (客服主管+, reason)──► 已作废

A visit with a failed key check or a written violation opens a 违章整改通知书 (ZX-02)
with its own number and a deadline. A re-inspection records 已整改 (closed) or, on or
after the deadline, 未整改, which escalates (停工 / 报客服主管 / 移交执法部门) and sets
a new deadline. Every step is in the audit trail (:func:`renovation_history`).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP
from enum import StrEnum
from pathlib import Path
from typing import Iterable

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.base import new_uuid
from app.core.models import AuditEvent
from app.complaints import Complaint
from app.renovation.models import (
    RectificationNotice,
    Renovation,
    RenovationAcceptance,
    RenovationExtension,
    RenovationInspection,
    RenovationWorker,
)
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.core import records, settings
from app.core.badges import Badge
from app.core.context import Context


# ---------------------------------------------------------------- value words

class RenovationStatus(StrEnum):
    PENDING = "待审批"
    REFUSED = "已驳回"
    IN_PROGRESS = "施工中"
    AWAITING_ACCEPTANCE = "待验收"
    ACCEPTED = "已验收"
    REFUNDED = "押金已退"
    VOID = "已作废"


class SiteState(StrEnum):
    WORKING = "施工中"
    NOBODY = "无人"
    REFUSED_ENTRY = "拒不开门"
    FINISHED = "完工"


class NoticeStatus(StrEnum):
    OPEN = "待整改"
    RECTIFIED = "已整改"
    ESCALATED = "已升级"
    VOID = "已作废"


class RecheckResult(StrEnum):
    RECTIFIED = "已整改"
    NOT_RECTIFIED = "未整改"


class Escalation(StrEnum):
    STOP_WORK = "停工"
    SUPERVISOR = "报客服主管"
    AUTHORITIES = "移交执法部门"


class AcceptanceResult(StrEnum):
    PASSED = "合格"
    FAILED = "不合格"


ACTIVE_STATUSES = (RenovationStatus.PENDING, RenovationStatus.IN_PROGRESS, RenovationStatus.AWAITING_ACCEPTANCE)
OPEN_NOTICE_STATUSES = (NoticeStatus.OPEN.value, NoticeStatus.ESCALATED.value)
NOISE_CATEGORY = "装修噪音扰民"
CHECK_SEPARATOR = "；"

# ---------------------------------------------------------------- settings

KEY_CHECKS = settings.define("renovation.key_checks", [
    "承重结构", "燃气管/表移位", "排烟道/排气道", "外立面/窗外护栏", "户门外移", "上下水/卫生间防水",
    "私拉电线", "动火无审批", "超时施工噪音", "垃圾乱堆", "无证人员",
], "装修巡查关键检查项")
PROGRESS_STAGES = settings.define("renovation.progress_stages", [
    "未开工", "剔凿", "水电", "泥瓦", "木工", "油漆", "安装", "收尾",
], "装修施工进度阶段")
ACCEPTANCE_ITEMS = settings.define("renovation.acceptance_items", [
    "承重结构无改动", "燃气管道及表具无移位", "排烟道/排气道完好", "外立面及窗外护栏无改变",
    "卫生间防水（闭水试验）合格", "电气线路规范", "公共部位无损坏", "装修垃圾已清运",
], "装修验收项目")
NOISE_HOURS = settings.define("renovation.noise_hours", {
    "workday": [["08:00", "12:00"], ["14:00", "18:00"]],
    "day_off": [],
}, "装修允许施工时间（工作日 / 休息日及节假日；休息日为空表示不得进行产生噪声的施工）")
NOTICE_DAYS = settings.define("renovation.notice_days", 3, "整改通知书默认整改期限（天）")
STALE_DAYS = settings.define("renovation.stale_days", 2, "装修巡查间隔提醒（天未巡查即标出）")
NOTICE_BASIS = settings.define(
    "renovation.notice_basis",
    "《住宅室内装饰装修管理办法》（建设部令第110号）、《住宅装修管理协议》及本小区管理规约",
    "整改通知书默认依据")
NOTICE_REQUIREMENT = settings.define(
    "renovation.notice_requirement",
    "立即停止违规施工，在整改期限内恢复原状或按规定整改完毕，并通知物业服务中心复查。",
    "整改通知书默认整改要求")
PERMIT_PREFIX = settings.define("renovation.permit_prefix", "ZX", "装修许可证号前缀")
NOTICE_PREFIX = settings.define("renovation.notice_prefix", "ZG", "整改通知书编号前缀")
DEADLINE_TIME = time(18, 0)


def key_checks(ctx: Context) -> list[str]:
    return [str(c) for c in settings.get(ctx, KEY_CHECKS.key) or []]


def progress_stages(ctx: Context) -> list[str]:
    return [str(c) for c in settings.get(ctx, PROGRESS_STAGES.key) or []]


def acceptance_items(ctx: Context) -> list[str]:
    return [str(c) for c in settings.get(ctx, ACCEPTANCE_ITEMS.key) or []]


def put_list_setting(ctx: Context, key: str, values: Iterable[str]) -> list[str]:
    """Store one of the editable lists (key checks, progress stages, acceptance items); 客服主管+."""
    ctx.require_role(Role.SUPERVISOR, "修改装修设置")
    if key not in (KEY_CHECKS.key, PROGRESS_STAGES.key, ACCEPTANCE_ITEMS.key):
        raise ValidationError("设置", f"未知的设置项 {key}")
    label = {KEY_CHECKS.key: "关键检查项", PROGRESS_STAGES.key: "施工进度",
             ACCEPTANCE_ITEMS.key: "验收项目"}[key]
    out: list[str] = []
    for item in values:
        item = v.text(label, item, max_len=30)
        if item is None:
            continue
        if CHECK_SEPARATOR in item:
            raise ValidationError(label, f"“{item}”不能包含“{CHECK_SEPARATOR}”")
        if item not in out:
            out.append(item)
    if not out:
        raise ValidationError(label, "至少需要一项")
    settings.put(ctx, key, out)
    return out


# ---------------------------------------------------------------- plain records

@dataclass(frozen=True)
class WorkerData:
    name: str
    phone: str | None = None
    pass_no: str | None = None
    uuid: str | None = None  # set for an existing worker


@dataclass(frozen=True)
class FeeData:
    item: str  # e.g. 装修管理费, 垃圾清运费, 出入证工本费
    amount: Decimal
    receipt: str | None = None


@dataclass(frozen=True)
class DeductionData:
    reason: str
    amount: Decimal


@dataclass(frozen=True)
class ExtensionRow:
    uuid: str
    old_end_date: date
    new_end_date: date
    reason: str
    created_at: datetime
    created_by: str


@dataclass
class ApplicationData:
    """What the application form holds (装修申请)."""

    unit_no: str
    owner: str
    contractor: str
    manager: str
    manager_phone: str
    scope: str
    start_date: date
    planned_end_date: date
    owner_phone: str | None = None
    touches_structure: bool = False
    touches_facade: bool = False
    touches_waterproofing: bool = False
    touches_gas: bool = False
    alteration_detail: str | None = None
    deposit: Decimal | str | int | float | None = 0
    deposit_receipt: str | None = None
    fees: list[FeeData] = field(default_factory=list)
    agreement_signed: bool = False
    liability_signed: bool = False
    workers: list[WorkerData] = field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True)
class RenovationRow:
    id: int
    uuid: str
    version: int
    unit_no: str
    owner: str
    owner_phone: str | None
    contractor: str
    manager: str
    manager_phone: str
    scope: str
    touches_structure: bool
    touches_facade: bool
    touches_waterproofing: bool
    touches_gas: bool
    alteration_detail: str | None
    alteration_approved_by: str | None
    alteration_approved_at: datetime | None
    alteration_opinion: str | None
    start_date: date
    planned_end_date: date
    deposit: Decimal
    deposit_receipt: str | None
    fees: tuple[FeeData, ...]
    agreement_signed: bool
    liability_signed: bool
    status: str
    applied_at: datetime  # created_at
    received_by: str  # created_by
    alteration: bool
    approved_by: str | None
    approved_at: datetime | None
    approval_opinion: str | None
    refuse_reason: str | None
    permit_no: str | None
    completed_at: datetime | None
    accepted_at: datetime | None
    acceptance_result: str | None
    refund_amount: Decimal | None
    refund_deductions: tuple[DeductionData, ...]
    refunded_at: datetime | None
    refund_receipt: str | None
    refunded_by: str | None
    note: str | None
    void_reason: str | None
    updated_at: datetime
    updated_by: str
    workers: tuple[WorkerData, ...] = ()
    extensions: tuple[ExtensionRow, ...] = ()
    open_notices: int = 0
    overdue_notices: int = 0
    last_inspected_at: datetime | None = None

    @property
    def involves_alteration(self) -> bool:
        """拆改: structure, facade, waterproofing or gas."""
        return (self.alteration or self.touches_structure or self.touches_facade or self.touches_waterproofing
                or self.touches_gas)

    @property
    def original_end_date(self) -> date:
        return self.extensions[0].old_end_date if self.extensions else self.planned_end_date

    @property
    def alteration_text(self) -> str:
        parts = [label for flag, label in ((self.touches_structure, "结构"), (self.touches_facade, "外立面"),
                                           (self.touches_waterproofing, "防水"), (self.touches_gas, "燃气"))
                 if flag]
        return "、".join(parts)

    @property
    def fees_total(self) -> Decimal:
        return sum((f.amount for f in self.fees), Decimal("0.00"))

    @property
    def deductions_total(self) -> Decimal:
        return sum((d.amount for d in self.refund_deductions), Decimal("0.00"))


@dataclass(frozen=True)
class VisitData:
    """One inspection visit as the receptionist enters it."""

    renovation_uuid: str
    site_state: SiteState | str
    progress: str | None = None
    failed_checks: tuple[str, ...] | list[str] = ()
    violation: str | None = None  # a violation written in (not in the list)
    note: str | None = None
    measures: str | None = None  # 处理措施; defaults to 当场制止 + notice when there is a violation
    photos: tuple[str, ...] | list[str] = ()  # files to attach (copied under attachments)
    inspected_at: datetime | None = None
    signed_by: str | None = None  # who signed for the notice, when known at once
    deadline: datetime | date | None = None  # the notice's deadline (default: notice_days later)


@dataclass(frozen=True)
class VisitRow:
    id: int
    uuid: str
    version: int
    renovation_uuid: str
    unit_no: str
    inspected_at: datetime
    inspector: str
    site_state: str
    progress: str | None
    failed_checks: str | None
    violation: str | None
    measures: str | None
    note: str | None
    photos: tuple[str, ...]
    notice_no: str | None
    notice_deadline: datetime | None
    recheck_at: datetime | None
    recheck_result: str | None
    void_reason: str | None
    updated_at: datetime
    updated_by: str

    @property
    def failed_list(self) -> list[str]:
        return [c for c in (self.failed_checks or "").split(CHECK_SEPARATOR) if c]


@dataclass(frozen=True)
class NoticeRow:
    id: int
    uuid: str
    version: int
    renovation_uuid: str
    inspection_uuid: str | None
    notice_no: str
    unit_no: str
    owner: str
    contractor: str
    issued_at: datetime
    issued_by: str
    failed_checks: str | None
    facts: str
    basis: str | None
    requirement: str
    deadline: datetime
    signed_by: str | None
    signed_at: datetime | None
    status: str
    recheck_at: datetime | None
    recheck_by: str | None
    recheck_result: str | None
    recheck_note: str | None
    escalation: str | None
    escalated_at: datetime | None
    escalated_by: str | None
    void_reason: str | None
    overdue: bool

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_NOTICE_STATUSES


@dataclass(frozen=True)
class AcceptanceRow:
    uuid: str
    accepted_at: datetime
    inspector: str
    result: str
    items: tuple[tuple[str, bool, str], ...]  # (item, ok, note)
    note: str | None

    @property
    def failed_items(self) -> list[str]:
        return [i for i, ok, _ in self.items if not ok]


@dataclass(frozen=True)
class RoundItem:
    """One unit on the day's round (装修巡查)."""

    renovation_uuid: str
    renovation_version: int
    unit_no: str
    building: str
    owner: str
    contractor: str
    manager: str
    manager_phone: str
    permit_no: str | None
    start_date: date
    planned_end_date: date
    last_visit_at: datetime | None
    last_state: str | None
    last_progress: str | None
    days_since: int  # days since the last visit (or since the start, never visited)
    visited_today: bool
    stale: bool  # not inspected for two days or more
    past_end: bool  # still working after the planned end date
    open_notices: int
    overdue_notices: int
    noise_complaints: int
    visits_today: tuple[VisitRow, ...] = ()

    @property
    def flag_text(self) -> str:
        parts = []
        if self.overdue_notices:
            parts.append(f"整改逾期 {self.overdue_notices}")
        if self.stale:
            parts.append(f"{self.days_since} 天未巡查" if self.last_visit_at else "从未巡查")
        elif not self.visited_today:
            parts.append("今日未巡查")
        if self.past_end:
            parts.append("已超工期")
        return "，".join(parts)


@dataclass(frozen=True)
class LinkedComplaintRow:
    uuid: str
    received_at: datetime
    complainant: str
    unit_no: str | None
    content: str
    status: str
    during_noise_hours: bool  # received inside the permitted hours (so perhaps not a violation)


@dataclass(frozen=True)
class RenovationEventRow:
    at: datetime
    actor: str
    action: str
    subject: str  # 装修申请 / 巡查 / 整改通知书 … (and its number)
    note: str | None
    before: dict | None
    after: dict | None


# ---------------------------------------------------------------- helpers

_ENTITY_LABEL = {
    "renovation": "装修申请", "renovation_worker": "施工人员", "renovation_extension": "延期",
    "renovation_inspection": "巡查", "rectification_notice": "整改通知书", "renovation_acceptance": "验收",
}

_CENT = Decimal("0.01")


def money(label: str, value, *, key: str | None = None, required: bool = False) -> Decimal:
    """Yuan with at most two decimals, ≥ 0."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(label, "必填，请填写金额", key)
        return Decimal("0.00")
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", "").removesuffix("元"))
    except InvalidOperation:
        raise ValidationError(label, f"“{value}”不是有效的金额", key) from None
    if not amount.is_finite():
        raise ValidationError(label, f"“{value}”不是有效的金额", key)
    if amount < 0:
        raise ValidationError(label, "不能为负数", key)
    if amount != amount.quantize(_CENT):
        raise ValidationError(label, "最多两位小数（精确到分）", key)
    if amount >= Decimal("100000000"):
        raise ValidationError(label, "金额过大，请检查", key)
    return amount.quantize(_CENT, ROUND_HALF_UP)


def _fen(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(ROUND_HALF_UP))


def _yuan(fen: int | None) -> Decimal | None:
    if fen is None:
        return None
    return (Decimal(fen) / 100).quantize(_CENT)



def _get(s: Session, uuid: str) -> Renovation:
    uuid = v.uuid_text("记录编号", uuid, required=True)
    return records.get_by_uuid(s, Renovation, uuid, "装修申请")


def _altering(reno: Renovation) -> bool:
    return bool(reno.alteration or reno.touches_structure or reno.touches_facade or reno.touches_waterproofing
                or reno.touches_gas)


def _check_state(reno: Renovation, allowed: Iterable[RenovationStatus], action: str) -> None:
    allowed = tuple(allowed)
    if reno.status not in [a.value for a in allowed]:
        want = "、".join(a.value for a in allowed)
        raise InvalidTransition(f"装修申请当前状态为“{reno.status}”，不能{action}（需为{want}）")


def _open_notice_counts(s: Session, reno_ids: list[int], now: datetime) -> dict[int, tuple[int, int]]:
    if not reno_ids:
        return {}
    rows = s.execute(select(RectificationNotice.renovation_id, RectificationNotice.deadline)
                     .where(RectificationNotice.renovation_id.in_(reno_ids),
                            RectificationNotice.status.in_(OPEN_NOTICE_STATUSES))).all()
    out: dict[int, list[int]] = {}
    for rid, deadline in rows:
        counts = out.setdefault(rid, [0, 0])
        counts[0] += 1
        if deadline < now:
            counts[1] += 1
    return {k: (a, b) for k, (a, b) in out.items()}


def _row(s: Session, reno: Renovation, now: datetime, *, details: bool = True) -> RenovationRow:
    workers: tuple[WorkerData, ...] = ()
    extensions: tuple[ExtensionRow, ...] = ()
    last = None
    if details:
        workers = tuple(WorkerData(w.name, w.phone, w.pass_no, w.uuid) for w in s.scalars(
            select(RenovationWorker).where(RenovationWorker.renovation_id == reno.id,
                                           RenovationWorker.voided_at.is_(None)).order_by(RenovationWorker.id)))
        extensions = tuple(records.to_row(e, ExtensionRow) for e in s.scalars(
            select(RenovationExtension).where(RenovationExtension.renovation_id == reno.id,
                                              RenovationExtension.voided_at.is_(None))
            .order_by(RenovationExtension.id)))
        last = s.scalar(select(func.max(RenovationInspection.inspected_at)).where(
            RenovationInspection.renovation_id == reno.id, RenovationInspection.voided_at.is_(None)))
    open_n, overdue_n = _open_notice_counts(s, [reno.id], now).get(reno.id, (0, 0))
    return _row_from(reno, workers=workers, extensions=extensions, open_notices=open_n,
                     overdue_notices=overdue_n, last_inspected_at=last)


def _row_from(reno: Renovation, **extra) -> RenovationRow:
    fees = tuple(FeeData(f.get("item", ""), _yuan(int(f.get("amount_fen") or 0)), f.get("receipt"))
                 for f in (reno.fees or []))
    deductions = tuple(DeductionData(d.get("reason", ""), _yuan(int(d.get("amount_fen") or 0)))
                       for d in (reno.refund_deductions or []))
    return records.to_row(reno, RenovationRow, deposit=_yuan(reno.deposit_fen or 0), fees=fees,
                          applied_at=reno.created_at, received_by=reno.created_by,
                          refund_amount=_yuan(reno.refund_fen), refund_deductions=deductions, **extra)


def _next_number(s: Session, model, column, prefix: str, year: int, site_code: str) -> str:
    head = f"{prefix}{year}-"
    existing = s.scalars(select(column).where(model.site_code == site_code, column.startswith(head))).all()
    seq = 0
    for no in existing:
        tail = (no or "")[len(head):]
        if tail.isdigit():
            seq = max(seq, int(tail))
    return f"{head}{seq + 1:04d}"


def _clean_checks(ctx: Context, checks: Iterable[str]) -> list[str]:
    out: list[str] = []
    for c in checks or ():
        c = v.text("违规项", c, max_len=30, key="failed_checks")
        if c is None:
            continue
        if CHECK_SEPARATOR in c:
            raise ValidationError("违规项", f"“{c}”不能包含“{CHECK_SEPARATOR}”", "failed_checks")
        if c not in out:
            out.append(c)
    return out


def _deadline(label: str, value, issued: datetime, default_days: int) -> datetime:
    if value is None:
        return datetime.combine(issued.date() + timedelta(days=default_days), DEADLINE_TIME)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, DEADLINE_TIME)
    value = v.when(label, value, required=True, now=issued, future_days=366, key="deadline")
    if value.date() < issued.date():
        raise ValidationError(label, "不能早于发出日期", "deadline")
    return value


# ---------------------------------------------------------------- application

def _validate_application(ctx: Context, data: ApplicationData) -> dict:
    unit_no = v.normalize_unit(data.unit_no, required=True)
    owner = v.text("业主", data.owner, required=True, max_len=50, key="owner")
    owner_phone = v.normalize_phone(data.owner_phone, label="业主电话", key="owner_phone")
    contractor = v.text("施工单位", data.contractor, required=True, max_len=100, key="contractor")
    manager = v.text("施工负责人", data.manager, required=True, max_len=50, key="manager")
    manager_phone = v.normalize_phone(data.manager_phone, label="负责人电话", required=True, key="manager_phone")
    scope = v.text("装修内容", data.scope, required=True, max_len=v.CONTENT_MAX, key="scope")
    for label, value, key in (("开工日期", data.start_date, "start_date"),
                              ("计划完工日期", data.planned_end_date, "planned_end_date")):
        if not isinstance(value, date):
            raise ValidationError(label, "必填，请选择日期", key)
        if isinstance(value, datetime):
            raise ValidationError(label, "应为日期", key)
        if value.year < 2000 or value.year > ctx.now().year + 5:
            raise ValidationError(label, "日期不合理，请检查", key)
    if data.planned_end_date < data.start_date:
        raise ValidationError("计划完工日期", "不能早于开工日期", "planned_end_date")
    flags = dict(touches_structure=bool(data.touches_structure), touches_facade=bool(data.touches_facade),
                 touches_waterproofing=bool(data.touches_waterproofing), touches_gas=bool(data.touches_gas))
    alteration_detail = v.text("拆改说明", data.alteration_detail, max_len=v.CONTENT_MAX, key="alteration_detail")
    if any(flags.values()) and not alteration_detail:
        raise ValidationError("拆改说明", "涉及结构、外立面、防水或燃气时必须写明拆改内容", "alteration_detail")
    deposit = money("押金", data.deposit, key="deposit")
    deposit_receipt = v.text("押金收据号", data.deposit_receipt, max_len=50, key="deposit_receipt")
    if deposit > 0 and not deposit_receipt:
        raise ValidationError("押金收据号", "收取押金时必须填写收据号", "deposit_receipt")
    fees = []
    for i, f in enumerate(data.fees or [], start=1):
        item = v.text(f"费用{i}项目", f.item, required=True, max_len=50, key="fees")
        amount = money(f"费用{i}（{item}）金额", f.amount, required=True, key="fees")
        receipt = v.text(f"费用{i}（{item}）收据号", f.receipt, max_len=50, key="fees")
        if amount > 0 and not receipt:
            raise ValidationError(f"费用{i}（{item}）收据号", "收费时必须填写收据号", "fees")
        fees.append({"item": item, "amount_fen": _fen(amount), "receipt": receipt})
    workers = []
    for i, w in enumerate(data.workers or [], start=1):
        name = v.text(f"施工人员{i}姓名", w.name, required=True, max_len=50, key="workers")
        phone = v.normalize_phone(w.phone, label=f"施工人员{i}（{name}）电话", key="workers")
        pass_no = v.text(f"施工人员{i}（{name}）出入证号", w.pass_no, max_len=30, key="workers")
        workers.append(WorkerData(name, phone, pass_no, w.uuid))
    return dict(unit_no=unit_no, owner=owner, owner_phone=owner_phone, contractor=contractor, manager=manager,
                manager_phone=manager_phone, scope=scope, start_date=data.start_date,
                planned_end_date=data.planned_end_date, alteration_detail=alteration_detail,
                deposit_fen=_fen(deposit), deposit_receipt=deposit_receipt, fees=fees,
                agreement_signed=bool(data.agreement_signed), liability_signed=bool(data.liability_signed),
                note=v.text("备注", data.note, max_len=v.CONTENT_MAX, key="note"), workers=workers,
                alteration=any(flags.values()), **flags)


def _sync_workers(ctx: Context, s: Session, reno: Renovation, workers: list[WorkerData]) -> None:
    current = {w.uuid: w for w in s.scalars(select(RenovationWorker).where(
        RenovationWorker.renovation_id == reno.id, RenovationWorker.voided_at.is_(None)))}
    kept = set()
    for w in workers:
        if w.uuid and w.uuid in current:
            kept.add(w.uuid)
            records.update(ctx, s, current[w.uuid], {"name": w.name, "phone": w.phone, "pass_no": w.pass_no},
                           expected_version=None)
        else:
            records.create(ctx, s, RenovationWorker, renovation_id=reno.id, name=w.name, phone=w.phone,
                           pass_no=w.pass_no, site_code=reno.site_code, action="登记施工人员")
    for uuid, w in current.items():
        if uuid not in kept:
            records.update(ctx, s, w, {"voided_at": ctx.now(), "voided_by": ctx.actor.name,
                                       "void_reason": "从施工人员名单中移除"},
                           expected_version=None, action="移除施工人员")


def apply(ctx: Context, data: ApplicationData) -> RenovationRow:
    """Register an application (状态 待审批)."""
    ctx.require_role(Role.RECEPTIONIST, "登记装修申请")
    fields = _validate_application(ctx, data)
    workers = fields.pop("workers")
    with ctx.unit_of_work() as s:
        busy = s.scalars(select(Renovation).where(
            Renovation.site_code == ctx.site.code, Renovation.unit_no == fields["unit_no"],
            Renovation.status.in_([st.value for st in ACTIVE_STATUSES]))).first()
        if busy is not None:
            raise ValidationError("房号", f"{fields['unit_no']} 已有进行中的装修申请（{busy.status}"
                                        f"{'，许可证 ' + busy.permit_no if busy.permit_no else ''}）", "unit_no")
        reno = records.create(ctx, s, Renovation, status=RenovationStatus.PENDING.value, action="登记装修申请", **fields)
        _sync_workers(ctx, s, reno, workers)
        return _row(s, reno, ctx.now())


def update_application(ctx: Context, uuid: str, data: ApplicationData, *, expected_version: int) -> RenovationRow:
    """Correct an application. While 待审批 everything may change; once approved the
    unit, the period and the 拆改 flags are fixed (use :func:`extend` for a new end date)."""
    ctx.require_role(Role.RECEPTIONIST, "修改装修申请")
    fields = _validate_application(ctx, data)
    workers = fields.pop("workers")
    with ctx.unit_of_work() as s:
        reno = _get(s, uuid)
        _check_state(reno, (RenovationStatus.PENDING, RenovationStatus.IN_PROGRESS), "修改")
        if reno.status != RenovationStatus.PENDING.value:
            fixed = {"unit_no": "房号", "start_date": "开工日期", "planned_end_date": "计划完工日期",
                     "touches_structure": "涉及拆改", "touches_facade": "涉及拆改",
                     "touches_waterproofing": "涉及拆改", "touches_gas": "涉及拆改"}
            for key, label in fixed.items():
                if getattr(reno, key) != fields[key]:
                    hint = "（延长工期请用“延期”）" if key == "planned_end_date" else ""
                    raise ValidationError(label, f"已批准的装修不能修改{label}{hint}", key)
        elif fields["unit_no"] != reno.unit_no:
            busy = s.scalars(select(Renovation).where(
                Renovation.site_code == reno.site_code, Renovation.unit_no == fields["unit_no"],
                Renovation.id != reno.id, Renovation.status.in_([st.value for st in ACTIVE_STATUSES]))).first()
            if busy is not None:
                raise ValidationError("房号", f"{fields['unit_no']} 已有进行中的装修申请", "unit_no")
        records.update(ctx, s, reno, fields, expected_version=expected_version)
        _sync_workers(ctx, s, reno, workers)
        return _row(s, reno, ctx.now())


def approve_alteration(ctx: Context, uuid: str, opinion: str, *, expected_version: int) -> RenovationRow:
    """拆改审批: the separate approval an application touching structure, facade,
    waterproofing or gas needs before it can be approved (客服主管 or above)."""
    actor = ctx.require_role(Role.SUPERVISOR, "审批拆改")
    opinion = v.text("拆改审批意见", opinion, required=True, max_len=2000, key="alteration_opinion")
    with ctx.unit_of_work() as s:
        reno = _get(s, uuid)
        _check_state(reno, (RenovationStatus.PENDING,), "审批拆改")
        if not _altering(reno):
            raise InvalidTransition("该申请不涉及拆改，无需拆改审批")
        records.update(ctx, s, reno, {"alteration_approved_by": actor.name, "alteration_approved_at": ctx.now(),
                                      "alteration_opinion": opinion},
                       expected_version=expected_version, action="拆改审批", note=opinion)
        return _row(s, reno, ctx.now())


def approve(ctx: Context, uuid: str, *, expected_version: int, opinion: str | None = None) -> RenovationRow:
    """Approve (客服主管+): 施工中, a permit number is issued (print ZX-03 for the door)."""
    actor = ctx.require_role(Role.SUPERVISOR, "审批装修申请")
    opinion = v.text("审批意见", opinion, max_len=2000, key="opinion")
    with ctx.unit_of_work() as s:
        reno = _get(s, uuid)
        _check_state(reno, (RenovationStatus.PENDING,), "审批")
        if not reno.agreement_signed:
            raise ValidationError("住宅装修管理协议", "尚未签订，不能批准", "agreement_signed")
        if not reno.liability_signed:
            raise ValidationError("责任承担书", "尚未签订，不能批准", "liability_signed")
        if _altering(reno) and not reno.alteration_approved_at:
            raise InvalidTransition("该申请涉及拆改（结构/外立面/防水/燃气），须先通过拆改审批")
        now = ctx.now()
        permit = _next_number(s, Renovation, Renovation.permit_no, str(settings.get(ctx, PERMIT_PREFIX.key)),
                              now.year, reno.site_code)
        records.update(ctx, s, reno, {"status": RenovationStatus.IN_PROGRESS.value, "approved_by": actor.name,
                                      "approved_at": now, "approval_opinion": opinion, "permit_no": permit},
                       expected_version=expected_version, action="审批通过", note=f"许可证号 {permit}")
        return _row(s, reno, now)


def refuse(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> RenovationRow:
    """Refuse (客服主管+) with a reason: 已驳回."""
    actor = ctx.require_role(Role.SUPERVISOR, "驳回装修申请")
    reason = v.text("驳回原因", reason, required=True, max_len=2000, key="refuse_reason")
    with ctx.unit_of_work() as s:
        reno = _get(s, uuid)
        _check_state(reno, (RenovationStatus.PENDING,), "驳回")
        records.update(ctx, s, reno, {"status": RenovationStatus.REFUSED.value, "approved_by": actor.name,
                                      "approved_at": ctx.now(), "refuse_reason": reason},
                       expected_version=expected_version, action="驳回", note=reason)
        return _row(s, reno, ctx.now())


def extend(ctx: Context, uuid: str, new_end_date: date, reason: str, *, expected_version: int) -> RenovationRow:
    """延期: a later planned end date, with the reason (the old one stays in the record)."""
    ctx.require_role(Role.RECEPTIONIST, "办理装修延期")
    reason = v.text("延期原因", reason, required=True, max_len=2000, key="reason")
    if not isinstance(new_end_date, date) or isinstance(new_end_date, datetime):
        raise ValidationError("新完工日期", "必填，请选择日期", "new_end_date")
    with ctx.unit_of_work() as s:
        reno = _get(s, uuid)
        _check_state(reno, (RenovationStatus.IN_PROGRESS,), "延期")
        if new_end_date <= reno.planned_end_date:
            raise ValidationError("新完工日期", f"应晚于当前计划完工日期 {reno.planned_end_date:%Y-%m-%d}",
                                  "new_end_date")
        old = reno.planned_end_date
        records.create(ctx, s, RenovationExtension, renovation_id=reno.id, old_end_date=old,
                       new_end_date=new_end_date, reason=reason, site_code=reno.site_code, action="延期")
        records.update(ctx, s, reno, {"planned_end_date": new_end_date}, expected_version=expected_version,
                       action="延期", note=f"{old:%Y-%m-%d} → {new_end_date:%Y-%m-%d}：{reason}")
        return _row(s, reno, ctx.now())


def request_acceptance(ctx: Context, uuid: str, *, expected_version: int) -> RenovationRow:
    """Works finished, the owner asks for acceptance: 施工中 → 待验收."""
    ctx.require_role(Role.RECEPTIONIST, "登记完工")
    with ctx.unit_of_work() as s:
        reno = _get(s, uuid)
        _check_state(reno, (RenovationStatus.IN_PROGRESS,), "申请验收")
        records.update(ctx, s, reno, {"status": RenovationStatus.AWAITING_ACCEPTANCE.value,
                                      "completed_at": ctx.now()},
                       expected_version=expected_version, action="完工申请验收")
        return _row(s, reno, ctx.now())


def record_acceptance(ctx: Context, uuid: str, result: AcceptanceResult | str,
                      items: Iterable[tuple[str, bool, str | None]] = (), note: str | None = None, *,
                      expected_version: int) -> RenovationRow:
    """装修验收: 合格 → 已验收; 不合格 (with the failed items or a note) stays 待验收."""
    actor = ctx.require_role(Role.RECEPTIONIST, "登记装修验收")
    result = v.choice("验收结果", result, AcceptanceResult, key="result")
    note = v.text("验收说明", note, max_len=v.CONTENT_MAX, key="note")
    clean = []
    for item, ok, item_note in items or ():
        item = v.text("验收项目", item, required=True, max_len=50, key="items")
        clean.append({"item": item, "ok": bool(ok), "note": v.text(f"{item}说明", item_note, max_len=500) or ""})
    failed = [c["item"] for c in clean if not c["ok"]]
    if result is AcceptanceResult.PASSED and failed:
        raise ValidationError("验收结果", f"有不合格项（{'、'.join(failed)}），不能判为合格", "result")
    if result is AcceptanceResult.FAILED and not failed and not note:
        raise ValidationError("验收说明", "验收不合格时请勾出不合格项或写明原因", "note")
    with ctx.unit_of_work() as s:
        reno = _get(s, uuid)
        _check_state(reno, (RenovationStatus.IN_PROGRESS, RenovationStatus.AWAITING_ACCEPTANCE), "验收")
        now = ctx.now()
        records.create(ctx, s, RenovationAcceptance, renovation_id=reno.id, accepted_at=now,
                       inspector=actor.name, result=result.value, items=clean, note=note,
                       site_code=reno.site_code, action="验收")
        changes = {"accepted_at": now, "acceptance_result": result.value}
        if reno.completed_at is None:
            changes["completed_at"] = now
        changes["status"] = (RenovationStatus.ACCEPTED if result is AcceptanceResult.PASSED
                             else RenovationStatus.AWAITING_ACCEPTANCE).value
        detail = result.value + (f"，不合格项：{'、'.join(failed)}" if failed else "") + (f"；{note}" if note else "")
        records.update(ctx, s, reno, changes, expected_version=expected_version, action="验收", note=detail)
        return _row(s, reno, now)


def refund_deposit(ctx: Context, uuid: str, *, receipt: str, deductions: Iterable[DeductionData] = (),
                   refunded_at: datetime | None = None, expected_version: int) -> RenovationRow:
    """退押金: only after a passed acceptance and with no open notice. A deduction needs a reason."""
    actor = ctx.require_role(Role.RECEPTIONIST, "办理退押金")
    receipt = v.text("退款收据号", receipt, required=True, max_len=50, key="refund_receipt")
    clean = []
    for i, d in enumerate(deductions or (), start=1):
        amount = money(f"扣款{i}金额", d.amount, required=True, key="deductions")
        reason = v.text(f"扣款{i}原因", d.reason, max_len=500, key="deductions")
        if amount > 0 and not reason:
            raise ValidationError(f"扣款{i}原因", "扣款必须写明原因", "deductions")
        if amount > 0:
            clean.append({"reason": reason, "amount_fen": _fen(amount)})
    with ctx.unit_of_work() as s:
        reno = _get(s, uuid)
        now = ctx.now()
        at = v.when("退款时间", refunded_at, now=now, key="refunded_at") or now
        if reno.status == RenovationStatus.AWAITING_ACCEPTANCE.value and reno.acceptance_result == "不合格":
            raise InvalidTransition("验收不合格，整改并重新验收合格后才能退押金")
        _check_state(reno, (RenovationStatus.ACCEPTED,), "退押金")
        if reno.acceptance_result != AcceptanceResult.PASSED.value:
            raise InvalidTransition("尚未验收合格，不能退押金")
        open_notices = s.scalars(select(RectificationNotice.notice_no).where(
            RectificationNotice.renovation_id == reno.id,
            RectificationNotice.status.in_(OPEN_NOTICE_STATUSES))).all()
        if open_notices:
            raise InvalidTransition(f"还有未结的整改通知书（{'、'.join(open_notices)}），复查已整改后才能退押金")
        total = sum(d["amount_fen"] for d in clean)
        if total > (reno.deposit_fen or 0):
            raise ValidationError("扣款", f"扣款合计 {_yuan(total)} 元超过押金 {_yuan(reno.deposit_fen)} 元",
                                  "deductions")
        refund = (reno.deposit_fen or 0) - total
        note = f"退还 {_yuan(refund)} 元，收据 {receipt}"
        if clean:
            note += "；扣款：" + "；".join(f"{d['reason']} {_yuan(d['amount_fen'])} 元" for d in clean)
        records.update(ctx, s, reno, {"status": RenovationStatus.REFUNDED.value, "refund_fen": refund,
                                      "refund_deductions": clean, "refunded_at": at, "refund_receipt": receipt,
                                      "refunded_by": actor.name},
                       expected_version=expected_version, action="退押金", note=note)
        return _row(s, reno, now)


def void_application(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> RenovationRow:
    """作废 (客服主管+) with a reason; its open notices are voided with it."""
    with ctx.unit_of_work() as s:
        reno = _get(s, uuid)
        if reno.status == RenovationStatus.REFUNDED.value:
            raise InvalidTransition("押金已退的装修记录不能作废")
        records.void(ctx, s, reno, reason, expected_version=expected_version)
        for n in s.scalars(select(RectificationNotice).where(RectificationNotice.renovation_id == reno.id,
                                                             RectificationNotice.status.in_(OPEN_NOTICE_STATUSES))):
            records.void(ctx, s, n, f"装修申请已作废：{reno.void_reason}", expected_version=None)
        return _row(s, reno, ctx.now())


def get(ctx: Context, uuid: str) -> RenovationRow:
    with ctx.read() as s:
        return _row(s, _get(s, uuid), ctx.now())


def find_by_permit(ctx: Context, permit_no: str) -> RenovationRow:
    permit_no = v.text("许可证号", permit_no, required=True, max_len=30, key="permit_no")
    with ctx.read() as s:
        reno = s.scalars(select(Renovation).where(Renovation.site_code == ctx.site.code,
                                                  func.upper(Renovation.permit_no) == permit_no.upper())).first()
        if reno is None:
            raise NotFound(f"找不到许可证号为 {permit_no} 的装修记录")
        return _row(s, reno, ctx.now())


def list_applications(ctx: Context, *, status: str | None = None, text: str | None = None,
                      include_void: bool = False, limit: int = 2000) -> list[RenovationRow]:
    """Applications, newest first; ``text`` matches unit, owner, contractor or permit number."""
    now = ctx.now()
    with ctx.read() as s:
        q = select(Renovation).where(Renovation.site_code == ctx.site.code)
        if status:
            q = q.where(Renovation.status == status)
        elif not include_void:
            q = q.where(Renovation.voided_at.is_(None))
        text = (text or "").strip()
        if text:
            try:
                unit = v.normalize_unit(text)
            except ValidationError:
                unit = None
            conds = [Renovation.unit_no.contains(text, autoescape=True),
                     Renovation.owner.contains(text, autoescape=True),
                     Renovation.contractor.contains(text, autoescape=True),
                     Renovation.permit_no.contains(text.upper(), autoescape=True)]
            if unit:
                conds.append(Renovation.unit_no == unit)
            q = q.where(or_(*conds))
        renos = s.scalars(q.order_by(Renovation.created_at.desc(), Renovation.id.desc()).limit(limit)).all()
        ids = [r.id for r in renos]
        counts = _open_notice_counts(s, ids, now)
        last = dict(s.execute(select(RenovationInspection.renovation_id, func.max(RenovationInspection.inspected_at))
                              .where(RenovationInspection.renovation_id.in_(ids),
                                     RenovationInspection.voided_at.is_(None))
                              .group_by(RenovationInspection.renovation_id)).all()) if ids else {}
        return [_row_from(r, open_notices=counts.get(r.id, (0, 0))[0], overdue_notices=counts.get(r.id, (0, 0))[1],
                          last_inspected_at=last.get(r.id)) for r in renos]


def acceptances(ctx: Context, uuid: str) -> list[AcceptanceRow]:
    with ctx.read() as s:
        reno = _get(s, uuid)
        rows = s.scalars(select(RenovationAcceptance).where(RenovationAcceptance.renovation_id == reno.id,
                                                            RenovationAcceptance.voided_at.is_(None))
                         .order_by(RenovationAcceptance.accepted_at, RenovationAcceptance.id)).all()
        return [AcceptanceRow(a.uuid, a.accepted_at, a.inspector, a.result,
                              tuple((i.get("item", ""), bool(i.get("ok")), i.get("note") or "") for i in a.items or []),
                              a.note) for a in rows]


# ---------------------------------------------------------------- the round

def _building_of(unit_no: str) -> str:
    try:
        parsed = v.parse_unit(unit_no)
        return parsed.building if parsed else ""
    except ValidationError:
        return unit_no.split("-")[0]


def round_for(ctx: Context, day: date | None = None) -> list[RoundItem]:
    """The day's round: every unit under renovation (施工中, started on or before the day),
    sorted by building and unit, with when it was last inspected and what is overdue."""
    day = day or ctx.now().date()
    stale_days = int(settings.get(ctx, STALE_DAYS.key) or 2)
    end_of_day = datetime.combine(day + timedelta(days=1), time(0))
    now = ctx.now()
    cutoff = min(now, end_of_day) if day >= now.date() else end_of_day
    with ctx.read() as s:
        renos = s.scalars(select(Renovation).where(
            Renovation.site_code == ctx.site.code, Renovation.status == RenovationStatus.IN_PROGRESS.value,
            Renovation.start_date <= day, Renovation.voided_at.is_(None))).all()
        ids = [r.id for r in renos]
        if not ids:
            return []
        # The last visit of each unit up to the day (one aggregate), and the day's visits.
        start_of_day = datetime.combine(day, time(0))
        live = (RenovationInspection.renovation_id.in_(ids), RenovationInspection.voided_at.is_(None))
        latest = (select(RenovationInspection.renovation_id, func.max(RenovationInspection.inspected_at).label("at"))
                  .where(*live, RenovationInspection.inspected_at < end_of_day)
                  .group_by(RenovationInspection.renovation_id).subquery())
        lasts: dict[int, tuple] = {}
        for rid, at, state, progress in s.execute(
                select(RenovationInspection.renovation_id, RenovationInspection.inspected_at,
                       RenovationInspection.site_state, RenovationInspection.progress)
                .join(latest, (latest.c.renovation_id == RenovationInspection.renovation_id)
                      & (latest.c.at == RenovationInspection.inspected_at))
                .where(RenovationInspection.voided_at.is_(None))
                .order_by(RenovationInspection.id)):
            lasts[rid] = (at, state, progress)
        visits: dict[int, list[RenovationInspection]] = {}
        for ins in s.scalars(select(RenovationInspection).where(
                *live, RenovationInspection.inspected_at >= start_of_day, RenovationInspection.inspected_at < end_of_day)
                .order_by(RenovationInspection.inspected_at, RenovationInspection.id)):
            visits.setdefault(ins.renovation_id, []).append(ins)
        notices = _open_notice_counts(s, ids, cutoff)
        complaints = _noise_complaint_counts(s, ctx, renos)
        uuids = {r.id: r.uuid for r in renos}
        out = []
        for r in renos:
            today = visits.get(r.id, [])
            last_at, last_state, last_progress = lasts.get(r.id, (None, None, None))
            since_date = last_at.date() if last_at else r.start_date
            days_since = (day - since_date).days
            visited_today = bool(today)
            out.append(RoundItem(
                renovation_uuid=r.uuid, renovation_version=r.version, unit_no=r.unit_no,
                building=_building_of(r.unit_no), owner=r.owner, contractor=r.contractor, manager=r.manager,
                manager_phone=r.manager_phone, permit_no=r.permit_no, start_date=r.start_date,
                planned_end_date=r.planned_end_date, last_visit_at=last_at, last_state=last_state,
                last_progress=last_progress,
                days_since=days_since, visited_today=visited_today,
                stale=not visited_today and days_since >= stale_days, past_end=r.planned_end_date < day,
                open_notices=notices.get(r.id, (0, 0))[0], overdue_notices=notices.get(r.id, (0, 0))[1],
                noise_complaints=complaints.get(r.id, 0),
                visits_today=tuple(_visit_row(x, uuids[r.id]) for x in today)))
    return sorted(out, key=lambda i: (v.natural_key(i.building), v.natural_key(i.unit_no)))


def _visit_row(ins: RenovationInspection, renovation_uuid: str) -> VisitRow:
    return records.to_row(ins, VisitRow, renovation_uuid=renovation_uuid, photos=tuple(ins.photos or ()))


def _store_photos(ctx: Context, reno_uuid: str, visit_uuid: str, photos: Iterable[str]) -> list[str]:
    stored = []
    folder = Path("renovation") / reno_uuid
    target_dir = ctx.paths.attachments / folder
    for i, src in enumerate(photos or (), start=1):
        path = Path(src)
        if not path.is_file():
            raise ValidationError("照片", f"找不到文件 {src}", "photos")
        target_dir.mkdir(parents=True, exist_ok=True)
        name = f"{visit_uuid[:8]}-{i}{path.suffix.lower()}"
        shutil.copy2(path, target_dir / name)
        stored.append((folder / name).as_posix())
    return stored


def record_visit(ctx: Context, data: VisitData) -> VisitRow:
    """One inspection visit. A failed key check or a written violation opens a
    违章整改通知书 (ZX-02) at once; its number is on the returned row."""
    actor = ctx.require_role(Role.RECEPTIONIST, "登记装修巡查")
    state = v.choice("现场情况", data.site_state, SiteState, key="site_state")
    progress = v.text("施工进度", data.progress, max_len=20, key="progress")
    failed = _clean_checks(ctx, data.failed_checks)
    violation = v.text("违规描述", data.violation, max_len=v.CONTENT_MAX, key="violation")
    note = v.text("备注", data.note, max_len=v.CONTENT_MAX, key="note")
    measures = v.text("处理措施", data.measures, max_len=2000, key="measures")
    signed_by = v.text("签收人", data.signed_by, max_len=50, key="signed_by")
    now = ctx.now()
    at = v.when("巡查时间", data.inspected_at, now=now, key="inspected_at") or now
    v.not_in_future("巡查时间", at, now, key="inspected_at")
    has_violation = bool(failed or violation)
    if has_violation and not measures:
        measures = "当场制止，发出违章整改通知书"
    with ctx.unit_of_work() as s:
        reno = _get(s, data.renovation_uuid)
        _check_state(reno, (RenovationStatus.IN_PROGRESS,), "巡查登记")
        if at.date() < reno.start_date:
            raise ValidationError("巡查时间", f"早于开工日期 {reno.start_date:%Y-%m-%d}", "inspected_at")
        number, deadline = _numbered_deadline(ctx, s, reno, data.deadline, at) if has_violation else (None, None)
        visit_uuid = new_uuid()
        photos = _store_photos(ctx, reno.uuid, visit_uuid, data.photos) if data.photos else None
        ins = records.create(ctx, s, RenovationInspection, uuid=visit_uuid, renovation_id=reno.id,
                             unit_no=reno.unit_no, inspected_at=at, inspector=actor.name, site_state=state.value,
                             progress=progress, failed_checks=CHECK_SEPARATOR.join(failed) or None,
                             violation=violation, measures=measures, note=note, photos=photos, notice_no=number,
                             notice_deadline=deadline, site_code=reno.site_code, action="巡查",
                             audit_note=f"{state.value}{' / ' + progress if progress else ''}"
                                        f"{'；违规：' + '、'.join(failed) if failed else ''}")
        if has_violation:
            _issue(ctx, s, reno, ins, number=number, deadline=deadline,
                   facts=_facts(at, reno.unit_no, failed, violation), failed=failed, requirement=None, basis=None, signed_by=signed_by, issued_at=at)
        return _visit_row(ins, reno.uuid)


def _facts(at: datetime, unit_no: str, failed: list[str], violation: str | None) -> str:
    parts = []
    if failed:
        parts.append("检查发现：" + "、".join(failed))
    if violation:
        parts.append(violation)
    return f"{at:%Y年%m月%d日 %H:%M} 巡查 {unit_no}，" + "；".join(parts) + "。"


def _numbered_deadline(ctx: Context, s: Session, reno: Renovation, deadline, issued_at: datetime
                       ) -> tuple[str, datetime]:
    """The next notice number of the year and the checked deadline (default: notice_days later, 18:00)."""
    days = int(settings.get(ctx, NOTICE_DAYS.key) or 3)
    deadline = _deadline("整改期限", deadline, issued_at, days)
    number = _next_number(s, RectificationNotice, RectificationNotice.notice_no,
                          str(settings.get(ctx, NOTICE_PREFIX.key)), issued_at.year, reno.site_code)
    return number, deadline


def _issue(ctx: Context, s: Session, reno: Renovation, ins: RenovationInspection | None, *, number: str,
           deadline: datetime, facts: str, failed: list[str], requirement: str | None, basis: str | None,
           signed_by: str | None, issued_at: datetime) -> RectificationNotice:
    notice = records.create(
        ctx, s, RectificationNotice, renovation_id=reno.id, inspection_id=ins.id if ins else None,
        notice_no=number, unit_no=reno.unit_no, issued_at=issued_at, issued_by=ctx.actor.name,
        failed_checks=CHECK_SEPARATOR.join(failed) or None, facts=facts,
        basis=basis or str(settings.get(ctx, NOTICE_BASIS.key)),
        requirement=requirement or str(settings.get(ctx, NOTICE_REQUIREMENT.key)), deadline=deadline,
        signed_by=signed_by, signed_at=issued_at if signed_by else None, status=NoticeStatus.OPEN.value,
        site_code=reno.site_code, action="发出整改通知书", audit_note=f"{number}，期限 {deadline:%Y-%m-%d %H:%M}")
    records.audit(ctx, s, "发出整改通知书", reno, note=f"{number}：{facts}")
    return notice


def issue_notice(ctx: Context, renovation_uuid: str, *, facts: str, failed_checks: Iterable[str] = (),
                 requirement: str | None = None, basis: str | None = None, deadline: datetime | date | None = None,
                 signed_by: str | None = None) -> NoticeRow:
    """A notice written without a visit (e.g. a violation reported by security)."""
    ctx.require_role(Role.RECEPTIONIST, "发出整改通知书")
    facts = v.text("违规事实", facts, required=True, max_len=v.CONTENT_MAX, key="facts")
    failed = _clean_checks(ctx, failed_checks)
    requirement = v.text("整改要求", requirement, max_len=v.CONTENT_MAX, key="requirement")
    basis = v.text("依据", basis, max_len=v.CONTENT_MAX, key="basis")
    signed_by = v.text("签收人", signed_by, max_len=50, key="signed_by")
    with ctx.unit_of_work() as s:
        reno = _get(s, renovation_uuid)
        _check_state(reno, (RenovationStatus.IN_PROGRESS, RenovationStatus.AWAITING_ACCEPTANCE), "发出整改通知书")
        now = ctx.now()
        number, due = _numbered_deadline(ctx, s, reno, deadline, now)
        n = _issue(ctx, s, reno, None, number=number, deadline=due, facts=facts, failed=failed,
                   requirement=requirement, basis=basis, signed_by=signed_by, issued_at=now)
        return _notice_row(s, n, ctx.now())


def _notice_row(s: Session, n: RectificationNotice, now: datetime, reno: Renovation | None = None,
                ins_uuid: str | None = None) -> NoticeRow:
    reno = reno or s.get(Renovation, n.renovation_id)
    if ins_uuid is None and n.inspection_id:
        ins_uuid = s.scalar(select(RenovationInspection.uuid).where(RenovationInspection.id == n.inspection_id))
    return records.to_row(n, NoticeRow, renovation_uuid=reno.uuid, inspection_uuid=ins_uuid, owner=reno.owner,
                          contractor=reno.contractor,
                          overdue=n.status in OPEN_NOTICE_STATUSES and n.deadline < now)


def _inspection_of(s: Session, n: RectificationNotice) -> RenovationInspection | None:
    """The visit that opened a notice (by number for a notice recreated by an import)."""
    if n.inspection_id:
        return s.get(RenovationInspection, n.inspection_id)
    return s.scalars(select(RenovationInspection).where(RenovationInspection.site_code == n.site_code,
                                                        RenovationInspection.notice_no == n.notice_no)).first()


def _get_notice(s: Session, ctx: Context, ref: str) -> RectificationNotice:
    ref = v.text("整改通知书", ref, required=True, max_len=40, key="notice")
    n = s.scalars(select(RectificationNotice).where(
        RectificationNotice.site_code == ctx.site.code,
        or_(RectificationNotice.uuid == ref.lower(), func.upper(RectificationNotice.notice_no) == ref.upper()))).first()
    if n is None:
        raise NotFound(f"找不到整改通知书 {ref}")
    return n


def get_notice(ctx: Context, ref: str) -> NoticeRow:
    """By UUID or by number (e.g. ZG2026-0001)."""
    with ctx.read() as s:
        return _notice_row(s, _get_notice(s, ctx, ref), ctx.now())


def sign_notice(ctx: Context, ref: str, signed_by: str, *, expected_version: int | None = None) -> NoticeRow:
    """Record who signed for the notice (签收人)."""
    ctx.require_role(Role.RECEPTIONIST, "登记签收")
    signed_by = v.text("签收人", signed_by, required=True, max_len=50, key="signed_by")
    with ctx.unit_of_work() as s:
        n = _get_notice(s, ctx, ref)
        records.update(ctx, s, n, {"signed_by": signed_by, "signed_at": ctx.now()},
                       expected_version=expected_version, action="签收", note=signed_by)
        return _notice_row(s, n, ctx.now())


def recheck_notice(ctx: Context, ref: str, result: RecheckResult | str, *, note: str | None = None,
                   escalation: Escalation | str | None = None, new_deadline: datetime | date | None = None,
                   expected_version: int | None = None) -> NoticeRow:
    """复查. 已整改 closes the notice (at any time). 未整改 can only be found on or after
    the deadline and escalates with the chosen step (移交执法部门 needs a 客服主管) and a
    new deadline for the next re-inspection."""
    actor = ctx.require_role(Role.RECEPTIONIST, "登记复查")
    result = v.choice("复查结果", result, RecheckResult, key="result")
    note = v.text("复查说明", note, max_len=v.CONTENT_MAX, key="note")
    step = v.choice("升级措施", escalation, Escalation, required=result is RecheckResult.NOT_RECTIFIED,
                    key="escalation")
    if result is RecheckResult.RECTIFIED:
        step = None
    if step is Escalation.AUTHORITIES:
        ctx.require_role(Role.SUPERVISOR, "移交执法部门")
    now = ctx.now()
    with ctx.unit_of_work() as s:
        n = _get_notice(s, ctx, ref)
        if n.status not in OPEN_NOTICE_STATUSES:
            raise InvalidTransition(f"整改通知书 {n.notice_no} 状态为“{n.status}”，无需复查")
        changes: dict = {"recheck_at": now, "recheck_by": actor.name, "recheck_result": result.value,
                         "recheck_note": note}
        if result is RecheckResult.RECTIFIED:
            changes["status"] = NoticeStatus.RECTIFIED.value
            text_note = "已整改" + (f"：{note}" if note else "")
        else:
            if now.date() < n.deadline.date():
                raise ValidationError("复查结果", f"整改期限 {n.deadline:%Y-%m-%d %H:%M} 未到，"
                                              "期限当日或之后才能判定未整改", "result")
            days = int(settings.get(ctx, NOTICE_DAYS.key) or 3)
            deadline = _deadline("新整改期限", new_deadline, now, days)
            changes.update(status=NoticeStatus.ESCALATED.value, escalation=step.value, escalated_at=now,
                           escalated_by=actor.name, deadline=deadline)
            text_note = f"未整改，{step.value}，新期限 {deadline:%Y-%m-%d %H:%M}" + (f"：{note}" if note else "")
        records.update(ctx, s, n, changes, expected_version=expected_version,
                       action="复查" if result is RecheckResult.RECTIFIED else "复查未整改并升级", note=text_note)
        ins = _inspection_of(s, n)
        if ins is not None and not ins.is_void:
            records.update(ctx, s, ins, {"recheck_at": now, "recheck_result": result.value,
                                         "notice_deadline": n.deadline},
                           expected_version=None, action="复查", note=f"{n.notice_no} {text_note}")
        reno = s.get(Renovation, n.renovation_id)
        records.audit(ctx, s, "复查" if result is RecheckResult.RECTIFIED else "升级", reno,
                      note=f"{n.notice_no} {text_note}")
        return _notice_row(s, n, now, reno)


def void_notice(ctx: Context, ref: str, reason: str, *, expected_version: int | None = None) -> NoticeRow:
    with ctx.unit_of_work() as s:
        n = _get_notice(s, ctx, ref)
        records.void(ctx, s, n, reason, expected_version=expected_version)
        ins = _inspection_of(s, n)
        if ins is not None and not ins.is_void:
            records.update(ctx, s, ins, {}, expected_version=None,
                           action="整改通知书作废", note=f"{n.notice_no}：{n.void_reason}")
        return _notice_row(s, n, ctx.now())


def list_notices(ctx: Context, *, open_only: bool = False, renovation_uuid: str | None = None,
                 include_void: bool = False) -> list[NoticeRow]:
    """Notices, overdue first, then by deadline."""
    now = ctx.now()
    with ctx.read() as s:
        q = select(RectificationNotice).where(RectificationNotice.site_code == ctx.site.code)
        if open_only:
            q = q.where(RectificationNotice.status.in_(OPEN_NOTICE_STATUSES))
        elif not include_void:
            q = q.where(RectificationNotice.voided_at.is_(None))
        if renovation_uuid:
            q = q.where(RectificationNotice.renovation_id == _get(s, renovation_uuid).id)
        notices = s.scalars(q).all()
        renos = {r.id: r for r in s.scalars(select(Renovation).where(
            Renovation.id.in_({n.renovation_id for n in notices})))} if notices else {}
        ins_ids = {n.inspection_id for n in notices if n.inspection_id}
        ins_uuids = dict(s.execute(select(RenovationInspection.id, RenovationInspection.uuid)
                                   .where(RenovationInspection.id.in_(ins_ids))).all()) if ins_ids else {}
        rows = [_notice_row(s, n, now, renos[n.renovation_id], ins_uuids.get(n.inspection_id)) for n in notices]
    return sorted(rows, key=lambda r: (not r.overdue, not r.is_open, r.deadline if r.is_open else datetime.max,
                                       r.notice_no))


def list_visits(ctx: Context, *, renovation_uuid: str | None = None, date_from: date | None = None,
                date_to: date | None = None, include_void: bool = False) -> list[VisitRow]:
    """Visits in time order: one unit's whole history, or a period (a day's round)."""
    with ctx.read() as s:
        q = (select(RenovationInspection, Renovation.uuid)
             .join(Renovation, Renovation.id == RenovationInspection.renovation_id)
             .where(RenovationInspection.site_code == ctx.site.code))
        if renovation_uuid:
            q = q.where(RenovationInspection.renovation_id == _get(s, renovation_uuid).id)
        if date_from:
            q = q.where(RenovationInspection.inspected_at >= datetime.combine(date_from, time(0)))
        if date_to:
            q = q.where(RenovationInspection.inspected_at < datetime.combine(date_to + timedelta(days=1), time(0)))
        if not include_void:
            q = q.where(RenovationInspection.voided_at.is_(None))
        q = q.order_by(RenovationInspection.inspected_at, RenovationInspection.id)
        return [_visit_row(ins, ruuid) for ins, ruuid in s.execute(q).all()]


def void_visit(ctx: Context, uuid: str, reason: str, *, expected_version: int | None = None) -> VisitRow:
    """A visit entered by mistake (客服主管+). A notice it opened must be voided on its own."""
    with ctx.unit_of_work() as s:
        ins = records.get_by_uuid(s, RenovationInspection, v.uuid_text("记录编号", uuid, required=True), "巡查记录")
        records.void(ctx, s, ins, reason, expected_version=expected_version, status_field=None)
        return _visit_row(ins, s.get(Renovation, ins.renovation_id).uuid)


# ---------------------------------------------------------------- noise and complaints

def _parse_hhmm(text: str) -> time:
    h, m = str(text).split(":")
    return time(int(h), int(m))


def _noise_checker(ctx: Context):
    """``allowed(at) -> bool`` with the settings and the calendar read once."""
    from app.core import calendar

    hours = settings.get(ctx, NOISE_HOURS.key) or {}
    cal = calendar.load_calendar(ctx)
    windows = {key: [(_parse_hhmm(a), _parse_hhmm(b)) for a, b in hours.get(key) or []]
               for key in ("workday", "day_off")}

    def for_day(day: date) -> list[tuple[time, time]]:
        return windows["workday" if cal.is_workday(day) else "day_off"]

    def allowed(at: datetime) -> bool:
        return any(a <= at.time() < b for a, b in for_day(at.date()))

    allowed.windows = for_day  # type: ignore[attr-defined]
    return allowed


def noise_windows(ctx: Context, day: date) -> list[tuple[time, time]]:
    """The permitted working hours of a day: the workday windows, or the day-off ones
    (none by default) on a weekend or holiday of the site's working-day calendar."""
    return _noise_checker(ctx).windows(day)


def noise_allowed(ctx: Context, at: datetime) -> bool:
    return _noise_checker(ctx)(at)


def noise_hours_text(ctx: Context) -> str:
    """For the permit: 工作日 08:00–12:00、14:00–18:00；休息日及法定节假日不得进行产生噪声的施工."""
    hours = settings.get(ctx, NOISE_HOURS.key) or {}
    work = "、".join(f"{a}–{b}" for a, b in hours.get("workday") or []) or "不得施工"
    off = hours.get("day_off") or []
    off_text = ("休息日及法定节假日 " + "、".join(f"{a}–{b}" for a, b in off)) if off else \
        "休息日及法定节假日不得进行产生噪声的施工"
    return f"工作日 {work}；{off_text}"


def is_workday(ctx: Context, day: date) -> bool:
    """The site's working-day calendar: weekends, statutory holidays, make-up workdays
    (调休) and the admin's corrections."""
    from app.core import calendar

    return calendar.load_calendar(ctx).is_workday(day)


def _unit_mentions(unit_no: str) -> list[str]:
    try:
        u = v.parse_unit(unit_no)
    except ValidationError:
        return [unit_no]
    forms = [u.code]
    if u.entrance:
        forms.append(f"{u.building}栋{u.entrance}单元{u.room}")
        forms.append(f"{u.building}幢{u.entrance}单元{u.room}")
    else:
        forms.append(f"{u.building}栋{u.room}")
    return forms


def _complaint_window(reno: Renovation) -> tuple[datetime, datetime | None]:
    """From approval (or the start date) to the acceptance, while the unit was under renovation."""
    start = datetime.combine(reno.start_date, time(0))
    if reno.approved_at and reno.approved_at < start:
        start = reno.approved_at
    end = reno.accepted_at if reno.status in (RenovationStatus.ACCEPTED.value, RenovationStatus.REFUNDED.value) \
        else None
    return start, end


def _complaint_query(ctx: Context, reno: Renovation):
    start, end = _complaint_window(reno)
    mentions = [Complaint.content.contains(m, autoescape=True) for m in _unit_mentions(reno.unit_no)]
    q = select(Complaint).where(Complaint.site_code == reno.site_code, Complaint.category == NOISE_CATEGORY,
                                Complaint.voided_at.is_(None), Complaint.received_at >= start,
                                or_(Complaint.unit_no == reno.unit_no, *mentions))
    if end is not None:
        q = q.where(Complaint.received_at <= end)
    return q


def _noise_complaint_counts(s: Session, ctx: Context, renos: list[Renovation]) -> dict[int, int]:
    """How many noise complaints concern each renovation: one query, matched here."""
    if not renos:
        return {}
    earliest = min(_complaint_window(r)[0] for r in renos)
    complaints = s.execute(select(Complaint.unit_no, Complaint.content, Complaint.received_at).where(
        Complaint.site_code == ctx.site.code, Complaint.category == NOISE_CATEGORY, Complaint.voided_at.is_(None),
        Complaint.received_at >= earliest)).all()
    out: dict[int, int] = {}
    for r in renos:
        start, end = _complaint_window(r)
        mentions = _unit_mentions(r.unit_no)
        n = sum(1 for unit_no, content, at in complaints
                if at >= start and (end is None or at <= end)
                and (unit_no == r.unit_no or any(m in (content or "") for m in mentions)))
        if n:
            out[r.id] = n
    return out


def noise_complaints(ctx: Context, renovation_uuid: str) -> list[LinkedComplaintRow]:
    """Complaints of category 装修噪音扰民 about this unit while it was under renovation:
    filed with its unit number, or naming it in the text (a neighbour's complaint)."""
    allowed = _noise_checker(ctx)
    with ctx.read() as s:
        reno = _get(s, renovation_uuid)
        rows = s.scalars(_complaint_query(ctx, reno).order_by(Complaint.received_at)).all()
        return [LinkedComplaintRow(c.uuid, c.received_at, c.complainant, c.unit_no, c.content, c.status,
                                   allowed(c.received_at)) for c in rows]


# ---------------------------------------------------------------- history and badge

def renovation_history(ctx: Context, uuid: str) -> list[RenovationEventRow]:
    """Every step of one renovation: the application and its workers, extensions,
    visits, notices and acceptances, oldest first."""
    with ctx.read() as s:
        reno = _get(s, uuid)
        subjects: dict[str, str] = {reno.uuid: "装修申请"}
        for model, label_fn in (
                (RenovationWorker, lambda x: f"施工人员 {x.name}"),
                (RenovationExtension, lambda x: "延期"),
                (RenovationInspection, lambda x: f"巡查 {x.inspected_at:%m-%d %H:%M}"),
                (RectificationNotice, lambda x: f"整改通知书 {x.notice_no}"),
                (RenovationAcceptance, lambda x: "验收")):
            for x in s.scalars(select(model).where(model.renovation_id == reno.id)):
                subjects[x.uuid] = label_fn(x)
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity_uuid.in_(list(subjects)))
                           .order_by(AuditEvent.at, AuditEvent.id)).all()
        return [RenovationEventRow(e.at, e.actor, e.action,
                                   subjects.get(e.entity_uuid, _ENTITY_LABEL.get(e.entity, "")),
                                   e.note, e.before, e.after) for e in events]


def nav_badge(ctx: Context) -> Badge | None:
    """Red: rectification notices past their deadline. Amber: units not inspected for
    two days or more, and applications waiting for approval."""
    now = ctx.now()
    with ctx.read() as s:
        overdue = s.scalar(select(func.count()).select_from(RectificationNotice).join(
            Renovation, Renovation.id == RectificationNotice.renovation_id).where(
            RectificationNotice.site_code == ctx.site.code,
            RectificationNotice.status.in_(OPEN_NOTICE_STATUSES), RectificationNotice.deadline < now,
            Renovation.voided_at.is_(None))) or 0
        pending = s.scalar(select(func.count()).select_from(Renovation).where(
            Renovation.site_code == ctx.site.code, Renovation.status == RenovationStatus.PENDING.value)) or 0
    if overdue:
        return Badge(overdue, "red", f"{overdue} 份整改通知书已过整改期限未复查")
    stale = sum(1 for item in round_for(ctx, now.date()) if item.stale)
    if stale or pending:
        parts = []
        if stale:
            parts.append(f"{stale} 户装修两天以上未巡查")
        if pending:
            parts.append(f"{pending} 份装修申请待审批")
        return Badge(stale + pending, "amber", "；".join(parts))
    return None


# ---------------------------------------------------------------- units for completion

def unit_owner(ctx: Context, unit_no: str) -> tuple[str | None, str | None]:
    """The owner (name, phone) of a unit, to fill in an application."""
    from app import residents

    try:
        people = residents.residents_of_unit(ctx, unit_no)
    except (ValidationError, NotFound):
        return None, None
    owners = [p for p in people if p.role == "业主"] or people
    if not owners:
        return None, None
    return owners[0].name, owners[0].phone


__all__ = [
    "RenovationStatus", "SiteState", "NoticeStatus", "RecheckResult", "Escalation", "AcceptanceResult",
    "ApplicationData", "WorkerData", "FeeData", "DeductionData", "VisitData", "RenovationRow", "VisitRow",
    "NoticeRow", "AcceptanceRow", "RoundItem", "LinkedComplaintRow", "RenovationEventRow", "ExtensionRow",
    "apply", "update_application", "approve_alteration", "approve", "refuse", "extend", "request_acceptance",
    "record_acceptance", "refund_deposit", "void_application", "get", "find_by_permit", "list_applications",
    "acceptances", "round_for", "record_visit", "issue_notice", "get_notice", "sign_notice", "recheck_notice",
    "void_notice", "list_notices", "list_visits", "void_visit", "noise_windows", "noise_allowed",
    "noise_hours_text", "is_workday", "noise_complaints", "renovation_history", "nav_badge", "key_checks",
    "progress_stages", "acceptance_items", "put_list_setting", "unit_owner", "money",
]
