"""SQLAlchemy 2: declarative base with a naming convention, one engine and one
scoped session per application, removed at the end of each request.

SQLite under concurrency: WAL (readers never wait for the writer), a busy timeout
(writers queue for the lock instead of failing), and every transaction of a request
that writes (POST, PUT, PATCH, DELETE) starts with `BEGIN IMMEDIATE`, so it holds the
write lock from its first statement. A transaction that began as a read and later
writes can fail at once with "database is locked" (its snapshot is stale, so SQLite
cannot wait); with this rule a read never upgrades into a write inside a request.
A view whose first step is a long read (sign-in hashes a password) calls
`read_first()`; a read request that must record something uses `write_apart()`.

PostgreSQL: a read request's (GET, HEAD) session works on a connection in
autocommit, so a page makes no BEGIN and no ROLLBACK round trip (two of a signed-in
page's seven). Reads see what they would see in a transaction at PostgreSQL's
READ COMMITTED, where each statement takes its own snapshot anyway. Should such a
request write, its first write opens a real transaction (`_write_in_a_transaction`),
which the session's commit or rollback ends, so nothing is half-written."""

from __future__ import annotations

import contextlib
import functools
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import JSON, MetaData, Table, create_engine, event, insert, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker
from werkzeug.routing import IntegerConverter, Map

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _state_dicts_made_at_birth() -> None:
    """Work around a CPython 3.11 memory corruption that SQLAlchemy's sessions hit.

    CPython 3.11 keeps an object's attributes in an inline "values" array until its
    `__dict__` is needed, and then makes the dict (`make_dict_from_instance_attributes`).
    Making that dict allocates, and in 3.11 an allocation may run the garbage
    collector right there (3.12 runs it only between bytecodes). SQLAlchemy sets
    attributes on an `InstanceState` whose object may be cyclic garbage: a session's
    close (`_detach_states`: `state._strong_obj = None`) or an expiry. If the
    collection run inside that assignment frees the state's own object, the weak
    reference's callback (`InstanceState._cleanup`) sets attributes on the same state,
    makes a second dict over the same values and frees them; the outer assignment
    then goes on with a dict over freed memory. The gunicorn master's warm-up
    crashed that way, at once or later and elsewhere (the collector's lists,
    SQLAlchemy's result fetching), when a collection fell on such an assignment:
    rarely, depending on the memory layout (tests/unit/test_orm_state_gc.py).

    Each `InstanceState` gets its dict when it is made, while its object is alive
    (so its own callback cannot run); its later attributes go into that dict, where
    no assignment allocates through the collector. Not needed from Python 3.12."""
    if sys.version_info >= (3, 12):
        return
    from sqlalchemy.orm.state import InstanceState

    init = InstanceState.__init__
    if getattr(init, "_dict_at_birth", False):
        return

    @functools.wraps(init)
    def __init__(self, obj, manager):
        init(self, obj, manager)
        self.__dict__  # noqa: B018 (made now, not later inside an attribute assignment)

    __init__._dict_at_birth = True  # type: ignore[attr-defined]
    setattr(InstanceState, "__init__", __init__)  # noqa: B010


_state_dicts_made_at_birth()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> datetime:
    """Naive UTC timestamp (stored the same way on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def make_engine(url: str) -> Engine:
    kwargs: dict = {"future": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        if url in ("sqlite://", "sqlite:///:memory:"):
            from sqlalchemy.pool import StaticPool

            kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        _sqlite_pragmas(engine)
    else:
        _ping_after_idle(engine)
    return engine


# A pooled PostgreSQL connection is tested with a round trip before use only when it
# has sat idle in the pool this long. A server restarted or a connection dropped
# while idle is caught before a request uses it (the pool then opens a new one);
# a busy worker does not pay a round trip a request, as `pool_pre_ping` would.
PING_AFTER_IDLE_SECONDS = 5.0
_clock = time.monotonic


def _ping_after_idle(engine: Engine) -> None:
    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn, record):
        record.info["idle_since"] = _clock()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn, record, _proxy):
        since = record.info.pop("idle_since", None)
        if since is None or _clock() - since < PING_AFTER_IDLE_SECONDS:
            return  # a new connection, or one just used
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:
            # SQLAlchemy's documented way: the pool discards it and connects again.
            raise DisconnectionError("a pooled connection did not answer") from exc


def _sqlite_pragmas(engine: Engine) -> None:
    # pysqlite's own transaction handling would defer BEGIN; take it over so that
    # `BEGIN IMMEDIATE` can be issued where a write lock is needed up front.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        with contextlib.suppress(Exception):  # in-memory databases have no WAL
            cur.execute("PRAGMA journal_mode=WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("sqlite_immediate") or _request_writes()
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# ---------------------------------------------------------------- bulk writes


def upsert_insert(session: Session, model: type[Base]):
    """`INSERT` for `model` with this database's `ON CONFLICT` clauses
    (`on_conflict_do_nothing` / `on_conflict_do_update`): PostgreSQL's or SQLite's."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model)


