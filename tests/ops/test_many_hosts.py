"""Two web hosts (gunicorn, with deploy/gunicorn.conf.py: embedded job consumer and
private metrics) on one PostgreSQL, each with its own index folder: a record
created through one is found by search on the other within 5 s and is gone within
5 s of its withdrawal, and a periodic job runs once with both schedulers running."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from marketplace.jobs.models import JobRun
from marketplace.listings.models import Offering
from marketplace.search.index import SearchIndex
from tests.conftest import fresh_database, is_postgres

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not is_postgres(os.environ.get("DATABASE_URL", "")), reason="many hosts share a PostgreSQL database"
    ),
]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _call(method: str, url: str, token: str | None = None, body: dict | None = None) -> tuple[int, object]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 (localhost)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as r:  # noqa: S310
            raw = r.read()
            return r.status, json.loads(
                raw
            ) if raw and r.headers.get_content_type() == "application/json" else raw
    except urllib.error.HTTPError as err:
        raw = err.read()
        err.close()
        try:
            return err.code, json.loads(raw)
        except ValueError:
            return err.code, raw


class Host:
    def __init__(self, name: str, url: str, tmp: Path):
        self.name, self.tmp = name, tmp
        self.index_dir = tmp / f"index-{name}"
        self.port, self.metrics_port = _port(), _port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "SEARCH_INDEX_DIR": str(self.index_dir),
            "SECRET_KEY": "two-hosts-secret-0123456789abcdef",
            "METRICS_BIND": f"127.0.0.1:{self.metrics_port}",
            "JOBS_WORKER": "embedded",
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        self.process: subprocess.Popen | None = None
        self.log = tmp / f"gunicorn-{name}.log"

    def flask(self, *args: str, input: str | None = None) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", *args],
            cwd=ROOT,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def start(self) -> None:
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
                + ["--bind", f"127.0.0.1:{self.port}", "--workers", "2", "wsgi:app"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            with contextlib.suppress(OSError):
                status, _ = _call("GET", self.base + "/readyz")
                if status == 200:
                    return
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=0.25)
        raise AssertionError(f"host {self.name} not ready in 90 s:\n" + self.log.read_text()[-3000:])

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        deadline = time.monotonic() + 20  # the job consumer goes with its master
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=0.2)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


def _in_index(folder: Path, key: str) -> bool:
    idx = SearchIndex(str(folder), background_rebuild=False)
    try:
        keys = idx.keys()
        return key in keys
    finally:
        idx.reset()


def _found(base: str, word: str, ref: str) -> bool:
    status, body = _call("GET", base + f"/api/v1/offerings?q={urllib.parse.quote(word)}")
    assert status == 200, body
    return ref in json.dumps(body, ensure_ascii=False)


def _until(condition, seconds: float, what: str) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.05)
    return time.monotonic() - started


def test_two_hosts_on_one_postgresql_stay_current_and_run_each_periodic_job_once(tmp_path):
    url = fresh_database("two_hosts")
    a, b = Host("a", url, tmp_path), Host("b", url, tmp_path)
    a.flask("import-data", str(ROOT / "seeds" / "demo.json"))
    a.flask(
        "create-user",
        "hosts@vendor.test",
        "--role",
        "member",
        "--org",
        "org-demo-vendor",
        "--password-stdin",
        input="Pair-of-Servers-2026\n",  # not containing the email name (refused)
    )
    token = a.flask("issue-token", "hosts@vendor.test").strip().split()[-1]
    a.flask("reindex", "--procs", "1")
    b.flask("reindex", "--procs", "1")  # each host's own index, built and current first
    engine = create_engine(url)
    try:
        a.start()
        b.start()
        a.wait_ready()
        b.wait_ready()
        for host in (a, b):  # both answer searches from their own index (and are warm)
            assert not _found(host.base, "ZK4417", "off-two-hosts")

        status, body = _call(
            "POST",
            a.base + "/api/v1/offerings",
            token,
            {
                "ref": "off-two-hosts",
                "category": "robot",
                "title": "型号ZK4417 巡检机器人",
                "description": "变电站巡检机器人 ZK4417，红外测温。",
                "domains": ["manufacturing"],
                "tasks": ["patrol_inspection"],
                "modes": [{"mode": "purchase", "price": 200000}],
            },
        )
        assert status == 201, body
        with engine.connect() as conn:
            rid = conn.execute(select(Offering.id).where(Offering.ref == "off-two-hosts")).scalar_one()
        key = f"o{rid}"
        _until(lambda: _found(b.base, "ZK4417", "off-two-hosts"), 5, "created on A, found on B")
        assert _in_index(b.index_dir, key), "found through host B's own index, not a database fallback"

        status, _ = _call("DELETE", a.base + "/api/v1/offerings/off-two-hosts", token)
        assert status in (200, 204)
        _until(lambda: not _found(b.base, "ZK4417", "off-two-hosts"), 5, "withdrawn on A, gone from B")
        assert not _in_index(b.index_dir, key)

        for host in (a, b):
            status, ready = _call("GET", host.base + "/readyz")
            assert status == 200 and ready["index"]["status"] == "current", ready

        # Both hosts' schedulers enqueue the mail sweep each minute; one period sees both.
        def one_ran_one_skipped() -> bool:
            with engine.connect() as conn:
                rows = conn.execute(
                    select(JobRun.period, JobRun.skipped, JobRun.status).where(
                        JobRun.job == "deliver-mail-sweep"
                    )
                ).all()
            return any(r.skipped >= 1 and r.status == "done" for r in rows)

        _until(one_ran_one_skipped, 150, "a period in which both schedulers enqueued the sweep")
        with engine.connect() as conn:
            periods = (
                conn.execute(select(JobRun.period).where(JobRun.job == "deliver-mail-sweep")).scalars().all()
            )
        assert len(periods) == len(set(periods)), "never twice in one period"

        metrics = {}
        for host in (a, b):
            url = f"http://127.0.0.1:{host.metrics_port}/metrics"
            with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310
                metrics[host.name] = r.read().decode()
        assert (
            'marketplace_http_requests_total{endpoint="/api/v1/offerings",method="POST",status="201"}'
            in metrics[a.name]
        )
        assert "marketplace_search_index_lag_changes" in metrics[a.name]
        # The queue is shared: either host's consumer may have run the jobs; the one
        # that did counts them.
        assert any("marketplace_jobs_total" in text for text in metrics.values())
        assert _call("GET", a.base + "/metrics")[0] == 404, "metrics stay off the public port"
    except BaseException:
        for host in (a, b):
            print(f"--- host {host.name}:\n" + host.log.read_text()[-4000:])
        raise
    finally:
        a.stop()
        b.stop()
        engine.dispose()
