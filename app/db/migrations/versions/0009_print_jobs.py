"""print jobs: job code and signed state on print_log; records per printed page; scanned pages

Revision ID: 0009_print_jobs
Revises: 0008_complaint_cases
"""
from alembic import op
import sqlalchemy as sa

revision = "0009_print_jobs"
down_revision = "0008_complaint_cases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('print_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('job_code', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('signed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('signed_by', sa.String(length=50), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_print_log_job_code'), ['job_code'])

    op.create_table('print_job_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('print_log_id', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('record_uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['print_log_id'], ['print_log.id'], name=op.f('fk_print_job_record_print_log_id_print_log')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_job_record'))
    )
    with op.batch_alter_table('print_job_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_print_job_record_print_log_id'), ['print_log_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_print_job_record_record_uuid'), ['record_uuid'], unique=False)

    op.create_table('scan_page',
    sa.Column('print_log_id', sa.Integer(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('file_path', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('source_page', sa.Integer(), nullable=False),
    sa.Column('code_text', sa.String(length=40), nullable=True),
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
    sa.ForeignKeyConstraint(['print_log_id'], ['print_log.id'], name=op.f('fk_scan_page_print_log_id_print_log')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scan_page')),
    sa.UniqueConstraint('uuid', name=op.f('uq_scan_page_uuid'))
    )
    with op.batch_alter_table('scan_page', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scan_page_print_log_id'), ['print_log_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scan_page_site_code'), ['site_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_scan_page_updated_at'), ['updated_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('scan_page', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scan_page_updated_at'))
        batch_op.drop_index(batch_op.f('ix_scan_page_site_code'))
        batch_op.drop_index(batch_op.f('ix_scan_page_print_log_id'))
    op.drop_table('scan_page')
    with op.batch_alter_table('print_job_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_print_job_record_record_uuid'))
        batch_op.drop_index(batch_op.f('ix_print_job_record_print_log_id'))
    op.drop_table('print_job_record')
    with op.batch_alter_table('print_log', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_print_log_job_code'), type_='unique')
        batch_op.drop_column('signed_by')
        batch_op.drop_column('signed_at')
        batch_op.drop_column('job_code')
