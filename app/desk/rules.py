"""Pure rules of the desk services: the loan fee, the deposit refund, money as text, the
business-number prefixes. No database, no clock: the services pass the times in."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from app.domain.errors import ValidationError

#: The largest amount the desk takes in one record (fen): 100,000 yuan.
MAX_FEN = 10_000_000
_YUAN = re.compile(r"^\d+(\.\d{1,2})?$")


def loan_fee(lent_at: datetime, returned_at: datetime, free_minutes: int, rate_fen: int) -> int:
    """The fee of a loan: nothing within the free period, then ``rate_fen`` for every hour
    begun after it. Clock time: a loan over midnight counts the night like any other hour.

    >>> loan_fee(datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 9, 59), 60, 500)
    0
    >>> loan_fee(datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 10, 1), 60, 500)
    500
    """
    elapsed = returned_at - lent_at
    over = elapsed - timedelta(minutes=free_minutes)
    if over <= timedelta(0):
        return 0
    hours = math.ceil(over.total_seconds() / 3600)
    return hours * rate_fen


def charged_hours(lent_at: datetime, returned_at: datetime, free_minutes: int) -> int:
    """The hours begun after the free period (what the fee is counted on)."""
    over = returned_at - lent_at - timedelta(minutes=free_minutes)
    return 0 if over <= timedelta(0) else math.ceil(over.total_seconds() / 3600)


def refund(deposit_fen: int, fee_fen: int) -> tuple[int, int]:
    """(deposit handed back, amount still to pay): the fee comes out of the deposit first."""
    return max(0, deposit_fen - fee_fen), max(0, fee_fen - deposit_fen)


def yuan(fen: int | None) -> str:
    """``1250`` → ``"12.50"``; None → ``""``."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    fen = abs(int(fen))
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def to_fen(label: str, value, *, key: str | None = None, required: bool = True, allow_zero: bool = True) -> int | None:
    """Yuan as typed (``"12.5"``, ``Decimal("12.50")``, ``12``) → integer fen, exactly.
    More than two decimals, a negative amount or an absurd one is refused naming the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(label, "必填，请填写金额（元）", key)
        return None
    text = str(value).strip().replace("￥", "").replace("¥", "").replace("元", "").replace(",", "")
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
    if not _YUAN.match(text):
        try:
            Decimal(text)
        except InvalidOperation:
            raise ValidationError(label, f"“{value}”不是有效的金额，应为数字，如 12.50", key) from None
        if text.startswith("-"):
            raise ValidationError(label, "金额不能为负数", key)
        raise ValidationError(label, "金额最多两位小数（精确到分）", key)
    fen = int(Decimal(text) * 100)
    if fen > MAX_FEN:
        raise ValidationError(label, f"金额过大（最多 {yuan(MAX_FEN)} 元），请检查", key)
    if fen == 0 and not allow_zero:
        raise ValidationError(label, "金额应大于 0", key)
    return fen


def check_fen(label: str, value: int, *, key: str | None = None) -> int:
    """An amount already in fen (from a service caller): a whole number within range."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(label, f"“{value}”不是以分计的整数金额", key)
    if value < 0:
        raise ValidationError(label, "金额不能为负数", key)
    if value > MAX_FEN:
        raise ValidationError(label, f"金额过大（最多 {yuan(MAX_FEN)} 元），请检查", key)
    return value


def day_prefix(head: str, day: date) -> str:
    """``JY`` + ``20261120``: the head of a day's running numbers."""
    return f"{head}{day:%Y%m%d}"
