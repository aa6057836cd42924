"""deals: invitations, responses (quotes) with their history and messages; organizations' website and contact person; demands' period of use and hours per month

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-02 05:29:07.451660
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deal_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('demand_id', sa.Integer(), nullable=False),
    sa.Column('offering_id', sa.Integer(), nullable=False),
    sa.Column('vendor_org_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['demand_id'], ['demands.id'], name=op.f('fk_deal_invitations_demand_id_demands'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_deal_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_deal_invitations_offering_id_offerings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_org_id'], ['organizations.id'], name=op.f('fk_deal_invitations_vendor_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deal_invitations')),
    sa.UniqueConstraint('demand_id', 'offering_id', name='uq_deal_invitations_pair')
    )
    with op.batch_alter_table('deal_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deal_invitations_demand_id'), ['demand_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_invitations_offering_id'), ['offering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_invitations_vendor_org_id'), ['vendor_org_id'], unique=False)

    op.create_table('deal_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('demand_id', sa.Integer(), nullable=False),
    sa.Column('offering_id', sa.Integer(), nullable=False),
    sa.Column('demand_org_id', sa.Integer(), nullable=False),
    sa.Column('vendor_org_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=12), nullable=False),
    sa.Column('price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('includes', sa.JSON(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('price > 0', name=op.f('ck_deal_responses_price_positive')),
    sa.CheckConstraint('units >= 1', name=op.f('ck_deal_responses_units_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_deal_responses_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['demand_id'], ['demands.id'], name=op.f('fk_deal_responses_demand_id_demands'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['demand_org_id'], ['organizations.id'], name=op.f('fk_deal_responses_demand_org_id_organizations')),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_deal_responses_offering_id_offerings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_org_id'], ['organizations.id'], name=op.f('fk_deal_responses_vendor_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deal_responses'))
    )
    with op.batch_alter_table('deal_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deal_responses_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_responses_demand_id'), ['demand_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_responses_demand_org_id'), ['demand_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_responses_offering_id'), ['offering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_responses_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_responses_vendor_org_id'), ['vendor_org_id'], unique=False)
        batch_op.create_index('uq_deal_responses_accepted', ['demand_id'], unique=True, sqlite_where=sa.text("state = 'accepted'"), postgresql_where=sa.text("state = 'accepted'"))
        batch_op.create_index('uq_deal_responses_live_pair', ['demand_id', 'offering_id'], unique=True, sqlite_where=sa.text("state IN ('submitted', 'shortlisted')"), postgresql_where=sa.text("state IN ('submitted', 'shortlisted')"))

    op.create_table('deal_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('author_org_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_deal_messages_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_org_id'], ['organizations.id'], name=op.f('fk_deal_messages_author_org_id_organizations')),
    sa.ForeignKeyConstraint(['response_id'], ['deal_responses.id'], name=op.f('fk_deal_messages_response_id_deal_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deal_messages'))
    )
    with op.batch_alter_table('deal_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deal_messages_response_id'), ['response_id'], unique=False)

    op.create_table('deal_response_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=12), nullable=False),
    sa.Column('from_state', sa.String(length=12), nullable=True),
    sa.Column('to_state', sa.String(length=12), nullable=False),
    sa.Column('price', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('units', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('actor_org', sa.String(length=200), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_deal_response_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['response_id'], ['deal_responses.id'], name=op.f('fk_deal_response_events_response_id_deal_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deal_response_events'))
    )
    with op.batch_alter_table('deal_response_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deal_response_events_response_id'), ['response_id'], unique=False)

    with op.batch_alter_table('demands', schema=None) as batch_op:
        batch_op.add_column(sa.Column('period_months', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hours_per_month', sa.Float(), nullable=True))

    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('website', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('contact_name', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('contact_phone', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('contact_email', sa.String(length=254), nullable=False, server_default=''))



def downgrade() -> None:
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('contact_email')
        batch_op.drop_column('contact_phone')
        batch_op.drop_column('contact_name')
        batch_op.drop_column('website')

    with op.batch_alter_table('demands', schema=None) as batch_op:
        batch_op.drop_column('hours_per_month')
        batch_op.drop_column('period_months')

    with op.batch_alter_table('deal_response_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deal_response_events_response_id'))

    op.drop_table('deal_response_events')
    with op.batch_alter_table('deal_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deal_messages_response_id'))

    op.drop_table('deal_messages')
    with op.batch_alter_table('deal_responses', schema=None) as batch_op:
        batch_op.drop_index('uq_deal_responses_live_pair', sqlite_where=sa.text("state IN ('submitted', 'shortlisted')"), postgresql_where=sa.text("state IN ('submitted', 'shortlisted')"))
        batch_op.drop_index('uq_deal_responses_accepted', sqlite_where=sa.text("state = 'accepted'"), postgresql_where=sa.text("state = 'accepted'"))
        batch_op.drop_index(batch_op.f('ix_deal_responses_vendor_org_id'))
        batch_op.drop_index(batch_op.f('ix_deal_responses_state'))
        batch_op.drop_index(batch_op.f('ix_deal_responses_offering_id'))
        batch_op.drop_index(batch_op.f('ix_deal_responses_demand_org_id'))
        batch_op.drop_index(batch_op.f('ix_deal_responses_demand_id'))
        batch_op.drop_index(batch_op.f('ix_deal_responses_created_at'))

    op.drop_table('deal_responses')
    with op.batch_alter_table('deal_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deal_invitations_vendor_org_id'))
        batch_op.drop_index(batch_op.f('ix_deal_invitations_offering_id'))
        batch_op.drop_index(batch_op.f('ix_deal_invitations_demand_id'))

    op.drop_table('deal_invitations')
