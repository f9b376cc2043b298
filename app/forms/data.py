"""Small helpers for form providers (periods, short texts)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta


def bounds(date_from: date, date_to: date | None = None) -> tuple[datetime, datetime]:
    """[start, end) datetimes covering whole days from ``date_from`` to ``date_to``."""
    date_to = date_to or date_from
    return datetime.combine(date_from, time.min), datetime.combine(date_to + timedelta(days=1), time.min)


def md_hm(value: datetime | None) -> str:
    return value.strftime("%m-%d %H:%M") if value else ""
