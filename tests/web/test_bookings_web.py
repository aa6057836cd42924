"""Booking on the site: the calendar, the price before confirming, never more
units than are free, accepting, declining, cancelling, the vendor's settings, and
an offering that cannot be withdrawn or shrunk under its bookings."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from marketplace.bookings.models import Booking, BookingSettings
from tests.support.auth import sign_in
from tests.support.factories import day


@pytest.fixture
def en(client):
    client.get("/lang/en")
    return client


def form(**kw) -> dict:
    data = {
        "mode": "sharing",
        "start_date": day(3).isoformat(),
        "start_hour": "9",
        "length": "2",
        "length_unit": "hours",
        "units": "1",
        "note": "",
    }
    data.update({k: str(v) for k, v in kw.items()})
    return data


def count(db) -> int:
    return db.scalar(select(func.count()).select_from(Booking))


def cell(html: str, date, hour: int) -> tuple[int, bool]:
    """(free units, booked by the viewer's organization) of one hour in the calendar."""
    pattern = r'<td class="cal-cell ([^"]*)"\s+data-date="{}" data-hour="{}" data-free="(\d+)"'
    match = re.search(pattern.format(date.isoformat(), hour), html)
    assert match, f"no calendar cell for {date} {hour}:00"
    return int(match.group(2)), "cal-own" in match.group(1)


def test_the_offering_page_shows_both_calendars_and_the_form(en, auth, make, db):
    offering = make.bookable(units=4)
    auth.login(make.customer())
    html = en.get(f"/offerings/{offering.ref}").get_data(as_text=True)
    assert 'id="booking-form"' in html
    assert "cal-hours" in html and "cal-days" in html
    assert cell(html, day(3), 9) == (4, False)
    assert "¥120" in html


def test_signed_out_visitors_see_the_calendar_and_a_sign_in_link(en, make, db):
    offering = make.bookable()
    html = en.get(f"/offerings/{offering.ref}/book").get_data(as_text=True)
    assert "cal-hours" in html and 'id="booking-form"' not in html
    assert "/login?next=" in html


def test_offerings_without_a_bookable_mode_have_no_panel(en, make, db):
    offering = make.offering(make.org(side="supply"), modes=[{"mode": "purchase", "price": 1000}])
    assert "booking-panel" not in en.get(f"/offerings/{offering.ref}").get_data(as_text=True)
    assert en.get(f"/offerings/{offering.ref}/book").status_code == 404


def test_book_two_hours_see_the_price_then_the_slot_taken(en, auth, make, db):
    offering = make.bookable(units=4)
    person = make.customer()
    auth.login(person)
    quote = en.post(f"/offerings/{offering.ref}/book", data=form(note="三楼活动室"))
    assert quote.status_code == 200
    html = quote.get_data(as_text=True)
    assert "¥240" in html and 'id="confirm-booking"' in html and 'name="confirm" value="1"' in html
    assert count(db) == 0  # nothing booked before confirming

    done = en.post(f"/offerings/{offering.ref}/book", data=form(note="三楼活动室", confirm=1))
    assert done.status_code == 302
    booking = db.scalar(select(Booking))
    assert done.headers["Location"].endswith(f"/bookings/{booking.id}")
    assert (booking.state, booking.units, str(booking.price)) == ("requested", 1, "240.00")
    assert booking.note == "三楼活动室"

    page = en.get(f"/bookings/{booking.id}").get_data(as_text=True)
    assert "¥240" in page and "Waiting for the vendor" in page

    calendar = en.get(f"/offerings/{offering.ref}/book?day={day(3).isoformat()}").get_data(as_text=True)
    assert cell(calendar, day(3), 9) == (3, True)
    assert cell(calendar, day(3), 10) == (3, True)
    assert cell(calendar, day(3), 11) == (4, False)


def test_cannot_book_more_units_than_are_free(en, auth, make, db):
    offering = make.bookable(units=2, auto_confirm=True)
    auth.login(make.customer())
    assert en.post(f"/offerings/{offering.ref}/book", data=form(units=1, confirm=1)).status_code == 302
    auth.logout()
    auth.login(make.customer())
    quote = en.post(f"/offerings/{offering.ref}/book", data=form(units=2))
    assert quote.status_code == 409
    assert "Only 1 units are free" in quote.get_data(as_text=True)
    confirm = en.post(f"/offerings/{offering.ref}/book", data=form(units=2, confirm=1))
    assert confirm.status_code == 409
    assert 'id="booking-form"' in confirm.get_data(as_text=True)
    assert count(db) == 1
    too_many = en.post(f"/offerings/{offering.ref}/book", data=form(units=5))
    assert too_many.status_code == 400 and "only 2 units in all" in too_many.get_data(as_text=True)


def test_bad_periods_come_back_with_the_error_beside_the_field(en, auth, make, db):
    offering = make.bookable(units=2)
    auth.login(make.customer())
    r = en.post(f"/offerings/{offering.ref}/book", data=form(length_unit="days"))
    assert r.status_code == 400 and "booked by the hour" in r.get_data(as_text=True)
    r = en.post(f"/offerings/{offering.ref}/book", data=form(start_date=day(-2).isoformat()))
    assert r.status_code == 400 and "in the past" in r.get_data(as_text=True)
    r = en.post(f"/offerings/{offering.ref}/book", data=form(length=0))
    assert r.status_code == 400
    assert count(db) == 0


def test_a_lease_by_the_month_is_priced_per_month(en, auth, make, db):
    offering = make.bookable(units=2)
    auth.login(make.customer())
    r = en.post(
        f"/offerings/{offering.ref}/book", data=form(mode="lease", length=2, length_unit="months", units=2)
    )
    assert r.status_code == 200
    assert "¥36,000" in r.get_data(as_text=True)  # 2 months x 2 units x 9,000


def test_the_vendor_accepts_and_the_customer_sees_it(en, auth, make, db):
    offering = make.bookable(units=2)
    person = make.customer()
    auth.login(person)
    en.post(f"/offerings/{offering.ref}/book", data=form(confirm=1))
    booking = db.scalar(select(Booking))
    auth.logout()
    vendor = make.member(offering.organization)
    auth.login(vendor)
    received = en.get("/bookings/received").get_data(as_text=True)
    assert "Waiting for your answer" in received and f"/bookings/{booking.id}/accept" in received
    r = en.post(f"/bookings/{booking.id}/accept", data={"comment": "8:30 送达"})
    assert r.status_code == 302
    db.refresh(booking)
    assert booking.state == "confirmed"
    again = en.post(f"/bookings/{booking.id}/accept", data={})
    assert again.status_code == 409 and "no longer waiting" in again.get_data(as_text=True)
    auth.logout()
    auth.login(person)
    mine = en.get("/bookings").get_data(as_text=True)
    assert f"/bookings/{booking.id}" in mine and "Confirmed" in mine and "¥240" in mine


def test_the_vendor_declines_and_the_units_are_free_again(en, auth, make, db):
    offering = make.bookable(units=1)
    auth.login(make.customer())
    en.post(f"/offerings/{offering.ref}/book", data=form(confirm=1))
    booking = db.scalar(select(Booking))
    auth.logout()
    auth.login(make.member(offering.organization))
    assert en.post(f"/bookings/{booking.id}/decline", data={"comment": "当天检修"}).status_code == 302
    db.refresh(booking)
    assert booking.state == "declined"
    page = en.get(f"/offerings/{offering.ref}/book?day={day(3).isoformat()}").get_data(as_text=True)
    assert cell(page, day(3), 9) == (1, False)


def test_the_customer_cancels_under_the_vendors_rules(en, auth, make, db):
    offering = make.bookable(units=2, auto_confirm=True, cancel_notice_hours=24 * 5)
    auth.login(make.customer())
    en.post(f"/offerings/{offering.ref}/book", data=form(confirm=1))
    booking = db.scalar(select(Booking))
    r = en.post(f"/bookings/{booking.id}/cancel", data={})
    assert r.status_code == 409 and "120 hours" in r.get_data(as_text=True)
    db.get(BookingSettings, offering.org_id).cancel_notice_hours = 1
    db.flush()
    assert en.post(f"/bookings/{booking.id}/cancel", data={"comment": "活动取消"}).status_code == 302
    db.refresh(booking)
    assert booking.state == "cancelled"
    assert [e.action for e in booking.events] == ["confirm", "cancel"]


def test_the_vendors_settings_decide_confirmation(en, auth, make, db):
    offering = make.bookable(units=2)
    vendor = make.member(offering.organization)
    auth.login(vendor)
    assert en.get("/bookings/settings").status_code == 200
    bad = en.post(
        "/bookings/settings",
        data={
            "min_lead_hours": "-1",
            "max_sharing_hours": "8",
            "max_lease_days": "30",
            "max_subscription_months": "6",
            "cancel_notice_hours": "24",
        },
    )
    assert bad.status_code == 400
    r = en.post(
        "/bookings/settings",
        data={
            "auto_confirm": "y",
            "min_lead_hours": "0",
            "max_sharing_hours": "8",
            "max_lease_days": "30",
            "max_subscription_months": "6",
            "cancel_notice_hours": "12",
        },
    )
    assert r.status_code == 302
    saved = db.get(BookingSettings, offering.org_id)
    db.refresh(saved)
    assert (saved.auto_confirm, saved.max_sharing_hours, saved.cancel_notice_hours) == (True, 8, 12)
    auth.logout()
    auth.login(make.customer())
    en.post(f"/offerings/{offering.ref}/book", data=form(confirm=1))
    assert db.scalar(select(Booking.state)) == "confirmed"
    too_long = en.post(f"/offerings/{offering.ref}/book", data=form(length=9))
    assert too_long.status_code == 400 and "at most 8 hours" in too_long.get_data(as_text=True)


def test_demand_only_members_have_no_settings_and_officials_no_bookings(en, auth, make, db):
    auth.login(make.customer())
    assert en.get("/bookings/settings").status_code == 403
    assert en.get("/bookings/received").status_code == 403
    assert en.get("/bookings").status_code == 200
    auth.logout()
    auth.login(make.official())
    assert en.get("/bookings").status_code == 403


def _offering_form(offering, **kw) -> dict:
    data = {
        "title": offering.title,
        "category": offering.category,
        "description": offering.description,
        "domains": offering.domains,
        "units_available": str(offering.units_available),
        "price_sharing": "120",
        "status": "active",
    }
    data.update(kw)
    return data


def test_an_offering_with_bookings_to_come_cannot_be_withdrawn_or_shrunk(en, auth, make, db):
    offering = make.bookable(units=3, auto_confirm=True)
    person = make.customer()
    auth.login(person)
    en.post(f"/offerings/{offering.ref}/book", data=form(units=2, confirm=1))
    auth.logout()
    auth.login(make.member(offering.organization))

    withdraw = en.post(f"/offerings/{offering.ref}/withdraw")
    assert withdraw.status_code == 409 and "still to come" in withdraw.get_data(as_text=True)
    shrink = en.post(f"/offerings/{offering.ref}/edit", data=_offering_form(offering, units_available="1"))
    assert shrink.status_code == 409 and "2 units" in shrink.get_data(as_text=True)
    db.refresh(offering)
    assert (offering.status, offering.units_available) == ("active", 3)
    assert (
        en.post(
            f"/offerings/{offering.ref}/edit", data=_offering_form(offering, units_available="2")
        ).status_code
        == 302
    )

    page = en.get(f"/bookings/received?offering={offering.ref}").get_data(as_text=True)
    assert "Call off all bookings still to come" in page
    assert en.post(f"/offerings/{offering.ref}/bookings/cancel-all", data={"comment": ""}).status_code == 302
    assert db.scalar(select(Booking.state)) == "confirmed"  # a reason is required
    r = en.post(f"/offerings/{offering.ref}/bookings/cancel-all", data={"comment": "设备召回"})
    assert r.status_code == 302
    assert db.scalar(select(Booking.state)) == "cancelled"
    assert en.post(f"/offerings/{offering.ref}/withdraw").status_code == 302
    db.refresh(offering)
    assert offering.status == "withdrawn"


def test_what_people_type_is_escaped(en, auth, make, db):
    offering = make.bookable(units=2)
    auth.login(make.customer())
    en.post(
        f"/offerings/{offering.ref}/book", data=form(note='<script>alert(1)</script>"><img src=x>', confirm=1)
    )
    booking = db.scalar(select(Booking))
    html = en.get(f"/bookings/{booking.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_outsiders_get_404_and_nothing_changes(en, auth, make, db):
    offering = make.bookable(units=2)
    auth.login(make.customer())
    en.post(f"/offerings/{offering.ref}/book", data=form(confirm=1))
    booking = db.scalar(select(Booking))
    auth.logout()
    auth.login(make.customer())
    assert en.get(f"/bookings/{booking.id}").status_code == 404
    assert en.post(f"/bookings/{booking.id}/cancel").status_code == 404
    assert en.post(f"/bookings/{booking.id}/accept").status_code == 404
    db.refresh(booking)
    assert booking.state == "requested"


@pytest.mark.csrf
def test_booking_without_the_csrf_token_is_refused(client, make, db):
    offering = make.bookable(units=2)
    person = make.customer()
    sign_in(client, person, csrf=True)
    r = client.post(f"/offerings/{offering.ref}/book", data=form(confirm=1))
    assert r.status_code == 400
    assert count(db) == 0
    page = client.get(f"/offerings/{offering.ref}/book").get_data(as_text=True)
    fresh = re.search(r'id="booking-form".*?name="csrf_token" type="hidden" value="([^"]+)"', page, re.S)
    assert (
        client.post(
            f"/offerings/{offering.ref}/book", data=form(confirm=1, csrf_token=fresh.group(1))
        ).status_code
        == 302
    )
    assert count(db) == 1


def test_the_same_confirmation_sent_twice_books_once(en, auth, make, db):
    offering = make.bookable(units=4)
    auth.login(make.customer())
    quote = en.post(f"/offerings/{offering.ref}/book", data=form()).get_data(as_text=True)
    key = re.search(r'name="submit_key" value="([^"]+)"', quote).group(1)
    first = en.post(f"/offerings/{offering.ref}/book", data=form(confirm=1, submit_key=key))
    second = en.post(f"/offerings/{offering.ref}/book", data=form(confirm=1, submit_key=key))
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert count(db) == 1
    assert "not booked twice" in en.get(second.headers["Location"]).get_data(as_text=True)


def test_extra_fields_cannot_set_the_price_or_the_state(en, auth, make, db):
    offering = make.bookable(units=4)
    person = make.customer()
    auth.login(person)
    other = make.org(side="demand")
    en.post(
        f"/offerings/{offering.ref}/book",
        data=form(
            confirm=1, price="1", unit_price="1", state="confirmed", customer_org_id=other.id, created_by_id=1
        ),
    )
    booking = db.scalar(select(Booking))
    assert (str(booking.price), booking.state, booking.customer_org_id) == (
        "240.00",
        "requested",
        person.org_id,
    )


def test_a_subscription_by_the_month(en, auth, make, db):
    offering = make.bookable(units=2)
    auth.login(make.customer())
    quote = en.post(f"/offerings/{offering.ref}/book", data=form(mode="raas", length=2, length_unit="months"))
    assert quote.status_code == 200 and "¥12,000" in quote.get_data(as_text=True)  # 2 months x 6,000
    assert (
        en.post(
            f"/offerings/{offering.ref}/book",
            data=form(mode="raas", length=2, length_unit="months", confirm=1),
        ).status_code
        == 302
    )
    booking = db.scalar(select(Booking))
    assert (booking.mode, booking.is_subscription) == ("raas", True)
    assert "Subscription" in en.get(f"/bookings/{booking.id}").get_data(as_text=True)
