"""Bookings: availability, booking, accepting, cancelling, and the capacity rule.

The rule: at no instant are more units promised (requested and confirmed
bookings, running subscriptions) than the offering's pool has. Every change that
can add a hold or shrink the pool first locks the offering's pool row, then
checks per instant (`capacity.peak`), then writes, inside one transaction:

- SQLite: the caller opens the transaction with `db.begin_write` (BEGIN
  IMMEDIATE), so one writer at a time; the version bump of the pool row would
  take the write lock too if it had not been taken yet.
- PostgreSQL: `SELECT … FOR UPDATE` of the pool row; every booking of the same
  offering waits for the one before it to commit, then reads what it wrote
  (READ COMMITTED gives each statement a fresh snapshot).

Services flush; the views, the API and the CLI commit."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..db import utcnow
from ..errors import Conflict, NotAllowed, NotFoundError, ValidationFailed
from ..listings.models import Offering
from . import capacity, periods, pricing
from .capacity import Hold
from .models import (
    BOOKABLE_MODES,
    CANCELLED,
    COMPLETED,
    CONFIRMED,
    DECLINED,
    HOLDING,
    REQUESTED,
    Booking,
    BookingEvent,
    BookingSettings,
    CapacityPool,
)

log = logging.getLogger("marketplace.bookings")

FAR_FUTURE = datetime(9999, 1, 1)


# ---------------------------------------------------------------- settings


def settings_for(session: Session, org_id: int) -> BookingSettings:
    """The vendor's settings; the defaults (not stored) when it has never saved any."""
    found = session.get(BookingSettings, org_id)
    return found if found is not None else BookingSettings(org_id=org_id, **BookingSettings.DEFAULTS)


def save_settings(session: Session, user: User, values: dict) -> BookingSettings:
    org = ensure_vendor(user)
    found = session.get(BookingSettings, org.id)
    if found is None:
        found = BookingSettings(org_id=org.id, **BookingSettings.DEFAULTS)
        session.add(found)
    for key in BookingSettings.DEFAULTS:
        if key in values:
            setattr(found, key, values[key])
    session.flush()
    return found


# ---------------------------------------------------------------- who may do what


def ensure_vendor(user: User):
    """The organization of a member of a supply-side organization, or 403."""
    org = getattr(user, "organization", None) if getattr(user, "is_authenticated", False) else None
    if user is None or org is None or user.role != "member" or not org.posts_offerings:
        raise NotAllowed(_("Only members of an organization that offers robots can do this."))
    return org


def ensure_can_book(user: User | None, offering: Offering):
    """The customer organization, or 403: a member of a demand-side organization,
    not the offering's own."""
    org = getattr(user, "organization", None) if getattr(user, "is_authenticated", False) else None
    if user is None or org is None or user.role != "member" or not org.posts_demands:
        raise NotAllowed(_("Only members of an organization that posts needs can book robots."))
    if org.id == offering.org_id:
        raise NotAllowed(_("Your organization cannot book its own offering."))
    return org


def side_of(user: User | None, booking: Booking) -> str | None:
    """'customer', 'vendor' or None for this user and booking."""
    if user is None or not getattr(user, "is_authenticated", False) or user.role != "member":
        return None
    if user.org_id == booking.customer_org_id:
        return "customer"
    if user.org_id == booking.vendor_org_id:
        return "vendor"
    return None


def booking_for(session: Session, booking_id: int, user: User | None) -> Booking:
    """A booking that the user's organization is a party to; 404 for anyone else."""
    booking = session.get(Booking, booking_id)
    if booking is None or side_of(user, booking) is None:
        raise NotFoundError()
    return booking


def bookable_modes(offering: Offering) -> list[str]:
    """The offering's modes that are booked over time, in the vendor's order."""
    return [m["mode"] for m in offering.modes if m["mode"] in BOOKABLE_MODES]


