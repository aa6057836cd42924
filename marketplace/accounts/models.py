"""Organizations, users, API tokens and the shared failed-login log."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import Base, utcnow

# werkzeug's default (scrypt) for real accounts; the test suite swaps in a cheap
# method for its thousands of throwaway users (see tests/conftest.py).
PASSWORD_METHOD = "scrypt"  # noqa: S105 (a hash method, not a password)


def new_ref(prefix: str) -> str:
    """A generated, URL-safe ref for records created in the web interface."""
    return f"{prefix}-{secrets.token_hex(5)}"


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    side: Mapped[str] = mapped_column(String(10))
    city: Mapped[str] = mapped_column(String(30))
    credit_code: Mapped[str | None] = mapped_column(String(18))
    description: Mapped[str] = mapped_column(Text, default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    # Whom the other side reaches once a response exists (never shown to anyone else).
    website: Mapped[str] = mapped_column(String(300), default="")
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Verification with a business licence (营业执照): none -> pending -> verified | rejected;
    # verified -> revoked. `verified` stays the flag every list filters on.
    verification: Mapped[str] = mapped_column(String(12), default="none", server_default="none")
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    verification_note: Mapped[str] = mapped_column(Text, default="", server_default="")

    members: Mapped[list[User]] = relationship(back_populates="organization", order_by="User.id")
    attachments = relationship(
        "Attachment",
        primaryjoin="and_(foreign(Attachment.owner_id) == Organization.id, Attachment.owner_kind == 'organization')",
        order_by="(Attachment.position, Attachment.id)",
        viewonly=True,
    )

    @property
    def logo(self):
        """The organization's logo attachment, or None."""
        return next((a for a in self.attachments if a.kind == "logo"), None)

    @property
    def managers(self) -> list[User]:
        """The active members who manage the organization."""
        return [m for m in self.members if m.is_manager and m.active]

    @property
    def contact(self) -> dict[str, str] | None:
        """The contact person as the interchange format's object (None when empty)."""
        values = {"name": self.contact_name, "phone": self.contact_phone, "email": self.contact_email}
        return values if any(values.values()) else None

    @property
    def posts_demands(self) -> bool:
        """Organizations on the demand side (or both) post demands."""
        return self.side in ("demand", "both")

    @property
    def posts_offerings(self) -> bool:
        """Organizations on the supply side (or both) post offerings."""
        return self.side in ("supply", "both")


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(10), default="member")
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Rotated on logout and password change: a session cookie carries it, so an
    # old cookie stops working (Flask's sessions are signed, not stored).
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(16))
    locale: Mapped[str | None] = mapped_column(String(5))
    # The organization's manager(s): the first member, or whoever the role was handed to.
    is_manager: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    organization: Mapped[Organization | None] = relationship(back_populates="members")
    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def set_password(self, password: str) -> None:
        """Store a hash of `password` and end every other session."""
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)
        self.rotate_session()

    def check_password(self, password: str) -> bool:
        """Whether `password` is this account's password."""
        return check_password_hash(self.password_hash, password)

    def rotate_session(self) -> None:
        """A new session token: every cookie carrying the old one stops working."""
        self.session_token = secrets.token_hex(16)

    def get_id(self) -> str:
        """Flask-Login's id: the user id with the session token, so a rotated token signs out."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # Flask-Login
        """Deactivated accounts cannot sign in (Flask-Login)."""
        return self.active

    @property
    def is_official(self) -> bool:
        """Officials and admins: they review pilots and verify organizations."""
        return self.role in ("official", "admin")

    @property
    def is_admin(self) -> bool:
        """Administrators."""
        return self.role == "admin"

    def belongs_to(self, org_id: int | None) -> bool:
        """Whether this account is a member of the organization `org_id`."""
        return org_id is not None and self.role == "member" and self.org_id == org_id


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship(back_populates="tokens")

    @staticmethod
    def hash(raw: str) -> str:
        # Tokens are 32 random bytes: a fast hash is enough (no dictionary to attack).
        """The stored form of a raw token (SHA-256: tokens are long and random)."""
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, label: str = "") -> tuple[ApiToken, str]:
        """A new token for `user`: the row to store and the raw token, shown once."""
        raw = "rsm_" + secrets.token_urlsafe(32)
        return cls(user=user, token_hash=cls.hash(raw), prefix=raw[:10], label=label), raw


class LoginAttempt(Base):
    """One failed login. Counted by account and by address within a window, in the
    database so that every gunicorn worker sees the same count."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_at", "email", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class OrgInvitation(Base):
    """A colleague invited by email: the link works once and for 7 days. Only the
    token's hash is stored."""

    __tablename__ = "org_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)

    organization: Mapped[Organization] = relationship()


class OrgEvent(Base):
    """One step in an organization's history: profile edits, colleagues, verification."""

    __tablename__ = "org_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
