"""A fresh gunicorn worker's first /search against a warm one.

Starts `gunicorn -w 1 wsgi:app` (as the acceptance check does: no `-c`, so the
project's gunicorn.conf.py applies) on the database and index of the environment
(DATABASE_URL, SEARCH_INDEX_DIR, SECRET_KEY), times the first GET of /search and
then the median of 10 more, and stops it. MARKETPLACE_WARMUP=0 shows the cost
without the master's warm-up.

    DATABASE_URL=... SEARCH_INDEX_DIR=... SECRET_KEY=... .venv/bin/python bench/first_request.py
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = "/search?q=%E7%84%8A%E6%8E%A5"  # 焊接


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> float:
    start = time.perf_counter()
    request = urllib.request.Request(url, headers={"Accept": "text/html"})  # noqa: S310 (localhost)
    with urllib.request.urlopen(request, timeout=60) as r:  # noqa: S310
        r.read()
    return time.perf_counter() - start


def main() -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:  # wait for the port (a TCP connect does not reach the worker's app)
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start within 60 s") from None
                time.sleep(0.05)
        first = get(base + QUERY)
        warm = statistics.median(get(base + QUERY) for _ in range(10))
        print(
            f"first /search {first * 1000:.0f} ms, warm median {warm * 1000:.0f} ms, ratio {first / warm:.1f}x"
        )
        print(f"load average {os.getloadavg()[0]:.2f}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
