"""bookings: capacity pools, bookings and their history, vendor booking settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 06:28:22.249179
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('booking_settings',
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('auto_confirm', sa.Boolean(), nullable=False),
    sa.Column('min_lead_hours', sa.Integer(), nullable=False),
    sa.Column('max_sharing_hours', sa.Integer(), nullable=False),
    sa.Column('max_lease_days', sa.Integer(), nullable=False),
    sa.Column('max_subscription_months', sa.Integer(), nullable=False),
    sa.Column('cancel_notice_hours', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('cancel_notice_hours >= 0', name=op.f('ck_booking_settings_notice_nonnegative')),
    sa.CheckConstraint('max_sharing_hours >= 1 AND max_lease_days >= 1 AND max_subscription_months >= 1', name=op.f('ck_booking_settings_longest_positive')),
    sa.CheckConstraint('min_lead_hours >= 0', name=op.f('ck_booking_settings_lead_nonnegative')),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_booking_settings_org_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('org_id', name=op.f('pk_booking_settings'))
    )
    op.create_table('bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offering_id', sa.Integer(), nullable=False),
    sa.Column('customer_org_id', sa.Integer(), nullable=False),
    sa.Column('vendor_org_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('mode', sa.String(length=12), nullable=False),
    sa.Column('start_at', sa.DateTime(), nullable=False),
    sa.Column('end_at', sa.DateTime(), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('submit_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("mode IN ('sharing', 'lease', 'raas')", name=op.f('ck_bookings_mode_bookable')),
    sa.CheckConstraint("state IN ('requested', 'confirmed', 'declined', 'cancelled', 'completed')", name=op.f('ck_bookings_state_known')),
    sa.CheckConstraint('end_at > start_at', name=op.f('ck_bookings_period_positive')),
    sa.CheckConstraint('price >= 0', name=op.f('ck_bookings_price_nonnegative')),
    sa.CheckConstraint('units >= 1', name=op.f('ck_bookings_units_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_bookings_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['customer_org_id'], ['organizations.id'], name=op.f('fk_bookings_customer_org_id_organizations')),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_bookings_offering_id_offerings')),
    sa.ForeignKeyConstraint(['vendor_org_id'], ['organizations.id'], name=op.f('fk_bookings_vendor_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookings')),
    sa.UniqueConstraint('submit_key', name=op.f('uq_bookings_submit_key'))
    )
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bookings_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_bookings_customer_org_id'), ['customer_org_id'], unique=False)
        batch_op.create_index('ix_bookings_offering_state_start', ['offering_id', 'state', 'start_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_bookings_vendor_org_id'), ['vendor_org_id'], unique=False)

    op.create_table('capacity_pools',
    sa.Column('offering_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_capacity_pools_offering_id_offerings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offering_id', name=op.f('pk_capacity_pools'))
    )
    op.create_table('booking_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('from_state', sa.String(length=12), nullable=True),
    sa.Column('to_state', sa.String(length=12), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_booking_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], name=op.f('fk_booking_events_booking_id_bookings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_events'))
    )
    with op.batch_alter_table('booking_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_events_booking_id'), ['booking_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('booking_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booking_events_booking_id'))

    op.drop_table('booking_events')
    op.drop_table('capacity_pools')
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bookings_vendor_org_id'))
        batch_op.drop_index('ix_bookings_offering_state_start')
        batch_op.drop_index(batch_op.f('ix_bookings_customer_org_id'))
        batch_op.drop_index(batch_op.f('ix_bookings_created_at'))

    op.drop_table('bookings')
    op.drop_table('booking_settings')
