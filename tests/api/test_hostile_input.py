"""Input that once reached Python or the database and failed there: non-JSON number
constants, NUL characters, dot refs, regional language tags. Each must be a clean
JSON 400/404 with nothing stored (the NUL cases fail only on PostgreSQL without
the guard; they run on both databases)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.interchange.validate import validate_demand, validate_offering
from marketplace.listings.models import Demand, Offering
from tests.support.factories import demand_body, offering_body


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def _raw(body: dict, field: str, literal: str) -> bytes:
    """The body as JSON text with `field` set to a literal that json.dumps cannot write."""
    import json

    text = json.dumps({**body, field: "__X__"}, ensure_ascii=False)
    return text.replace('"__X__"', literal).encode()


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize(
    "path, body, field",
    [
        ("/api/v1/demands", demand_body(), "quantity"),
        ("/api/v1/demands", demand_body(), "payload_kg"),
        ("/api/v1/offerings", offering_body(), "units_available"),
    ],
)
def test_non_json_number_constants_are_400(api, make, db, path, body, field, literal):
    client = api.as_(make.member(make.org(side="both")))
    model = Demand if "demands" in path else Offering
    before = _count(db, model)
    r = client.post(
        path + "?lang=en", data=_raw(body, field, literal), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400, r.get_data(as_text=True)
    assert r.json["error"] == "invalid" and "JSON" in r.json["message"]
    assert _count(db, model) == before


@pytest.mark.parametrize("literal", ["NaN", "Infinity"])
def test_patch_with_non_json_constants_is_400_and_changes_nothing(api, make, db, literal):
    org = make.org(side="demand")
    make.demand(org, ref="dem-const", quantity=2)
    r = api.as_(make.member(org)).patch(
        "/api/v1/demands/dem-const",
        data=f'{{"quantity": {literal}}}',
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 400
    db.expire_all()
    assert db.scalar(select(Demand.quantity).where(Demand.ref == "dem-const")) == 2


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_the_shared_validator_reports_non_finite_integers(value):
    # import-data reads files with Python's json module, which accepts these.
    _clean, problems = validate_demand({**demand_body(), "ref": "d", "org": "o", "quantity": value})
    assert [p.field for p in problems] == ["quantity"]
    _clean, problems = validate_offering(
        {**offering_body(), "ref": "o", "org": "o", "units_available": value}
    )
    assert [p.field for p in problems] == ["units_available"]


@pytest.mark.parametrize(
    "path, body, field",
    [
        ("/api/v1/demands", demand_body(title="冲压\x00上下料"), "title"),
        ("/api/v1/demands", demand_body(budget={"lease\x00": 1}), "budget"),
        ("/api/v1/offerings", offering_body(certifications=["CE", "GB\x003836"]), "certifications"),
        ("/api/v1/offerings", offering_body(modes=[{"mode": "lease", "price": 1, "note": "\x00"}]), "modes"),
    ],
)
def test_nul_characters_in_the_body_are_400_naming_the_field(api, make, db, path, body, field):
    client = api.as_(make.member(make.org(side="both")))
    model = Demand if "demands" in path else Offering
    before = _count(db, model)
    r = client.post(path + "?lang=en", json=body)
    assert r.status_code == 400, r.get_data(as_text=True)
    assert r.json["fields"] == {field: "must not contain NUL characters"}
    assert _count(db, model) == before


def test_nul_in_a_patch_changes_nothing(api, make, db):
    org = make.org(side="supply")
    make.offering(org, ref="off-nul", title="原标题")
    r = api.as_(make.member(org)).patch("/api/v1/offerings/off-nul", json={"title": "新\x00标题"})
    assert r.status_code == 400 and "title" in r.json["fields"]
    db.expire_all()
    assert db.scalar(select(Offering.title).where(Offering.ref == "off-nul")) == "原标题"


@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "city=hang%00zhou", "%00=1"])
def test_nul_in_the_query_string_is_400(api, make, query):
    make.demand()
    r = api.get(f"/api/v1/demands?{query}")
    assert r.status_code == 400
    assert r.json["error"] == "invalid" and r.json["fields"]


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_nul_in_a_ref_is_404(api, make, method):
    org = make.org(side="demand")
    make.demand(org, ref="dem-nul")
    r = api.as_(make.member(org)).open("/api/v1/demands/dem-nul%00", method=method, json={})
    assert r.status_code == 404 and r.json["error"] == "not_found"


@pytest.mark.parametrize("ref", [".", ".."])
def test_dot_refs_are_refused(api, make, db, ref):
    r = api.as_(make.member(make.org(side="demand"))).post("/api/v1/demands", json=demand_body(ref=ref))
    assert r.status_code == 400 and "ref" in r.json["fields"]
    assert db.scalar(select(Demand).where(Demand.ref == ref)) is None


@pytest.mark.parametrize(
    "header, chinese",
    [
        ("zh-TW,zh-CN;q=0.9,en;q=0.8", True),  # regional Chinese tags outrank a plain "en"
        ("zh-Hans-CN;q=0.9, en;q=0.5", True),
        ("zh_CN", True),
        ("en-GB,en;q=0.9,zh;q=0.1", False),
        ("zh;q=0, en", False),  # q=0 means "not Chinese"
        ("fr, de;q=0.5", True),  # nothing we speak: the default, Chinese
        ("*", True),
    ],
)
def test_accept_language_picks_the_best_language_we_speak(api, header, chinese):
    r = api.post("/api/v1/demands", json={}, headers={"Accept-Language": header})
    assert r.status_code == 401
    assert ("令牌" in r.json["message"]) is chinese
