"""Deal services: invite, respond, revise, decide, talk, leads, comparison, funnel.

Domain code: takes a session and plain values, raises domain errors, flushes and
never commits. The pages, the API and the CLI call these same functions. Callers
that run a transition on SQLite open the transaction with `db.begin_write`
before loading the response (see views.py and api.py)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload, selectinload

from .. import taxonomy
from ..accounts.models import Organization, User
from ..db import utcnow
from ..errors import Conflict, NotAllowed, NotFoundError, ValidationFailed
from ..listings.models import Demand, Offering
from . import costs, workflow
from .models import DealResponse, Invitation, ResponseEvent, ResponseMessage

MESSAGE_MAX = 5000
INCLUDES = ("operator", "transport", "training", "maintenance", "insurance")
INCLUDE_LABELS = {
    "operator": _l("Operator"),
    "transport": _l("Transport"),
    "training": _l("Training"),
    "maintenance": _l("Maintenance"),
    "insurance": _l("Insurance"),
}
NEW_LEAD_DAYS = 14
DEFAULT_MONTHS = 12
DEFAULT_HOURS = 160
QUOTE_FIELDS = ("price", "units", "start", "valid_until", "includes", "message")


def _invalid(fields: dict[str, str]) -> ValidationFailed:
    return ValidationFailed(str(_l("Please correct the marked fields.")), fields)


# ---------------------------------------------------------------- who sees what


def is_member(user, org_id: int | None) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.belongs_to(org_id)


def can_view(user, response: DealResponse) -> bool:
    """Sealed: the two organizations' members and officials; nobody else."""
    return bool(response.parties_of(user) & {workflow.BUYER, workflow.VENDOR, workflow.OFFICIAL})


def visible_response(session: Session, user, response_id: int) -> DealResponse:
    response = session.get(DealResponse, response_id)
    if response is None or not can_view(user, response):
        raise NotFoundError()
    return response


def may_compare(user, demand: Demand) -> bool:
    """The demand's organization and officials."""
    return is_member(user, demand.org_id) or bool(getattr(user, "is_official", False))


def responses_for(session: Session, user, demand: Demand) -> list[DealResponse]:
    """The responses to `demand` this account may read: all for the demand's
    organization and officials, its own organization's for a vendor. NotFoundError
    for anyone else (an outsider does not learn whether responses exist)."""
    # The demand is the one given (a many-to-one found in the session, no query); the
    # offerings in one more query, only when there are responses.
    stmt = (
        select(DealResponse)
        .where(DealResponse.demand_id == demand.id)
        .options(lazyload(DealResponse.demand), selectinload(DealResponse.offering))
    )
    if not may_compare(user, demand):
        if not (getattr(user, "is_authenticated", False) and user.role == "member" and user.org_id):
            raise NotFoundError()
        own = session.scalars(stmt.where(DealResponse.vendor_org_id == user.org_id)).all()
        invited = session.scalar(
            select(func.count())
            .select_from(Invitation)
            .where(Invitation.demand_id == demand.id, Invitation.vendor_org_id == user.org_id)
        )
        if not own and not invited:
            raise NotFoundError()
        return sorted(own, key=lambda r: (r.created_at, r.id))
    return list(session.scalars(stmt.order_by(DealResponse.created_at, DealResponse.id)))


def contact_visible(session: Session, user, org: Organization) -> bool:
    """Whether `user` may see `org`'s contact person: its own members, and members
    of an organization with a response between the two (either way round)."""
    if not getattr(user, "is_authenticated", False) or user.role != "member" or user.org_id is None:
        return False
    if user.org_id == org.id:
        return True
    pair = ((DealResponse.demand_org_id == org.id) & (DealResponse.vendor_org_id == user.org_id)) | (
        (DealResponse.demand_org_id == user.org_id) & (DealResponse.vendor_org_id == org.id)
    )
    return bool(session.scalar(select(func.count()).select_from(DealResponse).where(pair)))


# ---------------------------------------------------------------- invitations


def check_invite(user, demand: Demand) -> None:
    """403 unless a member of the demand's organization; 409 unless it is open."""
    if not is_member(user, demand.org_id):
        raise NotAllowed(str(_l("Only members of the need's organization can invite vendors.")))
    if demand.status != "open":
        raise Conflict(str(_l("Vendors can only be invited to respond to an open need.")))


