"""Bearer tokens: 401 for none, bad, revoked or disabled; the cookie session is
never used by the API; a token's use is recorded without a write per read."""

from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace.accounts import services as accounts
from marketplace.accounts.models import ApiToken
from marketplace.db import utcnow
from tests.support.factories import demand_body


def _token_row(db, raw: str) -> ApiToken:
    from sqlalchemy import select

    return db.scalar(select(ApiToken).where(ApiToken.token_hash == ApiToken.hash(raw)))


def test_post_without_token_is_401_with_bearer_challenge(api):
    r = api.post("/api/v1/demands", json=demand_body())
    assert r.status_code == 401
    assert r.json["error"] == "unauthorized"
    assert r.json["message"]
    assert r.headers["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(
    "header",
    [
        "Bearer rsm_not-a-real-token",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer a b",
        "Bearer " + "x" * 500,
    ],
)
def test_bad_or_malformed_token_is_401_even_on_public_lists(api, header):
    r = api.get("/api/v1/demands", headers={"Authorization": header})
    assert r.status_code == 401
    assert r.json["error"] == "unauthorized"
    assert 'error="invalid_token"' in r.headers["WWW-Authenticate"]
    assert r.headers["Cache-Control"] == "no-store"


def test_valid_token_reads_and_writes(api, make):
    user = make.member(make.org(side="demand"))
    client = api.as_(user)
    assert client.get("/api/v1/demands").status_code == 200
    assert client.post("/api/v1/demands", json=demand_body()).status_code == 201


def test_scheme_is_case_insensitive(api, make, db):
    user = make.member(make.org(side="demand"))
    raw = accounts.issue_token(db, user, "t")
    r = api.post("/api/v1/demands", json=demand_body(), headers={"Authorization": f"bearer {raw}"})
    assert r.status_code == 201


def test_revoked_token_is_401(api, make, db):
    user = make.member(make.org(side="demand"))
    raw = accounts.issue_token(db, user, "t")
    client = api.with_token(raw)
    assert client.post("/api/v1/demands", json=demand_body()).status_code == 201
    accounts.revoke_token(db, user, _token_row(db, raw).id)
    db.commit()
    r = client.post("/api/v1/demands", json=demand_body())
    assert r.status_code == 401
    assert 'error="invalid_token"' in r.headers["WWW-Authenticate"]


def test_token_of_disabled_account_is_401(api, make, db):
    user = make.member(make.org(side="demand"))
    client = api.as_(user)
    user.active = False
    db.commit()
    assert client.get("/api/v1/demands").status_code == 401


def test_role_change_takes_effect_on_the_next_request(api, make, db):
    user = make.member(make.org(side="demand"))
    client = api.as_(user)
    assert client.post("/api/v1/demands", json=demand_body()).status_code == 201
    user.role = "official"
    db.commit()
    assert client.post("/api/v1/demands", json=demand_body()).status_code == 403


def test_cookie_session_is_not_used_by_the_api(app, auth, client, make):
    org = make.org(side="demand")
    user = make.member(org)
    draft = make.demand(org, status="draft")
    assert auth.login(user).status_code == 302
    assert client.get(f"/demands/{draft.ref}").status_code == 200  # the site knows the cookie
    r = client.post("/api/v1/demands", json=demand_body())
    assert r.status_code == 401
    assert client.get(f"/api/v1/demands/{draft.ref}").status_code == 404
    assert client.patch(f"/api/v1/demands/{draft.ref}", json={"title": "x"}).status_code == 401


def test_api_responses_set_no_cookie(api, make):
    user = make.member(make.org(side="demand"))
    for r in (api.get("/api/v1/demands"), api.as_(user).post("/api/v1/demands", json=demand_body())):
        assert "Set-Cookie" not in r.headers


def test_first_use_of_a_token_is_recorded(api, make, db):
    user = make.member(make.org(side="demand"))
    raw = accounts.issue_token(db, user, "t")
    db.commit()
    assert _token_row(db, raw).last_used_at is None
    assert api.with_token(raw).get("/api/v1/offerings").status_code == 200
    db.expire_all()
    assert _token_row(db, raw).last_used_at is not None


def test_reads_record_use_only_every_few_minutes(api, make, db):
    user = make.member(make.org(side="demand"))
    raw = accounts.issue_token(db, user, "t")
    recent = utcnow() - timedelta(minutes=1)
    _token_row(db, raw).last_used_at = recent
    db.commit()
    assert api.with_token(raw).get("/api/v1/offerings").status_code == 200
    assert not db.dirty  # nothing left to flush by a read
    db.expire_all()
    assert _token_row(db, raw).last_used_at == recent

    stale = utcnow() - timedelta(hours=1)
    _token_row(db, raw).last_used_at = stale
    db.commit()
    assert api.with_token(raw).get("/api/v1/offerings").status_code == 200
    db.expire_all()
    assert _token_row(db, raw).last_used_at > stale


def test_error_messages_follow_the_requested_language(api):
    zh = api.post("/api/v1/demands", json={})
    en = api.post("/api/v1/demands", json={}, headers={"Accept-Language": "en-US,en;q=0.9"})
    en_q = api.post("/api/v1/demands?lang=en", json={}, headers={"Accept-Language": "zh-CN"})
    assert zh.status_code == en.status_code == en_q.status_code == 401
    assert en.json["message"] == en_q.json["message"]
    assert "Bearer" in en.json["message"] and "API token" in en.json["message"]
    assert zh.json["message"] != en.json["message"]
    assert "令牌" in zh.json["message"]


def test_api_language_ignores_the_site_language_cookie(api):
    api.client.get("/lang/en")  # the site remembers English for this browser
    r = api.post("/api/v1/demands", json={})
    assert "令牌" in r.json["message"]
