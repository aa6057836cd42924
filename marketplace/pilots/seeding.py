"""Demo pilots from `seeds/pilots.json`: one or more in every state, with their
histories (officials' comments included) and milestones.

Each history is replayed through the workflow table, so a seed can only describe
transitions the table allows. Pilots whose `ref` exists are skipped: running the
seed again changes nothing. Only the last step of an open application is
notified (the confirmation, review or changes it waits for)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..listings.models import Demand, Offering
from . import workflow
from .models import Pilot, PilotEvent, PilotMilestone
from .services import notify_event

FILE = "pilots.json"
_FIELDS = (
    "title",
    "site",
    "plan",
    "schedule",
    "mode",
    "quantity",
    "expected_outcomes",
    "expected_hours",
    "expected_manual_share",
    "expected_incidents_avoided",
)


def _utc(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    return moment.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def _day(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None


def _actor(session: Session, entry: dict, pilot: Pilot) -> dict:
    user = session.scalar(select(User).where(User.email == entry["by"])) if entry.get("by") else None
    if user is not None:
        return {
            "actor_id": user.id,
            "actor_name": user.name or user.email,
            "actor_org": user.organization.name if user.organization else "",
            "actor_role": user.role,
        }
    side = entry.get("side")
    org = (
        pilot.demand.organization
        if side == "demand"
        else (pilot.offering.organization if side == "offering" else None)
    )
    return {
        "actor_id": None,
        "actor_name": entry.get("by_name") or entry.get("by") or "",
        "actor_org": org.name if org is not None else "",
        "actor_role": "member" if org is not None else "official",
    }


def build_pilot(session: Session, spec: dict) -> Pilot:
    demand = session.scalar(select(Demand).where(Demand.ref == spec["demand"]))
    offering = session.scalar(select(Offering).where(Offering.ref == spec["offering"]))
    if demand is None or offering is None:
        raise ValueError(f"{spec['ref']}: unknown demand or offering")
    proposer = demand.org_id if spec.get("proposer", "demand") == "demand" else offering.org_id
    history = spec["history"]
    created = _utc(history[0]["at"])
    pilot = Pilot(
        ref=spec["ref"],
        demand=demand,
        offering=offering,
        demand_id=demand.id,
        offering_id=offering.id,
        demand_org_id=demand.org_id,
        offering_org_id=offering.org_id,
        proposer_org_id=proposer,
        state="draft",
        version=1,
        created_at=created,
        updated_at=created,
    )
    for key in _FIELDS:
        if key in spec:
            setattr(pilot, key, spec[key])
    pilot.start_date, pilot.end_date = _day(spec.get("start_date")), _day(spec.get("end_date"))
    if not pilot.mode:
        pilot.mode = next(
            (m for m in demand.modes if offering.price_for(m) is not None), offering.modes[0]["mode"]
        )
    if offering.price_for(pilot.mode) is None:
        raise ValueError(f"{spec['ref']}: the offering has no price for {pilot.mode}")
    pilot.price = (
        Decimal(str(spec["price"])) if spec.get("price") is not None else offering.price_for(pilot.mode)
    )
    pilot.quantity = spec.get("quantity") or demand.quantity
    session.add(pilot)
    session.flush()
    if history[0]["action"] != "propose":
        raise ValueError(f"{spec['ref']}: a history starts with propose")
    state = None
    for entry in history:
        at = _utc(entry["at"])
        actor = _actor(session, entry, pilot)
        if entry["action"] == "propose":
            if state is not None:
                raise ValueError(f"{spec['ref']}: propose twice")
            next_state = "draft"
            pilot.created_by_id = actor["actor_id"]
        else:
            step = workflow.find(state, entry["action"]) if state is not None else None
            if step is None:
                raise ValueError(f"{spec['ref']}: {entry['action']} is not allowed from {state}")
            next_state = step.next_state
            if entry["action"] == "confirm":
                pilot.confirmed_at, pilot.confirmed_by_id = at, actor["actor_id"]
        session.add(
            PilotEvent(
                pilot_id=pilot.id,
                action=entry["action"],
                from_state=state,
                to_state=next_state,
                comment=entry.get("comment", ""),
                created_at=at,
                **actor,
            )
        )
        state = next_state
        pilot.updated_at = at
    if state == "completed":
        outcome = spec.get("outcome") or {}
        pilot.outcome_hours = outcome.get("hours")
        pilot.outcome_manual_share = outcome.get("manual_share")
        pilot.outcome_incidents_avoided = outcome.get("incidents_avoided")
        pilot.outcome_summary = history[-1].get("comment", "")
    assert state is not None, "a history starts with propose"
    pilot.state = state
    pilot.version = len(history)
    for ms in spec.get("milestones", []):
        session.add(
            PilotMilestone(
                pilot_id=pilot.id,
                title=ms["title"],
                reached_on=_day(ms["reached_on"]),
                note=ms.get("note", ""),
                author_name=ms.get("by_name", ""),
                created_at=_utc(ms["reached_on"] + "T18:00:00+08:00"),
            )
        )
    session.flush()
    return pilot


def load_pilot_seeds(session: Session, folder: Path) -> Iterator[str]:
    """Create the demo pilots that do not exist yet; one summary line."""
    path = folder / FILE
    if not path.exists():
        return
    specs = json.loads(path.read_text(encoding="utf-8"))["pilots"]
    existing = set(session.scalars(select(Pilot.ref).where(Pilot.ref.in_([s["ref"] for s in specs]))))
    made = 0
    for spec in specs:
        if spec["ref"] in existing:
            continue
        pilot = build_pilot(session, spec)
        if pilot.state in ("draft", "submitted", "changes_requested"):
            # Open applications wait for someone: put their last step in the inboxes.
            notify_event(session, pilot, pilot.events[-1])
        made += 1
    session.commit()
    yield f"demo pilots: {made} created, {len(existing)} already there"
