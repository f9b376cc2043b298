"""What tells a desk that another desk saved something: a cheap change marker, and who changed
one record since a window opened it.

Every save writes an audit event (``app.core.records``), so the audit table is the change log
of the whole database. :func:`change_marker` reads its newest id and how many events lie in a
window just below it: on PostgreSQL, ids are taken when a transaction inserts but become visible
when it commits, so a slower transaction can commit an id *below* the newest one already seen;
it is still counted in the window and changes the marker. Both reads use the primary key index,
so polling every few seconds costs the server next to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import column, func, select, table

from app.core.context import Context
from app.core.models import AuditEvent

#: How far below the newest id a late-committing transaction is still noticed.
WINDOW = 1000


@dataclass(frozen=True)
class Marker:
    newest: int
    recent: int


def change_marker(ctx: Context) -> Marker:
    """Changes whenever anyone (any desk) saves anything."""
    with ctx.read() as s:
        newest = s.scalar(select(func.max(AuditEvent.id))) or 0
        recent = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.id > newest - WINDOW)) or 0
    return Marker(newest, recent)


@dataclass(frozen=True)
class RecordChange:
    """A record's state now, when it differs from the version a window holds."""

    version: int
    updated_by: str
    updated_at: datetime
    voided: bool

    def message(self, seen_version: int) -> str:
        what = "作废" if self.voided else "修改"
        return (f"此记录已被 {self.updated_by} 于 {self.updated_at:%m-%d %H:%M} {what}（现为版本 {self.version}，"
                f"您打开的是版本 {seen_version}）。现在保存会被拒绝：请先记下您的改动，关闭后重新打开。")


def record_change(ctx: Context, entity: str, uuid: str, seen_version: int) -> RecordChange | None:
    """The record's current version, who and when, if it is not ``seen_version`` any more.

    ``entity`` is the record's table (every record table has uuid, version, updated_by/at and
    voided_at columns); None when the record is as the window saw it."""
    t = table(entity, column("uuid"), column("version"), column("updated_by"), column("updated_at"),
              column("voided_at"))
    with ctx.read() as s:
        row = s.execute(select(t.c.version, t.c.updated_by, t.c.updated_at, t.c.voided_at)
                        .where(t.c.uuid == uuid)).first()
    if row is None or row.version == seen_version:
        return None
    at = row.updated_at if isinstance(row.updated_at, datetime) else datetime.fromisoformat(str(row.updated_at))
    return RecordChange(row.version, row.updated_by, at, row.voided_at is not None)
