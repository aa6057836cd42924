"""Write-heavy load: concurrent API writers and sign-in loops against gunicorn on a
fresh database; every answer must be a success or a deliberate 4xx, never a 5xx,
a refused connection or "database is locked".

    .venv/bin/python bench/bench_writes.py                        # SQLite file, 30 s
    .venv/bin/python bench/bench_writes.py --database postgres    # a new PostgreSQL database
    .venv/bin/python bench/bench_writes.py --writers 8 --logins 4 --duration 30 --workers 3

Writers (each with its own organization and token) create offerings through
POST /api/v1/offerings, one in five with an Idempotency-Key that is then retried
once (the retry must return the same ref), and one in four followed by a PATCH.
Sign-in loops fetch /login, then post the form (nine in ten with the right
password, one in ten wrong: a failed attempt is a write too). Prints throughput,
latency percentiles per kind, answers by status and the server-error count, and
exits non-zero when there is any server error or a retry made a second record.
`tests/concurrency/test_sqlite_load.py` runs the same load, shorter."""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_bookings import (  # noqa: E402
    drop_database,
    fresh_database,
    machine,
    percentile,
    start_gunicorn,
)

PASSWORD = "Bench-Writes-Pass-71"  # noqa: S105 (a throw-away account's password)
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Result:
    elapsed: float = 0.0
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.latency.values())


def prepare(env: dict, writers: int, logins: int) -> dict:
    """Schema by the migrations; one supply organization and token per writer, one
    account per sign-in loop."""
    import subprocess

    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,  # noqa: S603
        check=True,
        capture_output=True,
    )
    from marketplace import create_app
    from marketplace.accounts import services as accounts
    from marketplace.db import get_session
    from tests.factories import Factory

    app = create_app({"DATABASE_URL": env["DATABASE_URL"], "SEARCH_INDEX_IN_MEMORY": True})
    with app.test_request_context():
        db = get_session()
        make = Factory(db)
        tokens = []
        for i in range(writers):
            person = make.member(make.org(side="supply", ref=f"org-bench-writer-{i}"))
            tokens.append(accounts.issue_token(db, person, "bench"))
        emails = []
        for i in range(logins):
            person = make.member(make.org(side="demand", ref=f"org-bench-signin-{i}"), password=PASSWORD)
            emails.append(person.email)
        db.commit()
    app.extensions["db_engine"].dispose()
    return {"tokens": tokens, "emails": emails}


def offering(i: int, j: int) -> dict:
    return {
        "category": "robot",
        "title": f"压测巡检机器人 {i}-{j}",
        "description": "巡检机器人，红外测温，自主导航。",
        "domains": ["manufacturing"],
        "tasks": ["patrol_inspection"],
        "units_available": 3,
        "modes": [{"mode": "purchase", "price": 100000 + j}, {"mode": "lease", "price": 9000}],
    }


