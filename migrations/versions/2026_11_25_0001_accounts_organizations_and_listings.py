"""accounts, organizations and listings

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 06:13:03.870072
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempts'))
    )
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempts_address_at', ['address', 'at'], unique=False)
        batch_op.create_index('ix_login_attempts_email_at', ['email', 'at'], unique=False)

    op.create_table('organizations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('city', sa.String(length=30), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('ref', name=op.f('uq_organizations_ref'))
    )
    op.create_table('demands',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=80), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('domain', sa.String(length=30), nullable=False),
    sa.Column('payload_kg', sa.Float(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('city', sa.String(length=30), nullable=False),
    sa.Column('needed_by', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('submit_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_demands_quantity_positive')),
    sa.UniqueConstraint('submit_key', name=op.f('uq_demands_submit_key')),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_demands_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demands')),
    sa.UniqueConstraint('ref', name=op.f('uq_demands_ref'))
    )
    with op.batch_alter_table('demands', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_demands_city'), ['city'], unique=False)
        batch_op.create_index(batch_op.f('ix_demands_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_demands_domain'), ['domain'], unique=False)
        batch_op.create_index(batch_op.f('ix_demands_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_demands_status'), ['status'], unique=False)

    op.create_table('offerings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=80), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('payload_kg', sa.Float(), nullable=True),
    sa.Column('units_available', sa.Integer(), nullable=False),
    sa.Column('certifications', sa.JSON(), nullable=False),
    sa.Column('first_of_kind', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('submit_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('units_available >= 0', name=op.f('ck_offerings_units_nonnegative')),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_offerings_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offerings')),
    sa.UniqueConstraint('ref', name=op.f('uq_offerings_ref')),
    sa.UniqueConstraint('submit_key', name=op.f('uq_offerings_submit_key'))
    )
    with op.batch_alter_table('offerings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offerings_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_offerings_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_offerings_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offerings_status'), ['status'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('session_token', sa.String(length=64), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_users_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_org_id'), ['org_id'], unique=False)

    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('demand_budgets',
    sa.Column('demand_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=12), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['demand_id'], ['demands.id'], name=op.f('fk_demand_budgets_demand_id_demands'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('demand_id', 'mode', name=op.f('pk_demand_budgets'))
    )
    op.create_table('demand_tags',
    sa.Column('demand_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['demand_id'], ['demands.id'], name=op.f('fk_demand_tags_demand_id_demands'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('demand_id', 'kind', 'code', name=op.f('pk_demand_tags'))
    )
    with op.batch_alter_table('demand_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_demand_tags_code'), ['code'], unique=False)

    op.create_table('offering_modes',
    sa.Column('offering_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=12), nullable=False),
    sa.Column('price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('price > 0', name=op.f('ck_offering_modes_price_positive')),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_offering_modes_offering_id_offerings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offering_id', 'mode', name=op.f('pk_offering_modes'))
    )
    with op.batch_alter_table('offering_modes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offering_modes_mode'), ['mode'], unique=False)

    op.create_table('offering_tags',
    sa.Column('offering_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_offering_tags_offering_id_offerings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offering_id', 'kind', 'code', name=op.f('pk_offering_tags'))
    )
    with op.batch_alter_table('offering_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offering_tags_code'), ['code'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('offering_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offering_tags_code'))

    op.drop_table('offering_tags')
    with op.batch_alter_table('offering_modes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offering_modes_mode'))

    op.drop_table('offering_modes')
    with op.batch_alter_table('demand_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_demand_tags_code'))

    op.drop_table('demand_tags')
    op.drop_table('demand_budgets')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_org_id'))

    op.drop_table('users')
    with op.batch_alter_table('offerings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offerings_status'))
        batch_op.drop_index(batch_op.f('ix_offerings_org_id'))
        batch_op.drop_index(batch_op.f('ix_offerings_created_at'))
        batch_op.drop_index(batch_op.f('ix_offerings_category'))

    op.drop_table('offerings')
    with op.batch_alter_table('demands', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_demands_status'))
        batch_op.drop_index(batch_op.f('ix_demands_org_id'))
        batch_op.drop_index(batch_op.f('ix_demands_domain'))
        batch_op.drop_index(batch_op.f('ix_demands_created_at'))
        batch_op.drop_index(batch_op.f('ix_demands_city'))

    op.drop_table('demands')
    op.drop_table('organizations')
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempts_email_at')
        batch_op.drop_index('ix_login_attempts_address_at')

    op.drop_table('login_attempts')
