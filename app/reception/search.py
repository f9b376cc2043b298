"""Search of visit-and-call records across all dates: one small module, two backends.

- **fts5** (SQLite with the ``contact_fts`` index, app/db/migrations/versions/0002_reception.py):
  Chinese single characters and pairs are index tokens (app/core/search_index.py), so a one- or
  two-character word is one index look-up, and ``ORDER BY rowid DESC`` (rowid = received
  time and id) gives the newest first without sorting.
- **like** (PostgreSQL, or SQLite without FTS5): the same predicates as ``LIKE``/``ILIKE``
  on a newest-first scan of the ``(site_code, received_at)`` index.

What the user typed is plain text. Whitespace separates terms; every term must match
(AND). A term matches a record when

- the name or the content contains it (Chinese: any substring; Latin letters and
  digits: the start of a word),
- it names the unit (``3-2-1502``, ``3栋2单元1502``), a building and entrance (``3-2``),
  a building (``3栋``) or a room number (``1502``), or
- it holds at least three digits (and only phone punctuation) found in the phone number.

Quotes, ``*``, ``%``, ``_`` and parentheses never act as syntax or wildcards: a term that
contains them must appear literally (the index narrows the candidates, ``LIKE … ESCAPE``
checks them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import unicodedata

from sqlalchemy import and_, column, func, literal_column, or_, select, table
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.reception.models import ContactRecord
from app.core import search_index as idx
from app.domain import validate as v
from app.domain.errors import ValidationError
from app.core.context import Context

MAX_TERMS = 8
MAX_TEXT = 100

_fts = table(idx.FTS_TABLE, column("rowid"), column("t"))
_PHONE_ONLY = re.compile(r"^[\d\s\-+()（）.]+$")
_ROOM_ONLY = re.compile(r"^[0-9]{3,5}$")
_BUILDING_ONLY = re.compile(r"^([0-9]+|[a-z])(?:栋|幢|座|号楼|号|#)$")
_BUILDING_ENTRANCE = re.compile(r"^([0-9]+|[a-z])(?:栋|幢|座|号楼|#)([0-9]+)(?:单元|门)$")


@dataclass
class Term:
    """One search term: an FTS5 expression (None when it has no index tokens), the exact
    predicate in SQL, and whether the FTS5 expression alone is exact."""

    raw: str
    fts: str | None
    predicate: ColumnElement
    exact_in_index: bool
    kinds: list[str] = field(default_factory=list)


def _q(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _text_fts(term: str) -> tuple[str | None, bool]:
    parts = []
    segs = idx.segments(term)
    for run, wide in segs:
        if not wide and len(run) == 1 and len(segs) > 1:
            continue  # "第1": the "1" would expand to every token starting with 1; LIKE checks it
        if not wide:
            parts.append(_q(run) + ("*" if len(run) > 1 else ""))
        elif len(run) <= 2:
            parts.append(_q(run))
        else:
            parts.append("(" + " AND ".join(_q(run[i:i + 2]) for i in range(len(run) - 1)) + ")")
    if not parts:
        return None, False
    exact = len(segs) == 1 and (not segs[0][1] or len(segs[0][0]) <= 2) and idx.normalize_text(term) == segs[0][0]
    return (parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"), exact


def parse_term(raw: str) -> Term:
    norm = idx.normalize_text(raw)
    literal = _nfkc(raw)
    alts: list[str] = []
    preds: list[ColumnElement] = [column.icontains(form, autoescape=True)
                                  for form in _widths(literal) for column in (ContactRecord.content, ContactRecord.name)]
    kinds = ["text"]
    fts, exact = _text_fts(raw)
    if fts:
        alts.append(fts)
    # unit
    unit = _unit(literal)
    if unit is not None:
        code, has_room = unit
        token = idx.unit_token(code)
        kinds.append("unit")
        if has_room:
            alts.append(_q(token))
            preds.append(ContactRecord.unit_no == code)
        else:
            alts.append(f"({_q(token)} OR {_q(token + 'x')}*)")
            preds.append(or_(ContactRecord.unit_no == code, ContactRecord.unit_no.startswith(code + "-",
                                                                                             autoescape=True)))
    elif _BUILDING_ENTRANCE.match(norm):
        m = _BUILDING_ENTRANCE.match(norm)
        prefix = f"{m.group(1).upper()}-{int(m.group(2))}"
        kinds.append("entrance")
        alts.append(f"{_q(idx.unit_token(prefix) + 'x')}*")
        preds.append(ContactRecord.unit_no.startswith(prefix + "-", autoescape=True))
        exact = False
    elif _ROOM_ONLY.match(norm):
        kinds.append("room")
        alts.append(_q(idx.NS + "r" + norm))
        preds.append(ContactRecord.unit_no.endswith("-" + norm, autoescape=True))
    else:
        m = _BUILDING_ONLY.match(norm)
        if m:
            kinds.append("building")
            alts.append(_q(idx.NS + "b" + m.group(1)))
            preds.append(ContactRecord.unit_no.startswith(m.group(1).upper() + "-", autoescape=True))
            exact = False
    # phone
    digits = v.phone_digits(norm)
    phone_exact = True
    if _PHONE_ONLY.match(norm) and len(digits) >= 3:
        kinds.append("phone")
        grams = list(dict.fromkeys(idx.phone_tokens(digits)))
        alts.append(_q(grams[0]) if len(grams) == 1 else "(" + " AND ".join(_q(g) for g in grams) + ")")
        preds.append(ContactRecord.phone_digits.contains(digits, autoescape=True))
        phone_exact = len(grams) == 1
    fts_expr = None
    if alts:
        fts_expr = alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"
    return Term(raw, fts_expr, or_(*preds), exact and phone_exact and fts_expr is not None, kinds)


def _nfkc(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw)


def _wide(text: str) -> str:
    """ASCII letters, digits and signs as their full-width forms (Ａ, ３, ＃)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def _widths(literal: str) -> list[str]:
    """The forms stored text may hold of an NFKC-normalised term: as typed, and full-width
    (upper and lower case, since SQLite's lower() folds ASCII only), so ＡＮＤ finds AND and
    AND finds ＡＮＤ on SQLite and PostgreSQL alike."""
    forms = [literal]
    if any("!" <= ch <= "~" for ch in literal):
        forms += [_wide(literal.lower()), _wide(literal.upper())]
    return list(dict.fromkeys(forms))


