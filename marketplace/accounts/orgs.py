"""Organization profiles, colleagues and licence verification.

Domain code: a session and plain arguments, flushes, never commits. Every step
writes a row of the organization's history (OrgEvent) and notifies its managers."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import utcnow
from ..errors import Conflict, NotAllowed, NotFoundError, ValidationFailed
from .models import Organization, OrgEvent, OrgInvitation, User
from .services import create_user, find_user, normalise_email

INVITATION_DAYS = 7
PROFILE_FIELDS = ("description", "website", "contact_name", "contact_phone", "contact_email")

# History actions and how they read.
ACTION_LABELS = {
    "profile_edited": _l("Profile edited"),
    "invited": _l("Colleague invited"),
    "joined": _l("Colleague joined"),
    "removed": _l("Colleague removed"),
    "left": _l("Colleague left"),
    "manager_handed_over": _l("Manager role handed over"),
    "licence_uploaded": _l("Business licence uploaded"),
    "verification_requested": _l("Verification requested"),
    "verified": _l("Verified"),
    "verification_rejected": _l("Verification rejected"),
    "verification_revoked": _l("Verification revoked"),
}


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def log_event(
    session: Session, org: Organization, action: str, actor: User | None, detail: str = ""
) -> OrgEvent:
    """Record one change of an organization in its history."""
    event = OrgEvent(
        org_id=org.id,
        action=action,
        actor_id=actor.id if actor is not None else None,
        actor_name=(actor.name or actor.email) if actor is not None else "",
        detail=detail,
        created_at=utcnow(),
    )
    session.add(event)
    session.flush()
    return event


def _notify_managers(
    session: Session, org: Organization, subject, body="", exclude: User | None = None, key: str | None = None
) -> None:
    from ..notifications import notify
    from ..notifications.services import internal_path

    managers = [m for m in org.managers if exclude is None or m.id != exclude.id]
    if managers:
        notify(
            session,
            managers,
            "organization",
            subject,
            body,
            internal_path("accounts.org_detail", ref=org.ref),
            key=key,
        )


def history(session: Session, org: Organization, limit: int = 50) -> list[OrgEvent]:
    """The organization's latest changes, newest first."""
    return list(
        session.scalars(
            select(OrgEvent)
            .where(OrgEvent.org_id == org.id)
            .order_by(OrgEvent.created_at.desc(), OrgEvent.id.desc())
            .limit(limit)
        )
    )


def ensure_member(user, org: Organization) -> None:
    """NotAllowed unless `user` is a signed-in member of `org`."""
    if not (getattr(user, "is_authenticated", False) and user.belongs_to(org.id)):
        raise NotAllowed()


def ensure_manager(user, org: Organization) -> None:
    """NotAllowed unless `user` manages `org`."""
    ensure_member(user, org)
    if not user.is_manager:
        raise NotAllowed(str(_l("Only the organization's manager may do this.")))


# ---------------------------------------------------------------- profile


def update_profile(session: Session, user: User, org: Organization, values: dict) -> list[str]:
    """Change the profile fields given; returns the names of those that changed."""
    ensure_member(user, org)
    changed = []
    for key in PROFILE_FIELDS:
        if key not in values:
            continue
        value = (values[key] or "").strip()
        if key == "contact_email" and value:
            value = normalise_email(value)
        if getattr(org, key) != value:
            setattr(org, key, value)
            changed.append(key)
    if changed:
        org.updated_at = utcnow()
        log_event(session, org, "profile_edited", user, ", ".join(changed))
    session.flush()
    return changed


# ---------------------------------------------------------------- colleagues


