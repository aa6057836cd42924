"""Saved searches (issue 12 part 3): a person saves a list query and filters, and is
told of new matching records through the inbox and mail.

`notify_saved_searches(session, demand_ids, offering_ids)` is the one entry point
for alerts (a job can call it); here it runs after listings changes commit."""

from __future__ import annotations

from flask import Flask, current_app

from .services import notify_saved_searches

__all__ = ["init_app", "notify_saved_searches"]


def _on_listings_changed(demand_ids: list[int], offering_ids: list[int]) -> None:
    """After a listings change committed: announce it to matching saved searches."""
    if not current_app.config.get("SAVED_SEARCH_ALERTS", True):
        return
    from ..db import get_session

    session = get_session()
    try:
        notify_saved_searches(session, demand_ids, offering_ids)
        session.commit()
    except Exception:
        session.rollback()
        raise


def init_app(app: Flask) -> None:
    from ..api import register_api
    from ..listings.hooks import on_listings_changed
    from ..notifications.services import DIGEST_EXTRAS
    from . import api  # its routes attach to the API blueprint
    from .services import KIND, digest_line
    from .views import bp

    register_api(app, api.describe)
    app.register_blueprint(bp)
    on_listings_changed(app, _on_listings_changed)
    DIGEST_EXTRAS[KIND] = digest_line
