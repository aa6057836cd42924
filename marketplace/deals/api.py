"""/api/v1: leads, invitations, responses (sealed), transitions, messages and the
comparison (spec/interchange.md). The same services as the web pages."""

from __future__ import annotations

from flask import jsonify, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from .. import taxonomy
from ..accounts.access import ensure_visible
from ..api import bp, openapi
from ..api.auth import json_body, require_user, token_required
from ..db import begin_write, get_session
from ..errors import NotFoundError, ValidationFailed
from ..i18n import current_lang
from ..listings.models import Demand, Offering
from . import services, workflow
from .models import DealResponse


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def response_dict(response: DealResponse, user=None, full: bool = True) -> dict:
    """A response in the API's shape; with `full`, its history and earlier prices."""
    data = {
        "id": response.id,
        "state": response.state,
        "demand": response.demand.ref,
        "offering": response.offering.ref,
        "demand_org": response.demand_org.ref,
        "vendor_org": response.vendor_org.ref,
        "mode": response.mode,
        "price": float(response.price),
        "units": response.units,
        "start": _iso(response.start_date),
        "valid_until": _iso(response.valid_until),
        "includes": list(response.includes or []),
        "message": response.message,
        "created_at": response.created_at.isoformat() + "Z",
        "updated_at": response.updated_at.isoformat() + "Z",
    }
    if full:
        data["prices"] = [
            {"price": float(e.price), "units": e.units, "at": e.created_at.isoformat() + "Z"}  # type: ignore[arg-type]
            for e in response.price_history
        ]
        data["history"] = [
            {
                "action": e.action,
                "from": e.from_state,
                "to": e.to_state,
                "by": e.actor_name,
                "org": e.actor_org,
                "at": e.created_at.isoformat() + "Z",
                "comment": e.comment,
                "price": float(e.price) if e.price is not None else None,
            }
            for e in response.events
        ]
    if user is not None:
        data["actions"] = response.available_actions(user)
    return data


def _demand(ref: str) -> Demand:
    db = get_session()
    demand = db.scalar(select(Demand).where(Demand.ref == ref[:80]))
    if demand is None:
        raise NotFoundError()
    return demand


def _fresh(db, demand_id: int | None = None) -> None:
    """Lapsed quotes expire before anyone reads them (writes only when some are due)."""
    if services.due_count(db, demand_id):
        services.expire_due(db, demand_id=demand_id)
        db.commit()


@bp.get("/leads")
@token_required
def get_leads():
    user = require_user()
    args, fields = request.args, {}
    f = services.LeadFilters()
    for param, vocabulary in (("domain", "domains"), ("city", "cities"), ("mode", "modes")):
        value = args.get(param)
        if value:
            if taxonomy.is_code(vocabulary, value):
                setattr(f, param, value)
            else:
                fields[param] = _("unknown code")
    if fields:
        raise ValidationFailed(_("Some query parameters are not valid."), fields)
    lang = current_lang()
    found = services.leads(get_session(), user, f)
    return jsonify({"leads": [lead.as_dict(lang) for lead in found], "total": len(found)})


@bp.post("/demands/<ref>/invitations")
@token_required
def invite(ref: str):
    user = require_user()
    body = json_body()
    db = get_session()
    demand = _demand(ref)
    ensure_visible(user, demand)
    services.check_invite(user, demand)
    raw = body.get("offerings")
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw) or len(raw) > 50:
        raise ValidationFailed(
            _("Please correct the marked fields."), {"offerings": _("Give a list of offering refs.")}
        )
    offerings = list(db.scalars(select(Offering).where(Offering.ref.in_([x[:80] for x in raw]))))
    unknown = sorted(set(raw) - {o.ref for o in offerings})
    if unknown:
        raise ValidationFailed(
            _("Please correct the marked fields."),
            {"offerings": _("Unknown: %(refs)s", refs=", ".join(unknown))},
        )
    made = services.invite(db, user, demand, offerings)
    db.commit()
    invited = services.invited_offering_ids(db, demand)
    response = jsonify(
        {
            "demand": demand.ref,
            "invited": [o.ref for o in offerings if o.id in invited],
            "new": len(made),
        }
    )
    response.status_code = 201
    return response


