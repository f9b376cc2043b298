"""renovation applications, inspections, notices

Revision ID: 0006_renovation
Revises: 0005_movein
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_renovation"
down_revision = "0005_movein"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('renovation',
    sa.Column('unit_no', sa.String(length=40), nullable=False),
    sa.Column('owner', sa.String(length=50), nullable=False),
    sa.Column('owner_phone', sa.String(length=40), nullable=True),
    sa.Column('contractor', sa.String(length=100), nullable=False),
    sa.Column('manager', sa.String(length=50), nullable=False),
    sa.Column('manager_phone', sa.String(length=40), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('touches_structure', sa.Boolean(), nullable=False),
    sa.Column('touches_facade', sa.Boolean(), nullable=False),
    sa.Column('touches_waterproofing', sa.Boolean(), nullable=False),
    sa.Column('touches_gas', sa.Boolean(), nullable=False),
    sa.Column('alteration', sa.Boolean(), nullable=False),
    sa.Column('alteration_detail', sa.Text(), nullable=True),
    sa.Column('alteration_approved_by', sa.String(length=50), nullable=True),
    sa.Column('alteration_approved_at', sa.DateTime(), nullable=True),
    sa.Column('alteration_opinion', sa.Text(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('planned_end_date', sa.Date(), nullable=False),
    sa.Column('deposit_fen', sa.Integer(), nullable=False),
    sa.Column('deposit_receipt', sa.String(length=50), nullable=True),
    sa.Column('fees', sa.JSON(), nullable=True),
    sa.Column('agreement_signed', sa.Boolean(), nullable=False),
    sa.Column('liability_signed', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('approved_by', sa.String(length=50), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('approval_opinion', sa.Text(), nullable=True),
    sa.Column('refuse_reason', sa.Text(), nullable=True),
    sa.Column('permit_no', sa.String(length=30), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.Column('acceptance_result', sa.String(length=10), nullable=True),
    sa.Column('refund_fen', sa.Integer(), nullable=True),
    sa.Column('refund_deductions', sa.JSON(), nullable=True),
    sa.Column('refunded_at', sa.DateTime(), nullable=True),
    sa.Column('refund_receipt', sa.String(length=50), nullable=True),
    sa.Column('refunded_by', sa.String(length=50), nullable=True),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renovation')),
    sa.UniqueConstraint('site_code', 'permit_no', name='uq_renovation_site_permit'),
    sa.UniqueConstraint('uuid', name=op.f('uq_renovation_uuid'))
    )
    with op.batch_alter_table('renovation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renovation_site_code'), ['site_code'], unique=False)
        batch_op.create_index('ix_renovation_site_status', ['site_code', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_unit_no'), ['unit_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_updated_at'), ['updated_at'], unique=False)

    op.create_table('renovation_acceptance',
    sa.Column('renovation_id', sa.Integer(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=False),
    sa.Column('inspector', sa.String(length=50), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=False),
    sa.Column('items', sa.JSON(), nullable=True),
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
    sa.ForeignKeyConstraint(['renovation_id'], ['renovation.id'], name=op.f('fk_renovation_acceptance_renovation_id_renovation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renovation_acceptance')),
    sa.UniqueConstraint('uuid', name=op.f('uq_renovation_acceptance_uuid'))
    )
    with op.batch_alter_table('renovation_acceptance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renovation_acceptance_renovation_id'), ['renovation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_acceptance_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_acceptance_updated_at'), ['updated_at'], unique=False)

    op.create_table('renovation_extension',
    sa.Column('renovation_id', sa.Integer(), nullable=False),
    sa.Column('old_end_date', sa.Date(), nullable=False),
    sa.Column('new_end_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
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
    sa.ForeignKeyConstraint(['renovation_id'], ['renovation.id'], name=op.f('fk_renovation_extension_renovation_id_renovation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renovation_extension')),
    sa.UniqueConstraint('uuid', name=op.f('uq_renovation_extension_uuid'))
    )
    with op.batch_alter_table('renovation_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renovation_extension_renovation_id'), ['renovation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_extension_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_extension_updated_at'), ['updated_at'], unique=False)

    op.create_table('renovation_inspection',
    sa.Column('renovation_id', sa.Integer(), nullable=False),
    sa.Column('unit_no', sa.String(length=40), nullable=False),
    sa.Column('inspected_at', sa.DateTime(), nullable=False),
    sa.Column('inspector', sa.String(length=50), nullable=False),
    sa.Column('site_state', sa.String(length=10), nullable=False),
    sa.Column('progress', sa.String(length=20), nullable=True),
    sa.Column('failed_checks', sa.Text(), nullable=True),
    sa.Column('violation', sa.Text(), nullable=True),
    sa.Column('measures', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('photos', sa.JSON(), nullable=True),
    sa.Column('notice_no', sa.String(length=30), nullable=True),
    sa.Column('notice_deadline', sa.DateTime(), nullable=True),
    sa.Column('recheck_at', sa.DateTime(), nullable=True),
    sa.Column('recheck_result', sa.String(length=10), nullable=True),
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
    sa.ForeignKeyConstraint(['renovation_id'], ['renovation.id'], name=op.f('fk_renovation_inspection_renovation_id_renovation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renovation_inspection')),
    sa.UniqueConstraint('uuid', name=op.f('uq_renovation_inspection_uuid'))
    )
    with op.batch_alter_table('renovation_inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renovation_inspection_renovation_id'), ['renovation_id'], unique=False)
        batch_op.create_index('ix_renovation_inspection_site_at', ['site_code', 'inspected_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_inspection_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_inspection_unit_no'), ['unit_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_inspection_updated_at'), ['updated_at'], unique=False)

    op.create_table('renovation_worker',
    sa.Column('renovation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('pass_no', sa.String(length=30), nullable=True),
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
    sa.ForeignKeyConstraint(['renovation_id'], ['renovation.id'], name=op.f('fk_renovation_worker_renovation_id_renovation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renovation_worker')),
    sa.UniqueConstraint('uuid', name=op.f('uq_renovation_worker_uuid'))
    )
    with op.batch_alter_table('renovation_worker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renovation_worker_renovation_id'), ['renovation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_worker_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_renovation_worker_updated_at'), ['updated_at'], unique=False)

    op.create_table('rectification_notice',
    sa.Column('renovation_id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=True),
    sa.Column('notice_no', sa.String(length=30), nullable=False),
    sa.Column('unit_no', sa.String(length=40), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('issued_by', sa.String(length=50), nullable=False),
    sa.Column('failed_checks', sa.Text(), nullable=True),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('basis', sa.Text(), nullable=True),
    sa.Column('requirement', sa.Text(), nullable=False),
    sa.Column('deadline', sa.DateTime(), nullable=False),
    sa.Column('signed_by', sa.String(length=50), nullable=True),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('recheck_at', sa.DateTime(), nullable=True),
    sa.Column('recheck_by', sa.String(length=50), nullable=True),
    sa.Column('recheck_result', sa.String(length=10), nullable=True),
    sa.Column('recheck_note', sa.Text(), nullable=True),
    sa.Column('escalation', sa.String(length=20), nullable=True),
    sa.Column('escalated_at', sa.DateTime(), nullable=True),
    sa.Column('escalated_by', sa.String(length=50), nullable=True),
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
    sa.ForeignKeyConstraint(['inspection_id'], ['renovation_inspection.id'], name=op.f('fk_rectification_notice_inspection_id_renovation_inspection')),
    sa.ForeignKeyConstraint(['renovation_id'], ['renovation.id'], name=op.f('fk_rectification_notice_renovation_id_renovation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectification_notice')),
    sa.UniqueConstraint('site_code', 'notice_no', name='uq_rectification_notice_site_no'),
    sa.UniqueConstraint('uuid', name=op.f('uq_rectification_notice_uuid'))
    )
    with op.batch_alter_table('rectification_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rectification_notice_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_rectification_notice_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rectification_notice_renovation_id'), ['renovation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rectification_notice_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_rectification_notice_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_rectification_notice_unit_no'), ['unit_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_rectification_notice_updated_at'), ['updated_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('rectification_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rectification_notice_updated_at'))
        batch_op.drop_index(batch_op.f('ix_rectification_notice_unit_no'))
        batch_op.drop_index(batch_op.f('ix_rectification_notice_status'))
        batch_op.drop_index(batch_op.f('ix_rectification_notice_site_code'))
        batch_op.drop_index(batch_op.f('ix_rectification_notice_renovation_id'))
        batch_op.drop_index(batch_op.f('ix_rectification_notice_inspection_id'))
        batch_op.drop_index(batch_op.f('ix_rectification_notice_deadline'))

    op.drop_table('rectification_notice')
    with op.batch_alter_table('renovation_worker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_renovation_worker_updated_at'))
        batch_op.drop_index(batch_op.f('ix_renovation_worker_site_code'))
        batch_op.drop_index(batch_op.f('ix_renovation_worker_renovation_id'))

    op.drop_table('renovation_worker')
    with op.batch_alter_table('renovation_inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_renovation_inspection_updated_at'))
        batch_op.drop_index(batch_op.f('ix_renovation_inspection_unit_no'))
        batch_op.drop_index(batch_op.f('ix_renovation_inspection_site_code'))
        batch_op.drop_index('ix_renovation_inspection_site_at')
        batch_op.drop_index(batch_op.f('ix_renovation_inspection_renovation_id'))

    op.drop_table('renovation_inspection')
    with op.batch_alter_table('renovation_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_renovation_extension_updated_at'))
        batch_op.drop_index(batch_op.f('ix_renovation_extension_site_code'))
        batch_op.drop_index(batch_op.f('ix_renovation_extension_renovation_id'))

    op.drop_table('renovation_extension')
    with op.batch_alter_table('renovation_acceptance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_renovation_acceptance_updated_at'))
        batch_op.drop_index(batch_op.f('ix_renovation_acceptance_site_code'))
        batch_op.drop_index(batch_op.f('ix_renovation_acceptance_renovation_id'))

    op.drop_table('renovation_acceptance')
    with op.batch_alter_table('renovation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_renovation_updated_at'))
        batch_op.drop_index(batch_op.f('ix_renovation_unit_no'))
        batch_op.drop_index(batch_op.f('ix_renovation_status'))
        batch_op.drop_index('ix_renovation_site_status')
        batch_op.drop_index(batch_op.f('ix_renovation_site_code'))

    op.drop_table('renovation')
