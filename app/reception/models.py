"""Visit-and-call records (来访来电) and message relays (转告). The search index of the
records (``app.core.search_index``) follows every ORM insert and update of a record, in the
same transaction (mapper events below)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, String, Text, event, text
from sqlalchemy.orm import Mapped, attributes, mapped_column

from app.core.search_index import FTS_TABLE, INDEXED, has_index, index_rows, search_key
from app.db.base import Base, RecordMixin


#: The rows of the partial index ``ix_contact_open_repair``.
OPEN_REPAIRS_WHERE = "category = '报修' AND status IN ('待处理', '处理中')"


class ContactRecord(RecordMixin, Base):
    __tablename__ = "contact_record"
    __table_args__ = (
        Index("ix_contact_site_received", "site_code", "received_at"),
        # the open 报修 records waiting for a work order (repairs' intake queue asks with these literals)
        Index("ix_contact_open_repair", "site_code", "received_at",
              sqlite_where=text(OPEN_REPAIRS_WHERE), postgresql_where=text(OPEN_REPAIRS_WHERE)),
    )
    received_at: Mapped[datetime] = mapped_column(DateTime(), index=True)  # 登记时间
    method: Mapped[str] = mapped_column(String(10))  # 方式
    name: Mapped[str] = mapped_column(String(50))
    unit_no: Mapped[str | None] = mapped_column(String(40), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    phone_digits: Mapped[str | None] = mapped_column(String(40), index=True)
    category: Mapped[str] = mapped_column(String(10))
    content: Mapped[str] = mapped_column(Text)
    handling_mode: Mapped[str | None] = mapped_column(String(10))  # 当即处理 / 转交
    department: Mapped[str | None] = mapped_column(String(50))
    handler: Mapped[str | None] = mapped_column(String(50))  # 负责人
    due_at: Mapped[datetime | None] = mapped_column(DateTime())  # 要求完成时间
    handling: Mapped[str | None] = mapped_column(Text)  # 处理情况
    completed_at: Mapped[datetime | None] = mapped_column(DateTime())
    status: Mapped[str] = mapped_column(String(10), index=True)
    received_by: Mapped[str] = mapped_column(String(50))  # 接待人 (display name)
    complaint_uuid: Mapped[str | None] = mapped_column(String(36))


class MessageRelay(RecordMixin, Base):
    """转告: a message for a staff member who is absent."""

    __tablename__ = "message_relay"
    contact_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    to_staff: Mapped[str] = mapped_column(String(50), index=True)  # display name
    from_person: Mapped[str] = mapped_column(String(50))
    from_phone: Mapped[str | None] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime())
    status: Mapped[str] = mapped_column(String(10))
    passed_on_at: Mapped[datetime | None] = mapped_column(DateTime())
    passed_on_by: Mapped[str | None] = mapped_column(String(50))


def _row(target) -> tuple:
    return (target.id, target.received_at, target.name, target.content, target.unit_no, target.phone_digits)


@event.listens_for(ContactRecord, "after_insert")
def _index_inserted(_mapper, connection, target: ContactRecord) -> None:
    if has_index(connection):
        index_rows(connection, [_row(target)], replace=True)


@event.listens_for(ContactRecord, "after_update")
def _index_updated(_mapper, connection, target: ContactRecord) -> None:
    histories = {k: attributes.get_history(target, k) for k in INDEXED}
    if not any(h.has_changes() for h in histories.values()) or not has_index(connection):
        return
    old_received = histories["received_at"].deleted
    old_at = old_received[0] if old_received else target.received_at
    connection.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", (search_key(old_at, target.id),))
    index_rows(connection, [_row(target)], replace=True)
