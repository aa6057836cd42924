"""Listing services: the only way to create or change a listing (status included),
and the list queries.

Values come from `listings.validate` (through the forms, the API and the import),
already clean. Every rule holds here: an offering's units or status change only
after the guards registered with `hooks.on_offering_change` agree (bookings:
nothing that breaks future bookings). Services flush and note the change
(`hooks.listings_changed`); callers end with `publish.commit_and_publish`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, lazyload

from .. import taxonomy
from ..accounts.models import Organization, new_ref
from ..db import bulk_insert, bulk_insert_returning_ids, utcnow
from ..errors import Conflict, NotFoundError
from .hooks import check_offering_change, listings_changed
from .models import Demand, DemandBudget, DemandTag, Offering, OfferingMode, OfferingTag

DEMAND_FIELDS = (
    "kind",
    "title",
    "description",
    "domain",
    "tasks",
    "environments",
    "payload_kg",
    "quantity",
    "modes",
    "budget",
    "city",
    "needed_by",
    "period_months",
    "hours_per_month",
    "status",
)
OFFERING_FIELDS = (
    "category",
    "title",
    "description",
    "domains",
    "tasks",
    "environments",
    "payload_kg",
    "units_available",
    "service_cities",
    "modes",
    "certifications",
    "first_of_kind",
    "status",
)


def apply_demand(demand: Demand, clean: dict) -> Demand:
    """Copy clean values onto a demand (no rule, no notice: use `update_demand`)."""
    for key in DEMAND_FIELDS:
        if key in clean:
            setattr(demand, key, clean[key])
    return demand


def apply_offering(offering: Offering, clean: dict) -> Offering:
    """Copy clean values onto an offering (no rule, no notice: use `update_offering`)."""
    for key in OFFERING_FIELDS:
        if key in clean:
            setattr(offering, key, clean[key])
    return offering


def create_demand(
    session: Session, org: Organization, clean: dict, ref: str | None = None, submit_key: str | None = None
) -> Demand:
    """A new demand of `org` from clean values."""
    demand = Demand(ref=ref or new_ref("dem"), organization=org, org_id=org.id, submit_key=submit_key)
    apply_demand(demand, clean)
    session.add(demand)
    session.flush()
    listings_changed(session, demand_ids=[demand.id])
    return demand


def create_offering(
    session: Session, org: Organization, clean: dict, ref: str | None = None, submit_key: str | None = None
) -> Offering:
    """A new offering of `org` from clean values."""
    offering = Offering(ref=ref or new_ref("off"), organization=org, org_id=org.id, submit_key=submit_key)
    apply_offering(offering, clean)
    session.add(offering)
    session.flush()
    listings_changed(session, offering_ids=[offering.id])
    return offering


def update_demand(session: Session, demand: Demand, clean: dict) -> Demand:
    """Change a demand (any of its fields, status included)."""
    apply_demand(demand, clean)
    session.flush()
    listings_changed(session, demand_ids=[demand.id])
    return demand


def update_offering(session: Session, offering: Offering, clean: dict) -> Offering:
    """Change an offering once the guards agree to its new units and status
    (Conflict otherwise, with nothing changed)."""
    check_offering_change(session, offering, clean.get("units_available"), clean.get("status"))
    apply_offering(offering, clean)
    session.flush()
    listings_changed(session, offering_ids=[offering.id])
    return offering


def _changed(session: Session, record: Demand | Offering) -> bool:
    """Does the record (its own columns, tags, prices or budgets) differ from the database?"""
    if session.is_modified(record, include_collections=True):
        return True
    children = [*record.tags, *(record.mode_prices if isinstance(record, Offering) else record.budgets)]
    return any(child in session.new or session.is_modified(child) for child in children)


def update_listings(
    session: Session, changes: Sequence[tuple[Demand | Offering, Organization, dict]]
) -> dict[int, Conflict]:
    """Change many demands and offerings (each to `clean`, owned by the organization
    given) with one flush for all. An offering whose guards refuse its new units or
    status is left as it was, and returned with the refusal (by position in
    `changes`). Only records whose values really change are noted: re-importing
    the same file re-indexes and re-alerts nothing."""
    refused: dict[int, Conflict] = {}
    demand_ids: list[int] = []
    offering_ids: list[int] = []
    with session.no_autoflush:  # the guards query; the changes are flushed once, below
        for pos, (record, org, clean) in enumerate(changes):
            if isinstance(record, Offering):
                try:
                    check_offering_change(session, record, clean.get("units_available"), clean.get("status"))
                except Conflict as refusal:
                    refused[pos] = refusal
                    continue
                apply_offering(record, clean)
            else:
                apply_demand(record, clean)
            if record.org_id != org.id:
                record.org_id, record.organization = org.id, org
            if _changed(session, record):
                (offering_ids if isinstance(record, Offering) else demand_ids).append(record.id)
    session.flush()
    listings_changed(session, demand_ids=demand_ids, offering_ids=offering_ids)
    return refused


# ---------------------------------------------------------------- many new listings at once

# What `models.Demand`/`Offering` default to when a value is left out.
_DEMAND_DEFAULTS = {"kind": "scenario", "quantity": 1, "status": "open"}
_OFFERING_DEFAULTS = {"units_available": 1, "certifications": [], "first_of_kind": False, "status": "active"}
_DEMAND_COLUMNS = ("kind", "title", "description", "domain", "payload_kg", "quantity", "city", "needed_by",
                   "period_months", "hours_per_month", "status")  # fmt: skip
_OFFERING_COLUMNS = ("category", "title", "description", "payload_kg", "units_available", "certifications",
                     "first_of_kind", "status")  # fmt: skip


def _tag_rows(fk: str, record_id: int, clean: dict, kinds: Sequence[tuple[str, str]]) -> list[dict]:
    """Tag rows as the models' list properties write them: each code once, in order."""
    rows = []
    for kind, key in kinds:
        for pos, code in enumerate(dict.fromkeys(clean.get(key) or [])):
            rows.append({fk: record_id, "kind": kind, "code": code, "position": pos})
    return rows


