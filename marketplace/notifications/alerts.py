"""Match alerts, run as the `listing-alerts` job after listings change and commit
(listings.hooks enqueues it; the save never waits for the alerts).

A changed, active offering that scores high for an open demand of another
organization → that demand's organization. A changed, open demand that an active
offering of another organization fits well → that offering's organization. One
notice per pair and person ever (the key), none about closed records."""

from __future__ import annotations

import logging

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..listings.models import Demand, Offering
from .services import internal_path, notify

log = logging.getLogger("marketplace.notifications")

DEFAULT_MIN_SCORE = 70


def min_score() -> int:
    return int(current_app.config.get("MATCH_ALERT_MIN_SCORE", DEFAULT_MIN_SCORE))


def members(session: Session, org_id: int) -> list[User]:
    return list(
        session.scalars(
            select(User).where(User.org_id == org_id, User.role == "member", User.active.is_(True))
        )
    )


def alert_for_offering(session: Session, offering: Offering) -> int:
    """Tell the organizations of open demands this offering fits well. Returns notices made."""
    if offering.status != "active":
        return 0
    from ..matching.service import matches_for_offering

    made = 0
    for result in matches_for_offering(session, offering, limit=10):
        demand = result.demand
        if (
            demand is None
            or result.score < min_score()
            or demand.status != "open"
            or demand.org_id == offering.org_id
        ):
            continue
        made += len(
            notify(
                session,
                members(session, demand.org_id),
                "match_offering",
                _l(
                    "New offering for your need “%(demand)s”: %(offering)s (score %(score)s)",
                    demand=demand.title,
                    offering=offering.title,
                    score=result.score,
                ),
                _l(
                    "“%(offering)s” from %(org)s fits your need “%(demand)s” with a score of %(score)s out "
                    "of 100. Open the offering to see why and to propose a demonstration pilot.",
                    offering=offering.title,
                    org=offering.organization.name,
                    demand=demand.title,
                    score=result.score,
                ),
                internal_path("listings.offering_detail", ref=offering.ref),
                key=f"match:{demand.id}:{offering.id}",
                about=(demand, offering),
            )
        )
    return made


def alert_for_demand(session: Session, demand: Demand) -> int:
    """Tell the organizations of active offerings that fit this open demand well."""
    if demand.status != "open":
        return 0
    from ..matching.service import matches_for_demand

    made = 0
    for result in matches_for_demand(session, demand, limit=10):
        offering = result.offering
        if (
            offering is None
            or result.score < min_score()
            or offering.status != "active"
            or offering.org_id == demand.org_id
        ):
            continue
        made += len(
            notify(
                session,
                members(session, offering.org_id),
                "match_demand",
                _l(
                    "New need that fits your offering “%(offering)s”: %(demand)s (score %(score)s)",
                    offering=offering.title,
                    demand=demand.title,
                    score=result.score,
                ),
                _l(
                    "%(org)s posted the need “%(demand)s”, which your offering “%(offering)s” fits with a "
                    "score of %(score)s out of 100.",
                    org=demand.organization.name,
                    demand=demand.title,
                    offering=offering.title,
                    score=result.score,
                ),
                internal_path("listings.demand_detail", ref=demand.ref),
                key=f"match:{demand.id}:{offering.id}",
                about=(demand, offering),
            )
        )
    return made


def run_alerts(session: Session, demand_ids: list[int], offering_ids: list[int]) -> int:
    """Alerts for these changed listings. Flushes; the job commits."""
    if not current_app.config.get("MATCH_ALERTS", True):
        return 0
    made = 0
    for offering_id in offering_ids:
        offering = session.get(Offering, offering_id)
        if offering is not None:
            made += alert_for_offering(session, offering)
    for demand_id in demand_ids:
        demand = session.get(Demand, demand_id)
        if demand is not None:
            made += alert_for_demand(session, demand)
    return made


def on_listings_changed(demand_ids: list[int], offering_ids: list[int]) -> None:
    """The listener registered with listings.hooks (runs after the change committed):
    queue the alerts job."""
    from ..jobs import enqueue

    if demand_ids or offering_ids:
        enqueue("listing-alerts", list(demand_ids), list(offering_ids))
