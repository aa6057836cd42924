"""gunicorn for tests and benchmarks: start it on a free localhost port, wait for
/healthz by polling with a deadline (never a sleep), stop it.

    process, url, log = start_gunicorn(env, workers=2)       # bench/ scripts
    server = start_live_server("name")                       # tests: fresh database + seed
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    """A localhost TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    """Poll /healthz until gunicorn answers (each attempt blocks on the socket)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + log.read_text())
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:  # noqa: S310 (localhost)
                if r.status == 200:
                    return
        except OSError:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.25)  # returns early only if gunicorn died
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n" + log.read_text())


def start_gunicorn(
    env: dict,
    workers: int = 2,
    threads: int = 1,
    timeout: float = 60,
    app: str = "wsgi:app",
    cwd: Path = ROOT,
) -> tuple[subprocess.Popen, str, Path]:
    """gunicorn serving `app` (from `cwd`) with `env`, up and answering: (process,
    url, log file). The project's gunicorn.conf.py applies (preloading, as in
    production) wherever `cwd` is."""
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="rsm-gunicorn-")) / "gunicorn.log"
    cmd = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
    cmd += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    if threads > 1:
        cmd += ["--threads", str(threads)]
    cmd += ["--timeout", "60", app]
    with log.open("w") as out:  # gunicorn keeps its own copy; ours is closed at once
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, log, timeout)
    except Exception:
        process.kill()
        process.wait(timeout=15)
        raise
    return process, url, log


def stop(process: subprocess.Popen) -> None:
    """Terminate gunicorn (kill it if it has not gone within 15 s)."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@dataclass
class LiveServer:
    url: str
    database_url: str
    env: dict
    process: subprocess.Popen

    def flask(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
        """Run `flask --app wsgi ARGS` against the live server's database."""
        return subprocess.run(  # noqa: S603
            [sys.executable, "-m", "flask", "--app", "wsgi", *args],
            cwd=ROOT,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            check=True,
        )


def start_live_server(name: str, seed: bool = True, workers: int = 2) -> LiveServer:
    """gunicorn on a fresh database of its own (loaded with the demo data when `seed`)."""
    from .database import fresh_database

    database_url = fresh_database(name)
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        SEARCH_INDEX_DIR=tempfile.mkdtemp(prefix=f"rsm-index-{name}-"),
        SECRET_KEY="browser-test",
        PYTHONUNBUFFERED="1",
    )
    env.pop("MARKETPLACE_ENV", None)
    if seed:
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "flask", "--app", "wsgi", "seed"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    process, url, _log = start_gunicorn(env, workers=workers)
    return LiveServer(url, database_url, env, process)


def stop_live_server(server: LiveServer) -> None:
    stop(server.process)