def _insert_parents(session: Session, model, columns, defaults, records, read) -> list[int]:
    """Insert the records' rows in bulk, with what their text says (`read(clean)`),
    and return their ids in the order given."""
    now = utcnow()
    params = [
        {
            "ref": ref,
            "org_id": org.id,
            **{c: clean.get(c, defaults.get(c)) for c in columns},
            "reading": read(clean),
            "created_at": now,
            "updated_at": now,
        }
        for org, clean, ref in records
    ]
    return bulk_insert_returning_ids(session, model, params)


def create_demands(session: Session, records: Sequence[tuple[Organization, dict, str]]) -> list[int]:
    """New demands from `(organization, clean values, ref)`, inserted in bulk: the
    same rows `create_demand` makes, with a few statements instead of a flush per
    record. Core statements fire no ORM events, so the search feed's rows are
    written here too, in the same transaction. Returns the ids in order."""
    if not records:
        return []
    from ..search import readings

    ids = _insert_parents(
        session, Demand, _DEMAND_COLUMNS, _DEMAND_DEFAULTS, records, readings.demand_reading_of
    )
    tags: list[dict] = []
    budgets: list[dict] = []
    for record_id, (_org, clean, _ref) in zip(ids, records, strict=True):
        tags += _tag_rows(
            "demand_id",
            record_id,
            clean,
            (("task", "tasks"), ("environment", "environments"), ("mode", "modes")),
        )
        budgets += [
            {"demand_id": record_id, "mode": mode, "amount": Decimal(str(amount))}
            for mode, amount in (clean.get("budget") or {}).items()
        ]
    bulk_insert(session, DemandTag, tags)
    bulk_insert(session, DemandBudget, budgets)
    _noted(session, "demand", ids)
    return ids


def create_offerings(session: Session, records: Sequence[tuple[Organization, dict, str]]) -> list[int]:
    """New offerings from `(organization, clean values, ref)`, in bulk (see `create_demands`)."""
    if not records:
        return []
    from ..search import readings

    ids = _insert_parents(
        session, Offering, _OFFERING_COLUMNS, _OFFERING_DEFAULTS, records, readings.offering_reading_of
    )
    tags: list[dict] = []
    modes: list[dict] = []
    kinds = (
        ("domain", "domains"),
        ("task", "tasks"),
        ("environment", "environments"),
        ("city", "service_cities"),
    )
    for record_id, (_org, clean, _ref) in zip(ids, records, strict=True):
        tags += _tag_rows("offering_id", record_id, clean, kinds)
        wanted = {
            m["mode"]: (pos, Decimal(str(m["price"]))) for pos, m in enumerate(clean.get("modes") or [])
        }
        modes += [
            {"offering_id": record_id, "mode": mode, "price": price, "position": pos}
            for mode, (pos, price) in wanted.items()
        ]
    bulk_insert(session, OfferingTag, tags)
    bulk_insert(session, OfferingMode, modes)
    _noted(session, "offering", ids)
    return ids


def _noted(session: Session, kind: str, ids: list[int]) -> None:
    """The search feed's rows for these new records, then the after-commit notice."""
    from ..search.feed import write_keys

    write_keys(session, kind, ids)
    if kind == "demand":
        listings_changed(session, demand_ids=ids)
    else:
        listings_changed(session, offering_ids=ids)


_Listing = TypeVar("_Listing", Demand, Offering)


