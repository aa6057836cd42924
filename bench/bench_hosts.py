"""Index lag and write throughput with one and two web hosts on one PostgreSQL.

    python bench/bench_hosts.py [--duration 20] [--writers 4]

For each layout (one host; two hosts) a fresh PostgreSQL database gets the demo
data, each host its own index folder and gunicorn (deploy/gunicorn.conf.py, two
workers, its job consumer). Writers create offerings through the API for
`--duration` seconds, spread over the hosts. Index lag: from the create's answer
until the offering's document is in the index folder of the host that did NOT
take the write (with one host: that host), seen by polling the folder, so the
search requests of the benchmark never trigger the catch-up themselves.
Throughput: creates answered 201 per second. Never part of the tests."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, select, text  # noqa: E402

from marketplace.listings.models import Offering  # noqa: E402
from marketplace.search.index import SearchIndex  # noqa: E402

PG = os.environ.get("BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_db(name: str) -> str:
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG.rsplit("/", 1)[0] + "/" + name


def drop_db(name: str) -> None:
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def flask(env: dict, *args: str, input: str | None = None) -> str:
    done = subprocess.run(  # noqa: S603 (our own commands)
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def call(method: str, url: str, token: str | None = None, body: dict | None = None) -> int:
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body else None, method=method)  # noqa: S310
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:  # noqa: S310
            r.read()
            return r.status
    except urllib.error.HTTPError as err:
        err.read()
        err.close()
        return err.code


def run(hosts: int, duration: float, writers: int, tmp: Path) -> dict:
    name = f"bench_hosts_{hosts}_{os.getpid()}"
    url = fresh_db(name)
    base_env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-hosts-0123456789abcdef"}
    base_env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    flask(base_env, "db", "upgrade")
    flask(base_env, "import-data", str(ROOT / "seeds" / "demo.json"))
    flask(base_env, "create-user", "bench@vendor.test", "--role", "member", "--org", "org-demo-vendor",
          "--password-stdin", input="Bench#Hosts#2026\n")  # fmt: skip
    token = flask(base_env, "issue-token", "bench@vendor.test").strip().split()[-1]
    servers = []
    try:
        for h in range(hosts):
            env = {
                **base_env,
                "SEARCH_INDEX_DIR": str(tmp / f"ix-{hosts}-{h}"),
                "METRICS_BIND": f"127.0.0.1:{port()}",
            }
            flask(env, "reindex", "--procs", "1")
            p = port()
            log = open(tmp / f"gunicorn-{hosts}-{h}.log", "wb")  # noqa: SIM115
            proc = subprocess.Popen(  # noqa: S603 (our own commands)
                [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{p}",
                 "--workers", "2", "wsgi:app"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
            servers.append((f"http://127.0.0.1:{p}", env["SEARCH_INDEX_DIR"], proc))
        for base, _folder, _proc in servers:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                with contextlib.suppress(OSError):
                    if call("GET", base + "/readyz") == 200:
                        break
                time.sleep(0.2)
            call("GET", base + "/api/v1/offerings?q=%E5%B7%A1%E6%A3%80")  # warm (巡检)
        engine = create_engine(url)
        created: list[tuple[str, float, int]] = []  # ref, answered at, host index
        errors = [0]
        lock = threading.Lock()
        stop = time.monotonic() + duration

        def writer(w: int) -> None:
            n = 0
            while time.monotonic() < stop:
                h = (w + n) % hosts
                ref = f"off-bench-{hosts}-{w}-{n}"
                status = call("POST", servers[h][0] + "/api/v1/offerings", token, {
                    "ref": ref, "category": "robot", "title": f"压测巡检机器人 {w}-{n}",
                    "description": "变电站巡检机器人，红外测温。", "domains": ["manufacturing"],
                    "tasks": ["patrol_inspection"], "modes": [{"mode": "purchase", "price": 100000 + n}]})  # fmt: skip
                with lock:
                    if status == 201:
                        created.append((ref, time.monotonic(), h))
                        pending[ref] = (time.monotonic(), h)
                    else:
                        errors[0] += 1
                n += 1

        lags: list[float] = []
        pending: dict[str, tuple[float, int]] = {}
        writing = threading.Event()
        writing.set()

        def observer() -> None:
            """Polls each host's index folder while the writers run (and a minute after)."""
            seen: dict[str, int] = {}
            deadline = None
            while True:
                if not writing.is_set():
                    deadline = deadline or time.monotonic() + 60
                    if not pending or time.monotonic() > deadline:
                        return
                with lock:
                    wanted = dict(pending)
                if wanted:
                    missing = [r for r in wanted if r not in seen]
                    if missing:
                        with engine.connect() as c:
                            seen.update(
                                c.execute(
                                    select(Offering.ref, Offering.id).where(Offering.ref.in_(missing))
                                ).all()
                            )
                    for h in range(hosts):
                        idx = SearchIndex(servers[h][1], background_rebuild=False)
                        with contextlib.suppress(Exception):
                            keys = idx.keys()
                            now = time.monotonic()
                            with lock:
                                for ref, (at, wrote) in list(pending.items()):
                                    if (wrote + 1) % hosts == h and ref in seen and f"o{seen[ref]}" in keys:
                                        lags.append(max(0.0, now - at))
                                        del pending[ref]
                        idx.reset()
                time.sleep(0.05)

        watcher = threading.Thread(target=observer)
        watcher.start()
        started = time.monotonic()
        threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        writing.clear()
        watcher.join()
        engine.dispose()
        lags.sort()
        return {
            "hosts": hosts,
            "creates": len(created),
            "errors": errors[0],
            "throughput": len(created) / elapsed,
            "lag_median": statistics.median(lags) if lags else float("nan"),
            "lag_p95": lags[int(0.95 * (len(lags) - 1))] if lags else float("nan"),
            "never_seen": len(pending),
        }
    finally:
        for _base, _folder, proc in servers:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        drop_db(name)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--writers", type=int, default=4)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-hosts-"))
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {args.writers} writers, {args.duration:.0f} s"
    )
    for hosts in (1, 2):
        r = run(hosts, args.duration, args.writers, tmp)
        print(
            f"{r['hosts']} host(s): {r['creates']} creates ({r['errors']} errors), {r['throughput']:.1f}/s; "
            f"index lag median {r['lag_median']:.2f} s, p95 {r['lag_p95']:.2f} s"
            + (f"; {r['never_seen']} not indexed within 60 s" if r["never_seen"] else "")
        )


if __name__ == "__main__":
    main()
