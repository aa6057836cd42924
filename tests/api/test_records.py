"""One record, and create / change / withdraw of one's own demands and offerings."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.interchange.exporter import demand_dict, offering_dict
from marketplace.listings.hooks import on_listings_changed
from marketplace.listings.models import Demand, Offering
from tests.support.factories import demand_body, offering_body

XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}"]


@pytest.fixture
def changes(app):
    """Every after-commit listings notification of the test, as (demand_ids, offering_ids)."""
    calls: list[tuple[list[int], list[int]]] = []
    on_listings_changed(app, lambda d, o: calls.append((d, o)))
    return calls


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def _fresh(db, model, ref):
    db.expire_all()
    return db.scalar(select(model).where(model.ref == ref))


# ---------------------------------------------------------------- detail


def test_detail_is_the_interchange_record(api, make):
    demand, offering = make.demand(ref="dem-one"), make.offering(ref="off-one")
    r = api.get("/api/v1/demands/dem-one")
    assert r.status_code == 200 and r.json == demand_dict(demand)
    r = api.get("/api/v1/offerings/off-one")
    assert r.status_code == 200 and r.json == offering_dict(offering)


@pytest.mark.parametrize(
    "kind, status",
    [("demands", "draft"), ("demands", "closed"), ("offerings", "draft"), ("offerings", "withdrawn")],
)
def test_hidden_records_are_seen_only_by_their_organization(api, make, kind, status):
    org = make.org(side="both")
    record = (make.demand if kind == "demands" else make.offering)(org, status=status)
    path = f"/api/v1/{kind}/{record.ref}"
    for client in (api, api.as_(make.member(make.org())), api.as_(make.official()), api.as_(make.admin())):
        r = client.get(path)
        assert r.status_code == 404
        assert r.json["error"] == "not_found"
    r = api.as_(make.member(org)).get(path)
    assert r.status_code == 200 and r.json["status"] == status


def test_unknown_ref_is_404_json(api):
    r = api.get("/api/v1/offerings/off-nothing-here")
    assert r.status_code == 404
    assert r.is_json and r.json["error"] == "not_found"


# ---------------------------------------------------------------- create


def test_create_demand(api, make, db, changes):
    org = make.org(side="demand")
    r = api.as_(make.member(org)).post("/api/v1/demands", json=demand_body())
    assert r.status_code == 201, r.json
    ref = r.json["ref"]
    assert ref.startswith("dem-")
    assert r.headers["Location"].endswith(f"/api/v1/demands/{ref}")
    stored = _fresh(db, Demand, ref)
    assert stored.org_id == org.id
    assert r.json == demand_dict(stored)
    assert r.json["org"] == org.ref and r.json["status"] == "open" and r.json["kind"] == "scenario"
    assert r.json["budget"] == {"lease": 9000} and r.json["needed_by"] == "2027-03-31"
    assert changes == [([stored.id], [])]
    assert api.get(r.headers["Location"]).json == r.json


def test_create_offering_with_chosen_ref_and_own_org(api, make, db, changes):
    org = make.org(side="supply")
    body = offering_body(ref="off-my-own", org=org.ref, status="draft")
    r = api.as_(make.member(org)).post("/api/v1/offerings", json=body)
    assert r.status_code == 201, r.json
    stored = _fresh(db, Offering, "off-my-own")
    assert stored.org_id == org.id and stored.status == "draft"
    assert r.json["modes"] == [{"mode": "lease", "price": 7500}, {"mode": "purchase", "price": 268000}]
    assert changes == [([], [stored.id])]
    assert api.get("/api/v1/offerings/off-my-own").status_code == 404  # a draft


def test_unknown_keys_are_ignored_and_cannot_set_owner_fields(api, make, db):
    org = make.org(side="demand", verified=False)
    body = demand_body(
        ref="dem-extra", org_id=999, verified=True, id=12345, organization="org-x", created_at="2000-01-01"
    )
    r = api.as_(make.member(org)).post("/api/v1/demands", json=body)
    assert r.status_code == 201, r.json
    stored = _fresh(db, Demand, "dem-extra")
    assert stored.org_id == org.id and stored.id != 12345 and stored.created_at.year > 2000
    assert not org.verified


def test_create_for_another_organization_is_403(api, make, db, changes):
    mine, theirs = make.org(side="demand"), make.org(side="demand")
    before = _count(db, Demand)
    r = api.as_(make.member(mine)).post("/api/v1/demands", json=demand_body(org=theirs.ref))
    assert r.status_code == 403 and r.json["error"] == "forbidden"
    assert _count(db, Demand) == before and changes == []


@pytest.mark.parametrize(
    "side, path, body",
    [
        ("supply", "/api/v1/demands", demand_body()),
        ("demand", "/api/v1/offerings", offering_body()),
    ],
)
def test_wrong_side_of_the_market_is_403(api, make, db, side, path, body):
    before = _count(db, Demand) + _count(db, Offering)
    r = api.as_(make.member(make.org(side=side))).post(path, json=body)
    assert r.status_code == 403 and r.json["error"] == "forbidden"
    assert _count(db, Demand) + _count(db, Offering) == before


@pytest.mark.parametrize("role", ["official", "admin"])
@pytest.mark.parametrize(
    "path, body", [("/api/v1/demands", demand_body()), ("/api/v1/offerings", offering_body())]
)
def test_officials_and_admins_cannot_post(api, make, role, path, body):
    r = api.as_(make.user(role)).post(path, json=body)
    assert r.status_code == 403


def test_duplicate_ref_is_409_and_changes_nothing(api, make, db, changes):
    existing = make.demand(ref="dem-taken", title="原标题")
    org = make.org(side="demand")
    r = api.as_(make.member(org)).post("/api/v1/demands", json=demand_body(ref="dem-taken", title="新"))
    assert r.status_code == 409
    assert r.json["error"] == "conflict" and "ref" in r.json["fields"]
    assert _fresh(db, Demand, "dem-taken").title == "原标题"
    assert _fresh(db, Demand, "dem-taken").org_id == existing.org_id
    assert changes == []


def test_ref_taken_by_an_offering_is_free_for_a_demand(api, make):
    make.offering(ref="shared-ref")
    r = api.as_(make.member(make.org(side="both"))).post(
        "/api/v1/demands", json=demand_body(ref="shared-ref")
    )
    assert r.status_code == 201


def test_every_invalid_field_is_reported(api, make, db, changes):
    org = make.org(side="demand")
    body = demand_body(
        domain="space",
        quantity=0,
        city="shanghai",
        needed_by="next week",
        budget={"lease": -5},
        ref="bad/ref",
    )
    del body["title"]
    before = _count(db, Demand)
    r = api.as_(make.member(org)).post("/api/v1/demands?lang=en", json=body)
    assert r.status_code == 400
    assert r.json["error"] == "invalid"
    fields = r.json["fields"]
    assert set(fields) == {"title", "domain", "quantity", "city", "needed_by", "budget.lease", "ref"}
    assert fields["title"] == "is required" and fields["domain"] == "unknown code: space"
    assert _count(db, Demand) == before and changes == []


def test_field_messages_are_chinese_by_default(api, make):
    org = make.org(side="supply")
    r = api.as_(make.member(org)).post("/api/v1/offerings", json=offering_body(domains=[], modes=[]))
    assert r.status_code == 400
    assert r.json["fields"] == {"domains": "至少需要一项", "modes": "至少需要一项"}


def test_task_must_fit_the_domain(api, make):
    org = make.org(side="demand")
    r = api.as_(make.member(org)).post("/api/v1/demands", json=demand_body(tasks=["firefighting"]))
    assert r.status_code == 400 and "tasks" in r.json["fields"]


@pytest.mark.parametrize("ref", ["a/b", "with space", "tab\there", "", "  "])
def test_refs_must_fit_in_a_url(api, make, ref):
    org = make.org(side="demand")
    r = api.as_(make.member(org)).post("/api/v1/demands", json=demand_body(ref=ref))
    assert r.status_code == 400 and "ref" in r.json["fields"]


@pytest.mark.parametrize(
    "field, value",
    [
        ("quantity", 10**30),
        ("quantity", 2**63),
        ("quantity", True),
        ("payload_kg", 10**400),
        ("title", ["list"]),
        ("tasks", "loading"),
        ("budget", [1]),
        ("budget", {"lease": "NaN"}),
        ("budget", {"lease": 1e20}),
        ("needed_by", 20270101),
    ],
)
def test_odd_values_are_400_not_500(api, make, field, value):
    org = make.org(side="demand")
    r = api.as_(make.member(org)).post("/api/v1/demands", json=demand_body(**{field: value}))
    assert r.status_code == 400, r.json
    assert field in r.json["fields"] or f"{field}.lease" in r.json["fields"]


@pytest.mark.parametrize(
    "data, content_type",
    [
        (b"not json", "application/json"),
        (b'{"title": ', "application/json"),
        (b"[1, 2]", "application/json"),
        (b'"a string"', "application/json"),
        (b"", "application/json"),
        (b"\xff\xfe\xfa", "application/json"),
        (b"[" * 100_000, "application/json"),
        (b"title=x", "application/x-www-form-urlencoded"),
    ],
)
def test_invalid_json_bodies_are_400(api, make, db, data, content_type):
    org = make.org(side="demand")
    client = api.as_(make.member(org))
    before = _count(db, Demand)
    r = client.post("/api/v1/demands", data=data, headers={"Content-Type": content_type})
    assert r.status_code == 400
    assert r.json["error"] == "invalid" and r.json["message"]
    make.demand(org, ref="dem-patch-json")
    assert (
        client.patch(
            "/api/v1/demands/dem-patch-json", data=data, headers={"Content-Type": content_type}
        ).status_code
        == 400
    )
    assert _count(db, Demand) == before + 1


def test_json_without_content_type_is_accepted(api, make):
    import json

    org = make.org(side="demand")
    r = api.as_(make.member(org)).post(
        "/api/v1/demands", data=json.dumps(demand_body()), headers={"Content-Type": "text/plain"}
    )
    assert r.status_code == 201


@pytest.mark.parametrize("text", XSS)
def test_markup_is_stored_and_returned_verbatim_as_json(api, make, db, text):
    org = make.org(side="both")
    client = api.as_(make.member(org))
    r = client.post(
        "/api/v1/offerings", json=offering_body(title=text, description=text, certifications=[text])
    )
    assert r.status_code == 201
    assert r.mimetype == "application/json" and r.headers["X-Content-Type-Options"] == "nosniff"
    ref = r.json["ref"]
    stored = _fresh(db, Offering, ref)
    assert stored.title == text and stored.description == text and stored.certifications == [text]
    again = api.get(f"/api/v1/offerings/{ref}")
    assert again.json["title"] == text and again.json["certifications"] == [text]
    assert "&lt;" not in again.get_data(as_text=True) and "49" not in again.json["title"]
    listed = api.get("/api/v1/offerings").json["items"]
    assert [i["title"] for i in listed] == [text]


# ---------------------------------------------------------------- change


def test_patch_changes_only_what_is_sent(api, make, db, changes):
    org = make.org(side="demand")
    demand = make.demand(org, ref="dem-p", title="旧标题", payload_kg=12.0, tasks=["loading"])
    r = api.as_(make.member(org)).patch("/api/v1/demands/dem-p", json={"title": "新标题", "quantity": 7})
    assert r.status_code == 200, r.json
    stored = _fresh(db, Demand, "dem-p")
    assert (stored.title, stored.quantity, stored.payload_kg, stored.tasks) == (
        "新标题",
        7,
        12.0,
        ["loading"],
    )
    assert r.json == demand_dict(stored)
    assert changes == [([demand.id], [])]


def test_patch_null_clears_an_optional_field(api, make, db):
    org = make.org(side="demand")
    make.demand(org, ref="dem-null", payload_kg=12.0, budget={"lease": 100})
    r = api.as_(make.member(org)).patch("/api/v1/demands/dem-null", json={"payload_kg": None, "budget": {}})
    assert r.status_code == 200
    stored = _fresh(db, Demand, "dem-null")
    assert stored.payload_kg is None and stored.budget == {}
    assert "payload_kg" not in r.json


def test_patch_offering_replaces_modes(api, make, db):
    org = make.org(side="supply")
    make.offering(org, ref="off-modes")
    r = api.as_(make.member(org)).patch(
        "/api/v1/offerings/off-modes", json={"modes": [{"mode": "raas", "price": 99.5}]}
    )
    assert r.status_code == 200
    assert _fresh(db, Offering, "off-modes").modes == [{"mode": "raas", "price": pytest.approx(99.5)}]


def test_patch_validates_the_merged_record(api, make, db, changes):
    org = make.org(side="demand")
    make.demand(org, ref="dem-merge", domain="manufacturing", tasks=["loading"], title="原")
    # A new domain that the stored tasks do not belong to: the whole record is invalid.
    r = api.as_(make.member(org)).patch(
        "/api/v1/demands/dem-merge?lang=en", json={"domain": "eldercare", "title": ""}
    )
    assert r.status_code == 400
    assert set(r.json["fields"]) == {"tasks", "title"}
    stored = _fresh(db, Demand, "dem-merge")
    assert (stored.domain, stored.title) == ("manufacturing", "原")
    assert changes == []


def test_patch_cannot_change_ref_or_move_to_another_org(api, make, db):
    org, other = make.org(side="demand"), make.org(side="demand")
    make.demand(org, ref="dem-fixed")
    client = api.as_(make.member(org))
    r = client.patch("/api/v1/demands/dem-fixed", json={"ref": "dem-new"})
    assert r.status_code == 400 and "ref" in r.json["fields"]
    assert client.patch("/api/v1/demands/dem-fixed", json={"org": other.ref}).status_code == 403
    assert (
        client.patch("/api/v1/demands/dem-fixed", json={"org": org.ref, "ref": "dem-fixed"}).status_code
        == 200
    )
    assert _fresh(db, Demand, "dem-fixed").org_id == org.id
    assert _fresh(db, Demand, "dem-new") is None


def test_patch_to_draft_hides_it_from_the_public(api, make):
    org = make.org(side="demand")
    make.demand(org, ref="dem-hide")
    assert (
        api.as_(make.member(org)).patch("/api/v1/demands/dem-hide", json={"status": "draft"}).status_code
        == 200
    )
    assert api.get("/api/v1/demands/dem-hide").status_code == 404
    assert api.get("/api/v1/demands").json["total"] == 0


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_others_cannot_change_a_record(api, make, db, changes, method):
    org = make.org(side="both")
    make.demand(org, ref="dem-theirs", title="不变")
    make.offering(org, ref="off-theirs", title="不变", status="draft")
    outsiders = {
        "other member": make.member(make.org(side="both")),
        "official": make.official(),
        "admin": make.admin(),
    }
    for who, user in outsiders.items():
        client = api.as_(user)
        r = client.open("/api/v1/demands/dem-theirs", method, json={"title": "改"})
        assert r.status_code == 403, who
        assert r.json["error"] == "forbidden"
        r = client.open("/api/v1/offerings/off-theirs", method, json={"title": "改"})
        assert r.status_code == 404, who  # a draft: they cannot even see it
    r = api.open("/api/v1/demands/dem-theirs", method, json={"title": "改"})
    assert r.status_code == 401
    demand, offering = _fresh(db, Demand, "dem-theirs"), _fresh(db, Offering, "off-theirs")
    assert (demand.title, demand.status) == ("不变", "open")
    assert (offering.title, offering.status) == ("不变", "draft")
    assert changes == []


def test_patch_unknown_ref_is_404(api, make):
    client = api.as_(make.member(make.org()))
    assert client.patch("/api/v1/demands/dem-nothing", json={}).status_code == 404
    assert client.delete("/api/v1/offerings/off-nothing").status_code == 404


# ---------------------------------------------------------------- withdraw


def test_delete_closes_a_demand(api, make, db, changes):
    org = make.org(side="demand")
    demand = make.demand(org, ref="dem-close")
    client = api.as_(make.member(org))
    r = client.delete("/api/v1/demands/dem-close")
    assert r.status_code == 200 and r.json["status"] == "closed"
    assert _fresh(db, Demand, "dem-close").status == "closed"
    assert changes == [([demand.id], [])]
    assert api.get("/api/v1/demands/dem-close").status_code == 404
    assert api.get("/api/v1/demands").json["items"] == []
    assert client.get("/api/v1/demands/dem-close").json["status"] == "closed"
    assert client.delete("/api/v1/demands/dem-close").status_code == 200  # again: no harm


def test_delete_withdraws_an_offering(api, make, db, changes):
    org = make.org(side="supply")
    offering = make.offering(org, ref="off-withdraw")
    r = api.as_(make.member(org)).delete("/api/v1/offerings/off-withdraw")
    assert r.status_code == 200 and r.json == offering_dict(_fresh(db, Offering, "off-withdraw"))
    assert r.json["status"] == "withdrawn"
    assert changes == [([], [offering.id])]
    assert api.get("/api/v1/offerings").json["total"] == 0


def test_a_withdrawn_offering_can_be_published_again(api, make, db):
    org = make.org(side="supply")
    make.offering(org, ref="off-again", status="withdrawn")
    r = api.as_(make.member(org)).patch("/api/v1/offerings/off-again", json={"status": "active"})
    assert r.status_code == 200
    assert api.get("/api/v1/offerings/off-again").status_code == 200


def test_method_not_allowed_is_json(api):
    r = api.open("/api/v1/demands", "PUT", json={})
    assert r.status_code == 405
    assert r.json["error"] == "method_not_allowed"


def test_ref_taken_by_a_concurrent_request_is_409_not_500(api, make, db, monkeypatch):
    """The check before the insert can miss a ref that another request takes in
    between; the unique constraint then decides, and the answer is still 409."""
    from marketplace.api import views

    make.demand(ref="dem-race", title="先到")
    real, calls = views._ref_taken, []

    def misses_once(session, kind, ref):
        calls.append(ref)
        return False if len(calls) == 1 else real(session, kind, ref)

    monkeypatch.setattr(views, "_ref_taken", misses_once)
    org = make.org(side="demand")
    r = api.as_(make.member(org)).post("/api/v1/demands", json=demand_body(ref="dem-race", title="后到"))
    assert r.status_code == 409 and "ref" in r.json["fields"]
    assert calls == ["dem-race", "dem-race"]
    assert _fresh(db, Demand, "dem-race").title == "先到"