class Load:
    def __init__(self, url: str, setup: dict):
        self.url, self.setup = url, setup
        self.result = Result()
        self.lock = threading.Lock()

    def _record(self, kind: str, status: int, elapsed: float, what: str, payload: bytes) -> None:
        with self.lock:
            self.result.latency[kind].append(elapsed)
            self.result.statuses[kind][status] += 1
            if status >= 500 or status == 0 or b"database is locked" in payload:
                self.result.errors.append(f"{kind} {what} -> {status}: {payload[:200]!r}")

    def call(self, kind, method, path, *, token=None, body=None, headers=None, opener=None, form=None):
        hdrs = {"Accept": "application/json" if token else "text/html", **(headers or {})}
        data = None
        if token:
            hdrs["Authorization"] = f"Bearer {token}"
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=hdrs)  # noqa: S310
        started = time.perf_counter()
        try:
            with (opener or urllib.request.build_opener()).open(req, timeout=60) as r:
                status, payload = r.status, r.read()
        except urllib.error.HTTPError as err:
            status, payload = err.code, err.read()
        except OSError as err:
            status, payload = 0, repr(err).encode()
        self._record(kind, status, time.perf_counter() - started, f"{method} {path}", payload)
        return status, payload

    def writer(self, i: int, stop: float) -> None:
        token, j = self.setup["tokens"][i], 0
        while time.monotonic() < stop:
            body = offering(i, j)
            key = {"Idempotency-Key": f"bench-{i}-{j}"} if j % 5 == 0 else None
            status, payload = self.call(
                "create", "POST", "/api/v1/offerings", token=token, body=body, headers=key
            )
            if key and status == 201:
                again, repeat = self.call(
                    "create-retry", "POST", "/api/v1/offerings", token=token, body=body, headers=key
                )
                first_ref = json.loads(payload).get("ref")
                if again != 201 or json.loads(repeat or b"{}").get("ref") != first_ref:
                    with self.lock:
                        self.result.duplicates.append(f"{first_ref}: retry answered {again}")
            if status == 201 and j % 4 == 1:
                ref = json.loads(payload)["ref"]
                self.call(
                    "update", "PATCH", f"/api/v1/offerings/{ref}", token=token, body={"units_available": 4}
                )
            j += 1

    def signer(self, i: int, stop: float) -> None:
        email, n = self.setup["emails"][i], 0
        while time.monotonic() < stop:
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
            )
            status, page = self.call("login-page", "GET", "/login", opener=opener)
            match = _CSRF.search(page.decode("utf-8", "replace")) if status == 200 else None
            if match:
                password = PASSWORD if n % 10 != 9 else "Wrong-Bench-Pass-0"
                form = {"csrf_token": match.group(1), "email": email, "password": password}
                self.call("sign-in", "POST", "/login", form=form, opener=_no_redirects(opener))
            n += 1

    def warm_up(self, writers: int) -> None:
        """One create per writer and a sign-in page, not counted: each gunicorn worker
        loads its search index and word lists on first use (seconds on a busy machine)."""
        threads = [
            threading.Thread(
                target=self.call,
                args=("warm-up", "POST", "/api/v1/offerings"),
                kwargs={"token": self.setup["tokens"][i], "body": offering(i, 999_999)},
            )
            for i in range(writers)
        ]
        threads += [threading.Thread(target=self.call, args=("warm-up", "GET", "/login")) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def run(self, writers: int, logins: int, duration: float) -> Result:
        self.warm_up(writers)
        self.result.latency.pop("warm-up", None)  # server errors in it stay counted
        self.result.statuses.pop("warm-up", None)
        stop = time.monotonic() + duration
        threads = [threading.Thread(target=self.writer, args=(i, stop)) for i in range(writers)]
        threads += [threading.Thread(target=self.signer, args=(i, stop)) for i in range(logins)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.result.elapsed = time.perf_counter() - started
        return self.result


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _no_redirects(opener):
    cookies = next(h for h in opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
    return urllib.request.build_opener(cookies, _NoRedirect())


def run(database_url: str, *, writers: int, logins: int, duration: float, workers: int) -> Result:
    """Serve `database_url` (already empty) with gunicorn and run the load; the
    server is stopped before this returns."""
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        SECRET_KEY="bench-secret",  # noqa: S106
        SEARCH_INDEX_DIR=tempfile.mkdtemp(prefix="rsm-bench-index-"),
    )
    env.pop("MARKETPLACE_ENV", None)
    setup = prepare(env, writers, logins)
    process, url, _log = start_gunicorn(env, workers, 1)
    try:
        return Load(url, setup).run(writers, logins, duration)
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--logins", type=int, default=4)
    args = parser.parse_args()
    database_url = fresh_database(args.database)
    try:
        result = run(
            database_url,
            writers=args.writers,
            logins=args.logins,
            duration=args.duration,
            workers=args.workers,
        )
    finally:
        drop_database(database_url)
    every = [x for v in result.latency.values() for x in v]
    print(
        f"\nwrite-heavy benchmark: {args.database}, gunicorn {args.workers} workers, {args.writers} API writers "
        f"+ {args.logins} sign-in loops, {result.elapsed:.1f} s"
    )
    print(f"machine: {machine()}")
    print(f"requests: {result.total}  throughput: {result.total / result.elapsed:.1f} req/s")
    print(f"{'kind':<13}{'count':>7}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}  statuses")
    for kind in ("create", "create-retry", "update", "login-page", "sign-in"):
        values = result.latency.get(kind, [])
        if values:
            statuses = " ".join(f"{s}:{n}" for s, n in sorted(result.statuses[kind].items()))
            print(
                f"{kind:<13}{len(values):>7}{percentile(values, 50):>9.1f}{percentile(values, 90):>9.1f}"
                f"{percentile(values, 99):>9.1f}{max(values) * 1000:>9.1f}  {statuses}"
            )
    if every:
        print(f"{'all':<13}{len(every):>7}{percentile(every, 50):>9.1f}{percentile(every, 90):>9.1f}")
    print(f"server errors (5xx, refused connections, 'database is locked'): {len(result.errors)}")
    for line in result.errors[:10]:
        print("  " + line)
    print(f"idempotent retries that did not return the first record: {len(result.duplicates)}")
    return 1 if result.errors or result.duplicates else 0


if __name__ == "__main__":
    sys.exit(main())
