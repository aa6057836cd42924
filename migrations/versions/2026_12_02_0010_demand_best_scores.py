"""each open demand's best proposed offering and score, stored by the matcher

Revision ID: 0010
Revises: 0006
Create Date: 2026-12-02 09:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "demand_best_scores",
        sa.Column("demand_id", sa.Integer(), nullable=False),
        sa.Column("offering_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("fits", sa.Boolean(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["demand_id"],
            ["demands.id"],
            name=op.f("fk_demand_best_scores_demand_id_demands"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["offerings.id"],
            name=op.f("fk_demand_best_scores_offering_id_offerings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("demand_id", name=op.f("pk_demand_best_scores")),
    )
    op.create_index(
        op.f("ix_demand_best_scores_offering_id"), "demand_best_scores", ["offering_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_demand_best_scores_offering_id"), table_name="demand_best_scores")
    op.drop_table("demand_best_scores")
