"""Pilot services: propose, edit, run a transition, report a milestone, queries.

Domain code: takes a session and plain values, raises domain errors, flushes and
never commits. Callers that run a transition on SQLite open the transaction with
`db.begin_write(session)` before loading the pilot (see `views.py`)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import taxonomy
from ..accounts.models import User
from ..db import utcnow
from ..errors import Conflict, NotAllowed, NotFoundError, ValidationFailed
from ..listings.models import Demand, Offering
from . import workflow
from .models import Pilot, PilotEvent, PilotMilestone

# The application's fields (what the propose and edit forms and the API may set).
FIELDS = (
    "title",
    "site",
    "plan",
    "schedule",
    "start_date",
    "end_date",
    "mode",
    "price",
    "quantity",
    "expected_outcomes",
    "expected_hours",
    "expected_manual_share",
    "expected_incidents_avoided",
)
OUTCOME_FIELDS = ("outcome_hours", "outcome_manual_share", "outcome_incidents_avoided")


def new_pilot_ref() -> str:
    return f"pil-{secrets.token_hex(5)}"


# ---------------------------------------------------------------- validation


def clean_fields(values: dict, *, partial: bool = False) -> dict:
    """Check application values (from the API or a form); ValidationFailed lists
    every field at fault. With `partial`, absent keys are left alone."""
    clean: dict = {}
    errors: dict[str, str] = {}

    def text(key: str, limit: int, required: bool = False):
        if key not in values:
            if required and not partial:
                errors[key] = _("is required")
            return
        raw = values[key]
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            errors[key] = _("must be a string")
            return
        raw = raw.strip()
        if required and not raw:
            errors[key] = _("is required")
        elif len(raw) > limit:
            errors[key] = _("is too long (at most %(value)s characters)", value=limit)
        else:
            clean[key] = raw

    def whole(key: str, low: int, high: int, required: bool = False):
        if key not in values or values[key] in (None, ""):
            if required and not partial:
                errors[key] = _("is required")
            elif key in values:
                clean[key] = None
            return
        raw = values[key]
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            errors[key] = _("must be a whole number")
            return
        try:
            number = int(raw)
        except ValueError:
            errors[key] = _("must be a whole number")
            return
        if not low <= number <= high:
            errors[key] = _("must be between %(low)s and %(high)s", low=low, high=high)
        else:
            clean[key] = number

    def day(key: str):
        if key not in values:
            return
        raw = values[key]
        if raw in (None, ""):
            clean[key] = None
        elif isinstance(raw, date):
            clean[key] = raw
        elif isinstance(raw, str):
            try:
                clean[key] = date.fromisoformat(raw)
            except ValueError:
                errors[key] = _("must be an ISO date (e.g. 2027-06-30)")
        else:
            errors[key] = _("must be an ISO date (e.g. 2027-06-30)")

    text("title", 200, required=True)
    text("site", 300)
    text("plan", 10000, required=True)
    text("schedule", 5000)
    text("expected_outcomes", 5000)
    day("start_date")
    day("end_date")
    if "mode" in values:
        if taxonomy.is_code("modes", values["mode"]):
            clean["mode"] = values["mode"]
        else:
            errors["mode"] = _("unknown code: %(value)s", value=values["mode"])
    if "price" in values:
        raw = values["price"]
        if raw in (None, ""):
            clean["price"] = None
        else:
            try:
                price = Decimal(str(raw))
                if isinstance(raw, bool) or not price.is_finite() or price < 0 or price >= Decimal("1e12"):
                    raise ValueError
                clean["price"] = price.quantize(Decimal("0.01"))
            except (ValueError, ArithmeticError):
                errors["price"] = _("must be an amount of at least 0")
    whole("quantity", 1, 100000)
    whole("expected_hours", 0, 10_000_000)
    whole("expected_manual_share", 0, 100)
    whole("expected_incidents_avoided", 0, 1_000_000)
    start, end = clean.get("start_date"), clean.get("end_date")
    if start and end and end < start:
        errors["end_date"] = _("must not be before the start date")
    if errors:
        raise ValidationFailed(str(_l("Please correct the marked fields.")), errors)
    return clean


def clean_outcome(values: dict | None) -> dict:
    """The outcome figures of an acceptance: hours of operation required."""
    values = values or {}
    errors: dict[str, str] = {}
    clean: dict = {}
    limits = {
        "outcome_hours": (0, 10_000_000),
        "outcome_manual_share": (0, 100),
        "outcome_incidents_avoided": (0, 1_000_000),
    }
    for key, (low, high) in limits.items():
        raw = values.get(key)
        if raw in (None, ""):
            if key == "outcome_hours":
                errors[key] = _("is required")
            continue
        try:
            if isinstance(raw, bool):
                raise ValueError
            if isinstance(raw, float) and not raw.is_integer():
                raise ValueError
            number = int(raw)
        except (TypeError, ValueError, OverflowError):
            errors[key] = _("must be a whole number")
            continue
        if not low <= number <= high:
            errors[key] = _("must be between %(low)s and %(high)s", low=low, high=high)
        else:
            clean[key] = number
    if errors:
        raise ValidationFailed(str(_l("Enter the outcome figures of the pilot.")), errors)
    return clean


# ---------------------------------------------------------------- loading and visibility


def can_view(user, pilot: Pilot) -> bool:
    """The two organizations' members and officials see a pilot; nobody else."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_official:
        return True
    return user.role == "member" and user.org_id in pilot.org_ids