# ---------------------------------------------------------------- the pool lock


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def lock_pool(session: Session, offering_id: int) -> int:
    """Lock the offering's pool row for the rest of the transaction and return the
    pool's size (the offering's `units_available`, read after the lock)."""
    try:
        found = session.scalar(
            select(CapacityPool.offering_id).where(CapacityPool.offering_id == offering_id).with_for_update()
        )
        if found is None:
            if _is_sqlite(session):
                from sqlalchemy.dialects.sqlite import insert
            else:
                from sqlalchemy.dialects.postgresql import insert
            # Two first bookings at once: one inserts, the other waits on the key and skips.
            session.execute(
                insert(CapacityPool)
                .values(offering_id=offering_id, version=0, changed_at=utcnow())
                .on_conflict_do_nothing(index_elements=["offering_id"])
            )
            session.scalar(
                select(CapacityPool.offering_id)
                .where(CapacityPool.offering_id == offering_id)
                .with_for_update()
            )
        # A write to the row: on SQLite it takes the database's write lock if the
        # transaction does not hold it yet; everywhere it counts the changes.
        session.execute(
            update(CapacityPool)
            .where(CapacityPool.offering_id == offering_id)
            .values(version=CapacityPool.version + 1, changed_at=utcnow()),
            execution_options={"synchronize_session": False},
        )
    except OperationalError as err:
        # SQLite refuses a write in a transaction whose snapshot another writer has
        # overtaken (SQLITE_BUSY_SNAPSHOT, "database is locked"). Say so plainly.
        if _is_sqlite(session) and "locked" in str(err.orig).lower():
            session.rollback()
            raise Conflict(
                _("The bookings of this offering changed at the same moment. Please try again.")
            ) from None
        raise
    units = session.scalar(select(Offering.units_available).where(Offering.id == offering_id))
    if units is None:
        raise NotFoundError()
    return units


def holds(
    session: Session, offering_id: int, start: datetime, end: datetime, exclude: int | None = None
) -> list[Hold]:
    """The units held by the offering's requested and confirmed bookings that
    overlap [start, end) (stored UTC)."""
    stmt = select(Booking.start_at, Booking.end_at, Booking.units).where(
        Booking.offering_id == offering_id,
        Booking.state.in_(HOLDING),
        Booking.start_at < end,
        Booking.end_at > start,
    )
    if exclude is not None:
        stmt = stmt.where(Booking.id != exclude)
    return [Hold(s, e, u) for s, e, u in session.execute(stmt).all()]


# ---------------------------------------------------------------- checking a request


@dataclass(frozen=True)
class Checked:
    """A request that passed every check but the capacity one."""

    mode: str
    start: datetime  # stored UTC
    end: datetime
    units: int
    quote: pricing.Quote


def check_request(
    offering: Offering,
    settings: BookingSettings,
    mode: object,
    start: object,
    end: object,
    units: object,
    now: datetime,
) -> Checked:
    """Everything about a booking request that does not depend on other bookings.

    `start` and `end` are aware datetimes (or anything else, refused). Every fault
    is reported at once, each under its field; nothing is written."""
    fields: dict[str, str] = {}
    modes = bookable_modes(offering)
    if offering.status != "active":
        fields["offering"] = _("This offering is not open for booking.")
    if not isinstance(mode, str) or mode not in BOOKABLE_MODES:
        fields["mode"] = _("Choose one of: %(modes)s.", modes=", ".join(BOOKABLE_MODES))
    elif mode not in modes:
        fields["mode"] = (
            _(
                "This offering cannot be booked this way. It can be booked as: %(modes)s.",
                modes=", ".join(modes),
            )
            if modes
            else _("This offering is not offered for lease, shared use or subscription.")
        )
    if isinstance(units, bool) or not isinstance(units, int):
        fields["units"] = _("Give the number of units as a whole number.")
    elif units < 1:
        fields["units"] = _("Book at least 1 unit.")
    elif units > offering.units_available:
        fields["units"] = _("The offering has only %(n)d units in all.", n=offering.units_available)
    good_start = isinstance(start, datetime) and start.tzinfo is not None
    good_end = isinstance(end, datetime) and end.tzinfo is not None
    if not good_start:
        fields["start"] = _(
            "Give the start as a date and time with its time zone, e.g. 2026-12-01T09:00:00+08:00."
        )
    if not good_end:
        fields["end"] = _(
            "Give the end as a date and time with its time zone, e.g. 2026-12-01T11:00:00+08:00."
        )
    if good_start and good_end:
        start_utc, end_utc = periods.to_utc(start), periods.to_utc(end)
        if end_utc <= start_utc:
            fields["end"] = _("The end must come after the start.")
        if start_utc < now:
            fields["start"] = _("The start is in the past.")
        elif start_utc < now + timedelta(hours=settings.min_lead_hours):
            fields["start"] = _(
                "This vendor takes bookings at least %(n)d hours ahead.", n=settings.min_lead_hours
            )
        if mode in modes and "end" not in fields:
            _check_period(mode, start, end, settings, fields)
    if fields:
        raise ValidationFailed(_("The booking could not be made: see the fields."), fields)
    unit_price = offering.price_for(mode)
    return Checked(mode, start_utc, end_utc, units, pricing.quote(mode, unit_price, units, start, end))


