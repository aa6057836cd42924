"""/api/v1 bookings: availability, POST /bookings, GET and DELETE /bookings/<id>."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from sqlalchemy import func, select

from marketplace.bookings import periods
from marketplace.bookings.models import Booking
from tests.support.factories import at, day


def iso(value) -> str:
    return value.isoformat()


def body(offering, start=None, end=None, **kw) -> dict:
    data = {
        "offering": offering.ref,
        "mode": "sharing",
        "start": iso(start or at(9)),
        "end": iso(end or at(11)),
        "units": 1,
    }
    data.update(kw)
    return data


def count(db) -> int:
    return db.scalar(select(func.count()).select_from(Booking))


def test_book_and_read_back(api, make, db):
    offering = make.bookable(units=4)
    client = api.as_(make.customer())
    r = client.post("/api/v1/bookings", json=body(offering, units=2, note="三楼"))
    assert r.status_code == 201, r.json
    data = r.json
    assert data["state"] == "requested"
    assert (data["units"], data["price"], data["unit_price"], data["currency"]) == (2, 480.0, 120.0, "CNY")
    assert data["start"] == iso(at(9)) and data["start"].endswith("+08:00")
    assert r.headers["Location"].endswith(f"/api/v1/bookings/{data['id']}")
    detail = client.get(f"/api/v1/bookings/{data['id']}")
    assert detail.status_code == 200
    assert [h["action"] for h in detail.json["history"]] == ["request"]


def test_times_in_another_zone_are_the_same_instant(api, make, db):
    offering = make.bookable(units=1, auto_confirm=True)
    r = api.as_(make.customer()).post(
        "/api/v1/bookings", json=body(offering, start=at(9).astimezone(UTC), end=at(11).astimezone(UTC))
    )
    assert r.status_code == 201, r.json
    assert r.json["start"] == iso(at(9))
    clash = api.as_(make.customer()).post("/api/v1/bookings", json=body(offering, start=at(10), end=at(12)))
    assert clash.status_code == 409


def test_409_when_the_units_are_not_free_for_the_whole_period(api, make, db):
    offering = make.bookable(units=2, auto_confirm=True)
    assert api.as_(make.customer()).post("/api/v1/bookings", json=body(offering, units=2)).status_code == 201
    r = api.as_(make.customer()).post("/api/v1/bookings", json=body(offering, start=at(10), end=at(12)))
    assert r.status_code == 409
    assert r.json["error"] == "conflict" and "units" in r.json["fields"] and r.json["message"]
    assert (
        api.as_(make.customer())
        .post("/api/v1/bookings", json=body(offering, start=at(11), end=at(12)))
        .status_code
        == 201
    )
    assert count(db) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end": "START"}, "end"),
        ({"start": "PAST", "end": "PAST_END"}, "start"),
        ({"units": 0}, "units"),
        ({"units": -3}, "units"),
        ({"units": 99}, "units"),
        ({"units": "2"}, "units"),
        ({"start": "HALF"}, "start"),
        ({"start": "2026-12-01T09:00:00"}, "start"),
        ({"end": "NAIVE_END"}, "end"),
        ({"start": "next tuesday"}, "start"),
        ({"offering": "off-does-not-exist"}, "offering"),
        ({"offering": 42}, "offering"),
        ({"mode": "purchase"}, "mode"),
        ({"mode": "lease"}, "start"),  # leases start at midnight
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(api, make, db, change, field):
    offering = make.bookable(
        units=2,
        modes=[
            {"mode": "sharing", "price": 120},
            {"mode": "lease", "price": 9000},
            {"mode": "purchase", "price": 300000},
        ],
    )
    data = body(offering)
    replacements = {
        "START": iso(at(9)),
        "PAST": iso(at(9, offset=-2)),
        "PAST_END": iso(at(11, offset=-2)),
        "HALF": iso(at(9) + timedelta(minutes=30)),
        "NAIVE_END": at(11).replace(tzinfo=None).isoformat(),
    }
    data.update({k: replacements.get(v, v) if isinstance(v, str) else v for k, v in change.items()})
    r = api.as_(make.customer()).post("/api/v1/bookings", json=data)
    assert r.status_code == 400, r.json
    assert r.json["error"] == "invalid" and field in r.json["fields"], r.json
    assert count(db) == 0


def test_an_offering_without_a_bookable_mode(api, make, db):
    offering = make.offering(make.org(side="supply"), modes=[{"mode": "purchase", "price": 1000}])
    r = api.as_(make.customer()).post("/api/v1/bookings", json=body(offering))
    assert r.status_code == 400 and "mode" in r.json["fields"]
    assert api.get(f"/api/v1/offerings/{offering.ref}/availability").status_code == 400


def test_who_may_book(api, make, db):
    offering = make.bookable()
    assert api.post("/api/v1/bookings", json=body(offering)).status_code == 401
    assert (
        api.as_(make.member(make.org(side="supply")))
        .post("/api/v1/bookings", json=body(offering))
        .status_code
        == 403
    )
    assert (
        api.as_(make.member(offering.organization)).post("/api/v1/bookings", json=body(offering)).status_code
        == 403
    )
    assert api.as_(make.official()).post("/api/v1/bookings", json=body(offering)).status_code == 403
    hidden = make.offering(make.org(side="supply"), status="draft", modes=[{"mode": "sharing", "price": 10}])
    r = api.as_(make.customer()).post("/api/v1/bookings", json=body(hidden))
    assert r.status_code == 400 and "offering" in r.json["fields"]
    assert (
        api.as_(make.customer())
        .post("/api/v1/bookings", data="[1,", content_type="application/json")
        .status_code
        == 400
    )
    assert count(db) == 0


def test_cancel_through_delete(api, make, db):
    offering = make.bookable(units=1)
    person = make.customer()
    client = api.as_(person)
    booking_id = client.post("/api/v1/bookings", json=body(offering)).json["id"]
    assert api.as_(make.customer()).delete(f"/api/v1/bookings/{booking_id}").status_code == 404
    assert api.delete(f"/api/v1/bookings/{booking_id}").status_code == 401
    r = client.delete(f"/api/v1/bookings/{booking_id}?reason=计划有变")
    assert r.status_code == 200 and r.json["state"] == "cancelled"
    assert client.delete(f"/api/v1/bookings/{booking_id}").status_code == 409
    # The units are free again.
    assert api.as_(make.customer()).post("/api/v1/bookings", json=body(offering)).status_code == 201


def test_the_vendor_cancels_a_confirmed_booking_inside_the_notice_period(api, make, db):
    offering = make.bookable(units=1, auto_confirm=True, cancel_notice_hours=24 * 30)
    person = make.customer()
    booking_id = api.as_(person).post("/api/v1/bookings", json=body(offering)).json["id"]
    refused = api.as_(person).delete(f"/api/v1/bookings/{booking_id}")
    assert refused.status_code == 409 and "720" in refused.json["message"]
    assert (
        api.as_(make.member(offering.organization)).delete(f"/api/v1/bookings/{booking_id}").status_code
        == 200
    )


def test_availability_by_hour(api, make, db):
    offering = make.bookable(units=3, auto_confirm=True)
    api.as_(make.customer()).post("/api/v1/bookings", json=body(offering, start=at(9), end=at(11), units=2))
    api.as_(make.customer()).post("/api/v1/bookings", json=body(offering, start=at(10), end=at(12), units=1))
    r = api.get(
        f"/api/v1/offerings/{offering.ref}/availability", query_string={"from": iso(at(8)), "to": iso(at(13))}
    )
    assert r.status_code == 200, r.json
    data = r.json
    assert (data["units"], data["granularity"], data["timezone"]) == (3, "hour", "Asia/Shanghai")
    assert [s["free"] for s in data["slots"]] == [3, 1, 0, 2, 3]
    assert data["slots"][0]["start"] == iso(at(8))
    assert [(p["start"], p["free"]) for p in data["periods"]] == [
        (iso(at(8)), 3),
        (iso(at(9)), 1),
        (iso(at(10)), 0),
        (iso(at(11)), 2),
        (iso(at(12)), 3),
    ]
    assert {m["mode"] for m in data["modes"]} == {"sharing", "lease", "raas"}


def test_availability_by_day_and_defaults(api, make, db):
    offering = make.bookable(units=2, auto_confirm=True)
    api.as_(make.customer()).post("/api/v1/bookings", json=body(offering, start=at(9), end=at(11)))
    r = api.get(
        f"/api/v1/offerings/{offering.ref}/availability",
        query_string={"granularity": "day", "from": iso(at(5, offset=0))},
    )
    assert r.status_code == 200
    slots = r.json["slots"]
    assert len(slots) == 28 and slots[0]["start"] == iso(periods.local_midnight(day(0)))
    assert slots[3]["free"] == 1 and slots[2]["free"] == 2
    assert len(api.get(f"/api/v1/offerings/{offering.ref}/availability").json["slots"]) == 24 * 7


@pytest.mark.parametrize(
    "query",
    [
        {"from": "2026-12-01T09:00:00"},
        {"to": "soon"},
        {"granularity": "minute"},
        {"from": "2026-12-02T00:00:00+08:00", "to": "2026-12-01T00:00:00+08:00"},
        {"from": "2026-12-01T00:00:00+08:00", "to": "2027-12-01T00:00:00+08:00"},
    ],
)
def test_availability_refuses_bad_queries(api, make, db, query):
    offering = make.bookable()
    r = api.get(f"/api/v1/offerings/{offering.ref}/availability", query_string=query)
    assert r.status_code == 400 and r.json["fields"]


def test_availability_of_unknown_or_hidden_offerings(api, make, db):
    assert api.get("/api/v1/offerings/off-nope/availability").status_code == 404
    hidden = make.bookable()
    hidden.status = "draft"
    db.flush()
    assert api.get(f"/api/v1/offerings/{hidden.ref}/availability").status_code == 404
    assert (
        api.as_(make.member(hidden.organization))
        .get(f"/api/v1/offerings/{hidden.ref}/availability")
        .status_code
        == 200
    )


def test_the_offerings_api_refuses_to_break_bookings(api, make, db):
    offering = make.bookable(units=3, auto_confirm=True)
    api.as_(make.customer()).post("/api/v1/bookings", json=body(offering, units=2))
    vendor = api.as_(make.member(offering.organization))
    shrink = vendor.patch(f"/api/v1/offerings/{offering.ref}", json={"units_available": 1})
    assert shrink.status_code == 409 and "units_available" in shrink.json["fields"]
    withdraw = vendor.delete(f"/api/v1/offerings/{offering.ref}")
    assert withdraw.status_code == 409 and "status" in withdraw.json["fields"]
    db.refresh(offering)
    assert (offering.units_available, offering.status) == (3, "active")
    assert vendor.patch(f"/api/v1/offerings/{offering.ref}", json={"units_available": 2}).status_code == 200


def test_the_openapi_document_describes_the_endpoints(api):
    doc = api.get("/api/v1/openapi.json").json
    assert "post" in doc["paths"]["/api/v1/bookings"]
    assert {"get", "delete"} <= set(doc["paths"]["/api/v1/bookings/{booking_id}"])
    assert "get" in doc["paths"]["/api/v1/offerings/{ref}/availability"]
    assert {"Booking", "BookingInput", "Availability"} <= set(doc["components"]["schemas"])
