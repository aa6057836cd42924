"""The OpenAPI document: served, complete (every /api/v1 route with each of its
methods), internally consistent, and true to the records the API returns."""

from __future__ import annotations

import re

import pytest

from marketplace import taxonomy
from marketplace.api import openapi
from marketplace.interchange.exporter import demand_dict, offering_dict

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


@pytest.fixture
def doc(api):
    r = api.get("/api/v1/openapi.json")
    assert r.status_code == 200 and r.is_json
    return r.json


def _operations(doc):
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield path, method, op


def test_document_basics(doc):
    assert doc["openapi"] == "3.0.3"
    assert doc["info"]["title"] and doc["info"]["version"]
    bearer = doc["components"]["securitySchemes"]["bearerAuth"]
    assert (bearer["type"], bearer["scheme"]) == ("http", "bearer")
    for name in (
        "Error",
        "Organization",
        "Demand",
        "Offering",
        "DemandInput",
        "OfferingInput",
        "DemandPatch",
        "OfferingPatch",
        "DemandPage",
        "OfferingPage",
    ):
        assert name in doc["components"]["schemas"], name


def test_every_api_route_is_described_with_each_method(app, doc):
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method.lower() not in doc["paths"].get(path, {}):
                missing.append(f"{method} {path}")
    assert not missing, "routes missing from the OpenAPI document:\n" + "\n".join(missing)


def test_no_described_operation_without_a_route(app, doc):
    routes = {
        (re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", r.rule), m.lower())
        for r in app.url_map.iter_rules()
        for m in r.methods
    }
    extra = [f"{m.upper()} {p}" for p, m, _op in _operations(doc) if (p, m) not in routes]
    assert not extra, "described but not served:\n" + "\n".join(extra)


def test_every_reference_resolves(doc):
    def resolve(pointer: str):
        assert pointer.startswith("#/"), pointer
        node = doc
        for part in pointer[2:].split("/"):
            assert part in node, f"unresolved $ref {pointer}"
            node = node[part]
        return node

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                resolve(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)


def test_operations_are_well_formed(doc):
    schemes = set(doc["components"]["securitySchemes"])
    operation_ids = []
    for path, method, op in _operations(doc):
        where = f"{method.upper()} {path}"
        assert any(code.startswith("2") for code in op["responses"]), where
        declared = {
            p["name"]
            for p in op.get("parameters", []) + doc["paths"][path].get("parameters", [])
            if p.get("in") == "path" and p.get("required") is True
        }
        assert set(re.findall(r"{([^}]+)}", path)) <= declared, f"{where}: undeclared path parameter"
        for requirement in op.get("security", []):
            assert set(requirement) <= schemes, where
        if "operationId" in op:
            operation_ids.append(op["operationId"])
    assert len(operation_ids) == len(set(operation_ids)), "operationIds must be unique"


def test_core_writes_document_their_errors(doc):
    for path, method in (
        ("/api/v1/demands", "post"),
        ("/api/v1/offerings/{ref}", "patch"),
        ("/api/v1/demands/{ref}", "delete"),
    ):
        op = doc["paths"][path][method]
        assert {"401", "403"} <= set(op["responses"]), (method, path)
        assert op["security"] == [{"bearerAuth": []}]
    assert "409" in doc["paths"]["/api/v1/offerings"]["post"]["responses"]
    for name in ("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict"):
        schema = doc["components"]["responses"][name]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/Error"}


def test_schemas_follow_the_taxonomy_and_the_records(doc, make):
    schemas = doc["components"]["schemas"]
    assert schemas["Demand"]["properties"]["domain"]["enum"] == taxonomy.codes("domains")
    assert schemas["Offering"]["properties"]["service_cities"]["items"]["enum"] == taxonomy.codes("cities")
    demand = demand_dict(make.demand(payload_kg=3.5, needed_by=None))
    offering = offering_dict(make.offering())
    for record, name in ((demand, "Demand"), (offering, "Offering")):
        assert set(record) <= set(schemas[name]["properties"]), name
        assert set(schemas[name]["required"]) <= set(record), name


def test_add_paths_normalises_and_refuses_clashes(monkeypatch):
    monkeypatch.setattr(openapi, "_paths", {})
    monkeypatch.setattr(openapi, "_schemas", {})
    op = {"summary": "x", "responses": {"200": {"description": "ok"}}}
    openapi.add_paths({"/things/<int:id>": {"get": op}}, {"Thing": {"type": "object"}})
    openapi.add_paths({"/api/v1/things/{id}": {"delete": op}})
    openapi.add_paths({"/things/{id}": {"get": op}})  # the same again: harmless
    doc = openapi.document()
    assert set(doc["paths"]["/api/v1/things/{id}"]) == {"get", "delete"}
    assert doc["components"]["schemas"]["Thing"] == {"type": "object"}
    with pytest.raises(ValueError):
        openapi.add_paths({"/things/{id}": {"get": {**op, "summary": "other"}}})
    with pytest.raises(ValueError):
        openapi.add_paths({}, {"Thing": {"type": "string"}})
