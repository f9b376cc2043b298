"""The pure rules of a work order: which steps are allowed, when it is late, when it is due,
the follow-up draw, the 单号 and month ranges. No database, no settings lookups.

An order moves only along these steps::

    待派工 ──派工──▶ 已派工 ──接单──▶ 维修中 ──完工──▶ 待回访 ──回访/关闭──▶ 已关闭
      │                │  ▲ (改派)        │                │        ▲   │
      ├─▶ 不予受理      └──┘               │                └─不满意─┴───┴──▶ 待派工 (返修)
      └─▶ 已作废 (with a reason; also from 已派工 / 维修中 / 待回访)

The follow-up draw keeps its seed, rate and random number on the order, so anyone can
recompute it: ``random.Random(int(seed)).random() < rate/100``.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from app.domain.errors import InvalidTransition, ValidationError
from app.repairs.vocab import LateReason, RepairStatus, Urgency

S = RepairStatus

#: The allowed steps: (from state) -> {to states}.
TRANSITIONS: dict[RepairStatus, set[RepairStatus]] = {
    S.AWAITING_DISPATCH: {S.DISPATCHED, S.DECLINED, S.VOID},
    S.DISPATCHED: {S.DISPATCHED, S.IN_REPAIR, S.VOID},
    S.IN_REPAIR: {S.AWAITING_FOLLOW_UP, S.VOID},
    S.AWAITING_FOLLOW_UP: {S.CLOSED, S.AWAITING_DISPATCH, S.VOID},
    S.CLOSED: {S.AWAITING_DISPATCH},  # a later 不满意 (e.g. the manager's spot check) reopens
    S.DECLINED: set(),
    S.VOID: set(),
}

NUMBER_PREFIX = "WX"


def check_move(number: str, status: str, to: RepairStatus, action: str) -> None:
    """Refuse a step the state diagram does not allow, naming the order and its state."""
    current = RepairStatus(status)
    if to not in TRANSITIONS[current]:
        raise InvalidTransition(f"工单 {number} 当前状态为“{current.value}”，不能{action}")


def late_reasons(status: str, pickup_due_at: datetime | None, finish_due_at: datetime | None,
                 now: datetime) -> list[str]:
    """Which deadlines an order is past right now: not picked up in time after dispatch, or not
    finished by its due time while still with the engineers."""
    reasons = []
    if status == S.DISPATCHED.value and pickup_due_at and now > pickup_due_at:
        reasons.append(LateReason.PICKUP.value)
    if status in (S.AWAITING_DISPATCH.value, S.DISPATCHED.value, S.IN_REPAIR.value) and finish_due_at \
            and now > finish_due_at:
        reasons.append(LateReason.FINISH.value)
    return reasons


def finish_due(received_at: datetime, urgency: str, appointment_at: datetime | None, *,
               hours_normal: int, hours_urgent: int) -> datetime:
    """Finished by the agreed time (预约时间), or, without one, within the hours of its urgency
    counted from the report."""
    if appointment_at is not None:
        return appointment_at
    hours = hours_urgent if urgency == Urgency.URGENT.value else hours_normal
    return received_at + timedelta(hours=hours)


def sample_decision(seed: str, rate: int) -> tuple[float, bool]:
    """The draw for one order: the first ``random()`` of ``random.Random(int(seed))``."""
    draw = random.Random(int(seed)).random()
    return draw, draw < rate / 100


def number_prefix(day: date) -> str:
    """单号 are WX + the 报修 date + a three-digit running number of that day."""
    return f"{NUMBER_PREFIX}{day:%Y%m%d}"


def month_range(year: int, month: int) -> tuple[datetime, datetime]:
    """[first moment of the month, first moment of the next)."""
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise ValidationError("月份", f"{year}-{month} 不是有效的月份", "month")
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), 1 if month == 12 else month + 1, 1)
    return start, end


def month_key(year: int, month: int) -> str:
    month_range(year, month)
    return f"{year:04d}-{month:02d}"
