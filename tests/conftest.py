"""Test fixtures: one schema per run (built by the migrations), each test in a
transaction that is rolled back; SQLite by default, PostgreSQL when DATABASE_URL
points at it (`.ci/run` runs the suite on both). What tests make and how they
sign in lives in `tests/support` (see its docstring)."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy.orm import scoped_session, sessionmaker

from marketplace.db import make_engine

from .support import auth as _auth
from .support import factories
from .support.database import (  # noqa: F401  (ROOT, fresh_database, is_postgres, reset_schema: imported from here by other modules)
    ROOT,
    RUN_TMP,
    SESSION_URL,
    drop_created_databases,
    fresh_database,
    is_postgres,
    reset_schema,
    test_app,
)

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
    """A new application per test, its session inside an outer transaction of one
    connection that is rolled back at the end (commits become savepoints)."""
    application = test_app(database_url, csrf=request.node.get_closest_marker("csrf") is not None)
    application.extensions["db_engine"].dispose()
    connection = engine.connect()
    outer = connection.begin()
    factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    application.extensions["db_session"] = scoped_session(factory)
    application.extensions["db_engine"] = engine

    # The test keeps one app context open (for factories and services), and Flask
    # reuses an open context for test-client requests. In production every request
    # has its own context, so give each request a fresh `g` (Flask-Login's cached
    # user, Flask-Babel's cached locale) as it would have.
    def _fresh_g():
        from flask import g

        g.__dict__.clear()

    application.before_request_funcs.setdefault(None, []).insert(0, _fresh_g)
    with application.app_context():
        yield application
        application.extensions["db_session"].remove()
    outer.rollback()
    connection.close()


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