def invite(session: Session, user: User, demand: Demand, offerings: list[Offering]) -> list[Invitation]:
    """The demand's organization invites the offerings' vendors to respond.
    Inviting again is harmless (one invitation per pair); returns the new ones."""
    check_invite(user, demand)
    if not offerings:
        raise _invalid({"offerings": str(_l("Choose at least one offering."))})
    bad = [o.ref for o in offerings if o.status != "active" or o.org_id == demand.org_id]
    if bad:
        raise _invalid(
            {
                "offerings": str(
                    _l("Not an active offering of another organization: %(refs)s", refs=", ".join(bad))
                )
            }
        )
    existing = set(
        session.scalars(
            select(Invitation.offering_id).where(
                Invitation.demand_id == demand.id, Invitation.offering_id.in_([o.id for o in offerings])
            )
        )
    )
    made = []
    for offering in dict.fromkeys(offerings):
        if offering.id in existing:
            continue
        invitation = Invitation(
            demand_id=demand.id,
            offering_id=offering.id,
            vendor_org_id=offering.org_id,
            invited_by_id=user.id,
            created_at=utcnow(),
        )
        try:
            with session.begin_nested():
                session.add(invitation)
                session.flush()
        except IntegrityError:  # the same invitation from another request a moment earlier
            continue
        made.append(invitation)
        _notify_invitation(session, demand, offering, user)
    return made


def invited_offering_ids(session: Session, demand: Demand) -> set[int]:
    return set(session.scalars(select(Invitation.offering_id).where(Invitation.demand_id == demand.id)))


# ---------------------------------------------------------------- quotes


def _price(raw: object) -> Decimal | None:
    if raw is None or isinstance(raw, bool) or raw == "":
        return None
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite():
        return None
    return value


def clean_quote(values: dict, *, partial: bool = False, today: date | None = None) -> dict:
    """Check a quote's values (from a form or the API); ValidationFailed lists every
    field at fault, in the request's language. With `partial`, absent keys stay."""
    today = today or date.today()
    clean: dict = {}
    errors: dict[str, str] = {}

    def given(key: str) -> bool:
        return key in values and values[key] not in (None, "")

    if given("price"):
        price = _price(values["price"])
        if price is None or price <= 0 or price >= Decimal("1e12"):
            errors["price"] = str(_l("Enter a price greater than 0."))
        else:
            clean["price"] = price.quantize(Decimal("0.01"))
    elif not partial:
        errors["price"] = str(_l("Enter a price greater than 0."))
    if given("units"):
        raw = values["units"]
        try:
            if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
                raise ValueError
            units = int(raw)
            if not 1 <= units <= 100000:
                raise ValueError
            clean["units"] = units
        except (TypeError, ValueError, OverflowError):
            errors["units"] = str(_l("Enter a whole number of at least 1."))
    elif not partial:
        errors["units"] = str(_l("Enter a whole number of at least 1."))
    for key in ("start", "valid_until"):
        if not given(key):
            if key == "valid_until" and not partial:
                errors[key] = str(_l("Say until when the quote holds."))
            elif key == "start" and key in values:
                clean[key] = None
            continue
        raw = values[key]
        try:
            day = raw if isinstance(raw, date) else date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            day = None
        if day is None:
            errors[key] = str(_l("Enter a date as YYYY-MM-DD."))
        elif key == "valid_until" and day < today:
            errors[key] = str(_l("The quote's validity date has passed."))
        else:
            clean[key] = day
    if "includes" in values:
        raw = values["includes"]
        if raw is None:
            raw = []
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            errors["includes"] = str(_l("Give a list of what is included."))
        elif len(raw) > 20 or any(len(x) > 100 for x in raw):
            errors["includes"] = str(_l("At most 20 items of 100 characters each."))
        else:
            clean["includes"] = list(dict.fromkeys(x.strip() for x in raw if x.strip()))
    elif not partial:
        clean["includes"] = []
    if "message" in values:
        raw = values["message"] if values["message"] is not None else ""
        if not isinstance(raw, str):
            errors["message"] = str(_l("The message must be text."))
        elif len(raw) > MESSAGE_MAX:
            errors["message"] = str(_l("At most %(n)s characters.", n=MESSAGE_MAX))
        else:
            clean["message"] = raw.strip()
    elif not partial:
        clean["message"] = ""
    if errors:
        raise _invalid(errors)
    return clean


def _actor(user: User | None) -> dict:
    if user is None:
        return {"actor_id": None, "actor_name": "", "actor_org": ""}
    return {
        "actor_id": user.id,
        "actor_name": user.name or user.email,
        "actor_org": user.organization.name if user.organization else "",
    }


