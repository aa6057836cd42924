"""Each open demand's best score is stored (`matching.best`) and kept current by the
`listing-alerts` job (immediate in tests), the daily job and `flask
refresh-best-scores`; the dashboard, the gap export and GET /api/v1/stats read it
with a constant number of queries and never run the matcher."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from marketplace.dashboard import stats
from marketplace.jobs.models import JobRun
from marketplace.listings.models import Demand, Offering
from marketplace.matching import best
from marketplace.matching import service as matching
from marketplace.matching.models import DemandBestScore
from marketplace.search import service as search
from tests.support.auth import sign_in
from tests.support.factories import offering_body
from tests.support.pilots import install_fake_matcher
from tests.web.test_query_counts import counting

DASHBOARD_PAGES = ("/dashboard", "/dashboard/gap.csv?threshold=60", "/api/v1/stats?threshold=60")


def _row(db, demand) -> DemandBestScore | None:
    db.expire_all()
    return db.get(DemandBestScore, demand.id)


def _spy_on_the_matcher(monkeypatch) -> list[str]:
    """Every way into the matcher, recording calls and failing them."""
    calls: list[str] = []

    def spy(name):
        def called(*args, **kwargs):
            calls.append(name)
            raise AssertionError(f"{name} called")

        return called

    for name in (
        "matches_for_demand",
        "matches_for_offering",
        "pair_score",
        "demand_candidates_for_offering",
    ):
        monkeypatch.setattr(matching, name, spy(name))
    for name in ("candidates", "relevance"):
        monkeypatch.setattr(search, name, spy(f"search.{name}"))
    return calls


# ---------------------------------------------------------------- reading


def _demands(make, start: int, stop: int) -> list[Demand]:
    buyer = make.org(side="demand", ref=f"org-bs{start}")
    return [
        make.demand(buyer, ref=f"dem-bs{i}", title=f"上下料 {i}", tasks=["loading"], environments=["wet"])
        for i in range(start, stop)
    ]


def _official_clients(app, db, official):
    """A signed-in browser and a bearer token of `official`."""
    from marketplace.accounts.services import issue_token

    client = app.test_client()
    sign_in(client, official)
    return client, issue_token(db, official, "bs")


def _count_dashboard(db, engine, client, token) -> dict[str, int]:
    counts = {}
    for path in DASHBOARD_PAGES:
        headers = {"Authorization": f"Bearer {token}"} if path.startswith("/api/") else {}
        client.get(path, headers=headers)  # warm
        db.expunge_all()
        with counting(engine) as statements:
            response = client.get(path, headers=headers)
        assert response.status_code == 200, path
        counts[path] = len(statements)
    return counts


def test_the_dashboard_reads_stored_scores_in_constant_queries(app, db, make, engine, monkeypatch):
    vendor = make.org(side="supply")
    offering = make.offering(vendor, ref="off-bs")
    client, token = _official_clients(app, db, make.official())
    scores = {}

    def fake(demand):
        scores[demand.id] = (demand.id * 7) % 100
        return [(offering, scores[demand.id])]

    demands = _demands(make, 0, 5)
    install_fake_matcher(monkeypatch, for_demand=fake)
    best.refresh(db, [d.id for d in demands[:4]])  # the fifth: not computed yet
    db.commit()
    calls = _spy_on_the_matcher(monkeypatch)
    at_5 = _count_dashboard(db, engine, client, token)
    gap = stats.compute(db, gap_threshold=60)["gap"]
    expected = {d.ref for d in demands[:4] if scores[d.id] < 60} | {demands[4].ref}
    assert {r["demand"] for r in gap["demands"]} == expected
    assert gap["not_computed"] == 1
    assert next(r for r in gap["demands"] if r["demand"] == demands[4].ref)["computed"] is False

    more = _demands(make, 5, 50)
    install_fake_matcher(monkeypatch, for_demand=fake)
    best.refresh(db, [d.id for d in more[:-1]])
    db.commit()
    _spy_on_the_matcher(monkeypatch)
    at_50 = _count_dashboard(db, engine, client, token)
    assert at_50 == at_5, "the dashboard's queries do not grow with the demands"
    assert calls == [], "no page ran the matcher"
    assert stats.compute(db, gap_threshold=60)["gap"]["not_computed"] == 2


def test_a_demand_not_computed_yet_shows_as_such_in_the_page_and_export(app, db, make, monkeypatch):
    make.demand(ref="dem-bs-new", title="新需求")
    official = make.official()
    calls = _spy_on_the_matcher(monkeypatch)
    client = app.test_client()
    sign_in(client, official)
    client.get("/lang/en")
    page = client.get("/dashboard").get_data(as_text=True)
    assert "not yet computed" in page and 'id="gap-not-computed"' in page
    rows = list(
        csv.reader(io.StringIO(client.get("/dashboard/gap.csv").get_data(as_text=True).lstrip("\ufeff")))
    )
    row = next(r for r in rows if r[0] == "dem-bs-new")
    assert row[7] == "not yet computed" and row[8] == ""
    assert calls == []


# ---------------------------------------------------------------- kept current by the real services


@pytest.fixture
def need(db, make):
    """An open need, its best stored (nothing proposed yet), a vendor's member and an official."""
    buyer = make.org(side="demand", city="ningbo")
    demand = make.demand(
        buyer, ref="dem-bs-need", title="冲压车间上下料", tasks=["loading"], city="ningbo", modes=["lease"]
    )
    vendor = make.org(side="supply", ref="org-bs-vendor", city="ningbo")
    member = make.member(vendor)
    best.refresh_all(db)
    db.commit()
    return demand, vendor, member


