"""The capacity rule under simultaneous requests: 16 processes ask at the same
instant for the last k units of an offering, on a SQLite file and on PostgreSQL
(whichever DATABASE_URL the suite runs on). Exactly k are confirmed; the others get
a clear 409; none fails with a server error or "database is locked"."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from marketplace import create_app
from marketplace.bookings import capacity, periods
from marketplace.bookings.capacity import Hold
from marketplace.bookings.models import HOLDING, Booking, CapacityPool
from marketplace.db import get_session, utcnow
from tests.support.database import ROOT, fresh_database, is_postgres
from tests.support.factories import Factory, at

pytestmark = pytest.mark.slow

REQUESTS = 16


def _prepare(url: str, pool: int, taken: int) -> tuple[list[str], dict, int]:
    """An offering with `pool` units of which `taken` are booked for the slot, and
    16 customers with API tokens. Returns (tokens, request body, offering id)."""
    app = create_app({"DATABASE_URL": url, "SEARCH_INDEX_IN_MEMORY": True, "SECRET_KEY": "race"})
    with app.test_request_context():
        db = get_session()
        make = Factory(db)
        offering = make.bookable(units=pool, auto_confirm=True)
        if taken:
            make.booking(offering, start=at(9), end=at(11), units=taken, state="confirmed")
        tokens = []
        for _ in range(REQUESTS):
            person = make.customer()
            tokens.append(make.token(person, "race"))
            person.tokens[-1].last_used_at = utcnow()  # in use already, like a client's token
        db.commit()
        offering_id = offering.id
        body = {
            "offering": offering.ref,
            "mode": "sharing",
            "start": at(9).isoformat(),
            "end": at(11).isoformat(),
            "units": 1,
        }
    app.extensions["db_engine"].dispose()
    return tokens, body, offering_id


def _drop(url: str) -> None:
    if not is_postgres(url):
        return
    base, name = url.rsplit("/", 1)
    admin = create_engine(base + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.parametrize(
    ("pool", "taken"), [(3, 2), (5, 3), (2, 0)], ids=["k=1", "k=2", "k=2, pool row born in the race"]
)
def test_16_simultaneous_requests_for_the_last_k_units(tmp_path, pool, taken):
    k = pool - taken
    url = fresh_database(f"race_{pool}_{taken}")
    try:
        tokens, body, offering_id = _prepare(url, pool, taken)
        request_file = tmp_path / "request.json"
        request_file.write_text(json.dumps({"tokens": tokens, "body": body}))
        run = subprocess.run(
            [sys.executable, "-m", "tests.concurrency.race", url, str(request_file)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        results = json.loads(run.stdout.strip().splitlines()[-1])

        statuses = sorted(r["status"] for r in results)
        assert len(results) == REQUESTS
        assert "database is locked" not in run.stdout + run.stderr
        assert statuses == [201] * k + [409] * (REQUESTS - k), [r["body"][:300] for r in results]
        for r in results:
            data = json.loads(r["body"])
            if r["status"] == 201:
                assert data["state"] == "confirmed"
            else:
                assert data["error"] == "conflict" and data["fields"]["units"]
                assert data["message"]

        engine = create_engine(url)
        with Session(engine) as db:
            held = db.execute(
                select(Booking.start_at, Booking.end_at, Booking.units).where(
                    Booking.offering_id == offering_id, Booking.state.in_(HOLDING)
                )
            ).all()
            start, end = periods.to_utc(at(0)), periods.to_utc(at(24))
            assert capacity.peak([Hold(*h) for h in held], start, end) == pool
            assert sum(h.units for h in held) == pool
            assert db.scalar(select(func.count()).select_from(CapacityPool)) == 1
            # Refused requests roll back their version bump: one per booking made.
            assert db.scalar(select(CapacityPool.version)) == (1 if taken else 0) + k
        engine.dispose()
    finally:
        _drop(url)
