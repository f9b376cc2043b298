"""complaint cases: several complaints about one matter handled as one

Revision ID: 0008_complaint_cases
Revises: 0007_number_counters
"""
from alembic import op
import sqlalchemy as sa

revision = "0008_complaint_cases"
down_revision = "0007_number_counters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaint") as batch:
        batch.add_column(sa.Column("case_uuid", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("case_saved", sa.JSON(), nullable=True))
        batch.create_index("ix_complaint_case_uuid", ["case_uuid"])


def downgrade() -> None:
    with op.batch_alter_table("complaint") as batch:
        batch.drop_index("ix_complaint_case_uuid")
        batch.drop_column("case_saved")
        batch.drop_column("case_uuid")
