"""The document builder: one Whoosh document per visible record."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ..accounts.models import Organization
from ..listings.models import Demand, DemandTag, Offering, OfferingMode, OfferingTag
from . import readings
from .schema import key_of, parse_key

ANY = "any"  # no service cities: all of Zhejiang; no modes: any mode
# A demand's kind is kept in the category field with this prefix (the matcher
# filters on it; the category facet counts offerings only).
DEMAND_KIND_PREFIX = "kind-"


def _codes(codes) -> str:
    return " ".join(dict.fromkeys(codes))


def demand_document(d: Demand | SimpleNamespace) -> dict:
    said = readings.demand_reading(d)
    return {
        "key": key_of("demand", d.id),
        "kind": "demand",
        "rid": d.id,
        "title": d.title,
        "body": f"{d.description}\n{d.organization.name if d.organization else ''}",
        "domain": d.domain,
        "city": d.city,
        "mode": _codes(d.modes) or ANY,
        "category": f"{DEMAND_KIND_PREFIX}{d.kind or 'scenario'}",
        "task": _codes([*d.tasks, *said["tasks"]]),
        "part": _codes(said["parts"]),
        "env": _codes([*d.environments, *said["required"]]),
        "payload": float(d.payload_kg or said["payload"] or 0),
    }


def offering_document(o: Offering | SimpleNamespace) -> dict:
    said = readings.offering_reading(o)
    certs = " ".join(o.certifications or [])
    return {
        "key": key_of("offering", o.id),
        "kind": "offering",
        "rid": o.id,
        "title": o.title,
        "body": f"{o.description}\n{certs}\n{o.organization.name if o.organization else ''}",
        "domain": _codes(o.domains),
        "city": _codes(o.service_cities) or ANY,
        "mode": _codes(m["mode"] for m in o.modes),
        "category": o.category,
        "task": _codes([*o.tasks, *said["tasks"]]),
        "part": _codes(said["parts"]),
        "env": _codes(said["rated"]),
        "payload": float(o.payload_kg or said["payload"] or 0),
    }


def organization_document(org: Organization | Any) -> dict:
    return {
        "key": key_of("org", org.id),
        "kind": "org",
        "rid": org.id,
        "title": org.name,
        "body": org.description or "",
        "city": org.city,
    }


def document_for(record) -> dict | None:
    """The record's document, or None when it must not be in the index."""
    if isinstance(record, Organization):
        return organization_document(record)
    if not record.is_public:
        return None
    return demand_document(record) if isinstance(record, Demand) else offering_document(record)


