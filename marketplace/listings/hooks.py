"""Hooks of the listings feature.

- After listings change and the change is committed, listeners registered with
  `on_listings_changed` run (the search index, match alerts). Services note the
  change (`listings_changed`); `publish.commit_and_publish` runs the listeners.
  Derived data hangs off these calls, never off the transaction itself, so a
  failure there can never lose a save.
- Before an offering changes its units or status, guards registered with
  `on_offering_change` may refuse (bookings: no change that breaks future
  bookings). The listing services call them; no caller does.

Listeners and guards are kept per application (registered by `init_app`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from flask import Flask, current_app, has_app_context
from sqlalchemy.orm import Session

from ..publish import after_commit, pending

if TYPE_CHECKING:
    from .models import Offering

log = logging.getLogger("marketplace.listings")

Listener = Callable[[list[int], list[int]], None]
OfferingGuard = Callable[[Session, "Offering", "int | None", "str | None"], None]

_CHANGED = "listings_changed"


def on_listings_changed(app: Flask, listener: Listener) -> None:
    """Register `listener(demand_ids, offering_ids)`, called after each commit."""
    app.extensions.setdefault("listing_listeners", []).append(listener)


def on_offering_change(app: Flask, guard: OfferingGuard) -> None:
    """Register `guard(session, offering, new_units, new_status)`, called before an
    offering's units or status change; it raises (e.g. Conflict) to refuse."""
    app.extensions.setdefault("offering_guards", []).append(guard)


def check_offering_change(
    session: Session, offering: Offering, new_units: int | None, new_status: str | None
) -> None:
    """Ask every registered guard whether this change may happen."""
    if not has_app_context():
        return
    for guard in current_app.extensions.get("offering_guards", []):
        guard(session, offering, new_units, new_status)


class _Changed:
    """The listings noted in one transaction; called after its commit."""

    def __init__(self) -> None:
        # Ordered sets (dicts): an import notes ten thousand ids, each once.
        self.demand_ids: dict[int, None] = {}
        self.offering_ids: dict[int, None] = {}

    def __call__(self) -> None:
        after_listings_changed(list(self.demand_ids), list(self.offering_ids))


def listings_changed(
    session: Session, demand_ids: Iterable[int] = (), offering_ids: Iterable[int] = ()
) -> None:
    """Note changed listings; the listeners hear of them after the commit."""
    noted = pending(session, _CHANGED)
    if not isinstance(noted, _Changed):
        noted = _Changed()
        after_commit(session, _CHANGED, noted)
    noted.demand_ids.update(dict.fromkeys(demand_ids))
    noted.offering_ids.update(dict.fromkeys(offering_ids))


def after_listings_changed(demand_ids: Iterable[int] = (), offering_ids: Iterable[int] = ()) -> None:
    """Tell the listeners now (the change is committed)."""
    demand_ids, offering_ids = list(demand_ids), list(offering_ids)
    if not has_app_context():
        return
    for listener in current_app.extensions.get("listing_listeners", []):
        try:
            listener(demand_ids, offering_ids)
        except Exception:  # a derived-data failure must never undo or block a save
            log.exception("listener %r failed after a listings change", listener)
