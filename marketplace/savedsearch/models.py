"""A person's saved searches: a list, its query and filters, and how to be told."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, utcnow

LISTS = ("demands", "offerings")
ALERTS = ("immediately", "daily", "off")


class SavedSearch(Base):
    """One saved query of the demand or supply list. Alerts announce records that
    appear after `created_at`; each record once per saved search (the notice key)."""

    __tablename__ = "saved_searches"
    __table_args__ = (
        CheckConstraint("list IN ('demands', 'offerings')", name="list_known"),
        CheckConstraint("alert IN ('immediately', 'daily', 'off')", name="alert_known"),
        Index("ix_saved_searches_list_alert", "list", "alert"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    list: Mapped[str] = mapped_column(String(10))
    q: Mapped[str] = mapped_column(String(200), default="")
    # Only known filter keys with valid codes (see services.clean_filters).
    filters: Mapped[dict] = mapped_column(JSON, default=dict)
    alert: Mapped[str] = mapped_column(String(12), default="immediately")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user = relationship("User")