def test_a_new_changed_and_withdrawn_offering_updates_the_stored_best(api, db, need):
    demand, _vendor, member = need
    assert _row(db, demand).offering_id is None, "nothing to propose yet"
    as_member = api.as_(member)
    body = offering_body(
        title="冲压上下料人形机器人",
        description="冲压车间上下料，单件 15kg。",
        tasks=["loading"],
        modes=[{"mode": "lease", "price": 8000}],
    )
    assert as_member.post("/api/v1/offerings", json=body).status_code == 201
    offering = db.scalar(select(Offering).where(Offering.title == "冲压上下料人形机器人"))
    row = _row(db, demand)
    assert row.offering_id == offering.id, "the new offering became the need's best (the job ran)"
    assert row.score == matching.matches_for_demand(db, demand, limit=1)[0].score
    first = row.computed_at

    assert as_member.patch(f"/api/v1/offerings/{offering.ref}", json={"payload_kg": 5}).status_code == 200
    changed = _row(db, demand)
    assert changed.computed_at >= first
    assert changed.score == matching.matches_for_demand(db, demand, limit=1)[0].score

    assert as_member.delete(f"/api/v1/offerings/{offering.ref}").status_code in (200, 204)
    gone = _row(db, demand)
    assert gone.offering_id is None and gone.score is None, "a withdrawn offering is no one's best"


def test_a_closed_demand_drops_out(api, db, need, make):
    demand, _vendor, _member = need
    owner = make.member(demand.organization)
    assert _row(db, demand) is not None
    response = api.as_(owner).patch(f"/api/v1/demands/{demand.ref}", json={"status": "closed"})
    assert response.status_code == 200
    assert _row(db, demand) is None
    assert demand.ref not in {r.ref for r in stats.gap_rows(db, 100)}


def test_a_verification_change_moves_the_score_of_its_offerings_needs(app, db, need, make):
    demand, vendor, _member = need
    make.offering(vendor, ref="off-bs-trust", title="冲压上下料人形机器人", tasks=["loading"])
    best.refresh(db, [demand.id])
    db.commit()
    before = _row(db, demand).score
    client = app.test_client()
    sign_in(client, make.official())
    assert client.post(f"/admin/orgs/{vendor.ref}/verify", data={"verified": "1"}).status_code == 302
    after = _row(db, demand)
    assert after.score > before, "the verified badge counts in the score, refreshed by the job"
    assert after.score == matching.matches_for_demand(db, demand, limit=1)[0].score


# ---------------------------------------------------------------- the safety nets


def _stale(db, make) -> list[Demand]:
    """Two open demands and a closed one whose stored rows are wrong or missing."""
    demands = [make.demand(ref="dem-bs-a"), make.demand(ref="dem-bs-b")]
    closed = make.demand(ref="dem-bs-closed")
    db.flush()
    for d in (demands[0], closed):
        db.add(DemandBestScore(demand_id=d.id, offering_id=None, score=1))
    db.flush()
    closed.status = "closed"
    db.commit()
    return [*demands, closed]


