"""Notices in the in-app inbox, each person's choices, and the mail outbox."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, utcnow

# Notification.email_state
EMAIL_NONE = "none"  # the person turned mail off for this kind
EMAIL_QUEUED = "queued"  # written to the outbox right away
EMAIL_DIGEST = "digest"  # waiting for the next daily digest
EMAIL_DIGESTED = "digested"  # went out in a digest
EMAIL_DROPPED = "dropped"  # its record closed before the digest: never mailed


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        # Never the same notice twice to the same person.
        UniqueConstraint("user_id", "key", name="uq_notifications_user_key"),
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        Index("ix_notifications_email_state", "email_state", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    key: Mapped[str] = mapped_column(String(120))
    # Rendered in both languages when created; the inbox shows the reader's language.
    subject_zh: Mapped[str] = mapped_column(String(300))
    subject_en: Mapped[str] = mapped_column(String(300))
    body_zh: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    # The records the notice is about, e.g. "demand:12 offering:5": a notice about
    # a record that has since closed is not mailed.
    about: Mapped[str] = mapped_column(String(200), default="")
    email_state: Mapped[str] = mapped_column(String(10), default=EMAIL_NONE)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)

    def subject(self, lang: str) -> str:
        return self.subject_en if lang == "en" else self.subject_zh

    def body(self, lang: str) -> str:
        return self.body_en if lang == "en" else self.body_zh


class NotificationPreference(Base):
    """How one person wants one kind of notice: immediately, daily, or off."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    frequency: Mapped[str] = mapped_column(String(12))


class DigestRun(Base):
    """One row per person and day a digest went out: at most one digest a day."""

    __tablename__ = "notification_digests"
    __table_args__ = (UniqueConstraint("user_id", "day", name="uq_notification_digests_user_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    items: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# OutboxMail.status
MAIL_PENDING = "pending"  # to be sent over SMTP
MAIL_SENDING = "sending"  # claimed by one worker
MAIL_SENT = "sent"
MAIL_FAILED = "failed"  # gave up after several attempts
MAIL_LOGGED = "logged"  # no SMTP configured: kept here and in the log only


class OutboxMail(Base):
    """Every mail the site writes. Sent over SMTP when it is configured; otherwise
    kept here (and logged), so nothing fails for want of a mail server."""

    __tablename__ = "mail_outbox"
    __table_args__ = (
        Index("ix_mail_outbox_status", "status", "id"),
        Index("ix_mail_outbox_user_kind_at", "user_id", "kind", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(10), default=MAIL_PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # A failed attempt waits before the next (back-off); None: as soon as possible.
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
