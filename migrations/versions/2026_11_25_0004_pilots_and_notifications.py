"""pilots, their history and milestones; notifications, preferences, digests and the mail outbox

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-25 06:26:16.785297
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mail_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('to_address', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mail_outbox_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_outbox'))
    )
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.create_index('ix_mail_outbox_status', ['status', 'id'], unique=False)
        batch_op.create_index('ix_mail_outbox_user_kind_at', ['user_id', 'kind', 'created_at'], unique=False)

    op.create_table('notification_digests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_digests_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_digests')),
    sa.UniqueConstraint('user_id', 'day', name='uq_notification_digests_user_day')
    )
    op.create_table('notification_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('frequency', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_preferences'))
    )
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('subject_zh', sa.String(length=300), nullable=False),
    sa.Column('subject_en', sa.String(length=300), nullable=False),
    sa.Column('body_zh', sa.Text(), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('about', sa.String(length=200), nullable=False),
    sa.Column('email_state', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('user_id', 'key', name='uq_notifications_user_key')
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_notifications_email_state', ['email_state', 'user_id'], unique=False)
        batch_op.create_index('ix_notifications_user_unread', ['user_id', 'read_at'], unique=False)

    op.create_table('pilots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=80), nullable=False),
    sa.Column('demand_id', sa.Integer(), nullable=False),
    sa.Column('offering_id', sa.Integer(), nullable=False),
    sa.Column('demand_org_id', sa.Integer(), nullable=False),
    sa.Column('offering_org_id', sa.Integer(), nullable=False),
    sa.Column('proposer_org_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('site', sa.String(length=300), nullable=False),
    sa.Column('plan', sa.Text(), nullable=False),
    sa.Column('schedule', sa.Text(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('mode', sa.String(length=12), nullable=False),
    sa.Column('price', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('expected_outcomes', sa.Text(), nullable=False),
    sa.Column('expected_hours', sa.Integer(), nullable=True),
    sa.Column('expected_manual_share', sa.Integer(), nullable=True),
    sa.Column('expected_incidents_avoided', sa.Integer(), nullable=True),
    sa.Column('outcome_hours', sa.Integer(), nullable=True),
    sa.Column('outcome_manual_share', sa.Integer(), nullable=True),
    sa.Column('outcome_incidents_avoided', sa.Integer(), nullable=True),
    sa.Column('outcome_summary', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('price IS NULL OR price >= 0', name=op.f('ck_pilots_price_nonnegative')),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_pilots_quantity_positive')),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'], name=op.f('fk_pilots_confirmed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_pilots_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['demand_id'], ['demands.id'], name=op.f('fk_pilots_demand_id_demands')),
    sa.ForeignKeyConstraint(['demand_org_id'], ['organizations.id'], name=op.f('fk_pilots_demand_org_id_organizations')),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_pilots_offering_id_offerings')),
    sa.ForeignKeyConstraint(['offering_org_id'], ['organizations.id'], name=op.f('fk_pilots_offering_org_id_organizations')),
    sa.ForeignKeyConstraint(['proposer_org_id'], ['organizations.id'], name=op.f('fk_pilots_proposer_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pilots')),
    sa.UniqueConstraint('ref', name=op.f('uq_pilots_ref'))
    )
    with op.batch_alter_table('pilots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pilots_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilots_demand_id'), ['demand_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilots_demand_org_id'), ['demand_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilots_offering_id'), ['offering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilots_offering_org_id'), ['offering_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilots_state'), ['state'], unique=False)
        batch_op.create_index('uq_pilots_live_pair', ['demand_id', 'offering_id'], unique=True, sqlite_where=sa.text("state NOT IN ('rejected', 'completed', 'terminated')"), postgresql_where=sa.text("state NOT IN ('rejected', 'completed', 'terminated')"))

    op.create_table('pilot_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pilot_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=True),
    sa.Column('to_state', sa.String(length=20), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('actor_org', sa.String(length=200), nullable=False),
    sa.Column('actor_role', sa.String(length=10), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_pilot_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilots.id'], name=op.f('fk_pilot_events_pilot_id_pilots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pilot_events'))
    )
    with op.batch_alter_table('pilot_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pilot_events_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilot_events_pilot_id'), ['pilot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilot_events_to_state'), ['to_state'], unique=False)

    op.create_table('pilot_milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pilot_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('reached_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_pilot_milestones_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilots.id'], name=op.f('fk_pilot_milestones_pilot_id_pilots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pilot_milestones'))
    )
    with op.batch_alter_table('pilot_milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pilot_milestones_pilot_id'), ['pilot_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('pilot_milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pilot_milestones_pilot_id'))

    op.drop_table('pilot_milestones')
    with op.batch_alter_table('pilot_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pilot_events_to_state'))
        batch_op.drop_index(batch_op.f('ix_pilot_events_pilot_id'))
        batch_op.drop_index(batch_op.f('ix_pilot_events_created_at'))

    op.drop_table('pilot_events')
    with op.batch_alter_table('pilots', schema=None) as batch_op:
        batch_op.drop_index('uq_pilots_live_pair', sqlite_where=sa.text("state NOT IN ('rejected', 'completed', 'terminated')"), postgresql_where=sa.text("state NOT IN ('rejected', 'completed', 'terminated')"))
        batch_op.drop_index(batch_op.f('ix_pilots_state'))
        batch_op.drop_index(batch_op.f('ix_pilots_offering_org_id'))
        batch_op.drop_index(batch_op.f('ix_pilots_offering_id'))
        batch_op.drop_index(batch_op.f('ix_pilots_demand_org_id'))
        batch_op.drop_index(batch_op.f('ix_pilots_demand_id'))
        batch_op.drop_index(batch_op.f('ix_pilots_created_at'))

    op.drop_table('pilots')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_unread')
        batch_op.drop_index('ix_notifications_email_state')
        batch_op.drop_index(batch_op.f('ix_notifications_created_at'))

    op.drop_table('notifications')
    op.drop_table('notification_preferences')
    op.drop_table('notification_digests')
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_mail_outbox_user_kind_at')
        batch_op.drop_index('ix_mail_outbox_status')

    op.drop_table('mail_outbox')
