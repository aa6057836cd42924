"""The capacity rule, pure: how many units are held at each instant.

Holding bookings are half-open periods [start, end) with a number of units. The
question is never "how many bookings overlap mine" but "at the busiest instant of
my period, how many units are held": with 2 units and bookings 09-10 and 10-11, a
booking 09-11 fits, because no instant has both. A sweep over the booking
boundaries answers it exactly."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Hold:
    start: datetime
    end: datetime
    units: int


@dataclass(frozen=True)
class Segment:
    """Between `start` and `end` the same number of units is held."""

    start: datetime
    end: datetime
    used: int


def _events(holds: Iterable[Hold], start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    changes: dict[datetime, int] = {}
    for hold in holds:
        s, e = max(hold.start, start), min(hold.end, end)
        if s < e and hold.units:
            changes[s] = changes.get(s, 0) + hold.units
            changes[e] = changes.get(e, 0) - hold.units
    # One entry per instant: a booking ending at 10:00 and another starting at
    # 10:00 net out, so they never count as held together.
    return sorted(changes.items())


def peak(holds: Iterable[Hold], start: datetime, end: datetime) -> int:
    """The most units held at any instant of [start, end)."""
    used = best = 0
    for _at, delta in _events(holds, start, end):
        used += delta
        best = max(best, used)
    return best


def segments(holds: Iterable[Hold], start: datetime, end: datetime) -> list[Segment]:
    """[start, end) cut where the held units change, each piece with its count."""
    result: list[Segment] = []
    used, cursor = 0, start
    for at, delta in _events(holds, start, end):
        if at > cursor:
            result.append(Segment(cursor, at, used))
            cursor = at
        used += delta
    if cursor < end:
        result.append(Segment(cursor, end, used))
    # Merge neighbours with equal counts (the boundary of two equal bookings).
    merged: list[Segment] = []
    for seg in result:
        if merged and merged[-1].used == seg.used and merged[-1].end == seg.start:
            merged[-1] = Segment(merged[-1].start, seg.end, seg.used)
        else:
            merged.append(seg)
    return merged


def most_used_per_bucket(segs: Sequence[Segment], bounds: Sequence[datetime]) -> list[int]:
    """For consecutive bounds b0 < b1 < …, the most units held within each [bi, bi+1).

    `segs` must cover the buckets (as `segments` over [b0, bn) does)."""
    starts = [s.start for s in segs]
    result = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        i = max(0, bisect_right(starts, lo) - 1)
        most = 0
        while i < len(segs) and segs[i].start < hi:
            if segs[i].end > lo:
                most = max(most, segs[i].used)
            i += 1
        result.append(most)
    return result
