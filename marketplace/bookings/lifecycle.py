"""Making and answering bookings: request or confirm, accept, decline, cancel,
complete; each move follows `workflow.TRANSITIONS`."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..db import utcnow
from ..errors import Conflict, NotAllowed, NotFoundError, ValidationFailed
from ..listings.models import Offering
from . import capacity, workflow
from .models import (
    CONFIRMED,
    REQUESTED,
    Booking,
    BookingEvent,
    BookingSettings,
)
from .notices import _tell, booking_summary
from .pool import future_bookings, holds, lock_pool
from .quotes import check_request, free_units, not_free_message
from .rules import ensure_can_book, ensure_vendor, settings_for, side_of

log = logging.getLogger("marketplace.bookings")


# ---------------------------------------------------------------- booking


def _event(
    booking: Booking,
    user: User | None,
    action: str,
    from_state: str | None,
    comment: str = "",
    now: datetime | None = None,
) -> None:
    booking.events.append(
        BookingEvent(
            actor_id=user.id if user else None,
            action=action,
            from_state=from_state,
            to_state=booking.state,
            comment=(comment or "").strip()[:2000],
            at=now or utcnow(),
        )
    )


def create_booking(
    session: Session,
    user: User,
    offering: Offering,
    mode: object,
    start: object,
    end: object,
    units: object,
    note: str = "",
    now: datetime | None = None,
    submit_key: str | None = None,
) -> Booking:
    """Book `units` units of `offering` over [start, end): confirmed at once or
    requested (waiting for the vendor), as the vendor's settings say; either way the
    units are held. 400 for bad input, 403 for who, 409 when they are not free.

    With a `submit_key` (the confirmation form's), the same form sent again returns
    the booking it made (its `created_at` is then earlier than `now`)."""
    now = now or utcnow()
    customer = ensure_can_book(user, offering)
    settings = settings_for(session, offering.org_id)
    checked = check_request(offering, settings, mode, start, end, units, now)
    pool = lock_pool(session, offering.id)
    if submit_key:
        # Under the pool lock: a twin sent at the same moment waits, then finds this.
        made = session.scalar(select(Booking).where(Booking.submit_key == submit_key))
        if made is not None:
            if made.created_by_id != user.id:
                raise Conflict(_("This form has already been used. Please reload the page."))
            return made
    free = free_units(session, pool, offering.id, checked.start, checked.end)
    if checked.units > free:
        raise Conflict(not_free_message(free), {"units": not_free_message(free)})
    booking = Booking(
        offering_id=offering.id,
        customer_org_id=customer.id,
        vendor_org_id=offering.org_id,
        created_by_id=user.id,
        mode=checked.mode,
        start_at=checked.start,
        end_at=checked.end,
        units=checked.units,
        unit_price=checked.quote.unit_price,
        price=checked.quote.total,
        state=workflow.next_state(None, "confirm" if settings.auto_confirm else "request"),
        note=(note or "").strip()[:2000],
        submit_key=submit_key or None,
        created_at=now,
    )
    session.add(booking)
    _event(booking, user, "confirm" if settings.auto_confirm else "request", None, booking.note, now)
    session.flush()
    if booking.state == CONFIRMED:
        _tell(
            session,
            booking,
            booking.vendor_org_id,
            _l("New booking confirmed: %(title)s", title=offering.title),
            booking_summary(booking),
        )
    else:
        _tell(
            session,
            booking,
            booking.vendor_org_id,
            _l("New booking request: %(title)s", title=offering.title),
            booking_summary(booking, _l("Please accept or decline it.")),
        )
    return booking


def _move(booking: Booking, user: User | None, action: str, comment: str, now: datetime) -> None:
    """Move the booking along the workflow table and record the step."""
    previous = booking.state
    booking.state = workflow.next_state(previous, action)
    _event(booking, user, action, previous, comment, now)


def _lock_booking(session: Session, booking: Booking) -> None:
    """Lock the pool of the booking's offering, then read the booking afresh: of two
    people acting on it at once, the second sees what the first did."""
    lock_pool(session, booking.offering_id)
    session.refresh(booking)


def accept(
    session: Session, booking: Booking, user: User, comment: str = "", now: datetime | None = None
) -> Booking:
    now = now or utcnow()
    if side_of(user, booking) != "vendor":
        raise NotAllowed(_("Only the vendor accepts or declines a booking."))
    _lock_booking(session, booking)
    if workflow.find(booking.state, "accept") is None:
        raise Conflict(_("This booking is no longer waiting for an answer."))
    if booking.start_at <= now:
        raise Conflict(_("This booking's start has passed: it can no longer be accepted."))
    pool = session.scalar(select(Offering.units_available).where(Offering.id == booking.offering_id)) or 0
    # The request already holds its units, so this cannot fail unless the pool was
    # changed behind the services' back; checked anyway, under the lock.
    used = capacity.peak(
        holds(session, booking.offering_id, booking.start_at, booking.end_at),
        booking.start_at,
        booking.end_at,
    )
    if used > pool:
        raise Conflict(not_free_message(pool - (used - booking.units)))
    _move(booking, user, "accept", comment, now)
    session.flush()
    _tell(
        session,
        booking,
        booking.customer_org_id,
        _l("Booking confirmed: %(title)s", title=booking.offering.title),
        booking_summary(booking, comment),
    )
    return booking


def decline(
    session: Session, booking: Booking, user: User, comment: str = "", now: datetime | None = None
) -> Booking:
    now = now or utcnow()
    if side_of(user, booking) != "vendor":
        raise NotAllowed(_("Only the vendor accepts or declines a booking."))
    _lock_booking(session, booking)
    if workflow.find(booking.state, "decline") is None:
        raise Conflict(_("This booking is no longer waiting for an answer."))
    _move(booking, user, "decline", comment, now)
    session.flush()
    _tell(
        session,
        booking,
        booking.customer_org_id,
        _l("Booking declined: %(title)s", title=booking.offering.title),
        booking_summary(booking, comment),
    )
    return booking


def cancel_problem(
    booking: Booking, side: str | None, settings: BookingSettings, now: datetime
) -> str | None:
    """Why this side may not cancel the booking now (None: it may)."""
    if side is None:
        return _("You are not allowed to do this.")
    if not workflow.allowed(booking.state, "cancel", side):
        return _("This booking has already been declined, cancelled or completed.")
    if booking.end_at <= now:
        return _("This booking has ended.")
    notice = timedelta(hours=settings.cancel_notice_hours)
    if side == "customer" and booking.state == CONFIRMED and booking.start_at - notice < now:
        return _(
            "Confirmed bookings can be cancelled up to %(n)d hours before they start. "
            "Please contact the vendor.",
            n=settings.cancel_notice_hours,
        )
    return None


def cancel(
    session: Session, booking: Booking, user: User, comment: str = "", now: datetime | None = None
) -> Booking:
    """Cancel under the vendor's rules: the customer until the notice period before
    the start (a request at any time), the vendor until the end. The other side is
    notified."""
    now = now or utcnow()
    side = side_of(user, booking)
    if side is None:
        raise NotFoundError()
    _lock_booking(session, booking)
    problem = cancel_problem(booking, side, settings_for(session, booking.vendor_org_id), now)
    if problem:
        raise Conflict(problem)
    _move(booking, user, "cancel", comment, now)
    session.flush()
    other = booking.vendor_org_id if side == "customer" else booking.customer_org_id
    _tell(
        session,
        booking,
        other,
        _l("Booking cancelled: %(title)s", title=booking.offering.title),
        booking_summary(booking, comment),
    )
    return booking


def cancel_future_bookings(
    session: Session, offering: Offering, user: User, comment: str, now: datetime | None = None
) -> list[Booking]:
    """The vendor calls off every booking of the offering still to come (requests
    are declined, confirmed ones cancelled); each customer is notified."""
    now = now or utcnow()
    org = ensure_vendor(user)
    if org.id != offering.org_id:
        raise NotAllowed()
    if not (comment or "").strip():
        raise ValidationFailed(_("Tell the customers why."), {"comment": _("Tell the customers why.")})
    lock_pool(session, offering.id)
    changed = []
    for booking in future_bookings(session, offering.id, now):
        session.refresh(booking)
        _move(booking, user, "decline" if booking.state == REQUESTED else "cancel", comment, now)
        changed.append(booking)
    session.flush()
    for booking in changed:
        _tell(
            session,
            booking,
            booking.customer_org_id,
            _l("Booking cancelled by the vendor: %(title)s", title=offering.title),
            booking_summary(booking, comment),
        )
    return changed


def complete_past(session: Session, now: datetime | None = None) -> tuple[int, int]:
    """Mark confirmed bookings that have ended as completed, and requests whose start
    passed unanswered as declined. Returns (completed, expired)."""
    now = now or utcnow()
    counts = []
    for action, column, comment in (
        ("complete", Booking.end_at, ""),
        ("expire", Booking.start_at, "not answered before the start"),
    ):
        (state,) = workflow.from_states(action)
        to_state = workflow.next_state(state, action)
        ids = list(session.scalars(select(Booking.id).where(Booking.state == state, column <= now)))
        done = 0
        for booking_id in ids:
            # Conditional: a booking someone changed meanwhile is left alone.
            result = session.execute(
                update(Booking)
                .where(Booking.id == booking_id, Booking.state == state)
                .values(state=to_state, updated_at=now),
                execution_options={"synchronize_session": False},
            )
            if result.rowcount:  # type: ignore[attr-defined]  # a CursorResult
                session.add(
                    BookingEvent(
                        booking_id=booking_id,
                        action=action,
                        from_state=state,
                        to_state=to_state,
                        comment=comment,
                        at=now,
                    )
                )
                done += 1
        counts.append(done)
    session.flush()
    return counts[0], counts[1]
