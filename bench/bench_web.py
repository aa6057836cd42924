"""Pages against a hello-world Flask app under the same gunicorn settings.

    .venv/bin/python bench/bench_web.py                     # SQLite, then PostgreSQL
    .venv/bin/python bench/bench_web.py --databases sqlite --duration 5
    .venv/bin/python bench/bench_web.py --pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python bench/bench_web.py --only official --rounds 5   # one page, five rounds

Both apps run under gunicorn with 3 sync workers and the project's gunicorn.conf.py
(the master preloads the application: the site warms jieba, its templates and the
search index before forking). The site serves a fresh database built by the
migrations and `flask seed` (SQLite file; the PostgreSQL database of --pg-url is
emptied first); every database's site is served at once, idle but for the page
measured. For each page, hello world is measured right before it, so each ratio
compares two runs seconds apart on a noisy machine; with `--rounds N` each page is
measured N times on each database in turn and the tables give the medians, with the
PostgreSQL / SQLite ratio of each round (the two back to back) and its median. Load with wrk (-t2 -c16)
when installed, else a bounded Python client (16 threads, keep-alive); the output
says which. Then the PSS of each warm worker (/proc/PID/smaps_rollup: pages shared
with the master and the other workers are divided among them, so counted once)
and of a hello-world worker, and the load average."""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.live import start_gunicorn, stop  # noqa: E402

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/t_pages"
OFFICIAL = ("official@demo.example", "Official#2026")  # seeds/accounts.json
CONNECTIONS = 16
HELLO = """from flask import Flask

app = Flask(__name__)


@app.get("/")
@app.get("/healthz")
def hello():
    return "Hello, World!"
"""
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_DEMAND = re.compile(r'href="(/demands/[A-Za-z0-9_-]+)"')


def flask(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


# ---------------------------------------------------------------- load


def parse_ms(value: str) -> float:
    number = float(re.match(r"[\d.]+", value).group(0))  # type: ignore[union-attr]
    unit = value[len(re.match(r"[\d.]+", value).group(0)) :]  # type: ignore[union-attr]
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}.get(unit, 1.0)


def wrk(url: str, seconds: float, headers: dict[str, str]) -> tuple[float, float, float, int]:
    """(req/s, p50 ms, p99 ms, non-2xx/3xx answers)."""
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--latency"]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = parse_ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = parse_ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, p50, p99, int(bad.group(1)) if bad else 0


def python_load(url: str, seconds: float, headers: dict[str, str]) -> tuple[float, float, float, int]:
    """The same measurement with 16 keep-alive threads (GIL-bound: lower ceilings)."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    latencies: list[list[float]] = [[] for _ in range(CONNECTIONS)]
    bad = [0] * CONNECTIONS
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while time.monotonic() < stop_at:
            start = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            latencies[n].append(time.perf_counter() - start)
            if response.status >= 400:
                bad[n] += 1
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    every = sorted(x for per in latencies for x in per)
    p50 = every[len(every) // 2] * 1000
    p99 = every[min(len(every) - 1, int(len(every) * 0.99))] * 1000
    return len(every) / elapsed, p50, p99, sum(bad)


# ---------------------------------------------------------------- memory


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def pss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no Pss in /proc/{pid}/smaps_rollup")


# ---------------------------------------------------------------- the site


def sign_in(base: str) -> str:
    """The official's session cookie ("rsm_session=..."), through the login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/login") as r:
        token = _CSRF.search(r.read().decode()).group(1)  # type: ignore[union-attr]
    data = urllib.parse.urlencode({"email": OFFICIAL[0], "password": OFFICIAL[1], "csrf_token": token})
    with opener.open(base + "/login", data=data.encode()) as r:
        r.read()
    cookies = [f"{c.name}={c.value}" for c in jar if c.name == "rsm_session"]
    if not cookies:
        raise RuntimeError("signing in as the official failed")
    return cookies[0]


def fetch(url: str, headers: dict[str, str]) -> str:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (localhost)
    with urllib.request.urlopen(request, timeout=60) as r:  # noqa: S310
        return r.read().decode()


def pages(base: str) -> list[tuple[str, str, dict[str, str]]]:
    """(label, path, headers) of each page measured."""
    html = {"Accept": "text/html"}
    demand = _DEMAND.search(fetch(base + "/demands", html))
    assert demand, "no demand on /demands"
    official = dict(html, Cookie=sign_in(base))
    return [
        ("/", "/", html),
        ("/demands", "/demands", html),
        ("/offerings?domain=manufacturing", "/offerings?domain=manufacturing", html),
        ("/search?q=焊接", "/search?q=" + urllib.parse.quote("焊接"), html),
        ("/api/v1/offerings", "/api/v1/offerings", {"Accept": "application/json"}),
        ("/api/v1/demands", "/api/v1/demands", {"Accept": "application/json"}),
        ("demand page, anonymous", demand.group(1), html),
        ("demand page + matches, official", demand.group(1), official),
    ]