@bp.post("/demands/<ref>/responses")
@token_required
def create_response(ref: str):
    user = require_user()
    body = json_body()
    db = get_session()
    demand = _demand(ref)
    if demand.status == "draft" and not services.is_member(user, demand.org_id):
        raise NotFoundError()
    raw = body.get("offering")
    if not isinstance(raw, str) or not raw:
        raise ValidationFailed(
            _("Please correct the marked fields."), {"offering": _("Choose one of your offerings.")}
        )
    offering = db.scalar(select(Offering).where(Offering.ref == raw[:80]))
    if offering is None or not (offering.is_public or services.is_member(user, offering.org_id)):
        raise ValidationFailed(
            _("Please correct the marked fields."), {"offering": _("No such offering of your organization.")}
        )
    values = {k: body[k] for k in services.QUOTE_FIELDS if k in body}
    created = services.respond(db, user, demand, offering, body.get("mode"), values)
    db.commit()
    response = jsonify(response_dict(created, user))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_response", response_id=created.id)
    return response


@bp.get("/demands/<ref>/responses")
@token_required
def list_responses(ref: str):
    user = require_user()
    db = get_session()
    demand = _demand(ref)
    if demand.status == "draft" and not services.is_member(user, demand.org_id):
        raise NotFoundError()
    services.responses_for(db, user, demand)  # 404 for outsiders before any write
    _fresh(db, demand.id)
    found = services.responses_for(db, user, demand)
    return jsonify({"demand": demand.ref, "responses": [response_dict(r, user, full=False) for r in found]})


@bp.get("/responses/<int:response_id>")
@token_required
def get_response(response_id: int):
    user = require_user()
    db = get_session()
    response = services.visible_response(db, user, response_id)
    _fresh(db, response.demand_id)
    return jsonify(response_dict(response, user))


@bp.patch("/responses/<int:response_id>")
@token_required
def revise_response(response_id: int):
    user = require_user()
    body = json_body()
    db = get_session()
    response = services.visible_response(db, user, response_id)
    services.revise(db, user, response, body)
    db.commit()
    return jsonify(response_dict(response, user))


@bp.post("/responses/<int:response_id>/transitions")
@token_required
def response_transition(response_id: int):
    user = require_user()
    body = json_body()
    db = get_session()
    db.commit()  # the token lookup's read transaction ends; the next one holds the write lock
    begin_write(db)
    response = services.visible_response(db, user, response_id)
    action = body.get("action")
    if not isinstance(action, str) or action not in workflow.USER_ACTIONS:
        raise ValidationFailed(
            _("Unknown action."), {"action": "must be one of " + ", ".join(workflow.USER_ACTIONS)}
        )
    comment = body.get("comment") or ""
    if not isinstance(comment, str):
        raise ValidationFailed(_("Please correct the marked fields."), {"comment": "must be text"})
    services.transition(db, response, user, action, comment)
    db.commit()
    db.refresh(response)
    return jsonify(response_dict(response, user))


def _message_dict(m) -> dict:
    return {
        "id": m.id,
        "body": m.body,
        "by": m.author_name,
        "org": m.author_org.ref if m.author_org else None,
        "at": m.created_at.isoformat() + "Z",
    }


@bp.get("/responses/<int:response_id>/messages")
@token_required
def list_messages(response_id: int):
    user = require_user()
    response = services.visible_response(get_session(), user, response_id)
    return jsonify({"response": response.id, "messages": [_message_dict(m) for m in response.messages]})


