"""Bookings: the vendor's settings, who may book or answer, the bookable modes, and
the lists of an organization's bookings."""

from __future__ import annotations

import logging

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..errors import NotAllowed, NotFoundError
from ..listings.models import Offering
from .models import (
    BOOKABLE_MODES,
    Booking,
    BookingSettings,
)

log = logging.getLogger("marketplace.bookings")


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
