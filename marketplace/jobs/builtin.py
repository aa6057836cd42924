"""The site's jobs. Other features declare theirs the same way in their own
modules (`from marketplace.jobs import periodic`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from . import LISTING_ALERT_HANDLERS, job, periodic


@periodic("complete-bookings", period="hour")
def complete_bookings(session: Session) -> str:
    """Ended bookings become completed; unanswered past requests declined."""
    from ..bookings.services import complete_past

    completed, expired = complete_past(session)
    return f"{completed} completed, {expired} declined"


@periodic("send-digests", period="day")
def send_digests(session: Session) -> str:
    """Today's digests into the outbox; the mail job sends them."""
    from ..notifications.services import send_digests as write_digests
    from . import enqueue

    summary = write_digests(session)
    session.commit()
    enqueue("deliver-mail")
    return summary.describe()


@job("deliver-mail", retries=3, retry_delay=10)
def deliver_mail(session: Session) -> dict[str, int]:
    """Send the outbox's due mail (each mail keeps its own back-off in the table)."""
    from ..notifications.mail import deliver_pending

    return deliver_pending(session)


@periodic("deliver-mail-sweep", period="minute")
def deliver_mail_sweep(session: Session) -> dict[str, int]:
    """Each minute: mail whose back-off has passed, or whose job was lost."""
    from ..notifications.mail import deliver_pending

    return deliver_pending(session)


@job("listing-alerts", retries=2, retry_delay=30)
def listing_alerts(session: Session, demand_ids: list[int], offering_ids: list[int]) -> int:
    """Match alerts for changed listings, then the handlers other features added
    (saved-search alerts, …)."""
    from ..notifications.alerts import run_alerts

    made = run_alerts(session, demand_ids, offering_ids)
    for handler in list(LISTING_ALERT_HANDLERS):
        session.flush()
        handler(session, demand_ids, offering_ids)
    return made
