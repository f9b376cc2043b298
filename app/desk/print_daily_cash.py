"""FW-04 日结现金报表: the day's takings by kind and pay method, its handovers, and who handed
the money to finance (once 日结 is recorded)."""

from __future__ import annotations

from datetime import date

from app.desk.handover import day_cash
from app.desk.rules import yuan
from app.desk.vocab import MoneyKind
from app.forms.spec import FormData, FormSpec, Param


def provide(ctx, *, day: date) -> FormData:
    data = day_cash(ctx, day)
    t = data.totals
    rows = []
    for kind, fen in ((MoneyKind.DEPOSIT_IN, t.deposits_in_fen), (MoneyKind.DEPOSIT_OUT, t.deposits_out_fen),
                      (MoneyKind.LOAN_FEE, t.loan_fees_fen), (MoneyKind.SERVICE_FEE, t.service_fees_fen)):
        count = sum(1 for m in data.moves if m.kind == kind)
        rows.append({"kind": kind.value, "count": count, "amount": ("-" if kind == MoneyKind.DEPOSIT_OUT and fen
                                                                    else "") + yuan(fen)})
    shifts = [{"uuid": h.uuid, "signed_at": h.signed_at, "handed_by": h.handed_by, "received_by": h.received_by,
               "expected": yuan(h.expected_cash_fen), "counted": yuan(h.counted_cash_fen),
               "difference": yuan(h.difference_fen), "explanation": h.explanation or ""} for h in data.handovers]
    r = data.report
    remarks = r.remarks if r and r.remarks else ""
    if data.unsigned:
        remarks = "；".join(x for x in (f"尚有 {data.unsigned} 笔款项未经交接班签字", remarks) if x)
    values = {
        "rows": rows, "shifts": shifts, "cash": yuan(t.cash_fen), "fees": yuan(t.fees_fen),
        "by_method": "；".join(f"{m} {yuan(f)} 元" for m, f in t.by_method) or "无",
        "handovers_count": len(data.handovers), "unsigned": data.unsigned,
        "handed_by": r.handed_by if r else "", "received_by": r.received_by if r else "",
        "closed_at": r.created_at if r else None, "remarks": remarks,
    }
    return FormData(values, period_from=day, period_to=day, record_uuids=(r.uuid,) if r else ())


FORM = FormSpec(
    key="daily-cash", code="FW-04", name="日结现金报表", provide=provide, params=(Param.day("day", "日期"),),
    help="某一天的现金日结（交财务）", order=113,
)