def get_pilot(session: Session, pilot_id: int) -> Pilot:
    pilot = session.get(Pilot, pilot_id)
    if pilot is None:
        raise NotFoundError()
    return pilot


def visible_pilot(session: Session, user, pilot_id: int) -> Pilot:
    pilot = get_pilot(session, pilot_id)
    if not can_view(user, pilot):
        raise NotFoundError()
    return pilot


# ---------------------------------------------------------------- propose and edit


def _actor_snapshot(user: User | None) -> dict:
    if user is None:
        return {"actor_id": None, "actor_name": "", "actor_org": "", "actor_role": ""}
    return {
        "actor_id": user.id,
        "actor_name": user.name or user.email,
        "actor_org": user.organization.name if user.organization else "",
        "actor_role": user.role,
    }


def check_pair(demand: Demand, offering: Offering) -> None:
    problems = {}
    if demand.status != "open":
        problems["demand"] = _("The need is not open.")
    if offering.status != "active":
        problems["offering"] = _("The offering is not active.")
    if problems:
        raise Conflict(
            str(_l("A pilot can only be proposed for an open need and an active offering.")), problems
        )


def _check_mode(offering: Offering, clean: dict) -> None:
    mode = clean.get("mode")
    if mode and offering.price_for(mode) is None:
        raise ValidationFailed(
            str(_l("Please correct the marked fields.")),
            {"mode": _("The offering is not offered this way.")},
        )


