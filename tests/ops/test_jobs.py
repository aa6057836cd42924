"""Jobs through Huey: a periodic job runs once per period, a failed one can run
again, a request that queues mail never waits for the mail server, and a real
consumer process executes queued and periodic jobs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from huey import MemoryHuey
from sqlalchemy import func, select

from marketplace import create_app, jobs
from marketplace.db import get_session, utcnow
from marketplace.jobs import REGISTRY, Jobs, _execute, periodic
from marketplace.jobs.models import JobRun
from marketplace.notifications import mail, services
from marketplace.notifications.models import Notification, OutboxMail
from tests.conftest import fresh_database

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def probe():
    """A periodic job of this test that counts its runs (and fails when told to)."""
    calls: list[str] = []
    state = {"fail": False}

    @periodic("test-probe", period="hour")
    def run(session):
        if state["fail"]:
            raise RuntimeError("the probe failed")
        calls.append("ran")
        return len(calls)

    yield calls, state
    REGISTRY.pop("test-probe", None)


def test_a_periodic_job_runs_once_per_period_however_many_schedulers_enqueue_it(app, db, probe):
    calls, _state = probe
    spec = REGISTRY["test-probe"]
    for _ in range(3):  # three hosts' schedulers enqueue it in the same hour
        _execute(app, spec, (), {})
    assert calls == ["ran"]
    run = db.scalar(select(JobRun).where(JobRun.job == "test-probe"))
    assert run.period == utcnow().strftime("%Y-%m-%dT%H") and run.status == "done"
    assert run.skipped == 2 and run.finished_at is not None


def test_a_failed_periodic_job_gives_up_its_period_so_a_retry_runs_it(app, db, probe):
    calls, state = probe
    spec = REGISTRY["test-probe"]
    state["fail"] = True
    with pytest.raises(RuntimeError):
        _execute(app, spec, (), {})
    assert db.scalar(select(func.count()).select_from(JobRun).where(JobRun.job == "test-probe")) == 0
    state["fail"] = False
    _execute(app, spec, (), {})
    assert calls == ["ran"]


def test_the_site_declares_its_jobs_with_schedules(runner):
    listed = runner.invoke(args=["jobs", "list"]).output
    for name in ("complete-bookings", "send-digests", "deliver-mail", "deliver-mail-sweep", "listing-alerts"):
        assert name in listed
    assert REGISTRY["complete-bookings"].period == "hour" and REGISTRY["send-digests"].period == "day"


def test_jobs_run_completes_bookings_through_the_job(runner, db):
    out = runner.invoke(args=["jobs", "run", "complete-bookings"]).output
    assert "completed" in out
    assert db.scalar(select(JobRun.status).where(JobRun.job == "complete-bookings")) == "done"
    again = runner.invoke(args=["jobs", "run", "complete-bookings"]).output
    assert "skipped" in again, "once per period"


class SlowSMTP:
    """Counts connections: a request must never open one."""

    opened = 0
    sent: list = []

    def __init__(self, host, port, timeout=None):
        SlowSMTP.opened += 1

    def send_message(self, msg):
        SlowSMTP.sent.append(msg)

    def quit(self):
        pass


@pytest.mark.fresh_app  # adds a route
def test_saving_never_waits_for_mail_the_consumer_sends_it(app, db, make, monkeypatch):
    monkeypatch.setattr(mail.smtplib, "SMTP", SlowSMTP)
    SlowSMTP.opened, SlowSMTP.sent = 0, []
    app.config.update(SMTP_HOST="smtp.example.test", SMTP_PORT="25")
    queue = Jobs(app, MemoryHuey("t", immediate=False, results=False))
    app.extensions["jobs"] = queue
    user = make.member()

    @app.post("/test-notify")
    def _notify():
        services.notify(get_session(), [user], "pilot", "主题", "正文", "/x", key="nowait")
        get_session().commit()
        return "ok"

    response = app.test_client().post("/test-notify")
    assert response.status_code == 200
    assert SlowSMTP.opened == 0, "the request did not talk to the mail server"
    assert db.scalar(select(OutboxMail.status)) == "pending"
    assert queue.pending() == 1
    task = queue.huey.dequeue()
    queue.huey.execute(task)
    assert len(SlowSMTP.sent) == 1 and db.scalar(select(OutboxMail.status)) == "sent"


def test_match_alerts_run_as_a_job_after_the_save(app, db, make, monkeypatch):
    queue = Jobs(app, MemoryHuey("t2", immediate=False, results=False))
    app.extensions["jobs"] = queue
    from marketplace.listings.hooks import after_listings_changed

    offering = make.offering()
    after_listings_changed([], [offering.id])
    assert queue.pending() == 1, "queued, not run in the request"
    seen = []
    jobs.on_listings_changed_job(lambda session, d, o: seen.append((d, o)))
    try:
        queue.huey.execute(queue.huey.dequeue())
    finally:
        jobs.LISTING_ALERT_HANDLERS.pop()
    assert seen == [([], [offering.id])], "other features' handlers (saved searches) run in the same job"


# ---------------------------------------------------------------- a real consumer


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["database", "redis"])
def queue_env(request, tmp_path):
    """Where the queue lives: beside the database (SQLite file or PostgreSQL tables,
    the default), or in Redis (JOBS_REDIS_URL, a queue name of this test's own)."""
    if request.param == "database":
        yield {}
        return
    if not _redis_answers(REDIS_URL):
        pytest.skip(f"no Redis server answers at {REDIS_URL}")
    name = f"test-{os.getpid()}-{tmp_path.name}"
    yield {"JOBS_REDIS_URL": REDIS_URL, "JOBS_QUEUE_NAME": name}
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"huey.*{name}*"):
        client.delete(key)


