"""move-in handovers, checklist, inspection, defects

Revision ID: 0005_movein
Revises: 0004_repairs
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_movein"
down_revision = "0004_repairs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('movein',
    sa.Column('unit_no', sa.String(length=40), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('party_kind', sa.String(length=10), nullable=False),
    sa.Column('receiver_name', sa.String(length=50), nullable=False),
    sa.Column('receiver_phone', sa.String(length=40), nullable=True),
    sa.Column('owner_name', sa.String(length=50), nullable=True),
    sa.Column('owner_phone', sa.String(length=40), nullable=True),
    sa.Column('is_resale', sa.Boolean(), nullable=False),
    sa.Column('handover_at', sa.DateTime(), nullable=False),
    sa.Column('appointment_uuid', sa.String(length=36), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('rectify_deadline', sa.Date(), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('completed_by', sa.String(length=50), nullable=True),
    sa.Column('handled_by', sa.String(length=50), nullable=False),
    sa.Column('water_reading', sa.Float(), nullable=True),
    sa.Column('electricity_reading', sa.Float(), nullable=True),
    sa.Column('gas_reading', sa.Float(), nullable=True),
    sa.Column('keys_text', sa.String(length=500), nullable=True),
    sa.Column('late_entry', sa.Boolean(), nullable=False),
    sa.Column('late_entry_at', sa.DateTime(), nullable=True),
    sa.Column('late_reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('late_reviewed_by', sa.String(length=50), nullable=True),
    sa.Column('late_review_note', sa.Text(), nullable=True),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movein')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movein_uuid'))
    )
    with op.batch_alter_table('movein', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movein_handover_at'), ['handover_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_unit_no'), ['unit_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_updated_at'), ['updated_at'], unique=False)

    op.create_table('movein_appointment',
    sa.Column('unit_no', sa.String(length=40), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('party_kind', sa.String(length=10), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('handover_uuid', sa.String(length=36), nullable=True),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movein_appointment')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movein_appointment_uuid'))
    )
    with op.batch_alter_table('movein_appointment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movein_appointment_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_appointment_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_appointment_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_appointment_unit_no'), ['unit_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_appointment_updated_at'), ['updated_at'], unique=False)

    op.create_table('movein_fee',
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=100), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('receipt_no', sa.String(length=50), nullable=True),
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
    sa.ForeignKeyConstraint(['handover_id'], ['movein.id'], name=op.f('fk_movein_fee_handover_id_movein')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movein_fee')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movein_fee_uuid'))
    )
    with op.batch_alter_table('movein_fee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movein_fee_handover_id'), ['handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_fee_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_fee_updated_at'), ['updated_at'], unique=False)

    op.create_table('movein_inspection',
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('room', sa.String(length=30), nullable=False),
    sa.Column('item', sa.String(length=50), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=False),
    sa.Column('checked_by', sa.String(length=50), nullable=True),
    sa.Column('checked_at', sa.DateTime(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
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
    sa.ForeignKeyConstraint(['handover_id'], ['movein.id'], name=op.f('fk_movein_inspection_handover_id_movein')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movein_inspection')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movein_inspection_uuid'))
    )
    with op.batch_alter_table('movein_inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movein_inspection_handover_id'), ['handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_inspection_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_inspection_updated_at'), ['updated_at'], unique=False)

    op.create_table('movein_item',
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('group_name', sa.String(length=20), nullable=False),
    sa.Column('item', sa.String(length=100), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('applies', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('done_by', sa.String(length=50), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
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
    sa.ForeignKeyConstraint(['handover_id'], ['movein.id'], name=op.f('fk_movein_item_handover_id_movein')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movein_item')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movein_item_uuid'))
    )
    with op.batch_alter_table('movein_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movein_item_handover_id'), ['handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_item_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_item_updated_at'), ['updated_at'], unique=False)

    op.create_table('movein_key',
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('signed', sa.Boolean(), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
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
    sa.ForeignKeyConstraint(['handover_id'], ['movein.id'], name=op.f('fk_movein_key_handover_id_movein')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movein_key')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movein_key_uuid'))
    )
    with op.batch_alter_table('movein_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movein_key_handover_id'), ['handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_key_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_key_updated_at'), ['updated_at'], unique=False)

    op.create_table('movein_meter',
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('unit_no', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('meter_no', sa.String(length=50), nullable=False),
    sa.Column('reading', sa.Float(), nullable=False),
    sa.Column('read_on', sa.Date(), nullable=False),
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
    sa.ForeignKeyConstraint(['handover_id'], ['movein.id'], name=op.f('fk_movein_meter_handover_id_movein')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movein_meter')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movein_meter_uuid'))
    )
    with op.batch_alter_table('movein_meter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movein_meter_handover_id'), ['handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_meter_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_meter_unit_no'), ['unit_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_meter_updated_at'), ['updated_at'], unique=False)

    op.create_table('movein_service',
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=100), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
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
    sa.ForeignKeyConstraint(['handover_id'], ['movein.id'], name=op.f('fk_movein_service_handover_id_movein')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movein_service')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movein_service_uuid'))
    )
    with op.batch_alter_table('movein_service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movein_service_handover_id'), ['handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_service_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_service_updated_at'), ['updated_at'], unique=False)

    op.create_table('movein_defect',
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=True),
    sa.Column('unit_no', sa.String(length=40), nullable=False),
    sa.Column('room', sa.String(length=30), nullable=False),
    sa.Column('item', sa.String(length=50), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('responsible', sa.String(length=50), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('reinspected_at', sa.DateTime(), nullable=True),
    sa.Column('reinspected_by', sa.String(length=50), nullable=True),
    sa.Column('photos', sa.JSON(), nullable=True),
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
    sa.ForeignKeyConstraint(['handover_id'], ['movein.id'], name=op.f('fk_movein_defect_handover_id_movein')),
    sa.ForeignKeyConstraint(['inspection_id'], ['movein_inspection.id'], name=op.f('fk_movein_defect_inspection_id_movein_inspection')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movein_defect')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movein_defect_uuid'))
    )
    with op.batch_alter_table('movein_defect', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movein_defect_handover_id'), ['handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_defect_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_defect_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_defect_unit_no'), ['unit_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_movein_defect_updated_at'), ['updated_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('movein_defect', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_movein_defect_updated_at'))
        batch_op.drop_index(batch_op.f('ix_movein_defect_unit_no'))
        batch_op.drop_index(batch_op.f('ix_movein_defect_status'))
        batch_op.drop_index(batch_op.f('ix_movein_defect_site_code'))
        batch_op.drop_index(batch_op.f('ix_movein_defect_handover_id'))

    op.drop_table('movein_defect')
    with op.batch_alter_table('movein_service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_movein_service_updated_at'))
        batch_op.drop_index(batch_op.f('ix_movein_service_site_code'))
        batch_op.drop_index(batch_op.f('ix_movein_service_handover_id'))

    op.drop_table('movein_service')
    with op.batch_alter_table('movein_meter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_movein_meter_updated_at'))
        batch_op.drop_index(batch_op.f('ix_movein_meter_unit_no'))
        batch_op.drop_index(batch_op.f('ix_movein_meter_site_code'))
        batch_op.drop_index(batch_op.f('ix_movein_meter_handover_id'))

    op.drop_table('movein_meter')
    with op.batch_alter_table('movein_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_movein_key_updated_at'))
        batch_op.drop_index(batch_op.f('ix_movein_key_site_code'))
        batch_op.drop_index(batch_op.f('ix_movein_key_handover_id'))

    op.drop_table('movein_key')
    with op.batch_alter_table('movein_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_movein_item_updated_at'))
        batch_op.drop_index(batch_op.f('ix_movein_item_site_code'))
        batch_op.drop_index(batch_op.f('ix_movein_item_handover_id'))

    op.drop_table('movein_item')
    with op.batch_alter_table('movein_inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_movein_inspection_updated_at'))
        batch_op.drop_index(batch_op.f('ix_movein_inspection_site_code'))
        batch_op.drop_index(batch_op.f('ix_movein_inspection_handover_id'))

    op.drop_table('movein_inspection')
    with op.batch_alter_table('movein_fee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_movein_fee_updated_at'))
        batch_op.drop_index(batch_op.f('ix_movein_fee_site_code'))
        batch_op.drop_index(batch_op.f('ix_movein_fee_handover_id'))

    op.drop_table('movein_fee')
    with op.batch_alter_table('movein_appointment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_movein_appointment_updated_at'))
        batch_op.drop_index(batch_op.f('ix_movein_appointment_unit_no'))
        batch_op.drop_index(batch_op.f('ix_movein_appointment_status'))
        batch_op.drop_index(batch_op.f('ix_movein_appointment_site_code'))
        batch_op.drop_index(batch_op.f('ix_movein_appointment_at'))

    op.drop_table('movein_appointment')
    with op.batch_alter_table('movein', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_movein_updated_at'))
        batch_op.drop_index(batch_op.f('ix_movein_unit_no'))
        batch_op.drop_index(batch_op.f('ix_movein_status'))
        batch_op.drop_index(batch_op.f('ix_movein_site_code'))
        batch_op.drop_index(batch_op.f('ix_movein_handover_at'))

    op.drop_table('movein')
