"""The OpenAPI 3.0.3 document served at /api/v1/openapi.json, built when asked for.

Each feature describes its own endpoints in a function of its `api.py` and hands
it to `marketplace.api.register_api` from its `init_app`:

    def describe(doc: openapi.Builder) -> None:
        doc.add_paths({"/pilots/{id}": {"get": {
            "tags": ["pilots"], "summary": "One pilot with its history",
            "parameters": [openapi.path_param("id", "integer")],
            "responses": {"200": openapi.json_response("The pilot", openapi.ref("Pilot")),
                          **openapi.errors(401, 404)},
        }}}, schemas={"Pilot": {...}})

Path keys may be written relative to /api/v1 ("/pilots/{id}") or in full
("/api/v1/pilots/{id}"); Flask-style "<int:id>" is turned into "{id}". A test checks
that every route under /api/v1 appears in the document with each of its methods.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from flask import current_app, has_app_context

from .. import taxonomy

PREFIX = "/api/v1"
_paths: dict[str, dict] = {}
_schemas: dict[str, dict] = {}


def normalise_path(path: str) -> str:
    """'/demands/<ref>' or '/api/v1/demands/{ref}' -> '/api/v1/demands/{ref}'."""
    path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", path)
    if not path.startswith("/"):
        path = "/" + path
    if path != PREFIX and not path.startswith(PREFIX + "/"):
        path = PREFIX + path
    return path


class Builder:
    """Paths and component schemas gathered for one document."""

    def __init__(self) -> None:
        self.paths: dict[str, dict] = {}
        self.schemas: dict[str, dict] = {}

    def add_paths(self, paths: dict, schemas: dict | None = None) -> None:
        """Add path items (and component schemas) to the document.

        A method described twice for one path, or a schema name given two different
        definitions, is a programming error and raises ValueError."""
        for raw_path, item in paths.items():
            path = normalise_path(raw_path)
            current = self.paths.setdefault(path, {})
            for key, value in item.items():
                if key in current and current[key] != value:
                    raise ValueError(f"OpenAPI: {key.upper()} {path} is described twice")
                current[key] = copy.deepcopy(value)
        for name, schema in (schemas or {}).items():
            if name in self.schemas and self.schemas[name] != schema:
                raise ValueError(f"OpenAPI: schema {name} is defined twice")
            self.schemas[name] = copy.deepcopy(schema)


Describe = Callable[[Builder], None]


def add_paths(paths: dict, schemas: dict | None = None) -> None:
    """Legacy: add paths to every document of the process. Features describe their
    endpoints with `marketplace.api.register_api(app, describe)` instead."""
    builder = Builder()
    builder.paths, builder.schemas = _paths, _schemas
    builder.add_paths(paths, schemas)


def _build() -> Builder:
    """A fresh builder holding the legacy paths and every description the
    application's features registered."""
    builder = Builder()
    builder.add_paths(_paths, _schemas)
    if has_app_context():
        for describe in current_app.extensions.get("api_descriptions", []):
            describe(builder)
    return builder


# ---------------------------------------------------------------- helpers for features


def ref(name: str) -> dict:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def json_response(description: str, schema: dict, headers: dict | None = None) -> dict:
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        response["headers"] = headers
    return response


def json_body(schema: dict, description: str = "", required: bool = True) -> dict:
    body = {"required": required, "content": {"application/json": {"schema": schema}}}
    if description:
        body["description"] = description
    return body


def path_param(name: str, type_: str = "string", description: str = "") -> dict:
    param = {"name": name, "in": "path", "required": True, "schema": {"type": type_}}
    if description:
        param["description"] = description
    return param


def query_param(name: str, schema: dict, description: str = "") -> dict:
    param = {"name": name, "in": "query", "required": False, "schema": schema}
    if description:
        param["description"] = description
    return param


_ERROR_RESPONSES = {
    400: (
        "BadRequest",
        "Invalid input: the body is not a JSON object, or fields are at fault (listed in `fields`).",
    ),
    401: ("Unauthorized", "No bearer token, or the token is unknown, revoked or its account is disabled."),
    403: ("Forbidden", "The account may not do this (wrong organization, role or side)."),
    404: ("NotFound", "No such record, or the caller may not see it."),
    409: ("Conflict", "Conflicts with the current state (for instance a `ref` already taken)."),
    422: ("Unprocessable", "The Idempotency-Key was already used for a different request."),
}


