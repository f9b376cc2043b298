"""repairs: work orders, follow-up spot checks, routine household visit plans and points raised

Revision ID: 0004_repairs
Revises: 0003_complaints
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_repairs"
down_revision = "0003_complaints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('repair_order',
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('source_contact_uuid', sa.String(length=36), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('reporter', sa.String(length=50), nullable=False),
    sa.Column('unit_no', sa.String(length=40), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('phone_digits', sa.String(length=40), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=50), nullable=False),
    sa.Column('urgency', sa.String(length=10), nullable=False),
    sa.Column('paid', sa.Boolean(), nullable=False),
    sa.Column('appointment_at', sa.DateTime(), nullable=True),
    sa.Column('dispatched_at', sa.DateTime(), nullable=True),
    sa.Column('dispatched_to', sa.String(length=50), nullable=True),
    sa.Column('dispatched_by', sa.String(length=50), nullable=True),
    sa.Column('pickup_due_at', sa.DateTime(), nullable=True),
    sa.Column('picked_up_at', sa.DateTime(), nullable=True),
    sa.Column('picked_up_by', sa.String(length=50), nullable=True),
    sa.Column('pickup_late', sa.Boolean(), nullable=False),
    sa.Column('finish_due_at', sa.DateTime(), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('materials', sa.Text(), nullable=True),
    sa.Column('cost', sa.Numeric(precision=12, scale=2, asdecimal=False), nullable=True),
    sa.Column('receipt_no', sa.String(length=50), nullable=True),
    sa.Column('finish_late', sa.Boolean(), nullable=False),
    sa.Column('overdue', sa.Boolean(), nullable=False),
    sa.Column('chase_count', sa.Integer(), nullable=False),
    sa.Column('last_chased_at', sa.DateTime(), nullable=True),
    sa.Column('follow_up_required', sa.Boolean(), nullable=False),
    sa.Column('follow_up_rule', sa.String(length=20), nullable=True),
    sa.Column('sample_rate', sa.Integer(), nullable=True),
    sa.Column('sample_seed', sa.String(length=40), nullable=True),
    sa.Column('sample_draw', sa.Float(), nullable=True),
    sa.Column('feedback', sa.String(length=10), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('reopen_count', sa.Integer(), nullable=False),
    sa.Column('decline_reason', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('received_by', sa.String(length=50), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=50), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=50), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('voided_by', sa.String(length=50), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_repair_order')),
    sa.UniqueConstraint('site_code', 'number', name='uq_repair_order_site_number'),
    sa.UniqueConstraint('uuid', name=op.f('uq_repair_order_uuid'))
    )
    with op.batch_alter_table('repair_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_repair_order_phone_digits'), ['phone_digits'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_order_site_code'), ['site_code'], unique=False)
        batch_op.create_index('ix_repair_order_site_received', ['site_code', 'received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_order_source_contact_uuid'), ['source_contact_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_order_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_order_unit_no'), ['unit_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_order_updated_at'), ['updated_at'], unique=False)

    op.create_table('repair_spot_check',
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('follow_up_uuid', sa.String(length=36), nullable=False),
    sa.Column('order_uuid', sa.String(length=36), nullable=True),
    sa.Column('sample_seed', sa.String(length=40), nullable=False),
    sa.Column('sample_size', sa.Integer(), nullable=False),
    sa.Column('population', sa.Integer(), nullable=False),
    sa.Column('checked_at', sa.DateTime(), nullable=True),
    sa.Column('checked_by', sa.String(length=50), nullable=True),
    sa.Column('result', sa.String(length=10), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=50), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=50), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('voided_by', sa.String(length=50), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_repair_spot_check')),
    sa.UniqueConstraint('site_code', 'month', 'follow_up_uuid', name='uq_repair_spot_check_pick'),
    sa.UniqueConstraint('uuid', name=op.f('uq_repair_spot_check_uuid'))
    )
    with op.batch_alter_table('repair_spot_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_repair_spot_check_month'), ['month'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_spot_check_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_spot_check_updated_at'), ['updated_at'], unique=False)

    op.create_table('visit_issue',
    sa.Column('follow_up_uuid', sa.String(length=36), nullable=False),
    sa.Column('unit_no', sa.String(length=40), nullable=True),
    sa.Column('raised_at', sa.DateTime(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('department', sa.String(length=50), nullable=True),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answered_by', sa.String(length=50), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=50), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=50), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('voided_by', sa.String(length=50), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_issue')),
    sa.UniqueConstraint('uuid', name=op.f('uq_visit_issue_uuid'))
    )
    with op.batch_alter_table('visit_issue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_issue_follow_up_uuid'), ['follow_up_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_issue_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_issue_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_issue_updated_at'), ['updated_at'], unique=False)

    op.create_table('visit_plan',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('half', sa.Integer(), nullable=False),
    sa.Column('scope_kind', sa.String(length=10), nullable=False),
    sa.Column('scope', sa.String(length=50), nullable=False),
    sa.Column('visitor', sa.String(length=50), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=50), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=50), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('voided_by', sa.String(length=50), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_plan')),
    sa.UniqueConstraint('uuid', name=op.f('uq_visit_plan_uuid'))
    )
    with op.batch_alter_table('visit_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_plan_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_plan_updated_at'), ['updated_at'], unique=False)


def downgrade() -> None:
    # Dropping a table drops its indexes (SQLite and PostgreSQL).
    for table in ("visit_issue", "visit_plan", "repair_spot_check", "repair_order"):
        op.drop_table(table)
