"""complaints and follow-ups changes

Revision ID: 0003_complaints
Revises: 0002_reception
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0003_complaints"
down_revision = "0002_reception"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