def propose(session: Session, user: User, demand: Demand, offering: Offering, values: dict) -> Pilot:
    """Open a pilot application for a pair; the proposer's organization must hold
    one side of it. Values are checked with `clean_fields`."""
    if (
        not getattr(user, "is_authenticated", False)
        or user.role != "member"
        or user.org_id not in (demand.org_id, offering.org_id)
    ):
        raise NotAllowed(
            str(
                _l(
                    "Only members of the need's or the offering's organization can "
                    "propose a pilot for this pair."
                )
            )
        )
    check_pair(demand, offering)
    values = dict(values)
    values.setdefault("mode", (demand.modes or [m["mode"] for m in offering.modes] or ["purchase"])[0])
    values.setdefault("quantity", demand.quantity)
    clean = clean_fields(values)
    _check_mode(offering, clean)
    if clean.get("price") is None:
        clean["price"] = offering.price_for(clean["mode"])
    existing = session.scalar(
        select(Pilot.id).where(
            Pilot.demand_id == demand.id,
            Pilot.offering_id == offering.id,
            Pilot.state.notin_(workflow.FINAL_STATES),
        )
    )
    if existing is not None:
        raise Conflict(
            str(_l("A pilot application for this pair is already open.")), {"pilot": str(existing)}
        )
    now = utcnow()
    pilot = Pilot(
        ref=new_pilot_ref(),
        demand=demand,
        offering=offering,
        demand_id=demand.id,
        offering_id=offering.id,
        demand_org_id=demand.org_id,
        offering_org_id=offering.org_id,
        proposer_org_id=user.org_id,
        created_by_id=user.id,
        state="draft",
        version=1,
        created_at=now,
        updated_at=now,
    )
    for key, value in clean.items():
        setattr(pilot, key, value)
    if pilot.partner_org_id is None:  # one organization holds both sides: nobody else to confirm
        pilot.confirmed_at, pilot.confirmed_by_id = now, user.id
    try:
        with session.begin_nested():
            session.add(pilot)
            session.flush()
    except IntegrityError:  # the same proposal, a moment earlier, from another request
        raise Conflict(str(_l("A pilot application for this pair is already open."))) from None
    session.add(
        PilotEvent(
            pilot_id=pilot.id,
            action="propose",
            from_state=None,
            to_state="draft",
            comment="",
            created_at=now,
            **_actor_snapshot(user),
        )
    )
    session.flush()
    _notify(session, pilot, user, "propose", "")
    return pilot


