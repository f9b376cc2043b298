"""Edits made on two databases to the same record: found on import, listed for a 客服主管.

版本 alone cannot tell "the other database went further from what we have" from "both went their
own way": desk A edits a record to 版本 2, another database edits it twice to 版本 3, and 3 > 2
would silently replace A's edit. So a desk's workbook carries each record's **lineage**: every
state (最后修改时间, 最后修改人) the record passed through on the exporting database (sheet
``版本来历``: 记录编号 | 修改时间 | 修改人, one row per state, written by ``app.exchange.writer``).
On import, a known record (:func:`classify`) is

- *unchanged* when the incoming state is the local one or one the local record passed through
  (and its 版本 is not higher);
- *updated* when the local state is in the incoming lineage (the other database went further,
  a void included) and the incoming 版本 is higher;
- a **conflict** when both changed after their last common state: nothing is overwritten; an
  audit event ``导入冲突`` on the record keeps the local values (before) and the incoming ones
  (after), so both versions stay in its history, and :func:`open_conflicts` lists it until a
  客服主管 resolves it (:func:`resolve`), which makes a new version above both; from then on the
  record's lineage contains both sides.

The lineage speaks only for a row whose own state it lists. A workbook without the sheet (format
1 or hand-made), a record it does not mention, or a row changed by hand after the export is
imported by 版本 as before.
States come from the audit trail: an event's ``after`` with ``updated_at``/``updated_by`` (new
records, imports) gives that state; any other event gives (its time, its actor), which is the
state a save through ``app.core.records`` leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Iterable

from sqlalchemy import Date, DateTime, MetaData, Table, select, update
from sqlalchemy.orm import Session

from app.core.context import Context
from app.core.models import AuditEvent
from app.core.records import audit
from app.domain.enums import Role
from app.domain.errors import NotFound, ValidationError

LINEAGE_SHEET = "版本来历"
LINEAGE_HEADERS = ("记录编号", "修改时间", "修改人")
CONFLICT = "导入冲突"
RESOLVED = "冲突处理"
CHUNK = 500

State = tuple[datetime, str]


def _second(value: Any) -> datetime | None:
    """A time to the second (Excel stores times as fractions of a day: round, do not cut)."""
    if value is None or value == "":
        return None
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value).strip().replace("T", " "))
        except ValueError:
            return None
    return (value + timedelta(microseconds=500_000)).replace(microsecond=0)


def state(at: Any, by: Any) -> State | None:
    at = _second(at)
    return (at, str(by).strip()) if at is not None and by not in (None, "") else None


# ---------------------------------------------------------------- lineage on this database
def _history(session: Session, uuids: Iterable[str]) -> tuple[dict[str, set[State]], dict[str, set[tuple]]]:
    """Each record's lineage here, and the incoming (state, 版本) of its conflicts still open.

    A ``导入冲突`` event changes nothing, so the workbook's state it keeps joins the lineage only
    once a ``冲突处理`` settles it (the settled version is then above both sides); until then it
    only tells that this workbook's version was already listed."""
    out: dict[str, set[State]] = {}
    pending: dict[str, set[tuple]] = {}
    uuids = list(uuids)
    for i in range(0, len(uuids), CHUNK):
        chunk = uuids[i:i + CHUNK]
        # only the three values of ``after`` (a new record's ``after`` is its whole snapshot)
        rows = session.execute(select(AuditEvent.entity_uuid, AuditEvent.at, AuditEvent.actor, AuditEvent.action,
                                      AuditEvent.after["updated_at"].as_string(),
                                      AuditEvent.after["updated_by"].as_string(),
                                      AuditEvent.after["version"].as_string())
                               .where(AuditEvent.entity_uuid.in_(chunk)).order_by(AuditEvent.id))
        for uid, at, actor, action, after_at, after_by, after_version in rows:
            s = state(after_at, after_by) if after_at is not None else None
            if action == CONFLICT:
                if s:
                    pending.setdefault(uid, set()).add((s, after_version))
                continue
            if action == RESOLVED:
                out.setdefault(uid, set()).update(st for st, _v in pending.pop(uid, ()))
            s = s or state(at, actor)
            if s:
                out.setdefault(uid, set()).add(s)
    return out, pending


def lineage(session: Session, uuids: Iterable[str]) -> dict[str, set[State]]:
    """Every state each record passed through on this database."""
    return _history(session, uuids)[0]


