"""装修申请: the application, its workers and fees, approval (with the separate 拆改 approval),
refusal, extensions and voiding; :class:`RenovationRow` is what every service returns for it.

States of an application::

    待审批 ──approve (客服主管+; permit number issued)──► 施工中 ──request_acceptance──► 待验收
       │                                                     │  ▲ extend (new end date)   │
       └─refuse (客服主管+, reason)──► 已驳回                  └──┘                          │
    record_acceptance 合格 ──► 已验收 ──refund_deposit (no open notice)──► 押金已退      ◄──┘
    any state but 押金已退 ──void (客服主管+, reason)──► 已作废

Acceptance and the refund are in :mod:`app.renovation.acceptance`; visits and notices in
:mod:`app.renovation.visits` and :mod:`app.renovation.notices`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import residents
from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import ResidentRole, Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.renovation.models import (
    RectificationNotice, Renovation, RenovationExtension, RenovationInspection, RenovationWorker,
)
from app.renovation.rules import money, next_number, to_fen, to_yuan
from app.renovation.site_settings import permit_prefix
from app.renovation.vocab import ACTIVE_STATUSES, OPEN_NOTICE_STATUSES, NoticeStatus, RenovationStatus


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


# ---------------------------------------------------------------- loading and rows

def load_renovation(s: Session, uuid: str) -> Renovation:
    """The application with this record number (记录编号), or NotFound."""
    uuid = v.uuid_text("记录编号", uuid, required=True)
    return records.get_by_uuid(s, Renovation, uuid, "装修申请")


def altering(reno: Renovation) -> bool:
    """拆改: structure, facade, waterproofing or gas."""
    return bool(reno.alteration or reno.touches_structure or reno.touches_facade or reno.touches_waterproofing
                or reno.touches_gas)


def check_state(reno: Renovation, allowed: Iterable[RenovationStatus], action: str) -> None:
    """Refuse ``action`` unless the application is in one of the ``allowed`` states."""
    allowed = tuple(allowed)
    if reno.status not in [a.value for a in allowed]:
        want = "、".join(a.value for a in allowed)
        raise InvalidTransition(f"装修申请当前状态为“{reno.status}”，不能{action}（需为{want}）")


def open_notice_counts(s: Session, reno_ids: list[int], now: datetime) -> dict[int, tuple[int, int]]:
    """(open notices, of which past their deadline at ``now``) per application id."""
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


def renovation_row(s: Session, reno: Renovation, now: datetime, *, details: bool = True) -> RenovationRow:
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
    open_n, overdue_n = open_notice_counts(s, [reno.id], now).get(reno.id, (0, 0))
    return row_from(reno, workers=workers, extensions=extensions, open_notices=open_n,
                    overdue_notices=overdue_n, last_inspected_at=last)


def row_from(reno: Renovation, **extra) -> RenovationRow:
    """The row of an application, money in yuan; ``extra`` fills the fields the caller looked up."""
    fees = tuple(FeeData(f.get("item", ""), to_yuan(int(f.get("amount_fen") or 0)), f.get("receipt"))
                 for f in (reno.fees or []))
    deductions = tuple(DeductionData(d.get("reason", ""), to_yuan(int(d.get("amount_fen") or 0)))
                       for d in (reno.refund_deductions or []))
    return records.to_row(reno, RenovationRow, deposit=to_yuan(reno.deposit_fen or 0), fees=fees,
                          applied_at=reno.created_at, received_by=reno.created_by,
                          refund_amount=to_yuan(reno.refund_fen), refund_deductions=deductions, **extra)


# ---------------------------------------------------------------- the application

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
        fees.append({"item": item, "amount_fen": to_fen(amount), "receipt": receipt})
    workers = []
    for i, w in enumerate(data.workers or [], start=1):
        name = v.text(f"施工人员{i}姓名", w.name, required=True, max_len=50, key="workers")
        phone = v.normalize_phone(w.phone, label=f"施工人员{i}（{name}）电话", key="workers")
        pass_no = v.text(f"施工人员{i}（{name}）出入证号", w.pass_no, max_len=30, key="workers")
        workers.append(WorkerData(name, phone, pass_no, w.uuid))
    return dict(unit_no=unit_no, owner=owner, owner_phone=owner_phone, contractor=contractor, manager=manager,
                manager_phone=manager_phone, scope=scope, start_date=data.start_date,
                planned_end_date=data.planned_end_date, alteration_detail=alteration_detail,
                deposit_fen=to_fen(deposit), deposit_receipt=deposit_receipt, fees=fees,
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
        return renovation_row(s, reno, ctx.now())


def update_application(ctx: Context, uuid: str, data: ApplicationData, *, expected_version: int) -> RenovationRow:
    """Correct an application. While 待审批 everything may change; once approved the
    unit, the period and the 拆改 flags are fixed (use :func:`extend` for a new end date)."""
    ctx.require_role(Role.RECEPTIONIST, "修改装修申请")
    fields = _validate_application(ctx, data)
    workers = fields.pop("workers")
    with ctx.unit_of_work() as s:
        reno = load_renovation(s, uuid)
        check_state(reno, (RenovationStatus.PENDING, RenovationStatus.IN_PROGRESS), "修改")
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
        return renovation_row(s, reno, ctx.now())


def approve_alteration(ctx: Context, uuid: str, opinion: str, *, expected_version: int) -> RenovationRow:
    """拆改审批: the separate approval an application touching structure, facade,
    waterproofing or gas needs before it can be approved (客服主管 or above)."""
    actor = ctx.require_role(Role.SUPERVISOR, "审批拆改")
    opinion = v.text("拆改审批意见", opinion, required=True, max_len=2000, key="alteration_opinion")
    with ctx.unit_of_work() as s:
        reno = load_renovation(s, uuid)
        check_state(reno, (RenovationStatus.PENDING,), "审批拆改")
        if not altering(reno):
            raise InvalidTransition("该申请不涉及拆改，无需拆改审批")
        records.update(ctx, s, reno, {"alteration_approved_by": actor.name, "alteration_approved_at": ctx.now(),
                                      "alteration_opinion": opinion},
                       expected_version=expected_version, action="拆改审批", note=opinion)
        return renovation_row(s, reno, ctx.now())


def approve(ctx: Context, uuid: str, *, expected_version: int, opinion: str | None = None) -> RenovationRow:
    """Approve (客服主管+): 施工中, a permit number is issued (print ZX-03 for the door)."""
    actor = ctx.require_role(Role.SUPERVISOR, "审批装修申请")
    opinion = v.text("审批意见", opinion, max_len=2000, key="opinion")
    with ctx.unit_of_work() as s:
        reno = load_renovation(s, uuid)
        check_state(reno, (RenovationStatus.PENDING,), "审批")
        if not reno.agreement_signed:
            raise ValidationError("住宅装修管理协议", "尚未签订，不能批准", "agreement_signed")
        if not reno.liability_signed:
            raise ValidationError("责任承担书", "尚未签订，不能批准", "liability_signed")
        if altering(reno) and not reno.alteration_approved_at:
            raise InvalidTransition("该申请涉及拆改（结构/外立面/防水/燃气），须先通过拆改审批")
        now = ctx.now()
        permit = next_number(s, Renovation, Renovation.permit_no, permit_prefix(ctx), now.year, reno.site_code)
        records.update(ctx, s, reno, {"status": RenovationStatus.IN_PROGRESS.value, "approved_by": actor.name,
                                      "approved_at": now, "approval_opinion": opinion, "permit_no": permit},
                       expected_version=expected_version, action="审批通过", note=f"许可证号 {permit}")
        return renovation_row(s, reno, now)


def refuse(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> RenovationRow:
    """Refuse (客服主管+) with a reason: 已驳回."""
    actor = ctx.require_role(Role.SUPERVISOR, "驳回装修申请")
    reason = v.text("驳回原因", reason, required=True, max_len=2000, key="refuse_reason")
    with ctx.unit_of_work() as s:
        reno = load_renovation(s, uuid)
        check_state(reno, (RenovationStatus.PENDING,), "驳回")
        records.update(ctx, s, reno, {"status": RenovationStatus.REFUSED.value, "approved_by": actor.name,
                                      "approved_at": ctx.now(), "refuse_reason": reason},
                       expected_version=expected_version, action="驳回", note=reason)
        return renovation_row(s, reno, ctx.now())


def extend(ctx: Context, uuid: str, new_end_date: date, reason: str, *, expected_version: int) -> RenovationRow:
    """延期: a later planned end date, with the reason (the old one stays in the record)."""
    ctx.require_role(Role.RECEPTIONIST, "办理装修延期")
    reason = v.text("延期原因", reason, required=True, max_len=2000, key="reason")
    if not isinstance(new_end_date, date) or isinstance(new_end_date, datetime):
        raise ValidationError("新完工日期", "必填，请选择日期", "new_end_date")
    with ctx.unit_of_work() as s:
        reno = load_renovation(s, uuid)
        check_state(reno, (RenovationStatus.IN_PROGRESS,), "延期")
        if new_end_date <= reno.planned_end_date:
            raise ValidationError("新完工日期", f"应晚于当前计划完工日期 {reno.planned_end_date:%Y-%m-%d}",
                                  "new_end_date")
        old = reno.planned_end_date
        records.create(ctx, s, RenovationExtension, renovation_id=reno.id, old_end_date=old,
                       new_end_date=new_end_date, reason=reason, site_code=reno.site_code, action="延期")
        records.update(ctx, s, reno, {"planned_end_date": new_end_date}, expected_version=expected_version,
                       action="延期", note=f"{old:%Y-%m-%d} → {new_end_date:%Y-%m-%d}：{reason}")
        return renovation_row(s, reno, ctx.now())


def void_application(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> RenovationRow:
    """作废 (客服主管+) with a reason; its open notices are voided with it."""
    with ctx.unit_of_work() as s:
        reno = load_renovation(s, uuid)
        if reno.status == RenovationStatus.REFUNDED.value:
            raise InvalidTransition("押金已退的装修记录不能作废")
        records.void(ctx, s, reno, reason, expected_version=expected_version, void_status=RenovationStatus.VOID.value)
        for n in s.scalars(select(RectificationNotice).where(RectificationNotice.renovation_id == reno.id,
                                                             RectificationNotice.status.in_(OPEN_NOTICE_STATUSES))):
            records.void(ctx, s, n, f"装修申请已作废：{reno.void_reason}", expected_version=None,
                         void_status=NoticeStatus.VOID.value)
        return renovation_row(s, reno, ctx.now())


def get(ctx: Context, uuid: str) -> RenovationRow:
    with ctx.read() as s:
        return renovation_row(s, load_renovation(s, uuid), ctx.now())


def unit_owner(ctx: Context, unit_no: str) -> tuple[str | None, str | None]:
    """The owner (name, phone) of a unit, to fill in an application."""
    try:
        people = residents.residents_of_unit(ctx, unit_no)
    except (ValidationError, NotFound):
        return None, None
    owners = [p for p in people if p.role == ResidentRole.OWNER] or people
    if not owners:
        return None, None
    return owners[0].name, owners[0].phone
