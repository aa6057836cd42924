"""Notices: `notify` for every feature, the inbox, preferences and daily digests.

A notice is one row per person in the inbox, stored in both languages. Each person
chooses per kind how it is mailed: immediately, in a daily digest, or not at all
("off" also keeps it out of the inbox). Mail goes to the outbox table; `mail.py`
sends it over SMTP when SMTP is configured.

Guarantees: the same notice never reaches the same person twice (a unique key per
person, inserted with ON CONFLICT DO NOTHING so a race cannot break the caller's
transaction); notices about a closed demand or withdrawn offering are not made, and
those waiting for a digest are dropped when their record has closed; match alerts
are mailed at most once a day per person (the first immediately if so chosen, the
rest in the next day's digest), and a person gets at most one digest a day."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_request_context, request, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..db import upsert_insert, utcnow
from ..errors import NotFoundError, ValidationFailed
from ..pagination import Page, paginate
from . import models as m
from .models import DigestRun, Notification, NotificationPreference, OutboxMail

log = logging.getLogger("marketplace.notifications")

IMMEDIATELY, DAILY, OFF = "immediately", "daily", "off"
FREQUENCIES = (IMMEDIATELY, DAILY, OFF)
FREQUENCY_LABELS = {IMMEDIATELY: _l("Immediately"), DAILY: _l("Daily digest"), OFF: _l("Off")}

# kind -> (label, default frequency). Other features may use further kinds: those
# default to immediately and are listed by code.
KINDS: dict[str, tuple] = {
    "pilot": (_l("Updates on my organization's pilots"), IMMEDIATELY),
    "pilot_review": (_l("Pilot applications waiting for review (officials)"), IMMEDIATELY),
    "match_offering": (_l("New offerings that fit my organization's needs"), DAILY),
    "match_demand": (_l("New needs that fit my organization's offerings"), DAILY),
    "booking": (_l("Bookings and leases"), IMMEDIATELY),
    "organization": (_l("My organization: colleagues and verification"), IMMEDIATELY),
    "saved_search": (_l("New records for my saved searches"), IMMEDIATELY),
    "deal_invitation": (_l("Invitations to respond to a need (vendors)"), IMMEDIATELY),
    "deal_response": (_l("Responses and revised prices for my organization's needs"), IMMEDIATELY),
    "deal_message": (_l("Messages about responses"), IMMEDIATELY),
    "deal_decision": (
        _l("Decisions on responses: shortlisted, declined, accepted, withdrawn, expired"),
        IMMEDIATELY,
    ),
}
MATCH_KINDS = frozenset({"match_offering", "match_demand"})
# Kinds whose frequency is chosen elsewhere (per saved search), not on the settings page.
OWN_FREQUENCY_KINDS = frozenset({"saved_search"})
# kind -> fn(session, notice, lang): an extra line under the notice in a digest.
DIGEST_EXTRAS: dict[str, Callable] = {}
SITE_ZONE = ZoneInfo("Asia/Shanghai")


def kind_label(kind: str) -> str:
    entry = KINDS.get(kind)
    return str(entry[0]) if entry else kind


def default_frequency(kind: str) -> str:
    entry = KINDS.get(kind)
    return entry[1] if entry else IMMEDIATELY


def local_day(moment: datetime | None = None) -> date:
    """The site's calendar day (Asia/Shanghai) of a naive UTC timestamp."""
    moment = moment or utcnow()
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(SITE_ZONE).date()