def errors(*statuses: int) -> dict:
    """Responses for the given error statuses, pointing at the shared components."""
    return {str(s): {"$ref": f"#/components/responses/{_ERROR_RESPONSES[s][0]}"} for s in statuses}


# ---------------------------------------------------------------- the document


def _codes(vocabulary: str) -> dict:
    return {"type": "string", "enum": taxonomy.codes(vocabulary)}


def _code_list(vocabulary: str) -> dict:
    return {"type": "array", "items": _codes(vocabulary)}


def _listing_schemas() -> dict:
    """Organization, Demand and Offering in the interchange shape (spec/interchange.md)."""
    ref_s = {
        "type": "string",
        "maxLength": 80,
        "description": "Stable identifier chosen by the writer (generated when absent); "
        "no slashes or spaces.",
    }
    number = {"type": "number", "exclusiveMinimum": True, "minimum": 0}
    demand_props = {
        "ref": ref_s,
        "org": {
            "type": "string",
            "description": "The owning organization's ref. On create and "
            "change it must be the caller's (or be left out).",
        },
        "kind": {**_codes("demand_kinds"), "default": "scenario"},
        "title": {"type": "string", "maxLength": 200},
        "description": {"type": "string", "maxLength": 10000},
        "domain": _codes("domains"),
        "tasks": {**_code_list("tasks"), "description": "Each task must belong to the domain."},
        "environments": _code_list("environments"),
        "payload_kg": {**number, "description": "Heaviest object to be handled."},
        "quantity": {"type": "integer", "minimum": 1, "default": 1},
        "modes": {**_code_list("modes"), "description": "Acceptable ways to acquire; empty means any."},
        "budget": {
            "type": "object",
            "additionalProperties": number,
            "description": "The most it will pay per mode code, in that mode's price unit.",
        },
        "city": _codes("cities"),
        "needed_by": {"type": "string", "format": "date"},
        "status": {
            "type": "string",
            "enum": list(taxonomy.DEMAND_STATUSES),
            "default": "open",
            "description": "`draft` and `closed` records are seen only by their organization.",
        },
    }
    offering_props = {
        "ref": ref_s,
        "org": demand_props["org"],
        "category": _codes("offering_categories"),
        "title": {"type": "string", "maxLength": 200},
        "description": {"type": "string", "maxLength": 10000},
        "domains": {**_code_list("domains"), "minItems": 1},
        "tasks": {**_code_list("tasks"), "description": "Each task must belong to one of the domains."},
        "environments": _code_list("environments"),
        "payload_kg": {**number, "description": "Most it can handle."},
        "units_available": {"type": "integer", "minimum": 0, "default": 1},
        "service_cities": {**_code_list("cities"), "description": "Empty means all of Zhejiang."},
        "modes": {"type": "array", "minItems": 1, "items": ref("ModePrice")},
        "certifications": {"type": "array", "items": {"type": "string"}, "maxItems": 30},
        "first_of_kind": {
            "type": "boolean",
            "default": False,
            "description": "First-of-a-kind equipment (首台套).",
        },
        "status": {
            "type": "string",
            "enum": list(taxonomy.OFFERING_STATUSES),
            "default": "active",
            "description": "`draft` and `withdrawn` records are seen only by their organization.",
        },
    }
    demand_required = ["title", "description", "domain", "city"]
    offering_required = ["category", "title", "description", "domains", "modes"]

    def page(item: str) -> dict:
        return {
            "type": "object",
            "required": ["items", "page", "per_page", "total", "pages"],
            "properties": {
                "items": {"type": "array", "items": ref(item)},
                "page": {"type": "integer", "minimum": 1},
                "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
                "total": {"type": "integer", "minimum": 0},
                "pages": {"type": "integer", "minimum": 1},
            },
        }

    return {
        "Error": {
            "type": "object",
            "required": ["error", "message"],
            "properties": {
                "error": {
                    "type": "string",
                    "description": "A stable code: invalid, unauthorized, "
                    "forbidden, not_found, method_not_allowed, "
                    "conflict, …",
                    "example": "invalid",
                },
                "message": {"type": "string", "description": "In the requester's language."},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "description": "For 400: each field at fault with what is wrong.",
                },
            },
        },
        "Organization": {
            "type": "object",
            "required": ["ref", "name", "side", "city"],
            "properties": {
                "ref": {"type": "string"},
                "name": {"type": "string"},
                "side": {"type": "string", "enum": list(taxonomy.ORG_SIDES)},
                "city": _codes("cities"),
                "credit_code": {
                    "type": "string",
                    "minLength": 18,
                    "maxLength": 18,
                    "description": "Unified social credit code (统一社会信用代码).",
                },
                "description": {"type": "string"},
                "verified": {"type": "boolean"},
            },
        },
        "ModePrice": {
            "type": "object",
            "required": ["mode", "price"],
            "properties": {
                "mode": _codes("modes"),
                "price": {**number, "description": "In the mode's price unit."},
            },
        },
        "Demand": {
            "type": "object",
            "required": ["ref", "org", *demand_required],
            "properties": demand_props,
        },
        "DemandInput": {"type": "object", "required": demand_required, "properties": demand_props},
        "DemandPatch": {
            "type": "object",
            "properties": demand_props,
            "description": "Only the keys to change; each replaces the stored value "
            "(null clears an optional one).",
        },
        "DemandPage": page("Demand"),
        "Offering": {
            "type": "object",
            "required": ["ref", "org", *offering_required],
            "properties": offering_props,
        },
        "OfferingInput": {"type": "object", "required": offering_required, "properties": offering_props},
        "OfferingPatch": {
            "type": "object",
            "properties": offering_props,
            "description": "Only the keys to change; each replaces the stored value "
            "(null clears an optional one).",
        },
        "OfferingPage": page("Offering"),
    }