def create_once(
    session: Session, model: type[_Listing], create, org: Organization, clean: dict, submit_key: str | None
):
    """Create a record from a form unless this form (its submit key) already made one.

    Returns (record, created). A concurrent twin loses on the unique constraint and
    gets the winner's record."""
    if submit_key:
        existing = session.scalar(select(model).where(model.submit_key == submit_key))
        if existing is not None and existing.org_id == org.id:
            return existing, False
    try:
        with session.begin_nested():
            return create(session, org, clean, submit_key=submit_key or None), True
    except IntegrityError:
        existing = session.scalar(select(model).where(model.submit_key == submit_key)) if submit_key else None
        if existing is None or existing.org_id != org.id:
            raise
        return existing, False


def close_demand(session: Session, demand: Demand) -> None:
    """Take a demand off the public list."""
    if demand.status != "closed":
        update_demand(session, demand, {"status": "closed"})


def withdraw_offering(session: Session, offering: Offering) -> None:
    """Take an offering off the public list (refused while bookings are to come)."""
    if offering.status != "withdrawn":
        update_offering(session, offering, {"status": "withdrawn"})


# One record by its ref: its organization in the same query, its attachments only
# when a caller reads them (a page does, the API and the matcher do not).
def _one_record(model: type[Demand] | type[Offering]) -> tuple:
    return (joinedload(model.organization), lazyload(model.attachments))


def demand_by_ref(session: Session, ref: str, whole: bool = True) -> Demand:
    """The demand with this ref, or NotFoundError (404). Its tags and budgets come in
    the same query (a few rows each), not in two more; with `whole` False they are
    read only if used (the need's page, when its body and matches are kept, shows
    neither)."""
    load = joinedload if whole else lazyload
    extra = (load(Demand.tags), load(Demand.budgets))
    demand = (
        session.execute(select(Demand).where(Demand.ref == ref).options(*_one_record(Demand), *extra))
        .unique()  # every row read: the collections are whole
        .scalar_one_or_none()
    )
    if demand is None:
        raise NotFoundError()
    return demand


def offering_by_ref(session: Session, ref: str) -> Offering:
    """The offering with this ref, or NotFoundError (404)."""
    offering = session.scalar(select(Offering).where(Offering.ref == ref).options(*_one_record(Offering)))
    if offering is None:
        raise NotFoundError()
    return offering


# ---------------------------------------------------------------- list queries

SORTS: dict[str, dict[str, tuple[Any, ...]]] = {
    "demands": {
        "newest": (Demand.created_at.desc(), Demand.id.desc()),
        "oldest": (Demand.created_at.asc(), Demand.id.asc()),
        "needed_by": (Demand.needed_by.is_(None), Demand.needed_by.asc(), Demand.id.asc()),
        "quantity": (Demand.quantity.desc(), Demand.id.desc()),
        "title": (Demand.title.asc(), Demand.id.asc()),
    },
    "offerings": {
        "newest": (Offering.created_at.desc(), Offering.id.desc()),
        "oldest": (Offering.created_at.asc(), Offering.id.asc()),
        "units": (Offering.units_available.desc(), Offering.id.desc()),
        "title": (Offering.title.asc(), Offering.id.asc()),
    },
}


@dataclass
class ListFilters:
    domain: str | None = None
    task: str | None = None
    city: str | None = None
    mode: str | None = None
    category: str | None = None
    kind: str | None = None
    verified: bool = False
    q: str | None = None
    sort: str = "newest"


def list_filters(kind: str, args: Mapping[str, str]) -> ListFilters:
    """The list filters of `kind` ("demands" or "offerings") from query arguments or a
    saved search, leniently: unknown keys and codes are ignored."""
    f = ListFilters()
    if taxonomy.is_code("domains", args.get("domain")):
        f.domain = args["domain"]
    if taxonomy.is_code("tasks", args.get("task")) and args["task"] in taxonomy.tasks_for_domain(f.domain):
        f.task = args["task"]
    if taxonomy.is_code("cities", args.get("city")):
        f.city = args["city"]
    if taxonomy.is_code("modes", args.get("mode")):
        f.mode = args["mode"]
    if kind == "offerings" and taxonomy.is_code("offering_categories", args.get("category")):
        f.category = args["category"]
    if kind == "demands" and taxonomy.is_code("demand_kinds", args.get("kind")):
        f.kind = args["kind"]
    f.verified = args.get("verified") in ("1", True)
    f.q = (args.get("q") or "").strip()[:200] or None
    allowed = set(SORTS[kind]) | ({"price_asc", "price_desc"} if kind == "offerings" else set())
    sort = args.get("sort")
    f.sort = sort if sort is not None and sort in allowed else "newest"
    return f


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_filter(model, kind: str, text: str):
    """`q` through the search index: every public record with all the words (jieba
    segmentation, synonyms). A LIKE on title and description when the index cannot
    answer (not built yet, being rebuilt)."""
    from ..search.service import matching_ids

    ids = matching_ids(text, kind)
    if ids is None:
        pattern = _like(text)
        return model.title.like(pattern, escape="\\") | model.description.like(pattern, escape="\\")
    # Rendered into the SQL: a common word can match more ids than a driver takes parameters.
    return model.id.in_(bindparam(f"{kind}_q_ids", ids, expanding=True, literal_execute=True))


