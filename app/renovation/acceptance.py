"""Acceptance and the deposit refund: 施工中 → 待验收 (works finished), the acceptance with its
items (合格 → 已验收), and 退押金 once accepted with no open rectification notice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from sqlalchemy import select

from app.core import access, records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, ValidationError
from app.renovation.application import DeductionData, RenovationRow, check_state, load_renovation, renovation_row
from app.renovation.models import RectificationNotice, RenovationAcceptance
from app.renovation.rules import money, to_fen, to_yuan
from app.renovation.vocab import OPEN_NOTICE_STATUSES, AcceptanceResult, RenovationStatus


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


def request_acceptance(ctx: Context, uuid: str, *, expected_version: int) -> RenovationRow:
    """Works finished, the owner asks for acceptance: 施工中 → 待验收."""
    ctx.require_role(Role.RECEPTIONIST, "登记完工")
    with ctx.unit_of_work() as s:
        reno = load_renovation(s, uuid)
        check_state(reno, (RenovationStatus.IN_PROGRESS,), "申请验收")
        records.update(ctx, s, reno, {"status": RenovationStatus.AWAITING_ACCEPTANCE.value,
                                      "completed_at": ctx.now()},
                       expected_version=expected_version, action="完工申请验收")
        return renovation_row(s, reno, ctx.now())


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
        reno = load_renovation(s, uuid)
        check_state(reno, (RenovationStatus.IN_PROGRESS, RenovationStatus.AWAITING_ACCEPTANCE), "验收")
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
        return renovation_row(s, reno, now)


def refund_deposit(ctx: Context, uuid: str, *, receipt: str, deductions: Iterable[DeductionData] = (),
                   refunded_at: datetime | None = None, expected_version: int) -> RenovationRow:
    """退押金: only after a passed acceptance and with no open notice. A deduction needs a reason."""
    actor, _ = access.require(ctx, "renovation.refund_deposit")
    receipt = v.text("退款收据号", receipt, required=True, max_len=50, key="refund_receipt")
    clean = []
    for i, d in enumerate(deductions or (), start=1):
        amount = money(f"扣款{i}金额", d.amount, required=True, key="deductions")
        reason = v.text(f"扣款{i}原因", d.reason, max_len=500, key="deductions")
        if amount > 0 and not reason:
            raise ValidationError(f"扣款{i}原因", "扣款必须写明原因", "deductions")
        if amount > 0:
            clean.append({"reason": reason, "amount_fen": to_fen(amount)})
    if clean:
        access.require(ctx, "renovation.deduct_deposit", "；".join(d["reason"] for d in clean))
    with ctx.unit_of_work() as s:
        reno = load_renovation(s, uuid)
        now = ctx.now()
        at = v.when("退款时间", refunded_at, now=now, key="refunded_at") or now
        if reno.status == RenovationStatus.AWAITING_ACCEPTANCE.value and reno.acceptance_result == AcceptanceResult.FAILED.value:
            raise InvalidTransition("验收不合格，整改并重新验收合格后才能退押金")
        check_state(reno, (RenovationStatus.ACCEPTED,), "退押金")
        if reno.acceptance_result != AcceptanceResult.PASSED.value:
            raise InvalidTransition("尚未验收合格，不能退押金")
        open_notices = s.scalars(select(RectificationNotice.notice_no).where(
            RectificationNotice.renovation_id == reno.id,
            RectificationNotice.status.in_(OPEN_NOTICE_STATUSES))).all()
        if open_notices:
            raise InvalidTransition(f"还有未结的整改通知书（{'、'.join(open_notices)}），复查已整改后才能退押金")
        total = sum(d["amount_fen"] for d in clean)
        if total > (reno.deposit_fen or 0):
            raise ValidationError("扣款", f"扣款合计 {to_yuan(total)} 元超过押金 {to_yuan(reno.deposit_fen)} 元",
                                  "deductions")
        refund = (reno.deposit_fen or 0) - total
        note = f"退还 {to_yuan(refund)} 元，收据 {receipt}"
        if clean:
            note += "；扣款：" + "；".join(f"{d['reason']} {to_yuan(d['amount_fen'])} 元" for d in clean)
        records.update(ctx, s, reno, {"status": RenovationStatus.REFUNDED.value, "refund_fen": refund,
                                      "refund_deductions": clean, "refunded_at": at, "refund_receipt": receipt,
                                      "refunded_by": actor.name},
                       expected_version=expected_version, action="退押金", note=note)
        return renovation_row(s, reno, now)


def acceptances(ctx: Context, uuid: str) -> list[AcceptanceRow]:
    """The acceptances of one application, oldest first (a failed one is followed by another)."""
    with ctx.read() as s:
        reno = load_renovation(s, uuid)
        rows = s.scalars(select(RenovationAcceptance).where(RenovationAcceptance.renovation_id == reno.id,
                                                            RenovationAcceptance.voided_at.is_(None))
                         .order_by(RenovationAcceptance.accepted_at, RenovationAcceptance.id)).all()
        return [AcceptanceRow(a.uuid, a.accepted_at, a.inspector, a.result,
                              tuple((i.get("item", ""), bool(i.get("ok")), i.get("note") or "") for i in a.items or []),
                              a.note) for a in rows]

