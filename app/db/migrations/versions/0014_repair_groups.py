"""repair groups: several work orders about one fault handled as one

Revision ID: 0014_repair_groups
Revises: 0013_access
"""
from alembic import op
import sqlalchemy as sa

revision = "0014_repair_groups"
down_revision = "0013_access"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("repair_order") as batch:
        batch.add_column(sa.Column("group_uuid", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("group_saved", sa.JSON(), nullable=True))
        batch.create_index("ix_repair_order_group_uuid", ["group_uuid"])


def downgrade() -> None:
    with op.batch_alter_table("repair_order") as batch:
        batch.drop_index("ix_repair_order_group_uuid")
        batch.drop_column("group_saved")
        batch.drop_column("group_uuid")
