"""Two members of the demand's organization accept two different responses to the
same demand at the same instant, from two processes with their own database
connections (a SQLite file, or PostgreSQL when DATABASE_URL points at it):
exactly one response is accepted, the other request gets 409, never a 500 or
"database is locked"."""

from __future__ import annotations

import multiprocessing
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import fresh_database

pytestmark = pytest.mark.slow

ROUNDS = ["api", "web", "api"]


def _accept(app, barrier, results, response_id: int, who: dict, web: bool) -> None:
    app.extensions["db_engine"].dispose(close=False)  # never share a parent's connection
    client = app.test_client()
    try:
        headers = {}
        if web:
            login = client.post("/login", data={"email": who["email"], "password": who["password"]})
            assert login.status_code == 302
        else:
            headers["Authorization"] = f"Bearer {who['token']}"
        barrier.wait(timeout=120)
        if web:
            response = client.post(f"/responses/{response_id}/transitions", data={"action": "accept"})
        else:
            response = client.post(
                f"/api/v1/responses/{response_id}/transitions", json={"action": "accept"}, headers=headers
            )
        status = response.status_code
        if web and status == 302:
            status = 200  # the web form redirects after a successful transition
        results.put({"status": status, "body": response.get_data(as_text=True)[:300]})
    except Exception as err:  # reported, never lost
        results.put({"status": -1, "body": repr(err)})


@pytest.fixture(scope="module")
def race_app():
    from marketplace import create_app

    url = fresh_database("deal_race")
    app = create_app(
        {
            "DATABASE_URL": url,
            "SEARCH_INDEX_IN_MEMORY": True,
            "SECRET_KEY": "race",
            "WTF_CSRF_ENABLED": False,
            "MATCH_ALERTS": False,
        }
    )
    yield app
    app.extensions["db_engine"].dispose()


def _setup(app, n: int) -> tuple[list[tuple[int, int]], list[dict]]:
    """n demands with two live responses each, and two members of the buyer."""
    from marketplace.accounts import services as accounts
    from marketplace.db import get_session
    from tests.factories import PASSWORD, Factory

    with app.app_context():
        db = get_session()
        make = Factory(db)
        buyer_org = make.org(side="demand")
        members = []
        for i in range(2):
            user = make.member(buyer_org, email=f"deal-racer{i}@example.test")
            members.append(
                {"email": user.email, "password": PASSWORD, "token": accounts.issue_token(db, user, "race")}
            )
        vendors = [make.offering(make.org(side="supply")) for _ in range(2)]
        pairs = []
        for i in range(n):
            demand = make.demand(buyer_org, ref=f"dem-deal-race-{i}")
            ids = [
                make.deal_response(
                    demand, o, mode="lease", price=9000 + j, valid_until=date.today() + timedelta(days=9)
                ).id
                for j, o in enumerate(vendors)
            ]
            pairs.append((ids[0], ids[1]))
        db.commit()
        db.close()
    return pairs, members


def test_two_members_accept_two_responses_at_once_exactly_one_wins(race_app):
    from marketplace.db import get_session
    from marketplace.deals.models import DealResponse, ResponseEvent

    pairs, members = _setup(race_app, len(ROUNDS))
    race_app.extensions["db_engine"].dispose()
    ctx = multiprocessing.get_context("fork")
    for (first, second), how in zip(pairs, ROUNDS, strict=True):
        barrier = ctx.Barrier(2)
        results = ctx.Queue()
        processes = [
            ctx.Process(target=_accept, args=(race_app, barrier, results, rid, who, how == "web"))
            for rid, who in zip((first, second), members, strict=True)
        ]
        for process in processes:
            process.start()
        outcome = [results.get(timeout=180) for _ in processes]
        for process in processes:
            process.join(timeout=60)
        assert sorted(r["status"] for r in outcome) == [200, 409], outcome
        assert not any("locked" in r["body"] for r in outcome)
        with race_app.app_context():
            db = get_session()
            states = db.scalars(select(DealResponse.state).where(DealResponse.id.in_((first, second)))).all()
            assert sorted(states) == ["accepted", "submitted"]
            accepts = db.scalar(
                select(func.count())
                .select_from(ResponseEvent)
                .where(ResponseEvent.response_id.in_((first, second)), ResponseEvent.action == "accept")
            )
            assert accepts == 1, "exactly one history row for the one accept that happened"
            db.close()
