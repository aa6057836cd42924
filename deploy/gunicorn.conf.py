"""Gunicorn settings for every web host (`make run` uses them; so can production):

    gunicorn -c deploy/gunicorn.conf.py wsgi:app

- metrics: PROMETHEUS_MULTIPROC_DIR is set before any worker starts, each worker
  and the job consumer write their samples there, and the master serves their sum
  at http://METRICS_BIND/metrics (default 127.0.0.1:9100; `off` to disable). The
  public port never serves metrics: keep METRICS_BIND on a private address.
- jobs: with JOBS_WORKER=embedded (the default) the master starts one job consumer
  (`flask --app wsgi jobs worker`) beside the web workers and stops it on exit, so
  the embedded default needs no other service. Set JOBS_WORKER=none on hosts that
  run the consumer as a service of its own.
- logs: the application writes one JSON line per request (with its request id) to
  standard error; gunicorn's own access log is off.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
accesslog = None
chdir = str(ROOT)
# The master imports wsgi.py, which loads jieba, the templates and the search index
# before forking: workers share them and have no slow first request.
preload_app = True

# Before any worker imports prometheus_client.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="marketplace-metrics-")
    _own_metrics_dir = True
else:
    _own_metrics_dir = False

_consumer: subprocess.Popen | None = None
_stopping = threading.Event()


def _die_with_parent() -> None:
    """In the consumer: killed when the gunicorn master dies, even by SIGKILL."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _start_consumer(server) -> subprocess.Popen:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker"]
    command += ["--workers", os.environ.get("JOBS_THREADS", "2")]
    server.log.info("starting the job consumer: %s", " ".join(command))
    return subprocess.Popen(command, cwd=ROOT, preexec_fn=_die_with_parent)  # noqa: S603


def _supervise(server) -> None:
    """Restart the consumer if it exits while the master runs."""
    global _consumer
    while not _stopping.wait(2.0):
        if _consumer is not None and _consumer.poll() is not None:
            server.log.warning("the job consumer exited (%s); restarting it", _consumer.returncode)
            _consumer = _start_consumer(server)


def on_starting(server) -> None:
    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):  # samples of a previous run
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(folder, name))


def when_ready(server) -> None:
    global _consumer
    metrics_bind = os.environ.get("METRICS_BIND", "127.0.0.1:9100")
    if metrics_bind != "off":
        from prometheus_client import CollectorRegistry, multiprocess, start_http_server

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        host, _, port = metrics_bind.rpartition(":")
        start_http_server(int(port), addr=host or "127.0.0.1", registry=registry)
        server.log.info("metrics at http://%s/metrics", metrics_bind)
    if os.environ.get("JOBS_WORKER", "embedded") == "embedded":
        _consumer = _start_consumer(server)
        threading.Thread(target=_supervise, args=(server,), daemon=True, name="jobs-supervisor").start()


def post_worker_init(worker) -> None:
    # Apply the search index's change feed from the start, not only after a first request.
    from marketplace.search import start_poller

    start_poller(worker.wsgi)


def child_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server) -> None:
    _stopping.set()
    if _consumer is not None and _consumer.poll() is None:
        _consumer.terminate()
        try:
            _consumer.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _consumer.kill()
            _consumer.wait(timeout=5)
    if _own_metrics_dir:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
