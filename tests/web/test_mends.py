"""Issue 12 part 6: what a new user tripped on, each with a test that fails without the mend."""

from __future__ import annotations

import re

import pytest

from marketplace.bookings.models import BookingSettings
from tests.concurrency.scenario import bookable, customer, day


@pytest.fixture
def en(client):
    client.get("/lang/en")
    return client


# ---------------------------------------------------------------- service hours


def test_a_day_service_robot_offers_only_its_service_hours(en, auth, make, db):
    offering = bookable(make, db, units=2, service_start_hour=9, service_end_hour=18)
    auth.login(customer(make))
    html = en.get(f"/offerings/{offering.ref}").get_data(as_text=True)
    date = day(3).isoformat()
    assert f'data-date="{date}" data-hour="9"' in html
    assert f'data-date="{date}" data-hour="17"' in html
    assert (
        f'data-date="{date}" data-hour="0"' not in html and f'data-date="{date}" data-hour="18"' not in html
    )
    options = re.findall(r'<option[^>]*value="(\d+)"[^>]*>(\d\d):00</option>', html)
    assert options and min(int(v) for v, _ in options) == 9 and max(int(v) for v, _ in options) == 17

    data = {"mode": "sharing", "start_date": date, "start_hour": "6", "length": "2", "length_unit": "hours",
            "units": "1", "note": ""}  # fmt: skip
    early = en.post(f"/offerings/{offering.ref}/book", data=data)
    assert early.status_code == 400 and "from 09:00 to 18:00" in early.get_data(as_text=True)
    late = en.post(f"/offerings/{offering.ref}/book", data={**data, "start_hour": "17", "length": "2"})
    assert late.status_code == 400
    fits = en.post(f"/offerings/{offering.ref}/book", data={**data, "start_hour": "16", "length": "2"})
    assert fits.status_code == 200


def test_vendors_set_their_service_hours(en, auth, make, db):
    offering = bookable(make, db)
    auth.login(make.member(offering.organization))
    values = {"min_lead_hours": "0", "max_sharing_hours": "8", "max_lease_days": "30",
              "max_subscription_months": "6", "cancel_notice_hours": "12"}  # fmt: skip
    bad = en.post("/bookings/settings", data={**values, "service_start_hour": "18", "service_end_hour": "9"})
    assert bad.status_code == 400 and "must come after their start" in bad.get_data(as_text=True)
    ok = en.post("/bookings/settings", data={**values, "service_start_hour": "8", "service_end_hour": "20"})
    assert ok.status_code == 302
    saved = db.get(BookingSettings, offering.org_id)
    db.refresh(saved)
    assert (saved.service_start_hour, saved.service_end_hour) == (8, 20)