def invite(session: Session, user: User, org: Organization, email: str) -> tuple[OrgInvitation, str]:
    """Invite a colleague; returns the invitation and its raw token (for the link, mailed once)."""
    ensure_member(user, org)
    email = normalise_email(email)
    existing = find_user(session, email)
    if existing is not None:
        if existing.org_id == org.id and existing.active:
            raise ValidationFailed(
                "already a member",
                {"email": str(_l("This person is already a member of your organization."))},
            )
        raise ValidationFailed(
            "has an account",
            {"email": str(_l("This address already has an account with another organization."))},
        )
    now = utcnow()
    for old in session.scalars(
        select(OrgInvitation).where(
            OrgInvitation.org_id == org.id, OrgInvitation.email == email, OrgInvitation.used_at.is_(None)
        )
    ):
        old.cancelled = True  # the newest link replaces any earlier one
    raw = secrets.token_urlsafe(32)
    inv = OrgInvitation(
        org_id=org.id,
        email=email,
        token_hash=_hash(raw),
        invited_by_id=user.id,
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    session.add(inv)
    session.flush()
    log_event(session, org, "invited", user, email)
    return inv, raw


def queue_invitation_mail(session: Session, inv: OrgInvitation, raw: str, inviter: User, lang: str) -> None:
    """The invitation goes to the outbox (sent over SMTP when configured)."""
    from flask_babel import force_locale

    from ..notifications import mail
    from ..notifications.models import MAIL_PENDING, OutboxMail
    from ..notifications.services import site_url

    link = f"{site_url()}/invitations/{raw}"
    org = inv.organization
    with force_locale(lang):
        subject = str(
            _l(
                "[Humanoid Robot+] %(name)s invites you to join %(org)s",
                name=inviter.name or inviter.email,
                org=org.name,
            )
        )
        body = str(
            _l(
                "%(name)s invites you to join %(org)s on the Humanoid Robot+ Scenario Marketplace.\n\n"
                "Open this link to create your account (it works once, for 7 days):\n%(link)s",
                name=inviter.name or inviter.email,
                org=org.name,
                link=link,
            )
        )
    row = OutboxMail(
        user_id=None, to_address=inv.email, subject=subject[:300], body=body, kind="invitation",
        status=MAIL_PENDING, created_at=utcnow(),
    )  # fmt: skip
    session.add(row)
    mail.queued(row)


def invitation_for(session: Session, raw: str) -> OrgInvitation:
    """The invitation behind a link; NotFoundError if unknown, Conflict if used or expired."""
    inv = session.scalar(select(OrgInvitation).where(OrgInvitation.token_hash == _hash(raw or "")))
    if inv is None or inv.cancelled:
        raise NotFoundError(str(_l("This invitation link is not valid. Ask your colleague for a new one.")))
    if inv.used_at is not None:
        raise Conflict(str(_l("This invitation has already been used. Sign in instead.")))
    if inv.expires_at < utcnow():
        raise Conflict(str(_l("This invitation has expired. Ask your colleague for a new one.")))
    return inv


def accept(session: Session, raw: str, name: str, password: str) -> User:
    """Create the invited colleague's account; the link then stops working."""
    inv = invitation_for(session, raw)
    org = inv.organization
    user = create_user(session, inv.email, password, "member", org, name.strip())
    inv.used_at = utcnow()
    session.flush()
    event = log_event(session, org, "joined", user, inv.email)
    _notify_managers(
        session,
        org,
        _l("A colleague joined your organization"),
        f"{user.name} <{user.email}>",
        exclude=user,
        key=f"org-event:{event.id}",
    )
    return user


def remove_member(session: Session, actor: User, org: Organization, member: User) -> None:
    """A manager removes a colleague, or a member leaves. The last manager cannot go."""
    ensure_member(actor, org)
    if member.org_id != org.id or member.role != "member" or not member.active:
        raise NotFoundError()
    if member.id != actor.id and not actor.is_manager:
        raise NotAllowed(str(_l("Only the organization's manager may remove a colleague.")))
    if member.is_manager and len(org.managers) <= 1:
        raise Conflict(
            str(_l("The organization's last manager cannot be removed: hand the role over first."))
        )
    # The account ends; what it posted stays with the organization.
    member.active = False
    member.is_manager = False
    member.rotate_session()
    session.flush()
    event = log_event(session, org, "left" if member.id == actor.id else "removed", actor, member.email)
    _notify_managers(
        session,
        org,
        _l("A colleague left your organization"),
        member.email,
        exclude=actor,
        key=f"org-event:{event.id}",
    )


def hand_over(session: Session, actor: User, org: Organization, member: User) -> None:
    """The manager hands the role to a colleague."""
    ensure_manager(actor, org)
    if member.org_id != org.id or member.role != "member" or not member.active or member.id == actor.id:
        raise NotFoundError()
    member.is_manager = True
    actor.is_manager = False
    session.flush()
    event = log_event(session, org, "manager_handed_over", actor, member.email)
    _notify_managers(
        session, org, _l("You are now your organization's manager"), org.name, key=f"org-event:{event.id}"
    )


# ---------------------------------------------------------------- verification


def licences(session: Session, org: Organization):
    """The organization's uploaded business licences."""
    from ..attachments.services import attachments_of

    return attachments_of(session, "organization", org.id, ("licence",))


def request_verification(session: Session, user: User, org: Organization) -> None:
    """A member asks for verification; needs a licence, refused when pending or granted."""
    ensure_member(user, org)
    if org.verified or org.verification == "pending":
        raise Conflict(str(_l("Verification has already been requested or granted.")))
    if not licences(session, org):
        raise ValidationFailed(
            "no licence", {"licence": str(_l("Upload your business licence (营业执照) first."))}
        )
    org.verification = "pending"
    org.verification_note = ""
    session.flush()
    event = log_event(session, org, "verification_requested", user)
    _notify_managers(
        session,
        org,
        _l("Verification requested"),
        _l("An official will check your business licence."),
        key=f"org-event:{event.id}",
    )


def _ensure_official(user) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_official):
        raise NotAllowed()


