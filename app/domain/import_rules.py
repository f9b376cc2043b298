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


Check = Callable[[dict], None]


def record_check(columns: Iterable, *, past: Iterable[str] = (), required_in: Mapping[str, Iterable[str]] | None = None,
                 state: str = "status", also: Iterable[Check | None] | Check | None = None,
                 now: Callable[[], datetime] = datetime.now) -> Check:
    """A sheet's ``check(values)``.

    ``columns``: the sheet's columns (each with ``attr`` and ``header``); ``past``: attributes
    holding when something happened (never later than now + tolerance); ``required_in``:
    ``{value of the state column: attributes that state needs}``, the state column being
    ``state`` (``status`` unless the sheet names its state otherwise); ``also``: the sheet's own
    cross-column rules (one check or several), run after these.
    """
    headers = {c.attr: c.header for c in columns}
    past = tuple(past)
    required_in = {k: tuple(v) for k, v in (required_in or {}).items()}
    unknown = [a for a in (*past, *(a for v in required_in.values() for a in v)) if a not in headers]
    if required_in and state not in headers:
        unknown.append(state)
    if unknown:
        raise ValueError(f"not columns of the sheet: {unknown}")
    extra = [c for c in (also if isinstance(also, (list, tuple)) else (also,)) if c is not None]

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
        if status == VOID_STATUS and "void_reason" in headers and values.get("void_reason") in (None, ""):
            raise ValidationError(headers["void_reason"], f"状态为{status}时必须填写")
        value = values.get(state)
        for attr in required_in.get(value, ()):
            if values.get(attr) in (None, ""):
                raise ValidationError(headers[attr], f"{headers[state]}为{value}时必须填写")
        for rule in extra:
            rule(values)

    return check


def needs_when(when: Callable[[dict], bool], header: str, attr: str, message: str) -> Check:
    """A rule for ``also``: when ``when(values)`` holds, ``attr`` (column ``header``) must be given
    and not zero (a sheet's services refuse an empty or nil amount there), else ``message``."""

    def check(values: dict) -> None:
        if when(values) and not values.get(attr):
            raise ValidationError(header, message)

    return check


def held_to_rules(spec, *, past: Iterable[str] = (), required_in: Mapping[str, Iterable[str]] | None = None,
                  state: str = "status", also: Check | None = None):
    """``spec`` (a frozen sheet spec) with :func:`record_check` in front of its own ``check``
    (and of ``also``, a further rule the sheet's services apply)."""
    import dataclasses

    return dataclasses.replace(spec, check=record_check(spec.columns, past=past, required_in=required_in,
                                                        state=state, also=(spec.check, also)))