def demand_query(f: ListFilters) -> Select:
    """The open demands matching the list filters, in the chosen order."""
    stmt = select(Demand).where(Demand.status == "open")
    if f.domain:
        stmt = stmt.where(Demand.domain == f.domain)
    if f.city:
        stmt = stmt.where(Demand.city == f.city)
    if f.kind:
        stmt = stmt.where(Demand.kind == f.kind)
    if f.task:
        stmt = stmt.where(
            exists().where(
                DemandTag.demand_id == Demand.id, DemandTag.kind == "task", DemandTag.code == f.task
            )
        )
    if f.mode:
        # A demand with no modes accepts any mode.
        has_mode = exists().where(DemandTag.demand_id == Demand.id, DemandTag.kind == "mode")
        stmt = stmt.where(
            exists().where(
                DemandTag.demand_id == Demand.id, DemandTag.kind == "mode", DemandTag.code == f.mode
            )
            | ~has_mode
        )
    if f.verified:
        stmt = stmt.where(Demand.org_id.in_(select(Organization.id).where(Organization.verified)))
    if f.q:
        stmt = stmt.where(_text_filter(Demand, "demand", f.q))
    return stmt.order_by(*SORTS["demands"].get(f.sort, SORTS["demands"]["newest"]))


def offering_query(f: ListFilters) -> Select:
    """The active offerings matching the list filters, in the chosen order."""
    stmt = select(Offering).where(Offering.status == "active")
    if f.domain:
        stmt = stmt.where(
            exists().where(
                OfferingTag.offering_id == Offering.id,
                OfferingTag.kind == "domain",
                OfferingTag.code == f.domain,
            )
        )
    if f.task:
        stmt = stmt.where(
            exists().where(
                OfferingTag.offering_id == Offering.id, OfferingTag.kind == "task", OfferingTag.code == f.task
            )
        )
    if f.city:
        # No service cities means it serves all of Zhejiang.
        any_city = exists().where(OfferingTag.offering_id == Offering.id, OfferingTag.kind == "city")
        stmt = stmt.where(
            exists().where(
                OfferingTag.offering_id == Offering.id, OfferingTag.kind == "city", OfferingTag.code == f.city
            )
            | ~any_city
        )
    if f.mode:
        stmt = stmt.where(
            exists().where(OfferingMode.offering_id == Offering.id, OfferingMode.mode == f.mode)
        )
    if f.category:
        stmt = stmt.where(Offering.category == f.category)
    if f.verified:
        stmt = stmt.where(Offering.org_id.in_(select(Organization.id).where(Organization.verified)))
    if f.q:
        stmt = stmt.where(_text_filter(Offering, "offering", f.q))
    order = SORTS["offerings"].get(f.sort, SORTS["offerings"]["newest"])
    if f.sort in ("price_asc", "price_desc") and f.mode:
        price = (
            select(OfferingMode.price)
            .where(OfferingMode.offering_id == Offering.id, OfferingMode.mode == f.mode)
            .scalar_subquery()
        )
        order = (price.asc() if f.sort == "price_asc" else price.desc(), Offering.id.asc())
    return stmt.order_by(*order)


def org_demands(org_id: int, public_only: bool) -> Select:
    """An organization's demands, newest first (only open ones if `public_only`)."""
    stmt = select(Demand).where(Demand.org_id == org_id)
    if public_only:
        stmt = stmt.where(Demand.status == "open")
    return stmt.order_by(Demand.created_at.desc())


def org_offerings(org_id: int, public_only: bool) -> Select:
    """An organization's offerings, newest first (only active ones if `public_only`)."""
    stmt = select(Offering).where(Offering.org_id == org_id)
    if public_only:
        stmt = stmt.where(Offering.status == "active")
    return stmt.order_by(Offering.created_at.desc())


def counts_by_domain(session: Session) -> dict[str, dict[str, int]]:
    """Open demands and active offerings per domain code, for the home page."""
    demands = dict(
        session.execute(
            select(Demand.domain, func.count()).where(Demand.status == "open").group_by(Demand.domain)
        ).all()
    )
    offerings = dict(
        session.execute(
            select(OfferingTag.code, func.count())
            .join(Offering, Offering.id == OfferingTag.offering_id)
            .where(OfferingTag.kind == "domain", Offering.status == "active")
            .group_by(OfferingTag.code)
        ).all()
    )
    return {"demands": demands, "offerings": offerings}