def edit(session: Session, user: User, pilot: Pilot, values: dict) -> Pilot:
    """Change the application (applicants, in draft or after changes were requested)."""
    if workflow.APPLICANT not in pilot.parties_of(user):
        raise NotAllowed()
    if not pilot.is_editable:
        raise Conflict(
            str(_l("The application can only be changed as a draft or after changes were requested."))
        )
    clean = clean_fields(values, partial=True)
    _check_mode(pilot.offering, clean)
    clean["version"] = pilot.version + 1
    clean["updated_at"] = utcnow()
    result = session.execute(
        update(Pilot)
        .where(
            Pilot.id == pilot.id, Pilot.version == pilot.version, Pilot.state.in_(workflow.EDITABLE_STATES)
        )
        .values(**clean)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
        raise Conflict(str(_l("Someone else changed this pilot just now. Reload the page and try again.")))
    session.refresh(pilot)
    return pilot


# ---------------------------------------------------------------- transitions


def transition(
    session: Session, pilot: Pilot, user, action: str, comment: str = "", outcome: dict | None = None
) -> PilotEvent:
    """Run one workflow action: check it against the table, change the state with
    a conditional UPDATE (so of two officials acting at once one wins and the other
    gets Conflict), and write exactly one history row in the same transaction."""
    if action not in workflow.ACTIONS:
        raise ValidationFailed(
            str(_l("Unknown action.")),
            {"action": _("must be one of: %(choices)s", choices=", ".join(workflow.ACTIONS))},
        )
    step = workflow.check(pilot.state, action, pilot.parties_of(user))
    comment = (comment or "").strip()
    if len(comment) > 5000:
        raise ValidationFailed(
            str(_l("The comment is too long.")),
            {"comment": _("is too long (at most %(value)s characters)", value=5000)},
        )
    if step.needs_comment and not comment:
        raise ValidationFailed(
            str(_l("Please give a comment: the applicants will see it.")), {"comment": _("is required")}
        )
    now = utcnow()
    values: dict = {"state": step.next_state, "version": Pilot.version + 1, "updated_at": now}
    guards = [Pilot.id == pilot.id, Pilot.version == pilot.version, Pilot.state == pilot.state]
    if action == "confirm":
        if pilot.confirmed:
            raise Conflict(str(_l("The participation is already confirmed.")))
        values.update(confirmed_at=now, confirmed_by_id=user.id)
        guards.append(Pilot.confirmed_at.is_(None))
    elif action == "submit":
        if not pilot.confirmed:
            raise Conflict(
                str(
                    _l(
                        "The other organization has to confirm its participation before "
                        "the application can be submitted."
                    )
                )
            )
        guards.append(Pilot.confirmed_at.is_not(None))
    elif action == "complete":
        values.update(clean_outcome(outcome), outcome_summary=comment)
    from_state = pilot.state
    result = session.execute(
        update(Pilot).where(*guards).values(**values).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
        raise Conflict(
            str(_l("Someone else acted on this pilot just now. Reload the page to see its current state."))
        )
    event = PilotEvent(
        pilot_id=pilot.id,
        action=action,
        from_state=from_state,
        to_state=step.next_state,
        comment=comment,
        created_at=now,
        **_actor_snapshot(user),
    )
    session.add(event)
    session.flush()
    session.refresh(pilot)
    _notify(session, pilot, user, action, comment, event)
    return event


DOCUMENT_TYPES = (
    "spec_sheet",
    "test_report",
    "certificate",
    "safety_assessment",
    "acceptance_report",
    "other",
)


def ask_for_document(pilot: Pilot, document_type: str | None) -> None:
    """With a request for changes, an official may ask for a document (shown on the
    pilot until the applicants resubmit). Unknown types are refused."""
    if document_type and document_type not in DOCUMENT_TYPES:
        raise ValidationFailed(str(_l("Choose what kind of document this is.")), {"document": "unknown"})
    pilot.requested_document = document_type or None


def report_milestone(
    session: Session, user: User, pilot: Pilot, title: str, reached_on: date | None, note: str = ""
) -> PilotMilestone:
    if workflow.APPLICANT not in pilot.parties_of(user):
        raise NotAllowed()
    if pilot.state not in workflow.REPORTING_STATES:
        raise Conflict(str(_l("Milestones are reported while the pilot is in progress.")))
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("is required")
    elif len(title) > 200:
        errors["title"] = _("is too long (at most %(value)s characters)", value=200)
    if reached_on is None:
        errors["reached_on"] = _("is required")
    if len(note or "") > 5000:
        errors["note"] = _("is too long (at most %(value)s characters)", value=5000)
    if errors:
        raise ValidationFailed(str(_l("Please correct the marked fields.")), errors)
    milestone = PilotMilestone(
        pilot_id=pilot.id,
        title=title,
        reached_on=reached_on,
        note=(note or "").strip(),
        author_id=user.id,
        author_name=user.name or user.email,
        created_at=utcnow(),
    )
    session.add(milestone)
    session.flush()
    session.refresh(pilot)
    from ..notifications.services import internal_path, notify

    notify(
        session,
        _applicant_members(session, pilot, exclude=user),
        "pilot",
        _l("Milestone reported for pilot “%(title)s”: %(milestone)s", title=pilot.title, milestone=title),
        note or "",
        internal_path("pilots.detail", pilot_id=pilot.id),
        key=f"pilot:{pilot.id}:milestone:{milestone.id}",
    )
    return milestone


# ---------------------------------------------------------------- notices

_SUBJECTS = {
    "propose": lambda **kw: _l(
        "New pilot application “%(title)s” proposed by %(org)s: please confirm your participation", **kw
    ),
    "confirm": lambda **kw: _l("%(org)s confirmed its participation in the pilot “%(title)s”", **kw),
    "submit": lambda **kw: _l("Pilot application “%(title)s” submitted for review", **kw),
    "approve": lambda **kw: _l("Pilot “%(title)s” approved", **kw),
    "reject": lambda **kw: _l("Pilot application “%(title)s” rejected", **kw),
    "request_changes": lambda **kw: _l("Changes requested for the pilot application “%(title)s”", **kw),
    "start": lambda **kw: _l("Pilot “%(title)s” started", **kw),
    "complete": lambda **kw: _l("Pilot “%(title)s” accepted as completed", **kw),
    "terminate": lambda **kw: _l("Pilot “%(title)s” terminated", **kw),
}


def _applicant_members(session: Session, pilot: Pilot, exclude=None) -> list[User]:
    users = session.scalars(
        select(User).where(User.org_id.in_(pilot.org_ids), User.role == "member", User.active.is_(True))
    ).all()
    return [u for u in users if exclude is None or u.id != exclude.id]


def _reviewers(session: Session, pilot: Pilot) -> list[User]:
    users = session.scalars(
        select(User).where(User.role.in_(("official", "admin")), User.active.is_(True))
    ).all()
    return [u for u in users if u.org_id not in pilot.org_ids]


def notify_event(session: Session, pilot: Pilot, event: PilotEvent) -> None:
    """The notices of a recorded history row (used for the demo data's last steps)."""
    actor = session.get(User, event.actor_id) if event.actor_id else None
    _notify(
        session,
        pilot,
        actor,
        event.action,
        event.comment,
        None if event.action == "propose" else event,
        org=event.actor_org or event.actor_name,
    )


def _notify(
    session: Session,
    pilot: Pilot,
    actor,
    action: str,
    comment: str,
    event: PilotEvent | None = None,
    org: str | None = None,
) -> None:
    """Every transition reaches both organizations' members; a submission also
    reaches the officials."""
    from ..notifications.services import internal_path, notify

    if org is None:
        org = (
            actor.organization.name
            if getattr(actor, "organization", None)
            else (actor.name if actor is not None else "")
        )
    subject = _SUBJECTS[action](title=pilot.title, org=org)
    link = internal_path("pilots.detail", pilot_id=pilot.id)
    key = f"pilot:{pilot.id}:event:{event.id}" if event is not None else f"pilot:{pilot.id}:proposed"
    notify(
        session, _applicant_members(session, pilot, exclude=actor), "pilot", subject, comment, link, key=key
    )
    if action == "submit":
        notify(
            session,
            [u for u in _reviewers(session, pilot) if actor is None or u.id != actor.id],
            "pilot_review",
            subject,
            comment,
            link,
            key=key,
        )


# ---------------------------------------------------------------- queries


@dataclass
class PilotFilters:
    state: str | None = None
    domain: str | None = None
    city: str | None = None


def pilot_query(user, f: PilotFilters) -> Select:
    """The pilots this account may see: its organization's, or all for officials."""
    stmt = select(Pilot).join(Demand, Demand.id == Pilot.demand_id)
    if not user.is_official:
        stmt = stmt.where(or_(Pilot.demand_org_id == user.org_id, Pilot.offering_org_id == user.org_id))
    if f.state:
        stmt = stmt.where(Pilot.state == f.state)
    if f.domain:
        stmt = stmt.where(Demand.domain == f.domain)
    if f.city:
        stmt = stmt.where(Demand.city == f.city)
    return stmt.order_by(Pilot.updated_at.desc(), Pilot.id.desc())


def review_queue(session: Session, user) -> list[Pilot]:
    """Submitted pilots an official may review (not those of their own organization), oldest first."""
    stmt = select(Pilot).where(Pilot.state == "submitted")
    if user.org_id is not None:
        stmt = stmt.where(Pilot.demand_org_id != user.org_id, Pilot.offering_org_id != user.org_id)
    submitted_at = (
        select(func.max(PilotEvent.created_at))
        .where(PilotEvent.pilot_id == Pilot.id, PilotEvent.to_state == "submitted")
        .scalar_subquery()
    )
    return list(session.scalars(stmt.order_by(submitted_at.asc(), Pilot.id.asc())))


def pair_score(demand: Demand, offering: Offering):
    """The matcher's score and reasons for the pair: the same score as the need's
    and the offering's match lists (`matching.service.pair_score`)."""
    from ..matching.service import pair_score as one_score  # deferred: matching is a peer feature

    return one_score(demand, offering)
