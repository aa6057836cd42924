"""Load benchmark of bookings: gunicorn with several workers on a fresh database,
a mixed load of reads and booking attempts from this (separate) process, then a
check that no instant of any offering is over capacity.

    .venv/bin/python bench/bench_bookings.py                      # SQLite file, 30 s
    .venv/bin/python bench/bench_bookings.py --database postgres  # a new PostgreSQL database
    .venv/bin/python bench/bench_bookings.py --duration 60 --workers 4 --clients 16

The mix (per request, at random): availability by hour (API), the offering's
booking page (HTML), one booking (API, JSON), a booking attempt (API POST, 1-3 hours,
1-2 units, over the next 7 days on 3 small pools, so many attempts collide), and a
cancellation of one of this run's bookings (API DELETE). It prints throughput,
latency percentiles per kind, the answers by status, the server-error count (must be
0) and the capacity check, and exits non-zero if either fails."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import live  # noqa: E402  (after the path is set)

PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
MIX = (("availability", 40), ("page", 15), ("detail", 10), ("book", 30), ("cancel", 5))
POOLS = (2, 3, 5)


def fresh_database(kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix='rsm-bench-')) / 'bench.sqlite3'}"
    from sqlalchemy import create_engine, text

    name = f"bench_bookings_{os.getpid()}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def drop_database(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def prepare(env: dict, customers: int) -> dict:
    """Schema by the migrations, then offerings and customers with API tokens."""
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,  # noqa: S603
        check=True,
        capture_output=True,
    )
    from marketplace import create_app
    from marketplace.db import get_session, utcnow
    from tests.support.factories import Factory

    app = create_app({"DATABASE_URL": env["DATABASE_URL"], "SEARCH_INDEX_IN_MEMORY": True})
    with app.test_request_context():
        db = get_session()
        make = Factory(db)
        offerings = []
        for i, units in enumerate(POOLS):
            vendor = make.org(side="supply", ref=f"org-bench-vendor-{i}")
            make.booking_settings(vendor, min_lead_hours=0, auto_confirm=i != 1, cancel_notice_hours=0)
            offerings.append(
                make.offering(
                    vendor,
                    ref=f"off-bench-{i}",
                    units_available=units,
                    modes=[{"mode": "sharing", "price": 100 + 20 * i}, {"mode": "lease", "price": 8000}],
                )
            )
        tokens = []
        for i in range(customers):
            person = make.member(make.org(side="demand", ref=f"org-bench-customer-{i}"))
            tokens.append(make.token(person, "bench"))
            person.tokens[-1].last_used_at = utcnow()
        db.commit()
        result = {"offerings": [o.ref for o in offerings], "tokens": tokens}
    app.extensions["db_engine"].dispose()
    return result


class Load:
    def __init__(self, url: str, setup: dict, seed: int):
        self.url, self.setup = url, setup
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.errors: list[str] = []
        self.made: list[tuple[int, str]] = []  # (booking id, token)
        self.lock = threading.Lock()
        self.seed = seed
        from marketplace.bookings import periods
        from marketplace.db import utcnow

        self.today = periods.today_local(utcnow())
        self.periods = periods

    def request(self, kind: str, method: str, path: str, token: str | None = None, body: dict | None = None):
        headers = {"Accept": "application/json"}
        data = None
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)  # noqa: S310
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=60) as r:  # noqa: S310 (localhost)
                status, payload = r.status, r.read()
        except urllib.error.HTTPError as err:
            status, payload = err.code, err.read()
        except OSError as err:
            status, payload = 0, repr(err).encode()
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latency[kind].append(elapsed)
            self.statuses[kind][status] += 1
            if status >= 500 or status == 0 or b"database is locked" in payload:
                self.errors.append(f"{kind} {method} {path} -> {status}: {payload[:300]!r}")
        return status, payload

    def one(self, rng: random.Random) -> None:
        kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
        ref = rng.choice(self.setup["offerings"])
        token = rng.choice(self.setup["tokens"])
        if kind == "availability":
            self.request(kind, "GET", f"/api/v1/offerings/{ref}/availability?granularity=hour")
        elif kind == "page":
            self.request(kind, "GET", f"/offerings/{ref}/book")
        elif kind in ("detail", "cancel"):
            with self.lock:
                pick = rng.choice(self.made) if self.made else None
            if pick is None:
                return self.one(rng)
            booking_id, owner = pick
            if kind == "detail":
                self.request(kind, "GET", f"/api/v1/bookings/{booking_id}", owner)
            else:
                self.request(kind, "DELETE", f"/api/v1/bookings/{booking_id}", owner)
        else:
            day = self.today + timedelta(days=rng.randint(1, 7))
            start = self.periods.local_at(day, rng.randint(6, 20))
            end = start + timedelta(hours=rng.randint(1, 3))
            status, payload = self.request(
                kind,
                "POST",
                "/api/v1/bookings",
                token,
                {
                    "offering": ref,
                    "mode": "sharing",
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "units": rng.randint(1, 2),
                },
            )
            if status == 201:
                with self.lock:
                    self.made.append((json.loads(payload)["id"], token))

    def run(self, clients: int, duration: float) -> float:
        stop = time.monotonic() + duration

        def client(n: int) -> None:
            rng = random.Random(self.seed * 1000 + n)
            while time.monotonic() < stop:
                self.one(rng)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.monotonic() - started


def over_capacity(database_url: str) -> list[str]:
    """Every offering's holding bookings, swept over all time: instants over the pool."""
    from sqlalchemy import create_engine, func, select
    from sqlalchemy.orm import Session

    from marketplace.bookings.capacity import Hold, segments
    from marketplace.bookings.models import HOLDING, Booking
    from marketplace.listings.models import Offering

    problems = []
    engine = create_engine(database_url)
    with Session(engine) as db:
        for offering in db.scalars(select(Offering)):
            holds = [
                Hold(s, e, u)
                for s, e, u in db.execute(
                    select(Booking.start_at, Booking.end_at, Booking.units).where(
                        Booking.offering_id == offering.id, Booking.state.in_(HOLDING)
                    )
                )
            ]
            if not holds:
                continue
            first, last = min(h.start for h in holds), max(h.end for h in holds)
            for seg in segments(holds, first, last):
                if seg.used > offering.units_available:
                    problems.append(
                        f"{offering.ref}: {seg.used} units held {seg.start}-{seg.end}, "
                        f"pool {offering.units_available}"
                    )
        counts = dict(db.execute(select(Booking.state, func.count()).group_by(Booking.state)).all())
    engine.dispose()
    print(f"bookings by state: {counts}")
    return problems


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load (default 30)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (default 1)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--customers", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    database_url = fresh_database(args.database)
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        SECRET_KEY="bench-secret",  # noqa: S106
        SEARCH_INDEX_DIR=tempfile.mkdtemp(prefix="rsm-bench-index-"),
    )
    env.pop("MARKETPLACE_ENV", None)
    setup = prepare(env, args.customers)
    process, url, log = live.start_gunicorn(env, args.workers, args.threads)
    try:
        load = Load(url, setup, args.seed)
        elapsed = load.run(args.clients, args.duration)
    finally:
        live.stop(process)
    problems = over_capacity(database_url)

    total = sum(len(v) for v in load.latency.values())
    every = [x for v in load.latency.values() for x in v]
    print(
        f"\nbookings benchmark: {args.database}, gunicorn {args.workers} workers x {args.threads} thread(s), "
        f"{args.clients} clients, {elapsed:.1f} s"
    )
    print(f"machine: {machine()}")
    print(f"requests: {total}  throughput: {total / elapsed:.1f} req/s")
    print(f"{'kind':<13}{'count':>7}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}  statuses")
    for kind, _w in MIX:
        values = load.latency.get(kind, [])
        if not values:
            continue
        statuses = " ".join(f"{s}:{n}" for s, n in sorted(load.statuses[kind].items()))
        print(
            f"{kind:<13}{len(values):>7}{percentile(values, 50):>9.1f}{percentile(values, 90):>9.1f}"
            f"{percentile(values, 99):>9.1f}{max(values) * 1000:>9.1f}  {statuses}"
        )
    print(
        f"{'all':<13}{total:>7}{percentile(every, 50):>9.1f}{percentile(every, 90):>9.1f}"
        f"{percentile(every, 99):>9.1f}{max(every) * 1000:>9.1f}  mean {statistics.mean(every) * 1000:.1f} ms"
    )
    print(f"server errors (5xx, refused connections, 'database is locked'): {len(load.errors)}")
    for line in load.errors[:10]:
        print("  " + line)
    print(
        f"capacity check: {'no instant over capacity' if not problems else f'{len(problems)} OVER CAPACITY'}"
    )
    for line in problems[:10]:
        print("  " + line)
    drop_database(database_url)
    return 1 if load.errors or problems else 0


if __name__ == "__main__":
    sys.exit(main())
