"""GET /api/v1/stats: the dashboard's figures (the same `stats.compute`)."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _

from ..api import bp, openapi
from ..api.auth import require_user, token_required
from ..db import get_session
from ..errors import NotAllowed
from . import stats


@bp.get("/stats")
@token_required
def get_stats():
    user = require_user()
    if not user.is_official:
        raise NotAllowed(_("The statistics are for officials."))
    return jsonify(
        stats.compute(get_session(), gap_threshold=stats.parse_threshold(request.args.get("threshold")))
    )


_COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}
_BLOCK = {
    "type": "object",
    "properties": {
        "total": {"type": "integer"},
        "by_domain": _COUNTS,
        "by_city": _COUNTS,
        "by_mode": _COUNTS,
    },
}


def describe(doc: openapi.Builder) -> None:
    """This feature's endpoints in the OpenAPI document (built on request)."""
    doc.add_paths(
        {
            "/stats": {
                "get": {
                    "tags": ["stats"],
                    "summary": "The dashboard's figures (officials)",
                    "description": "Counts of pilots (by state, domain, city, mode), open demands and active "
                    "offerings (by domain, city, mode), progress toward the target of 50 "
                    "demonstration scenarios (approved + in progress + completed pilots), a monthly "
                    "trend, and the supply–demand gap: open demands whose best proposed offering "
                    "scores below `threshold` (best scores stored by the matcher and refreshed when "
                    "listings change; a demand not computed yet is listed with `computed` false).",
                    "security": [{"bearerAuth": []}],
                    "parameters": [
                        openapi.query_param(
                            "threshold",
                            {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 100,
                                "default": stats.DEFAULT_GAP_THRESHOLD,
                            },
                            "Gap threshold (0–100)",
                        )
                    ],
                    "responses": {
                        "200": openapi.json_response("The figures", openapi.ref("Stats")),
                        **openapi.errors(401, 403),
                    },
                }
            },
        },
        schemas={
            "Stats": {
                "type": "object",
                "properties": {
                    "generated_at": {"type": "string", "format": "date-time"},
                    "progress": {
                        "type": "object",
                        "properties": {
                            "target": {"type": "integer"},
                            "target_year": {"type": "integer"},
                            "approved": {"type": "integer"},
                            "in_progress": {"type": "integer"},
                            "completed": {"type": "integer"},
                            "total": {"type": "integer"},
                            "percent": {"type": "number"},
                            "remaining": {"type": "integer"},
                        },
                    },
                    "pilots": {
                        "type": "object",
                        "properties": {
                            "total": {"type": "integer"},
                            "by_state": _COUNTS,
                            "by_domain": _COUNTS,
                            "by_city": _COUNTS,
                            "by_mode": _COUNTS,
                            "counted_by_domain": _COUNTS,
                        },
                    },
                    "demands": _BLOCK,
                    "offerings": _BLOCK,
                    "trend": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "month": {"type": "string"},
                                "demands": {"type": "integer"},
                                "offerings": {"type": "integer"},
                                "pilots_proposed": {"type": "integer"},
                                "pilots_approved": {"type": "integer"},
                            },
                        },
                    },
                    "funnel": {
                        "type": "object",
                        "description": "From need to pilot: posted (not draft) needs, open ones, those with a "
                        "response, an accepted response, a pilot; response rate (percent) and median days "
                        "to the first response; the same per domain (`by_domain`) and city (`by_city`).",
                        "properties": {
                            "demands": {"type": "integer"},
                            "open": {"type": "integer"},
                            "with_response": {"type": "integer"},
                            "with_accepted": {"type": "integer"},
                            "with_pilot": {"type": "integer"},
                            "response_rate": {"type": "number"},
                            "median_days_to_first_response": {"type": "number", "nullable": True},
                            "by_domain": {"type": "object", "additionalProperties": {"type": "object"}},
                            "by_city": {"type": "object", "additionalProperties": {"type": "object"}},
                        },
                    },
                    "gap": {
                        "type": "object",
                        "properties": {
                            "threshold": {"type": "integer"},
                            "available": {
                                "type": "boolean",
                                "description": "Always true: the gap reads the stored best scores "
                                "(kept for clients of earlier versions)",
                            },
                            "total": {"type": "integer"},
                            "not_computed": {
                                "type": "integer",
                                "description": "Open demands in the gap whose best score is not computed yet",
                            },
                            "by_domain": _COUNTS,
                            "by_task": _COUNTS,
                            "tasks_not_given": {"type": "integer"},
                            "by_environment": _COUNTS,
                            "by_city": _COUNTS,
                            "demands": {"type": "array", "items": {"type": "object"}},
                        },
                    },
                },
            }
        },
    )
