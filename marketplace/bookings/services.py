"""Bookings: availability, booking, accepting, cancelling, and the capacity rule.

The rule: at no instant are more units promised (requested and confirmed
bookings, running subscriptions) than the offering's pool has. Every change that
can add a hold or shrink the pool first locks the offering's pool row, then
checks per instant (`capacity.peak`), then writes, inside one transaction:

- SQLite: the caller opens the transaction with `db.begin_write` (BEGIN
  IMMEDIATE), so one writer at a time; the version bump of the pool row would
  take the write lock too if it had not been taken yet.
- PostgreSQL: `SELECT … FOR UPDATE` of the pool row; every booking of the same
  offering waits for the one before it to commit, then reads what it wrote
  (READ COMMITTED gives each statement a fresh snapshot).

Services flush; the views, the API and the CLI commit.

This module is the feature's one entry point; the code lives by concern:

- `rules`      the vendor's settings, who may book or answer, bookable modes, lists
- `pool`       the pool lock, holds, bookings to come, the offering-change guard
- `quotes`     checking a request, its price and the units free (`quote_request`)
- `lifecycle`  create, accept, decline, cancel, complete (`workflow.TRANSITIONS`)
- `slots`      availability, calendars by day and hour, the API's slots
- `notices`    notices to the parties"""

from __future__ import annotations

from .lifecycle import (
    accept,
    cancel,
    cancel_future_bookings,
    cancel_problem,
    complete_past,
    create_booking,
    decline,
)
from .notices import booking_summary
from .pool import FAR_FUTURE, check_offering_change, future_bookings, holds, lock_pool
from .quotes import Checked, Quoted, check_request, free_units, not_free_message, quote_request
from .rules import (
    bookable_modes,
    booking_for,
    bookings_of,
    ensure_can_book,
    ensure_vendor,
    save_settings,
    settings_for,
    side_of,
)
from .slots import Availability, Slots, availability, day_calendar, hour_calendar, slots

__all__ = [
    "FAR_FUTURE",
    "Availability",
    "Checked",
    "Quoted",
    "Slots",
    "accept",
    "availability",
    "bookable_modes",
    "booking_for",
    "booking_summary",
    "bookings_of",
    "cancel",
    "cancel_future_bookings",
    "cancel_problem",
    "check_offering_change",
    "check_request",
    "complete_past",
    "create_booking",
    "day_calendar",
    "decline",
    "ensure_can_book",
    "ensure_vendor",
    "free_units",
    "future_bookings",
    "holds",
    "hour_calendar",
    "lock_pool",
    "not_free_message",
    "quote_request",
    "save_settings",
    "settings_for",
    "side_of",
    "slots",
]
