"""借用物品: lending an item of the register against a deposit, its return with the fee
computed and the deposit refunded (minus the fee), overdue loans, corrections and voiding.

A loan's deposit belongs to the shift it was lent in, its refund and fee to the shift it came
back in; once that shift is signed over (:mod:`app.desk.handover`) those money fields refuse
edits, and only a 客服主管 can void the loan, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import records
from app.core.context import Context
from app.desk.desk_settings import find_item
from app.desk.models import Loan
from app.desk.numbers import next_number
from app.desk.rules import check_fen, charged_hours, loan_fee, refund, yuan
from app.desk.vocab import ItemCondition, LoanStatus, PayMethod
from app.domain import validate as v
from app.domain.errors import InvalidTransition, NotFound, ValidationError

#: Fields of the lending that are money or its receipt (locked once the lending shift is signed).
LEND_MONEY = ("deposit_fen", "deposit_receipt", "pay_method", "borrower")
#: Fields of the return that are money or its receipt (locked once the return shift is signed).
RETURN_MONEY = ("returned_at", "fee_fen", "refund_fen", "refund_receipt", "condition")
#: The fields a correction may change.
EDITABLE = ("borrower", "unit_no", "phone", "due_at", "deposit_receipt", "pay_method", "note", "refund_receipt")


@dataclass(frozen=True)
class LoanRow:
    id: int
    uuid: str
    version: int
    number: str
    item_no: str
    item_name: str
    borrower: str
    unit_no: str | None
    phone: str | None
    lent_at: datetime
    due_at: datetime
    deposit_fen: int
    deposit_receipt: str | None
    pay_method: str
    free_minutes: int
    rate_fen: int
    returned_at: datetime | None
    condition: str | None
    fee_fen: int | None
    refund_fen: int | None
    refund_receipt: str | None
    returned_to: str | None
    status: str
    note: str | None
    lent_by: str
    lend_signed: bool  # the lending shift is signed over
    return_signed: bool
    overdue: bool  # still out after its due time
    void_reason: str | None
    updated_at: datetime
    updated_by: str

    @property
    def out(self) -> bool:
        return self.status == LoanStatus.OUT

    @property
    def to_pay_fen(self) -> int:
        """What the borrower still paid when the fee was more than the deposit."""
        return max(0, (self.fee_fen or 0) - self.deposit_fen)

    @property
    def fee_text(self) -> str:
        return yuan(self.fee_fen)


def loan_row(loan: Loan, now: datetime) -> LoanRow:
    return records.to_row(loan, LoanRow, lent_by=loan.created_by, lend_signed=loan.lend_handover_id is not None,
                          return_signed=loan.return_handover_id is not None,
                          overdue=loan.status == LoanStatus.OUT and now > loan.due_at)


def _load(s: Session, uuid: str) -> Loan:
    return records.get_by_uuid(s, Loan, v.uuid_text("记录编号", uuid, required=True), "借用记录")


def _out_on_loan(s: Session, site_code: str, item_no: str) -> Loan | None:
    return s.scalars(select(Loan).where(Loan.site_code == site_code, Loan.item_no == item_no,
                                        Loan.status == LoanStatus.OUT.value)).first()


def lend(ctx: Context, *, item_no: str, borrower: str, unit_no: str | None = None, phone: str | None = None,
         deposit_receipt: str | None = None, pay_method: str = PayMethod.CASH, due_at: datetime | None = None,
         deposit_fen: int | None = None, note: str | None = None) -> LoanRow:
    """Lend an item: the deposit is taken (the item's, unless given) against a receipt; the
    due time is the end of the free period unless given."""
    ctx.require_actor()
    item = find_item(ctx, item_no)
    borrower = v.text("借用人", borrower, required=True, max_len=50, key="borrower")
    unit_no = v.normalize_unit(unit_no, key="unit_no") if unit_no else None
    phone = v.normalize_phone(phone, key="phone")
    method = v.choice("付款方式", pay_method, PayMethod, key="pay_method")
    deposit = item.deposit_fen if deposit_fen is None else check_fen("押金", deposit_fen, key="deposit")
    receipt = v.text("押金收据号", deposit_receipt, required=deposit > 0, max_len=50, key="deposit_receipt")
    note = v.text("备注", note, max_len=500, key="note")
    now = ctx.now()
    due = v.when("应还时间", due_at, key="due_at") or now + timedelta(minutes=item.free_minutes or 60)
    if due <= now:
        raise ValidationError("应还时间", "应晚于借出时间", "due_at")
    with ctx.unit_of_work() as s:
        site = ctx.site.code
        busy = _out_on_loan(s, site, item.number)
        if busy is not None:
            raise ValidationError("物品编号", f"{item.name} {item.number} 已借出（借用单 {busy.number}，借用人 "
                                           f"{busy.borrower}），尚未归还", "item_no")
        loan = records.create(ctx, s, Loan, number=next_number(s, Loan, site, now.date()), item_no=item.number,
                              item_name=item.name, borrower=borrower, unit_no=unit_no, phone=phone, lent_at=now,
                              due_at=due, deposit_fen=deposit, deposit_receipt=receipt, pay_method=method.value,
                              free_minutes=item.free_minutes, rate_fen=item.rate_fen, status=LoanStatus.OUT.value,
                              note=note, action="借出")
        return loan_row(loan, now)


@dataclass(frozen=True)
class ReturnQuote:
    """What a return at a given time costs: shown before the receptionist confirms."""

    minutes: int
    charged_hours: int
    fee_fen: int
    refund_fen: int
    to_pay_fen: int


def quote_return(loan: LoanRow, returned_at: datetime, compensation_fen: int = 0) -> ReturnQuote:
    fee = loan_fee(loan.lent_at, returned_at, loan.free_minutes, loan.rate_fen) + compensation_fen
    back, due = refund(loan.deposit_fen, fee)
    minutes = int((returned_at - loan.lent_at).total_seconds() // 60)
    return ReturnQuote(minutes, charged_hours(loan.lent_at, returned_at, loan.free_minutes), fee, back, due)


def return_item(ctx: Context, uuid: str, *, expected_version: int, condition: str = ItemCondition.GOOD,
                refund_receipt: str | None = None, compensation_fen: int = 0, note: str | None = None) -> LoanRow:
    """The item comes back now: the fee (first period free, then every hour begun at the
    loan's rate, plus any compensation for damage or loss) comes out of the deposit and the
    rest is refunded on the receipt."""
    ctx.require_actor()
    cond = v.choice("归还状况", condition, ItemCondition, key="condition")
    compensation = check_fen("赔偿金额", compensation_fen, key="compensation")
    if compensation and cond == ItemCondition.GOOD:
        raise ValidationError("赔偿金额", "物品完好时不收赔偿", "compensation")
    receipt = v.text("退款凭证号", refund_receipt, max_len=50, key="refund_receipt")
    note = v.text("备注", note, max_len=500, key="note")
    now = ctx.now()
    with ctx.unit_of_work() as s:
        loan = _load(s, uuid)
        if loan.status != LoanStatus.OUT:
            raise InvalidTransition(f"借用单 {loan.number} 当前为“{loan.status}”，不能登记归还")
        records.check_version(loan, expected_version)
        quote = quote_return(loan_row(loan, now), now, compensation)
        if quote.refund_fen > 0 and not receipt:
            receipt = loan.deposit_receipt  # the deposit is refunded on its own receipt
        text = note
        if compensation:
            text = "；".join(x for x in (f"赔偿 {yuan(compensation)} 元", note) if x)
        changes = {"returned_at": now, "condition": cond.value, "fee_fen": quote.fee_fen,
                   "refund_fen": quote.refund_fen, "refund_receipt": receipt, "returned_to": ctx.actor.name,
                   "status": LoanStatus.RETURNED.value}
        if text:
            changes["note"] = "；".join(x for x in (loan.note, text) if x)
        records.update(ctx, s, loan, changes, expected_version=None, action="归还")
        return loan_row(loan, now)


def update_loan(ctx: Context, uuid: str, changes: dict, *, expected_version: int) -> LoanRow:
    """Correct a loan (borrower, unit, phone, due time, receipts, note). The money fields of a
    shift already signed over refuse the change."""
    ctx.require_actor()
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError("修改", "这些内容不能直接修改：" + "、".join(sorted(unknown)))
    clean: dict = {}
    for key, value in changes.items():
        if key == "borrower":
            clean[key] = v.text("借用人", value, required=True, max_len=50, key=key)
        elif key == "unit_no":
            clean[key] = v.normalize_unit(value, key=key) if value else None
        elif key == "phone":
            clean[key] = v.normalize_phone(value, key=key)
        elif key == "due_at":
            clean[key] = v.when("应还时间", value, required=True, key=key)
        elif key == "pay_method":
            clean[key] = v.choice("付款方式", value, PayMethod, key=key).value
        elif key == "note":
            clean[key] = v.text("备注", value, max_len=500, key=key)
        else:
            clean[key] = v.text("收据号", value, max_len=50, key=key)
    now = ctx.now()
    with ctx.unit_of_work() as s:
        loan = _load(s, uuid)
        records.check_version(loan, expected_version)
        changed = {k for k, val in clean.items() if getattr(loan, k) != val}
        if loan.lend_handover_id is not None and changed & set(LEND_MONEY):
            raise ValidationError("交接班", _locked_text("借用单", loan.number, "借出"))
        if loan.return_handover_id is not None and changed & set(RETURN_MONEY):
            raise ValidationError("交接班", _locked_text("借用单", loan.number, "归还"))
        if "due_at" in clean and clean["due_at"] <= loan.lent_at:
            raise ValidationError("应还时间", "应晚于借出时间", "due_at")
        records.update(ctx, s, loan, clean, expected_version=None)
        return loan_row(loan, now)


def _locked_text(what: str, number: str, step: str) -> str:
    return (f"{what} {number} 的{step}款项已在交接班时签字移交，不能再修改。"
            "如确有错误，请客服主管作废该记录并注明原因，再重新登记。")


def void_loan(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> LoanRow:
    """Void a loan with a reason (客服主管 and above)."""
    with ctx.unit_of_work() as s:
        loan = _load(s, uuid)
        records.void(ctx, s, loan, reason, expected_version=expected_version)
        return loan_row(loan, ctx.now())


def get_loan(ctx: Context, key: str) -> LoanRow:
    """By record number (UUID) or 借用单号."""
    key = (key or "").strip()
    with ctx.read() as s:
        if len(key) == 36:
            return loan_row(_load(s, key), ctx.now())
        loan = s.scalars(select(Loan).where(Loan.site_code == ctx.site.code, Loan.number == key.upper())).first()
        if loan is None:
            raise NotFound(f"找不到借用单 {key}")
        return loan_row(loan, ctx.now())


def list_loans(ctx: Context, *, out_only: bool = False, date_from: date | None = None, date_to: date | None = None,
               include_void: bool = False, limit: int = 2000) -> list[LoanRow]:
    """Loans newest first; ``out_only``: the items not yet back (overdue ones are flagged)."""
    q = select(Loan).where(Loan.site_code == ctx.site.code)
    if out_only:
        q = q.where(Loan.status == LoanStatus.OUT.value)
    elif not include_void:
        q = q.where(Loan.voided_at.is_(None))
    if date_from is not None:
        q = q.where(Loan.lent_at >= datetime.combine(date_from, datetime.min.time()))
    if date_to is not None:
        q = q.where(Loan.lent_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
    now = ctx.now()
    with ctx.read() as s:
        return [loan_row(x, now) for x in s.scalars(q.order_by(Loan.lent_at.desc(), Loan.id.desc()).limit(limit))]


def overdue_count(ctx: Context) -> int:
    return sum(1 for x in list_loans(ctx, out_only=True) if x.overdue)
