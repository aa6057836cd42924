"""Attachments: who may see and add them, adding (cleaned, counted) and removing.

Domain code: takes a session and plain arguments, flushes, never commits. A file is
visible exactly to those who may see the record it belongs to."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..accounts.access import can_view_record, is_member_of
from ..accounts.models import Organization, User
from ..errors import NotAllowed, NotFoundError, ValidationFailed
from ..listings.models import Demand, Offering
from ..pilots.models import Pilot
from . import files
from .models import DOCUMENT_TYPES, Attachment

MAX_PER_RECORD = 20

# The kinds each owner takes.
ALLOWED_KINDS = {
    "offering": ("photo", "document"),
    "demand": ("photo", "document"),
    "pilot": ("document", "photo"),
    "organization": ("logo", "licence"),
}
IMAGES_ONLY = ("photo", "logo")

REFUSALS = {
    "empty": _l("Choose a file to upload."),
    "too_large": _l("The file is too large: at most 10 MB a file."),
    "type": _l("This type of file is not accepted: upload a JPEG, PNG or WebP photo, or a PDF document."),
    "photo_type": _l("A photo must be a JPEG, PNG or WebP image."),
    "broken": _l("The file could not be read: it is damaged or not what its name says."),
    "too_many": _l("A record can hold at most %(max)s files: remove one first.", max=MAX_PER_RECORD),
    "kind": _l("Choose what the file is: a photo or a document."),
    "document_type": _l("Choose what kind of document this is."),
}


def refusal(code: str) -> ValidationFailed:
    message = str(REFUSALS[code])
    return ValidationFailed(message, {"file" if code not in ("kind", "document_type") else code: message})


# ---------------------------------------------------------------- owners


def load_owner(session: Session, owner_kind: str, key: str | int):
    """The record an attachment belongs to, by ref (or pilot id); NotFoundError if none."""
    owner: Offering | Demand | Organization | Pilot | None
    if owner_kind == "offering":
        owner = session.scalar(select(Offering).where(Offering.ref == str(key)))
    elif owner_kind == "demand":
        owner = session.scalar(select(Demand).where(Demand.ref == str(key)))
    elif owner_kind == "organization":
        owner = session.scalar(select(Organization).where(Organization.ref == str(key)))
    elif owner_kind == "pilot":
        owner = session.get(Pilot, int(key)) if str(key).isdigit() and len(str(key)) < 10 else None
    else:
        owner = None
    if owner is None:
        raise NotFoundError()
    return owner


def owner_of(session: Session, att: Attachment):
    model = {"offering": Offering, "demand": Demand, "pilot": Pilot, "organization": Organization}[
        att.owner_kind
    ]
    return session.get(model, att.owner_id)


def can_see_owner(user, owner_kind: str, owner) -> bool:
    if owner is None:
        return False
    if owner_kind in ("offering", "demand"):
        return can_view_record(user, owner)
    if owner_kind == "pilot":
        from ..pilots.services import can_view
        from ..showcase.services import is_showcased

        return can_view(user, owner) or is_showcased(owner)
    return True  # organizations are public; their licence is checked per file


def can_see(user, att: Attachment, owner) -> bool:
    """May this account open this file?"""
    if not can_see_owner(user, att.owner_kind, owner):
        return False
    if att.kind == "licence":
        return is_member_of(user, owner.id) or bool(
            getattr(user, "is_authenticated", False) and user.is_official
        )
    if att.owner_kind == "pilot" and att.kind == "document":
        # A pilot's documents stay with its parties and officials, even once it is showcased.
        from ..pilots.services import can_view

        return can_view(user, owner)
    return True


def can_attach(user, owner_kind: str, owner) -> bool:
    """Members of the owning organization (of either organization for a pilot)."""
    if not getattr(user, "is_authenticated", False) or user.role != "member":
        return False
    if owner_kind == "pilot":
        return user.org_id in owner.org_ids
    if owner_kind == "organization":
        return user.org_id == owner.id
    return user.org_id == owner.org_id


def ensure_can_attach(user, owner_kind: str, owner) -> None:
    """404 for a record the account cannot see, 403 for one it may see but not change."""
    if not can_see_owner(user, owner_kind, owner) or (
        owner_kind == "pilot" and not _pilot_party_or_official(user, owner)
    ):
        raise NotFoundError()
    if not can_attach(user, owner_kind, owner):
        raise NotAllowed()


def _pilot_party_or_official(user, pilot) -> bool:
    from ..pilots.services import can_view

    return can_view(user, pilot)


def can_remove(user, att: Attachment, owner) -> bool:
    if not can_attach(user, att.owner_kind, owner):
        return False
    # On a pilot each organization removes only its own files.
    return att.owner_kind != "pilot" or att.org_id == user.org_id


# ---------------------------------------------------------------- reading


def attachments_of(
    session: Session, owner_kind: str, owner_id: int, kinds: Iterable[str] = ()
) -> list[Attachment]:
    stmt = select(Attachment).where(Attachment.owner_kind == owner_kind, Attachment.owner_id == owner_id)
    kinds = tuple(kinds)
    if kinds:
        stmt = stmt.where(Attachment.kind.in_(kinds))
    return list(session.scalars(stmt.order_by(Attachment.position, Attachment.id)))


def covers(session: Session, owner_kind: str, owner_ids: Iterable[int]) -> dict[int, Attachment]:
    """The first photo of each record, in one query."""
    ids = list(set(owner_ids))
    if not ids:
        return {}
    rows = session.scalars(
        select(Attachment)
        .where(Attachment.owner_kind == owner_kind, Attachment.owner_id.in_(ids), Attachment.kind == "photo")
        .order_by(Attachment.position, Attachment.id)
    )
    out: dict[int, Attachment] = {}
    for row in rows:
        out.setdefault(row.owner_id, row)
    return out


# ---------------------------------------------------------------- changing


def add(
    session: Session,
    user: User,
    owner_kind: str,
    owner,
    kind: str,
    data: bytes,
    filename: str | None,
    document_type: str | None = None,
) -> Attachment:
    """Clean and store one file for a record. Raises ValidationFailed with a message in
    the request's language for a refused file; the caller checked access."""
    if kind not in ALLOWED_KINDS[owner_kind]:
        raise refusal("kind")
    if document_type and document_type not in DOCUMENT_TYPES:
        raise refusal("document_type")
    count = session.scalar(
        select(func.count())
        .select_from(Attachment)
        .where(Attachment.owner_kind == owner_kind, Attachment.owner_id == owner.id)
    )
    if (count or 0) >= MAX_PER_RECORD:
        raise refusal("too_many")
    try:
        cleaned = files.clean(data, images_only=kind in IMAGES_ONLY)
    except files.Refused as err:
        raise refusal(
            "photo_type" if err.reason == "type" and kind in IMAGES_ONLY and data else err.reason
        ) from err
    if kind == "logo":  # one logo: a new one replaces the old
        for old in attachments_of(session, owner_kind, owner.id, ("logo",)):
            session.delete(old)
    last = session.scalar(
        select(func.max(Attachment.position)).where(
            Attachment.owner_kind == owner_kind, Attachment.owner_id == owner.id
        )
    )
    att = Attachment(
        owner_kind=owner_kind,
        owner_id=owner.id,
        kind=kind,
        document_type=(document_type or "other") if kind == "document" else None,
        filename=files.safe_filename(filename, cleaned.content_type),
        content_type=cleaned.content_type,
        size=len(cleaned.data),
        sha256=cleaned.sha256,
        width=cleaned.width,
        height=cleaned.height,
        data=cleaned.data,
        thumbnail=cleaned.thumbnail,
        thumbnail_type=cleaned.thumbnail_type,
        position=(last or 0) + 1,
        org_id=user.org_id if user is not None else getattr(owner, "org_id", None),
        uploaded_by_id=user.id if user is not None else None,
    )
    session.add(att)
    session.flush()
    _refresh(session, owner)
    return att


def get(session: Session, att_id: int) -> Attachment:
    att = session.get(Attachment, att_id)
    if att is None:
        raise NotFoundError()
    return att


def remove(session: Session, user: User, att: Attachment) -> None:
    """Remove a file: 404 if the account cannot see it, 403 if it may not change it."""
    owner = owner_of(session, att)
    if not can_see(user, att, owner) or (
        att.owner_kind == "pilot" and not _pilot_party_or_official(user, owner)
    ):
        raise NotFoundError()
    if not can_remove(user, att, owner):
        raise NotAllowed()
    session.delete(att)
    session.flush()
    _refresh(session, owner)


def _refresh(session: Session, owner) -> None:
    """The owner's (view-only) list of attachments is read again on next use."""
    if owner is not None and "attachments" in owner.__dict__:
        session.expire(owner, ["attachments"])
