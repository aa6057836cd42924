"""Databases for tests: the run's own temporary folder, one schema per run built
by the migrations, and fresh databases for tests that need real commits (the
access walk's world, gunicorn, concurrency). SQLite by default; PostgreSQL when
DATABASE_URL points at it."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from sqlalchemy import create_engine, text
from sqlalchemy.orm import scoped_session, sessionmaker

from marketplace.db import Base, make_engine

ROOT = Path(__file__).resolve().parent.parent.parent

# Whoosh's in-memory storage keeps its temporary files in a fixed folder under the
# temporary directory ("listings.tmp"); every test run on the machine would share it.
# Give this run (and the processes it starts) a folder of its own.
RUN_TMP = tempfile.mkdtemp(prefix="rsm-run-")
os.environ["TMPDIR"] = RUN_TMP
tempfile.tempdir = None

CREATED_DATABASES: list[str] = []


def _base_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    path = Path(tempfile.mkdtemp(prefix="rsm-test-")) / "test.sqlite3"
    return f"sqlite:///{path}"


SESSION_URL = _base_url()


def is_postgres(url: str) -> bool:
    """Whether `url` names a PostgreSQL database."""
    return url.startswith("postgresql")


def reset_schema(url: str) -> None:
    """Drop everything, then build the schema with the migrations (not create_all)."""
    from alembic import command
    from alembic.config import Config

    engine = make_engine(url)
    with engine.begin() as conn:
        if is_postgres(url):
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        else:
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(cfg, "head")


def fresh_database(name: str) -> str:
    """A separate database with the schema: a new SQLite file, or a new PostgreSQL
    database (dropped when the run ends, see `drop_created_databases`)."""
    base = SESSION_URL
    if is_postgres(base):
        safe = re.sub(r"[^a-z0-9_]", "_", f"{name}_{os.getpid()}".lower())[:60]
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{safe}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{safe}"'))
        admin.dispose()
        url = base.rsplit("/", 1)[0] + "/" + safe
        CREATED_DATABASES.append(safe)
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='rsm-live-')) / (name + '.sqlite3')}"
    reset_schema(url)
    return url


def drop_created_databases() -> None:
    """Drop the PostgreSQL databases `fresh_database` made."""
    if not CREATED_DATABASES:
        return
    admin = create_engine(SESSION_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in CREATED_DATABASES:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
    CREATED_DATABASES.clear()


class SharedBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache kept in memory for the whole run. Each test has an
    application of its own, and so a Jinja environment of its own that would parse
    and compile every template again (half the time of a page test). Entries are
    keyed by template name and checked against the source's checksum by Jinja."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


JINJA_BYTECODE = SharedBytecodeCache()


def test_app(database_url: str, csrf: bool = False, **config):
    """The application as tests configure it (in-memory search index, no CSRF
    unless asked), bound to `database_url`, its templates compiled once a run."""
    from marketplace import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url,
            "SEARCH_INDEX_IN_MEMORY": True,
            "WTF_CSRF_ENABLED": csrf,
            "SERVER_NAME": "localhost",
            **config,
        }
    )
    app.jinja_env.bytecode_cache = JINJA_BYTECODE
    return app


test_app.__test__ = False  # not a test, despite its name


def fresh_g_per_request(app) -> None:
    """Tests keep one app context open (for factories and services), and Flask
    reuses an open context for test-client requests. In production every request
    has its own context, so give each request a fresh `g` (Flask-Login's cached
    user, Flask-Babel's cached locale) as it would have."""

    def _fresh_g():
        from flask import g

        g.__dict__.clear()

    app.before_request_funcs.setdefault(None, []).insert(0, _fresh_g)


@contextlib.contextmanager
def rolled_back(app, engine):
    """Bind `app`'s session to one connection inside an outer transaction (commits
    become savepoints), open an app context, and roll everything back at the end."""
    app.extensions["db_engine"].dispose()
    connection = engine.connect()
    outer = connection.begin()
    factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    app.extensions["db_session"] = scoped_session(factory)
    app.extensions["db_engine"] = engine
    try:
        with app.app_context():
            yield app
            app.extensions["db_session"].remove()
    finally:
        outer.rollback()
        connection.close()


def _registries(app) -> tuple:
    """What tests could add to an application that a reset would not undo: routes,
    request hooks, error handlers, context processors, listing listeners."""

    def funcs(mapping) -> tuple:
        return tuple((k, tuple(v)) for k, v in sorted(mapping.items(), key=lambda kv: str(kv[0])))

    return (
        tuple(str(r) for r in app.url_map.iter_rules()),
        funcs(app.before_request_funcs),
        funcs(app.after_request_funcs),
        funcs(app.teardown_request_funcs),
        tuple(app.teardown_appcontext_funcs),
        funcs(app.template_context_processors),
        tuple(  # a defaultdict of defaultdicts: looking a handler up adds empty entries
            sorted(
                (str(scope), str(code), exc.__name__, handler.__qualname__)
                for scope, by_code in app.error_handler_spec.items()
                for code, handlers in by_code.items()
                for exc, handler in handlers.items()
            )
        ),
        tuple(app.extensions.get("listing_listeners", ())),
        tuple(sorted(app.jinja_env.globals)),
        tuple(sorted(app.jinja_env.filters)),
    )


class AppPool:
    """One application per (database, CSRF on or off) for the run, handed to each
    test as a new one would be: configuration and extensions as built, an empty
    search index, a fresh `g` per request. Building an application costs ~35 ms
    (werkzeug compiles every route), more than most tests.

    A test that adds to the application (a route, a hook, a listener) makes the
    pool build a new one for the next test; `@pytest.mark.fresh_app` asks for a new
    application outright."""

    def __init__(self) -> None:
        self._apps: dict[tuple[str, bool], tuple] = {}
        self.built = 0  # applications built (see `pytest -p tests.support.poolstats`)

    def get(self, database_url: str, csrf: bool = False, fresh: bool = False):
        from marketplace.search import make_index

        key = (database_url, csrf)
        entry = self._apps.get(key)
        if entry is None or fresh or _registries(entry[0]) != entry[3]:
            app = test_app(database_url, csrf=csrf)
            self.built += 1
            fresh_g_per_request(app)
            entry = (app, dict(app.config), dict(app.extensions), _registries(app))
            self._apps[key] = entry
        app, config, extensions, _marks = entry
        app.config.clear()
        app.config.update(config)
        app.extensions.clear()
        app.extensions.update(extensions)
        app.extensions["search"] = make_index(app)
        return app


APP_POOL = AppPool()