def _check_service_hours(
    start: datetime, end: datetime, settings: BookingSettings, fields: dict[str, str]
) -> None:
    """Shared use lies within one day's service hours (Beijing time) when the vendor set them."""
    first, last = settings.service_start_hour, settings.service_end_hour
    if (first, last) == (0, 24):
        return
    local = start.astimezone(periods.SITE_ZONE)
    opens = periods.local_at(local.date(), first)
    closes = periods.local_midnight(local.date()) + timedelta(hours=last)
    if local < opens or end.astimezone(periods.SITE_ZONE) > closes:
        fields.setdefault(
            "start",
            _(
                "This vendor offers shared use from %(first)s to %(last)s (Beijing time), within one day.",
                first=f"{first:02d}:00",
                last=f"{last:02d}:00",
            ),
        )


def _check_period(
    mode: str, start: datetime, end: datetime, settings: BookingSettings, fields: dict[str, str]
) -> None:
    if mode == "sharing":
        if not periods.is_whole_hour(start):
            fields.setdefault("start", _("Shared use is booked in whole hours: start on the hour."))
        if not periods.is_whole_hour(end):
            fields["end"] = _("Shared use is booked in whole hours: end on the hour.")
        elif (end - start) > timedelta(hours=settings.max_sharing_hours):
            fields["end"] = _(
                "This vendor takes shared-use bookings of at most %(n)d hours.", n=settings.max_sharing_hours
            )
        _check_service_hours(start, end, settings, fields)
        return
    if not periods.is_local_midnight(start):
        fields.setdefault("start", _("Leases and subscriptions start at midnight (00:00, Beijing time)."))
    if not periods.is_local_midnight(end):
        fields["end"] = _("Leases and subscriptions end at midnight (00:00, Beijing time): book whole days.")
        return
    first = start.astimezone(periods.SITE_ZONE).date()
    last = end.astimezone(periods.SITE_ZONE).date()
    if mode == "lease":
        if (last - first).days > settings.max_lease_days:
            fields["end"] = _(
                "This vendor leases for at most %(n)d days at a time.", n=settings.max_lease_days
            )
        return
    months = periods.whole_months(first, last)
    if months is None:
        fields["end"] = _("A subscription runs for whole months: end on the same day of a later month.")
    elif months > settings.max_subscription_months:
        fields["end"] = _(
            "This vendor takes subscriptions of at most %(n)d months.", n=settings.max_subscription_months
        )


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