@bp.post("/responses/<int:response_id>/messages")
@token_required
def post_message(response_id: int):
    user = require_user()
    body = json_body()
    db = get_session()
    response = services.visible_response(db, user, response_id)
    message = services.post_message(db, user, response, body.get("body"))
    db.commit()
    result = jsonify(_message_dict(message))
    result.status_code = 201
    return result


@bp.get("/demands/<ref>/comparison")
@token_required
def get_comparison(ref: str):
    user = require_user()
    db = get_session()
    demand = _demand(ref)
    if not services.may_compare(user, demand):
        raise NotFoundError()
    months, hours = services.parse_period(
        request.args.get("months"), request.args.get("hours_per_month"), demand
    )
    result = services.comparison(db, user, demand, months, hours)
    return jsonify(result.as_dict(current_lang()))


# ---------------------------------------------------------------- OpenAPI

_STATE = {"type": "string", "enum": list(workflow.STATES)}
_QUOTE = {
    "price": {
        "type": "number",
        "minimum": 0,
        "exclusiveMinimum": True,
        "description": "In the mode's price unit",
    },
    "units": {"type": "integer", "minimum": 1},
    "start": {"type": "string", "format": "date", "nullable": True, "description": "Earliest start"},
    "valid_until": {
        "type": "string",
        "format": "date",
        "description": "Until when the quote holds (not in the past)",
    },
    "includes": {
        "type": "array",
        "items": {"type": "string"},
        "description": "e.g. operator, transport, training, maintenance, insurance",
    },
    "message": {"type": "string", "maxLength": services.MESSAGE_MAX},
}
_TABLE = "\n".join(
    f"| {t.state} | {t.action} | {', '.join(sorted(t.parties))} | {t.next_state} |"
    for t in workflow.TRANSITIONS
)
_SCHEMAS = {
    "Lead": {
        "type": "object",
        "properties": {
            "demand": {"type": "string"},
            "title": {"type": "string"},
            "offering": {
                "type": "string",
                "description": "The organization's offering that fits it best (or was invited)",
            },
            "score": {"type": "integer"},
            "reasons": {"type": "array", "items": {"type": "string"}},
            "invited": {"type": "boolean"},
            "new": {"type": "boolean", "description": f"Posted in the last {services.NEW_LEAD_DAYS} days"},
            "domain": {"type": "string"},
            "city": {"type": "string"},
            "response": {
                "type": "integer",
                "nullable": True,
                "description": "The organization's response to it, if any",
            },
        },
    },
    "Invitations": {
        "type": "object",
        "required": ["offerings"],
        "properties": {"offerings": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
    },
    "ResponseNew": {
        "type": "object",
        "required": ["offering", "mode", "price", "units", "valid_until"],
        "properties": {
            "offering": {"type": "string"},
            "mode": {"type": "string", "enum": list(services.costs.MODES)},
            **_QUOTE,
        },
    },
    "ResponseRevision": {"type": "object", "properties": _QUOTE},
    "DealResponse": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "state": _STATE,
            "demand": {"type": "string"},
            "offering": {"type": "string"},
            "demand_org": {"type": "string"},
            "vendor_org": {"type": "string"},
            "mode": {"type": "string"},
            **_QUOTE,
            "prices": {
                "type": "array",
                "items": {"type": "object"},
                "description": "Every quoted price, oldest first",
            },
            "history": {"type": "array", "items": {"type": "object"}},
            "actions": {"type": "array", "items": {"type": "string"}},
        },
    },
    "ResponseTransition": {
        "type": "object",
        "required": ["action"],
        "properties": {
            "action": {"type": "string", "enum": list(workflow.USER_ACTIONS)},
            "comment": {
                "type": "string",
                "maxLength": services.MESSAGE_MAX,
                "description": "Required for decline",
            },
        },
    },
    "Message": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "body": {"type": "string", "maxLength": services.MESSAGE_MAX},
            "by": {"type": "string"},
            "org": {"type": "string"},
            "at": {"type": "string", "format": "date-time"},
        },
    },
    "Comparison": {
        "type": "object",
        "properties": {
            "demand": {"type": "string"},
            "months": {"type": "integer"},
            "hours_per_month": {"type": "number"},
            "units": {"type": "integer"},
            "rows": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "offering": {"type": "string"},
                        "mode": {"type": "string"},
                        "unit_price": {"type": "number"},
                        "units": {"type": "integer"},
                        "total": {"type": "number"},
                        "per_month": {"type": "number"},
                        "cheapest": {"type": "boolean"},
                        "score": {"type": "integer"},
                        "source": {"type": "string", "enum": ["response", "list"]},
                        "response": {"type": "integer", "nullable": True},
                    },
                },
            },
            "break_even": {
                "type": "object",
                "description": "Per offering ref listed both for purchase and lease: the months after which "
                "buying costs less than leasing (purchase price / monthly lease price), and whether that is "
                "within the period",
                "additionalProperties": {
                    "type": "object",
                    "properties": {"months": {"type": "number"}, "buying_cheaper": {"type": "boolean"}},
                },
            },
        },
    },
}
_ID = openapi.path_param("response_id", "integer")
_REF = openapi.path_param("ref")
_AUTH: list[dict[str, list[str]]] = [{"bearerAuth": []}]


