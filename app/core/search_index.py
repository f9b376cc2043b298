"""The search index of visit-and-call records (SQLite only).

The search index (SQLite only) is an FTS5 table ``contact_fts`` outside the ORM
metadata, created by migration 0002. SQLite's own tokenizers cannot find Chinese
words of one or two characters (``trigram`` needs three), so the text is tokenised
here and stored pre-spaced; FTS5's ``ascii`` tokenizer then only splits on spaces
(every non-ASCII character is a token character for it):

- Chinese (any wide letter): every character and every pair of neighbouring characters
  (``漏水管`` → ``漏 水 管 漏水 水管``), so one- and two-character words are single tokens;
- Latin letters and digits: the word, lower-cased (``A座`` → ``a 座``);
- the unit ``3-2-1502``: ``⁂u3x2x1502 ⁂b3 ⁂r1502`` (whole code, building, room);
- the phone's digits: every run of three digits, ``⁂p138 ⁂p380 …``

(``⁂`` stands for :data:`NS`, a private-use character no typed text can contain).

The FTS rowid is :func:`search_key` (received time in seconds << 30 | record id), so
``ORDER BY rowid DESC`` is newest first and a date range is a rowid range. The index
follows every ORM insert and update of a record (mapper events in
``app/reception/models.py``), in the same
transaction; bulk writers that bypass the ORM call :func:`index_rows` themselves or
``app.reception.search.rebuild_index``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Iterable

FTS_TABLE = "contact_fts"
FTS_DDL = f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(t, tokenize='ascii', detail=none, columnsize=0)"
ID_BITS = 30
ID_MASK = (1 << ID_BITS) - 1
_EPOCH = datetime(2000, 1, 1)
#: The columns whose change re-indexes a record.
INDEXED = ("received_at", "name", "content", "unit_no", "phone_digits")


def is_index_table(name: str | None) -> bool:
    """The FTS5 table and its shadow tables: outside the ORM metadata, so Alembic's
    comparison must skip them (``include_name`` in tests/core/test_migrations.py)."""
    return bool(name) and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_"))


def include_name(name, type_, _parent_names) -> bool:
    """An Alembic ``include_name`` hook that leaves the search index out of comparisons."""
    return not (type_ == "table" and is_index_table(name))


def search_key(received_at: datetime, record_id: int) -> int:
    """FTS rowid: seconds since 2000 in the high bits, the record id in the low 30 bits."""
    seconds = int((received_at - _EPOCH).total_seconds())
    return (seconds << ID_BITS) | (record_id & ID_MASK)


def key_floor(at: datetime) -> int:
    """The smallest key of a record received at ``at`` (for rowid ranges)."""
    return int((at - _EPOCH).total_seconds()) << ID_BITS


def record_id_of(key: int) -> int:
    return key & ID_MASK


#: Tokens of the unit and the phone start with a private-use character: nothing a user
#: types can produce it (private-use characters are separators in ``segments``), so a word
#: such as ``p`` or ``u3`` never matches them, and ``p``* never expands to every phone token.
NS = "\ue000"


def _is_token_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN"


def _is_wide(ch: str) -> bool:
    return ord(ch) > 0x2e7f and unicodedata.east_asian_width(ch) in ("W", "F")


def normalize_text(text: str | None) -> str:
    """NFKC (full-width letters and digits become ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def segments(text: str | None) -> list[tuple[str, bool]]:
    """Runs of token characters as (run, is_wide): ``A座漏水!12`` → a, 座漏水, 12."""
    out: list[tuple[str, bool]] = []
    run: list[str] = []
    wide = False
    for ch in normalize_text(text):
        if _is_token_char(ch):
            w = _is_wide(ch)
            if run and w != wide:
                out.append(("".join(run), wide))
                run = []
            wide = w
            run.append(ch)
        elif run:
            out.append(("".join(run), wide))
            run = []
    if run:
        out.append(("".join(run), wide))
    return out


def text_tokens(text: str | None) -> list[str]:
    tokens: list[str] = []
    for run, wide in segments(text):
        if wide:
            tokens.extend(run)
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


_UNIT_PART = re.compile(r"[^0-9a-z]")


def unit_tokens(unit_no: str | None) -> list[str]:
    if not unit_no:
        return []
    parts = [_UNIT_PART.sub("", p) for p in normalize_text(unit_no).split("-")]
    parts = [p for p in parts if p]
    if not parts:
        return []
    tokens = [NS + "u" + "x".join(parts), NS + "b" + parts[0]]
    if len(parts) > 1:
        tokens.append(NS + "r" + parts[-1])
    return tokens


def unit_token(code: str) -> str:
    return unit_tokens(code)[0]


def phone_tokens(digits: str | None) -> list[str]:
    digits = re.sub(r"\D", "", digits or "")
    return [NS + "p" + digits[i:i + 3] for i in range(len(digits) - 2)]


def document(name: str | None, content: str | None, unit_no: str | None, phone_digits: str | None) -> str:
    """The pre-tokenised text stored in the index for one record."""
    tokens = text_tokens(name) + text_tokens(content) + unit_tokens(unit_no) + phone_tokens(phone_digits)
    return " ".join(dict.fromkeys(tokens))


def has_index(connection) -> bool:
    """Whether this (SQLAlchemy) connection's database has the FTS index."""
    if connection.dialect.name != "sqlite":
        return False
    info = connection.connection.info if hasattr(connection, "connection") else {}
    if info.get("fd_contact_fts"):
        return True
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (FTS_TABLE,)).first() is not None
    if found:
        info["fd_contact_fts"] = True
    return found


def index_rows(connection, rows: Iterable[tuple], *, replace: bool = False) -> int:
    """Add (id, received_at, name, content, unit_no, phone_digits) rows to the index.

    ``connection`` is a SQLAlchemy connection or a DB-API sqlite3 connection/cursor.
    With ``replace`` an existing entry under the same key is replaced.
    """
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    params = [(search_key(_as_dt(r[1]), r[0]), document(r[2], r[3], r[4], r[5])) for r in rows]
    if not params:
        return 0
    sql = f"{verb} INTO {FTS_TABLE}(rowid, t) VALUES (?, ?)"
    if hasattr(connection, "exec_driver_sql"):
        connection.exec_driver_sql(sql, params)
    else:
        connection.executemany(sql, params)
    return len(params)


def _as_dt(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


