"""Test fixtures: one schema per run (built by the migrations), each test in a
transaction that is rolled back; SQLite by default, PostgreSQL when DATABASE_URL
points at it (`.ci/run` runs the suite on both)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import scoped_session, sessionmaker

from marketplace import create_app
from marketplace.db import Base, make_engine

from . import factories

ROOT = Path(__file__).resolve().parent.parent

# Whoosh's in-memory storage keeps its temporary files in a fixed folder under the
# temporary directory ("listings.tmp"); every test run on the machine would share it.
# Give this run (and the processes it starts) a folder of its own.
_RUN_TMP = tempfile.mkdtemp(prefix="rsm-run-")
os.environ["TMPDIR"] = _RUN_TMP
tempfile.tempdir = None


def _base_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    path = Path(tempfile.mkdtemp(prefix="rsm-test-")) / "test.sqlite3"
    return f"sqlite:///{path}"


def is_postgres(url: str) -> bool:
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
    """A separate, empty database for tests that need real commits from several
    processes (gunicorn, concurrency): a new SQLite file, or a new PostgreSQL database."""
    base = _SESSION_URL
    if is_postgres(base):
        safe = re.sub(r"[^a-z0-9_]", "_", f"{name}_{os.getpid()}".lower())[:60]
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{safe}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{safe}"'))
        admin.dispose()
        url = base.rsplit("/", 1)[0] + "/" + safe
        _CREATED_DATABASES.append(safe)
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='rsm-live-')) / (name + '.sqlite3')}"
    reset_schema(url)
    return url


_SESSION_URL = _base_url()
_CREATED_DATABASES: list[str] = []


@pytest.fixture(scope="session", autouse=True)
def _remove_run_tmp():
    """The run's own temporary folder goes when the run ends."""
    yield
    shutil.rmtree(_RUN_TMP, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _drop_created_databases():
    """PostgreSQL databases made by `fresh_database` are dropped after the run."""
    yield
    if not _CREATED_DATABASES:
        return
    admin = create_engine(_SESSION_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in _CREATED_DATABASES:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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
    reset_schema(_SESSION_URL)
    return _SESSION_URL


@pytest.fixture(scope="session")
def engine(database_url):
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def app(request, engine, database_url):
    csrf = request.node.get_closest_marker("csrf") is not None
    application = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url,
            "SEARCH_INDEX_IN_MEMORY": True,
            "WTF_CSRF_ENABLED": csrf,
            "SERVER_NAME": "localhost",
        }
    )
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


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, user_or_email, password: str = factories.PASSWORD):
        email = getattr(user_or_email, "email", user_or_email)
        return self.client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)
