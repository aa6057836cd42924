"""The demo data is worth looking at (issue 12 part 7): dates over the last 18 months
(the dashboard's 12-month trend is no single spike), a supplier in every city, bookings
on the calendars, saved searches; and `seed` run twice changes nothing more."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select

from marketplace import taxonomy
from marketplace.accounts.models import Organization
from marketplace.bookings.models import Booking, BookingSettings
from marketplace.dashboard import stats
from marketplace.db import utcnow
from marketplace.listings.models import Demand, Offering
from marketplace.pilots.models import Pilot
from marketplace.savedsearch.models import SavedSearch


def test_seed_spreads_dates_books_calendars_and_saves_searches(runner, db):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    now = utcnow()
    assert stats.compute(db)["gap"]["not_computed"] == 0, "seed leaves every open demand's best stored"

    stamps = list(db.scalars(select(Demand.created_at))) + list(db.scalars(select(Offering.created_at)))
    assert min(stamps) >= now - timedelta(days=548) and max(stamps) <= now
    months = Counter(s.strftime("%Y-%m") for s in stamps)
    assert len(months) >= 15, months
    assert max(months.values()) < len(stamps) * 0.2, "one month holds most of the records"
    trend = stats.compute(db)["trend"]
    assert sum(1 for row in trend if row["demands"] + row["offerings"]) >= 10

    # A record is listed before any pilot that uses it.
    for pilot in db.scalars(select(Pilot)):
        assert pilot.demand.created_at < pilot.created_at and pilot.offering.created_at < pilot.created_at

    supplier_cities = set(
        db.scalars(select(Organization.city).where(Organization.side.in_(("supply", "both"))))
    )
    assert set(taxonomy.codes("cities")) - {"out_of_province"} <= supplier_cities

    assert db.scalar(select(func.count()).select_from(Booking)) >= 6
    assert {b.state for b in db.scalars(select(Booking))} >= {"requested", "confirmed"}
    vendor_hours = db.scalar(
        select(BookingSettings)
        .join(Organization, Organization.id == BookingSettings.org_id)
        .where(Organization.ref == "org-demo-vendor")
    )
    assert (vendor_hours.service_start_hour, vendor_hours.service_end_hour) == (8, 20)
    assert db.scalar(select(func.count()).select_from(SavedSearch)) >= 3

    before = {
        m.__name__: db.scalar(select(func.count()).select_from(m)) for m in (Booking, SavedSearch, Demand)
    }
    first_dates = sorted(stamps)
    again = runner.invoke(args=["seed"])
    assert again.exit_code == 0, again.output
    after = {
        m.__name__: db.scalar(select(func.count()).select_from(m)) for m in (Booking, SavedSearch, Demand)
    }
    assert after == before
    assert (
        sorted(list(db.scalars(select(Demand.created_at))) + list(db.scalars(select(Offering.created_at))))
        == first_dates
    )
