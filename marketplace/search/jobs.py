"""The search feature's periodic job: the index feed keeps two weeks of changes."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy.orm import Session

from ..db import utcnow
from ..jobs import periodic


@periodic("prune-index-changes", period="day")
def prune_index_changes(session: Session) -> str:
    """Delete the index feed's changes older than INDEX_FEED_KEEP_DAYS (an index
    further behind rebuilds from the database)."""
    from .feed import prune

    days = int(current_app.config.get("INDEX_FEED_KEEP_DAYS", 14))
    return f"{prune(session, utcnow() - timedelta(days=days))} pruned"
