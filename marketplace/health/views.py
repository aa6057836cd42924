"""`GET /healthz` (the process serves) and `GET /readyz` (the database answers and
the search index is current), public and cheap; see spec/interchange.md."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from ..db import get_session
from . import metrics

bp = Blueprint("health", __name__)
log = logging.getLogger("marketplace.health")

# The index is "current" while no change older than this is waiting to be applied.
DEFAULT_MAX_LAG_SECONDS = 10.0


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    session = get_session()
    body: dict = {}
    ready = True
    try:
        session.execute(text("SELECT 1"))
        body["database"] = {"status": "ok"}
    except Exception as err:
        session.rollback()
        body["database"] = {"status": "unavailable", "error": type(err).__name__}
        body["index"] = {"status": "unknown"}
        body["status"] = "not ready"
        return jsonify(body), 503
    idx: Any = current_app.extensions.get("search")  # None is reported by the except below
    max_lag = float(current_app.config.get("READY_MAX_INDEX_LAG_SECONDS", DEFAULT_MAX_LAG_SECONDS))
    index: dict = {}
    try:
        if idx.rebuilding:
            index["status"] = "rebuilding"
            ready = False
        else:
            changes, age = idx.lag()
            metrics.set_index_lag(changes, age)
            index.update(behind_changes=changes, lag_seconds=round(age, 3))
            index["status"] = "current" if age <= max_lag else "behind"
            ready = age <= max_lag
            state = idx.feed_state()
            if state is None:
                index["status"], ready = "rebuilding", False
            else:
                index["watermark"] = state.mark
    except Exception as err:
        session.rollback()
        log.exception("readiness: the search index could not be checked")
        index = {"status": "unavailable", "error": type(err).__name__}
        ready = False
    body["index"] = index
    body["status"] = "ready" if ready else "not ready"
    return jsonify(body), 200 if ready else 503
