"""`flask issue-token EMAIL` prints a token that works against the API and is
stored only as a hash."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from marketplace.accounts.models import ApiToken
from marketplace.listings.models import Demand
from tests.support.factories import demand_body


def test_issued_token_works_against_the_api(runner, api, make, db):
    org = make.org(side="demand")
    user = make.member(org, email="planner@factory.test")
    db.commit()
    result = runner.invoke(args=["issue-token", "planner@factory.test"])
    assert result.exit_code == 0, result.output
    raw = result.output.strip()
    assert raw.startswith("rsm_") and len(raw) > 40

    r = api.with_token(raw).post("/api/v1/demands", json=demand_body(ref="dem-cli-token"))
    assert r.status_code == 201, r.json
    assert r.json["org"] == org.ref
    db.expire_all()
    assert db.scalar(select(Demand).where(Demand.ref == "dem-cli-token")).org_id == org.id

    token = db.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in (token.token_hash, token.prefix, token.label)
    assert token.last_used_at is not None


def test_each_issue_gives_a_new_working_token(runner, api, make, db):
    user = make.member(make.org(side="demand"), email="two@tokens.test")
    db.commit()
    first = runner.invoke(args=["issue-token", "two@tokens.test"]).output.strip()
    second = runner.invoke(args=["issue-token", "two@tokens.test"]).output.strip()
    assert first != second
    for raw in (first, second):
        assert api.with_token(raw).post("/api/v1/demands", json=demand_body()).status_code == 201
    assert len(db.scalars(select(ApiToken).where(ApiToken.user_id == user.id)).all()) == 2


def test_issue_token_for_unknown_account_fails(runner, db):
    before = len(db.scalars(select(ApiToken)).all())
    result = runner.invoke(args=["issue-token", "nobody@nowhere.test"])
    assert result.exit_code != 0
    assert len(db.scalars(select(ApiToken)).all()) == before


def test_official_token_reads_but_cannot_post(runner, api, make, db):
    make.official(email="official@gov.test")
    db.commit()
    raw = runner.invoke(args=["issue-token", "official@gov.test"]).output.strip()
    client = api.with_token(raw)
    assert client.get("/api/v1/offerings").status_code == 200
    assert client.post("/api/v1/demands", json=demand_body()).status_code == 403