def lineage_rows(session: Session, uuids: Iterable[str]) -> list[tuple[str, datetime, str]]:
    """The ``版本来历`` sheet's data rows for the records a workbook carries, oldest state first
    (``app.exchange.writer`` writes the sheet)."""
    return [(uid, at, by) for uid, states in sorted(lineage(session, uuids).items()) for at, by in sorted(states)]


def read_lineage_sheet(wb) -> dict[str, set[State]] | None:
    """The incoming lineage of a workbook; None when it carries none (then 版本 decides)."""
    if LINEAGE_SHEET not in wb.sheetnames:
        return None
    rows = iter(wb.rows(LINEAGE_SHEET))  # the import's reader (app.exchange.book.Book)
    header = [str(h).strip() if h is not None else "" for h in (next(rows, None) or ())]
    try:
        iu, ia, ib = (header.index(h) for h in LINEAGE_HEADERS)
    except ValueError:
        return None
    out: dict[str, set[State]] = {}
    for row in rows:
        if not row or len(row) <= max(iu, ia, ib) or not row[iu]:
            continue
        s = state(row[ia], row[ib])
        if s:
            out.setdefault(str(row[iu]).strip().lower(), set()).add(s)
    return out


# ---------------------------------------------------------------- the decision
UNCHANGED, UPDATE, DIVERGED = "unchanged", "update", "conflict"


def classify(local_version: int, local: State | None, local_lineage: set[State], incoming_version: int,
             incoming: State | None, incoming_lineage: set[State] | None) -> str:
    """What to do with a known record: UNCHANGED, UPDATE or DIVERGED (a conflict).

    The lineage speaks only for a row whose own state it lists: a workbook without the sheet
    (format 1, hand-made), a record the sheet does not mention, or a row edited by hand after
    the export (its 最后修改时间/人 are not in its lineage) is judged by 版本 alone, as always.
    A state is (time to the second, person), so two saves by one person within a second look
    alike: then 版本 tells the later one."""
    by_version = UPDATE if incoming_version > local_version else UNCHANGED
    if not incoming_lineage or local is None or incoming is None or incoming not in incoming_lineage:
        return by_version
    if incoming_version <= local_version and (incoming == local or incoming in local_lineage):
        return UNCHANGED  # we have it already, or went further from it
    if local in incoming_lineage:
        return by_version  # they went further from our state (a void included)
    return DIVERGED  # both changed after their last common state


@dataclass(frozen=True)
class Conflict:
    sheet: str
    row: int
    uuid: str
    entity: str


class ConflictDetector:
    """What the import asks about each known record (``app.exchange.reader.apply_sheet``)."""

    def __init__(self, incoming: dict[str, set[State]] | None):
        self.incoming = incoming
        self.conflicts: list[Conflict] = []

    def decide(self, session: Session, entity: str, known: dict[str, tuple[int, datetime, str]],
               rows: list[tuple[int, dict]]) -> dict[str, str]:
        """For rows ``(excel row, values)`` of known records (``known``: uuid → (version,
        updated_at, updated_by) here), uuid → UNCHANGED / UPDATE / DIVERGED."""
        if self.incoming is None:
            local_lineage, pending = {}, {}
        else:
            local_lineage, pending = _history(session, [v["uuid"] for _r, v in rows])
        out = {}
        for _row, values in rows:
            uid = values["uuid"]
            version, at, by = known[uid]
            incoming = state(values.get("updated_at"), values.get("updated_by"))
            decision = classify(version, state(at, by), local_lineage.get(uid, set()), values["version"], incoming,
                                None if self.incoming is None else self.incoming.get(uid, set()))
            if decision == DIVERGED and (incoming, str(values["version"])) in pending.get(uid, ()):
                decision = UNCHANGED  # this version is listed as a conflict already
            out[uid] = decision
        return out

    def record(self, ctx: Context, session: Session, *, sheet: str, row: int, entity: str, uuid: str,
               local: dict, incoming: dict, note: str, audit_fn=None) -> None:
        """Keep both versions in the record's history; the record itself is not changed."""
        (audit_fn or audit)(ctx, session, CONFLICT, entity=entity, entity_uuid=uuid, before=_plain_dict(local),
                            after=_plain_dict(incoming), note=f"{note} {sheet} 第 {row} 行：两处各自修改了此记录，待客服主管处理")
        self.conflicts.append(Conflict(sheet, row, uuid, entity))

    def warnings(self) -> list[str]:
        return [f"{c.sheet} 第 {c.row} 行：记录 {c.uuid} 在本机和对方各自修改过，未覆盖本机的修改，已列为冲突，请客服主管处理"
                for c in self.conflicts]


