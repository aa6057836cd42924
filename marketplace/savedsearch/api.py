"""/api/v1/saved-searches: a signed-in account's saved searches (owner only; others 404)."""

from __future__ import annotations

from flask import jsonify

from ..api import bp, openapi
from ..api.auth import json_body, require_user, token_required
from ..db import get_session
from . import services
from .models import ALERTS, LISTS


@bp.get("/saved-searches")
@token_required
def saved_searches():
    user = require_user()
    items = [services.to_dict(s) for s in services.of_user(get_session(), user)]
    return jsonify({"items": items, "total": len(items)})


@bp.post("/saved-searches")
@token_required
def create_saved_search():
    user = require_user()
    data = json_body()
    db = get_session()
    filters = data.get("filters") or {}
    if not isinstance(filters, dict):
        filters = {"filters": filters}  # reported as an unknown filter below
    search = services.create(
        db,
        user,
        data.get("list"),  # type: ignore[arg-type]
        data.get("q") or "",
        filters,
        data.get("alert", "immediately"),
        data.get("name") or "",
        strict=True,
    )
    db.commit()
    return jsonify(services.to_dict(search)), 201


@bp.delete("/saved-searches/<int:search_id>")
@token_required
def delete_saved_search(search_id: int):
    user = require_user()
    db = get_session()
    services.delete(db, user, search_id)
    db.commit()
    return jsonify({"deleted": search_id})


_FILTERS = {
    "type": "object",
    "description": "Filter codes as on the list: domain, task, city, mode, kind (demands) or "
    "category (offerings), and verified (true).",
    "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "boolean"}]},
}
_SAVED = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "list": {"type": "string", "enum": list(LISTS)},
        "q": {"type": "string"},
        "filters": _FILTERS,
        "alert": {"type": "string", "enum": list(ALERTS)},
        "created_at": {"type": "string", "format": "date-time"},
    },
}
_SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}]


def describe(doc: openapi.Builder) -> None:
    """This feature's endpoints in the OpenAPI document (built on request)."""
    doc.add_paths(
        {
            "/saved-searches": {
                "get": {
                    "tags": ["saved searches"],
                    "summary": "The account's saved searches",
                    "security": _SECURITY,
                    "responses": {
                        "200": openapi.json_response(
                            "Saved searches, newest first",
                            {
                                "type": "object",
                                "properties": {
                                    "items": {"type": "array", "items": openapi.ref("SavedSearch")},
                                    "total": {"type": "integer"},
                                },
                            },
                        ),
                        **openapi.errors(401),
                    },
                },
                "post": {
                    "tags": ["saved searches"],
                    "summary": "Save a search of the demand or supply list",
                    "description": "New records of that list that match `q` and `filters` (as the list "
                    "page would show them) are announced to the account once each, immediately, in the "
                    "daily digest, or not at all (`alert`).",
                    "security": _SECURITY,
                    "requestBody": openapi.json_body(
                        {
                            "type": "object",
                            "required": ["list"],
                            "properties": {
                                "list": {"type": "string", "enum": list(LISTS)},
                                "q": {"type": "string", "maxLength": 200},
                                "filters": _FILTERS,
                                "alert": {"type": "string", "enum": list(ALERTS), "default": "immediately"},
                                "name": {"type": "string", "maxLength": 100},
                            },
                        }
                    ),
                    "responses": {
                        "201": openapi.json_response("The saved search", openapi.ref("SavedSearch")),
                        **openapi.errors(400, 401),
                    },
                },
            },
            "/saved-searches/{search_id}": {
                "delete": {
                    "tags": ["saved searches"],
                    "summary": "Delete one of the account's saved searches",
                    "security": _SECURITY,
                    "parameters": [openapi.path_param("search_id", "integer")],
                    "responses": {
                        "200": openapi.json_response(
                            "Deleted", {"type": "object", "properties": {"deleted": {"type": "integer"}}}
                        ),
                        **openapi.errors(401, 404),
                    },
                }
            },
        },
        schemas={"SavedSearch": _SAVED},
    )
