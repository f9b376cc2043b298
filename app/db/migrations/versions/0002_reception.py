"""reception: search index of visit-and-call records

SQLite only: an FTS5 table ``contact_fts`` (see app/db/models/reception.py for the
tokenisation), filled from the existing records. It is not part of the ORM metadata.
Where FTS5 is missing (an SQLite built without it) and on PostgreSQL nothing is
created and search falls back to LIKE/ILIKE (app/services/search.py).

Revision ID: 0002_reception
Revises: 0001_core
"""
from alembic import op
import sqlalchemy as sa  # noqa: F401

revision = "0002_reception"
down_revision = "0001_core"
branch_labels = None
depends_on = None

_BATCH = 5000


def _fts5_available(conn) -> bool:
    options = {r[0] for r in conn.exec_driver_sql("PRAGMA compile_options").all()}
    return "ENABLE_FTS5" in options or any(o.startswith("ENABLE_FTS5") for o in options)


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite" or not _fts5_available(conn):
        return
    from app.core.search_index import FTS_DDL, FTS_TABLE, index_rows

    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    conn.exec_driver_sql(FTS_DDL)
    last = 0
    while True:
        rows = conn.exec_driver_sql(
            "SELECT id, received_at, name, content, unit_no, phone_digits FROM contact_record "
            "WHERE id > ? ORDER BY id LIMIT ?", (last, _BATCH)).all()
        if not rows:
            break
        index_rows(conn, rows)
        last = rows[-1][0]


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TABLE IF EXISTS contact_fts")
