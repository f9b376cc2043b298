"""renovation applications, inspections, notices

Revision ID: 0006_renovation
Revises: 0005_movein
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0006_renovation"
down_revision = "0005_movein"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
