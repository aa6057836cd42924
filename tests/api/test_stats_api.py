"""GET /api/v1/stats: the dashboard's figures, from the same function, for officials."""

from __future__ import annotations

from marketplace.dashboard import stats
from marketplace.matching.best import refresh_all
from tests.support.pilots import install_fake_matcher, pair_world


def test_stats_are_the_dashboards_figures(api, db, make, monkeypatch):
    world = pair_world(make)
    world.pilot("approved")
    install_fake_matcher(monkeypatch, for_demand=lambda d: [(world.offering, 30)])
    refresh_all(db)
    response = api.as_(world.official).get("/api/v1/stats?threshold=50")
    assert response.status_code == 200
    body = response.json
    expected = stats.compute(db, gap_threshold=50)
    body.pop("generated_at"), expected.pop("generated_at")
    assert body == expected
    assert body["progress"]["total"] == 1 and body["progress"]["target"] == 50
    assert body["pilots"]["by_state"]["approved"] == 1
    assert body["demands"]["by_city"]["hangzhou"] == 1
    assert body["gap"]["threshold"] == 50 and body["gap"]["total"] == 1
    assert body["gap"]["demands"][0]["best_score"] == 30


def test_stats_need_an_officials_token(api, make):
    world = pair_world(make)
    assert api.get("/api/v1/stats").status_code == 401
    assert api.as_(world.demand_member).get("/api/v1/stats").status_code == 403
    assert api.as_(world.admin).get("/api/v1/stats").status_code == 200


def test_a_bad_threshold_falls_back_to_the_default(api, make):
    world = pair_world(make)
    body = api.as_(world.official).get("/api/v1/stats?threshold=%27%20OR%201=1--").json
    assert body["gap"]["threshold"] == stats.DEFAULT_GAP_THRESHOLD


def test_stats_in_the_openapi_document(api):
    doc = api.get("/api/v1/openapi.json").json
    assert "get" in doc["paths"]["/api/v1/stats"]
    assert "progress" in doc["components"]["schemas"]["Stats"]["properties"]
