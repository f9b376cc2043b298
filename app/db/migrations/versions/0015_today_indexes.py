"""today indexes: the open 报修 records waiting for a work order, found without scanning the
visit/call records

Revision ID: 0015_today_indexes
Revises: 0014_repair_groups

The 工作台 and the 维修工单 badge ask for the reception's 报修 records still open (待处理 or
处理中) and not yet a work order. On a site with a million visit/call records nearly all are
done, so a partial index over just the open 报修 records (in the order they were received) keeps
that question at a few rows on SQLite and PostgreSQL alike.
"""
from alembic import op
import sqlalchemy as sa

revision = "0015_today_indexes"
down_revision = "0014_repair_groups"
branch_labels = None
depends_on = None

OPEN_REPAIRS = "category = '报修' AND status IN ('待处理', '处理中')"


def upgrade() -> None:
    op.create_index("ix_contact_open_repair", "contact_record", ["site_code", "received_at"], unique=False,
                    sqlite_where=sa.text(OPEN_REPAIRS), postgresql_where=sa.text(OPEN_REPAIRS))


def downgrade() -> None:
    op.drop_index("ix_contact_open_repair", table_name="contact_record")
