"""FW-03 交接班对帐登记表: a signed handover (``--handover`` its 记录编号, or ``上一班`` for the latest),
or, without it, the shift open now, to count and sign on paper."""

from __future__ import annotations

from app.desk.handover import (
    MoneyRow, Totals, current_shift, get_handover, handover_moves, list_handovers, totals_of,
)
from app.desk.rules import yuan
from app.domain.errors import NotFound
from app.forms.spec import FormData, FormSpec, Param

LATEST = ("上一班", "last", "latest")


def _money_rows(moves: list[MoneyRow]) -> list[dict]:
    return [{"uuid": m.record_uuid, "at": m.at, "kind": m.kind, "ref": m.ref, "what": m.what, "person": m.person,
             "unit_no": m.unit_no or "", "amount": ("-" if m.signed_fen < 0 else "") + yuan(m.amount_fen),
             "pay_method": m.pay_method, "receipt": m.receipt or "", "staff": m.staff} for m in moves]


def _by_method(t: Totals) -> str:
    return "；".join(f"{method} {yuan(fen)} 元" for method, fen in t.by_method) or "无"


def provide(ctx, *, handover: str | None = None) -> FormData:
    key = (handover or "").strip()
    if not key:
        shift = current_shift(ctx)
        t = shift.totals
        start = f"{shift.start:%Y-%m-%d %H:%M}" if shift.start else "首次交接"
        values = {
            "shift": f"{start} 至 今（未签字）", "handed_by": "", "received_by": "", "signed_at": None,
            "deposits_in": yuan(t.deposits_in_fen), "deposits_out": yuan(t.deposits_out_fen),
            "loan_fees": yuan(t.loan_fees_fen), "service_fees": yuan(t.service_fees_fen), "fees": yuan(t.fees_fen),
            "expected": yuan(t.cash_fen), "counted": "", "difference": "", "explanation": "",
            "by_method": _by_method(t), "deposits_held": yuan(shift.deposits_held_fen),
            "loans_out": len(shift.loans_out), "remarks": "", "status": "未签字",
            "rows": _money_rows(list(shift.moves)), "items": [{"text": x} for x in shift.open_items],
        }
        return FormData(values, period_from=ctx.now().date(), period_to=ctx.now().date(), subject="本班")
    if key.lower() in LATEST:
        signed = [h for h in list_handovers(ctx) if not h.void_reason]
        if not signed:
            raise NotFound("还没有已签字的交接班记录")
        key = signed[0].uuid
    h = get_handover(ctx, key)
    moves = handover_moves(ctx, h.uuid)
    t = totals_of(moves)
    start = f"{h.shift_start:%Y-%m-%d %H:%M}" if h.shift_start else "首次交接"
    values = {
        "shift": f"{start} 至 {h.signed_at:%Y-%m-%d %H:%M}", "handed_by": h.handed_by, "received_by": h.received_by,
        "signed_at": h.signed_at, "deposits_in": yuan(h.deposits_in_fen), "deposits_out": yuan(h.deposits_out_fen),
        "loan_fees": yuan(t.loan_fees_fen), "service_fees": yuan(t.service_fees_fen), "fees": yuan(h.fees_fen),
        "expected": yuan(h.expected_cash_fen), "counted": yuan(h.counted_cash_fen),
        "difference": yuan(h.difference_fen), "explanation": h.explanation or "", "by_method": _by_method(t),
        "deposits_held": yuan(h.deposits_held_fen), "loans_out": h.loans_out, "remarks": h.remarks or "",
        "status": h.status if not h.void_reason else f"已作废：{h.void_reason}",
        "rows": _money_rows(moves), "items": [{"text": x} for x in (h.open_items or "").splitlines() if x],
    }
    return FormData(values, period_from=h.signed_at.date(), period_to=h.signed_at.date(),
                    subject=f"交接班{h.signed_at:%m%d%H%M}", record_uuids=(h.uuid,))


FORM = FormSpec(
    key="shift-handover", code="FW-03", name="交接班对帐登记表", provide=provide,
    params=(Param.text("handover", "交接班记录", required=False,
                       help="已签字交接班的记录编号，或“上一班”；不填则打印当前未交接的本班"),),
    help="本班（或某次已签字交接班）的款项、明细和未结事项", order=112,
)
