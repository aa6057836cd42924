"""Availability: units held and free over time, calendars by day and hour, and
the slots of the API."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import ValidationFailed
from ..listings.models import Offering
from . import capacity, periods
from .capacity import Hold
from .models import (
    HOLDING,
    Booking,
)
from .pool import holds
from .rules import bookable_modes

log = logging.getLogger("marketplace.bookings")


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


MAX_HOURS = 24 * 31
MAX_DAYS = 366


@dataclass
class Slots:
    """Free units of an offering per hour or per day over a period, and the exact
    periods between changes (what GET /offerings/<ref>/availability returns)."""

    granularity: str
    bounds: list[datetime]  # stored UTC, len(free) + 1 of them
    free: list[int]
    availability: Availability

    def slots(self) -> list[tuple[datetime, datetime, int]]:
        return list(zip(self.bounds, self.bounds[1:], self.free, strict=False))

    def periods(self) -> list[tuple[datetime, datetime, int]]:
        av = self.availability
        return [(seg.start, seg.end, max(0, av.pool - seg.used)) for seg in av.segments]


def slots(
    session: Session,
    offering: Offering,
    granularity: str | None,
    start: datetime | None,
    end: datetime | None,
    now: datetime,
) -> Slots:
    """Hour slots (default for shared use) or day slots (Beijing time) from `start`
    (default now) to `end` (default a week of hours, four weeks of days); start
    and end are aware datetimes. ValidationFailed names a bad field."""
    modes = bookable_modes(offering)
    if not modes:
        message = _("This offering is not offered for lease, shared use or subscription.")
        raise ValidationFailed(message, {"offering": message})
    granularity = granularity or ("hour" if "sharing" in modes else "day")
    if granularity not in ("hour", "day"):
        raise ValidationFailed(
            _("The request could not be understood."), {"granularity": _("Choose hour or day.")}
        )
    if start is None:
        start = periods.to_local(now)
    if granularity == "hour":
        start = periods.hour_floor(start.astimezone(periods.SITE_ZONE))
        end = end or start + timedelta(days=7)
        limit, step = MAX_HOURS, timedelta(hours=1)
    else:
        start = periods.local_midnight(start.astimezone(periods.SITE_ZONE).date())
        end = end or start + timedelta(days=28)
        limit, step = MAX_DAYS, timedelta(days=1)
    start_utc, end_utc = periods.to_utc(start), periods.to_utc(end)
    if end_utc <= start_utc:
        raise ValidationFailed(
            _("The request could not be understood."), {"to": _("The end must come after the start.")}
        )
    bounds = [start_utc]
    while bounds[-1] < end_utc:
        if len(bounds) > limit:
            raise ValidationFailed(
                _("The request could not be understood."),
                {"to": _("Ask for at most %(n)d slots at a time.", n=limit)},
            )
        bounds.append(bounds[-1] + step)  # the site's zone has no daylight saving
    av = availability(session, offering, start_utc, bounds[-1])
    return Slots(granularity, bounds, av.free_in(bounds), av)