def respond(
    session: Session, user: User, demand: Demand, offering: Offering, mode: object, values: dict
) -> DealResponse:
    """A vendor's member answers an open demand with a quote for one of its
    organization's active offerings. One live response per demand and offering."""
    if not is_member(user, offering.org_id):
        raise NotAllowed(str(_l("Only members of the offering's organization can respond with it.")))
    if offering.org_id == demand.org_id:
        raise NotAllowed(str(_l("An organization cannot respond to its own need.")))
    if demand.status != "open":
        raise Conflict(str(_l("This need is closed: it no longer takes responses.")))
    if offering.status != "active":
        raise Conflict(str(_l("Only an active offering can be quoted.")))
    errors = {}
    if not isinstance(mode, str) or not taxonomy.is_code("modes", mode):
        errors["mode"] = str(_l("Choose a way to acquire."))
    elif offering.price_for(mode) is None:
        errors["mode"] = str(_l("The offering is not listed in this way to acquire."))
    try:
        clean = clean_quote(values)
    except ValidationFailed as err:
        errors.update(err.fields)
    if errors:
        raise _invalid(errors)
    live = session.scalar(
        select(DealResponse.id).where(
            DealResponse.demand_id == demand.id,
            DealResponse.offering_id == offering.id,
            DealResponse.state.in_(workflow.LIVE_STATES),
        )
    )
    if live is not None:
        raise Conflict(
            str(_l("This offering already has a live response to this need: revise it instead.")),
            {"response": str(live)},
        )
    now = utcnow()
    response = DealResponse(
        demand_id=demand.id,
        offering_id=offering.id,
        demand=demand,
        offering=offering,
        demand_org_id=demand.org_id,
        vendor_org_id=offering.org_id,
        mode=mode,
        price=clean["price"],
        units=clean["units"],
        start_date=clean.get("start"),
        valid_until=clean["valid_until"],
        includes=clean["includes"],
        message=clean["message"],
        state="submitted",
        version=1,
        created_by_id=user.id,
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(response)
            session.flush()
    except IntegrityError:
        raise Conflict(
            str(_l("This offering already has a live response to this need: revise it instead."))
        ) from None
    session.add(
        ResponseEvent(
            response_id=response.id,
            action="submit",
            from_state=None,
            to_state="submitted",
            price=response.price,
            units=response.units,
            comment=response.message,
            created_at=now,
            **_actor(user),
        )
    )
    session.flush()
    _notify(session, response, user, "submit")
    return response


def revise(session: Session, user: User, response: DealResponse, values: dict) -> DealResponse:
    """The vendor changes its quote while the response is live; the earlier price
    stays in the history (one `revise` row with the new price)."""
    if workflow.VENDOR not in response.parties_of(user):
        raise NotAllowed(str(_l("Only the responding vendor can revise its quote.")))
    if not response.is_live:
        raise Conflict(str(_l("Only a live response can be revised.")))
    unknown = [k for k in values if k not in QUOTE_FIELDS]
    if "mode" in values and values["mode"] != response.mode:
        raise _invalid({"mode": str(_l("The way to acquire cannot be changed: withdraw and respond again."))})
    clean = clean_quote({k: v for k, v in values.items() if k in QUOTE_FIELDS}, partial=True)
    if not clean and unknown:
        raise _invalid({k: str(_l("cannot be changed")) for k in unknown})
    old_price = response.price
    now = utcnow()
    changes: dict = {"version": response.version + 1, "updated_at": now}
    mapping = {"start": "start_date"}
    for key, value in clean.items():
        changes[mapping.get(key, key)] = value
    result = session.execute(
        update(DealResponse)
        .where(
            DealResponse.id == response.id,
            DealResponse.version == response.version,
            DealResponse.state.in_(workflow.LIVE_STATES),
        )
        .values(**changes)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
        raise Conflict(str(_l("Someone else changed this response just now. Reload the page and try again.")))
    session.refresh(response)
    session.add(
        ResponseEvent(
            response_id=response.id,
            action="revise",
            from_state=response.state,
            to_state=response.state,
            price=response.price,
            units=response.units,
            comment=clean.get("message", ""),
            created_at=now,
            **_actor(user),
        )
    )
    session.flush()
    session.refresh(response)
    _notify(session, response, user, "revise", old_price=old_price)
    return response


# ---------------------------------------------------------------- the workflow


def transition(
    session: Session, response: DealResponse, user, action: str, comment: str = ""
) -> ResponseEvent:
    """Run one workflow action: checked against the table, the state changed with
    a conditional UPDATE on the version (of two members acting at once one wins,
    the other gets Conflict), exactly one history row. Accepting also needs the
    demand open and no other accepted response (a unique index settles a race)."""
    if action not in workflow.USER_ACTIONS:
        raise ValidationFailed(
            str(_l("Unknown action.")), {"action": "must be one of " + ", ".join(workflow.USER_ACTIONS)}
        )
    _expire_if_due(session, response)
    step = workflow.check(response.state, action, response.parties_of(user))
    comment = (comment or "").strip()
    if len(comment) > MESSAGE_MAX:
        raise _invalid({"comment": str(_l("At most %(n)s characters.", n=MESSAGE_MAX))})
    if step.needs_comment and not comment:
        raise _invalid({"comment": str(_l("Give a reason: the vendor will read it."))})
    if action == "accept":
        if response.demand.status != "open":
            raise Conflict(str(_l("This need is closed: no response can be accepted.")))
        other = session.scalar(
            select(DealResponse.id).where(
                DealResponse.demand_id == response.demand_id,
                DealResponse.state == "accepted",
                DealResponse.id != response.id,
            )
        )
        if other is not None:
            raise Conflict(
                str(_l("Another response to this need has already been accepted.")), {"response": str(other)}
            )
    return _apply(session, response, user, step, comment)


def _apply(
    session: Session, response: DealResponse, user, step: workflow.Transition, comment: str
) -> ResponseEvent:
    now = utcnow()
    from_state = response.state
    try:
        with session.begin_nested():
            result = session.execute(
                update(DealResponse)
                .where(
                    DealResponse.id == response.id,
                    DealResponse.version == response.version,
                    DealResponse.state == from_state,
                )
                .values(state=step.next_state, version=DealResponse.version + 1, updated_at=now)
                .execution_options(synchronize_session=False)
            )
    except IntegrityError:  # another response of the demand was accepted at the same moment
        raise Conflict(str(_l("Another response to this need has already been accepted."))) from None
    if result.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
        raise Conflict(
            str(_l("Someone else acted on this response just now. Reload the page to see its state."))
        )
    event = ResponseEvent(
        response_id=response.id,
        action=step.action,
        from_state=from_state,
        to_state=step.next_state,
        comment=comment,
        created_at=now,
        **_actor(user if step.action != "expire" else None),
    )
    session.add(event)
    session.flush()
    session.refresh(response)
    _notify(session, response, user, step.action, comment=comment)
    return event


def _expire_if_due(session: Session, response: DealResponse, today: date | None = None) -> bool:
    today = today or date.today()
    if response.is_live and response.valid_until < today:
        step = workflow.check(response.state, "expire", {workflow.SYSTEM})
        _apply(session, response, None, step, "")
        return True
    return False


def expire_due(session: Session, today: date | None = None, demand_id: int | None = None) -> int:
    """Expire every live response whose quote has lapsed (a history row each)."""
    today = today or date.today()
    stmt = select(DealResponse).where(
        DealResponse.state.in_(workflow.LIVE_STATES), DealResponse.valid_until < today
    )
    if demand_id is not None:
        stmt = stmt.where(DealResponse.demand_id == demand_id)
    n = 0
    for response in session.scalars(stmt).all():
        try:
            if _expire_if_due(session, response, today):
                n += 1
        except Conflict:  # someone acted on it at the same moment: their step stands
            continue
    return n


def due_count(session: Session, demand_id: int | None = None, today: date | None = None) -> int:
    """How many live responses have lapsed (a cheap read before writing anything)."""
    stmt = (
        select(func.count())
        .select_from(DealResponse)
        .where(
            DealResponse.state.in_(workflow.LIVE_STATES), DealResponse.valid_until < (today or date.today())
        )
    )
    if demand_id is not None:
        stmt = stmt.where(DealResponse.demand_id == demand_id)
    return int(session.scalar(stmt) or 0)


# ---------------------------------------------------------------- the conversation


def post_message(session: Session, user: User, response: DealResponse, body: object) -> ResponseMessage:
    """Members of the two organizations write; officials only read."""
    if not response.can_write(user):
        raise NotAllowed(str(_l("Only members of the two organizations can write here.")))
    if not isinstance(body, str) or not body.strip():
        raise _invalid({"body": str(_l("Write a message."))})
    if len(body) > MESSAGE_MAX:
        raise _invalid({"body": str(_l("At most %(n)s characters.", n=MESSAGE_MAX))})
    message = ResponseMessage(
        response_id=response.id,
        author_id=user.id,
        author_name=user.name or user.email,
        author_org_id=user.org_id,
        body=body.strip(),
        created_at=utcnow(),
    )
    session.add(message)
    session.flush()
    _notify(session, response, user, "message", comment=message.body, message_id=message.id)
    return message


# ---------------------------------------------------------------- leads


@dataclass
class Lead:
    demand: Demand
    offering: Offering
    score: int
    reasons: list = field(default_factory=list)
    invited: bool = False
    new: bool = False
    response: DealResponse | None = None

    def as_dict(self, lang: str) -> dict:
        return {
            "demand": self.demand.ref,
            "title": self.demand.title,
            "offering": self.offering.ref,
            "score": self.score,
            "reasons": [r.text(lang) for r in self.reasons],
            "invited": self.invited,
            "new": self.new,
            "domain": self.demand.domain,
            "city": self.demand.city,
            "response": self.response.id if self.response is not None else None,
        }


@dataclass
class LeadFilters:
    domain: str | None = None
    city: str | None = None
    mode: str | None = None


def leads(session: Session, user: User, f: LeadFilters | None = None, per_offering: int = 20) -> list[Lead]:
    """Open demands that fit the member's organization's active offerings, best
    first, invited ones on top; one lead per demand (its best-fitting offering,
    or the invited one)."""
    if not (getattr(user, "is_authenticated", False) and user.role == "member" and user.org_id):
        raise NotAllowed(str(_l("Leads are for members of a vendor organization.")))
    from ..matching.service import matches_for_offering, pair_score

    f = f or LeadFilters()
    offerings = list(
        session.scalars(
            select(Offering)
            .where(Offering.org_id == user.org_id, Offering.status == "active")
            .order_by(Offering.id)
        )
    )
    found: dict[int, Lead] = {}
    for offering in offerings:
        for result in matches_for_offering(session, offering, limit=per_offering):
            demand = result.demand
            if demand is None or demand.org_id == user.org_id or demand.status != "open":
                continue
            lead = found.get(demand.id)
            if lead is None or result.score > lead.score:
                found[demand.id] = Lead(demand, offering, result.score, list(result.reasons))
    invitations = session.execute(
        select(Invitation, Demand)
        .join(Demand, Demand.id == Invitation.demand_id)
        .where(Invitation.vendor_org_id == user.org_id, Demand.status == "open")
    ).all()
    for invitation, demand in invitations:
        offering = session.get_one(Offering, invitation.offering_id)
        lead = found.get(demand.id)
        if lead is None or lead.offering.id != offering.id:
            match = pair_score(demand, offering)
            if lead is None or not lead.invited:
                found[demand.id] = Lead(demand, offering, match.score, list(match.reasons))
        found[demand.id].invited = True
    own = session.scalars(
        select(DealResponse).where(
            DealResponse.vendor_org_id == user.org_id, DealResponse.demand_id.in_(list(found) or [0])
        )
    ).all()
    by_demand = {r.demand_id: r for r in sorted(own, key=lambda r: (r.is_live, r.id))}
    cutoff = utcnow() - timedelta(days=NEW_LEAD_DAYS)
    out = []
    for lead in found.values():
        d = lead.demand
        if f.domain and d.domain != f.domain:
            continue
        if f.city and d.city != f.city:
            continue
        if f.mode and d.modes and f.mode not in d.modes:
            continue
        lead.new = d.created_at >= cutoff
        lead.response = by_demand.get(d.id)
        out.append(lead)
    out.sort(key=lambda lead: (not lead.invited, -lead.score, lead.demand.ref))
    return out


# ---------------------------------------------------------------- comparison


@dataclass
class CompareRow:
    offering: Offering
    mode: str
    unit_price: Decimal
    units: int
    source: str  # "response" (a quote) or "list" (the offering's listed price)
    score: int | None
    reasons: list
    ok: bool
    response: DealResponse | None = None
    total: Decimal = Decimal(0)
    per_month: Decimal = Decimal(0)
    cheapest: bool = False

    def as_dict(self, lang: str) -> dict:
        return {
            "offering": self.offering.ref,
            "title": self.offering.title,
            "vendor": self.offering.organization.name,
            "mode": self.mode,
            "unit_price": float(self.unit_price),
            "units": self.units,
            "total": float(self.total),
            "per_month": float(self.per_month),
            "cheapest": self.cheapest,
            "score": self.score,
            "reasons": [r.text(lang) for r in self.reasons],
            "hard_conditions_met": self.ok,
            "source": self.source,
            "response": self.response.id if self.response is not None else None,
            "state": self.response.state if self.response is not None else None,
            "includes": list(self.response.includes) if self.response is not None else [],
        }


@dataclass
class Comparison:
    demand: Demand
    months: int
    hours: Decimal
    units: int
    rows: list[CompareRow]
    break_even: list[dict]
    defaults: dict

    def as_dict(self, lang: str) -> dict:
        return {
            "demand": self.demand.ref,
            "months": self.months,
            "hours_per_month": float(self.hours),
            "units": self.units,
            "rows": [r.as_dict(lang) for r in self.rows],
            "break_even": {
                b["offering"]: {"months": b["months"], "buying_cheaper": b["buying_cheaper"]}
                for b in self.break_even
            },
        }


def parse_period(raw_months: object, raw_hours: object, demand: Demand) -> tuple[int, Decimal]:
    """Months and hours per month from a query (or the demand's, or the defaults);
    ValidationFailed for values that are not numbers in range."""
    errors = {}
    months: int = demand.period_months or DEFAULT_MONTHS
    hours = Decimal(str(demand.hours_per_month)) if demand.hours_per_month else Decimal(DEFAULT_HOURS)
    if raw_months not in (None, ""):
        text = str(raw_months).strip()
        if text.isascii() and text.isdigit() and len(text) <= 4 and 1 <= int(text) <= 600:
            months = int(text)
        else:
            errors["months"] = str(_l("Enter a whole number of months from 1 to 600."))
    if raw_hours not in (None, ""):
        value = _price(str(raw_hours).strip()[:20])
        if value is None or value <= 0 or value > 744:
            errors["hours_per_month"] = str(_l("Enter hours per month from 0 to 744."))
        else:
            hours = value
    if errors:
        raise _invalid(errors)
    return months, hours


def comparison(
    session: Session, user, demand: Demand, months: int, hours: Decimal, best: int = 5
) -> Comparison:
    """The demand's live responses and its best proposed offerings, one row per
    offering and mode (a quote's price for its mode, the listed price for the
    others), each priced with `costs` for the units wanted over `months`."""
    if not may_compare(user, demand):
        raise NotFoundError()
    from ..matching.service import matches_for_demand, pair_score

    units = demand.quantity
    live = [r for r in responses_for(session, user, demand) if r.is_live or r.state == "accepted"]
    rows: list[CompareRow] = []
    seen: set[int] = set()
    for response in live:
        match = pair_score(demand, response.offering)
        offering = response.offering
        seen.add(offering.id)
        rows.append(
            CompareRow(
                offering,
                response.mode,
                response.price,
                units,
                "response",
                match.score,
                list(match.reasons),
                match.ok,
                response,
            )
        )
        for m in offering.mode_prices:
            if m.mode != response.mode and not any(
                r.offering.id == offering.id and r.mode == m.mode for r in rows
            ):
                rows.append(
                    CompareRow(
                        offering,
                        m.mode,
                        m.price,
                        units,
                        "list",
                        match.score,
                        list(match.reasons),
                        match.ok,
                        None,
                    )
                )
    try:
        matches = matches_for_demand(session, demand, limit=best)
    except Exception:  # the comparison of quotes never fails for want of proposals
        matches = []
    for result in matches:
        offering = result.offering
        if offering is None or offering.id in seen or not result.ok:
            continue
        seen.add(offering.id)
        for m in offering.mode_prices:
            if demand.modes and m.mode not in demand.modes:
                continue
            rows.append(
                CompareRow(
                    offering, m.mode, m.price, units, "list", result.score, list(result.reasons), True, None
                )
            )
    options = [costs.Option(str(i), r.mode, r.unit_price, r.units) for i, r in enumerate(rows)]
    costs.price_options(options, months, hours)
    for row, option in zip(rows, options, strict=True):
        row.total, row.per_month, row.cheapest = option.total, option.per_month, option.cheapest
    break_even = []
    by_offering: dict[int, dict[str, Decimal]] = {}
    for row in rows:
        by_offering.setdefault(row.offering.id, {})[row.mode] = row.unit_price
    for row in rows:
        prices = by_offering.pop(row.offering.id, None)
        if prices and "purchase" in prices and "lease" in prices:
            months_even = costs.break_even_months(prices["purchase"], prices["lease"])
            break_even.append(
                {
                    "offering": row.offering.ref,
                    "title": row.offering.title,
                    "months": float(months_even) if months_even is not None else None,
                    "buying_cheaper": months_even is not None and months > months_even,
                }
            )
    return Comparison(
        demand,
        months,
        hours,
        units,
        rows,
        break_even,
        {"months": demand.period_months, "hours_per_month": demand.hours_per_month},
    )


# ---------------------------------------------------------------- the demand page


@dataclass
class DemandDeals:
    """What the demand page's deal section shows to one viewer."""

    demand: Demand
    own: bool
    responses: list[DealResponse]
    accepted: DealResponse | None
    pilot: object | None
    invited_ids: set[int]
    own_offerings: list[Offering]


def demand_deals(session: Session, user, demand: Demand) -> DemandDeals | None:
    """The section's data, or None when the viewer has nothing to see or do here."""
    from ..pilots.models import Pilot

    if not getattr(user, "is_authenticated", False):
        return None
    own = is_member(user, demand.org_id)
    try:
        responses = responses_for(session, user, demand)
    except NotFoundError:
        responses = []
    own_offerings: list[Offering] = []
    if not own and user.role == "member" and user.org_id:
        own_offerings = list(
            session.scalars(
                select(Offering)
                .where(Offering.org_id == user.org_id, Offering.status == "active")
                .order_by(Offering.title)
            )
        )
    if not own and not responses and not own_offerings and not user.is_official:
        return None
    accepted = next((r for r in responses if r.state == "accepted"), None)
    pilot = None
    if accepted is not None:
        pilot = session.scalar(
            select(Pilot)
            .where(Pilot.demand_id == demand.id, Pilot.offering_id == accepted.offering_id)
            .order_by(Pilot.id.desc())
        )
    return DemandDeals(
        demand,
        own,
        responses,
        accepted,
        pilot,
        invited_offering_ids(session, demand) if own else set(),
        own_offerings,
    )


def served(session: Session, demand: Demand) -> bool:
    """Whether the demand has an accepted response (it is being served)."""
    return bool(
        session.scalar(
            select(func.count())
            .select_from(DealResponse)
            .where(DealResponse.demand_id == demand.id, DealResponse.state == "accepted")
        )
    )


# ---------------------------------------------------------------- the officials' funnel


def _median_days(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def funnel(session: Session) -> dict:
    """Posted (not draft) demands: how many are open, have a response, an accepted
    response, a pilot; the response rate and the median days from posting to the
    first response; overall, by domain and by city."""
    from ..pilots.models import Pilot

    demands = session.execute(
        select(Demand.id, Demand.domain, Demand.city, Demand.status, Demand.created_at).where(
            Demand.status != "draft"
        )
    ).all()
    first = dict(
        session.execute(
            select(DealResponse.demand_id, func.min(DealResponse.created_at)).group_by(DealResponse.demand_id)
        ).all()
    )
    accepted = set(session.scalars(select(DealResponse.demand_id).where(DealResponse.state == "accepted")))
    piloted = set(session.scalars(select(Pilot.demand_id)))

    def block(rows) -> dict:
        days = [max(0.0, (first[r.id] - r.created_at).total_seconds() / 86400) for r in rows if r.id in first]
        posted = len(rows)
        responded = sum(1 for r in rows if r.id in first)
        return {
            "demands": posted,
            "open": sum(1 for r in rows if r.status == "open"),
            "with_response": responded,
            "with_accepted": sum(1 for r in rows if r.id in accepted),
            "with_pilot": sum(1 for r in rows if r.id in piloted),
            "response_rate": round(100 * responded / posted, 1) if posted else 0.0,
            "median_days_to_first_response": _median_days(days),
        }

    by_domain = {code: block([r for r in demands if r.domain == code]) for code in taxonomy.codes("domains")}
    by_city = {code: block([r for r in demands if r.city == code]) for code in taxonomy.codes("cities")}
    return {**block(demands), "by_domain": by_domain, "by_city": by_city}


# ---------------------------------------------------------------- notices

_SUBJECTS = {
    "invite": lambda **kw: _l("%(org)s invites you to respond to the need “%(title)s”", **kw),
    "submit": lambda **kw: _l("New response from %(org)s to your need “%(title)s”", **kw),
    "revise": lambda **kw: _l("%(org)s revised its price for your need “%(title)s”", **kw),
    "message": lambda **kw: _l("New message from %(org)s about “%(title)s”", **kw),
    "shortlist": lambda **kw: _l("Your response to “%(title)s” was shortlisted", **kw),
    "decline": lambda **kw: _l("Your response to “%(title)s” was declined", **kw),
    "accept": lambda **kw: _l("Your response to “%(title)s” was accepted", **kw),
    "withdraw": lambda **kw: _l("%(org)s withdrew its response to “%(title)s”", **kw),
    "expire": lambda **kw: _l("The quote for “%(title)s” has expired", **kw),
}
# Who must act next hears of each step.
_KINDS = {
    "invite": "deal_invitation",
    "submit": "deal_response",
    "revise": "deal_response",
    "message": "deal_message",
    "shortlist": "deal_decision",
    "decline": "deal_decision",
    "accept": "deal_decision",
    "withdraw": "deal_decision",
    "expire": "deal_decision",
}


def _mode_label(mode: str) -> LazyString:
    """The mode's label in whichever language the notice is being rendered in."""
    from ..i18n import current_lang

    return LazyString(lambda: taxonomy.label("modes", mode, current_lang()))


def _members(session: Session, org_id: int, exclude=None) -> list[User]:
    users = session.scalars(
        select(User).where(User.org_id == org_id, User.role == "member", User.active.is_(True))
    ).all()
    return [u for u in users if exclude is None or u.id != exclude.id]


def _notify_invitation(session: Session, demand: Demand, offering: Offering, user: User) -> None:
    from ..notifications.services import internal_path, notify

    notify(
        session,
        _members(session, offering.org_id),
        "deal_invitation",
        _SUBJECTS["invite"](org=demand.organization.name, title=demand.title),
        _l("Your offering “%(offering)s” was invited.", offering=offering.title),
        internal_path("deals.respond", ref=demand.ref, offering=offering.ref),
        key=f"deal:invite:{demand.id}:{offering.id}",
        about=(demand, offering),
    )


def _notify(
    session: Session,
    response: DealResponse,
    actor,
    action: str,
    comment: str = "",
    old_price: Decimal | None = None,
    message_id: int | None = None,
) -> None:
    """Sealed: a notice about a response only ever reaches its two organizations."""
    from ..notifications.services import internal_path, notify

    demand = response.demand
    if action in ("submit", "revise", "withdraw"):
        recipients = _members(session, response.demand_org_id, exclude=actor)
        org = response.vendor_org.name
    elif action == "message":
        recipients = _members(session, response.demand_org_id, exclude=actor) + _members(
            session, response.vendor_org_id, exclude=actor
        )
        recipients = [u for u in recipients if u.org_id != getattr(actor, "org_id", None)]
        org = actor.organization.name if getattr(actor, "organization", None) else ""
    elif action == "expire":
        recipients = _members(session, response.vendor_org_id) + _members(session, response.demand_org_id)
        org = ""
    else:  # the buyer's decisions reach the vendor
        recipients = _members(session, response.vendor_org_id, exclude=actor)
        org = response.demand_org.name
    subject = _SUBJECTS[action](org=org, title=demand.title)
    price = f"{response.price:,.2f}"
    if action == "submit":
        body = _l(
            "%(offering)s: %(price)s CNY (%(mode)s) × %(units)s, valid until %(until)s.",
            offering=response.offering.title,
            price=price,
            mode=_mode_label(response.mode),
            units=response.units,
            until=response.valid_until.isoformat(),
        )
    elif action == "revise":
        body = _l(
            "%(offering)s: %(old)s → %(price)s CNY.",
            offering=response.offering.title,
            old=f"{old_price:,.2f}" if old_price is not None else "",
            price=price,
        )
    else:
        body = comment
    link = internal_path("deals.response_detail", response_id=response.id)
    key = f"deal:{response.id}:{action}:{message_id or response.version}"
    notify(session, recipients, _KINDS[action], subject, body, link, key=key)


# ---------------------------------------------------------------- seeding helper


def record_at(session: Session, response: DealResponse, moment: datetime) -> None:
    """Move a response's first history row and creation time (demo data only)."""
    response.created_at = moment
    if response.events:
        response.events[0].created_at = moment
    session.flush()
