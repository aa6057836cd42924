"""/api/v1/pilots: propose, read with history, and run workflow transitions
(spec/interchange.md). The same services as the web pages."""

from __future__ import annotations

from typing import Any

from flask import jsonify, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..api import bp, openapi
from ..api.auth import json_body, require_user, token_required
from ..db import begin_write, get_session
from ..errors import NotAllowed, ValidationFailed
from ..listings.models import Demand, Offering
from . import services, workflow
from .models import Pilot


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def pilot_dict(pilot: Pilot, user=None) -> dict:
    """A pilot in the API's shape, with its history and milestones."""
    data = {
        "id": pilot.id,
        "ref": pilot.ref,
        "state": pilot.state,
        "demand": pilot.demand.ref,
        "offering": pilot.offering.ref,
        "demand_org": pilot.demand_org.ref,
        "offering_org": pilot.offering_org.ref,
        "proposer_org": pilot.proposer_org.ref,
        "confirmed": pilot.confirmed,
        "confirmed_at": _iso(pilot.confirmed_at),
        "title": pilot.title,
        "site": pilot.site,
        "plan": pilot.plan,
        "schedule": pilot.schedule,
        "start_date": _iso(pilot.start_date),
        "end_date": _iso(pilot.end_date),
        "mode": pilot.mode,
        "price": float(pilot.price) if pilot.price is not None else None,
        "quantity": pilot.quantity,
        "expected_outcomes": pilot.expected_outcomes,
        "expected_hours": pilot.expected_hours,
        "expected_manual_share": pilot.expected_manual_share,
        "expected_incidents_avoided": pilot.expected_incidents_avoided,
        "outcome": None,
        "requested_document": pilot.requested_document if pilot.state == "changes_requested" else None,
        "created_at": pilot.created_at.isoformat() + "Z",
        "updated_at": pilot.updated_at.isoformat() + "Z",
        "history": [
            {
                "action": e.action,
                "from": e.from_state,
                "to": e.to_state,
                "by": e.actor_name,
                "org": e.actor_org,
                "role": e.actor_role,
                "at": e.created_at.isoformat() + "Z",
                "comment": e.comment,
            }
            for e in pilot.events
        ],
        "milestones": [
            {"title": ms.title, "reached_on": _iso(ms.reached_on), "note": ms.note, "by": ms.author_name}
            for ms in pilot.milestones
        ],
    }
    if pilot.state == "completed":
        data["outcome"] = {
            "hours": pilot.outcome_hours,
            "manual_share": pilot.outcome_manual_share,
            "incidents_avoided": pilot.outcome_incidents_avoided,
            "summary": pilot.outcome_summary,
        }
    if user is not None:
        data["actions"] = pilot.available_actions(user)
    return data


@bp.post("/pilots")
@token_required
def create_pilot():
    user = require_user()
    if user.role != "member" or user.org_id is None:
        raise NotAllowed(_("Only members of the need's or the offering's organization can propose a pilot."))
    body = json_body()
    session = get_session()
    problems = {}
    refs = {}
    model: Any  # Demand or Offering
    for key, model in (("demand", Demand), ("offering", Offering)):
        raw = body.get(key)
        if not isinstance(raw, str) or not raw:
            problems[key] = _("is required")
            continue
        record = session.scalar(select(model).where(model.ref == raw[:80]))
        # A record the caller may not see is as unknown as one that does not exist.
        if record is None or not (record.is_public or user.belongs_to(record.org_id)):
            problems[key] = _("No such record, or you cannot see it.")
        else:
            refs[key] = record
    if problems:
        raise ValidationFailed(_("Please correct the marked fields."), problems)
    values = {k: v for k, v in body.items() if k in services.FIELDS}
    pilot = services.propose(session, user, refs["demand"], refs["offering"], values)
    session.commit()
    response = jsonify(pilot_dict(pilot, user))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_pilot", pilot_id=pilot.id)
    return response


@bp.get("/pilots/<int:pilot_id>")
@token_required
def get_pilot(pilot_id: int):
    user = require_user()
    pilot = services.visible_pilot(get_session(), user, pilot_id)
    return jsonify(pilot_dict(pilot, user))


