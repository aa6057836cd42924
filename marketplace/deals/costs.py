"""The cost of each way to acquire over the period of use: pure arithmetic.

For `units` robots over `months` months (and `hours` of use per unit per month):

- purchase: ``price × units`` (paid once)
- lease and RaaS: ``price × units × months``
- shared use: ``price × units × hours × months``

`per_month` is ``total / months``. Buying and leasing break even after
``purchase total / lease cost per month`` months: a longer need favours buying."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MODES = ("purchase", "lease", "sharing", "raas")


def _d(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def total(mode: str, price: object, units: int, months: object, hours: object | None = None) -> Decimal:
    """The cost over the period for `units` units in `mode` (rounded to the cent)."""
    price, months = _d(price), _d(months)
    if mode == "purchase":
        amount = price * units
    elif mode in ("lease", "raas"):
        amount = price * units * months
    elif mode == "sharing":
        amount = price * units * _d(hours or 0) * months
    else:
        raise ValueError(f"unknown mode {mode!r}")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def per_month(amount: object, months: object) -> Decimal:
    """The total spread over the months of use."""
    months = _d(months)
    if months <= 0:
        raise ValueError("months must be positive")
    return (_d(amount) / months).quantize(CENT, rounding=ROUND_HALF_UP)


def break_even_months(purchase_price: object, lease_price: object) -> Decimal | None:
    """Months after which buying costs less than leasing (per unit; units cancel
    out): purchase price / monthly lease price. None without a positive lease price."""
    lease = _d(lease_price)
    if lease <= 0:
        return None
    return (_d(purchase_price) / lease).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Option:
    """One way to acquire from one source (a response or a proposed offering)."""

    key: str  # e.g. "offering-ref"
    mode: str
    unit_price: Decimal
    units: int
    total: Decimal = Decimal(0)
    per_month: Decimal = Decimal(0)
    cheapest: bool = False


def price_options(options: list[Option], months: object, hours: object | None) -> list[Option]:
    """Fill in total and per-month of every option and mark the cheapest total
    (the first of equal totals, in the given order)."""
    for option in options:
        option.total = total(option.mode, option.unit_price, option.units, months, hours)
        option.per_month = per_month(option.total, months)
        option.cheapest = False
    if options:
        best = min(options, key=lambda o: o.total)
        best.cheapest = True
    return options
