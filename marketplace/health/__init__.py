"""For the servers that run the site: `/healthz` and `/readyz` (spec/interchange.md),
Prometheus metrics (`metrics.py`, served on a private port), and one JSON log line
per request with its request id."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, request

from . import metrics

access_log = logging.getLogger("marketplace.access")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class JsonLines(logging.Formatter):
    """The record's `fields` as one JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None) or {"message": record.getMessage()}
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def _configure_access_log(app: Flask) -> None:
    if getattr(access_log, "_marketplace_configured", False):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
    access_log._marketplace_configured = True  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    from .views import bp

    app.register_blueprint(bp)
    if app.config.get("ACCESS_LOG", not app.config.get("TESTING")):
        _configure_access_log(app)

    @app.before_request
    def _start() -> None:
        raw = request.headers.get("X-Request-ID", "")
        g.request_id = raw if _REQUEST_ID.match(raw) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish(response):
        started = g.get("request_started")
        if started is None:
            return response
        seconds = time.perf_counter() - started
        endpoint = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
        response.headers["X-Request-ID"] = g.request_id
        metrics.observe_request(endpoint, request.method, response.status_code, seconds)
        if access_log.isEnabledFor(logging.INFO):
            access_log.info(
                "request",
                extra={
                    "fields": {
                        "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + "Z",
                        "request_id": g.request_id,
                        "method": request.method,
                        "path": request.path,
                        "endpoint": endpoint,
                        "status": response.status_code,
                        "ms": round(seconds * 1000, 1),
                        "bytes": response.calculate_content_length(),
                        "remote": request.remote_addr,
                    }
                },
            )
        return response
