"""Demo deals from `seeds/deals.json`: invitations, responses with revised
prices, conversations, a declined, a shortlisted and an accepted response (whose
pilot comes from seeds/pilots.json). Every step runs through the services (so
it is notified and recorded as in real use), then its timestamps are moved back.
A response whose demand and offering already have one is skipped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..db import utcnow
from ..listings.models import Demand, Offering
from . import services
from .models import DealResponse, ResponseEvent

FILE = "deals.json"


def _user(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        raise ValueError(f"deals seed: unknown account {email}")
    return user


def _by_ref(session: Session, model, ref: str):
    record = session.scalar(select(model).where(model.ref == ref))
    if record is None:
        raise ValueError(f"deals seed: unknown {model.__name__} {ref}")
    return record


def load_deal_seeds(session: Session, folder: Path) -> Iterator[str]:
    path = folder / FILE
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    now = utcnow()
    today = date.today()
    for entry in data.get("invitations", []):
        demand = _by_ref(session, Demand, entry["demand"])
        offerings = [_by_ref(session, Offering, ref) for ref in entry["offerings"]]
        made = services.invite(session, _user(session, entry["by"]), demand, offerings)
        for invitation in made:
            invitation.created_at = min(now, demand.created_at + timedelta(days=1))
        session.commit()
        if made:
            yield f"invited {len(made)} offering(s) to respond to {demand.ref}"
    for spec in data.get("responses", []):
        demand = _by_ref(session, Demand, spec["demand"])
        offering = _by_ref(session, Offering, spec["offering"])
        exists = session.scalar(
            select(DealResponse.id).where(
                DealResponse.demand_id == demand.id, DealResponse.offering_id == offering.id
            )
        )
        if exists is not None:
            continue
        values = {
            "price": spec["price"],
            "units": spec["units"],
            "start": today + timedelta(days=spec.get("start_in_days", 30)),
            "valid_until": today + timedelta(days=spec.get("valid_for_days", 60)),
            "includes": spec.get("includes", []),
            "message": spec.get("message", ""),
        }
        response = services.respond(
            session, _user(session, spec["by"]), demand, offering, spec["mode"], values
        )
        first = spec.get("days_ago", 0)

        def at(days_ago: int, demand=demand, first=first):
            # Steps keep their spacing, counted from two days after the need was posted.
            return min(now, demand.created_at + timedelta(days=2 + first - days_ago))

        services.record_at(session, response, at(first))
        for step in spec.get("steps", []):
            moment = at(step.get("days_ago", 0))
            if "say" in step:
                message = services.post_message(session, _user(session, step["say"]), response, step["body"])
                message.created_at = moment
            elif "revise" in step:
                services.revise(session, _user(session, step["by"]), response, step["revise"])
                _last_event(session, response).created_at = moment
            else:
                services.transition(
                    session, response, _user(session, step["by"]), step["action"], step.get("comment", "")
                )
                _last_event(session, response).created_at = moment
            response.updated_at = moment
            session.flush()
        session.commit()
        yield f"demo response {offering.ref} → {demand.ref} ({response.state})"


def _last_event(session: Session, response: DealResponse) -> ResponseEvent:
    event = session.scalars(
        select(ResponseEvent)
        .where(ResponseEvent.response_id == response.id)
        .order_by(ResponseEvent.id.desc())
    ).first()
    assert event is not None, "a response has a history"
    return event
