"""head office: sites registry and the ledger of received workbooks

Revision ID: 0012_head_office
Revises: 0011_desk_services
"""
from alembic import op
import sqlalchemy as sa

revision = "0012_head_office"
down_revision = "0011_desk_services"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("company_name", sa.String(length=100), nullable=True),
        sa.Column("households", sa.Integer(), nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("registered_by", sa.String(length=50), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "hq_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("site_code", sa.String(length=20), nullable=True),
        sa.Column("date_from", sa.Date(), nullable=True),
        sa.Column("date_to", sa.Date(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("format_version", sa.Integer(), nullable=True),
        sa.Column("rows", sa.JSON(), nullable=True),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("hq_import", schema=None) as batch_op:
        batch_op.create_index("ix_hq_import_sha256", ["sha256"], unique=False)
        batch_op.create_index("ix_hq_import_imported_at", ["imported_at"], unique=False)
        batch_op.create_index("ix_hq_import_site_range", ["site_code", "date_from", "date_to"], unique=False)


def downgrade() -> None:
    op.drop_table("hq_import")
    op.drop_table("hq_site")
