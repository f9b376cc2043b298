"""move-in handovers, checklist, inspection, defects

Revision ID: 0005_movein
Revises: 0004_repairs
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0005_movein"
down_revision = "0004_repairs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
