"""Idempotency-Key on API POSTs: a retry with the same key gets the first answer
and creates nothing; the same key for another request is refused; keys are per
account and kept in the database (so every worker and host sees them)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.api.idempotency import IdempotencyKey
from marketplace.bookings.models import Booking
from marketplace.listings.models import Demand, Offering
from tests.concurrency.scenario import bookable, customer
from tests.support.factories import demand_body, offering_body

from .test_bookings_api import body as booking_body


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    "path, model, make_body, side",
    [
        ("/api/v1/offerings", Offering, offering_body, "supply"),
        ("/api/v1/demands", Demand, demand_body, "demand"),
    ],
)
def test_a_retry_with_the_same_key_returns_the_first_answer(api, make, db, path, model, make_body, side):
    client = api.as_(make.member(make.org(side=side)))
    before = _count(db, model)
    key = {"Idempotency-Key": "retry-0001"}
    first = client.post(path, json=make_body(), headers=key)
    again = client.post(path, json=make_body(), headers=key)
    assert first.status_code == again.status_code == 201, first.json
    assert again.json == first.json and again.headers["Location"] == first.headers["Location"]
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert _count(db, model) == before + 1
    # Without a key (or with another key) each POST creates.
    assert client.post(path, json=make_body()).status_code == 201
    assert client.post(path, json=make_body(), headers={"Idempotency-Key": "retry-0002"}).status_code == 201
    assert _count(db, model) == before + 3


def test_bookings_are_idempotent_too(api, make, db):
    offering = bookable(make, db, units=4)
    client = api.as_(customer(make))
    key = {"Idempotency-Key": "book-once"}
    first = client.post("/api/v1/bookings", json=booking_body(offering), headers=key)
    again = client.post("/api/v1/bookings", json=booking_body(offering), headers=key)
    assert first.status_code == again.status_code == 201, first.json
    assert again.json["id"] == first.json["id"]
    assert db.scalar(select(func.count()).select_from(Booking).where(Booking.offering_id == offering.id)) == 1


def test_the_same_key_with_another_body_is_422_and_creates_nothing(api, make, db):
    client = api.as_(make.member(make.org(side="supply")))
    key = {"Idempotency-Key": "k-1"}
    assert client.post("/api/v1/offerings", json=offering_body(), headers=key).status_code == 201
    before = _count(db, Offering)
    other = client.post("/api/v1/offerings?lang=en", json=offering_body(title="另一台机器人"), headers=key)
    assert other.status_code == 422
    assert other.json["error"] == "idempotency_key_reused" and other.json["message"]
    assert _count(db, Offering) == before


def test_keys_belong_to_one_account(api, make, db):
    org = make.org(side="supply")
    one, two = api.as_(make.member(org)), api.as_(make.member(org))
    key = {"Idempotency-Key": "shared-name"}
    a = one.post("/api/v1/offerings", json=offering_body(), headers=key)
    b = two.post("/api/v1/offerings", json=offering_body(), headers=key)
    assert a.status_code == b.status_code == 201 and a.json["ref"] != b.json["ref"]


def test_a_refusal_is_kept_too_and_a_fixed_request_needs_a_new_key(api, make, db):
    client = api.as_(make.member(make.org(side="supply")))
    key = {"Idempotency-Key": "bad-then-good"}
    bad = client.post("/api/v1/offerings", json=offering_body(title=""), headers=key)
    assert bad.status_code == 400
    assert client.post("/api/v1/offerings", json=offering_body(title=""), headers=key).json == bad.json
    assert client.post("/api/v1/offerings", json=offering_body(), headers=key).status_code == 422
    row = db.scalar(select(IdempotencyKey).where(IdempotencyKey.key == "bad-then-good"))
    assert row.status_code == 400 and len(row.fingerprint) == 64


def test_a_claim_still_running_is_409(api, make, db):
    user = make.member(make.org(side="supply"))
    client = api.as_(user)
    from marketplace.api.idempotency import fingerprint

    body = b'{"title": "x"}'
    db.add(
        IdempotencyKey(
            user_id=user.id, key="busy", fingerprint=fingerprint("POST", "/api/v1/offerings", body)
        )
    )
    db.flush()
    r = client.post(
        "/api/v1/offerings",
        data=body,
        headers={"Idempotency-Key": "busy", "Content-Type": "application/json"},
    )
    assert r.status_code == 409 and r.json["error"] == "idempotency_in_progress"


@pytest.mark.parametrize("key", ["", "x" * 256, "ключ", "tab\there"])
def test_malformed_keys_are_400(api, make, db, key):
    client = api.as_(make.member(make.org(side="supply")))
    before = _count(db, Offering)
    r = client.post("/api/v1/offerings", json=offering_body(), headers={"Idempotency-Key": key})
    assert r.status_code == 400 and "Idempotency-Key" in r.json["fields"]
    assert _count(db, Offering) == before


def test_every_post_in_the_document_takes_the_header(api):
    doc = api.get("/api/v1/openapi.json").json
    posts = [item["post"] for item in doc["paths"].values() if "post" in item]
    assert posts
    for op in posts:
        assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in op["parameters"])
        assert "422" in op["responses"]
