"""Small rules every renovation service shares: money in yuan and fen, the yearly numbers of
permits and notices, the list of failed key checks, and a notice's deadline."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import numbering
from app.domain import validate as v
from app.domain.errors import ValidationError
from app.renovation.vocab import CHECK_SEPARATOR

#: A deadline given as a date ends at this time of day.
DEADLINE_TIME = time(18, 0)

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


def to_fen(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(ROUND_HALF_UP))


def to_yuan(fen: int | None) -> Decimal | None:
    if fen is None:
        return None
    return (Decimal(fen) / 100).quantize(_CENT)


def next_number(s: Session, model, column, prefix: str, year: int, site_code: str) -> str:
    """The next number of the year: ``{prefix}{year}-0001``, ``-0002`` …, from the site's
    counter in the caller's transaction, so two desks never issue the same number."""
    head = f"{prefix}{year}-"

    def existing() -> int:
        return numbering.highest_suffix(s.scalars(select(column).where(model.site_code == site_code,
                                                                       column.startswith(head))), head)

    seq = numbering.next_value(s, site_code, f"{model.__tablename__}:{prefix}", str(year), existing)
    return f"{head}{seq:04d}"


def clean_checks(checks: Iterable[str]) -> list[str]:
    """The failed key checks, trimmed, without repeats; a check may not contain the separator."""
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


def deadline_from(label: str, value, issued: datetime, default_days: int) -> datetime:
    """A notice's deadline: the given one (a date ends at 18:00), or ``default_days`` after
    it was issued; never before the day it was issued."""
    if value is None:
        return datetime.combine(issued.date() + timedelta(days=default_days), DEADLINE_TIME)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, DEADLINE_TIME)
    value = v.when(label, value, required=True, now=issued, future_days=366, key="deadline")
    if value.date() < issued.date():
        raise ValidationError(label, "不能早于发出日期", "deadline")
    return value
