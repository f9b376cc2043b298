"""Logs without secrets: an error is written by its kind and place (exception type, the
database's error code, the chain of modules and functions it passed), never by its message,
which for a database error carries the statement and its parameters (password hashes, phones,
record text). Whatever a message still holds is scrubbed of hashes, phone and ID numbers.

Every log sink of the application uses :class:`SafeFormatter` (the GUI's log file, the command
line's console and its crash log).
"""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path

from app.domain.validate import ID_NUMBER_RE as _ID_NUMBER, LANDLINE_RE as _LANDLINE, MOBILE_RE as _MOBILE

_ARGON2 = re.compile(r"\$argon2(?:id|i|d)\$[A-Za-z0-9+/=,$]*")
_SQL_DETAIL = re.compile(r"\[(?:SQL|parameters):.*?\](?=\s*(?:\[|\(Background|$))", re.S)

#: How many frames of a traceback are named (innermost last).
_FRAMES = 8


def scrub(text: str) -> str:
    """``text`` with statements, parameters, password hashes, ID numbers and phones masked."""
    if not text:
        return text
    text = _SQL_DETAIL.sub("[…]", text)
    text = _ARGON2.sub("[口令散列]", text)
    text = _ID_NUMBER.sub("[证件号]", text)
    text = _MOBILE.sub("[电话]", text)
    return _LANDLINE.sub("[电话]", text)


def _code(exc: BaseException) -> str:
    """The database's own error code(s) of an exception, if it has any."""
    parts = []
    code = getattr(exc, "code", None)
    if isinstance(code, str) and code:
        parts.append(f"sqlalchemy {code}")
    orig = getattr(exc, "orig", None)
    if orig is not None:
        parts.append(type(orig).__module__.split(".")[0] + "." + type(orig).__name__)
        for attr in ("sqlstate", "pgcode", "sqlite_errorcode", "sqlite_errorname"):
            value = getattr(orig, attr, None)
            if value is not None:
                parts.append(f"{attr}={value}")
    return f"（{'，'.join(parts)}）" if parts else ""


def _place(tb) -> str:
    """Innermost first: where it was raised, then the application's own frames it passed."""
    frames = traceback.extract_tb(tb)
    if not frames:
        return ""
    own = [f for f in frames[:-1] if "site-packages" not in f.filename and "/lib/python" not in f.filename]
    chosen = [frames[-1], *reversed(own[-(_FRAMES - 1):])]
    return " ← ".join(f"{_short(f.filename)}:{f.name}:{f.lineno}" for f in chosen)


def _short(filename: str) -> str:
    path = Path(filename)
    parts = path.parts
    for anchor in ("app", "ui", "sqlalchemy", "alembic", "openpyxl", "reportlab", "PySide6"):
        if anchor in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(anchor) - 1:])
    return path.name


def describe(exc: BaseException) -> str:
    """One exception (and those it came from) by kind and place: no message, except the
    Chinese message of the application's own errors, scrubbed."""
    from app.domain.errors import FrontDeskError

    lines, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = f"{type(current).__module__}.{type(current).__name__}"
        said = f"：{scrub(str(current))}" if isinstance(current, FrontDeskError) else ""
        lines.append(f"{kind}{_code(current)}{said} 于 {_place(current.__traceback__) or '（无调用栈）'}")
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "\n  由此引起：".join(lines)


class SafeFormatter(logging.Formatter):
    """A formatter that writes exceptions by kind and place and scrubs every message."""

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return describe(ei[1]) if ei and ei[1] is not None else ""

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return ""

    def format(self, record: logging.LogRecord) -> str:
        # another handler may have cached the full traceback on the record (``exc_text``): never use it
        saved, record.exc_text = record.exc_text, None
        try:
            return scrub(super().format(record))
        finally:
            record.exc_text = saved


def install(handler: logging.Handler, fmt: str = "%(asctime)s %(levelname)s %(name)s: %(message)s") -> None:
    handler.setFormatter(SafeFormatter(fmt))
