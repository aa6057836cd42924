"""Booking services against the database: the capacity rule, bad input, the
states, the vendor's rules and the guard on offering changes."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from marketplace.bookings import services
from marketplace.bookings.models import Booking, BookingEvent, CapacityPool
from marketplace.db import utcnow
from marketplace.errors import Conflict, NotAllowed, ValidationFailed
from tests.support.factories import at, day


def book(db, user, offering, start, end, units=1, mode="sharing", **kw):
    return services.create_booking(db, user, offering, mode, start, end, units, **kw)


def count(db) -> int:
    return db.scalar(select(func.count()).select_from(Booking))


# ---------------------------------------------------------------- the capacity rule


@pytest.mark.parametrize(
    ("start", "end", "free"),
    [
        (0, 1, True),
        (1, 2, True),
        (4, 5, True),
        (5, 6, True),
        (1, 3, False),
        (1, 5, False),
        (2, 4, False),
        (3, 5, False),
    ],
)
def test_overlap_cases_against_a_booking_from_2_to_4(make, db, start, end, free):
    offering = make.bookable(units=1, auto_confirm=True)
    book(db, make.customer(), offering, at(2), at(4))
    other = make.customer()
    if free:
        assert book(db, other, offering, at(start), at(end)).state == "confirmed"
    else:
        with pytest.raises(Conflict) as err:
            book(db, other, offering, at(start), at(end))
        assert err.value.status == 409 and "units" in err.value.fields
        assert count(db) == 1


@pytest.mark.parametrize("end_state", ["cancelled", "declined"])
def test_cancelled_and_declined_bookings_take_no_units(make, db, end_state):
    offering = make.bookable(units=1)
    first = book(db, make.customer(), offering, at(2), at(4))
    assert first.state == "requested"
    with pytest.raises(Conflict):  # a request holds its units
        book(db, make.customer(), offering, at(2), at(4))
    vendor = make.member(offering.organization)
    if end_state == "declined":
        services.decline(db, first, vendor, "no driver that day")
    else:
        services.cancel(db, first, first.created_by)
    assert first.state == end_state
    assert book(db, make.customer(), offering, at(2), at(4)).state == "requested"


def test_with_2_units_9_to_11_fits_beside_9_to_10_and_10_to_11(make, db):
    offering = make.bookable(units=2, auto_confirm=True)
    book(db, make.customer(), offering, at(9), at(10))
    book(db, make.customer(), offering, at(10), at(11))
    assert book(db, make.customer(), offering, at(9), at(11)).state == "confirmed"
    with pytest.raises(Conflict):
        book(db, make.customer(), offering, at(9), at(11))
    assert book(db, make.customer(), offering, at(11), at(12), units=2).state == "confirmed"


def test_units_are_summed_and_the_message_says_how_many_are_free(make, db):
    offering = make.bookable(units=4, auto_confirm=True)
    book(db, make.customer(), offering, at(9), at(12), units=3)
    with pytest.raises(Conflict) as err:
        book(db, make.customer(), offering, at(11), at(13), units=2)
    assert "1" in err.value.message
    assert book(db, make.customer(), offering, at(11), at(13), units=1)


def test_leases_sharing_and_subscriptions_draw_on_one_pool(make, db):
    offering = make.bookable(units=2, auto_confirm=True)
    start = at(0, offset=1)
    from marketplace.bookings import periods

    first_day = day(1)
    sub_end = periods.local_midnight(periods.add_months(first_day, 2))
    book(db, make.customer(), offering, start, sub_end, mode="raas")
    lease_end = start + timedelta(days=10)
    book(db, make.customer(), offering, start + timedelta(days=3), lease_end, mode="lease")
    with pytest.raises(Conflict):  # both units taken on day 5 by the subscription and the lease
        book(db, make.customer(), offering, at(9, offset=6), at(11, offset=6))
    # After the lease ends, the subscription still runs: one unit left.
    later = lease_end + timedelta(days=1, hours=9)
    assert book(db, make.customer(), offering, later, later + timedelta(hours=2)).units == 1
    with pytest.raises(Conflict):
        book(db, make.customer(), offering, later, later + timedelta(hours=2))


def test_the_pool_row_is_made_once_and_counts_changes(make, db):
    offering = make.bookable(units=3, auto_confirm=True)
    book(db, make.customer(), offering, at(9), at(10))
    book(db, make.customer(), offering, at(9), at(10))
    pool = db.get(CapacityPool, offering.id)
    db.refresh(pool)
    assert pool.version == 2


# ---------------------------------------------------------------- bad input


def _refused(db, make, offering, field, **kw):
    args = {"mode": "sharing", "start": at(9), "end": at(11), "units": 1}
    args.update(kw)
    before = count(db)
    with pytest.raises(ValidationFailed) as err:
        services.create_booking(
            db, make.customer(), offering, args["mode"], args["start"], args["end"], args["units"]
        )
    assert field in err.value.fields, err.value.fields
    assert err.value.fields[field]
    assert count(db) == before
    return err.value


def test_end_before_start(make, db):
    _refused(db, make, make.bookable(), "end", start=at(11), end=at(9))
    _refused(db, make, make.bookable(), "end", start=at(11), end=at(11))


def test_start_in_the_past(make, db):
    now = datetime.now(tz=at(0).tzinfo)
    past = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)
    _refused(db, make, make.bookable(), "start", start=past, end=past + timedelta(hours=1))


def test_start_inside_the_vendors_lead_time(make, db):
    offering = make.bookable(min_lead_hours=24 * 10)
    err = _refused(db, make, offering, "start")
    assert "240" in err.fields["start"]


@pytest.mark.parametrize("units", [0, -1, "2", 1.5, True, None])
def test_zero_negative_or_non_integer_units(make, db, units):
    _refused(db, make, make.bookable(), "units", units=units)


def test_more_units_than_the_pool(make, db):
    err = _refused(db, make, make.bookable(units=2), "units", units=3)
    assert "2" in err.fields["units"]


def test_sharing_not_on_whole_hours(make, db):
    _refused(db, make, make.bookable(), "start", start=at(9) + timedelta(minutes=30))
    _refused(db, make, make.bookable(), "end", end=at(11) + timedelta(minutes=15))


def test_lease_not_on_whole_days(make, db):
    _refused(db, make, make.bookable(), "start", mode="lease", start=at(9), end=at(0, offset=5))
    _refused(db, make, make.bookable(), "end", mode="lease", start=at(0), end=at(12, offset=5))


def test_subscription_not_whole_months(make, db):
    _refused(db, make, make.bookable(), "end", mode="raas", start=at(0), end=at(0, offset=20))


def test_times_without_a_time_zone(make, db):
    naive = at(9).replace(tzinfo=None)
    _refused(db, make, make.bookable(), "start", start=naive)
    _refused(db, make, make.bookable(), "end", end=naive + timedelta(hours=2))
    _refused(db, make, make.bookable(), "start", start="2026-12-01T09:00:00+08:00")


def test_an_offering_without_that_mode(make, db):
    offering = make.bookable(modes=[{"mode": "lease", "price": 9000}])
    err = _refused(db, make, offering, "mode")
    assert "lease" in err.fields["mode"].lower() or "租赁" in err.fields["mode"]
    _refused(db, make, offering, "mode", mode="purchase")
    _refused(db, make, offering, "mode", mode="teleport")


def test_an_offering_that_is_not_active(make, db):
    offering = make.bookable()
    offering.status = "withdrawn"
    _refused(db, make, offering, "offering")


def test_the_longest_period(make, db):
    offering = make.bookable(max_sharing_hours=4, max_lease_days=10, max_subscription_months=2)
    _refused(db, make, offering, "end", start=at(9), end=at(14))
    _refused(db, make, offering, "end", mode="lease", start=at(0), end=at(0, offset=14))
    from marketplace.bookings import periods

    _refused(
        db,
        make,
        offering,
        "end",
        mode="raas",
        start=at(0),
        end=periods.local_midnight(periods.add_months(day(3), 3)),
    )


def test_every_fault_is_reported_at_once(make, db):
    err = _refused(
        db, make, make.bookable(), "units", units=0, start=at(11), end=at(9) + timedelta(minutes=5)
    )
    assert {"units", "end"} <= set(err.fields)


# ---------------------------------------------------------------- who may book


def test_only_demand_side_members_book_and_never_their_own_offering(make, db):
    offering = make.bookable()
    with pytest.raises(NotAllowed):
        book(db, make.member(make.org(side="supply")), offering, at(9), at(10))
    with pytest.raises(NotAllowed):
        book(db, make.official(), offering, at(9), at(10))
    both = make.org(side="both")
    own = make.offering(both, units_available=2, modes=[{"mode": "sharing", "price": 10}])
    with pytest.raises(NotAllowed):
        book(db, make.member(both), own, at(9), at(10))
    assert count(db) == 0


# ---------------------------------------------------------------- states, prices and rules


def test_the_price_is_worked_out_and_kept(make, db):
    offering = make.bookable(units=4)
    booking = book(db, make.customer(), offering, at(14), at(16), units=2)
    assert (booking.unit_price, booking.price) == (Decimal("120"), Decimal("480.00"))
    lease = book(db, make.customer(), offering, at(0, 1), at(0, 8), units=1, mode="lease")
    assert lease.price == Decimal("2100.00")  # 7 days of 9000 a month


def test_requests_wait_for_the_vendor_who_accepts_once(make, db):
    offering = make.bookable(units=1)
    person = make.customer()
    booking = book(db, person, offering, at(9), at(11), note="三楼活动室")
    assert booking.state == "requested"
    with pytest.raises(NotAllowed):
        services.accept(db, booking, person)
    vendor = make.member(offering.organization)
    services.accept(db, booking, vendor, "司机8:30到")
    assert booking.state == "confirmed"
    with pytest.raises(Conflict):
        services.accept(db, booking, vendor)
    with pytest.raises(Conflict):
        services.decline(db, booking, vendor)
    actions = [(e.action, e.from_state, e.to_state) for e in booking.events]
    assert actions == [("request", None, "requested"), ("accept", "requested", "confirmed")]
    assert booking.events[1].comment == "司机8:30到"


def test_auto_confirm(make, db):
    offering = make.bookable(auto_confirm=True)
    assert book(db, make.customer(), offering, at(9), at(11)).state == "confirmed"


def test_a_request_whose_start_has_passed_cannot_be_accepted(make, db):
    offering = make.bookable()
    booking = book(db, make.customer(), offering, at(9), at(11))
    with pytest.raises(Conflict):
        services.accept(
            db, booking, make.member(offering.organization), now=booking.start_at + timedelta(minutes=1)
        )


def test_customers_cancel_until_the_notice_period_vendors_until_the_end(make, db):
    offering = make.bookable(units=2, auto_confirm=True, cancel_notice_hours=48)
    person = make.customer()
    soon = book(db, person, offering, at(9, offset=1), at(11, offset=1))  # within 48 hours
    later = book(db, person, offering, at(9, offset=5), at(11, offset=5))
    with pytest.raises(Conflict) as err:
        services.cancel(db, soon, person)
    assert "48" in err.value.message
    services.cancel(db, later, person, "计划有变")
    assert later.state == "cancelled"
    services.cancel(db, soon, make.member(offering.organization), "设备检修")
    assert soon.state == "cancelled"
    with pytest.raises(Conflict):
        services.cancel(db, soon, person)


def test_outsiders_cannot_see_or_cancel(make, db):
    offering = make.bookable()
    booking = book(db, make.customer(), offering, at(9), at(11))
    from marketplace.errors import NotFoundError

    with pytest.raises(NotFoundError):
        services.booking_for(db, booking.id, make.customer())
    with pytest.raises(NotFoundError):
        services.cancel(db, booking, make.customer())
    assert booking.state == "requested"


def test_complete_past_marks_ended_and_expired(make, db):
    offering = make.bookable(units=2)
    done = book(db, make.customer(), offering, at(9), at(11))
    services.accept(db, done, make.member(offering.organization))
    waiting = book(db, make.customer(), offering, at(9), at(11))
    completed, expired = services.complete_past(db, now=done.end_at + timedelta(minutes=1))
    db.refresh(done)
    db.refresh(waiting)
    assert (completed, expired) == (1, 1)
    assert (done.state, waiting.state) == ("completed", "declined")
    assert done.shown_state(utcnow()) == "completed"


def test_notices_go_to_the_other_party(make, db):
    from marketplace import FEATURES

    if "notifications" not in FEATURES:
        pytest.skip("the notifications inbox is not part of this site")
    from marketplace.notifications.models import Notification

    offering = make.bookable()
    seller = make.member(offering.organization)
    person = make.customer()
    booking = book(db, person, offering, at(9), at(11))
    to_vendor = db.scalars(select(Notification).where(Notification.user_id == seller.id)).all()
    assert len(to_vendor) == 1 and offering.title in to_vendor[0].subject_zh
    assert to_vendor[0].link == f"/bookings/{booking.id}"
    services.accept(db, booking, seller)
    to_customer = db.scalars(select(Notification).where(Notification.user_id == person.id)).all()
    assert len(to_customer) == 1 and "confirmed" in to_customer[0].subject_en


# ---------------------------------------------------------------- the offering may not break its bookings


def test_the_pool_cannot_shrink_below_what_bookings_still_to_come_need(make, db):
    offering = make.bookable(units=4, auto_confirm=True)
    book(db, make.customer(), offering, at(9), at(11), units=2)
    book(db, make.customer(), offering, at(10), at(12), units=1)
    with pytest.raises(Conflict) as err:
        services.check_offering_change(db, offering, 2, "active")
    assert "units_available" in err.value.fields and "3" in err.value.message
    services.check_offering_change(db, offering, 3, "active")
    services.check_offering_change(db, offering, 10, "active")


def test_bookings_in_the_past_do_not_hold_the_pool(make, db):
    offering = make.bookable(units=4, auto_confirm=True)
    booking = book(db, make.customer(), offering, at(9), at(11), units=4)
    services.check_offering_change(db, offering, 0, "withdrawn", now=booking.end_at)
    with pytest.raises(Conflict):
        services.check_offering_change(db, offering, 0, "active", now=booking.end_at - timedelta(hours=1))


def test_withdrawing_needs_the_bookings_called_off_first(make, db):
    offering = make.bookable(units=2)
    confirmed = book(db, make.customer(), offering, at(9), at(11))
    vendor = make.member(offering.organization)
    services.accept(db, confirmed, vendor)
    waiting = book(db, make.customer(), offering, at(9), at(11))
    for status in ("withdrawn", "draft"):
        with pytest.raises(Conflict) as err:
            services.check_offering_change(db, offering, None, status)
        assert "status" in err.value.fields
    with pytest.raises(ValidationFailed):
        services.cancel_future_bookings(db, offering, vendor, "  ")
    with pytest.raises(NotAllowed):
        services.cancel_future_bookings(db, offering, confirmed.created_by, "no")
    changed = services.cancel_future_bookings(db, offering, vendor, "产品线调整，暂停出租")
    assert {b.id: b.state for b in changed} == {confirmed.id: "cancelled", waiting.id: "declined"}
    services.check_offering_change(db, offering, 0, "withdrawn")
    assert (
        db.scalar(
            select(func.count())
            .select_from(BookingEvent)
            .where(BookingEvent.comment == "产品线调整，暂停出租")
        )
        == 2
    )


def test_availability_by_hour_and_day(make, db):
    offering = make.bookable(units=3, auto_confirm=True)
    mine = make.customer()
    book(db, mine, offering, at(9), at(11), units=2)
    book(db, make.customer(), offering, at(10), at(12), units=1)
    from marketplace.bookings import periods

    start, end = periods.to_utc(at(0)), periods.to_utc(at(24))
    av = services.availability(db, offering, start, end, viewer_org_id=mine.org_id)
    hours = services.hour_calendar(av, day(3))
    assert [c["free"] for c in hours[8:13]] == [3, 1, 0, 2, 3]
    assert [c["own"] for c in hours[8:13]] == [0, 2, 2, 0, 0]
    days = services.day_calendar(av, day(3), 1)
    assert days[0]["free"] == 0


def test_the_complete_bookings_command(runner, make, db):
    offering = make.bookable(units=1, auto_confirm=True)
    booking = book(db, make.customer(), offering, at(9), at(11))
    db.commit()
    result = runner.invoke(args=["complete-bookings"])
    assert result.exit_code == 0 and "0 booking(s) completed" in result.output
    booking.end_at = utcnow() - timedelta(minutes=1)
    booking.start_at = booking.end_at - timedelta(hours=2)
    db.commit()
    result = runner.invoke(args=["complete-bookings"])
    assert "1 booking(s) completed" in result.output
    db.refresh(booking)
    assert booking.state == "completed"


def test_quote_request_prices_without_writing_and_refuses_what_is_not_free(make, db):
    """The quote of the booking page: the same checks as booking, nothing written."""
    offering = make.bookable(units=2)
    quoted = services.quote_request(db, offering, "sharing", at(9), at(11), 2, utcnow())
    assert quoted.free == 2 and quoted.checked.units == 2 and quoted.checked.quote.total > 0
    assert count(db) == 0
    book(db, make.customer(), offering, at(9), at(10))
    with pytest.raises(Conflict) as err:
        services.quote_request(db, offering, "sharing", at(9), at(11), 2, utcnow())
    assert err.value.status == 409 and "units" in err.value.fields
    assert services.quote_request(db, offering, "sharing", at(9), at(10), 1, utcnow()).free == 1
    assert services.quote_request(db, offering, "sharing", at(10), at(11), 2, utcnow()).free == 2
