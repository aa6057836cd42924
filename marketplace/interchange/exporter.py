"""Export everything in the interchange format; `import-data` reads it back to the
same state. Also the per-record shape used by the API."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.models import Organization
from ..listings.models import Demand, Offering
from .validate import FORMAT


def _num(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return int(value) if float(value).is_integer() else value


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def organization_dict(org: Organization) -> dict:
    """An organization in the interchange format (spec/interchange.md)."""
    return _drop_none(
        {
            "ref": org.ref,
            "name": org.name,
            "side": org.side,
            "city": org.city,
            "credit_code": org.credit_code,
            "description": org.description or None,
            "website": org.website or None,
            "contact": org.contact,
            "verified": org.verified,
        }
    )


def demand_dict(d: Demand) -> dict:
    """A demand in the interchange format (spec/interchange.md)."""
    return _drop_none(
        {
            "ref": d.ref,
            "org": d.organization.ref,
            "kind": d.kind,
            "title": d.title,
            "description": d.description,
            "domain": d.domain,
            "tasks": d.tasks,
            "environments": d.environments,
            "payload_kg": _num(d.payload_kg),
            "quantity": d.quantity,
            "modes": d.modes,
            "budget": {m: _num(a) for m, a in d.budget.items()},
            "city": d.city,
            "needed_by": d.needed_by.isoformat() if d.needed_by else None,
            "period_months": d.period_months,
            "hours_per_month": _num(d.hours_per_month),
            "status": d.status,
        }
    )


def offering_dict(o: Offering) -> dict:
    """An offering in the interchange format (spec/interchange.md)."""
    return _drop_none(
        {
            "ref": o.ref,
            "org": o.organization.ref,
            "category": o.category,
            "title": o.title,
            "description": o.description,
            "domains": o.domains,
            "tasks": o.tasks,
            "environments": o.environments,
            "payload_kg": _num(o.payload_kg),
            "units_available": o.units_available,
            "service_cities": o.service_cities,
            "modes": [{"mode": m["mode"], "price": _num(m["price"])} for m in o.modes],
            "certifications": list(o.certifications or []),
            "first_of_kind": o.first_of_kind,
            "status": o.status,
        }
    )


def export_data(session: Session) -> dict:
    """The whole marketplace as one interchange document, records in id order."""
    return {
        "format": FORMAT,
        "organizations": [
            organization_dict(o) for o in session.scalars(select(Organization).order_by(Organization.id))
        ],
        "demands": [demand_dict(d) for d in session.scalars(select(Demand).order_by(Demand.id))],
        "offerings": [offering_dict(o) for o in session.scalars(select(Offering).order_by(Offering.id))],
    }
