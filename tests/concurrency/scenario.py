"""Records for booking tests in one line: a vendor's bookable offering, a
customer, and periods in the site's zone (Asia/Shanghai)."""

from __future__ import annotations

from datetime import datetime, timedelta

from marketplace.bookings import periods
from marketplace.bookings.models import BookingSettings
from marketplace.db import utcnow

MODES = [{"mode": "sharing", "price": 120}, {"mode": "lease", "price": 9000}, {"mode": "raas", "price": 6000}]


def bookable(make, db, units: int = 2, modes: list | None = None, **settings):
    """An active offering of a new supply-side vendor, with booking settings
    (auto-confirm off and no lead time unless given)."""
    vendor = make.org(side="supply")
    offering = make.offering(vendor, units_available=units, modes=modes or MODES)
    values = {**BookingSettings.DEFAULTS, "min_lead_hours": 0, **settings}
    db.add(BookingSettings(org_id=vendor.id, **values))
    db.flush()
    return offering


def customer(make):
    """A member of a new demand-side organization."""
    return make.member(make.org(side="demand"))


def day(offset: int = 3):
    """A local date `offset` days from today."""
    return periods.today_local(utcnow()) + timedelta(days=offset)


def at(hour: int, offset: int = 3) -> datetime:
    """An aware local datetime `offset` days ahead at `hour` (may exceed 23)."""
    return periods.local_midnight(day(offset)) + timedelta(hours=hour)
