"""Hostile input answered 4xx, never 500 (issue 11): ids beyond the database's
integer range in every `/<int:…>` route, prices that round to 0.00, availability
and bookings far in the past or future or as ISO week dates, lone surrogates,
`sNaN` in a form; and the smaller mends (booleans sent as strings, the CSV
Content-Type, the new-token page not cached)."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from marketplace.bookings.models import Booking
from marketplace.listings.models import Offering
from tests.concurrency.scenario import bookable, customer
from tests.factories import PASSWORD
from tests.support.factories import offering_body

from .test_bookings_api import body as booking_body

HUGE = ["2147483648", "9223372036854775808", "99999999999999999999"]


def _int_routes(app) -> list[tuple[str, str, list[str]]]:
    """Every rule with an integer part: (rule, a method, the integer argument names)."""
    found = []
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items() if type(conv).__name__ == "IdConverter"]
        if ints:
            method = sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
            found.append((rule.rule, method, ints))
    return found


def test_every_integer_route_answers_404_beyond_the_integer_range(app, api, make):
    routes = _int_routes(app)
    assert len(routes) >= 10 and any(r.startswith("/api/v1/") for r, _m, _i in routes)
    client = api.as_(make.member(make.org(side="both")))
    for rule, method, names in routes:
        for huge in HUGE:
            path = rule
            for name in names:
                path = path.replace(f"<int:{name}>", huge)
            # Other parts (a ref) get a value that names nothing: the answer must still be 404.
            path = re.sub(r"<[^>]+>", "no-such-ref", path)
            r = client.open(path, method)
            assert r.status_code == 404, (method, path, r.status_code)


@pytest.mark.parametrize("price", [1e-9, 5e-324, 0.004, "1e-9"])
def test_a_price_that_rounds_to_zero_is_400(api, make, db, price):
    client = api.as_(make.member(make.org(side="supply")))
    before = db.scalar(select(func.count()).select_from(Offering))
    r = client.post(
        "/api/v1/offerings?lang=en", json=offering_body(modes=[{"mode": "purchase", "price": price}])
    )
    assert r.status_code == 400, r.json
    assert "modes[0].price" in r.json["fields"]
    assert db.scalar(select(func.count()).select_from(Offering)) == before


@pytest.mark.parametrize("value", ["\\ud800", "x\\udfffy", "\\udc00\\ud800"])
def test_a_lone_surrogate_in_json_is_400_naming_the_field(api, make, db, value):
    client = api.as_(make.member(make.org(side="supply")))
    text = json.dumps(offering_body(title="__X__"), ensure_ascii=False).replace("__X__", value)
    r = client.post(
        "/api/v1/offerings?lang=en", data=text.encode(), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400, r.get_data(as_text=True)
    assert "Unicode" in r.json["fields"]["title"]


@pytest.mark.parametrize(
    "start",
    [
        "0001-01-01T00:00:00Z",
        "9999-12-31T00:00:00Z",
        "9999-12-31T23:00:00+08:00",
        "1900-06-01T09:00:00+08:05",
        "2026-W50-3T09:00:00+08:00",
        "2026-340T09:00:00+08:00",
        "2027-01-05T09:00:00+08:05:43",
    ],
)
def test_availability_far_away_or_in_odd_forms_is_400(api, make, db, start):
    offering = bookable(make, db)
    r = api.get(f"/api/v1/offerings/{offering.ref}/availability", query_string={"from": start, "lang": "en"})
    assert r.status_code == 400, r.get_data(as_text=True)
    assert "from" in r.json["fields"] and "2000" in r.json["fields"]["from"]


def test_availability_answers_carry_whole_hour_offsets(api, make, db):
    offering = bookable(make, db)
    r = api.get(
        f"/api/v1/offerings/{offering.ref}/availability", query_string={"from": "2000-01-01T00:00:00Z"}
    )
    assert r.status_code == 200
    assert all(s["start"].endswith("+08:00") for s in r.json["slots"])


@pytest.mark.parametrize(
    "start, end",
    [
        ("9999-12-31T09:00:00+08:00", "9999-12-31T11:00:00+08:00"),
        ("2027-W02-1T09:00:00+08:00", "2027-W02-1T11:00:00+08:00"),
    ],
)
def test_bookings_refuse_week_dates_and_year_9999(api, make, db, start, end):
    offering = bookable(make, db)
    data = {**booking_body(offering), "start": start, "end": end}
    r = api.as_(customer(make)).post("/api/v1/bookings", json=data)
    assert r.status_code == 400 and "start" in r.json["fields"]
    assert db.scalar(select(func.count()).select_from(Booking)) == 0


@pytest.mark.parametrize("value", ["false", "true", 0, 1, "no"])
def test_first_of_kind_must_be_a_boolean(api, make, db, value):
    client = api.as_(make.member(make.org(side="supply")))
    r = client.post("/api/v1/offerings", json=offering_body(first_of_kind=value))
    assert r.status_code == 400 and "first_of_kind" in r.json["fields"]
    ok = client.post("/api/v1/offerings", json=offering_body(first_of_kind=False))
    assert ok.status_code == 201 and ok.json["first_of_kind"] is False


def _sign_in(client, user):
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302


@pytest.mark.parametrize("price", ["sNaN", "NaN", "-sNaN", "Infinity", "1e-9"])
def test_odd_numbers_in_the_offering_form_are_400_and_kept(client, make, db, price):
    from tests.web.test_listing_owner import offering_form

    _sign_in(client, make.member(make.org(side="supply")))
    r = client.post("/offerings/new", data=offering_form(price_lease=price))
    assert r.status_code == 400, r.status_code
    assert "导购人形机器人" in r.get_data(as_text=True)  # what was typed stays
    assert db.scalar(select(func.count()).select_from(Offering)) == 0


def test_the_page_showing_a_new_token_is_not_stored(client, make):
    _sign_in(client, make.member(make.org(side="supply")))
    r = client.post("/account/tokens", data={"tok-label": "ci"})
    assert r.status_code == 200 and "new-token-value" in r.get_data(as_text=True)
    assert "no-store" in r.headers["Cache-Control"]


@pytest.mark.parametrize("path", ["/demands/export.csv", "/offerings/export.csv"])
def test_csv_content_type_names_the_charset_once(client, make, path):
    _sign_in(client, make.official())
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
