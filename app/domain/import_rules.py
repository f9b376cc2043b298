"""The services' rules applied to a record arriving in a workbook, before anything is written:
no control characters in any text, no time that has not happened yet (beyond a small tolerance
for a clock running ahead), 已作废 only with 作废原因, and a state only with the fields it needs.

Each feature's sheet module builds its sheet's ``check`` with :func:`record_check`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable, Iterable, Mapping

from app.domain.errors import ValidationError
from app.domain.validate import CONTROL_MESSAGE, CONTROL_RE

#: How far a "happened at" time may lie ahead of this computer's clock (another desk's clock).
FUTURE_TOLERANCE = timedelta(days=1)
VOID_STATUS = "已作废"


def record_check(columns: Iterable, *, past: Iterable[str] = (), required_in: Mapping[str, Iterable[str]] | None = None,
                 also: Callable[[dict], None] | None = None, now: Callable[[], datetime] = datetime.now,
                 ) -> Callable[[dict], None]:
    """A sheet's ``check(values)``.

    ``columns``: the sheet's columns (each with ``attr`` and ``header``); ``past``: attributes
    holding when something happened (never later than now + tolerance); ``required_in``:
    ``{state: attributes that state needs}``; ``also``: the sheet's own cross-column rules.
    """
    headers = {c.attr: c.header for c in columns}
    past = tuple(past)
    required_in = {k: tuple(v) for k, v in (required_in or {}).items()}

    def check(values: dict) -> None:
        for attr, value in values.items():
            if isinstance(value, str) and CONTROL_RE.search(value):
                raise ValidationError(headers.get(attr, attr), CONTROL_MESSAGE)
        limit = now() + FUTURE_TOLERANCE
        for attr in past:
            value = values.get(attr)
            late = (value > limit if isinstance(value, datetime)
                    else isinstance(value, date) and value > limit.date())
            if late:
                raise ValidationError(headers.get(attr, attr), f"“{value}”还没有到（晚于当前时间），请核对")
        status = values.get("status")
        needs = required_in.get(status, ())
        if status == VOID_STATUS and "void_reason" in headers:
            needs = ("void_reason", *needs)
        for attr in needs:
            if values.get(attr) in (None, ""):
                raise ValidationError(headers.get(attr, attr), f"状态为{status}时必须填写")
        if also is not None:
            also(values)

    return check


def held_to_rules(spec, *, past: Iterable[str] = (), required_in: Mapping[str, Iterable[str]] | None = None):
    """``spec`` (a frozen sheet spec) with :func:`record_check` in front of its own ``check``."""
    import dataclasses

    return dataclasses.replace(spec, check=record_check(spec.columns, past=past, required_in=required_in,
                                                        also=spec.check))
