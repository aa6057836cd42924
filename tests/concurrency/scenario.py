"""Kept for imports written before `tests/support` (use `make.bookable()`,
`make.customer()` and `tests.support.factories.at/day`)."""

from tests.support.factories import MODES, at, day  # noqa: F401


def bookable(make, db=None, units: int = 2, modes: list | None = None, **settings):
    """As `make.bookable(...)`."""
    return make.bookable(units=units, modes=modes, **settings)


def customer(make):
    """As `make.customer()`."""
    return make.customer()
