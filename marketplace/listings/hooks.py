"""What runs after listings change and the change is committed.

Derived data (the search index, notifications) hangs off these calls, never off
the database transaction itself, so a failure there can never lose a save.
Listeners are kept per application (registered in `create_app`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from flask import Flask, current_app

log = logging.getLogger("marketplace.listings")

Listener = Callable[[list[int], list[int]], None]


def on_listings_changed(app: Flask, listener: Listener) -> None:
    """Register `listener(demand_ids, offering_ids)`, called after each commit."""
    app.extensions.setdefault("listing_listeners", []).append(listener)


def after_listings_changed(demand_ids: Iterable[int] = (), offering_ids: Iterable[int] = ()) -> None:
    demand_ids, offering_ids = list(demand_ids), list(offering_ids)
    for listener in current_app.extensions.get("listing_listeners", []):
        try:
            listener(demand_ids, offering_ids)
        except Exception:  # a derived-data failure must never undo or block a save
            log.exception("listener %r failed after a listings change", listener)
