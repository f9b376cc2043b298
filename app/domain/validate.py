"""Input normalisation and validation shared by every service.

Each function raises :class:`ValidationError` naming the field in Chinese, so a
window can show the message next to the field and the CLI can print it.
"""

from __future__ import annotations

import re
import uuid as _uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from app.domain.errors import ValidationError

CONTENT_MAX = 5000
NAME_MAX = 50
SHORT_MAX = 200

E = TypeVar("E", bound=StrEnum)


#: Characters no text may hold (PostgreSQL refuses NUL; the others are invisible): refused the
#: same way on every database. Tab, line feed and carriage return are allowed.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_MESSAGE = "含有不可见的控制字符（如 NUL），请删除后再保存"


def text(label: str, value: str | None, *, required: bool = False, max_len: int = SHORT_MAX,
         key: str | None = None) -> str | None:
    """Strip a text value; empty becomes None. Checks presence and length."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        value = str(value)
    value = value.strip()
    if not value:
        if required:
            raise ValidationError(label, "必填，不能为空", key)
        return None
    if len(value) > max_len:
        raise ValidationError(label, f"最多 {max_len} 个字，现有 {len(value)} 个字", key)
    if CONTROL_RE.search(value):
        raise ValidationError(label, CONTROL_MESSAGE, key)
    return value


def choice(label: str, value, enum: type[E], *, required: bool = True, key: str | None = None) -> E | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(label, "必填，请选择", key)
        return None
    if isinstance(value, enum):
        return value
    try:
        return enum(str(value).strip())
    except ValueError:
        allowed = " / ".join(m.value for m in enum)
        raise ValidationError(label, f"“{value}”不是有效的值，应为 {allowed}", key) from None


# ---------------------------------------------------------------- phones

_PHONE_STRIP = re.compile(r"[\s\-\u2010-\u2015()（）.]")
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LOCAL_RE = re.compile(r"^[2-9]\d{6,7}$")  # local numbers never start with 0 or 1
SHORT_SERVICE_RE = re.compile(r"^[1-9]\d{2,5}$")


def normalize_phone(value: str | None, *, label: str = "联系电话", required: bool = False,
                    key: str | None = "phone") -> str | None:
    """Normalise a mobile or landline number.

    Mobile numbers become 11 digits (``13800138000``); landlines become
    ``区号-号码`` (``0755-88886666``); a local number without area code (7–8 digits)
    is kept as is. ``+86``/``0086``/``86`` prefixes, spaces, dashes and brackets are removed.
    An extension may follow ``转`` or ``ext``.
    """
    raw = text(label, value, required=required, max_len=40, key=key)
    if raw is None:
        return None
    ext = ""
    m = re.search(r"(转|ext\.?|x)\s*(\d{1,6})$", raw, re.IGNORECASE)
    if m:
        ext = "转" + m.group(2)
        raw = raw[: m.start()]
    digits = _PHONE_STRIP.sub("", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13 and digits[2] == "1":
        digits = digits[2:]
    if not digits.isdigit():
        raise ValidationError(label, f"“{value}”不是有效的电话号码（只能包含数字、空格、横线和 +86）", key)
    if MOBILE_RE.match(digits):
        return digits + ext
    if digits.startswith("0") and 10 <= len(digits) <= 12:
        # Area codes: 010 and 02x have three digits, the others four.
        cut = 3 if digits.startswith(("010", "02")) else 4
        area, num = digits[:cut], digits[cut:]
        if 7 <= len(num) <= 8:
            return f"{area}-{num}{ext}"
    if LOCAL_RE.match(digits) or SHORT_SERVICE_RE.match(digits):
        return digits + ext
    raise ValidationError(label, f"“{value}”不是有效的手机号或座机号", key)


def phone_digits(value: str | None) -> str:
    """Digits only, for searching by a fragment of a number."""
    return re.sub(r"\D", "", value or "")


def mask_phone(value: str | None) -> str | None:
    """``138****8000``: first 3 and last 4 digits kept."""
    if not value:
        return value
    digits = phone_digits(value)
    if len(digits) <= 7:
        return digits[:1] + "*" * max(len(digits) - 2, 0) + digits[-1:]
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


#: A resident's ID number (18 characters, a birth date inside) and phone numbers, in free text.
ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
                          r"(?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
LANDLINE_RE = re.compile(r"(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)")


def mask_id_number(value: str) -> str:
    """``440301********1234``: region and last 4 kept."""
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_text(value: str | None) -> str | None:
    """Free text (内容, 处理情况 …) with the phone and ID numbers in it masked."""
    if not value:
        return value
    value = ID_NUMBER_RE.sub(lambda m: mask_id_number(m.group(0)), value)
    value = MOBILE_RE.sub(lambda m: mask_phone(m.group(0)), value)
    return LANDLINE_RE.sub(lambda m: mask_phone(m.group(0)), value)


# ---------------------------------------------------------------- units

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_number(s: str) -> str:
    """'十二' -> '12'; digits pass through."""
    if s.isdigit():
        return str(int(s)) if len(s) < 6 else s
    if all(c in _CN_DIGITS or c == "十" for c in s) and s:
        if "十" in s:
            left, _, right = s.partition("十")
            tens = _CN_DIGITS[left] if left else 1
            ones = _CN_DIGITS[right] if right else 0
            return str(tens * 10 + ones)
        return "".join(str(_CN_DIGITS[c]) for c in s)
    return s


@dataclass(frozen=True)
class UnitNo:
    building: str
    entrance: str | None
    room: str

    @property
    def code(self) -> str:
        if self.entrance:
            return f"{self.building}-{self.entrance}-{self.room}"
        return f"{self.building}-{self.room}"

    def __str__(self) -> str:
        return self.code


_UNIT_PATTERNS = [
    # 3栋2单元1502室, 3幢2单元1502, 3号楼2单元1502, 3座2门1502
    re.compile(r"^(?P<b>[A-Za-z0-9一二三四五六七八九十两]+?)(?:号楼|号|栋|幢|座|楼|#)"
               r"(?:(?P<e>[A-Za-z0-9一二三四五六七八九十两]+?)(?:单元|门|号门|梯)-?)?"
               r"(?P<r>[A-Za-z0-9]+?)(?:室|号|房)?$"),
    # 3-2-1502, 3/2/1502, 3－2－1502, 3-1502
    re.compile(r"^(?P<b>[A-Za-z0-9]+)[-/_](?:(?P<e>[A-Za-z0-9]+)[-/_])?(?P<r>[A-Za-z0-9]+)(?:室|号)?$"),
]


def parse_unit(value: str | None, *, label: str = "房号", required: bool = False,
               key: str | None = "unit_no") -> UnitNo | None:
    """Parse a unit number written in any usual way.

    ``3-2-1502``, ``3栋2单元1502``, ``3幢2单元1502室`` and ``3号楼2单元1502`` are the
    same unit ``3-2-1502``. A building without entrances gives ``12-0801``.
    """
    raw = text(label, value, required=required, max_len=40, key=key)
    if raw is None:
        return None
    s = raw.replace(" ", "").replace("－", "-").replace("—", "-").replace("–", "-").upper()
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    for pat in _UNIT_PATTERNS:
        m = pat.match(s)
        if m:
            b = _cn_number(m.group("b"))
            e = m.group("e")
            e = _cn_number(e) if e else None
            r = m.group("r")
            if e == "0":
                e = None
            return UnitNo(b, e, r)
    raise ValidationError(label, f"无法识别“{value}”，请按 楼栋-单元-房号 填写，如 3-2-1502 或 3栋2单元1502", key)


def normalize_unit(value: str | None, *, label: str = "房号", required: bool = False,
                   key: str | None = "unit_no") -> str | None:
    unit = parse_unit(value, label=label, required=required, key=key)
    return unit.code if unit else None


# ---------------------------------------------------------------- dates

EARLIEST = datetime(2000, 1, 1)


def when(label: str, value: datetime | None, *, required: bool = False, now: datetime | None = None,
         future_days: int = 3660, key: str | None = None) -> datetime | None:
    """A sensible date-time: after 2000 and not absurdly far in the future."""
    if value is None:
        if required:
            raise ValidationError(label, "必填，请填写时间", key)
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if not isinstance(value, datetime):
        raise ValidationError(label, f"“{value}”不是有效的时间", key)
    value = value.replace(microsecond=0, tzinfo=None)
    if value < EARLIEST:
        raise ValidationError(label, "时间早于 2000 年，请检查", key)
    if now is not None and (value - now).days > future_days:
        raise ValidationError(label, "时间太远，请检查", key)
    return value


def not_in_future(label: str, value: datetime, now: datetime, *, slack_minutes: int = 10,
                  key: str | None = None) -> datetime:
    if (value - now).total_seconds() > slack_minutes * 60:
        raise ValidationError(label, "不能晚于当前时间", key)
    return value


def uuid_text(label: str, value: str | None, *, required: bool = False, key: str | None = None) -> str | None:
    raw = text(label, value, required=required, max_len=40, key=key)
    if raw is None:
        return None
    try:
        parsed = _uuid.UUID(raw)
    except ValueError:
        raise ValidationError(label, f"“{raw}”不是有效的记录编号", key) from None
    if str(parsed) != raw.lower():
        raise ValidationError(label, f"“{raw}”不是有效的记录编号", key)
    return str(parsed)


def natural_key(text: str | None) -> list:
    """Sort key that orders numbers by value: "2-1-902" before "2-1-1001", "10栋" after "9栋"."""
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text or "")]
