"""OpenAPI description of the core endpoints (views.py); the schemas they name are
built in openapi.py from the taxonomy."""

from __future__ import annotations

from .openapi import errors, json_body, json_response, path_param, query_param, ref

_BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]
_OPTIONAL_BEARER: list[dict[str, list[str]]] = [{}, {"bearerAuth": []}]
_LANG = query_param(
    "lang",
    {"type": "string", "enum": ["zh", "en"]},
    "Language of messages; otherwise Accept-Language, then Chinese.",
)


def _list_params(kind: str) -> list[dict]:
    code = {"type": "string"}
    params = [
        query_param("domain", code, "Domain code."),
        query_param("task", code, "Task code."),
        query_param(
            "city",
            code,
            "City code" + (" (offerings with no service cities serve all)." if kind == "offerings" else "."),
        ),
        query_param(
            "mode",
            code,
            "Acquisition mode code" + (" (demands with no modes accept any)." if kind == "demands" else "."),
        ),
    ]
    if kind == "demands":
        params.append(query_param("kind", code, "Demand kind code."))
        sorts = ["newest", "oldest", "needed_by", "quantity", "title"]
    else:
        params.append(query_param("category", code, "Offering category code."))
        sorts = ["newest", "oldest", "units", "title", "price_asc", "price_desc"]
    params += [
        query_param("q", {"type": "string", "maxLength": 200}, "Full-text search in title and description."),
        query_param(
            "verified",
            {"type": "string", "enum": ["1", "0", "true", "false"]},
            "Only records of verified organizations.",
        ),
        query_param(
            "sort",
            {"type": "string", "enum": sorts, "default": "newest"},
            "Order; price sorts need `mode`." if kind == "offerings" else "Order.",
        ),
        query_param("page", {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1}),
        query_param("per_page", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
        _LANG,
    ]
    return params


def _paths(kind: str, schema: str, withdrawn: str) -> dict:
    one = kind[:-1]
    ref_param = path_param("ref", description=f"The {one}'s ref.")
    location = {"Location": {"description": f"URL of the new {one}.", "schema": {"type": "string"}}}
    return {
        f"/{kind}": {
            "get": {
                "tags": [kind],
                "operationId": f"list_{kind}",
                "summary": f"The public list of {kind}",
                "description": f"Only published records ({'open' if kind == 'demands' else 'active'}); "
                "no token needed. Unknown codes or bad paging give 400 naming the "
                "parameter.",
                "security": _OPTIONAL_BEARER,
                "parameters": _list_params(kind),
                "responses": {
                    "200": json_response("One page of the list", ref(f"{schema}Page")),
                    **errors(400, 401),
                },
            },
            "post": {
                "tags": [kind],
                "operationId": f"create_{one}",
                "summary": f"Post a {one}",
                "description": f"For the caller's organization, which must post {kind}; only "
                "`member` accounts. `ref` is generated when absent; `org` is the "
                "caller's. Every invalid field is reported at once.",
                "security": _BEARER,
                "parameters": [_LANG],
                "requestBody": json_body(ref(f"{schema}Input")),
                "responses": {
                    "201": json_response(f"The new {one}", ref(schema), location),
                    **errors(400, 401, 403, 409),
                },
            },
        },
        f"/{kind}/{{ref}}": {
            "get": {
                "tags": [kind],
                "operationId": f"get_{one}",
                "summary": f"One {one}",
                "description": "Drafts and withdrawn records only for members of the owning "
                "organization (with their token); 404 for everyone else.",
                "security": _OPTIONAL_BEARER,
                "parameters": [ref_param, _LANG],
                "responses": {"200": json_response(f"The {one}", ref(schema)), **errors(401, 404)},
            },
            "patch": {
                "tags": [kind],
                "operationId": f"update_{one}",
                "summary": f"Change a {one}",
                "description": "Members of the owning organization only. The body is merged into "
                "the stored record (top-level keys replace; null clears) and the "
                "result is validated as a whole. `ref` and `org` cannot change.",
                "security": _BEARER,
                "parameters": [ref_param, _LANG],
                "requestBody": json_body(ref(f"{schema}Patch")),
                "responses": {
                    "200": json_response(f"The changed {one}", ref(schema)),
                    **errors(400, 401, 403, 404),
                },
            },
            "delete": {
                "tags": [kind],
                "operationId": f"withdraw_{one}",
                "summary": f"Withdraw a {one}",
                "description": f"Sets the status to `{withdrawn}` (the record is kept, and leaves "
                "the public list). Members of the owning organization only.",
                "security": _BEARER,
                "parameters": [ref_param, _LANG],
                "responses": {
                    "200": json_response(f"The {one}, now {withdrawn}", ref(schema)),
                    **errors(401, 403, 404),
                },
            },
        },
    }


PATHS = {
    **_paths("demands", "Demand", "closed"),
    **_paths("offerings", "Offering", "withdrawn"),
    "/openapi.json": {
        "get": {
            "tags": ["meta"],
            "operationId": "openapi",
            "summary": "This document",
            "security": [{}],
            "responses": {
                "200": {
                    "description": "The OpenAPI 3.0.3 document",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
}
