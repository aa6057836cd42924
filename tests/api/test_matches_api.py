"""GET /api/v1/demands/<ref>/matches and /api/v1/offerings/<ref>/matches: who may
ask, the shape, the limit, the OpenAPI document, and the same list as the page and
the `match` command."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.auth import sign_in
from tests.web.test_matches import build_world


@pytest.fixture
def world(make):
    return build_world(make)


def test_the_demand_matches_for_its_organization(api, make, world):
    r = api.as_(make.member(world["buyer"])).get("/api/v1/demands/dem-mw-stamping/matches")
    assert r.status_code == 200, r.json
    items = r.json
    assert [i["offering"] for i in items] == ["off-mw-good", "off-mw-fair"]
    first = items[0]
    assert set(first) == {"offering", "title", "score", "ok", "closest", "reasons", "reason_codes"}
    assert first["closest"] is False
    assert first["ok"] is True and 30 <= first["score"] <= 100
    assert "覆盖上下料" in first["reasons"]


def test_close_candidates_that_break_a_hard_condition_come_on_request_after_the_list(api, make, world):
    items = api.as_(make.official()).get("/api/v1/demands/dem-mw-stamping/matches?ruled_out=3").json
    assert [i["offering"] for i in items] == ["off-mw-good", "off-mw-fair", "off-mw-trap"]
    trap = items[-1]
    assert trap["ok"] is False and trap["score"] < 30
    assert {"code": "city_not_served", "tone": "bad"} in trap["reason_codes"]
    assert "不服务宁波" in trap["reasons"]


def test_reasons_follow_the_requested_language(api, make, world):
    client = api.as_(make.official())
    items = client.get("/api/v1/demands/dem-mw-stamping/matches?lang=en").json
    assert "covers machine loading/unloading" in items[0]["reasons"]
    items = client.get("/api/v1/demands/dem-mw-stamping/matches", headers={"Accept-Language": "en"}).json
    assert "covers machine loading/unloading" in items[0]["reasons"]


def test_the_offering_matches_name_demands(api, make, world):
    items = api.as_(make.member(world["vendor"])).get("/api/v1/offerings/off-mw-good/matches").json
    assert items[0]["demand"] == "dem-mw-stamping" and "offering" not in items[0]


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 401), ("other", 403), ("official", 200), ("admin", 200)]
)
def test_who_may_ask(api, make, world, who, status):
    user = {
        "anonymous": None,
        "other": make.member(world["other"]),
        "official": make.official(),
        "admin": make.admin(),
    }[who]
    client = api.as_(user)
    assert client.get("/api/v1/demands/dem-mw-stamping/matches").status_code == status
    assert client.get("/api/v1/offerings/off-mw-good/matches").status_code == (
        403 if who == "other" else status
    )


def test_unknown_and_hidden_records_are_404(api, make, world):
    client = api.as_(make.official())
    assert client.get("/api/v1/demands/dem-nope/matches").status_code == 404
    assert client.get("/api/v1/offerings/off-mw-gone/matches").status_code == 404, "withdrawn: its org only"
    owner = api.as_(make.member(world["vendor"]))
    assert owner.get("/api/v1/offerings/off-mw-gone/matches").status_code == 200


@pytest.mark.parametrize("value", ["0", "51", "-1", "abc", "1.5", "١"])
def test_a_bad_limit_is_400_naming_it(api, make, world, value):
    r = api.as_(make.official()).get(f"/api/v1/demands/dem-mw-stamping/matches?limit={value}")
    assert r.status_code == 400 and "limit" in r.json["fields"]
    if value != "0":
        r = api.as_(make.official()).get(f"/api/v1/offerings/off-mw-good/matches?ruled_out={value}")
        assert r.status_code == 400 and "ruled_out" in r.json["fields"]


def test_the_limit_cuts_the_list(api, make, world):
    items = api.as_(make.official()).get("/api/v1/demands/dem-mw-stamping/matches?limit=1").json
    assert [i["offering"] for i in items] == ["off-mw-good"]


def test_the_openapi_document_describes_both_endpoints(api):
    doc = api.get("/api/v1/openapi.json").json
    for path in ("/api/v1/demands/{ref}/matches", "/api/v1/offerings/{ref}/matches"):
        assert "get" in doc["paths"][path]
    assert "OfferingMatch" in doc["components"]["schemas"]


def test_page_api_and_command_give_the_same_list(app, api, client, runner, make, world):
    member = make.member(world["buyer"])
    api_items = api.as_(member).get("/api/v1/demands/dem-mw-stamping/matches").json
    from_api = [(i["offering"], i["score"]) for i in api_items]

    result = runner.invoke(args=["match", "dem-mw-stamping", "--format", "json"])
    assert result.exit_code == 0, result.output
    cli_items = json.loads(result.output)
    assert [(i["offering"], i["score"]) for i in cli_items] == from_api
    assert [i["reasons"] for i in cli_items] == [i["reasons"] for i in api_items]

    sign_in(client, member)
    page = client.get("/demands/dem-mw-stamping").get_data(as_text=True)
    section = page.split('id="matches-title"', 1)[1].partition('class="ruled-out-title"')[0]
    refs = re.findall(r'<h3 class="card-title"><a href="/offerings/([\w-]+)">', section)
    scores = [int(s) for s in re.findall(r'class="match-score"[^>]*>(\d+)<small>', section)]
    assert list(zip(refs, scores, strict=True)) == from_api