def _components(schemas: dict) -> dict:
    error = {"application/json": {"schema": ref("Error")}}
    return {
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "description": "A token from the account page or `flask issue-token EMAIL`.",
            }
        },
        "responses": {
            name: {"description": text, "content": error} for name, text in _ERROR_RESPONSES.values()
        },
        "schemas": {**_listing_schemas(), **schemas},
    }


_IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
    "description": (
        "Makes a retry safe: a second POST with the same key (per account, within 24 hours) "
        "gets the first answer again (header `Idempotent-Replayed: true`) and creates nothing. "
        "The same key with a different request is refused (422); while the first request "
        "is still running, 409."
    ),
}


def _idempotent(operation: dict) -> None:
    """Every POST takes an Idempotency-Key (api/idempotency.py)."""
    params = operation.setdefault("parameters", [])
    if not any(p.get("name") == "Idempotency-Key" for p in params):
        params.append(copy.deepcopy(_IDEMPOTENCY_KEY))
    responses = operation.setdefault("responses", {})
    responses.setdefault("409", {"$ref": "#/components/responses/Conflict"})
    responses.setdefault("422", {"$ref": "#/components/responses/Unprocessable"})
    responses.setdefault("400", {"$ref": "#/components/responses/BadRequest"})


def document() -> dict:
    """The whole document, built now from what the features describe."""
    built = _build()
    paths = dict(sorted(built.paths.items()))
    for item in paths.values():
        if "post" in item:
            _idempotent(item["post"])
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "人形机器人+ 场景供需对接平台 API (Zhejiang humanoid robot scenario marketplace)",
            "version": "1",
            "description": (
                "Demand list (需求清单) and supply list (供给清单) of Zhejiang's 人形机器人+ "
                "programme. Records use the interchange shape of spec/interchange.md; codes come "
                "from the shared taxonomy.\n\n"
                "Reading the public lists needs no token. Everything else needs "
                "`Authorization: Bearer TOKEN`; a token that is sent but invalid is refused (401) "
                "even on public endpoints. The API never uses the site's cookie session.\n\n"
                'Errors are `{"error": CODE, "message": TEXT}` (400 adds `fields`). Messages '
                "are in Chinese unless `?lang=en` or `Accept-Language: en` asks for English."
            ),
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": "demands", "description": "The demand list (需求清单)"},
            {"name": "offerings", "description": "The supply list (供给清单)"},
            {"name": "meta", "description": "This document"},
        ],
        "paths": paths,
        "components": _components(built.schemas),
    }
