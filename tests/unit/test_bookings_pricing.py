"""Prices of bookings and the periods they are measured in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from marketplace.bookings import periods
from marketplace.bookings.pricing import quote

CST = periods.SITE_ZONE


def local(y, m, d, hh=0):
    return datetime(y, m, d, hh, tzinfo=CST)


def test_sharing_is_hours_times_units_times_the_hourly_price():
    q = quote("sharing", Decimal("120"), 1, local(2026, 12, 1, 9), local(2026, 12, 1, 11))
    assert (q.hours, q.total) == (2, Decimal("240.00"))
    assert quote(
        "sharing", Decimal("99.5"), 3, local(2026, 12, 1, 22), local(2026, 12, 2, 1)
    ).total == Decimal("895.50")


def test_lease_of_whole_months_costs_the_monthly_price_per_month():
    q = quote("lease", Decimal("8800"), 2, local(2026, 12, 1), local(2027, 2, 1))
    assert (q.months, q.days, q.total) == (2, 0, Decimal("35200.00"))


def test_lease_days_beyond_whole_months_cost_a_thirtieth_each():
    q = quote("lease", Decimal("9000"), 1, local(2026, 12, 1), local(2027, 1, 6))
    assert (q.months, q.days, q.total) == (1, 5, Decimal("10500.00"))
    short = quote("lease", Decimal("8800"), 1, local(2026, 12, 1), local(2026, 12, 8))
    assert (short.months, short.days, short.total) == (0, 7, Decimal("2053.33"))


def test_subscription_months():
    q = quote("raas", Decimal("6000"), 2, local(2027, 1, 31), local(2027, 3, 31))
    assert (q.months, q.days, q.total) == (2, 0, Decimal("24000.00"))


def test_add_months_clamps_to_the_end_of_the_month():
    assert periods.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert periods.add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert periods.add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)
    assert periods.whole_months(date(2027, 1, 31), date(2027, 2, 28)) == 1
    assert periods.whole_months(date(2027, 1, 1), date(2027, 1, 20)) is None


@pytest.mark.parametrize(
    "text",
    ["2026-12-01T09:00:00", "2026-12-01", "09:00", "", "tomorrow", None, 5, "2026-13-01T09:00:00+08:00"],
)
def test_times_without_a_zone_or_not_times_are_refused(text):
    with pytest.raises(ValueError):
        periods.parse_iso(text)


def test_times_with_a_zone_are_read_and_stored_as_utc():
    value = periods.parse_iso("2026-12-01T09:00:00+08:00")
    assert periods.to_utc(value) == datetime(2026, 12, 1, 1, 0)
    assert periods.to_utc(periods.parse_iso("2026-12-01T01:00:00Z")) == datetime(2026, 12, 1, 1, 0)
    assert periods.iso(datetime(2026, 12, 1, 1, 0)) == "2026-12-01T09:00:00+08:00"


def test_whole_hours_and_midnights_are_judged_in_beijing_time():
    assert periods.is_whole_hour(local(2026, 12, 1, 9))
    assert not periods.is_whole_hour(local(2026, 12, 1, 9) + timedelta(minutes=30))
    # 09:00 in India (+05:30) is 11:30 in Beijing: not on the hour here.
    assert not periods.is_whole_hour(
        datetime(2026, 12, 1, 9, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    )
    assert periods.is_local_midnight(datetime(2026, 11, 30, 16, tzinfo=UTC))
    assert not periods.is_local_midnight(datetime(2026, 12, 1, 0, tzinfo=UTC))