@bp.post("/pilots/<int:pilot_id>/transitions")
@token_required
def pilot_transition(pilot_id: int):
    user = require_user()
    body = json_body()
    session = get_session()
    session.commit()  # the token lookup's read transaction ends; the next one holds the write lock
    begin_write(session)
    pilot = services.visible_pilot(session, user, pilot_id)
    action = body.get("action")
    if not isinstance(action, str) or action not in workflow.ACTIONS:
        raise ValidationFailed(
            _("Unknown action."),
            {"action": _("must be one of: %(choices)s", choices=", ".join(workflow.ACTIONS))},
        )
    comment = body.get("comment") or ""
    if not isinstance(comment, str):
        raise ValidationFailed(_("Please correct the marked fields."), {"comment": _("must be a string")})
    outcome = body.get("outcome")
    if outcome is None:  # the figures may also come as top-level outcome_* keys
        outcome = {k: body[k] for k in services.OUTCOME_FIELDS if k in body}
    elif isinstance(outcome, dict):
        outcome = {(k if k.startswith("outcome_") else f"outcome_{k}"): v for k, v in outcome.items()}
    else:
        raise ValidationFailed(_("Please correct the marked fields."), {"outcome": _("must be an object")})
    document = body.get("document")
    if document is not None and (
        not isinstance(document, str)
        or action != "request_changes"
        or document not in services.DOCUMENT_TYPES
    ):
        raise ValidationFailed(
            _("Please correct the marked fields."),
            {
                "document": _(
                    "must be one of: %(codes)s (with request_changes only)",
                    codes=", ".join(services.DOCUMENT_TYPES),
                )
            },
        )
    services.transition(session, pilot, user, action, comment, outcome=outcome)
    if action == "request_changes":
        services.ask_for_document(pilot, document)
    session.commit()
    session.refresh(pilot)
    return jsonify(pilot_dict(pilot, user))


# ---------------------------------------------------------------- OpenAPI

_STATE = {"type": "string", "enum": list(workflow.STATES)}
_EVENT = {
    "type": "object",
    "properties": {
        "action": {"type": "string"},
        "from": {"type": "string", "nullable": True},
        "to": _STATE,
        "by": {"type": "string", "description": "Who acted (name)"},
        "org": {"type": "string", "description": "Their organization's name (empty for officials)"},
        "role": {"type": "string"},
        "at": {"type": "string", "format": "date-time"},
        "comment": {"type": "string"},
    },
}
_FIELDS = {
    "title": {"type": "string", "maxLength": 200},
    "site": {"type": "string", "maxLength": 300},
    "plan": {"type": "string", "maxLength": 10000, "description": "Plan of work"},
    "schedule": {"type": "string", "maxLength": 5000},
    "start_date": {"type": "string", "format": "date", "nullable": True},
    "end_date": {"type": "string", "format": "date", "nullable": True},
    "mode": {
        "type": "string",
        "enum": ["purchase", "lease", "sharing", "raas"],
        "description": "Way to acquire; one the offering is listed with. Default: the first "
        "of the demand's modes the offering has.",
    },
    "price": {
        "type": "number",
        "minimum": 0,
        "nullable": True,
        "description": "In the mode's price unit; default: the offering's price",
    },
    "quantity": {"type": "integer", "minimum": 1, "description": "Default: the demand's quantity"},
    "expected_outcomes": {"type": "string", "maxLength": 5000},
    "expected_hours": {"type": "integer", "minimum": 0, "nullable": True},
    "expected_manual_share": {
        "type": "integer",
        "minimum": 0,
        "maximum": 100,
        "nullable": True,
        "description": "Share of manual work replaced, percent",
    },
    "expected_incidents_avoided": {"type": "integer", "minimum": 0, "nullable": True},
}
_SCHEMAS = {
    "PilotProposal": {
        "type": "object",
        "required": ["demand", "offering", "title", "plan"],
        "properties": {
            "demand": {"type": "string", "description": "The demand's ref"},
            "offering": {"type": "string", "description": "The offering's ref"},
            **_FIELDS,
        },
    },
    "Pilot": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "ref": {"type": "string"},
            "state": _STATE,
            "demand": {"type": "string"},
            "offering": {"type": "string"},
            "demand_org": {"type": "string"},
            "offering_org": {"type": "string"},
            "proposer_org": {"type": "string"},
            "confirmed": {"type": "boolean", "description": "The other organization joined (联合申报)"},
            "confirmed_at": {"type": "string", "format": "date-time", "nullable": True},
            **_FIELDS,
            "outcome": {
                "type": "object",
                "nullable": True,
                "properties": {
                    "hours": {"type": "integer"},
                    "manual_share": {"type": "integer", "nullable": True},
                    "incidents_avoided": {"type": "integer", "nullable": True},
                    "summary": {"type": "string"},
                },
            },
            "history": {"type": "array", "items": _EVENT},
            "milestones": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "title": {"type": "string"},
                        "reached_on": {"type": "string", "format": "date"},
                        "note": {"type": "string"},
                        "by": {"type": "string"},
                    },
                },
            },
            "actions": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Actions the caller can take now",
            },
        },
    },
    "PilotTransition": {
        "type": "object",
        "required": ["action"],
        "properties": {
            "action": {"type": "string", "enum": list(workflow.ACTIONS)},
            "comment": {
                "type": "string",
                "maxLength": 5000,
                "description": "Required for reject, request_changes, terminate and complete "
                "(the acceptance opinion); the applicants see it.",
            },
            "document": {
                "type": "string",
                "enum": list(services.DOCUMENT_TYPES),
                "description": "For request_changes: a document the applicants are asked to attach",
            },
            "outcome": {
                "type": "object",
                "description": "For complete: the outcome figures",
                "required": ["hours"],
                "properties": {
                    "hours": {"type": "integer", "minimum": 0},
                    "manual_share": {"type": "integer", "minimum": 0, "maximum": 100},
                    "incidents_avoided": {"type": "integer", "minimum": 0},
                },
            },
        },
    },
}
_TABLE = "\n".join(
    f"| {t.state} | {t.action} | {', '.join(sorted(t.parties))} | {t.next_state} |"
    for t in workflow.TRANSITIONS
)