def not_free_message(free: int) -> str:
    if free <= 0:
        return _("No unit is free for the whole of this period.")
    return _("Only %(n)d units are free for the whole of this period.", n=free)


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
    used = capacity.peak(holds(session, offering.id, checked.start, checked.end), checked.start, checked.end)
    if used + checked.units > pool:
        free = max(0, pool - used)
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
        state=CONFIRMED if settings.auto_confirm else REQUESTED,
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
    if booking.state != REQUESTED:
        raise Conflict(_("This booking is no longer waiting for an answer."))
    if booking.start_at <= now:
        raise Conflict(_("This booking's start has passed: it can no longer be accepted."))
    pool = session.scalar(select(Offering.units_available).where(Offering.id == booking.offering_id))
    # The request already holds its units, so this cannot fail unless the pool was
    # changed behind the services' back; checked anyway, under the lock.
    used = capacity.peak(
        holds(session, booking.offering_id, booking.start_at, booking.end_at),
        booking.start_at,
        booking.end_at,
    )
    if used > pool:
        raise Conflict(not_free_message(pool - (used - booking.units)))
    booking.state = CONFIRMED
    _event(booking, user, "accept", REQUESTED, comment, now)
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
    if booking.state != REQUESTED:
        raise Conflict(_("This booking is no longer waiting for an answer."))
    booking.state = DECLINED
    _event(booking, user, "decline", REQUESTED, comment, now)
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
    if booking.state not in HOLDING:
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
    previous = booking.state
    booking.state = CANCELLED
    _event(booking, user, "cancel", previous, comment, now)
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


def future_bookings(session: Session, offering_id: int, now: datetime) -> list[Booking]:
    """The offering's requested and confirmed bookings that have not ended."""
    return list(
        session.scalars(
            select(Booking)
            .where(Booking.offering_id == offering_id, Booking.state.in_(HOLDING), Booking.end_at > now)
            .order_by(Booking.start_at, Booking.id)
        )
    )


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
        previous = booking.state
        booking.state = DECLINED if previous == REQUESTED else CANCELLED
        _event(booking, user, "decline" if previous == REQUESTED else "cancel", previous, comment, now)
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
    for state, to_state, column, action, comment in (
        (CONFIRMED, COMPLETED, Booking.end_at, "complete", ""),
        (REQUESTED, DECLINED, Booking.start_at, "expire", "not answered before the start"),
    ):
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
            if result.rowcount:
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


# ---------------------------------------------------------------- the pool and the offering


def check_offering_change(
    session: Session,
    offering: Offering,
    new_units: int | None,
    new_status: str | None,
    now: datetime | None = None,
) -> None:
    """Refuse (409) an offering change that would break bookings still to come:
    a pool below what they need at their busiest instant, or a withdrawal (any
    status but active) while some remain. Call it before applying the change, in
    the transaction that commits it: it locks the pool until then, so no booking
    can slip in between the check and the change."""
    now = now or utcnow()
    units = new_units if new_units is not None else offering.units_available
    status = new_status if new_status is not None else offering.status
    lowering = units < offering.units_available
    leaving = status != "active"
    if not lowering and not leaving:
        return
    # Always under the lock, even for an offering never booked: a first booking
    # racing this change must wait, then read the new pool size.
    lock_pool(session, offering.id)
    future = future_bookings(session, offering.id, now)
    if leaving and future:
        confirmed = sum(1 for b in future if b.state == CONFIRMED)
        message = _(
            "This offering has %(n)d bookings still to come (%(c)d confirmed, %(r)d waiting for "
            "your answer). Cancel them first on the offering's bookings page; the customers "
            "are notified.",
            n=len(future),
            c=confirmed,
            r=len(future) - confirmed,
        )
        raise Conflict(message, {"status": message})
    if lowering:
        needed = capacity.peak([Hold(b.start_at, b.end_at, b.units) for b in future], now, FAR_FUTURE)
        if units < needed:
            message = _(
                "Bookings still to come need %(n)d units at their busiest time: the units "
                "available cannot be set lower than that.",
                n=needed,
            )
            raise Conflict(message, {"units_available": message})


# ---------------------------------------------------------------- availability


@dataclass
class Availability:
    pool: int
    start: datetime  # stored UTC
    end: datetime
    segments: list[capacity.Segment]
    own: list[Hold]  # the viewer's organization's holds, to mark "yours"

    def free_in(self, bounds: list[datetime]) -> list[int]:
        """Free units in each [bi, bi+1): the pool less the most held at any instant."""
        return [max(0, self.pool - used) for used in capacity.most_used_per_bucket(self.segments, bounds)]

    def own_in(self, bounds: list[datetime]) -> list[int]:
        return [capacity.peak(self.own, lo, hi) for lo, hi in zip(bounds, bounds[1:], strict=False)]


