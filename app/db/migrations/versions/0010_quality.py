"""service quality: satisfaction surveys, supervision inspections

Revision ID: 0010_quality
Revises: 0009_print_jobs
"""
from alembic import op
import sqlalchemy as sa

revision = "0010_quality"
down_revision = "0009_print_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inspection',
    sa.Column('inspection_no', sa.String(length=30), nullable=False),
    sa.Column('inspected_on', sa.Date(), nullable=False),
    sa.Column('inspector', sa.String(length=100), nullable=False),
    sa.Column('area', sa.String(length=200), nullable=False),
    sa.Column('indicators', sa.Text(), nullable=False),
    sa.Column('total_cp', sa.Integer(), nullable=False),
    sa.Column('score_cp', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('site_signer', sa.String(length=50), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection')),
    sa.UniqueConstraint('site_code', 'inspection_no', name='uq_inspection_site_no'),
    sa.UniqueConstraint('uuid', name=op.f('uq_inspection_uuid'))
    )
    op.create_index(op.f('ix_inspection_inspected_on'), 'inspection', ['inspected_on'], unique=False)
    op.create_index(op.f('ix_inspection_site_code'), 'inspection', ['site_code'], unique=False)
    op.create_index(op.f('ix_inspection_status'), 'inspection', ['status'], unique=False)
    op.create_index(op.f('ix_inspection_updated_at'), 'inspection', ['updated_at'], unique=False)
    op.create_table('inspection_indicator',
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('points_cp', sa.Integer(), nullable=False),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_indicator')),
    sa.UniqueConstraint('uuid', name=op.f('uq_inspection_indicator_uuid'))
    )
    op.create_index(op.f('ix_inspection_indicator_site_code'), 'inspection_indicator', ['site_code'], unique=False)
    op.create_index(op.f('ix_inspection_indicator_updated_at'), 'inspection_indicator', ['updated_at'], unique=False)
    op.create_table('survey',
    sa.Column('survey_no', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('target_group', sa.String(length=10), nullable=False),
    sa.Column('buildings', sa.String(length=500), nullable=True),
    sa.Column('sample_percent', sa.Integer(), nullable=False),
    sa.Column('sample_rule', sa.Text(), nullable=True),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('people', sa.String(length=200), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('issue_goal', sa.Integer(), nullable=False),
    sa.Column('return_goal', sa.Integer(), nullable=False),
    sa.Column('intro', sa.Text(), nullable=True),
    sa.Column('items', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('approved_by', sa.String(length=50), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('archive_deadline', sa.Date(), nullable=True),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('archived_by', sa.String(length=50), nullable=True),
    sa.Column('analysis', sa.Text(), nullable=True),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey')),
    sa.UniqueConstraint('site_code', 'survey_no', name='uq_survey_site_no'),
    sa.UniqueConstraint('uuid', name=op.f('uq_survey_uuid'))
    )
    op.create_index(op.f('ix_survey_site_code'), 'survey', ['site_code'], unique=False)
    op.create_index(op.f('ix_survey_status'), 'survey', ['status'], unique=False)
    op.create_index(op.f('ix_survey_updated_at'), 'survey', ['updated_at'], unique=False)
    op.create_table('survey_template',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('intro', sa.Text(), nullable=True),
    sa.Column('items', sa.JSON(), nullable=False),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_template')),
    sa.UniqueConstraint('uuid', name=op.f('uq_survey_template_uuid'))
    )
    op.create_index(op.f('ix_survey_template_site_code'), 'survey_template', ['site_code'], unique=False)
    op.create_index(op.f('ix_survey_template_updated_at'), 'survey_template', ['updated_at'], unique=False)
    op.create_table('inspection_finding',
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=50), nullable=False),
    sa.Column('item', sa.String(length=50), nullable=False),
    sa.Column('criterion', sa.Text(), nullable=True),
    sa.Column('method', sa.String(length=30), nullable=True),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('unit_cp', sa.Integer(), nullable=False),
    sa.Column('problems', sa.Integer(), nullable=False),
    sa.Column('persons', sa.Integer(), nullable=False),
    sa.Column('deduction_cp', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('photos', sa.JSON(), nullable=True),
    sa.Column('owner', sa.String(length=50), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('rectify_status', sa.String(length=10), nullable=False),
    sa.Column('rectified_note', sa.Text(), nullable=True),
    sa.Column('rechecked_at', sa.DateTime(), nullable=True),
    sa.Column('rechecked_by', sa.String(length=50), nullable=True),
    sa.Column('recheck_result', sa.String(length=10), nullable=True),
    sa.Column('recheck_note', sa.Text(), nullable=True),
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
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], name=op.f('fk_inspection_finding_inspection_id_inspection')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_finding')),
    sa.UniqueConstraint('uuid', name=op.f('uq_inspection_finding_uuid'))
    )
    op.create_index(op.f('ix_inspection_finding_inspection_id'), 'inspection_finding', ['inspection_id'], unique=False)
    op.create_index(op.f('ix_inspection_finding_rectify_status'), 'inspection_finding', ['rectify_status'], unique=False)
    op.create_index(op.f('ix_inspection_finding_site_code'), 'inspection_finding', ['site_code'], unique=False)
    op.create_index(op.f('ix_inspection_finding_updated_at'), 'inspection_finding', ['updated_at'], unique=False)
    op.create_table('inspection_item',
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('criteria', sa.Text(), nullable=False),
    sa.Column('method', sa.String(length=30), nullable=False),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('deduct_cp', sa.Integer(), nullable=False),
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
    sa.ForeignKeyConstraint(['indicator_id'], ['inspection_indicator.id'], name=op.f('fk_inspection_item_indicator_id_inspection_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_item')),
    sa.UniqueConstraint('uuid', name=op.f('uq_inspection_item_uuid'))
    )
    op.create_index(op.f('ix_inspection_item_indicator_id'), 'inspection_item', ['indicator_id'], unique=False)
    op.create_index(op.f('ix_inspection_item_site_code'), 'inspection_item', ['site_code'], unique=False)
    op.create_index(op.f('ix_inspection_item_updated_at'), 'inspection_item', ['updated_at'], unique=False)
    op.create_table('survey_action',
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('item_no', sa.Integer(), nullable=True),
    sa.Column('item_text', sa.String(length=200), nullable=False),
    sa.Column('finding', sa.Text(), nullable=True),
    sa.Column('measure', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=50), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('result', sa.Text(), nullable=True),
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
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], name=op.f('fk_survey_action_survey_id_survey')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_action')),
    sa.UniqueConstraint('uuid', name=op.f('uq_survey_action_uuid'))
    )
    op.create_index(op.f('ix_survey_action_site_code'), 'survey_action', ['site_code'], unique=False)
    op.create_index(op.f('ix_survey_action_survey_id'), 'survey_action', ['survey_id'], unique=False)
    op.create_index(op.f('ix_survey_action_updated_at'), 'survey_action', ['updated_at'], unique=False)
    op.create_table('survey_copy',
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('unit_no', sa.String(length=40), nullable=False),
    sa.Column('building', sa.String(length=20), nullable=False),
    sa.Column('respondent', sa.String(length=50), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=True),
    sa.Column('issued_by', sa.String(length=50), nullable=True),
    sa.Column('channel', sa.String(length=10), nullable=True),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.Column('entered_by', sa.String(length=50), nullable=True),
    sa.Column('answers', sa.Text(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
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
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], name=op.f('fk_survey_copy_survey_id_survey')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_copy')),
    sa.UniqueConstraint('survey_id', 'code', name='uq_survey_copy_survey_code'),
    sa.UniqueConstraint('uuid', name=op.f('uq_survey_copy_uuid'))
    )
    op.create_index(op.f('ix_survey_copy_site_code'), 'survey_copy', ['site_code'], unique=False)
    op.create_index(op.f('ix_survey_copy_survey_id'), 'survey_copy', ['survey_id'], unique=False)
    op.create_index('ix_survey_copy_survey_status', 'survey_copy', ['survey_id', 'status'], unique=False)
    op.create_index(op.f('ix_survey_copy_updated_at'), 'survey_copy', ['updated_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_survey_copy_updated_at'), table_name='survey_copy')
    op.drop_index('ix_survey_copy_survey_status', table_name='survey_copy')
    op.drop_index(op.f('ix_survey_copy_survey_id'), table_name='survey_copy')
    op.drop_index(op.f('ix_survey_copy_site_code'), table_name='survey_copy')
    op.drop_table('survey_copy')
    op.drop_index(op.f('ix_survey_action_updated_at'), table_name='survey_action')
    op.drop_index(op.f('ix_survey_action_survey_id'), table_name='survey_action')
    op.drop_index(op.f('ix_survey_action_site_code'), table_name='survey_action')
    op.drop_table('survey_action')
    op.drop_index(op.f('ix_inspection_item_updated_at'), table_name='inspection_item')
    op.drop_index(op.f('ix_inspection_item_site_code'), table_name='inspection_item')
    op.drop_index(op.f('ix_inspection_item_indicator_id'), table_name='inspection_item')
    op.drop_table('inspection_item')
    op.drop_index(op.f('ix_inspection_finding_updated_at'), table_name='inspection_finding')
    op.drop_index(op.f('ix_inspection_finding_site_code'), table_name='inspection_finding')
    op.drop_index(op.f('ix_inspection_finding_rectify_status'), table_name='inspection_finding')
    op.drop_index(op.f('ix_inspection_finding_inspection_id'), table_name='inspection_finding')
    op.drop_table('inspection_finding')
    op.drop_index(op.f('ix_survey_template_updated_at'), table_name='survey_template')
    op.drop_index(op.f('ix_survey_template_site_code'), table_name='survey_template')
    op.drop_table('survey_template')
    op.drop_index(op.f('ix_survey_updated_at'), table_name='survey')
    op.drop_index(op.f('ix_survey_status'), table_name='survey')
    op.drop_index(op.f('ix_survey_site_code'), table_name='survey')
    op.drop_table('survey')
    op.drop_index(op.f('ix_inspection_indicator_updated_at'), table_name='inspection_indicator')
    op.drop_index(op.f('ix_inspection_indicator_site_code'), table_name='inspection_indicator')
    op.drop_table('inspection_indicator')
    op.drop_index(op.f('ix_inspection_updated_at'), table_name='inspection')
    op.drop_index(op.f('ix_inspection_status'), table_name='inspection')
    op.drop_index(op.f('ix_inspection_site_code'), table_name='inspection')
    op.drop_index(op.f('ix_inspection_inspected_on'), table_name='inspection')
    op.drop_table('inspection')
