"""Prices of bookings, pure: the offering's price for the mode times the period.

Price units come from the taxonomy: `sharing` is per unit per hour; `lease` and
`raas` are per unit per month. A lease of whole calendar months costs that many
months; days beyond the last whole month are charged at 1/30 of the monthly price
each (the usual convention of Chinese lease contracts: 按日计租 = 月租金 ÷ 30)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from .periods import SITE_ZONE, months_and_days

CENT = Decimal("0.01")
DAYS_PER_MONTH = 30


@dataclass(frozen=True)
class Quote:
    mode: str
    units: int
    unit_price: Decimal  # the offering's price in the mode's price unit
    hours: int = 0  # sharing
    months: int = 0  # lease, raas
    days: int = 0  # lease: days beyond the whole months
    total: Decimal = Decimal("0")


def quote(mode: str, unit_price: Decimal, units: int, start: datetime, end: datetime) -> Quote:
    """The price of `units` units in `mode` over [start, end) (aware datetimes,
    already checked to lie on whole hours, days or months)."""
    unit_price = Decimal(unit_price)
    if mode == "sharing":
        hours = int((end - start).total_seconds() // 3600)
        total = unit_price * units * hours
        return Quote(mode, units, unit_price, hours=hours, total=total.quantize(CENT, ROUND_HALF_UP))
    first = start.astimezone(SITE_ZONE).date()
    last = end.astimezone(SITE_ZONE).date()
    months, days = months_and_days(first, last)
    total = unit_price * units * months + unit_price * units * days / DAYS_PER_MONTH
    return Quote(mode, units, unit_price, months=months, days=days, total=total.quantize(CENT, ROUND_HALF_UP))