def availability(
    session: Session, offering: Offering, start: datetime, end: datetime, viewer_org_id: int | None = None
) -> Availability:
    """Units held and free over [start, end) (stored UTC). A plain read: the numbers
    may change a moment later; only booking decides, under the lock."""
    found = holds(session, offering.id, start, end)
    own: list[Hold] = []
    if viewer_org_id is not None:
        own = [
            Hold(s, e, u)
            for s, e, u in session.execute(
                select(Booking.start_at, Booking.end_at, Booking.units).where(
                    Booking.offering_id == offering.id,
                    Booking.state.in_(HOLDING),
                    Booking.customer_org_id == viewer_org_id,
                    Booking.start_at < end,
                    Booking.end_at > start,
                )
            )
        ]
    return Availability(offering.units_available, start, end, capacity.segments(found, start, end), own)


def day_calendar(av: Availability, first: date, days: int) -> list[dict]:
    bounds = periods.day_bounds(first, days)
    free, own = av.free_in(bounds), av.own_in(bounds)
    return [
        {
            "date": first + timedelta(days=i),
            "start": bounds[i],
            "end": bounds[i + 1],
            "free": free[i],
            "own": own[i],
        }
        for i in range(days)
    ]


def hour_calendar(av: Availability, day: date) -> list[dict]:
    bounds = periods.hour_bounds(day)
    free, own = av.free_in(bounds), av.own_in(bounds)
    return [
        {"hour": i, "start": bounds[i], "end": bounds[i + 1], "free": free[i], "own": own[i]}
        for i in range(24)
    ]


# ---------------------------------------------------------------- lists


def bookings_of(
    session: Session, org_id: int, side: str, state: str | None = None, offering_id: int | None = None
) -> list[Booking]:
    column = Booking.customer_org_id if side == "customer" else Booking.vendor_org_id
    stmt = select(Booking).where(column == org_id)
    if state:
        stmt = stmt.where(Booking.state == state)
    if offering_id is not None:
        stmt = stmt.where(Booking.offering_id == offering_id)
    return list(session.scalars(stmt.order_by(Booking.start_at.desc(), Booking.id.desc()).limit(500)))


# ---------------------------------------------------------------- notices


def booking_summary(booking: Booking, extra=None):
    """The body of a notice about a booking (lazily translated: rendered in zh and en)."""
    start, end = periods.to_local(booking.start_at), periods.to_local(booking.end_at)
    body = _l(
        "%(customer)s: %(units)d units, %(start)s to %(end)s (Beijing time), %(price)s CNY.",
        customer=booking.customer.name if booking.customer else "",
        units=booking.units,
        start=start.strftime("%Y-%m-%d %H:%M"),
        end=end.strftime("%Y-%m-%d %H:%M"),
        price=f"{booking.price:,.2f}",
    )
    return _Joined(body, extra) if extra else body


class _Joined:
    """Two texts, each rendered in the active language when turned into a string."""

    def __init__(self, *parts):
        self.parts = parts

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.parts if p and str(p).strip())


def _tell(session: Session, booking: Booking, org_id: int, subject, body) -> None:
    """Notify the members of one party, through the notifications inbox when it is
    part of the site; the booking's history (seen by both parties) records it too."""
    from .. import FEATURES

    if "notifications" not in FEATURES:
        log.info("booking %s: notice for organization %s: %s", booking.id, org_id, str(subject))
        return
    from ..notifications.services import notify

    members = session.scalars(
        select(User).where(User.org_id == org_id, User.role == "member", User.active)
    ).all()
    notify(
        session,
        members,
        "booking",
        subject,
        body,
        link=f"/bookings/{booking.id}",
        key=f"booking:{booking.id}:{booking.state}:{len(booking.events)}",
    )
