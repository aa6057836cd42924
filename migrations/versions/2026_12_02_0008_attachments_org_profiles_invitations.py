"""attachments in the database; organization profile, managers, invitations, history and licence verification; a pilot's requested document

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 05:50:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The deals feature (revision 0007) adds the same four contact columns to organizations;
# whichever revision runs second finds them and leaves them alone.
CONTACT_COLUMNS = (
    ("website", 300),
    ("contact_name", 100),
    ("contact_phone", 40),
    ("contact_email", 254),
)


def _deals_revision_present() -> bool:
    """True when revision 0007 (which owns the contact columns once merged) exists."""
    from alembic import context

    try:
        return context.script.get_revision("0007") is not None
    except Exception:  # alembic raises a resolution error for an unknown revision
        return False


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_kind", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("document_type", sa.String(length=30), nullable=True),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=True),
        sa.Column("thumbnail_type", sa.String(length=40), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_attachments_org_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_attachments_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index("ix_attachments_owner", ["owner_kind", "owner_id", "position"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachments_org_id"), ["org_id"], unique=False)

    op.create_table(
        "org_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_org_events_actor_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_org_events_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_events")),
    )
    with op.batch_alter_table("org_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_org_events_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_org_events_org_id"), ["org_id"], unique=False)

    op.create_table(
        "org_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name=op.f("fk_org_invitations_invited_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_org_invitations_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_org_invitations_token_hash")),
    )
    with op.batch_alter_table("org_invitations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_org_invitations_org_id"), ["org_id"], unique=False)

    present = _columns("organizations")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        for name, length in CONTACT_COLUMNS:
            if name not in present:
                batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
        batch_op.add_column(
            sa.Column("verification", sa.String(length=12), server_default="none", nullable=False)
        )
        batch_op.add_column(sa.Column("verified_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("verification_note", sa.Text(), server_default="", nullable=False))

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_manager", sa.Boolean(), server_default="0", nullable=False))

    with op.batch_alter_table("pilots", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requested_document", sa.String(length=30), nullable=True))

    # Organizations verified before: verified (the date unknown, so their last change);
    # the first member of each organization becomes its manager.
    op.execute("UPDATE organizations SET verification = 'verified', verified_at = updated_at WHERE verified")
    op.execute(
        "UPDATE users SET is_manager = TRUE WHERE id IN "
        "(SELECT MIN(id) FROM users WHERE role = 'member' AND org_id IS NOT NULL GROUP BY org_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("pilots", schema=None) as batch_op:
        batch_op.drop_column("requested_document")

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("is_manager")

    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_column("verification_note")
        batch_op.drop_column("verified_at")
        batch_op.drop_column("verification")
        # The contact columns stay when the deals revision (0007) owns them.
        if not _deals_revision_present():
            for name, _length in reversed(CONTACT_COLUMNS):
                batch_op.drop_column(name)

    with op.batch_alter_table("org_invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_invitations_org_id"))
    op.drop_table("org_invitations")

    with op.batch_alter_table("org_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_events_org_id"))
        batch_op.drop_index(batch_op.f("ix_org_events_created_at"))
    op.drop_table("org_events")

    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_org_id"))
        batch_op.drop_index("ix_attachments_owner")
    op.drop_table("attachments")
