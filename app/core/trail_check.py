"""`frontdesk check`'s look at the history: the audit chain of every site unbroken, and every
business record (of the tables the features declare) matching its last audited values."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit_chain
from app.core.records import plain as _plain
from app.core.models import AuditEvent
from app.db.base import Base, RecordMixin

#: Columns every update changes without auditing them, or that logging in changes.
_UNAUDITED = {"version", "updated_at", "updated_by", "password_hash", "failed_attempts", "locked_until",
              "last_login_at"}
#: How many records of each kind are named at most.
_NAMED = 5


def _record_models() -> list[type]:
    """Every business-record table mapped in this process (the composition roots import every
    feature before `check` runs, so each feature's tables are here)."""
    return sorted((m.class_ for m in Base.registry.mappers if issubclass(m.class_, RecordMixin)),
                  key=lambda c: c.__tablename__)


def _audited_state(session: Session, entity: str) -> dict[str, dict]:
    """Each record's values as the audit trail says they are: the creation snapshot, then
    every change on top."""
    state: dict[str, dict] = {}
    q = (select(AuditEvent.entity_uuid, AuditEvent.after).where(AuditEvent.entity == entity,
                                                                  AuditEvent.entity_uuid.is_not(None))
         .order_by(AuditEvent.id))
    for uuid, after in session.execute(q):
        values = state.setdefault(uuid, {})
        if isinstance(after, dict):
            values.update(after)
    return state


def findings(session: Session) -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    for result in audit_chain.verify(session):
        if result.broken_at is None:
            out.append((True, f"历史记录链（站点 {result.site_code}）：{result.events} 条，未发现改动"))
        elif result.broken_at < 0:
            out.append((False, f"历史记录链（站点 {result.site_code}）：{result.problem}"))
        else:
            out.append((False, f"历史记录链（站点 {result.site_code}）：第一处断开在历史记录 #{result.broken_at}，"
                               f"{result.problem}"))
    for model in _record_models():
        table = model.__tablename__
        audited = _audited_state(session, table)
        missing, differ = [], []
        columns = [c.key for c in model.__table__.columns if c.key not in _UNAUDITED and c.key != "id"]
        for obj in session.scalars(select(model).order_by(model.id)).yield_per(500):
            trail = audited.get(obj.uuid)
            if trail is None:
                if not getattr(model, "audited_with_parent", False) or obj.version > 1:
                    missing.append(obj.uuid)
            else:
                for key in columns:
                    if key in trail and _plain(getattr(obj, key)) != trail[key]:
                        differ.append(f"{obj.uuid}（{key}）")
                        break
            session.expunge(obj)
        if missing:
            out.append((False, f"记录无历史（{table}）：{len(missing)} 条，如 {'、'.join(missing[:_NAMED])}"))
        if differ:
            out.append((False, f"记录与最后一次历史不符（{table}）：{len(differ)} 条，如 {'、'.join(differ[:_NAMED])}"))
    if not any(not good for good, _ in out[1:]):
        out.append((True, "每条记录都有历史，且与最后一次历史相符"))
    return out
