"""来访来电: visit-and-call records."""

from sqlalchemy import select

from app.reception.models import ContactRecord
from app.core import search_index
from app.reception.vocab import ContactCategory, ContactStatus, HandlingMode
from app.domain.enums import ContactMethod
from app.domain.validate import CONTENT_MAX, phone_digits
from app.domain.import_rules import held_to_rules
from app.exchange.spec import (
    DATETIME, ENUM, TEXT, UUID, VOID_REASON, Column, SheetSpec, record_head, record_tail,
)


def _reindex(session, _ctx, inserted_ids: list[int], updated_before: dict[int, dict]) -> None:
    """Keep the search index (SQLite FTS, maintained by ORM events) in step with the Core writes."""
    conn = session.connection()
    if not search_index.has_index(conn):
        return
    for id_, before in updated_before.items():
        conn.exec_driver_sql(f"DELETE FROM {search_index.FTS_TABLE} WHERE rowid = ?",
                             (search_index.search_key(before["received_at"], id_),))
    ids = list(inserted_ids) + list(updated_before)
    m = ContactRecord
    for i in range(0, len(ids), 500):
        rows = session.execute(select(m.id, m.received_at, m.name, m.content, m.unit_no, m.phone_digits)
                               .where(m.id.in_(ids[i:i + 500]))).all()
        search_index.index_rows(conn, rows, replace=True)


SHEET = SheetSpec(
    name="来访来电",
    order=10,
    model=ContactRecord,
    sort="received_at",
    created_from=("received_at", "received_by"),
    columns=(
        *record_head(),
        Column("登记时间", "received_at", DATETIME, required=True),
        Column("方式", "method", ENUM, required=True, choices=ContactMethod),
        Column("姓名", "name", TEXT, required=True, max_len=50),
        Column("房号", "unit_no", TEXT, max_len=40),
        Column("联系电话", "phone", TEXT, max_len=40, phone=True),
        Column("类别", "category", ENUM, required=True, choices=ContactCategory),
        Column("内容", "content", TEXT, required=True, max_len=CONTENT_MAX, width=40),
        Column("处理方式", "handling_mode", ENUM, choices=HandlingMode),
        Column("转交部门", "department", TEXT, max_len=50),
        Column("负责人", "handler", TEXT, max_len=50),
        Column("要求完成时间", "due_at", DATETIME),
        Column("处理情况", "handling", TEXT, max_len=CONTENT_MAX, width=30),
        Column("完成时间", "completed_at", DATETIME),
        Column("状态", "status", ENUM, required=True, choices=ContactStatus),
        Column("接待人", "received_by", TEXT, required=True, max_len=50),
        Column("关联投诉编号", "complaint_uuid", UUID),
        VOID_REASON,
        *record_tail(),
    ),
    derive=lambda values: {"phone_digits": phone_digits(values.get("phone")) or None},
    after_write=_reindex,
)
SHEET = held_to_rules(SHEET, past=("received_at", "completed_at", "updated_at"), required_in={
    ContactStatus.DONE: ("handling", "completed_at"), ContactStatus.IN_PROGRESS: ("department",)})
