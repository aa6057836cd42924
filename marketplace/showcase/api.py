"""GET /api/v1/showcase: the public showcase (spec/interchange.md)."""

from __future__ import annotations

from flask import jsonify, request, url_for
from flask_babel import gettext as _

from ..api import bp, openapi
from ..api.auth import api_user
from ..db import get_session
from ..errors import ValidationFailed
from . import services
from .views import filters_from


def showcase_dict(pilot, photos) -> dict:
    def org(o) -> dict:
        return {"ref": o.ref, "name": o.name, "verified": o.verified}

    data = {
        "id": pilot.id,
        "ref": pilot.ref,
        "title": pilot.title,
        "state": pilot.state,
        "domain": pilot.demand.domain,
        "city": pilot.demand.city,
        "demand_org": org(pilot.demand_org),
        "offering_org": org(pilot.offering_org),
        "offering": pilot.offering.ref,
        "start_date": pilot.start_date.isoformat() if pilot.start_date else None,
        "end_date": pilot.end_date.isoformat() if pilot.end_date else None,
        "expected": {
            "hours": pilot.expected_hours,
            "manual_share": pilot.expected_manual_share,
            "incidents_avoided": pilot.expected_incidents_avoided,
        },
        "outcome": None,
        "photos": [url_for("attachments.serve", att_id=a.id, _external=True) for a in photos],
    }
    if pilot.state == "completed":
        data["outcome"] = {
            "hours": pilot.outcome_hours,
            "manual_share": pilot.outcome_manual_share,
            "incidents_avoided": pilot.outcome_incidents_avoided,
            "summary": pilot.outcome_summary,
        }
    return data


@bp.get("/showcase")
def showcase():
    api_user()  # a bad token is refused even here
    fields = {}
    for key in ("domain", "city"):
        value = request.args.get(key)
        if value and not getattr(filters_from({key: value}), key):
            fields[key] = _("unknown code: %(code)s", code=value)
    raw = request.args.get("page", "1")
    if not (raw.isdigit() and 0 < len(raw) < 7 and int(raw) > 0):
        fields["page"] = _("must be a whole number from 1")
    if fields:
        raise ValidationFailed(_("Please correct the marked fields."), fields)
    db = get_session()
    page = services.showcase_page(db, filters_from(request.args), int(raw), 50)
    pics = services.pictures(db, page.items)
    return jsonify(
        {
            "items": [showcase_dict(p, pics.of(p)) for p in page.items],
            "page": page.page,
            "per_page": page.per_page,
            "total": page.total,
            "pages": page.pages,
        }
    )


def describe(doc: openapi.Builder) -> None:
    """This feature's endpoints in the OpenAPI document (built on request)."""
    doc.add_paths(
        {
            "/showcase": {
                "get": {
                    "tags": ["showcase"],
                    "summary": "The public showcase of demonstration pilots (示范案例)",
                    "description": "Public: approved, running and completed pilots only, newest first, 50 a page, "
                    "with domain, city, both organizations, period, photos and, for completed ones, the "
                    "outcome figures beside what was expected.",
                    "parameters": [
                        openapi.query_param("domain", {"type": "string"}),
                        openapi.query_param("city", {"type": "string"}),
                        openapi.query_param("page", {"type": "integer", "minimum": 1}),
                    ],
                    "responses": {
                        "200": openapi.json_response(
                            "One page of showcased pilots",
                            {
                                "type": "object",
                                "properties": {
                                    "items": {"type": "array", "items": openapi.ref("ShowcasePilot")},
                                    "page": {"type": "integer"},
                                    "per_page": {"type": "integer"},
                                    "total": {"type": "integer"},
                                    "pages": {"type": "integer"},
                                },
                            },
                        ),
                        **openapi.errors(400),
                    },
                }
            }
        },
        schemas={
            "ShowcasePilot": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "ref": {"type": "string"},
                    "title": {"type": "string"},
                    "state": {"type": "string", "enum": list(services.SHOWN_STATES)},
                    "domain": {"type": "string"},
                    "city": {"type": "string"},
                    "demand_org": {"type": "object"},
                    "offering_org": {"type": "object"},
                    "offering": {"type": "string"},
                    "start_date": {"type": "string", "format": "date", "nullable": True},
                    "end_date": {"type": "string", "format": "date", "nullable": True},
                    "expected": {"type": "object"},
                    "outcome": {"type": "object", "nullable": True},
                    "photos": {"type": "array", "items": {"type": "string"}},
                },
            }
        },
    )