def _unit(raw: str) -> tuple[str, bool] | None:
    """(code, names a room) when the term reads as a unit number; None otherwise."""
    if not re.search(r"\d", raw) or not re.search(r"[-/栋幢座楼#单元门室－]", raw):
        return None
    try:
        parsed = v.parse_unit(raw)
    except ValidationError:
        return None
    if parsed is None:
        return None
    if parsed.entrance is None and "-" in raw and raw.count("-") == 1 and not re.search(r"[栋幢座楼#单元门室]", raw):
        # "3-2": building 3, entrance 2 (or the room 2 of a building without entrances)
        return parsed.code, False
    return parsed.code, True


def parse(text: str | None) -> list[Term]:
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError("搜索", f"搜索内容最多 {MAX_TEXT} 个字")
    text = _nfkc(text)
    if _PHONE_ONLY.match(text) and len(v.phone_digits(text)) >= 3:
        words = [text]  # a phone number written with spaces is one term
    else:
        words = text.split()
    if len(words) > MAX_TERMS:
        raise ValidationError("搜索", f"最多 {MAX_TERMS} 个词，请用空格分隔")
    return [parse_term(w) for w in words]


# ---------------------------------------------------------------- backends

def backend(session: Session) -> str:
    """``"fts5"`` when the database has the index, otherwise ``"like"``."""
    return "fts5" if idx.has_index(session.connection()) else "like"