def describe(doc: openapi.Builder) -> None:
    """This feature's endpoints in the OpenAPI document (built on request)."""
    doc.add_paths(
        {
            "/pilots": {
                "post": {
                    "tags": ["pilots"],
                    "summary": "Propose a demonstration pilot for a demand and an offering",
                    "description": "Only members of the demand's or the offering's organization. The pilot starts as "
                    "a draft; the other organization confirms it (action `confirm`) before it can be "
                    "submitted.",
                    "security": [{"bearerAuth": []}],
                    "requestBody": openapi.json_body(openapi.ref("PilotProposal")),
                    "responses": {
                        "201": openapi.json_response("The new pilot (state `draft`)", openapi.ref("Pilot")),
                        **openapi.errors(400, 401, 403, 409),
                    },
                }
            },
            "/pilots/{pilot_id}": {
                "get": {
                    "tags": ["pilots"],
                    "summary": "One pilot with its state and history",
                    "description": "Visible to the members of its two organizations and to officials.",
                    "security": [{"bearerAuth": []}],
                    "parameters": [openapi.path_param("pilot_id", "integer")],
                    "responses": {
                        "200": openapi.json_response("The pilot", openapi.ref("Pilot")),
                        **openapi.errors(401, 404),
                    },
                }
            },
            "/pilots/{pilot_id}/transitions": {
                "post": {
                    "tags": ["pilots"],
                    "summary": "Take a workflow action on a pilot",
                    "description": "The workflow table (state | action | who | next state):\n\n"
                    "| state | action | who | next |\n|---|---|---|---|\n" + _TABLE + "\n\n"
                    "`applicant` is a member of either organization, `partner` of the one that did "
                    "not propose, `official` an official who belongs to neither. 409 when the state "
                    "does not allow the action (or two officials act at once and the other was "
                    "first); 403 when the account may not take it.",
                    "security": [{"bearerAuth": []}],
                    "parameters": [openapi.path_param("pilot_id", "integer")],
                    "requestBody": openapi.json_body(openapi.ref("PilotTransition")),
                    "responses": {
                        "200": openapi.json_response("The pilot after the transition", openapi.ref("Pilot")),
                        **openapi.errors(400, 401, 403, 404, 409),
                    },
                }
            },
        },
        schemas=_SCHEMAS,
    )