def serve(name: str, database_url: str, args) -> tuple[subprocess.Popen, str, list]:
    """The site on a fresh seeded database under gunicorn: (process, base URL, the
    pages measured), each page already served once or more by every worker."""
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        SEARCH_INDEX_DIR=tempfile.mkdtemp(prefix="rsm-bench-web-index-"),
        SECRET_KEY="bench-web",  # noqa: S106 (a throw-away server)
        JOBS_WORKER="none",
    )
    env.pop("MARKETPLACE_ENV", None)
    env.pop("MARKETPLACE_WARMUP", None)
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    print(f"\n## {name}: migrations + flask seed ...", flush=True)
    flask(env, "db", "upgrade")
    flask(env, "seed")
    process, base, _log = start_gunicorn(env, workers=args.workers)
    try:
        measured = [p for p in pages(base) if not args.only or any(o in p[0] for o in args.only)]
        for _label, path, headers in measured:  # every worker serves every page once or more
            for _ in range(3 * args.workers):
                fetch(base + path, headers)
    except BaseException:
        stop(process)
        raise
    return process, base, measured


def table(name: str, runs: dict[str, list[tuple]], process, hello_master: int) -> list[str]:
    """One database's table: each page's median over the rounds (one round: its figures)."""
    lines = [
        f"### {name}",
        "",
        "| page | hello req/s | page req/s | % of hello | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, rounds in runs.items():
        h_rps, rps, p50, p99 = (statistics.median(r[i] for r in rounds) for i in range(4))
        share = statistics.median(r[1] / r[0] for r in rounds)
        bad = sum(r[4] for r in rounds)
        lines.append(f"| {label} | {h_rps:.0f} | {rps:.0f} | {share:.1%} | {p50:.1f} | {p99:.1f} | {bad} |")
    pss = [pss_mb(pid) for pid in workers_of(process.pid)]
    hello_pss = [pss_mb(pid) for pid in workers_of(hello_master)]
    lines += [
        "",
        "PSS of each warm worker: "
        + ", ".join(f"{mb:.0f} MB" for mb in pss)
        + f" (master {pss_mb(process.pid):.0f} MB); hello-world worker {statistics.median(hello_pss):.0f} MB",
    ]
    return lines


def compare(runs: dict[str, dict[str, list[tuple]]], rounds: int) -> list[str]:
    """Each other database against SQLite, page by page: the ratio of their shares of
    hello world in each round (the two measured back to back) and the median."""
    lines = []
    for name in runs:
        if name == "sqlite":
            continue
        lines += [
            f"### {name} / sqlite (share of hello world, each round and the median)",
            "",
            "| page | " + " | ".join(f"round {n + 1}" for n in range(rounds)) + " | median |",
            "|---|" + "---|" * (rounds + 1),
        ]
        for label, theirs in runs[name].items():
            ours = runs["sqlite"][label]
            ratios = [(t[1] / t[0]) / (o[1] / o[0]) for t, o in zip(theirs, ours, strict=True)]
            cells = " | ".join(f"{r:.2f}" for r in ratios)
            lines.append(f"| {label} | {cells} | **{statistics.median(ratios):.2f}** |")
        lines.append("")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite,postgres (default both)")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", PG_DEFAULT))
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per run (default 10)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--only", action="append", help="only the pages whose label contains this (repeatable)"
    )
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument(
        "--rounds", type=int, default=1, help="runs of each page on each database, in turn (medians reported)"
    )
    args = parser.parse_args()

    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
    load = wrk if use_wrk else python_load
    client = f"wrk -t2 -c{CONNECTIONS}" if use_wrk else f"Python client, {CONNECTIONS} keep-alive threads"
    print(f"client: {client}, {args.duration:g} s per run, gunicorn {args.workers} sync workers (preload)")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)

    hello_dir = Path(tempfile.mkdtemp(prefix="rsm-hello-"))
    (hello_dir / "hello.py").write_text(HELLO)
    hello_env = dict(os.environ, PYTHONPATH=str(hello_dir))
    hello_process, hello_url, _ = start_gunicorn(
        hello_env, workers=args.workers, app="hello:app", cwd=hello_dir
    )
    report = [f"client: {client}, {args.duration:g} s per run, {args.workers} sync workers", ""]
    servers: dict[str, tuple] = {}
    try:
        for name in args.databases.split(","):
            if name == "sqlite":
                url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='rsm-bench-web-')) / 'bench.sqlite3'}"
            else:
                url = args.pg_url
                empty_postgres(url)
            servers[name] = serve(name, url, args)
        # Each page in rounds: hello world then the page, on each database in turn, so
        # the databases' figures for a page are minutes apart at most (the servers not
        # under load sit idle).
        runs: dict[str, dict[str, list[tuple]]] = {name: {} for name in servers}
        loads = []
        labels = [label for label, _p, _h in next(iter(servers.values()))[2]]
        for index, label in enumerate(labels):
            for n in range(args.rounds):
                for name, (_process, base, measured) in servers.items():
                    _label, path, headers = measured[index]
                    h_rps, _h50, _h99, _ = load(hello_url + "/", args.duration, {})
                    rps, p50, p99, bad = load(base + path, args.duration, headers)
                    runs[name].setdefault(label, []).append((h_rps, rps, p50, p99, bad))
                    print(
                        f"{name} {label} round {n + 1}: hello {h_rps:.0f}, page {rps:.0f} req/s "
                        f"({rps / h_rps:.1%}), p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {bad}",
                        flush=True,
                    )
            loads.append(os.getloadavg()[0])
        for name, (process, _base, _measured) in servers.items():
            report += table(name, runs[name], process, hello_process.pid) + [""]
        if len(servers) > 1 and "sqlite" in runs:
            report += compare(runs, args.rounds)
        report.append(f"load average (1 min) after each page: {', '.join(f'{x:.2f}' for x in loads)}")
    finally:
        for process, _base, _measured in servers.values():
            stop(process)
        stop(hello_process)
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\n" + "\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