def describe(doc: openapi.Builder) -> None:
    """This feature's endpoints in the OpenAPI document (built on request)."""
    doc.add_paths(
        {
            "/leads": {
                "get": {
                    "tags": ["deals"],
                    "summary": "A vendor's leads (商机): open demands fitting its active offerings",
                    "description": "Best first, invited ones on top. Filters: domain, city, mode.",
                    "security": _AUTH,
                    "parameters": [
                        openapi.query_param("domain", {"type": "string"}),
                        openapi.query_param("city", {"type": "string"}),
                        openapi.query_param("mode", {"type": "string"}),
                    ],
                    "responses": {
                        "200": openapi.json_response(
                            "The leads",
                            {
                                "type": "object",
                                "properties": {
                                    "leads": {"type": "array", "items": openapi.ref("Lead")},
                                    "total": {"type": "integer"},
                                },
                            },
                        ),
                        **openapi.errors(400, 401, 403),
                    },
                }
            },
            "/demands/{ref}/invitations": {
                "post": {
                    "tags": ["deals"],
                    "summary": "Invite offerings' vendors to respond (邀请响应)",
                    "description": "Only members of the demand's organization; the vendors are notified.",
                    "security": _AUTH,
                    "parameters": [_REF],
                    "requestBody": openapi.json_body(openapi.ref("Invitations")),
                    "responses": {
                        "201": openapi.json_response("Invited", {"type": "object"}),
                        **openapi.errors(400, 401, 403, 404, 409),
                    },
                }
            },
            "/demands/{ref}/responses": {
                "post": {
                    "tags": ["deals"],
                    "summary": "Respond to an open demand with a quote (响应报价)",
                    "description": "A member of the offering's organization. 409 when the demand is not open or the "
                    "offering already has a live response to it.",
                    "security": _AUTH,
                    "parameters": [_REF],
                    "requestBody": openapi.json_body(openapi.ref("ResponseNew")),
                    "responses": {
                        "201": openapi.json_response(
                            "The response (state `submitted`)", openapi.ref("DealResponse")
                        ),
                        **openapi.errors(400, 401, 403, 404, 409),
                    },
                },
                "get": {
                    "tags": ["deals"],
                    "summary": "The responses to a demand (sealed)",
                    "description": "The demand's organization and officials see all; a vendor only its own; anyone else 404.",
                    "security": _AUTH,
                    "parameters": [_REF],
                    "responses": {
                        "200": openapi.json_response(
                            "The responses",
                            {
                                "type": "object",
                                "properties": {
                                    "demand": {"type": "string"},
                                    "responses": {"type": "array", "items": openapi.ref("DealResponse")},
                                },
                            },
                        ),
                        **openapi.errors(401, 404),
                    },
                },
            },
            "/responses/{response_id}": {
                "get": {
                    "tags": ["deals"],
                    "summary": "One response with its history and every earlier price",
                    "security": _AUTH,
                    "parameters": [_ID],
                    "responses": {
                        "200": openapi.json_response("The response", openapi.ref("DealResponse")),
                        **openapi.errors(401, 404),
                    },
                },
                "patch": {
                    "tags": ["deals"],
                    "summary": "Revise the quote (the vendor, while the response is live)",
                    "security": _AUTH,
                    "parameters": [_ID],
                    "requestBody": openapi.json_body(openapi.ref("ResponseRevision")),
                    "responses": {
                        "200": openapi.json_response("The revised response", openapi.ref("DealResponse")),
                        **openapi.errors(400, 401, 403, 404, 409),
                    },
                },
            },
            "/responses/{response_id}/transitions": {
                "post": {
                    "tags": ["deals"],
                    "summary": "Shortlist, decline, accept or withdraw a response",
                    "description": "The workflow table:\n\n| state | action | who | next |\n|---|---|---|---|\n"
                    + _TABLE
                    + "\n\n"
                    "409 when the state does not allow the action (or another response was accepted first); 403 "
                    "when the account may not take it.",
                    "security": _AUTH,
                    "parameters": [_ID],
                    "requestBody": openapi.json_body(openapi.ref("ResponseTransition")),
                    "responses": {
                        "200": openapi.json_response(
                            "The response after the step", openapi.ref("DealResponse")
                        ),
                        **openapi.errors(400, 401, 403, 404, 409),
                    },
                }
            },
            "/responses/{response_id}/messages": {
                "get": {
                    "tags": ["deals"],
                    "summary": "The conversation of a response",
                    "description": "Members of the two organizations and officials; anyone else 404.",
                    "security": _AUTH,
                    "parameters": [_ID],
                    "responses": {
                        "200": openapi.json_response(
                            "The messages",
                            {
                                "type": "object",
                                "properties": {
                                    "messages": {"type": "array", "items": openapi.ref("Message")}
                                },
                            },
                        ),
                        **openapi.errors(401, 404),
                    },
                },
                "post": {
                    "tags": ["deals"],
                    "summary": "Write a message (members of the two organizations)",
                    "security": _AUTH,
                    "parameters": [_ID],
                    "requestBody": openapi.json_body(
                        {
                            "type": "object",
                            "required": ["body"],
                            "properties": {"body": {"type": "string", "maxLength": services.MESSAGE_MAX}},
                        }
                    ),
                    "responses": {
                        "201": openapi.json_response("The message", openapi.ref("Message")),
                        **openapi.errors(400, 401, 403, 404),
                    },
                },
            },
            "/demands/{ref}/comparison": {
                "get": {
                    "tags": ["deals"],
                    "summary": "Compare the ways to acquire (方案比选)",
                    "description": "For the demand's organization and officials. Totals over M months for the units wanted: "
                    "purchase price × units; lease and RaaS price × units × M; sharing price × units × H × M. "
                    "M and H default to the demand's period_months and hours_per_month (else 12 and 160).",
                    "security": _AUTH,
                    "parameters": [
                        _REF,
                        openapi.query_param("months", {"type": "integer", "minimum": 1, "maximum": 600}),
                        openapi.query_param(
                            "hours_per_month",
                            {"type": "number", "minimum": 0, "exclusiveMinimum": True, "maximum": 744},
                        ),
                    ],
                    "responses": {
                        "200": openapi.json_response("The comparison", openapi.ref("Comparison")),
                        **openapi.errors(400, 401, 404),
                    },
                }
            },
        },
        schemas=_SCHEMAS,
    )