def find(session: Session, terms: list[Term], conditions: list[ColumnElement], *,
         date_from: datetime | None = None, date_to: datetime | None = None,
         after: tuple[datetime, int] | None = None, limit: int = 50,
         force_backend: str | None = None) -> list[ContactRecord]:
    """Records matching every term and condition, newest first (received time, then id).

    ``date_from``/``date_to`` bound the received time (to is exclusive); ``after`` is the
    (received_at, id) of the last record of the previous page.
    """
    if not terms:
        return []
    use = force_backend or backend(session)
    indexed = [t for t in terms if t.fts]
    if use == "fts5" and indexed:
        return _find_fts(session, terms, conditions, date_from, date_to, after, limit)
    return _find_like(session, terms, conditions, date_from, date_to, after, limit)


def _find_fts(session, terms, conditions, date_from, date_to, after, limit):
    expr = " AND ".join(t.fts for t in terms if t.fts)
    key = _fts.c.rowid
    q = (select(ContactRecord)
         .join_from(_fts, ContactRecord, ContactRecord.id == key.op("&")(idx.ID_MASK))
         .where(literal_column(idx.FTS_TABLE).op("MATCH")(expr), *conditions))
    for t in terms:
        if not t.exact_in_index:
            q = q.where(t.predicate)
    if date_from is not None:
        q = q.where(key >= idx.key_floor(date_from))
    if date_to is not None:
        q = q.where(key < idx.key_floor(date_to))
    if after is not None:
        q = q.where(key < idx.search_key(after[0], after[1]))
    return list(session.scalars(q.order_by(key.desc()).limit(limit)))


def _find_like(session, terms, conditions, date_from, date_to, after, limit):
    q = select(ContactRecord).where(*conditions, *(t.predicate for t in terms))
    if date_from is not None:
        q = q.where(ContactRecord.received_at >= date_from)
    if date_to is not None:
        q = q.where(ContactRecord.received_at < date_to)
    if after is not None:
        q = q.where(or_(ContactRecord.received_at < after[0],
                        and_(ContactRecord.received_at == after[0], ContactRecord.id < after[1])))
    q = q.order_by(ContactRecord.received_at.desc(), ContactRecord.id.desc()).limit(limit)
    return list(session.scalars(q))


# ---------------------------------------------------------------- maintenance

@dataclass(frozen=True)
class IndexStatus:
    backend: str
    records: int
    indexed: int | None


def index_status(ctx: Context) -> IndexStatus:
    with ctx.read() as s:
        records = s.scalar(select(func.count()).select_from(ContactRecord)) or 0
        if backend(s) != "fts5":
            return IndexStatus("like", records, None)
        indexed = s.connection().exec_driver_sql(f"SELECT count(*) FROM {idx.FTS_TABLE}").scalar()
        return IndexStatus("fts5", records, indexed)


def rebuild_index(ctx: Context, *, progress=None) -> int:
    """Rebuild the search index from the records (after a bulk load that bypassed the ORM).
    Returns the number of records indexed; 0 when the database has no index."""
    from app.domain.enums import Role

    ctx.require_role(Role.SUPERVISOR, "重建搜索索引")
    with ctx.unit_of_work() as s:
        conn = s.connection()
        if not idx.has_index(conn):
            return 0
        total = conn.exec_driver_sql("SELECT count(*) FROM contact_record").scalar() or 0
        conn.exec_driver_sql(f"DELETE FROM {idx.FTS_TABLE}")
        last, done = 0, 0
        while True:
            rows = conn.exec_driver_sql(
                "SELECT id, received_at, name, content, unit_no, phone_digits FROM contact_record "
                "WHERE id > ? ORDER BY id LIMIT 5000", (last,)).all()
            if not rows:
                break
            idx.index_rows(conn, rows)
            last = rows[-1][0]
            done += len(rows)
            if progress:
                progress(done, total)
        conn.exec_driver_sql(f"INSERT INTO {idx.FTS_TABLE}({idx.FTS_TABLE}) VALUES ('optimize')")
        return done

