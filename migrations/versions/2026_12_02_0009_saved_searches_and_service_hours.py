"""saved searches; vendors' service hours for shared use

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 05:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('saved_searches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('list', sa.String(length=10), nullable=False),
    sa.Column('q', sa.String(length=200), nullable=False),
    sa.Column('filters', sa.JSON(), nullable=False),
    sa.Column('alert', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("alert IN ('immediately', 'daily', 'off')", name=op.f('ck_saved_searches_alert_known')),
    sa.CheckConstraint("list IN ('demands', 'offerings')", name=op.f('ck_saved_searches_list_known')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_saved_searches_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_searches'))
    )
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.create_index('ix_saved_searches_list_alert', ['list', 'alert'], unique=False)
        batch_op.create_index(batch_op.f('ix_saved_searches_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('booking_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('service_start_hour', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('service_end_hour', sa.Integer(), server_default='24', nullable=False))
        batch_op.create_check_constraint(
            op.f('ck_booking_settings_service_hours_order'),
            'service_start_hour >= 0 AND service_end_hour <= 24 AND service_start_hour < service_end_hour',
        )


def downgrade() -> None:
    with op.batch_alter_table('booking_settings', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_booking_settings_service_hours_order'), type_='check')
        batch_op.drop_column('service_end_hour')
        batch_op.drop_column('service_start_hour')

    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_searches_user_id'))
        batch_op.drop_index('ix_saved_searches_list_alert')

    op.drop_table('saved_searches')
