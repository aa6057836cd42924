"""A read request's session on PostgreSQL works outside a transaction (no BEGIN,
no ROLLBACK round trip), and should it write, its writes still go in one
transaction: all of them or none. Write requests and work outside requests keep
their transactions. On SQLite nothing changes (its BEGIN costs no round trip)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from marketplace.accounts.models import Organization
from marketplace.db import get_session
from tests.support.database import is_postgres, test_app

IDLE, INTRANS = 0, 2  # psycopg.pq.TransactionStatus


@pytest.fixture
def live(database_url):
    """The application on the run's database as it serves (its own sessions, its
    own engine), and the refs of organizations this test wrote, removed after."""
    app = test_app(database_url)
    refs: list[str] = []
    yield app, refs
    with app.app_context():
        session = get_session()
        session.execute(Organization.__table__.delete().where(Organization.ref.in_(refs)))
        session.commit()
    app.extensions["db_engine"].dispose()


def _status(session) -> int:
    return session.connection().connection.driver_connection.info.transaction_status


def _count(app, ref: str) -> int:
    """Rows with `ref`, read on a connection of its own."""
    with app.extensions["db_engine"].connect() as conn:
        return conn.execute(select(func.count()).where(Organization.ref == ref)).scalar_one()


def _org(ref: str) -> Organization:
    return Organization(ref=ref, name=ref, side="both", city="hangzhou", verified=False, description="")


postgres_only = pytest.mark.skipif(
    not is_postgres(os.environ.get("DATABASE_URL", "")), reason="PostgreSQL's transactions"
)


@postgres_only
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_read_request_reads_outside_a_transaction(live, method):
    app, _refs = live
    with app.test_request_context("/", method=method):
        session = get_session()
        assert session.execute(text("SELECT 1")).scalar_one() == 1
        assert _status(session) == IDLE


@postgres_only
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_write_request_keeps_its_transaction(live, method):
    app, _refs = live
    with app.test_request_context("/", method=method):
        session = get_session()
        session.execute(text("SELECT 1"))
        assert _status(session) == INTRANS
    with app.app_context():  # a job or a command
        session = get_session()
        session.execute(text("SELECT 1"))
        assert _status(session) == INTRANS


def test_writes_in_a_read_request_are_all_or_nothing(live):
    app, refs = live
    pid = os.getpid()
    first, second = f"org-read-write-a-{pid}", f"org-read-write-b-{pid}"
    refs += [first, second]
    with app.test_request_context("/", method="GET"):
        session = get_session()
        session.execute(select(Organization.id).limit(1)).all()  # a read first, as a page would
        session.add_all([_org(first), _org(first)])  # the second breaks the unique ref
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()
        assert _count(app, first) == 0, "the first row went back with the second"
    with app.test_request_context("/", method="GET"):
        session = get_session()
        session.add(_org(second))
        session.flush()
        assert _count(app, second) == 0, "not seen elsewhere before the commit"
        session.commit()
        assert _count(app, second) == 1
        if is_postgres(str(session.get_bind().url)):
            assert _status(session) == IDLE, "the commit ended the write's transaction"
