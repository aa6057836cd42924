"""Checking a booking request and quoting it: everything that does not depend on
other bookings (`check_request`), then the free units (`quote_request`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeGuard

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from ..errors import Conflict, ValidationFailed
from ..listings.models import Offering
from . import capacity, periods, pricing
from .models import (
    BOOKABLE_MODES,
    BookingSettings,
)
from .pool import holds
from .rules import bookable_modes, settings_for

log = logging.getLogger("marketplace.bookings")


# ---------------------------------------------------------------- checking a request


@dataclass(frozen=True)
class Checked:
    """A request that passed every check but the capacity one."""

    mode: str
    start: datetime  # stored UTC
    end: datetime
    units: int
    quote: pricing.Quote


def _aware(value: object) -> TypeGuard[datetime]:
    return isinstance(value, datetime) and value.tzinfo is not None


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
    good_start, good_end = _aware(start), _aware(end)
    if not good_start:
        fields["start"] = _(
            "Give the start as a date and time with its time zone, e.g. 2026-12-01T09:00:00+08:00."
        )
    if not good_end:
        fields["end"] = _(
            "Give the end as a date and time with its time zone, e.g. 2026-12-01T11:00:00+08:00."
        )
    if _aware(start) and _aware(end):
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
    # Every fault was reported above: what is left is well-formed.
    assert isinstance(mode, str) and isinstance(units, int) and _aware(start) and _aware(end)
    unit_price = offering.price_for(mode)
    assert unit_price is not None, "a bookable mode has a price"
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


def not_free_message(free: int) -> str:
    if free <= 0:
        return _("No unit is free for the whole of this period.")
    return _("Only %(n)d units are free for the whole of this period.", n=free)


def free_units(session: Session, pool: int, offering_id: int, start: datetime, end: datetime) -> int:
    """The units of a pool of `pool` that no booking holds at any instant of
    [start, end) (stored UTC)."""
    used = capacity.peak(holds(session, offering_id, start, end), start, end)
    return max(0, pool - used)


@dataclass(frozen=True)
class Quoted:
    """A checked request, its price (`checked.quote`) and the units free now."""

    checked: Checked
    free: int
    settings: BookingSettings


def quote_request(
    session: Session,
    offering: Offering,
    mode: object,
    start: object,
    end: object,
    units: object,
    now: datetime,
) -> Quoted:
    """Check a request and price it against the units free now, writing nothing:
    ValidationFailed (400) for bad input, Conflict (409) when the units are not
    free. A plain read; only `create_booking` decides, under the pool lock."""
    settings = settings_for(session, offering.org_id)
    checked = check_request(offering, settings, mode, start, end, units, now)
    free = free_units(session, offering.units_available, offering.id, checked.start, checked.end)
    if checked.units > free:
        raise Conflict(not_free_message(free), {"units": not_free_message(free)})
    return Quoted(checked, free, settings)