def _plain_dict(values: dict) -> dict:
    out = {}
    for k, v in values.items():
        if isinstance(v, datetime):
            v = v.isoformat(sep=" ")
        elif isinstance(v, date):
            v = v.isoformat()
        elif hasattr(v, "value") and not isinstance(v, (int, float, str, bool)):
            v = v.value
        out[k] = v
    return out


# ---------------------------------------------------------------- the 客服主管's list
@dataclass(frozen=True)
class ConflictRow:
    event_id: int
    entity: str
    uuid: str
    at: datetime
    note: str | None
    local: dict  # the values here when the workbook arrived
    incoming: dict  # the workbook's values
    local_by: str | None
    incoming_by: str | None


def open_conflicts(ctx: Context) -> list[ConflictRow]:
    """Conflicts not yet resolved, oldest first."""
    with ctx.read() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action.in_((CONFLICT, RESOLVED)))
                           .order_by(AuditEvent.id)).all()
        open_: dict[str, AuditEvent] = {}
        for e in events:
            if e.action == CONFLICT:
                open_[e.entity_uuid] = e
            else:
                open_.pop(e.entity_uuid, None)
        return [ConflictRow(e.id, e.entity, e.entity_uuid, e.at, e.note, dict(e.before or {}), dict(e.after or {}),
                            (e.before or {}).get("updated_by"), (e.after or {}).get("updated_by"))
                for e in open_.values()]


_KEEP = {"id", "uuid", "site_code", "version", "created_at", "created_by", "updated_at", "updated_by"}


def resolve(ctx: Context, event_id: int, *, take_incoming: bool) -> int:
    """Settle a conflict: keep this database's version or take the workbook's. Either way the
    record gets a new version above both (so both databases accept it next time) and the
    resolution is audited. Returns the new version."""
    actor = ctx.require_role(Role.SUPERVISOR, "处理导入冲突")
    with ctx.unit_of_work() as s:
        event = s.get(AuditEvent, event_id)
        if event is None or event.action != CONFLICT:
            raise NotFound(f"找不到导入冲突（#{event_id}）")
        if not any(c.event_id == event_id for c in _open_in(s)):
            raise ValidationError("冲突", "该冲突已经处理过了")
        table = Table(event.entity, MetaData(), autoload_with=s.connection())
        current = s.execute(select(table).where(table.c.uuid == event.entity_uuid)).mappings().first()
        if current is None:
            raise NotFound(f"找不到记录（编号 {event.entity_uuid}）")
        incoming = dict(event.after or {})
        version = max(int(current["version"]), int(incoming.get("version") or 0)) + 1
        changes: dict[str, Any] = {}
        if take_incoming:
            for name, value in incoming.items():
                if name in _KEEP or name not in table.c:
                    continue
                col = table.c[name]
                if isinstance(col.type, DateTime) and isinstance(value, str):
                    value = datetime.fromisoformat(value)
                elif isinstance(col.type, Date) and isinstance(value, str):
                    value = date.fromisoformat(value)
                if current[name] != value:
                    changes[name] = value
        now = ctx.now()
        s.execute(update(table).where(table.c.uuid == event.entity_uuid)
                  .values(version=version, updated_at=now, updated_by=actor.name, **changes))
        audit(ctx, s, RESOLVED, entity=event.entity, entity_uuid=event.entity_uuid,
              before=_plain_dict({k: current[k] for k in changes}), after=_plain_dict(changes),
              note="采用导入的版本" if take_incoming else "保留本机的版本")
        return version


def _open_in(session: Session) -> list[ConflictRow]:
    open_: dict[str, int] = {}
    for eid, action, uid in session.execute(select(AuditEvent.id, AuditEvent.action, AuditEvent.entity_uuid)
                                            .where(AuditEvent.action.in_((CONFLICT, RESOLVED)))
                                            .order_by(AuditEvent.id)):
        if action == CONFLICT:
            open_[uid] = eid
        else:
            open_.pop(uid, None)
    return [ConflictRow(eid, "", uid, datetime.min, None, {}, {}, None, None) for uid, eid in open_.items()]
