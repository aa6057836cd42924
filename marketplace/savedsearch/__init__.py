"""Saved searches (issue 12 part 3): a person saves a list query and filters, and is
told of new matching records through the inbox and mail.

`notify_saved_searches(session, demand_ids, offering_ids)` is the one entry point
for alerts; it runs in the `listing-alerts` job after listings changes commit."""

from __future__ import annotations

from flask import Flask, current_app

from .services import notify_saved_searches

__all__ = ["init_app", "notify_saved_searches"]


def _alert_saved_searches(session, demand_ids: list[int], offering_ids: list[int]) -> None:
    """Part of the `listing-alerts` job (run after a listings change committed):
    announce the changed records to matching saved searches. The job commits."""
    if current_app.config.get("SAVED_SEARCH_ALERTS", True):
        notify_saved_searches(session, demand_ids, offering_ids)


def init_app(app: Flask) -> None:
    from ..api import register_api
    from ..jobs import on_listings_changed_job
    from ..notifications.services import DIGEST_EXTRAS
    from . import api  # its routes attach to the API blueprint
    from .services import KIND, digest_line
    from .views import bp

    register_api(app, api.describe)
    app.register_blueprint(bp)
    on_listings_changed_job(_alert_saved_searches)
    DIGEST_EXTRAS[KIND] = digest_line
