"""desk services: loans, paid services, shift handovers and the day's cash report, service
applications, internal memos, notices and their confirmations

Revision ID: 0011_desk_services
Revises: 0010_quality
"""
from alembic import op
import sqlalchemy as sa

revision = "0011_desk_services"
down_revision = "0010_quality"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('desk_application',
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('applicant', sa.String(length=50), nullable=False),
    sa.Column('unit_no', sa.String(length=40), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('attachments', sa.Text(), nullable=True),
    sa.Column('applied_at', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('departments', sa.String(length=200), nullable=True),
    sa.Column('decided_by', sa.String(length=50), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision', sa.String(length=10), nullable=True),
    sa.Column('opinion', sa.Text(), nullable=True),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.Column('returned_by', sa.String(length=50), nullable=True),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_application')),
    sa.UniqueConstraint('site_code', 'number', name='uq_desk_application_site_number'),
    sa.UniqueConstraint('uuid', name=op.f('uq_desk_application_uuid'))
    )
    with op.batch_alter_table('desk_application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_application_applied_at'), ['applied_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_application_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_application_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_application_updated_at'), ['updated_at'], unique=False)

    op.create_table('desk_daily_cash',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('deposits_in_fen', sa.Integer(), nullable=False),
    sa.Column('deposits_out_fen', sa.Integer(), nullable=False),
    sa.Column('loan_fees_fen', sa.Integer(), nullable=False),
    sa.Column('service_fees_fen', sa.Integer(), nullable=False),
    sa.Column('cash_fen', sa.Integer(), nullable=False),
    sa.Column('handovers', sa.Integer(), nullable=False),
    sa.Column('handed_by', sa.String(length=50), nullable=False),
    sa.Column('received_by', sa.String(length=50), nullable=False),
    sa.Column('remarks', sa.Text(), nullable=True),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_daily_cash')),
    sa.UniqueConstraint('uuid', name=op.f('uq_desk_daily_cash_uuid'))
    )
    with op.batch_alter_table('desk_daily_cash', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_daily_cash_site_code'), ['site_code'], unique=False)
        batch_op.create_index('ix_desk_daily_cash_site_day', ['site_code', 'day'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_daily_cash_updated_at'), ['updated_at'], unique=False)

    op.create_table('desk_handover',
    sa.Column('shift_start', sa.DateTime(), nullable=True),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.Column('handed_by', sa.String(length=50), nullable=False),
    sa.Column('received_by', sa.String(length=50), nullable=False),
    sa.Column('deposits_in_fen', sa.Integer(), nullable=False),
    sa.Column('deposits_out_fen', sa.Integer(), nullable=False),
    sa.Column('fees_fen', sa.Integer(), nullable=False),
    sa.Column('expected_cash_fen', sa.Integer(), nullable=False),
    sa.Column('counted_cash_fen', sa.Integer(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=True),
    sa.Column('deposits_held_fen', sa.Integer(), nullable=False),
    sa.Column('loans_out', sa.Integer(), nullable=False),
    sa.Column('open_items', sa.Text(), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=True),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_handover')),
    sa.UniqueConstraint('uuid', name=op.f('uq_desk_handover_uuid'))
    )
    with op.batch_alter_table('desk_handover', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_handover_site_code'), ['site_code'], unique=False)
        batch_op.create_index('ix_desk_handover_site_signed', ['site_code', 'signed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_handover_updated_at'), ['updated_at'], unique=False)

    op.create_table('desk_memo',
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('source_type', sa.String(length=10), nullable=False),
    sa.Column('source_uuid', sa.String(length=36), nullable=True),
    sa.Column('source_ref', sa.String(length=60), nullable=True),
    sa.Column('inquiry_at', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('department', sa.String(length=50), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('reply_by', sa.DateTime(), nullable=True),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('replied_at', sa.DateTime(), nullable=True),
    sa.Column('replier', sa.String(length=50), nullable=True),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_memo')),
    sa.UniqueConstraint('site_code', 'number', name='uq_desk_memo_site_number'),
    sa.UniqueConstraint('uuid', name=op.f('uq_desk_memo_uuid'))
    )
    with op.batch_alter_table('desk_memo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_memo_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_memo_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_memo_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_memo_updated_at'), ['updated_at'], unique=False)

    op.create_table('desk_notice',
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('target', sa.String(length=10), nullable=False),
    sa.Column('targets', sa.Text(), nullable=True),
    sa.Column('channels', sa.String(length=100), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_notice')),
    sa.UniqueConstraint('site_code', 'number', name='uq_desk_notice_site_number'),
    sa.UniqueConstraint('uuid', name=op.f('uq_desk_notice_uuid'))
    )
    with op.batch_alter_table('desk_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_notice_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_notice_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_notice_updated_at'), ['updated_at'], unique=False)

    op.create_table('desk_loan',
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('item_no', sa.String(length=30), nullable=False),
    sa.Column('item_name', sa.String(length=50), nullable=False),
    sa.Column('borrower', sa.String(length=50), nullable=False),
    sa.Column('unit_no', sa.String(length=40), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('lent_at', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('deposit_fen', sa.Integer(), nullable=False),
    sa.Column('deposit_receipt', sa.String(length=50), nullable=True),
    sa.Column('pay_method', sa.String(length=10), nullable=False),
    sa.Column('free_minutes', sa.Integer(), nullable=False),
    sa.Column('rate_fen', sa.Integer(), nullable=False),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.Column('condition', sa.String(length=10), nullable=True),
    sa.Column('fee_fen', sa.Integer(), nullable=True),
    sa.Column('refund_fen', sa.Integer(), nullable=True),
    sa.Column('refund_receipt', sa.String(length=50), nullable=True),
    sa.Column('returned_to', sa.String(length=50), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('lend_handover_id', sa.Integer(), nullable=True),
    sa.Column('return_handover_id', sa.Integer(), nullable=True),
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
    sa.ForeignKeyConstraint(['lend_handover_id'], ['desk_handover.id'], name=op.f('fk_desk_loan_lend_handover_id_desk_handover')),
    sa.ForeignKeyConstraint(['return_handover_id'], ['desk_handover.id'], name=op.f('fk_desk_loan_return_handover_id_desk_handover')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_loan')),
    sa.UniqueConstraint('site_code', 'number', name='uq_desk_loan_site_number'),
    sa.UniqueConstraint('uuid', name=op.f('uq_desk_loan_uuid'))
    )
    with op.batch_alter_table('desk_loan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_loan_item_no'), ['item_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_loan_lend_handover_id'), ['lend_handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_loan_lent_at'), ['lent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_loan_return_handover_id'), ['return_handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_loan_site_code'), ['site_code'], unique=False)
        batch_op.create_index('ix_desk_loan_site_status', ['site_code', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_loan_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_loan_updated_at'), ['updated_at'], unique=False)

    op.create_table('desk_notice_confirmation',
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('unit_no', sa.String(length=40), nullable=False),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.Column('last_try_at', sa.DateTime(), nullable=True),
    sa.Column('confirmed_by', sa.String(length=50), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('method', sa.String(length=10), nullable=True),
    sa.Column('staff', sa.String(length=50), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
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
    sa.ForeignKeyConstraint(['notice_id'], ['desk_notice.id'], name=op.f('fk_desk_notice_confirmation_notice_id_desk_notice')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_notice_confirmation')),
    sa.UniqueConstraint('notice_id', 'unit_no', name='uq_desk_notice_confirmation_notice_unit'),
    sa.UniqueConstraint('uuid', name=op.f('uq_desk_notice_confirmation_uuid'))
    )
    with op.batch_alter_table('desk_notice_confirmation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_notice_confirmation_notice_id'), ['notice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_notice_confirmation_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_notice_confirmation_updated_at'), ['updated_at'], unique=False)

    op.create_table('desk_service_order',
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('customer', sa.String(length=50), nullable=False),
    sa.Column('unit_no', sa.String(length=40), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('service', sa.String(length=50), nullable=False),
    sa.Column('unit_price_fen', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('receipt_no', sa.String(length=50), nullable=True),
    sa.Column('pay_method', sa.String(length=10), nullable=False),
    sa.Column('paid_at', sa.DateTime(), nullable=False),
    sa.Column('repair_uuid', sa.String(length=36), nullable=True),
    sa.Column('repair_number', sa.String(length=30), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('handover_id', sa.Integer(), nullable=True),
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
    sa.ForeignKeyConstraint(['handover_id'], ['desk_handover.id'], name=op.f('fk_desk_service_order_handover_id_desk_handover')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_service_order')),
    sa.UniqueConstraint('site_code', 'number', name='uq_desk_service_order_site_number'),
    sa.UniqueConstraint('uuid', name=op.f('uq_desk_service_order_uuid'))
    )
    with op.batch_alter_table('desk_service_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_service_order_handover_id'), ['handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_service_order_paid_at'), ['paid_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_service_order_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_service_order_updated_at'), ['updated_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('desk_service_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_service_order_updated_at'))
        batch_op.drop_index(batch_op.f('ix_desk_service_order_site_code'))
        batch_op.drop_index(batch_op.f('ix_desk_service_order_paid_at'))
        batch_op.drop_index(batch_op.f('ix_desk_service_order_handover_id'))

    op.drop_table('desk_service_order')
    with op.batch_alter_table('desk_notice_confirmation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_notice_confirmation_updated_at'))
        batch_op.drop_index(batch_op.f('ix_desk_notice_confirmation_site_code'))
        batch_op.drop_index(batch_op.f('ix_desk_notice_confirmation_notice_id'))

    op.drop_table('desk_notice_confirmation')
    with op.batch_alter_table('desk_loan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_loan_updated_at'))
        batch_op.drop_index(batch_op.f('ix_desk_loan_status'))
        batch_op.drop_index('ix_desk_loan_site_status')
        batch_op.drop_index(batch_op.f('ix_desk_loan_site_code'))
        batch_op.drop_index(batch_op.f('ix_desk_loan_return_handover_id'))
        batch_op.drop_index(batch_op.f('ix_desk_loan_lent_at'))
        batch_op.drop_index(batch_op.f('ix_desk_loan_lend_handover_id'))
        batch_op.drop_index(batch_op.f('ix_desk_loan_item_no'))

    op.drop_table('desk_loan')
    with op.batch_alter_table('desk_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_notice_updated_at'))
        batch_op.drop_index(batch_op.f('ix_desk_notice_site_code'))
        batch_op.drop_index(batch_op.f('ix_desk_notice_published_at'))

    op.drop_table('desk_notice')
    with op.batch_alter_table('desk_memo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_memo_updated_at'))
        batch_op.drop_index(batch_op.f('ix_desk_memo_status'))
        batch_op.drop_index(batch_op.f('ix_desk_memo_site_code'))
        batch_op.drop_index(batch_op.f('ix_desk_memo_sent_at'))

    op.drop_table('desk_memo')
    with op.batch_alter_table('desk_handover', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_handover_updated_at'))
        batch_op.drop_index('ix_desk_handover_site_signed')
        batch_op.drop_index(batch_op.f('ix_desk_handover_site_code'))

    op.drop_table('desk_handover')
    with op.batch_alter_table('desk_daily_cash', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_daily_cash_updated_at'))
        batch_op.drop_index('ix_desk_daily_cash_site_day')
        batch_op.drop_index(batch_op.f('ix_desk_daily_cash_site_code'))

    op.drop_table('desk_daily_cash')
    with op.batch_alter_table('desk_application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_application_updated_at'))
        batch_op.drop_index(batch_op.f('ix_desk_application_status'))
        batch_op.drop_index(batch_op.f('ix_desk_application_site_code'))
        batch_op.drop_index(batch_op.f('ix_desk_application_applied_at'))

    op.drop_table('desk_application')
