"""Business numbers (WX…, ZX…, ZG… and later series) from a per-site, per-series counter taken
in the caller's transaction: two desks saving at once never get the same number (the counter
row is locked by the update until the transaction ends), and there is no limit per day."""

from __future__ import annotations

from typing import Callable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core.models import NumberCounter


def _insert(session: Session):
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(NumberCounter)


def next_value(session: Session, site_code: str, series: str, period: str,
               existing_max: Callable[[], int] = lambda: 0) -> int:
    """The next number of a series in a period. ``existing_max()`` is asked once, when the
    counter starts, for the highest number already used (records made before counters existed)."""
    key = (NumberCounter.site_code == site_code, NumberCounter.series == series, NumberCounter.period == period)
    if session.scalar(select(NumberCounter.value).where(*key)) is None:
        session.execute(_insert(session).values(site_code=site_code, series=series, period=period,
                                                value=int(existing_max() or 0))
                        .on_conflict_do_nothing())
    session.execute(update(NumberCounter).where(*key).values(value=NumberCounter.value + 1))
    return session.scalar(select(NumberCounter.value).where(*key))


def highest_suffix(numbers, head: str) -> int:
    """The largest running number among ``numbers`` that start with ``head``."""
    best = 0
    for no in numbers:
        tail = (no or "")[len(head):]
        if tail.isdigit():
            best = max(best, int(tail))
    return best
