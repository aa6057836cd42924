"""/healthz, /readyz (database and index), metrics kept off the public site, and one
JSON log line per request with its request id."""

from __future__ import annotations

import io
import json
import logging
from datetime import timedelta

from prometheus_client import REGISTRY, generate_latest
from sqlalchemy.orm import scoped_session, sessionmaker

from marketplace.db import make_engine, utcnow
from marketplace.health import JsonLines
from marketplace.search import service
from marketplace.search.feed import IndexChange


def test_healthz_answers_while_the_process_serves(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readyz_is_200_when_the_database_answers_and_the_index_is_current(client, db, make):
    make.offering(ref="off-r", title="巡检机器人")
    service.search(db, "巡检")  # the test's index is built on first use
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["status"] == "ready" and body["database"]["status"] == "ok"
    assert body["index"]["status"] == "current" and body["index"]["behind_changes"] == 0


def test_readyz_is_503_and_says_so_when_the_index_is_behind(client, db, make):
    service.search(db, "巡检")
    db.add(IndexChange(key="o999999", created_at=utcnow() - timedelta(minutes=5)))
    db.flush()
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 503
    assert body["database"]["status"] == "ok" and body["index"]["status"] == "behind"
    assert body["index"]["behind_changes"] == 1 and body["index"]["lag_seconds"] >= 299


def test_readyz_is_503_when_the_index_is_being_rebuilt(client):
    response = client.get("/readyz")  # never built yet
    assert response.status_code == 503 and response.get_json()["index"]["status"] == "rebuilding"


def test_readyz_is_503_and_says_so_when_the_database_does_not_answer(app, client, tmp_path):
    broken = make_engine(f"sqlite:///{tmp_path}/missing-folder/db.sqlite3")
    app.extensions["db_session"] = scoped_session(sessionmaker(bind=broken))
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 503
    assert body["database"]["status"] == "unavailable" and body["status"] == "not ready"
    broken.dispose()


def test_metrics_count_requests_by_endpoint_and_are_not_on_the_public_site(client):
    def count() -> float:
        return (
            REGISTRY.get_sample_value(
                "marketplace_http_requests_total", {"endpoint": "/healthz", "method": "GET", "status": "200"}
            )
            or 0.0
        )

    before = count()
    client.get("/healthz")
    client.get("/healthz")
    assert count() == before + 2
    text = generate_latest().decode()
    assert "marketplace_http_request_duration_seconds_bucket" in text
    assert "marketplace_search_index_lag_changes" in text and "marketplace_jobs_queue_depth" in text
    assert client.get("/metrics").status_code == 404


def test_one_json_line_per_request_with_its_request_id(client):
    logger = logging.getLogger("marketplace.access")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLines())
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        given = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
        made = client.get("/search?q=巡检")
        hostile = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 3
    assert lines[0]["request_id"] == "abc-123" == given.headers["X-Request-ID"]
    assert lines[0]["status"] == 200 and lines[0]["path"] == "/healthz" and lines[0]["ms"] >= 0
    assert lines[1]["request_id"] == made.headers["X-Request-ID"] and len(lines[1]["request_id"]) == 32
    assert lines[1]["endpoint"] == "/search"
    assert lines[2]["request_id"] == hostile.headers["X-Request-ID"] != "<script>", "never echoed raw"
