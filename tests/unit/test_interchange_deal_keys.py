"""The interchange keys of issue 9: `website` and `contact` on organizations,
`period_months` and `hours_per_month` on demands."""

from __future__ import annotations

import pytest

from marketplace.interchange.validate import validate_demand, validate_organization

ORG = {"ref": "o1", "name": "测试机构", "side": "demand", "city": "ningbo"}
DEMAND = {
    "ref": "d1",
    "org": "o1",
    "title": "上下料",
    "description": "冲压线上下料",
    "domain": "manufacturing",
    "city": "ningbo",
}


def test_contact_and_website_are_read():
    clean, problems = validate_organization(
        {
            **ORG,
            "website": " https://f.example.com ",
            "contact": {"name": "王工", "phone": "0574-8600 1234", "email": "w@f.example.com"},
        }
    )
    assert problems == []
    assert clean["website"] == "https://f.example.com"
    assert clean["contact"] == {"name": "王工", "phone": "0574-8600 1234", "email": "w@f.example.com"}


def test_contact_and_website_are_optional():
    clean, problems = validate_organization(dict(ORG))
    assert (
        problems == []
        and clean["website"] == ""
        and clean["contact"] == {"name": "", "phone": "", "email": ""}
    )


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"website": "http://f.example.com"}, "website", "https"),
        ({"website": "javascript:alert(1)"}, "website", "https"),
        ({"website": 5}, "website", "type_string"),
        ({"contact": "王工"}, "contact", "type_object"),
        ({"contact": {"email": "not-an-address"}}, "contact.email", "email"),
        ({"contact": {"phone": "call me"}}, "contact.phone", "phone"),
        ({"contact": {"name": 7}}, "contact.name", "type_string"),
        ({"contact": {"name": "x" * 101}}, "contact.name", "too_long"),
    ],
)
def test_bad_contact_or_website(extra, field, code):
    _clean, problems = validate_organization({**ORG, **extra})
    assert (field, code) in {(p.field, p.code) for p in problems}


def test_period_and_hours():
    clean, problems = validate_demand({**DEMAND, "period_months": 6, "hours_per_month": 160.5})
    assert problems == [] and (clean["period_months"], clean["hours_per_month"]) == (6, 160.5)
    clean, problems = validate_demand(dict(DEMAND))
    assert problems == [] and clean["period_months"] is None and clean["hours_per_month"] is None


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"period_months": 0}, "period_months"),
        ({"period_months": 1.5}, "period_months"),
        ({"hours_per_month": -1}, "hours_per_month"),
        ({"hours_per_month": "x"}, "hours_per_month"),
    ],
)
def test_bad_period_or_hours(extra, field):
    _clean, problems = validate_demand({**DEMAND, **extra})
    assert field in {p.field for p in problems}
