"""complaints and follow-ups changes: stored next deadline for the work lists, progress and
reopen/close times, escalation reason; the supervisor's daily sign-off table

Revision ID: 0003_complaints
Revises: 0002_reception
"""
from alembic import op
import sqlalchemy as sa

revision = "0003_complaints"
down_revision = "0002_reception"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_due_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("next_due_kind", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("progress_due_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("handed_over_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("reopened_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("escalation_reason", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_complaint_next_due_at"), ["next_due_at"], unique=False)

    op.create_table(
        "complaint_daily_review",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(length=50), nullable=False),
        sa.Column("reviewer_username", sa.String(length=50), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("complaint_count", sa.Integer(), nullable=False),
        sa.Column("handled_count", sa.Integer(), nullable=False),
        sa.Column("overdue_count", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("site_code", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=50), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=50), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=50), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_daily_review")),
        sa.UniqueConstraint("site_code", "day", name="uq_complaint_daily_review_site_day"),
        sa.UniqueConstraint("uuid", name=op.f("uq_complaint_daily_review_uuid")),
    )
    with op.batch_alter_table("complaint_daily_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_daily_review_site_code"), ["site_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaint_daily_review_updated_at"), ["updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("complaint_daily_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_daily_review_updated_at"))
        batch_op.drop_index(batch_op.f("ix_complaint_daily_review_site_code"))
    op.drop_table("complaint_daily_review")
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_next_due_at"))
        batch_op.drop_column("escalation_reason")
        batch_op.drop_column("closed_at")
        batch_op.drop_column("reopened_at")
        batch_op.drop_column("handed_over_at")
        batch_op.drop_column("progress_due_at")
        batch_op.drop_column("next_due_kind")
        batch_op.drop_column("next_due_at")
