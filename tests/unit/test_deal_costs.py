"""The cost arithmetic of each way to acquire, the break-even, the cheapest mark."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.deals import costs


@pytest.mark.parametrize(
    ("mode", "price", "units", "months", "hours", "expected"),
    [
        ("purchase", 300000, 2, 6, 160, "600000.00"),  # price × units, months do not matter
        ("purchase", 300000, 2, 60, 160, "600000.00"),
        ("lease", 11200, 2, 6, 160, "134400.00"),  # price × units × months
        ("raas", 9000, 3, 12, None, "324000.00"),
        ("sharing", 120, 2, 6, 160, "230400.00"),  # price × units × hours × months
        ("sharing", "99.99", 1, 1, "10.5", "1049.90"),  # rounded to the cent
        ("lease", "0.01", 1, 1, None, "0.01"),
    ],
)
def test_total_per_mode(mode, price, units, months, hours, expected):
    assert costs.total(mode, price, units, months, hours) == Decimal(expected)


def test_sharing_without_hours_costs_nothing_rather_than_failing():
    assert costs.total("sharing", 120, 2, 6, None) == Decimal("0.00")


def test_unknown_mode_is_an_error():
    with pytest.raises(ValueError):
        costs.total("barter", 1, 1, 1)


@pytest.mark.parametrize(
    ("amount", "months", "expected"),
    [("134400", 6, "22400.00"), ("600000", 6, "100000.00"), ("100", 3, "33.33"), ("200", 3, "66.67")],
)
def test_per_month(amount, months, expected):
    assert costs.per_month(amount, months) == Decimal(expected)


def test_per_month_needs_positive_months():
    with pytest.raises(ValueError):
        costs.per_month(100, 0)


@pytest.mark.parametrize(
    ("purchase", "lease", "expected"),
    [(300000, 12000, "25.0"), (300000, 11200, "26.8"), (620000, 28000, "22.1"), (1, 3, "0.3")],
)
def test_break_even(purchase, lease, expected):
    assert costs.break_even_months(purchase, lease) == Decimal(expected)


def test_break_even_agrees_with_the_totals():
    """Past the break-even, buying's total is below leasing's; before it, above."""
    even = costs.break_even_months(300000, 12000)
    for months, buying_cheaper in ((int(even) - 1, False), (int(even) + 1, True)):
        buy = costs.total("purchase", 300000, 2, months)
        lease = costs.total("lease", 12000, 2, months)
        assert (buy < lease) is buying_cheaper


def test_no_break_even_without_a_lease_price():
    assert costs.break_even_months(300000, 0) is None


def test_price_options_marks_exactly_one_cheapest():
    options = [
        costs.Option("a", "lease", Decimal("11200"), 2),
        costs.Option("b", "lease", Decimal("14500"), 2),
        costs.Option("a", "purchase", Decimal("300000"), 2),
        costs.Option("c", "sharing", Decimal("50"), 2),
    ]
    costs.price_options(options, 6, 160)
    assert [o.total for o in options] == [
        Decimal("134400.00"),
        Decimal("174000.00"),
        Decimal("600000.00"),
        Decimal("96000.00"),
    ]
    assert [o.per_month for o in options] == [
        Decimal("22400.00"),
        Decimal("29000.00"),
        Decimal("100000.00"),
        Decimal("16000.00"),
    ]
    assert [o.cheapest for o in options] == [False, False, False, True]


def test_price_options_ties_go_to_the_first():
    options = [costs.Option("a", "lease", Decimal(10), 1), costs.Option("b", "raas", Decimal(10), 1)]
    costs.price_options(options, 2, None)
    assert [o.cheapest for o in options] == [True, False]
    assert costs.price_options([], 2, None) == []
