"""The capacity pool of an offering: its lock, the units held over a period, the
bookings still to come, and the guard against offering changes that would break
them (registered with `listings.hooks.on_offering_change`)."""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..db import upsert_insert, utcnow
from ..errors import Conflict, NotFoundError
from ..listings.models import Offering
from . import capacity
from .capacity import Hold
from .models import (
    CONFIRMED,
    HOLDING,
    Booking,
    CapacityPool,
)

log = logging.getLogger("marketplace.bookings")


FAR_FUTURE = datetime(9999, 1, 1)


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
            # Two first bookings at once: one inserts, the other waits on the key and skips.
            session.execute(
                upsert_insert(session, CapacityPool)
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


def future_bookings(session: Session, offering_id: int, now: datetime) -> list[Booking]:
    """The offering's requested and confirmed bookings that have not ended."""
    return list(
        session.scalars(
            select(Booking)
            .where(Booking.offering_id == offering_id, Booking.state.in_(HOLDING), Booking.end_at > now)
            .order_by(Booking.start_at, Booking.id)
        )
    )


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