def _day_start_utc(day: date) -> datetime:
    start = datetime(day.year, day.month, day.day, tzinfo=SITE_ZONE)
    return start.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def internal_path(endpoint: str, **values) -> str:
    """A site path for `endpoint`, with or without a request (CLI, listeners)."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)


def _both(text) -> tuple[str, str]:
    """(zh, en) renderings of a plain or lazily translated string."""
    if text is None:
        return "", ""
    if isinstance(text, str):
        return text, text
    with force_locale("zh"):
        zh = str(text)
    with force_locale("en"):
        en = str(text)
    return zh, en


# ---------------------------------------------------------------- closed records


def about_of(records: Iterable) -> str:
    return " ".join(f"{type(r).__name__.lower()}:{r.id}" for r in records if r is not None)


def _record_closed(record) -> bool:
    status = getattr(record, "status", None)
    if status is None:
        return False
    if type(record).__name__ == "Offering":
        return status != "active"
    return status != "open"


def about_closed(session: Session, about: str) -> bool:
    """Whether any demand or offering named in `about` has closed since."""
    from ..listings.models import Demand, Offering

    models = {"demand": Demand, "offering": Offering}
    for part in about.split():
        name, _, raw_id = part.partition(":")
        model = models.get(name)
        if model is None or not raw_id.isdigit():
            continue
        record = session.get(model, int(raw_id))
        if record is None or _record_closed(record):
            return True
    return False


# ---------------------------------------------------------------- preferences


def preferences(session: Session, user: User) -> dict[str, str]:
    chosen = dict(
        session.execute(
            select(NotificationPreference.kind, NotificationPreference.frequency).where(
                NotificationPreference.user_id == user.id
            )
        ).all()
    )
    return {kind: chosen.get(kind, default) for kind, (_label, default) in KINDS.items()} | {
        k: v for k, v in chosen.items() if k not in KINDS
    }


def set_preferences(session: Session, user: User, values: dict[str, str]) -> None:
    choices = ", ".join(FREQUENCIES)
    bad = {
        k: str(_l("must be one of: %(choices)s", choices=choices))
        for k, v in values.items()
        if v not in FREQUENCIES or k not in KINDS
    }
    if bad:
        raise ValidationFailed(str(_l("Please correct the marked fields.")), bad)
    current = {
        p.kind: p
        for p in session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id == user.id)
        )
    }
    for kind, frequency in values.items():
        if kind in current:
            current[kind].frequency = frequency
        else:
            session.add(NotificationPreference(user_id=user.id, kind=kind, frequency=frequency))
    session.flush()


def _frequencies(session: Session, user_ids: list[int], kind: str) -> dict[int, str]:
    if not user_ids:
        return {}
    chosen = dict(
        session.execute(
            select(NotificationPreference.user_id, NotificationPreference.frequency).where(
                NotificationPreference.kind == kind, NotificationPreference.user_id.in_(user_ids)
            )
        ).all()
    )
    default = default_frequency(kind)
    return {uid: chosen.get(uid, default) for uid in user_ids}


# ---------------------------------------------------------------- notify


def _insert_ignoring_duplicate(session: Session, values: dict) -> int | None:
    """Insert a notice; None when this person already has one with this key."""
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        stmt = (
            upsert_insert(session, Notification)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["user_id", "key"])
            .returning(Notification.id)
        )
        return session.execute(stmt).scalar()
    try:  # pragma: no cover - other databases
        with session.begin_nested():
            row = Notification(**values)
            session.add(row)
        return row.id
    except IntegrityError:
        return None


def notify(
    session: Session,
    users: Iterable[User],
    kind: str,
    subject,
    body="",
    link: str = "",
    *,
    key: str | None = None,
    about: Sequence = (),
    frequency: str | None = None,
) -> list[int]:
    """Put a notice in each person's inbox and mail it as each one chose.

    `subject` and `body` may be lazily translated strings (rendered in zh and en)
    or plain text. `key` identifies the notice: a person never gets two with the
    same key (by default the kind, link and text). `about` lists the records the
    notice concerns; if one of them is closed, nobody is notified. `frequency`
    overrides each person's choice for the kind (a saved search carries its own). Returns the ids
    of the notices made. Flushes; the caller commits."""
    if any(_record_closed(r) for r in about):
        return []
    subject_zh, subject_en = _both(subject)
    body_zh, body_en = _both(body)
    if key is None:
        digest = hashlib.sha256(f"{kind}|{link}|{subject_zh}|{body_zh}".encode()).hexdigest()[:40]
        key = f"h:{digest}"
    recipients = {u.id: u for u in users if u is not None and u.active}
    if frequency in FREQUENCIES:
        frequencies = dict.fromkeys(recipients, frequency)
    else:
        frequencies = _frequencies(session, list(recipients), kind)
    made: list[int] = []
    for uid, user in recipients.items():
        chosen = frequencies[uid]
        if chosen == OFF:
            continue
        email_state = m.EMAIL_DIGEST if chosen == DAILY else m.EMAIL_QUEUED
        if email_state == m.EMAIL_QUEUED and kind in MATCH_KINDS and _match_mail_today(session, uid):
            email_state = m.EMAIL_DIGEST  # the cap: one match mail a day, the rest wait
        notice_id = _insert_ignoring_duplicate(
            session,
            {
                "user_id": uid,
                "kind": kind,
                "key": key[:120],
                "subject_zh": subject_zh[:300],
                "subject_en": subject_en[:300],
                "body_zh": body_zh,
                "body_en": body_en,
                "link": link[:500],
                "about": about_of(about)[:200],
                "email_state": email_state,
                "created_at": utcnow(),
            },
        )
        if notice_id is None:
            continue
        made.append(notice_id)
        if email_state == m.EMAIL_QUEUED:
            lang = _lang_of(user)
            subject_text = subject_en if lang == "en" else subject_zh
            body_text = body_en if lang == "en" else body_zh
            _queue_mail(session, user, kind, subject_text, _mail_body(lang, body_text, link))
    session.flush()
    return made


def _match_mail_today(session: Session, user_id: int) -> bool:
    since = _day_start_utc(local_day())
    return bool(
        session.scalar(
            select(func.count())
            .select_from(OutboxMail)
            .where(
                OutboxMail.user_id == user_id,
                OutboxMail.kind.in_(MATCH_KINDS),
                OutboxMail.created_at >= since,
            )
        )
    )


def _lang_of(user: User) -> str:
    lang = user.locale or current_app.config.get("BABEL_DEFAULT_LOCALE", "zh")
    return lang if lang in ("zh", "en") else "zh"


def site_url() -> str:
    configured = current_app.config.get("SITE_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.host_url.rstrip("/")
    return "http://localhost:5000"


def _mail_body(lang: str, body: str, link: str) -> str:
    with force_locale(lang):
        footer = str(
            _l("You can choose which notices you receive, and how, under Notification settings on the site.")
        )
    parts = [body.strip()]
    if link:
        parts.append(site_url() + link if link.startswith("/") else link)
    parts.append("--\n" + footer)
    return "\n\n".join(p for p in parts if p)


def _queue_mail(session: Session, user: User, kind: str, subject: str, body: str) -> OutboxMail:
    from . import mail

    with force_locale(_lang_of(user)):
        prefix = str(_l("[Humanoid Robot+]"))
    row = OutboxMail(
        user_id=user.id,
        to_address=user.email,
        subject=f"{prefix} {subject}"[:300],
        body=body,
        kind=kind,
        status=m.MAIL_PENDING,
        created_at=utcnow(),
    )
    session.add(row)
    mail.queued(row)
    return row


# ---------------------------------------------------------------- the inbox


def unread_count(session: Session, user: User) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )
        or 0
    )


def inbox(session: Session, user: User, page: int = 1, per_page: int = 20, unread_only: bool = False) -> Page:
    stmt = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    return paginate(
        session, stmt.order_by(Notification.created_at.desc(), Notification.id.desc()), page, per_page
    )


def notice_for(session: Session, user: User, notice_id: int) -> Notification:
    notice = session.get(Notification, notice_id)
    if notice is None or notice.user_id != user.id:
        raise NotFoundError()
    return notice


def mark_read(session: Session, user: User, notice_id: int) -> Notification:
    notice = notice_for(session, user, notice_id)
    if notice.read_at is None:
        notice.read_at = utcnow()
    session.flush()
    return notice


def mark_all_read(session: Session, user: User) -> int:
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return result.rowcount or 0  # type: ignore[attr-defined]  # a CursorResult


# ---------------------------------------------------------------- digests


@dataclass
class DigestSummary:
    digests: int = 0
    notices: int = 0
    dropped: int = 0
    deferred: int = 0

    def describe(self) -> str:
        return (
            f"digests written: {self.digests} ({self.notices} notice(s)); dropped about closed "
            f"records: {self.dropped}; waiting for tomorrow (one digest a day): {self.deferred}"
        )


def send_digests(session: Session, now: datetime | None = None) -> DigestSummary:
    """Write today's digest to the outbox for everyone with notices waiting.

    At most one digest per person and day (a unique row per person and day);
    notices whose demand or offering has closed are dropped, not mailed. Flushes;
    the caller commits and then delivers the outbox."""
    now = now or utcnow()
    today = local_day(now)
    summary = DigestSummary()
    user_ids = session.scalars(
        select(Notification.user_id)
        .where(Notification.email_state == m.EMAIL_DIGEST, Notification.created_at <= now)
        .distinct()
        .order_by(Notification.user_id)
    ).all()
    for user_id in user_ids:
        user = session.get(User, user_id)
        waiting = session.scalars(
            select(Notification)
            .where(
                Notification.user_id == user_id,
                Notification.email_state == m.EMAIL_DIGEST,
                Notification.created_at <= now,
            )
            .order_by(Notification.created_at, Notification.id)
        ).all()
        keep = []
        for notice in waiting:
            if notice.about and about_closed(session, notice.about):
                notice.email_state = m.EMAIL_DROPPED
                summary.dropped += 1
            else:
                keep.append(notice)
        if not keep or user is None or not user.active:
            continue
        if session.scalar(select(DigestRun.id).where(DigestRun.user_id == user_id, DigestRun.day == today)):
            summary.deferred += 1
            continue
        try:
            with session.begin_nested():
                session.add(DigestRun(user_id=user_id, day=today, items=len(keep), created_at=now))
        except IntegrityError:  # another run made today's digest a moment ago
            summary.deferred += 1
            continue
        lang = _lang_of(user)
        subject, body = _digest_text(lang, today, keep, session)
        _queue_mail(session, user, "digest", subject, body)
        for notice in keep:
            notice.email_state = m.EMAIL_DIGESTED
        summary.digests += 1
        summary.notices += len(keep)
    session.flush()
    return summary


def _digest_text(
    lang: str, day: date, notices: list[Notification], session: Session | None = None
) -> tuple[str, str]:
    with force_locale(lang):
        subject = str(
            _l("Your daily digest for %(day)s: %(count)s notice(s)", day=day.isoformat(), count=len(notices))
        )
        groups: dict[str, list[Notification]] = {}
        for notice in notices:
            groups.setdefault(notice.kind, []).append(notice)
        lines: list[str] = []
        for kind, items in groups.items():
            lines.append(f"## {kind_label(kind)}")
            for notice in items:
                lines.append(f"- {notice.subject(lang)}")
                if notice.link:
                    lines.append(
                        f"  {site_url()}{notice.link}" if notice.link.startswith("/") else f"  {notice.link}"
                    )
                extra = DIGEST_EXTRAS.get(kind)
                if extra is not None and session is not None:
                    line = extra(session, notice, lang)
                    if line:
                        lines.append(f"  {line}")
            lines.append("")
        body = "\n".join(lines).strip()
        footer = str(
            _l("You can choose which notices you receive, and how, under Notification settings on the site.")
        )
    return subject, f"{body}\n\n--\n{footer}"
