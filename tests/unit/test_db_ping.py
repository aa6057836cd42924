"""A pooled PostgreSQL connection is pinged only after sitting idle
(`db.PING_AFTER_IDLE_SECONDS`), and one that died meanwhile is replaced before a
request uses it."""

from __future__ import annotations

import psycopg
import pytest

from marketplace import db
from tests.support.database import SESSION_URL, fresh_database, is_postgres

pytestmark = pytest.mark.skipif(not is_postgres(SESSION_URL), reason="the pool's ping: PostgreSQL")


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(db, "_clock", lambda: now[0])
    return now


@pytest.fixture
def engine():
    engine = db.make_engine(fresh_database("ping"))
    yield engine
    engine.dispose()


def _backend(engine) -> int:
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()


def test_a_connection_just_used_is_not_pinged_and_one_left_idle_is(engine, clock, monkeypatch):
    pings = []
    real = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda conn: pings.append(1) or real(conn))
    first = _backend(engine)
    clock[0] += db.PING_AFTER_IDLE_SECONDS - 0.5
    assert _backend(engine) == first and pings == []
    clock[0] += db.PING_AFTER_IDLE_SECONDS
    assert _backend(engine) == first and pings == [1], "pinged once, and still alive"


def test_a_connection_that_died_while_idle_is_replaced_before_use(engine, clock):
    first = _backend(engine)
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (first,))
    clock[0] += db.PING_AFTER_IDLE_SECONDS + 1
    second = _backend(engine)  # no error: the pool connected again
    assert second != first
