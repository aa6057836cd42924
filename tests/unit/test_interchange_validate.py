from datetime import date
from decimal import Decimal

import pytest

from marketplace.interchange.validate import validate_demand, validate_offering, validate_organization


def demand(**kw):
    raw = {
        "ref": "d1",
        "org": "o1",
        "title": "上下料",
        "description": "冲压线上下料",
        "domain": "manufacturing",
        "city": "ningbo",
    }
    raw.update(kw)
    return raw


def offering(**kw):
    raw = {
        "ref": "f1",
        "org": "o2",
        "category": "humanoid",
        "title": "人形机器人",
        "description": "28自由度",
        "domains": ["manufacturing"],
        "modes": [{"mode": "purchase", "price": 300000}],
    }
    raw.update(kw)
    return raw


def fields(problems):
    return {(p.field, p.code) for p in problems}


def test_minimal_demand_gets_defaults():
    clean, problems = validate_demand(demand())
    assert problems == []
    assert clean["kind"] == "scenario" and clean["quantity"] == 1 and clean["status"] == "open"
    assert clean["tasks"] == [] and clean["modes"] == [] and clean["budget"] == {}


def test_full_demand_is_normalised():
    clean, problems = validate_demand(
        demand(
            tasks=["loading", "handling", "loading"],
            environments=["wet"],
            payload_kg=15,
            quantity=3,
            modes=["lease"],
            budget={"lease": 10000},
            needed_by="2027-03-31",
        )
    )
    assert problems == []
    assert clean["tasks"] == ["loading", "handling"]
    assert clean["budget"] == {"lease": Decimal("10000.00")}
    assert clean["needed_by"] == date(2027, 3, 31)
    assert clean["payload_kg"] == 15.0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (demand(domain="space"), ("domain", "unknown_code")),
        (demand(title=None), ("title", "required")),
        (demand(title="   "), ("title", "required")),
        (demand(tasks=["welding", "firefighting"]), ("tasks", "task_domain")),
        (demand(tasks="loading"), ("tasks", "type_list")),
        (demand(quantity=0), ("quantity", "type_integer")),
        (demand(quantity=2.5), ("quantity", "type_integer")),
        (demand(quantity=True), ("quantity", "type_integer")),
        (demand(payload_kg=-1), ("payload_kg", "type_number")),
        (demand(budget={"rent": 5}), ("budget", "unknown_code")),
        (demand(budget={"lease": "lots"}), ("budget.lease", "type_number")),
        (demand(needed_by="31/03/2027"), ("needed_by", "date")),
        (demand(status="pending"), ("status", "status")),
        (demand(city="shanghai"), ("city", "unknown_code")),
        (demand(kind="other"), ("kind", "unknown_code")),
    ],
)
def test_demand_problems(raw, expected):
    _clean, problems = validate_demand(raw)
    assert expected in fields(problems)


def test_every_problem_is_reported_at_once():
    _clean, problems = validate_demand({"ref": "x", "org": "o", "domain": "space"})
    assert {"title", "description", "domain", "city"} <= {p.field for p in problems}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (offering(domains=[]), ("domains", "empty_list")),
        (offering(modes=[]), ("modes", "empty_list")),
        (offering(modes=[{"mode": "purchase", "price": 0}]), ("modes[0].price", "type_number")),
        (offering(modes=[{"mode": "buy", "price": 10}]), ("modes[0].mode", "unknown_code")),
        (
            offering(modes=[{"mode": "lease", "price": 10}, {"mode": "lease", "price": 20}]),
            ("modes[1].mode", "duplicate_mode"),
        ),
        (offering(units_available=-1), ("units_available", "type_integer0")),
        (offering(service_cities=["beijing"]), ("service_cities", "unknown_code")),
        (offering(certifications="CE"), ("certifications", "type_list")),
        (offering(category="drone"), ("category", "unknown_code")),
        (offering(tasks=["firefighting"]), ("tasks", "task_domain")),
    ],
)
def test_offering_problems(raw, expected):
    _clean, problems = validate_offering(raw)
    assert expected in fields(problems)


def test_offering_prices_are_decimals_and_zero_units_allowed():
    clean, problems = validate_offering(
        offering(units_available=0, modes=[{"mode": "sharing", "price": 120.5}])
    )
    assert problems == []
    assert clean["modes"] == [{"mode": "sharing", "price": Decimal("120.50")}]
    assert clean["units_available"] == 0


def test_organization_credit_code_and_side():
    clean, problems = validate_organization(
        {"ref": "o", "name": "甲", "side": "supply", "city": "wenzhou", "credit_code": "91350100M000100Y43"}
    )
    assert problems == [] and clean["credit_code"] == "91350100M000100Y43"
    _clean, problems = validate_organization(
        {"ref": "o", "name": "甲", "side": "seller", "city": "wenzhou", "credit_code": "91350100M000100Y44"}
    )
    assert {("side", "unknown_code"), ("credit_code", "credit_code")} <= fields(problems)


def test_messages_in_both_languages():
    _clean, problems = validate_demand(demand(domain="space"))
    problem = next(p for p in problems if p.field == "domain")
    assert "space" in problem.message("en") and "unknown" in problem.message("en")
    assert "未知代码" in problem.message("zh")
