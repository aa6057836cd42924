"""Sending the outbox over SMTP (settings from the environment: SMTP_HOST,
SMTP_PORT, SMTP_USER, SMTP_PASSWORD, MAIL_FROM).

With no SMTP_HOST the mail stays in the outbox table with status `logged` and a
log line: nothing fails for want of a mail server. With SMTP, a request that
queued mail enqueues the `deliver-mail` job once its response is ready (its
transaction committed), so no request waits for a mail server; the job runs in
the job consumer, and a periodic sweep each minute sends whatever is due. A
failed attempt waits before the next (`next_attempt_at`: 1, 2, 4, 8 minutes),
and after MAX_ATTEMPTS the mail is marked failed. Each mail is claimed with a
conditional UPDATE first, so two workers never send it twice."""

from __future__ import annotations

import contextlib
import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import Flask, current_app, g, has_request_context
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ..db import utcnow
from . import models as m
from .models import OutboxMail

log = logging.getLogger("marketplace.mail")

MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 60  # after the n-th failed attempt: BACKOFF_SECONDS * 2 ** (n - 1)


def backoff(attempts: int) -> timedelta:
    """How long a mail waits after its `attempts`-th failed attempt."""
    return timedelta(seconds=BACKOFF_SECONDS * 2 ** max(0, attempts - 1))


def smtp_configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def queued(row: OutboxMail) -> None:
    """Called for each new outbox row (not yet committed)."""
    if not smtp_configured():
        row.status = m.MAIL_LOGGED
        log.info("mail kept in the outbox (no SMTP configured) to=%s subject=%s", row.to_address, row.subject)
        return
    if has_request_context():
        g.mail_pending = True


def _message(row: OutboxMail) -> EmailMessage:
    cfg = current_app.config
    msg = EmailMessage()
    sender = cfg.get("MAIL_FROM") or "noreply@localhost"
    msg["From"] = formataddr(("人形机器人+ 场景供需对接平台", sender)) if "<" not in sender else sender
    msg["To"] = row.to_address
    msg["Subject"] = row.subject
    msg["Message-ID"] = make_msgid(idstring=f"outbox{row.id}")
    msg.set_content(row.body)
    return msg


def _connect() -> smtplib.SMTP:
    cfg = current_app.config
    port = int(cfg.get("SMTP_PORT") or 25)
    if port == 465:
        conn: smtplib.SMTP = smtplib.SMTP_SSL(cfg["SMTP_HOST"], port, timeout=15)
    else:
        conn = smtplib.SMTP(cfg["SMTP_HOST"], port, timeout=15)
        if port == 587:
            conn.starttls()
    if cfg.get("SMTP_USER"):
        conn.login(cfg["SMTP_USER"], cfg.get("SMTP_PASSWORD") or "")
    return conn


def deliver_pending(session: Session, limit: int = 200) -> dict[str, int]:
    """Send pending outbox mail. Runs outside any request's transaction and
    commits its own claims and results."""
    counts = {"sent": 0, "failed": 0, "logged": 0}
    now = utcnow()
    ids = session.scalars(
        select(OutboxMail.id)
        .where(
            OutboxMail.status == m.MAIL_PENDING,
            or_(OutboxMail.next_attempt_at.is_(None), OutboxMail.next_attempt_at <= now),
        )
        .order_by(OutboxMail.id)
        .limit(limit)
    ).all()
    if not ids:
        return counts
    if not smtp_configured():
        session.execute(
            update(OutboxMail)
            .where(OutboxMail.id.in_(ids), OutboxMail.status == m.MAIL_PENDING)
            .values(status=m.MAIL_LOGGED)
        )
        session.commit()
        counts["logged"] = len(ids)
        return counts
    conn = None
    try:
        for mail_id in ids:
            claimed = session.execute(
                update(OutboxMail)
                .where(OutboxMail.id == mail_id, OutboxMail.status == m.MAIL_PENDING)
                .values(status=m.MAIL_SENDING, attempts=OutboxMail.attempts + 1)
            )
            session.commit()
            if claimed.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
                continue  # another worker has it
            row = session.get(OutboxMail, mail_id)
            if row is None:
                continue  # deleted since it was claimed: nothing left to send
            session.refresh(row)
            try:
                if conn is None:
                    conn = _connect()
                conn.send_message(_message(row))
            except (OSError, smtplib.SMTPException) as err:
                row.status = m.MAIL_FAILED if row.attempts >= MAX_ATTEMPTS else m.MAIL_PENDING
                row.next_attempt_at = utcnow() + backoff(row.attempts)
                row.error = str(err)[:500]
                counts["failed"] += 1
                log.warning("mail %s to %s not sent: %s", row.id, row.to_address, err)
                conn = None
            else:
                row.status, row.sent_at, row.error = m.MAIL_SENT, utcnow(), ""
                counts["sent"] += 1
            session.commit()
    finally:
        if conn is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                conn.quit()
    return counts


def init_app(app: Flask) -> None:
    @app.after_request
    def _deliver_after_request(response):
        if g.get("mail_pending") and response.status_code < 400:
            g.mail_pending = False
            from ..jobs import enqueue

            enqueue("deliver-mail")  # the consumer sends it; this request does not wait
        return response
