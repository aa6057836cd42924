"""Demo data beyond the interchange file (issue 12 part 7): dates spread over the
last 18 months, vendors' service hours, bookings on the calendars and saved searches
(`seeds/extras.json`). Every step skips what exists, so `seed` can run again."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .accounts.models import Organization, User
from .db import utcnow

FILE = "extras.json"
SPREAD_DAYS = 540  # about 18 months


def _fraction(ref: str) -> float:
    """A stable number in [0, 1) from a record's ref."""
    return int(hashlib.sha256(ref.encode()).hexdigest()[:8], 16) / 2**32


def spread_dates(session: Session, since: datetime, now: datetime | None = None) -> int:
    """Give the demands, offerings and organizations created since `since` (this run)
    dates over the last 18 months, more of them recent (a growing programme), each
    record before any pilot that uses it and each organization before its records.
    Returns the number of records dated."""
    from .listings.models import Demand, Offering
    from .pilots.models import Pilot

    now = now or utcnow()
    first_pilot: dict[tuple[str, int], datetime] = {}
    for demand_id, offering_id, created in session.execute(
        select(Pilot.demand_id, Pilot.offering_id, Pilot.created_at)
    ):
        for key in (("demand", demand_id), ("offering", offering_id)):
            first_pilot[key] = min(first_pilot.get(key, created), created)
    earliest_of_org: dict[int, datetime] = {}
    dated = 0
    model: Any  # Demand or Offering
    for kind, model in (("demand", Demand), ("offering", Offering)):
        for record in session.scalars(select(model).where(model.created_at >= since)):
            u = _fraction(record.ref)
            days_ago = 2 + int((SPREAD_DAYS - 2) * u**1.6)
            created = (now - timedelta(days=days_ago)).replace(
                hour=1 + int(u * 997) % 9, minute=int(u * 7919) % 60
            )
            before_pilot = first_pilot.get((kind, record.id))
            if before_pilot is not None:
                created = min(created, before_pilot - timedelta(days=3 + int(u * 20)))
            record.created_at = created
            record.updated_at = min(now, created + timedelta(days=int(u * 31) % max(1, days_ago)))
            earliest_of_org[record.org_id] = min(earliest_of_org.get(record.org_id, created), created)
            dated += 1
    for org in session.scalars(select(Organization).where(Organization.created_at >= since)):
        first = earliest_of_org.get(org.id)
        u = _fraction(org.ref)
        org.created_at = (first or now - timedelta(days=int(SPREAD_DAYS * u))) - timedelta(
            days=5 + int(u * 40)
        )
        org.updated_at = org.created_at
        dated += 1
    session.flush()
    return dated


def _user(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    if user is None:
        raise ValueError(f"demo extras: no account {email}")
    return user


def _service_hours(session: Session, entries: list[dict]) -> int:
    from .bookings.models import BookingSettings

    changed = 0
    for entry in entries:
        org = session.scalar(select(Organization).where(Organization.ref == entry["org"]))
        if org is None:
            continue
        settings = session.get(BookingSettings, org.id)
        if settings is None:
            settings = BookingSettings(org_id=org.id, **BookingSettings.DEFAULTS)
            session.add(settings)
        if (settings.service_start_hour, settings.service_end_hour) != (entry["from"], entry["until"]):
            settings.service_start_hour, settings.service_end_hour = entry["from"], entry["until"]
            changed += 1
    session.flush()
    return changed


def _bookings(session: Session, entries: list[dict], now: datetime) -> int:
    from .bookings import periods
    from .bookings import services as bookings
    from .bookings.models import REQUESTED, Booking
    from .listings.models import Offering

    made = 0
    today = periods.today_local(now)
    for entry in entries:
        if session.scalar(select(Booking.id).where(Booking.submit_key == entry["key"])) is not None:
            continue
        offering = session.scalar(select(Offering).where(Offering.ref == entry["offering"]))
        if offering is None:
            continue
        day = today + timedelta(days=entry["day"])
        if entry["mode"] == "sharing":
            start = periods.local_at(day, entry["hour"])
            end = start + timedelta(hours=entry["hours"])
        else:
            start = periods.local_midnight(day)
            end = periods.local_midnight(day + timedelta(days=entry["days"]))
        user = _user(session, entry["by"])
        booking = bookings.create_booking(
            session, user, offering, entry["mode"], start, end, entry["units"], entry.get("note", ""),
            now=now, submit_key=entry["key"],
        )  # fmt: skip
        if entry.get("accept") and booking.state == REQUESTED:
            vendor = session.scalar(
                select(User).where(
                    User.org_id == offering.org_id, User.role == "member", User.active.is_(True)
                )
            )
            if vendor is not None:
                bookings.accept(session, booking, vendor, "", now=now)
        made += 1
    session.flush()
    return made


def _saved_searches(session: Session, entries: list[dict]) -> int:
    from .savedsearch import services as saved
    from .savedsearch.models import SavedSearch

    made = 0
    for entry in entries:
        user = _user(session, entry["user"])
        exists = session.scalar(
            select(SavedSearch.id).where(SavedSearch.user_id == user.id, SavedSearch.name == entry["name"])
        )
        if exists is not None:
            continue
        saved.create(
            session, user, entry["list"], entry.get("q", ""), entry.get("filters", {}), entry.get("alert", "daily"),
            entry["name"],
        )  # fmt: skip
        made += 1
    session.flush()
    return made


def load_extras(session: Session, folder: Path, since: datetime) -> Iterator[str]:
    """Dates, service hours, bookings and saved searches; one summary line each."""
    dated = spread_dates(session, since)
    session.commit()
    yield f"demo dates: {dated} records spread over the last 18 months"
    path = folder / FILE
    if not path.exists():
        return
    extras = json.loads(path.read_text(encoding="utf-8"))
    hours = _service_hours(session, extras.get("service_hours", []))
    session.commit()
    made = _bookings(session, extras.get("bookings", []), utcnow())
    session.commit()
    searches = _saved_searches(session, extras.get("saved_searches", []))
    session.commit()
    yield f"demo extras: service hours set for {hours} vendor(s), {made} booking(s), {searches} saved search(es)"
