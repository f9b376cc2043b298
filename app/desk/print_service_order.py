"""FW-02 有偿服务单: one paid service order, by its number (e.g. YF20261120001)."""

from __future__ import annotations

from app.desk.paid import get_order
from app.desk.rules import yuan
from app.desk.vocab import ServiceStatus
from app.forms.spec import FormData, FormSpec, Param

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("仟", "佰", "拾", "")


def _four(n: int) -> str:
    """0 < n < 10000 in capital figures, zeros inside spoken once (1005 → 壹仟零伍)."""
    out, zero = "", False
    for i, d in enumerate(f"{n:04d}"):
        d = int(d)
        if d == 0:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + _DIGITS[d] + _UNITS[i]
        zero = False
    return out


def amount_in_words(fen: int) -> str:
    """``12345`` → ``壹佰贰拾叁元肆角伍分`` (the capital figures written on Chinese receipts);
    amounts below 100,000,000 yuan."""
    whole, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    words = ""
    if whole >= 10000:
        high, low = divmod(whole, 10000)
        words = _four(high) + "万" + (("零" if low < 1000 else "") + _four(low) if low else "")
    elif whole:
        words = _four(whole)
    out = words + "元" if words else ""
    if not jiao and not cents:
        return (out or "零元") + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif out:
        out += "零"
    if cents:
        out += _DIGITS[cents] + "分"
    return out


def provide(ctx, *, number: str) -> FormData:
    o = get_order(ctx, number)
    values = {
        "number": o.number, "paid_at": o.paid_at, "customer": o.customer, "unit_no": o.unit_no or "",
        "phone": o.phone or "", "service": o.service, "unit_price": yuan(o.unit_price_fen), "quantity": o.quantity,
        "amount": yuan(o.amount_fen), "amount_words": amount_in_words(o.amount_fen), "receipt_no": o.receipt_no or "",
        "pay_method": o.pay_method, "repair_number": o.repair_number or "", "received_by": o.received_by,
        "status": o.status if not o.void_reason else f"{ServiceStatus.VOID}：{o.void_reason}", "note": o.note or "",
    }
    return FormData(values, subject=o.number, record_uuids=(o.uuid,))


FORM = FormSpec(
    key="service-order", code="FW-02", name="有偿服务单", provide=provide,
    params=(Param.text("number", "服务单号", help="有偿服务单号，如 YF20261120001"),),
    help="打印一张有偿服务单", listed=False, order=111,
)