def test_the_daily_job_refreshes_everything(runner, db, make, monkeypatch):
    a, b, closed = _stale(db, make)
    offering = make.offering(ref="off-bs-daily")
    install_fake_matcher(monkeypatch, for_demand=lambda d: [(offering, 77)])
    out = runner.invoke(args=["jobs", "run", "refresh-best-scores"]).output
    assert db.scalar(select(JobRun.status).where(JobRun.job == "refresh-best-scores")) == "done", out
    assert {d.id: (r.score if (r := _row(db, d)) else None) for d in (a, b, closed)} == {
        a.id: 77,
        b.id: 77,
        closed.id: None,
    }


def test_the_command_refreshes_everything(runner, db, make, monkeypatch):
    a, b, closed = _stale(db, make)
    offering = make.offering(ref="off-bs-cli")
    install_fake_matcher(monkeypatch, for_demand=lambda d: [(offering, 64)])
    result = runner.invoke(args=["refresh-best-scores"])
    assert result.exit_code == 0, result.output
    assert "best scores of" in result.output
    assert _row(db, a).score == 64 and _row(db, b).offering_id == offering.id
    assert _row(db, closed) is None


def test_many_changed_offerings_refresh_each_open_demand_once(db, make, monkeypatch):
    demands = [make.demand(ref=f"dem-bs-m{i}") for i in range(3)]
    offerings = [make.offering(ref=f"off-bs-m{i}") for i in range(5)]
    db.flush()
    seen: list[int] = []
    install_fake_matcher(monkeypatch, for_demand=lambda d: seen.append(d.id) or [(offerings[0], 50)])
    calls = _spy_on_the_matcher(monkeypatch)
    install_fake_matcher(monkeypatch, for_demand=lambda d: seen.append(d.id) or [(offerings[0], 50)])
    best.on_listings_changed(db, [demands[0].id], [o.id for o in offerings])
    assert sorted(seen) == sorted(d.id for d in demands), "each open demand once"
    assert "demand_candidates_for_offering" not in calls, (
        "as many offerings as demands: no retrieval per offering"
    )


def test_changed_offerings_cost_one_retrieval_each_and_one_refresh_per_demand(db, make, monkeypatch):
    demands = [make.demand(ref=f"dem-bs-r{i}", title=f"冲压车间上下料 {i}") for i in range(6)]
    offerings = [make.offering(ref=f"off-bs-r{i}", title=f"上下料人形机器人 {i}") for i in range(3)]
    db.flush()
    retrievals: list[int] = []
    refreshed: list[int] = []
    real_retrieval, real_matcher = matching.demand_candidates_for_offering, matching.matches_for_demand

    def retrieval(session, offering, reach=60):
        retrievals.append(offering.id)
        return real_retrieval(session, offering, reach)

    def matcher(session, demand, limit=10, ruled_out=0):
        refreshed.append(demand.id)
        return real_matcher(session, demand, limit, ruled_out)

    monkeypatch.setattr(matching, "demand_candidates_for_offering", retrieval)
    monkeypatch.setattr(matching, "matches_for_demand", matcher)
    best.on_listings_changed(db, [demands[0].id, demands[0].id], [o.id for o in offerings] * 2)
    assert sorted(retrievals) == sorted(o.id for o in offerings), "one retrieval per changed offering"
    assert len(refreshed) == len(set(refreshed)), "each affected demand refreshed once"
    assert set(refreshed) == {d.id for d in demands}, "every need the offerings retrieve (all fit here)"
    assert {r.demand_id for r in db.scalars(select(DemandBestScore))} == {d.id for d in demands}


def test_reindex_leaves_the_stored_scores_current(runner, db, make):
    demand = make.demand(ref="dem-bs-reindex")
    make.offering(ref="off-bs-reindex")
    db.commit()
    skipped = runner.invoke(args=["reindex", "--procs", "1", "--no-scores"])
    assert skipped.exit_code == 0, skipped.output
    assert _row(db, demand) is None
    result = runner.invoke(args=["reindex", "--procs", "1"])
    assert result.exit_code == 0, result.output
    assert "best scores of" in result.output
    assert _row(db, demand).score == matching.matches_for_demand(db, demand, limit=1)[0].score
