"""/api/v1/pilots: propose, read with history, transitions; every refusal."""

from __future__ import annotations

import pytest

from tests.support.pilots import pair_world

UNKNOWN_ZH = "记录不存在，或您无权查看。"


@pytest.fixture
def world(make):
    return pair_world(make)


def _propose(api, world, user=None, **extra):
    body = {
        "demand": world.demand.ref,
        "offering": world.offering.ref,
        "title": "病区配送示范",
        "plan": "两台机器人夜间配送。",
        **extra,
    }
    return api.as_(user or world.offering_member).post("/api/v1/pilots", json=body)


def test_propose_returns_201_with_id_and_state(api, world):
    response = _propose(
        api, world, mode="lease", quantity=2, start_date="2027-01-10", expected_manual_share=40
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["state"] == "draft" and isinstance(body["id"], int)
    assert response.headers["Location"].endswith(f"/api/v1/pilots/{body['id']}")
    assert body["demand"] == world.demand.ref and body["offering"] == world.offering.ref
    assert body["confirmed"] is False and body["price"] == 8000.0 and body["quantity"] == 2
    assert body["history"][0]["action"] == "propose"


def test_the_whole_path_through_the_api(api, world):
    pilot_id = _propose(api, world).json["id"]
    url = f"/api/v1/pilots/{pilot_id}/transitions"
    vendor, hospital, official = (
        api.as_(world.offering_member),
        api.as_(world.demand_member),
        api.as_(world.official),
    )
    steps = [
        (hospital, {"action": "confirm"}, "draft"),
        (vendor, {"action": "submit"}, "submitted"),
        (official, {"action": "request_changes", "comment": "请补充安全方案"}, "changes_requested"),
        (vendor, {"action": "submit", "comment": "已补充"}, "submitted"),
        (official, {"action": "approve", "comment": "同意"}, "approved"),
        (hospital, {"action": "start"}, "in_progress"),
        (
            official,
            {
                "action": "complete",
                "comment": "验收通过",
                "outcome": {"hours": 1800, "manual_share": 45, "incidents_avoided": 2},
            },
            "completed",
        ),
    ]
    for client, body, state in steps:
        response = client.post(url, json=body)
        assert response.status_code == 200, (body, response.json)
        assert response.json["state"] == state
    final = hospital.get(f"/api/v1/pilots/{pilot_id}").json
    assert [h["action"] for h in final["history"]] == [
        "propose",
        "confirm",
        "submit",
        "request_changes",
        "submit",
        "approve",
        "start",
        "complete",
    ]
    changes = final["history"][3]
    assert changes["comment"] == "请补充安全方案" and changes["from"] == "submitted"
    assert changes["to"] == "changes_requested" and changes["by"] == world.official.name
    assert final["outcome"] == {
        "hours": 1800,
        "manual_share": 45,
        "incidents_avoided": 2,
        "summary": "验收通过",
    }
    assert final["actions"] == []


@pytest.mark.parametrize(
    "who, state, body, status",
    [
        ("demand_member", "submitted", {"action": "approve"}, 403),
        ("official", "draft", {"action": "approve"}, 409),
        ("official", "completed", {"action": "terminate", "comment": "x"}, 409),
        ("offering_member", "draft_unconfirmed", {"action": "submit"}, 409),
        ("offering_member", "draft_unconfirmed", {"action": "confirm"}, 403),
        ("official", "submitted", {"action": "reject"}, 400),
        ("official", "submitted", {"action": "reject", "comment": ""}, 400),
        ("official", "in_progress", {"action": "complete", "comment": "通过"}, 400),
        ("official", "submitted", {"action": "publish"}, 400),
        ("official", "submitted", {"action": "approve", "comment": 5}, 400),
        ("outsider", "submitted", {"action": "approve"}, 404),
    ],
)
def test_refusals(api, db, world, who, state, body, status):
    pilot = world.pilot("draft", confirmed=False) if state == "draft_unconfirmed" else world.pilot(state)
    before = (pilot.state, pilot.version)
    response = api.as_(getattr(world, who)).post(f"/api/v1/pilots/{pilot.id}/transitions", json=body)
    assert response.status_code == status, response.json
    assert set(response.json) >= {"error", "message"}
    db.refresh(pilot)
    assert (pilot.state, pilot.version) == before


def test_comment_requirement_names_the_field(api, world):
    pilot = world.pilot("submitted")
    response = api.as_(world.official).post(
        f"/api/v1/pilots/{pilot.id}/transitions", json={"action": "request_changes"}
    )
    assert response.status_code == 400 and "comment" in response.json["fields"]


def test_propose_refusals(api, world):
    assert api.post("/api/v1/pilots", json={}).status_code == 401
    assert _propose(api, world, user=world.official).status_code == 403
    assert _propose(api, world, user=world.outsider).status_code == 403
    response = api.as_(world.offering_member).post("/api/v1/pilots", json={"demand": "nope", "title": "x"})
    assert response.status_code == 400
    # Field messages are sentences in the request's language (Chinese here), not codes.
    assert response.json["fields"] == {"demand": UNKNOWN_ZH, "offering": "必填"}
    response = _propose(api, world, plan="", quantity="many")
    assert response.status_code == 400 and {"plan", "quantity"} <= set(response.json["fields"])
    bad = api.as_(world.offering_member).post(
        "/api/v1/pilots", data="{not json", headers={"Content-Type": "application/json"}
    )
    assert bad.status_code == 400
    assert _propose(api, world).status_code == 201
    assert _propose(api, world, user=world.demand_member).status_code == 409


def test_a_draft_of_another_organization_is_as_unknown_as_nothing(api, make, world):
    hidden = make.demand(world.outsider.organization, ref="dem-hidden-draft", status="draft")
    response = api.as_(world.offering_member).post(
        "/api/v1/pilots",
        json={"demand": hidden.ref, "offering": world.offering.ref, "title": "x", "plan": "y"},
    )
    assert response.status_code == 400 and response.json["fields"]["demand"] == UNKNOWN_ZH


def test_read_is_for_the_two_organizations_and_officials(api, world):
    pilot = world.pilot("submitted")
    url = f"/api/v1/pilots/{pilot.id}"
    for user in (world.demand_member, world.offering_member, world.official, world.admin):
        assert api.as_(user).get(url).status_code == 200
    assert api.as_(world.outsider).get(url).status_code == 404
    assert api.get(url).status_code == 401
    assert api.as_(world.official).get("/api/v1/pilots/999999").status_code == 404
    assert api.as_(world.official).get(url).json["actions"] == ["approve", "reject", "request_changes"]


def test_text_comes_back_verbatim_as_json(api, world):
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    response = _propose(api, world, title=hostile)
    assert response.status_code == 201
    assert response.json["title"] == hostile
    assert response.headers["Content-Type"].startswith("application/json")


def test_described_in_the_openapi_document(api):
    doc = api.get("/api/v1/openapi.json").json
    assert "post" in doc["paths"]["/api/v1/pilots"]
    assert "get" in doc["paths"]["/api/v1/pilots/{pilot_id}"]
    transitions = doc["paths"]["/api/v1/pilots/{pilot_id}/transitions"]["post"]
    assert {"200", "403", "409"} <= set(transitions["responses"])
    assert (
        "request_changes" in doc["components"]["schemas"]["PilotTransition"]["properties"]["action"]["enum"]
    )


@pytest.mark.parametrize(
    "outcome",
    [
        {"hours": "many"},
        {"hours": [1]},
        {"hours": 1.5},
        {"hours": -3},
        {"manual_share": 40},
        {"hours": 10, "manual_share": 140},
        "all good",
    ],
)
def test_bad_outcome_figures_are_a_bad_request(api, db, world, outcome):
    pilot = world.pilot("in_progress")
    response = api.as_(world.official).post(
        f"/api/v1/pilots/{pilot.id}/transitions",
        json={"action": "complete", "comment": "验收", "outcome": outcome},
    )
    assert response.status_code == 400, response.json
    db.refresh(pilot)
    assert pilot.state == "in_progress"


def test_an_infinite_figure_is_a_bad_request_not_a_crash(api, db, world):
    pilot = world.pilot("in_progress")
    response = api.as_(world.official).post(
        f"/api/v1/pilots/{pilot.id}/transitions",
        data='{"action": "complete", "comment": "x", "outcome": {"hours": 1e999}}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", 5),
        ("plan", ["x"]),
        ("quantity", 2.5),
        ("price", "abc"),
        ("price", True),
        ("start_date", 20270101),
        ("mode", ["lease"]),
        ("expected_hours", 1.5e30),
    ],
)
def test_wrongly_typed_fields_are_a_bad_request(api, world, field, value):
    import json

    body = {
        "demand": world.demand.ref,
        "offering": world.offering.ref,
        "title": "示范",
        "plan": "计划",
        field: value,
    }
    response = api.as_(world.offering_member).post(
        "/api/v1/pilots", data=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400 and field in response.json["fields"], response.json
