"""Prometheus metrics (prometheus_client).

Under gunicorn (`deploy/gunicorn.conf.py`) PROMETHEUS_MULTIPROC_DIR is set before
any worker starts, so every worker and the job consumer write their samples to
files there and the master serves the sum on a separate, private port
(METRICS_BIND, default 127.0.0.1:9100); the public site never serves /metrics.
Without it (tests, `flask run`) the same metrics live in the process's registry."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

REQUESTS = Counter(
    "marketplace_http_requests_total", "HTTP requests answered", ["endpoint", "method", "status"]
)
LATENCY = Histogram(
    "marketplace_http_request_duration_seconds",
    "Time to answer a request",
    ["endpoint", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
INDEX_LAG_CHANGES = Gauge(
    "marketplace_search_index_lag_changes",
    "Changes in the feed this host's index has not applied",
    multiprocess_mode="livemax",
)
INDEX_LAG_SECONDS = Gauge(
    "marketplace_search_index_lag_seconds",
    "Age of the oldest change this host's index has not applied",
    multiprocess_mode="livemax",
)
JOB_QUEUE_DEPTH = Gauge(
    "marketplace_jobs_queue_depth", "Jobs waiting in the queue", multiprocess_mode="livemax"
)
JOBS = Counter("marketplace_jobs_total", "Jobs executed", ["job", "outcome"])
JOB_FAILURES = Counter("marketplace_job_failures_total", "Job executions that raised", ["job"])
JOB_DURATION = Histogram("marketplace_job_duration_seconds", "Time a job ran", ["job"])


def observe_request(endpoint: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(endpoint, method, str(status)).inc()
    LATENCY.labels(endpoint, method).observe(seconds)


def set_index_lag(changes: int, seconds: float) -> None:
    INDEX_LAG_CHANGES.set(changes)
    INDEX_LAG_SECONDS.set(seconds)


def set_queue_depth(depth: int) -> None:
    if depth >= 0:
        JOB_QUEUE_DEPTH.set(depth)


def job_finished(job: str, outcome: str, seconds: float) -> None:
    JOBS.labels(job, outcome).inc()
    JOB_DURATION.labels(job).observe(seconds)
    if outcome == "failure":
        JOB_FAILURES.labels(job).inc()
