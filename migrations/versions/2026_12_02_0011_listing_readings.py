"""what each listing's text says, read when it is saved (search.readings)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 16:40:00

Nullable and filled as listings are written: a missing or stale reading is read
again when needed, and `flask reread-listings` stores the current ones.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("demands") as batch:
        batch.add_column(sa.Column("reading", sa.JSON(), nullable=True))
    with op.batch_alter_table("offerings") as batch:
        batch.add_column(sa.Column("reading", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("offerings") as batch:
        batch.drop_column("reading")
    with op.batch_alter_table("demands") as batch:
        batch.drop_column("reading")
