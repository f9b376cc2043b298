"""Pure scoring rules: a finding's deduction, the score per 一级指标 (never below zero) and in
total, and points as text. Points are integers in hundredths (1000 = 10 分)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable

from app.domain.errors import ValidationError
from app.inspections.vocab import DeductionBasis


def points_text(cp: int | None) -> str:
    """1000 → ``10``, 950 → ``9.5``, 30 → ``0.3``."""
    if cp is None:
        return ""
    return f"{Decimal(cp) / 100:f}".rstrip("0").rstrip(".") if cp % 100 else str(cp // 100)


def parse_points(label: str, value, *, key: str | None = None, allow_zero: bool = False) -> int:
    """``"0.5"`` / ``0.5`` / ``"10分"`` → hundredths; at most two decimals."""
    try:
        d = Decimal(str(value).strip().removesuffix("分"))
    except (InvalidOperation, AttributeError):
        raise ValidationError(label, f"“{value}”不是有效的分值", key) from None
    if d.is_finite() and d < 0:
        raise ValidationError(label, f"不能为负数（填的是 {value}）", key)
    if not d.is_finite() or (d == 0 and not allow_zero):
        raise ValidationError(label, "应为大于 0 的分值", key)
    if d != d.quantize(Decimal("0.01")):
        raise ValidationError(label, "最多两位小数", key)
    if d > 1000:
        raise ValidationError(label, "分值过大", key)
    return int(d * 100)


#: Joins the 一级指标 of an inspection in its stored text: ``行为规范 10分；房屋交付 10分``.
INDICATOR_SEPARATOR = "；"
_INDICATOR = re.compile(r"^(.+?)\s*(\d+(?:\.\d{1,2})?)分$")


def indicators_text(indicators: Iterable[dict]) -> str:
    """The 一级指标 an inspection is scored on, as stored and carried by the workbook."""
    return INDICATOR_SEPARATOR.join(f"{i['name']} {points_text(i['points_cp'])}分" for i in indicators)


def indicators_of(text: str | None) -> list[dict]:
    """``行为规范 10分；房屋交付 9.5分`` → ``[{"name", "points_cp"}]``; a malformed part is refused."""
    out = []
    for part in (text or "").split(INDICATOR_SEPARATOR):
        part = part.strip()
        if not part:
            continue
        m = _INDICATOR.match(part)
        if m is None:
            raise ValidationError("一级指标", f"“{part}”应为“名称 分值分”，如“行为规范 10分”", "indicators")
        out.append({"name": m.group(1).strip(), "points_cp": parse_points("一级指标", m.group(2))})
    return out


def deduction(basis: str, unit_cp: int, problems: int, persons: int = 1) -> int:
    """一个问题点扣 unit; 一人一个问题点扣 unit (so problems × persons)."""
    if problems < 1:
        raise ValidationError("问题点数", "至少为 1", "problems")
    if persons < 1:
        raise ValidationError("人数", "至少为 1", "persons")
    return unit_cp * problems * (persons if basis == DeductionBasis.PER_PERSON else 1)


@dataclass(frozen=True)
class IndicatorScore:
    name: str
    points_cp: int
    deducted_cp: int  # every deduction found (may exceed the points)
    findings: int

    @property
    def score_cp(self) -> int:
        """The points left, never below zero."""
        return max(0, self.points_cp - self.deducted_cp)

    @property
    def lost_cp(self) -> int:
        """What the deductions actually took (at most the points)."""
        return self.points_cp - self.score_cp


def score(indicators: Iterable[dict], findings: Iterable[tuple[str, int]]) -> list[IndicatorScore]:
    """``indicators``: ``[{"name", "points_cp"}]``; ``findings``: ``(indicator name, deduction_cp)``."""
    taken: dict[str, list[int]] = {}
    for name, cp in findings:
        taken.setdefault(name, []).append(cp)
    return [IndicatorScore(i["name"], i["points_cp"], sum(taken.get(i["name"], ())), len(taken.get(i["name"], ())))
            for i in indicators]


def total(scores: Iterable[IndicatorScore]) -> int:
    return sum(s.score_cp for s in scores)
