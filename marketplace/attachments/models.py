"""Files kept in the database: photos and documents of offerings, demands, pilots
and organizations (logo, business licence).

The bytes live in the row (deferred, so lists of attachments never load them): the
database is the system of record, and any number of web hosts serve the same files
without a shared disk."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, utcnow

# Owner kinds: which table `owner_id` points into.
OWNER_KINDS = ("offering", "demand", "pilot", "organization")
# What the file is for.
KINDS = ("photo", "document", "logo", "licence")
# What a document is (shown beside it; a request for changes may ask for one).
DOCUMENT_TYPES = (
    "spec_sheet",
    "test_report",
    "certificate",
    "safety_assessment",
    "acceptance_report",
    "other",
)


class Attachment(Base):
    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_owner", "owner_kind", "owner_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_kind: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    document_type: Mapped[str | None] = mapped_column(String(30))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    thumbnail_type: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The organization that uploaded it (for a pilot: either of its two).
    org_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def url(self) -> str:
        return f"/files/{self.id}"

    @property
    def thumb_url(self) -> str:
        return f"/files/{self.id}/thumb" if self.thumbnail_type else self.url
