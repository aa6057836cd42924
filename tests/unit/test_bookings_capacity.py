"""The capacity rule, pure: units held per instant, not overlaps counted."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from marketplace.bookings.capacity import Hold, Segment, most_used_per_bucket, peak, segments

T0 = datetime(2026, 12, 1)


def h(start: int, end: int, units: int = 1) -> Hold:
    return Hold(T0 + timedelta(hours=start), T0 + timedelta(hours=end), units)


def fits(holds, pool, start, end, units=1) -> bool:
    s, e = T0 + timedelta(hours=start), T0 + timedelta(hours=end)
    return peak(holds, s, e) + units <= pool


@pytest.mark.parametrize(("start", "end"), [(0, 1), (1, 2), (4, 5), (5, 6)])
def test_periods_touching_or_apart_from_2_to_4_are_free(start, end):
    assert fits([h(2, 4)], 1, start, end)


@pytest.mark.parametrize(("start", "end"), [(1, 3), (1, 5), (2, 4), (3, 5)])
def test_periods_overlapping_2_to_4_collide(start, end):
    assert not fits([h(2, 4)], 1, start, end)


def test_two_units_booked_9_to_10_and_10_to_11_leave_room_for_9_to_11():
    held = [h(9, 10), h(10, 11)]
    assert peak(held, T0 + timedelta(hours=9), T0 + timedelta(hours=11)) == 1
    assert fits(held, 2, 9, 11)
    # Counting overlaps would say 2 bookings overlap 9-11 and refuse it.
    assert not fits(held + [h(9, 11)], 2, 9, 11)


def test_peak_is_the_busiest_instant_and_adds_units():
    held = [h(0, 10, 2), h(3, 4, 1), h(5, 6, 3)]
    assert peak(held, T0, T0 + timedelta(hours=10)) == 5
    assert peak(held, T0 + timedelta(hours=3), T0 + timedelta(hours=5)) == 3
    assert peak(held, T0 + timedelta(hours=6), T0 + timedelta(hours=10)) == 2
    assert peak([], T0, T0 + timedelta(hours=1)) == 0


def test_holds_outside_the_window_are_ignored():
    assert peak([h(0, 2, 5)], T0 + timedelta(hours=2), T0 + timedelta(hours=3)) == 0


def test_segments_cover_the_window_and_merge_equal_neighbours():
    held = [h(1, 2), h(2, 3), h(5, 6, 2)]
    segs = segments(held, T0, T0 + timedelta(hours=8))
    assert [(s.start.hour, s.end.hour, s.used) for s in segs] == [
        (0, 1, 0),
        (1, 3, 1),
        (3, 5, 0),
        (5, 6, 2),
        (6, 8, 0),
    ]


def test_most_used_per_bucket():
    segs = [
        Segment(T0, T0 + timedelta(minutes=90), 1),
        Segment(T0 + timedelta(minutes=90), T0 + timedelta(hours=3), 0),
    ]
    bounds = [T0 + timedelta(hours=i) for i in range(4)]
    assert most_used_per_bucket(segs, bounds) == [1, 1, 0]