@pytest.mark.slow
def test_a_real_consumer_runs_queued_and_periodic_jobs(tmp_path, queue_env):
    url = fresh_database("jobs_consumer")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SEARCH_INDEX_DIR": str(tmp_path / "ix"),
        "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3"),
        "PYTHONPATH": str(ROOT),
        **queue_env,
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    seeded = subprocess.run([*flask, "seed"], cwd=ROOT, env=env, capture_output=True, timeout=300)
    assert seeded.returncode == 0, seeded.stderr.decode()[-2000:]
    config = {
        "DATABASE_URL": url,
        "SEARCH_INDEX_DIR": str(tmp_path / "ix"),
        "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3"),
        **queue_env,
    }
    app = create_app(config)
    with app.app_context():
        session = get_session()
        before = session.scalar(select(func.count()).select_from(Notification))
        session.rollback()
        from marketplace.listings.models import Offering

        offering_ids = list(session.scalars(select(Offering.id).where(Offering.status == "active").limit(5)))
        session.rollback()
        queued = app.extensions["jobs"].pending()  # `seed` queued the alerts for the demo listings
        storage = type(app.extensions["jobs"].huey.storage).__name__
        assert storage == (
            "RedisStorage" if queue_env else "PostgresStorage" if "postgresql" in url else "SqliteStorage"
        )
        jobs.enqueue("listing-alerts", [], offering_ids)  # queued in the job store, not run here
        assert app.extensions["jobs"].pending() == queued + 1
        assert session.scalar(select(func.count()).select_from(Notification)) == before
        session.rollback()

    log = tmp_path / "consumer.log"
    with open(log, "wb") as out:
        consumer = subprocess.Popen(
            [*flask, "jobs", "worker", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 90
        done = periodic_ran = False
        with app.app_context():
            session = get_session()
            while time.monotonic() < deadline and not (done and periodic_ran):
                done = app.extensions["jobs"].pending() == 0 and (
                    session.scalar(select(func.count()).select_from(Notification)) > before
                )
                periodic_ran = bool(
                    session.scalar(
                        select(func.count()).select_from(JobRun).where(JobRun.job == "deliver-mail-sweep")
                    )
                )
                session.rollback()
                if consumer.poll() is not None:
                    break
                time.sleep(0.2)
        assert consumer.poll() is None, log.read_text()[-2000:]
        assert done, "the consumer ran the queued alerts job"
        assert periodic_ran, "the consumer's scheduler ran the periodic mail sweep"
    finally:
        consumer.terminate()
        try:
            consumer.wait(timeout=20)
        except subprocess.TimeoutExpired:
            consumer.kill()
            consumer.wait(timeout=10)
        app.extensions["jobs"].huey.storage.close()  # the queue's own connection (PostgreSQL or SQLite)
        app.extensions["db_engine"].dispose()


def test_a_job_holds_sqlites_write_lock_from_its_start(tmp_path, database_url):
    """A job reads, then writes: on SQLite it takes the write lock with its first
    statement, so a write committed meanwhile elsewhere waits for it instead of
    failing the job with "database is locked" (seen on the first `make run`)."""
    import sqlite3

    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's locking; PostgreSQL jobs lock rows")
    url = fresh_database("job_write_lock")
    app = create_app({"DATABASE_URL": url, "SEARCH_INDEX_DIR": str(tmp_path / "ix")})
    seen = {}

    def reads_then_writes(session):
        session.scalar(select(func.count()).select_from(Notification))
        other = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            seen["other_got_the_lock"] = True
            other.rollback()
        except sqlite3.OperationalError as err:
            seen["other_got_the_lock"] = False
            seen["error"] = str(err)
        finally:
            other.close()

    spec = jobs.JobSpec("probe-write-lock", reads_then_writes)
    _execute(app, spec, (), {})
    assert seen == {"other_got_the_lock": False, "error": "database is locked"}
    app.extensions["db_engine"].dispose()
