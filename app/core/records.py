"""What every business record shares: creation, optimistic-locked update, void,
the audit trail, and conversion to plain dataclasses."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.core import access, audit_chain
from app.db.base import RecordMixin, new_uuid
from app.core.models import AuditEvent
from app.domain.enums import Role
from app.domain.errors import NotFound, StaleRecord, ValidationError
from app.domain import validate as v
from app.core.context import Actor, Context

T = TypeVar("T")
M = TypeVar("M", bound=RecordMixin)

_SKIP = {"id", "password_hash"}
#: Columns whose values never enter the audit trail (a change is noted, not its value).
_SECRET = {"password_hash"}


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


#: A column value as it is written into the audit trail.
plain = _plain


def snapshot(obj) -> dict:
    """Column values as JSON-safe data, for the audit trail."""
    return {c.key: _plain(getattr(obj, c.key)) for c in obj.__table__.columns if c.key not in _SKIP}


def audit(ctx: Context, session: Session, action: str, obj=None, *, entity: str | None = None,
          entity_uuid: str | None = None, before: dict | None = None, after: dict | None = None,
          note: str | None = None, actor: Actor | None = None) -> None:
    actor = actor or ctx.actor
    site_code = getattr(obj, "site_code", None)
    if site_code is None:
        try:
            site_code = ctx.site.code
        except Exception:
            site_code = ""
    event = AuditEvent(
        site_code=site_code,
        at=ctx.now(),
        actor=actor.name if actor else "系统",
        actor_username=actor.username if actor else "system",
        action=action,
        entity=entity or (obj.__tablename__ if obj is not None else "-"),
        entity_uuid=entity_uuid or getattr(obj, "uuid", None),
        before=before,
        after=after,
        note=note,
    )
    audit_chain.link(session, event)
    session.add(event)


def create(ctx: Context, session: Session, model: type[M], *, action: str = "新建", audit_note: str | None = None,
           **fields) -> M:
    """Add a new record with key, UUID, site code, version 1 and who/when; audit it.

    ``fields`` are the model's columns (a model's own ``note`` column included);
    ``audit_note`` is a remark on the audit event only."""
    actor = ctx.require_actor()
    now = ctx.now()
    fields.setdefault("uuid", new_uuid())
    if "site_code" not in fields:
        fields["site_code"] = ctx.site.code
    fields.setdefault("created_at", now)
    fields.setdefault("created_by", actor.name)
    fields.setdefault("updated_at", fields["created_at"])
    fields.setdefault("updated_by", fields["created_by"])
    obj = model(**fields)
    session.add(obj)
    session.flush()
    audit(ctx, session, action, obj, after=snapshot(obj), note=audit_note)
    return obj


def check_version(obj: RecordMixin, expected_version: int | None) -> None:
    if expected_version is not None and obj.version != expected_version:
        raise StaleRecord(
            f"该记录已被 {obj.updated_by} 于 {obj.updated_at:%Y-%m-%d %H:%M} 修改（当前版本 {obj.version}，"
            f"您看到的是版本 {expected_version}），您的修改未保存。请刷新后重试。"
        )


def update(ctx: Context, session: Session, obj: M, changes: dict[str, Any], *, expected_version: int | None,
           action: str = "修改", note: str | None = None, allow_void: bool = False) -> M:
    """Apply changes under optimistic locking and audit the fields that changed.

    ``expected_version`` is the version the user saw; a different current version is
    refused. The version grows by one with the flush (SQLAlchemy's version counter),
    whose ``WHERE version = …`` also catches a race between two writers.
    """
    actor = ctx.require_actor()
    if obj.is_void and not allow_void:
        raise ValidationError("状态", "记录已作废，不能修改")
    check_version(obj, expected_version)
    before, after = {}, {}
    for key, value in changes.items():
        old = getattr(obj, key)
        if old != value:
            before[key] = "（已隐藏）" if key in _SECRET else _plain(old)
            after[key] = "（已更改）" if key in _SECRET else _plain(value)
            setattr(obj, key, value)
    if not after and note is None:
        return obj
    obj.updated_at = ctx.now()
    obj.updated_by = actor.name
    uuid = obj.uuid
    try:
        session.flush()
    except StaleDataError:
        raise _changed_meanwhile(ctx, obj.__table__, uuid, expected_version) from None
    audit(ctx, session, action, obj, before=before, after=after, note=note)
    return obj


def _changed_meanwhile(ctx: Context, table, uuid: str, expected_version: int | None) -> StaleRecord:
    """Another desk saved the record between our read and our write (its UPDATE won the
    ``WHERE version = …`` race): the same message as :func:`check_version`, naming them."""
    try:
        with ctx.read() as s:
            row = s.execute(select(table.c.version, table.c.updated_by, table.c.updated_at)
                            .where(table.c.uuid == uuid)).first()
    except Exception:  # noqa: BLE001 - the generic message is still true
        row = None
    if row is None:
        return StaleRecord("该记录已被他人修改，您的修改未保存。请刷新后重试。")
    seen = expected_version if expected_version is not None else row.version - 1
    return StaleRecord(f"该记录已被 {row.updated_by} 于 {row.updated_at:%Y-%m-%d %H:%M} 修改（当前版本 {row.version}，"
                       f"您看到的是版本 {seen}），您的修改未保存。请刷新后重试。")


def void(ctx: Context, session: Session, obj: M, reason: str | None, *, expected_version: int | None,
         status_field: str | None = "status", void_status: str | None = "已作废",
         min_role: Role | None = None) -> M:
    """Void a record with a reason. Records are never deleted. The role is the access table's
    ``record.void`` unless the caller names a lower one for its own lines (e.g. a fee line
    entered by mistake during a handover)."""
    if min_role is None:
        actor, reason = access.require(ctx, "record.void", reason, reason_label="作废原因", reason_key="void_reason")
    else:
        actor = ctx.require_role(min_role, "作废记录")
        reason = v.text("作废原因", reason, required=True, max_len=500, key="void_reason")
    if obj.is_void:
        raise ValidationError("状态", "记录已作废")
    check_version(obj, expected_version)
    changes: dict[str, Any] = {"voided_at": ctx.now(), "voided_by": actor.name, "void_reason": reason}
    if status_field and void_status:
        changes[status_field] = void_status
    return update(ctx, session, obj, changes, expected_version=None, action="作废", note=reason)


def get_by_uuid(session: Session, model: type[M], uuid: str, label: str = "记录") -> M:
    obj = session.scalars(select(model).where(model.uuid == uuid)).first()
    if obj is None:
        raise NotFound(f"找不到{label}（编号 {uuid}）")
    return obj


def get_by_id(session: Session, model: type[M], id_: int, label: str = "记录") -> M:
    obj = session.get(model, id_)
    if obj is None:
        raise NotFound(f"找不到{label}（#{id_}）")
    return obj


def to_row(obj, row_type: type[T], **extra) -> T:
    """Copy the attributes a dataclass names from an ORM object."""
    values = {}
    for f in dataclasses.fields(row_type):
        if f.name in extra:
            values[f.name] = extra[f.name]
        elif hasattr(obj, f.name):
            values[f.name] = getattr(obj, f.name)
    return row_type(**values)


@dataclasses.dataclass(frozen=True)
class HistoryRow:
    at: datetime
    actor: str
    action: str
    before: dict | None
    after: dict | None
    note: str | None


def history(ctx: Context, entity_uuid: str) -> list[HistoryRow]:
    """Every audit event of a record, oldest first."""
    with ctx.read() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.entity_uuid == entity_uuid)
                         .order_by(AuditEvent.at, AuditEvent.id)).all()
        return [HistoryRow(r.at, r.actor, r.action, r.before, r.after, r.note) for r in rows]
