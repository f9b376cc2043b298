"""FW-01 借用物品登记表: the loans lent in a period (``--date D`` or ``--from D --to D``)."""

from __future__ import annotations

from datetime import date

from app.desk.loans import list_loans
from app.desk.rules import yuan
from app.forms.spec import FormData, FormSpec, Param


def provide(ctx, *, date_from: date, date_to: date) -> FormData:
    loans = sorted(list_loans(ctx, date_from=date_from, date_to=date_to), key=lambda x: (x.lent_at, x.number))
    rows = [{
        "uuid": x.uuid, "number": x.number, "lent_at": x.lent_at, "item": f"{x.item_name} {x.item_no}", "borrower": x.borrower,
        "unit_no": x.unit_no or "", "phone": x.phone or "", "deposit": yuan(x.deposit_fen),
        "deposit_receipt": x.deposit_receipt or "", "due_at": x.due_at, "returned_at": x.returned_at,
        "condition": x.condition or ("超时未还" if x.overdue else "未还"), "fee": yuan(x.fee_fen),
        "refund": yuan(x.refund_fen), "lent_by": x.lent_by, "returned_to": x.returned_to or "", "status": x.status,
        "signature": "",
    } for x in loans]
    out = sum(1 for x in loans if x.out)
    overdue = sum(1 for x in loans if x.overdue)
    fees = sum(x.fee_fen or 0 for x in loans)
    summary = f"共借出 {len(loans)} 次，已归还 {len(loans) - out} 次，未还 {out} 次（其中超时 {overdue} 次），借用费合计 {yuan(fees)} 元"
    return FormData({"rows": rows, "count": len(rows), "out": out, "overdue": overdue, "summary": summary},
                    period_from=date_from, period_to=date_to)


FORM = FormSpec(
    key="borrow-register", code="FW-01", name="借用物品登记表", provide=provide, params=(Param.period(),),
    help="一段时间内的借用物品登记（借出、应还、归还、借用费、退还押金）", order=110,
)
