"""Test fixtures: one schema per run (built by the migrations), each test in a
transaction that is rolled back; SQLite by default, PostgreSQL when DATABASE_URL
points at it (`.ci/run` runs the suite on both). What tests make and how they
sign in lives in `tests/support` (see its docstring)."""

from __future__ import annotations

import shutil
import threading

import pytest

from marketplace.db import make_engine

from .support import auth as _auth
from .support import factories
from .support.database import (  # noqa: F401  (ROOT, fresh_database, is_postgres, reset_schema: imported from here by other modules)
    APP_POOL,
    ROOT,
    RUN_TMP,
    SESSION_URL,
    drop_created_databases,
    fresh_database,
    fresh_g_per_request,
    is_postgres,
    reset_schema,
    rolled_back,
    test_app,
)
from .support.threads import join_when_started

Auth = _auth.Auth


@pytest.fixture(scope="session", autouse=True)
def _remove_run_tmp():
    """The run's own temporary folder goes when the run ends."""
    yield
    shutil.rmtree(RUN_TMP, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _drop_created_databases():
    """PostgreSQL databases made by `fresh_database` are dropped after the run."""
    yield
    drop_created_databases()


@pytest.fixture(scope="session", autouse=True)
def _finish_background_rebuilds():
    """A file index rebuilds in a thread of its own; the run stops the feed pollers
    (which start rebuilds) and waits for any rebuild still going before its folders
    and databases go (torn down before the two above)."""
    yield
    from marketplace import search

    search.stop_pollers()
    for thread in threading.enumerate():
        if thread.name == "search-rebuild":
            join_when_started(thread)


@pytest.fixture(autouse=True)
def _finish_this_tests_rebuilds():
    """A rebuild a test started ends with the test, before its own folders and
    databases go: a thread left reading a database torn down logs errors later."""
    before = {t for t in threading.enumerate() if t.name == "search-rebuild"}
    yield
    for thread in threading.enumerate():
        if thread.name == "search-rebuild" and thread not in before:
            join_when_started(thread)


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """Scrypt costs ~80 ms a hash; the suite makes thousands of users. One test
    (tests/web/test_auth.py) checks that real accounts get scrypt."""
    from marketplace.accounts import models

    models.PASSWORD_METHOD = "pbkdf2:sha256:1000"
    yield
    models.PASSWORD_METHOD = "scrypt"


@pytest.fixture(scope="session")
def database_url() -> str:
    reset_schema(SESSION_URL)
    return SESSION_URL


@pytest.fixture(scope="session")
def engine(database_url):
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def app(request, engine, database_url):
    """The application as a new one (see `AppPool`), its session inside an outer
    transaction of one connection that is rolled back at the end (commits become
    savepoints). `@pytest.mark.csrf` turns CSRF checks on; `@pytest.mark.fresh_app`
    builds a new application for the test."""
    application = APP_POOL.get(
        database_url,
        csrf=request.node.get_closest_marker("csrf") is not None,
        fresh=request.node.get_closest_marker("fresh_app") is not None,
    )
    with rolled_back(application, engine):
        yield application


@pytest.fixture
def page_cache(app):
    """This test's application with an empty in-memory page cache (off in tests
    otherwise): anonymous pages and the matcher's lists are kept."""
    from cachelib import SimpleCache

    before = app.extensions.get("page_cache")
    app.extensions["page_cache"] = SimpleCache()
    yield app.extensions["page_cache"]
    app.extensions["page_cache"] = before


@pytest.fixture
def db(app):
    return app.extensions["db_session"]()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make(db):
    """Factories bound to this test's session: make.org(), make.user(), …"""
    return factories.Factory(db)


@pytest.fixture
def auth(client):
    """Sign the test's client in and out: auth.login(user), auth.sign_in(user)."""
    return Auth(client)


@pytest.fixture
def api(app, db):
    """Anonymous API client; `api.as_(user)` for one with a bearer token."""
    return _auth.Api(app, db)
