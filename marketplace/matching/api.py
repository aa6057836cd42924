"""GET /api/v1/demands/<ref>/matches and /api/v1/offerings/<ref>/matches: the
list the detail pages and the `match` command show, as JSON."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _

from ..accounts.access import ensure_visible
from ..api import bp, openapi
from ..api.auth import require_user
from ..db import get_session
from ..errors import NotAllowed, ValidationFailed
from ..i18n import current_lang
from ..listings import services as listings
from .service import MAX_LIMIT, matches_for_demand, matches_for_offering, may_see_matches


def _number(name: str, default: int, low: int, fields: dict[str, str]) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= MAX_LIMIT:
        fields[name] = _("must be a whole number from %(min)s to %(max)s", min=low, max=MAX_LIMIT)
        return default
    return int(raw)


def _args() -> tuple[int, int]:
    """`limit` (1–50, default 10) and `ruled_out` (0–50, default 0); 400 naming each bad one."""
    fields: dict[str, str] = {}
    limit = _number("limit", 10, 1, fields)
    ruled_out = _number("ruled_out", 0, 0, fields)
    if fields:
        raise ValidationFailed(_("Some query parameters are not valid."), fields)
    return limit, ruled_out


def _respond(_record, results):
    lang = current_lang()
    return jsonify([r.as_dict(lang) for r in results])


@bp.get("/demands/<ref>/matches")
def demand_matches(ref: str):
    user = require_user()
    limit, ruled_out = _args()
    session = get_session()
    demand = listings.demand_by_ref(session, ref)
    ensure_visible(user, demand)
    if not may_see_matches(user, demand):
        raise NotAllowed(
            _(
                "Only members of the organization that posted this need, and officials, "
                "can see its proposed offerings."
            )
        )
    return _respond(demand, matches_for_demand(session, demand, limit, ruled_out))


@bp.get("/offerings/<ref>/matches")
def offering_matches(ref: str):
    user = require_user()
    limit, ruled_out = _args()
    session = get_session()
    offering = listings.offering_by_ref(session, ref)
    ensure_visible(user, offering)
    if not may_see_matches(user, offering):
        raise NotAllowed(
            _(
                "Only members of the organization that listed this offering, and officials, "
                "can see the needs it could serve."
            )
        )
    return _respond(offering, matches_for_offering(session, offering, limit, ruled_out))


_REASON = {
    "type": "object",
    "required": ["code", "tone"],
    "properties": {
        "code": {
            "type": "string",
            "description": "A stable message code, e.g. `tasks_covered`, `city_not_served`.",
        },
        "tone": {
            "type": "string",
            "enum": ["good", "weak", "bad", "info"],
            "description": "`bad`: a broken hard condition.",
        },
    },
}


def _match_schema(key: str, what: str) -> dict:
    return {
        "type": "object",
        "required": [key, "title", "score", "ok", "reasons"],
        "properties": {
            key: {"type": "string", "description": f"The {what}'s ref."},
            "title": {"type": "string"},
            "score": {
                "type": "integer",
                "minimum": 0,
                "maximum": 100,
                "description": "30–100 when no hard condition is broken, 0–29 when one is.",
            },
            "ok": {
                "type": "boolean",
                "description": "False when a hard condition rules the pair out "
                "(wrong city, environment, payload, mode, kind).",
            },
            "closest": {
                "type": "boolean",
                "description": "True when nothing meets every condition and the list holds the closest "
                "pairs instead, each with what keeps it from fitting (the list is never empty while "
                "any candidate exists).",
            },
            "reasons": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Short explanations in the requester's language (`?lang=en`).",
            },
            "reason_codes": {"type": "array", "items": openapi.ref("MatchReason")},
        },
    }


def _path(kind: str, item: str, summary: str) -> dict:
    return {
        "get": {
            "tags": ["matching"],
            "summary": summary,
            "description": "The same list as the detail page and `flask match`: the best pairs that break "
            "no hard condition, then (with `ruled_out`) close ones that break one; when none "
            "fits, the closest ones (`closest` true) with what keeps each from fitting. Members of "
            "the record's organization and officials only.",
            "security": [{"bearerAuth": []}],
            "parameters": [
                openapi.path_param("ref"),
                openapi.query_param(
                    "limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 10}
                ),
                openapi.query_param(
                    "ruled_out",
                    {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": 0},
                    "How many close candidates that break a hard condition to append (`ok` false).",
                ),
                openapi.query_param(
                    "lang", {"type": "string", "enum": ["zh", "en"]}, "Language of the reasons."
                ),
            ],
            "responses": {
                "200": openapi.json_response("Best first", {"type": "array", "items": openapi.ref(item)}),
                **openapi.errors(400, 401, 403, 404),
            },
        }
    }


def describe(doc: openapi.Builder) -> None:
    """This feature's endpoints in the OpenAPI document (built on request)."""
    doc.add_paths(
        {
            "/demands/{ref}/matches": _path(
                "demands", "OfferingMatch", "Proposed offerings for a need, with reasons"
            ),
            "/offerings/{ref}/matches": _path(
                "offerings", "DemandMatch", "Open needs an offering could serve"
            ),
        },
        schemas={
            "MatchReason": _REASON,
            "OfferingMatch": _match_schema("offering", "offering"),
            "DemandMatch": _match_schema("demand", "demand"),
        },
    )
