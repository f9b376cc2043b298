"""交接班 and 日结: the money of a shift by kind, its open items, the signing over to the next
person, and the day's cash report for finance.

Money movements are read from the records themselves (nothing is copied into a ledger that
could disagree with them):

- a loan lent: 收取押金 +deposit (the lending shift);
- a loan returned: 退还押金 −deposit and 借用费 +fee (the return shift), so the cash that
  changes hands is the deposit minus the fee;
- a service order: 有偿服务费 +amount (its shift).

The shift open now is every movement not yet signed over. Signing it sets the handover on
each record in the same transaction; from then on their money refuses edits. A cash count that
differs from what the drawer should hold cannot be signed without an explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import reception
from app.core import records
from app.core.context import Context
from app.desk.models import DailyCash, Loan, ServiceOrder, ShiftHandover
from app.desk.rules import check_fen, yuan
from app.desk.vocab import HandoverStatus, LoanStatus, MoneyKind, PayMethod
from app.domain import validate as v
from app.domain.errors import StaleRecord, ValidationError

SIGN = {MoneyKind.DEPOSIT_IN: 1, MoneyKind.DEPOSIT_OUT: -1, MoneyKind.LOAN_FEE: 1, MoneyKind.SERVICE_FEE: 1}


@dataclass(frozen=True)
class MoneyRow:
    """One movement of money at the desk."""

    at: datetime
    kind: str
    amount_fen: int  # always positive; SIGN[kind] says in or out
    pay_method: str
    receipt: str | None
    ref: str  # 借用单号 / 服务单号
    what: str  # item or service
    person: str
    unit_no: str | None
    staff: str
    record_uuid: str

    @property
    def signed_fen(self) -> int:
        return SIGN[MoneyKind(self.kind)] * self.amount_fen


@dataclass(frozen=True)
class Totals:
    deposits_in_fen: int
    deposits_out_fen: int
    loan_fees_fen: int
    service_fees_fen: int
    by_method: tuple[tuple[str, int], ...]  # net per pay method
    cash_fen: int  # net cash (what the drawer should have gained)

    @property
    def fees_fen(self) -> int:
        return self.loan_fees_fen + self.service_fees_fen


def totals_of(moves: list[MoneyRow]) -> Totals:
    def total(kind):
        return sum(m.amount_fen for m in moves if m.kind == kind)
    methods = {}
    for m in moves:
        methods[m.pay_method] = methods.get(m.pay_method, 0) + m.signed_fen
    order = [p.value for p in PayMethod]
    by_method = tuple(sorted(methods.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))
    return Totals(total(MoneyKind.DEPOSIT_IN), total(MoneyKind.DEPOSIT_OUT), total(MoneyKind.LOAN_FEE),
                  total(MoneyKind.SERVICE_FEE), by_method, methods.get(PayMethod.CASH.value, 0))


@dataclass(frozen=True)
class ShiftData:
    """The shift open now: since the last handover, its money and its open items."""

    start: datetime | None  # the last handover's time (None: nothing was handed over yet)
    moves: tuple[MoneyRow, ...]
    totals: Totals
    loans_out: tuple[str, ...]  # "TZ-01 人字梯 借用人 3-2-1502 应还 11-20 10:00（已超时）"
    deposits_held_fen: int
    pending_messages: tuple[str, ...]
    without_handling: tuple[str, ...]

    @property
    def open_items(self) -> tuple[str, ...]:
        return (tuple(f"未转告：{x}" for x in self.pending_messages)
                + tuple(f"无处理情况：{x}" for x in self.without_handling)
                + tuple(f"在借：{x}" for x in self.loans_out))


@dataclass(frozen=True)
class HandoverRow:
    id: int
    uuid: str
    version: int
    shift_start: datetime | None
    signed_at: datetime
    handed_by: str
    received_by: str
    deposits_in_fen: int
    deposits_out_fen: int
    fees_fen: int
    expected_cash_fen: int
    counted_cash_fen: int
    explanation: str | None
    deposits_held_fen: int
    loans_out: int
    open_items: str | None
    remarks: str | None
    status: str
    void_reason: str | None
    updated_at: datetime
    updated_by: str

    @property
    def difference_fen(self) -> int:
        return self.counted_cash_fen - self.expected_cash_fen


def _handover_row(h: ShiftHandover) -> HandoverRow:
    return records.to_row(h, HandoverRow)


# ---------------------------------------------------------------- movements

def _loan_moves(loan: Loan, *, lend: bool, ret: bool) -> list[MoneyRow]:
    out = []
    base = dict(pay_method=loan.pay_method, ref=loan.number, what=f"{loan.item_name} {loan.item_no}",
                person=loan.borrower, unit_no=loan.unit_no, record_uuid=loan.uuid)
    if lend and loan.deposit_fen:
        out.append(MoneyRow(at=loan.lent_at, kind=MoneyKind.DEPOSIT_IN.value, amount_fen=loan.deposit_fen,
                            receipt=loan.deposit_receipt, staff=loan.created_by, **base))
    if ret and loan.returned_at is not None:
        if loan.deposit_fen:
            out.append(MoneyRow(at=loan.returned_at, kind=MoneyKind.DEPOSIT_OUT.value, amount_fen=loan.deposit_fen,
                                receipt=loan.refund_receipt, staff=loan.returned_to or "", **base))
        if loan.fee_fen:
            out.append(MoneyRow(at=loan.returned_at, kind=MoneyKind.LOAN_FEE.value, amount_fen=loan.fee_fen,
                                receipt=loan.refund_receipt, staff=loan.returned_to or "", **base))
    return out


def _order_move(o: ServiceOrder) -> MoneyRow:
    return MoneyRow(at=o.paid_at, kind=MoneyKind.SERVICE_FEE.value, amount_fen=o.amount_fen, pay_method=o.pay_method,
                    receipt=o.receipt_no, ref=o.number, what=f"{o.service}×{o.quantity}", person=o.customer,
                    unit_no=o.unit_no, staff=o.created_by, record_uuid=o.uuid)


def _open_records(s: Session, site: str):
    """(loans lent in the open shift, loans returned in it, service orders of it), void left out."""
    live = (Loan.site_code == site, Loan.voided_at.is_(None))
    lent = list(s.scalars(select(Loan).where(*live, Loan.lend_handover_id.is_(None))))
    returned = list(s.scalars(select(Loan).where(*live, Loan.return_handover_id.is_(None),
                                                 Loan.returned_at.is_not(None))))
    orders = list(s.scalars(select(ServiceOrder).where(ServiceOrder.site_code == site,
                                                       ServiceOrder.voided_at.is_(None),
                                                       ServiceOrder.handover_id.is_(None))))
    return lent, returned, orders


def _moves(lent, returned, orders) -> list[MoneyRow]:
    moves = [m for x in lent for m in _loan_moves(x, lend=True, ret=False)]
    moves += [m for x in returned for m in _loan_moves(x, lend=False, ret=True)]
    moves += [_order_move(o) for o in orders]
    return sorted(moves, key=lambda m: (m.at, m.ref, m.kind))


def _last_handover(s: Session, site: str) -> ShiftHandover | None:
    return s.scalars(select(ShiftHandover).where(ShiftHandover.site_code == site, ShiftHandover.voided_at.is_(None))
                     .order_by(ShiftHandover.signed_at.desc(), ShiftHandover.id.desc())).first()


def _loans_out(s: Session, site: str, now: datetime) -> tuple[list[str], int]:
    loans = list(s.scalars(select(Loan).where(Loan.site_code == site, Loan.status == LoanStatus.OUT.value)
                           .order_by(Loan.lent_at)))
    lines = [f"{x.item_name} {x.item_no}　{x.borrower}{' ' + x.unit_no if x.unit_no else ''}　应还 "
             f"{x.due_at:%m-%d %H:%M}" + ("（已超时）" if now > x.due_at else "") for x in loans]
    return lines, sum(x.deposit_fen for x in loans)


def _reception_items(ctx: Context) -> tuple[list[str], list[str]]:
    messages = [f"{m.received_at:%m-%d %H:%M} {m.from_person} 转告 {m.to_staff}：{m.message[:40]}"
                for m in reception.list_pending_messages(ctx)]
    closing = reception.day_closing(ctx, ctx.now().date())
    seen, lines = set(), []
    for c in list(closing.without_handling) + [c for c in closing.carried_over if not (c.handling or "").strip()]:
        if c.uuid in seen or c.status == "已完成":
            continue
        seen.add(c.uuid)
        lines.append(f"{c.received_at:%m-%d %H:%M} {c.name}{' ' + c.unit_no if c.unit_no else ''} "
                     f"{c.category}：{c.content[:40]}")
    return messages, lines


def current_shift(ctx: Context) -> ShiftData:
    """The shift open now (the 交接班 screen and the form show this before it is signed)."""
    ctx.require_actor()
    now = ctx.now()
    messages, without = _reception_items(ctx)
    with ctx.read() as s:
        site = ctx.site.code
        last = _last_handover(s, site)
        moves = _moves(*_open_records(s, site))
        loans, held = _loans_out(s, site, now)
        return ShiftData(last.signed_at if last else None, tuple(moves), totals_of(moves), tuple(loans), held,
                         tuple(messages), tuple(without))


def sign_handover(ctx: Context, *, received_by: str, counted_cash_fen: int, expected_cash_fen: int | None = None,
                  explanation: str | None = None, remarks: str | None = None) -> HandoverRow:
    """The person going off shift (the actor) signs the shift over to ``received_by``.

    ``expected_cash_fen`` is the figure the user saw: when money came in since, the handover is
    refused so the count can be redone. A count that differs from the expected cash needs an
    explanation (差异说明)."""
    actor = ctx.require_actor()
    receiver = v.text("接班人", received_by, required=True, max_len=50, key="received_by")
    if receiver == actor.name:
        raise ValidationError("接班人", "接班人不能是交班人本人", "received_by")
    counted = check_fen("实点现金", counted_cash_fen, key="counted_cash")
    explanation = v.text("差异说明", explanation, max_len=1000, key="explanation")
    remarks = v.text("备注", remarks, max_len=2000, key="remarks")
    now = ctx.now()
    messages, without = _reception_items(ctx)
    with ctx.unit_of_work() as s:
        site = ctx.site.code
        last = _last_handover(s, site)
        lent, returned, orders = _open_records(s, site)
        moves = _moves(lent, returned, orders)
        t = totals_of(moves)
        if expected_cash_fen is not None and expected_cash_fen != t.cash_fen:
            raise StaleRecord(f"清点期间本班款项有变化：应有现金现为 {yuan(t.cash_fen)} 元（您看到的是 "
                              f"{yuan(expected_cash_fen)} 元）。请刷新后重新清点。")
        diff = counted - t.cash_fen
        if diff != 0 and not explanation:
            word = "多" if diff > 0 else "少"
            raise ValidationError("差异说明", f"实点现金 {yuan(counted)} 元与应有现金 {yuan(t.cash_fen)} 元不符（{word} "
                                          f"{yuan(abs(diff))} 元），必须填写差异说明才能签字交接", "explanation")
        loans, held = _loans_out(s, site, now)
        items = [f"未转告：{x}" for x in messages] + [f"无处理情况：{x}" for x in without] + [f"在借：{x}" for x in loans]
        h = records.create(ctx, s, ShiftHandover, shift_start=last.signed_at if last else None, signed_at=now,
                           handed_by=actor.name, received_by=receiver, deposits_in_fen=t.deposits_in_fen,
                           deposits_out_fen=t.deposits_out_fen, fees_fen=t.fees_fen, expected_cash_fen=t.cash_fen,
                           counted_cash_fen=counted, explanation=explanation, deposits_held_fen=held,
                           loans_out=len(loans), open_items="\n".join(items) or None, remarks=remarks,
                           status=HandoverStatus.SIGNED.value, action="交接班签字")
        for loan in lent:
            records.update(ctx, s, loan, {"lend_handover_id": h.id}, expected_version=None, action="交接班")
        for loan in returned:
            records.update(ctx, s, loan, {"return_handover_id": h.id}, expected_version=None, action="交接班")
        for o in orders:
            records.update(ctx, s, o, {"handover_id": h.id}, expected_version=None, action="交接班")
        return _handover_row(h)


def void_handover(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> HandoverRow:
    """Void a handover (客服主管 and above, with a reason): its money goes back to the open shift,
    to be counted and signed over again."""
    with ctx.unit_of_work() as s:
        h = records.get_by_uuid(s, ShiftHandover, v.uuid_text("记录编号", uuid, required=True), "交接班记录")
        records.void(ctx, s, h, reason, expected_version=expected_version)
        for col in (Loan.lend_handover_id, Loan.return_handover_id):
            for loan in s.scalars(select(Loan).where(col == h.id)):
                records.update(ctx, s, loan, {col.key: None}, expected_version=None, action="交接班作废",
                               allow_void=True)
        for o in s.scalars(select(ServiceOrder).where(ServiceOrder.handover_id == h.id)):
            records.update(ctx, s, o, {"handover_id": None}, expected_version=None, action="交接班作废",
                           allow_void=True)
        return _handover_row(h)


def get_handover(ctx: Context, uuid: str) -> HandoverRow:
    with ctx.read() as s:
        return _handover_row(records.get_by_uuid(s, ShiftHandover, v.uuid_text("记录编号", uuid, required=True),
                                                 "交接班记录"))


def list_handovers(ctx: Context, date_from: date | None = None, date_to: date | None = None) -> list[HandoverRow]:
    q = select(ShiftHandover).where(ShiftHandover.site_code == ctx.site.code)
    if date_from is not None:
        q = q.where(ShiftHandover.signed_at >= datetime.combine(date_from, datetime.min.time()))
    if date_to is not None:
        q = q.where(ShiftHandover.signed_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
    with ctx.read() as s:
        return [_handover_row(h) for h in s.scalars(q.order_by(ShiftHandover.signed_at.desc(),
                                                                ShiftHandover.id.desc()))]


def handover_moves(ctx: Context, uuid: str) -> list[MoneyRow]:
    """The money a signed handover carried (for its form)."""
    with ctx.read() as s:
        h = records.get_by_uuid(s, ShiftHandover, v.uuid_text("记录编号", uuid, required=True), "交接班记录")
        lent = list(s.scalars(select(Loan).where(Loan.lend_handover_id == h.id, Loan.voided_at.is_(None))))
        returned = list(s.scalars(select(Loan).where(Loan.return_handover_id == h.id, Loan.voided_at.is_(None))))
        orders = list(s.scalars(select(ServiceOrder).where(ServiceOrder.handover_id == h.id,
                                                           ServiceOrder.voided_at.is_(None))))
        return _moves(lent, returned, orders)


# ---------------------------------------------------------------- 日结

@dataclass(frozen=True)
class DailyCashRow:
    id: int
    uuid: str
    version: int
    day: date
    deposits_in_fen: int
    deposits_out_fen: int
    loan_fees_fen: int
    service_fees_fen: int
    cash_fen: int
    handovers: int
    handed_by: str
    received_by: str
    remarks: str | None
    status: str
    created_at: datetime
    void_reason: str | None
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True)
class DayCashData:
    """The day's money for finance, and the report if it was handed over already."""

    day: date
    moves: tuple[MoneyRow, ...]
    totals: Totals
    handovers: tuple[HandoverRow, ...]
    unsigned: int  # movements of the day not yet signed over at a handover
    report: DailyCashRow | None


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, datetime.min.time())
    return start, start + timedelta(days=1)


