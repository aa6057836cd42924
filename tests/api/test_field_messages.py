"""One contract for field errors: `fields` holds sentences in the request's
language (Accept-Language), never codes, for every feature."""

from __future__ import annotations

import re

import pytest

from marketplace.accounts import services as accounts
from marketplace.errors import ValidationFailed
from tests.support.factories import demand_body
from tests.support.pilots import pair_world

CJK = re.compile(r"[\u4e00-\u9fff]")
CODES = {"required", "unknown", "invalid", "taken", "wrong", "short", "must be text"}


def _check(fields: dict, lang: str) -> None:
    assert fields, "no field messages"
    for name, message in fields.items():
        assert isinstance(message, str) and message not in CODES, (name, message)
        if lang == "zh":
            assert CJK.search(message), (name, message)
        else:
            assert not CJK.search(message), (name, message)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_listings_field_messages(api, make, lang):
    client = api.as_(make.member(make.org(side="demand")))
    r = client.post(
        "/api/v1/demands",
        json=demand_body(title="", domain="space", tasks=["welding"]),
        headers={"Accept-Language": lang},
    )
    assert r.status_code == 400
    _check(r.json["fields"], lang)
    assert {"zh": "必填", "en": "is required"}[lang] == r.json["fields"]["title"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bookings_field_messages(api, make, db, lang):
    offering = make.bookable(units=2)
    r = api.as_(make.customer()).post(
        "/api/v1/bookings",
        json={"offering": offering.ref, "mode": "sharing", "start": "nope", "end": "nope", "units": 0},
        headers={"Accept-Language": lang},
    )
    assert r.status_code == 400
    _check(r.json["fields"], lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pilots_field_messages(api, make, lang):
    world = pair_world(make)
    r = api.as_(world.offering_member).post(
        "/api/v1/pilots",
        json={"demand": "nope", "title": "x"},
        headers={"Accept-Language": lang},
    )
    assert r.status_code == 400
    _check(r.json["fields"], lang)
    r = api.as_(world.offering_member).post(
        "/api/v1/pilots",
        json={
            "demand": world.demand.ref,
            "offering": world.offering.ref,
            "title": "",
            "plan": "计划",
            "quantity": "many",
        },
        headers={"Accept-Language": lang},
    )
    assert r.status_code == 400
    _check(r.json["fields"], lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_accounts_field_messages(app, db, make, lang):
    """Accounts have no API endpoint that takes fields; their service speaks the
    language of the API request it runs in all the same."""
    user = make.member(make.org(side="demand"))
    with app.test_request_context("/api/v1/demands", headers={"Accept-Language": lang}):
        with pytest.raises(ValidationFailed) as taken:
            accounts.create_user(db, user.email, "a sound passphrase 42", "member", user.organization)
        with pytest.raises(ValidationFailed) as weak:
            accounts.create_user(db, "new@example.com", "short", "member", user.organization)
        with pytest.raises(ValidationFailed) as wrong:
            accounts.change_password(user, "not the password", "a sound passphrase 42")
    for err in (taken, weak, wrong):
        _check(err.value.fields, lang)
