"""repairs: work orders

Revision ID: 0004_repairs
Revises: 0003_complaints
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0004_repairs"
down_revision = "0003_complaints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
