"""number counters: business numbers that never collide

Revision ID: 0007_number_counters
Revises: 0006_renovation
"""
from alembic import op
import sqlalchemy as sa

revision = "0007_number_counters"
down_revision = "0006_renovation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "number_counter",
        sa.Column("site_code", sa.String(length=20), nullable=False),
        sa.Column("series", sa.String(length=60), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("site_code", "series", "period"),
    )


def downgrade() -> None:
    op.drop_table("number_counter")