def _offerings_changed(session: Session, org: Organization) -> None:
    """The badge is part of each offering's score (trust): its offerings count as
    changed for what hangs off listing changes (stored best scores, match alerts,
    saved searches filtering on verified organizations). Run after the caller's
    `commit_and_publish`."""
    from ..listings.hooks import listings_changed  # deferred: listings build on accounts
    from ..listings.models import Offering

    ids = session.scalars(select(Offering.id).where(Offering.org_id == org.id)).all()
    listings_changed(session, offering_ids=ids)


def approve(session: Session, official: User, org: Organization) -> None:
    """An official verifies the organization."""
    _ensure_official(official)
    if org.verification == "verified" and org.verified:
        raise Conflict(str(_l("This organization is already verified.")))
    org.verification, org.verified, org.verified_at, org.verification_note = "verified", True, utcnow(), ""
    session.flush()
    _offerings_changed(session, org)
    event = log_event(session, org, "verified", official)
    _notify_managers(
        session,
        org,
        _l("Your organization is verified"),
        _l("The verified badge now shows on your organization's records."),
        key=f"org-event:{event.id}",
    )


def reject(session: Session, official: User, org: Organization, reason: str) -> None:
    """An official refuses verification, giving the reason the organization sees."""
    _ensure_official(official)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            "reason required", {"reason": str(_l("Give the reason, so the organization can put it right."))}
        )
    if org.verification != "pending":
        raise Conflict(str(_l("Only a pending request can be rejected.")))
    org.verification, org.verification_note = "rejected", reason[:2000]
    session.flush()
    event = log_event(session, org, "verification_rejected", official, reason[:2000])
    _notify_managers(
        session, org, _l("Your verification request was rejected"), reason, key=f"org-event:{event.id}"
    )


def revoke(session: Session, official: User, org: Organization, reason: str = "") -> None:
    """An official withdraws a verification."""
    _ensure_official(official)
    if not org.verified:
        raise Conflict(str(_l("This organization is not verified.")))
    org.verification, org.verified, org.verified_at = "revoked", False, None
    org.verification_note = (reason or "").strip()[:2000]
    session.flush()
    _offerings_changed(session, org)
    event = log_event(session, org, "verification_revoked", official, org.verification_note)
    _notify_managers(
        session,
        org,
        _l("Your organization's verification was revoked"),
        org.verification_note,
        key=f"org-event:{event.id}",
    )