def day_cash(ctx: Context, day: date) -> DayCashData:
    """Every movement of the day (whatever its shift), by kind and by pay method."""
    ctx.require_actor()
    start, end = _day_bounds(day)
    with ctx.read() as s:
        site = ctx.site.code
        live = (Loan.site_code == site, Loan.voided_at.is_(None))
        lent = list(s.scalars(select(Loan).where(*live, Loan.lent_at >= start, Loan.lent_at < end)))
        back = list(s.scalars(select(Loan).where(*live, Loan.returned_at >= start, Loan.returned_at < end)))
        orders = list(s.scalars(select(ServiceOrder).where(
            ServiceOrder.site_code == site, ServiceOrder.voided_at.is_(None), ServiceOrder.paid_at >= start,
            ServiceOrder.paid_at < end)))
        moves = _moves(lent, back, orders)
        unsigned = (sum(1 for x in lent if x.lend_handover_id is None)
                    + sum(1 for x in back if x.return_handover_id is None)
                    + sum(1 for o in orders if o.handover_id is None))
        hs = s.scalars(select(ShiftHandover).where(ShiftHandover.site_code == site, ShiftHandover.voided_at.is_(None),
                                                   ShiftHandover.signed_at >= start, ShiftHandover.signed_at < end)
                       .order_by(ShiftHandover.signed_at))
        report = _day_report(s, site, day)
        return DayCashData(day, tuple(moves), totals_of(moves), tuple(_handover_row(h) for h in hs), unsigned,
                           records.to_row(report, DailyCashRow) if report else None)