def bulk_insert(session: Session, model: type[Base], rows: list[dict]) -> None:
    """Insert many rows of `model`'s table in the session's transaction with few round trips: COPY on
    PostgreSQL, one executemany elsewhere. Core writes: no ORM events fire, so the
    caller writes whatever an event would have (the search feed's rows)."""
    if not rows:
        return
    table = cast(Table, model.__table__)
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    columns = list(rows[0])
    as_json = {c for c in columns if isinstance(table.c[c].type, JSON)}
    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    raw: Any = conn.connection.driver_connection  # psycopg 3
    with raw.cursor() as cur, cur.copy(sql) as copy:
        for row in rows:
            copy.write_row([json.dumps(row[c]) if c in as_json else row[c] for c in columns])


def bulk_insert_returning_ids(session: Session, model: type[Base], rows: list[dict]) -> list[int]:
    """`bulk_insert` for a model with an integer `id`: returns the new ids in
    the order of `rows` (PostgreSQL: taken from the id sequence in one statement,
    then COPY; elsewhere: INSERT … RETURNING over many rows per statement)."""
    if not rows:
        return []
    table = cast(Table, model.__table__)
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
        return [row[0] for row in result]
    ids = sorted(
        conn.execute(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
            {"table": table.name, "n": len(rows)},
        ).scalars()
    )
    bulk_insert(session, model, [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
    return ids


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
T = TypeVar("T")


def _request_writes() -> bool:
    """True when the current request may write: its transactions take the lock at BEGIN.

    `read_first()` exempts the request's next transaction once."""
    if not has_request_context() or request.method not in WRITE_METHODS:
        return False
    if g.get("_read_first"):
        g._read_first = False
        return False
    return True


def read_first() -> None:
    """Let this write request's next transaction begin as a plain read (SQLite).

    For views that do a long check before deciding whether to write (sign-in): the
    view must end that read (commit or rollback) before it writes, then write in a
    fresh transaction, which takes the write lock when it begins."""
    g._read_first = True


# Primary keys are INTEGER columns: 32-bit signed on PostgreSQL.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:…>` in routes: a number a primary key can hold (0 to 2**31 - 1), else
    the route does not match (404), instead of an overflow error from the database
    driver. The range is in the pattern itself, so a path with a huge id matches
    no rule at all (a check after matching would answer 405 where two rules share
    a path with different methods)."""

    regex = (
        r"(?:\d{1,9}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}"
        r"|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])"
    )

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max)


READ_METHODS = frozenset({"GET", "HEAD"})
_READS_ONLY = frozenset({"SELECT", "SHOW"})  # statements that never write


def _read_engine(engine: Engine) -> Engine | None:
    """PostgreSQL: the engine a read request's session uses (the same pool, its
    connections in autocommit while checked out). None on other databases."""
    if engine.dialect.name != "postgresql":
        return None
    from psycopg.pq import TransactionStatus

    reads = engine.execution_options(isolation_level="AUTOCOMMIT")

    @event.listens_for(reads, "before_cursor_execute")
    def _write_in_a_transaction(conn, _cursor, statement, _parameters, _context, _executemany):
        # A statement that may write, on a connection outside any transaction, opens
        # one first; the session's commit or rollback ends it (psycopg sends COMMIT or
        # ROLLBACK only when a transaction is open).
        if statement.lstrip()[:6].upper() in _READS_ONLY:
            return
        raw: Any = conn.connection.driver_connection
        if raw.info.transaction_status == TransactionStatus.IDLE:
            raw.execute("BEGIN")

    return reads


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter
    engine = make_engine(app.config["DATABASE_URL"])
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    reads = _read_engine(engine)

    def _new_session() -> Session:
        session = factory()
        if reads is not None and has_request_context() and request.method in READ_METHODS:
            session.bind = reads
        return session

    app.extensions["db_engine"] = engine
    app.extensions["db_session"] = scoped_session(_new_session)  # type: ignore[arg-type]

    @app.teardown_appcontext
    def _remove_session(_exc):
        app.extensions["db_session"].remove()


def get_session() -> Session:
    """The request's (or app context's) session."""
    return current_app.extensions["db_session"]()


def get_engine() -> Engine:
    return current_app.extensions["db_engine"]


def begin_write(session: Session) -> None:
    """Start the session's transaction holding the database's write lock.

    SQLite: `BEGIN IMMEDIATE`, so two processes cannot both read the old state and
    then write. PostgreSQL: a plain transaction; callers lock rows with
    `with_for_update()`. Must be called before the session has begun, except in a
    request that writes, whose transactions already began with the write lock."""
    if session.in_transaction():
        sqlite = session.get_bind().dialect.name == "sqlite"
        in_write_request = has_request_context() and request.method in WRITE_METHODS
        if not sqlite or (in_write_request and not g.get("_read_first")):
            return
        raise RuntimeError("begin_write() must open the transaction")
    session.connection(execution_options={"sqlite_immediate": True})


def write_apart(work: Callable[[Connection], T]) -> T:
    """Run `work(connection)` in its own short write transaction, committed at once.

    For bookkeeping writes made while serving a read (an API token's last use):
    the request's own read transaction is left alone, so it never upgrades."""
    session = get_session()
    if isinstance(session.bind, Connection):  # a session pinned to one connection (tests)
        return work(session.connection())
    engine = get_engine()
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_immediate=True)
        with conn.begin():
            return work(conn)
