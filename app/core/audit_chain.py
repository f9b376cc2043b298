"""The audit trail as a hash chain per site: each event's hash covers the previous event's hash
and this event's content, so an edited, inserted or deleted event breaks the chain from there on.

Linking happens inside the writer's transaction. The site's head row in ``audit_chain`` is read
with ``FOR UPDATE`` (on SQLite every writer already holds the database's write lock from
``BEGIN IMMEDIATE``), so two desks never chain onto the same link; event ids are drawn after the
lock, so within a site the ids follow the chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import AuditChain, AuditEvent

#: The hash before a site's first event.
GENESIS = "0" * 64


def _default(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value)


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default)


def event_hash(previous: str, event: AuditEvent | dict) -> str:
    """The hash of one event (an ``AuditEvent`` or the dict of its columns) chained onto ``previous``."""
    get = event.get if isinstance(event, dict) else lambda key: getattr(event, key)
    at = get("at").replace(microsecond=0).isoformat(sep=" ") if get("at") else ""
    content = _canonical([get("site_code"), at, get("actor_username"), get("actor"), get("action"), get("entity"),
                          get("entity_uuid"), json.loads(_canonical(get("before"))),
                          json.loads(_canonical(get("after"))), get("note")])
    return hashlib.sha256((previous + "\n" + content).encode("utf-8")).hexdigest()


def _head(session: Session, site_code: str) -> AuditChain:
    """The site's chain head, locked until the transaction ends."""
    head = session.scalars(select(AuditChain).where(AuditChain.site_code == site_code).with_for_update()).first()
    if head is None:
        head = AuditChain(site_code=site_code, last_hash=GENESIS, events=0)
        session.add(head)
    return head


def link(session: Session, event: AuditEvent) -> None:
    """Give ``event`` its chain hash and move the site's head onto it (locks the head row)."""
    head = _head(session, event.site_code)
    event.chain_hash = event_hash(head.last_hash, event)
    head.last_hash = event.chain_hash
    head.events = (head.events or 0) + 1


def link_rows(session: Session, rows: list[dict]) -> None:
    """The same for rows about to be inserted in this order in one statement (bulk imports):
    each gets its ``chain_hash``."""
    for row in rows:
        head = _head(session, row["site_code"])
        row["chain_hash"] = event_hash(head.last_hash, row)
        head.last_hash = row["chain_hash"]
        head.events = (head.events or 0) + 1
    session.flush()  # the head moves before the rows are inserted


@dataclass(frozen=True)
class ChainResult:
    site_code: str
    events: int
    broken_at: int | None  # id of the first event whose hash does not follow
    problem: str | None


def verify(session: Session) -> list[ChainResult]:
    """Walk every site's chain in id order. Events written before chaining existed (no hash)
    may only come before the first chained one."""
    results = []
    heads = {h.site_code: h for h in session.scalars(select(AuditChain))}
    sites = set(heads) | set(session.scalars(select(AuditEvent.site_code).distinct()))
    for site in sorted(sites):
        previous, count, broken, problem, started = GENESIS, 0, None, None, False
        q = select(AuditEvent).where(AuditEvent.site_code == site).order_by(AuditEvent.id)
        for event in session.scalars(q).yield_per(500):
            if event.chain_hash is None and not started:
                continue
            started = True
            count += 1
            if broken is None and (event.chain_hash is None or event_hash(previous, event) != event.chain_hash):
                broken, problem = event.id, "该条或其前一条历史记录被修改、插入或删除"
            previous = event.chain_hash or ""
            session.expunge(event)
        head = heads.get(site)
        if broken is None and head is not None and (head.last_hash != previous or head.events != count):
            problem = "最后的历史记录被删除或链头被改动"
            broken = -1
        if broken is None and head is None and started:
            broken, problem = -1, "找不到链头"
        results.append(ChainResult(site, count, broken, problem))
    return results