def _day_report(s: Session, site: str, day: date) -> DailyCash | None:
    return s.scalars(select(DailyCash).where(DailyCash.site_code == site, DailyCash.day == day,
                                             DailyCash.voided_at.is_(None))).first()


def close_day(ctx: Context, day: date, *, received_by: str, remarks: str | None = None) -> DailyCashRow:
    """日结: the actor hands the day's takings to finance (``received_by``); once per day."""
    actor = ctx.require_actor()
    receiver = v.text("财务接收人", received_by, required=True, max_len=50, key="received_by")
    remarks = v.text("备注", remarks, max_len=2000, key="remarks")
    data = day_cash(ctx, day)
    if data.unsigned:
        raise ValidationError("日结", f"当日还有 {data.unsigned} 笔款项未经交接班签字，请先完成交接班再日结", "day")
    t = data.totals
    with ctx.unit_of_work() as s:
        if _day_report(s, ctx.site.code, day) is not None:
            raise ValidationError("日期", f"{day:%Y-%m-%d} 已日结；如需重做，请客服主管先作废原日结", "day")
        r = records.create(ctx, s, DailyCash, day=day, deposits_in_fen=t.deposits_in_fen,
                           deposits_out_fen=t.deposits_out_fen, loan_fees_fen=t.loan_fees_fen,
                           service_fees_fen=t.service_fees_fen, cash_fen=t.cash_fen, handovers=len(data.handovers),
                           handed_by=actor.name, received_by=receiver, remarks=remarks,
                           status=HandoverStatus.SIGNED.value, action="日结")
        return records.to_row(r, DailyCashRow)


def void_day(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> DailyCashRow:
    with ctx.unit_of_work() as s:
        r = records.get_by_uuid(s, DailyCash, v.uuid_text("记录编号", uuid, required=True), "日结记录")
        records.void(ctx, s, r, reason, expected_version=expected_version)
        return records.to_row(r, DailyCashRow)


def list_days(ctx: Context) -> list[DailyCashRow]:
    with ctx.read() as s:
        return [records.to_row(r, DailyCashRow) for r in s.scalars(
            select(DailyCash).where(DailyCash.site_code == ctx.site.code).order_by(DailyCash.day.desc()))]

