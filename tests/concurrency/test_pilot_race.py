"""Two officials act on the same submitted pilot at the same instant, from two
processes with their own database connections (a SQLite file, or PostgreSQL when
DATABASE_URL points at it): one wins, the other gets 409, and exactly one history
row is written. Never a 500 or "database is locked"."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import func, select

from tests.support.auth import sign_in
from tests.support.database import fresh_database

pytestmark = pytest.mark.slow

ROUNDS = [
    # (first official's action, second official's action, through the web form?)
    ({"action": "approve", "comment": "同意"}, {"action": "reject", "comment": "不同意"}, False),
    ({"action": "approve"}, {"action": "approve"}, False),
    ({"action": "request_changes", "comment": "请补充"}, {"action": "approve"}, False),
    ({"action": "approve"}, {"action": "reject", "comment": "不同意"}, True),
]


def _act(app, barrier, results, pilot_id: int, who: dict, body: dict, web: bool) -> None:
    app.extensions["db_engine"].dispose(close=False)  # never share a parent's connection
    client = app.test_client()
    try:
        headers = {}
        if web:
            sign_in(client, who["email"], who["password"])
        else:
            headers["Authorization"] = f"Bearer {who['token']}"
        barrier.wait(timeout=120)
        if web:
            response = client.post(f"/pilots/{pilot_id}/transitions", data=body)
        else:
            response = client.post(f"/api/v1/pilots/{pilot_id}/transitions", json=body, headers=headers)
        status = response.status_code
        if web and status == 302:
            status = 200  # the web form redirects after a successful transition
        results.put({"status": status, "body": response.get_data(as_text=True)[:300]})
    except Exception as err:  # reported, never lost
        results.put({"status": -1, "body": repr(err)})


@pytest.fixture(scope="module")
def race_app():
    from marketplace import create_app

    url = fresh_database("pilot_race")
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


def _setup(app, n: int) -> tuple[list[int], list[dict]]:
    """n submitted pilots and two officials (with passwords and tokens), committed."""
    from marketplace.db import get_session
    from marketplace.pilots.models import Pilot
    from tests.support.factories import PASSWORD, Factory
    from tests.support.pilots import pair_world, walk

    with app.app_context():
        db = get_session()
        make = Factory(db)
        world = pair_world(make)
        officials = []
        for i in range(2):
            user = make.official(email=f"racer{i}@example.test")
            officials.append({"email": user.email, "password": PASSWORD, "token": make.token(user, "race")})
        ids = []
        for i in range(n):
            demand = make.demand(world.demand_org, ref=f"dem-race-{i}")  # one live pilot per pair
            pilot = world.propose(demand=demand)
            walk(db, pilot, "submitted", world.offering_member, world.demand_member, world.official)
            ids.append(pilot.id)
        db.commit()
        assert db.scalar(select(func.count()).select_from(Pilot).where(Pilot.state == "submitted")) == n
        db.close()
    return ids, officials


def test_two_officials_at_once_one_wins_the_other_gets_409(race_app):
    from marketplace.db import get_session
    from marketplace.pilots.models import Pilot, PilotEvent

    ids, officials = _setup(race_app, len(ROUNDS))
    race_app.extensions["db_engine"].dispose()
    ctx = multiprocessing.get_context("fork")
    for pilot_id, (first, second, web) in zip(ids, ROUNDS, strict=True):
        barrier = ctx.Barrier(2)
        results = ctx.Queue()
        processes = [
            ctx.Process(target=_act, args=(race_app, barrier, results, pilot_id, who, body, web))
            for who, body in zip(officials, (first, second), strict=True)
        ]
        for process in processes:
            process.start()
        outcome = [results.get(timeout=180) for _ in processes]
        for process in processes:
            process.join(timeout=60)
        statuses = sorted(r["status"] for r in outcome)
        assert statuses == [200, 409], outcome
        assert not any("locked" in r["body"] for r in outcome)
        with race_app.app_context():
            db = get_session()
            pilot = db.get(Pilot, pilot_id)
            events = db.scalars(
                select(PilotEvent).where(PilotEvent.pilot_id == pilot_id).order_by(PilotEvent.id)
            ).all()
            assert [e.action for e in events][:3] == ["propose", "confirm", "submit"]
            assert len(events) == 4, "exactly one history row for the one transition that happened"
            assert events[-1].to_state == pilot.state != "submitted"
            assert pilot.version == 4
            db.close()