def load(session: Session, keys: list[str]) -> tuple[list[dict], list[str]]:
    """Documents for `keys` as the database has them now, and the keys to delete
    (records gone, or no longer visible to everyone). Listings are read as rows,
    as `all_documents` reads them (an import asks for thousands at once)."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for key in keys:
        kind, record_id = parse_key(key)
        wanted[kind].append(record_id)
    docs, deletions = [], []
    org_ids = wanted.get("org")
    if org_ids:
        found = {r.id: r for r in session.scalars(select(Organization).where(Organization.id.in_(org_ids)))}
        for record_id in org_ids:
            org = found.get(record_id)
            if org is None:
                deletions.append(key_of("org", record_id))
            else:
                docs.append(organization_document(org))
    for kind, read in (("demand", _demand_documents), ("offering", _offering_documents)):
        ids = wanted.get(kind)
        if not ids:
            continue
        built: dict[int, dict] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            built.update(
                (doc["rid"], doc) for doc in read(session, lambda column, c=chunk: column.in_(c), None)
            )
        for record_id in ids:
            doc = built.get(record_id)
            if doc is None:
                deletions.append(key_of(kind, record_id))
            else:
                docs.append(doc)
    return docs, deletions


# ---------------------------------------------------------------- the whole database

_CHUNK = 2000


def _ranges(session: Session, model, size: int = _CHUNK) -> Iterator[tuple[int, int]]:
    ids = session.scalars(select(model.id).order_by(model.id)).all()
    for i in range(0, len(ids), size):
        yield ids[i], ids[min(i + size, len(ids)) - 1]


def _org_names(session: Session, model, where, orgs: dict[int, SimpleNamespace] | None) -> dict:
    """The organizations (their names) of the rows `where` selects, unless known."""
    if orgs is not None:
        return orgs
    rows = session.execute(
        select(Organization.id, Organization.name).where(
            Organization.id.in_(select(model.org_id).where(where(model.id)).distinct())
        )
    )
    return {org_id: SimpleNamespace(name=name) for org_id, name in rows}


def _demand_documents(session: Session, where, orgs: dict[int, SimpleNamespace] | None) -> Iterator[dict]:
    """Documents of the open demands whose id satisfies `where(column)`, read as rows."""
    orgs = _org_names(session, Demand, where, orgs)
    tags = defaultdict(list)
    for did, kind, code in session.execute(
        select(DemandTag.demand_id, DemandTag.kind, DemandTag.code)
        .where(where(DemandTag.demand_id))
        .order_by(DemandTag.demand_id, DemandTag.position)
    ):
        tags[(did, kind)].append(code)
    for row in session.execute(
        select(
            Demand.id,
            Demand.title,
            Demand.description,
            Demand.domain,
            Demand.city,
            Demand.kind,
            Demand.org_id,
            Demand.payload_kg,
            Demand.reading,
        )
        .where(where(Demand.id), Demand.status == "open")
        .order_by(Demand.id)
    ):
        yield demand_document(
            SimpleNamespace(
                id=row.id,
                title=row.title,
                description=row.description,
                domain=row.domain,
                city=row.city,
                kind=row.kind,
                organization=orgs.get(row.org_id),
                payload_kg=row.payload_kg,
                reading=row.reading,
                tasks=tags[(row.id, "task")],
                environments=tags[(row.id, "environment")],
                modes=tags[(row.id, "mode")],
            )
        )


def _offering_documents(session: Session, where, orgs: dict[int, SimpleNamespace] | None) -> Iterator[dict]:
    """Documents of the active offerings whose id satisfies `where(column)`, read as rows."""
    orgs = _org_names(session, Offering, where, orgs)
    tags, modes = defaultdict(list), defaultdict(list)
    for oid, kind, code in session.execute(
        select(OfferingTag.offering_id, OfferingTag.kind, OfferingTag.code)
        .where(where(OfferingTag.offering_id))
        .order_by(OfferingTag.offering_id, OfferingTag.position)
    ):
        tags[(oid, kind)].append(code)
    for oid, mode in session.execute(
        select(OfferingMode.offering_id, OfferingMode.mode)
        .where(where(OfferingMode.offering_id))
        .order_by(OfferingMode.offering_id, OfferingMode.position)
    ):
        modes[oid].append({"mode": mode})
    for row in session.execute(
        select(
            Offering.id,
            Offering.title,
            Offering.description,
            Offering.category,
            Offering.certifications,
            Offering.org_id,
            Offering.payload_kg,
            Offering.reading,
        )
        .where(where(Offering.id), Offering.status == "active")
        .order_by(Offering.id)
    ):
        yield offering_document(
            SimpleNamespace(
                id=row.id,
                title=row.title,
                description=row.description,
                category=row.category,
                certifications=row.certifications or [],
                organization=orgs.get(row.org_id),
                payload_kg=row.payload_kg,
                reading=row.reading,
                domains=tags[(row.id, "domain")],
                tasks=tags[(row.id, "task")],
                environments=tags[(row.id, "environment")],
                service_cities=tags[(row.id, "city")],
                modes=modes[row.id],
            )
        )


def _organizations(session: Session) -> tuple[list, dict[int, SimpleNamespace]]:
    """Every organization's row, and its name by id for the listings' documents."""
    rows = list(
        session.execute(
            select(Organization.id, Organization.name, Organization.description, Organization.city).order_by(
                Organization.id
            )
        )
    )
    return rows, {org.id: SimpleNamespace(name=org.name) for org in rows}


def _documents_of(session: Session, item: tuple[str, int, int], orgs: dict) -> Iterator[dict]:
    """The documents of one piece of work: ("demand" | "offering", lowest id, highest id)."""
    kind, low, high = item
    read = _demand_documents if kind == "demand" else _offering_documents
    yield from read(session, lambda column: column.between(low, high), orgs)


def _work(session: Session, size: int) -> list[tuple[str, int, int]]:
    """The listings in pieces of `size` ids, demands first."""
    return [
        (kind, low, high)
        for kind, model in (("demand", Demand), ("offering", Offering))
        for low, high in _ranges(session, model, size)
    ]


def all_documents(session: Session) -> Iterator[dict]:
    """Every document, read with plain SQL in chunks.

    A full reindex reads 100,000 listings: building ORM objects with their tag
    collections would take longer than indexing them, so rows are read as tuples
    and shaped into the few attributes the document builder reads."""
    rows, orgs = _organizations(session)
    yield from map(organization_document, rows)
    for item in _work(session, _CHUNK):
        yield from _documents_of(session, item, orgs)


# Pieces the indexing processes take turns at: small enough that they all finish
# within one piece of each other, large enough that the queries per piece are few.
_SHARE_CHUNK = 500


def shares_for(session: Session, parts: int) -> list[Callable[[], Iterator[dict]]] | None:
    """The `shares` a rebuild reading through `session` splits over `parts`
    processes, or None (one process): with one part, or when the session is bound
    to a connection (a transaction the forked processes could not see)."""
    if parts <= 1 or not isinstance(session.bind, Engine):
        return None
    return shares(session.bind, parts)


def shares(engine: Engine, parts: int) -> list[Callable[[], Iterator[dict]]]:
    """`parts` sources of documents for indexing processes forked from this one.
    Each takes the next piece of the listings (`_work`) from a counter they share
    until none is left, so they finish together whatever the pieces hold; the
    first also takes the organizations. Each reads over its own connection (never
    one inherited from the parent)."""
    import multiprocessing

    with Session(engine) as session:
        work = _work(session, _SHARE_CHUNK)
    taken = multiprocessing.get_context("fork").Value("q", 0)

    def read(part: int) -> Iterator[dict]:
        engine.dispose(close=False)  # the parent's pooled connections stay the parent's
        with Session(engine) as session:
            rows, orgs = _organizations(session)
            if part == 0:
                yield from map(organization_document, rows)
            while True:
                with taken.get_lock():
                    n = taken.value
                    taken.value = n + 1
                if n >= len(work):
                    return
                yield from _documents_of(session, work[n], orgs)

    return [functools.partial(read, part) for part in range(parts)]


def expected_keys(session: Session) -> set[str]:
    """Keys the index must hold: every organization, open demand and active offering."""
    keys = {key_of("org", i) for i in session.scalars(select(Organization.id))}
    keys |= {key_of("demand", i) for i in session.scalars(select(Demand.id).where(Demand.status == "open"))}
    keys |= {
        key_of("offering", i) for i in session.scalars(select(Offering.id).where(Offering.status == "active"))
    }
    return keys
