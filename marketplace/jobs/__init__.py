"""Jobs: background work through Huey, a small, maintained task queue.

Each feature declares its jobs with `job(...)` (run when enqueued) or
`periodic(...)` (run on a schedule) at import time; `init_app` gives every
application one Huey whose storage follows the configuration:

- embedded default: an SQLite file beside the database (`instance/jobs.sqlite3`),
  no extra service; `make run` starts one consumer beside gunicorn;
- PostgreSQL (`DATABASE_URL` is PostgreSQL): the queue lives in the same database
  (Huey's own `huey_*` tables), shared by every host's consumer;
- Redis (`JOBS_REDIS_URL`): a Redis queue shared by every host.

Every host's scheduler enqueues each periodic job; the job first claims its
period with a unique row in `job_runs` (job, period), so it runs once per period
across hosts. A job takes a session and commits when it returns (rolls back when
it raises, and Huey retries it with back-off). Tests run jobs in Huey's immediate
mode (executed at once, by the same wrapper), and one test runs a real consumer.

Features enqueue with `enqueue(name, *args)`; saving a record never waits for a
job (mail included)."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Flask, current_app, has_app_context

log = logging.getLogger("marketplace.jobs")

JobFunc = Callable[..., Any]

# How each period is named: a periodic job runs once per distinct name.
PERIOD_FORMATS = {"minute": "%Y-%m-%dT%H:%M", "hour": "%Y-%m-%dT%H", "day": "%Y-%m-%d"}


@dataclass
class JobSpec:
    name: str
    func: JobFunc
    retries: int = 3
    retry_delay: int = 10  # seconds before the first retry, then doubled each time
    cron: dict[str, str] | None = None  # periodic: Huey crontab fields (UTC)
    period: str | None = None  # periodic: "minute", "hour" or "day"
    bound: dict[int, Any] = field(default_factory=dict)  # id(app) -> Huey task

    def period_key(self, moment: datetime) -> str:
        return moment.strftime(PERIOD_FORMATS[self.period or "minute"])


REGISTRY: dict[str, JobSpec] = {}


def job(name: str, retries: int = 3, retry_delay: int = 10) -> Callable[[JobFunc], JobFunc]:
    """Declare `func(session, *args)` as the job `name` (enqueued with `enqueue`)."""

    def register(func: JobFunc) -> JobFunc:
        REGISTRY[name] = JobSpec(name, func, retries, retry_delay)
        return func

    return register


def periodic(
    name: str, period: str, cron: dict[str, str] | None = None, retries: int = 2, retry_delay: int = 30
) -> Callable[[JobFunc], JobFunc]:
    """Declare `func(session)` as a periodic job run once per `period` ("minute",
    "hour", "day") across all hosts. `cron` holds Huey crontab fields in UTC
    (default: every minute / at minute 7 of every hour / 00:10 UTC = 08:10 in Zhejiang).

    This is the slot features fill with their periodic work (e.g. expiring quotes
    past `valid_until`): decorate a function at import time of the feature."""
    if period not in PERIOD_FORMATS:
        raise ValueError(f"unknown period {period!r}")
    default = {"minute": {}, "hour": {"minute": "7"}, "day": {"minute": "10", "hour": "0"}}[period]

    def register(func: JobFunc) -> JobFunc:
        REGISTRY[name] = JobSpec(name, func, retries, retry_delay, cron or default, period)
        return func

    return register


# ---------------------------------------------------------------- running one job


def _host() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def _execute(app: Flask, spec: JobSpec, args: tuple, kwargs: dict) -> Any:
    """Run the job with a session: in the caller's app context when called from one
    (Huey's immediate mode), else in a fresh one (a consumer)."""
    if has_app_context() and current_app._get_current_object() is app:  # type: ignore[attr-defined]
        return _with_session(spec, args, kwargs)
    with app.app_context():
        return _with_session(spec, args, kwargs)


def _with_session(spec: JobSpec, args: tuple, kwargs: dict) -> Any:
    from ..db import begin_write, get_session
    from ..health import metrics

    session = get_session()
    started = time.perf_counter()
    try:
        if spec.period:
            result = _run_periodic(session, spec)
        else:
            if not session.in_transaction():
                # A job writes after it reads: on SQLite its transaction holds the write
                # lock from the start, or a write committed meanwhile by a request or
                # another job fails it at once ("database is locked") instead of waiting.
                begin_write(session)
            result = spec.func(session, *args, **kwargs)
            session.commit()
    except Exception:
        session.rollback()
        metrics.job_finished(spec.name, "failure", time.perf_counter() - started)
        raise
    metrics.job_finished(
        spec.name, "skipped" if result is SKIPPED else "success", time.perf_counter() - started
    )
    return None if result is SKIPPED else result


SKIPPED = object()


def claim(session, job_name: str, period: str) -> bool:
    """Claim (job, period) for this process; False when another host has it.
    Commits the claim (or the count of skipped claims)."""
    from sqlalchemy import update

    from ..db import upsert_insert, utcnow
    from .models import JobRun

    stmt = (
        upsert_insert(session, JobRun)
        .values(job=job_name, period=period, host=_host(), status="running", skipped=0, started_at=utcnow())
        .on_conflict_do_nothing(index_elements=["job", "period"])
        .returning(JobRun.id)
    )
    won = session.execute(stmt).scalar() is not None
    if not won:
        session.execute(
            update(JobRun)
            .where(JobRun.job == job_name, JobRun.period == period)
            .values(skipped=JobRun.skipped + 1)
        )
    session.commit()
    return won


def _run_periodic(session, spec: JobSpec) -> Any:
    from sqlalchemy import delete, update

    from ..db import utcnow
    from .models import DONE, JobRun

    period = spec.period_key(utcnow())
    if not claim(session, spec.name, period):
        log.info("periodic job %s for %s already run by another host", spec.name, period)
        return SKIPPED
    try:
        result = spec.func(session)
        session.commit()
    except Exception:
        session.rollback()
        # Let a retry (here or on another host) run it for this period.
        session.execute(delete(JobRun).where(JobRun.job == spec.name, JobRun.period == period))
        session.commit()
        raise
    session.execute(
        update(JobRun)
        .where(JobRun.job == spec.name, JobRun.period == period)
        .values(status=DONE, finished_at=utcnow())
    )
    session.commit()
    return result


# ---------------------------------------------------------------- the queue


class Jobs:
    """The application's Huey (made on first use: its storage connects and creates
    its tables, which must not happen merely because the app was created) and its
    bound tasks."""

    def __init__(self, app: Flask, huey=None):
        self.app = app
        self._huey = huey
        self._made = threading.Lock()
        self._binding = threading.Lock()
        self.tasks: dict[str, Any] = {}

    @property
    def huey(self):
        if self._huey is None:
            with self._made:
                if self._huey is None:
                    self._huey = make_huey(self.app)
        return self._huey

    def bind(self) -> None:
        """Give every declared job a Huey task (jobs declared later are bound on next use)."""
        from huey import crontab

        with self._binding:
            self._bind(crontab)

    def _bind(self, crontab) -> None:
        for name, spec in list(REGISTRY.items()):
            if name in self.tasks:
                continue

            def run(*args, _spec=spec, _app=self.app, **kwargs):
                return _execute(_app, _spec, args, kwargs)

            if spec.period:
                task = self.huey.periodic_task(
                    crontab(**(spec.cron or {})),
                    name=name,
                    retries=spec.retries,
                    retry_delay=spec.retry_delay,
                    retry_backoff=2,
                )(run)
            else:
                task = self.huey.task(
                    name=name, retries=spec.retries, retry_delay=spec.retry_delay, retry_backoff=2
                )(run)
            self.tasks[name] = task

    def enqueue(self, name: str, *args, **kwargs):
        self.bind()
        return self.tasks[name](*args, **kwargs)

    def pending(self) -> int:
        try:
            return int(self.huey.pending_count())
        except Exception:
            return -1


def make_huey(app: Flask):
    """Huey for this application's configuration (see the module's docstring)."""
    cfg = app.config
    name = cfg.get("JOBS_QUEUE_NAME", "marketplace")
    if cfg.get("JOBS_IMMEDIATE", cfg.get("TESTING", False)):
        from huey import MemoryHuey

        return MemoryHuey(name, immediate=True, results=False)
    redis_url = cfg.get("JOBS_REDIS_URL")
    if redis_url:
        from huey import RedisHuey

        return RedisHuey(name, url=redis_url, results=False)
    url: str = cfg["DATABASE_URL"]
    if url.startswith("postgresql"):
        from huey import PostgresHuey

        dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
        return PostgresHuey(name, dsn=dsn, results=False)
    from huey import SqliteHuey

    path = cfg.get("JOBS_SQLITE_PATH") or str(Path(app.instance_path) / "jobs.sqlite3")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=path, results=False)


def get_jobs() -> Jobs:
    return current_app.extensions["jobs"]


def enqueue(name: str, *args, **kwargs) -> None:
    """Queue the job `name`; never raises into the caller (a failure to queue is
    logged, and the periodic sweeps pick the work up from the database)."""
    try:
        get_jobs().enqueue(name, *args, **kwargs)
    except Exception:
        log.exception("queuing job %s failed", name)


# Hooks other features add to the match-alerts job (e.g. saved-search alerts):
# `handler(session, demand_ids, offering_ids)`, run after the listings committed.
LISTING_ALERT_HANDLERS: list[Callable[..., Any]] = []


def on_listings_changed_job(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Run `handler(session, demand_ids, offering_ids)` in the `listing-alerts` job."""
    if handler not in LISTING_ALERT_HANDLERS:
        LISTING_ALERT_HANDLERS.append(handler)
    return handler


def init_app(app: Flask) -> None:
    from . import builtin  # noqa: F401  (declares the site's jobs)
    from .cli import jobs_cli

    app.extensions["jobs"] = Jobs(app)
    app.cli.add_command(jobs_cli)
