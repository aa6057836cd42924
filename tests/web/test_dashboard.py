"""The officials' dashboard: the figures against known data, the page (SVG charts
and their tables, both languages), the gap and its export."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import flask_babel
import pytest

from marketplace.dashboard import charts, stats
from marketplace.matching.best import refresh_all
from marketplace.pilots import services
from tests.support.auth import sign_in
from tests.support.pilots import install_fake_matcher, walk


@pytest.fixture
def known(make, db):
    """A small province with every figure worked out by hand below."""
    hz = make.org(side="demand", city="hangzhou")
    nb = make.org(side="demand", city="ningbo")
    vendor = make.org(side="supply", city="jiaxing")
    d_factory = make.demand(
        nb,
        ref="dem-k-factory",
        domain="manufacturing",
        city="ningbo",
        modes=["purchase", "lease"],
        tasks=["loading"],
    )
    d_ward = make.demand(
        hz,
        ref="dem-k-ward",
        domain="healthcare",
        city="hangzhou",
        modes=[],
        budget={},
        tasks=["delivery"],
        environments=["wet"],
    )
    d_care = make.demand(
        hz,
        ref="dem-k-care",
        domain="eldercare",
        city="hangzhou",
        modes=[],
        budget={},
        tasks=["companionship"],
    )
    make.demand(hz, ref="dem-k-closed", domain="eldercare", city="wenzhou", status="closed")
    make.demand(nb, ref="dem-k-draft", domain="manufacturing", status="draft")
    o_multi = make.offering(
        vendor,
        ref="off-k-multi",
        domains=["manufacturing", "healthcare", "eldercare"],
        tasks=[],
        modes=[{"mode": "purchase", "price": 100}, {"mode": "lease", "price": 10}],
    )
    o_care = make.offering(
        vendor, ref="off-k-care", domains=["eldercare"], tasks=[], modes=[{"mode": "raas", "price": 50}]
    )
    make.offering(vendor, ref="off-k-gone", status="withdrawn")
    people = {org.id: make.member(org) for org in (hz, nb, vendor)}
    official = make.official()

    def pilot(demand, offering, state, mode):
        p = services.propose(
            db,
            people[offering.org_id],
            demand,
            offering,
            {"title": f"{demand.ref}-{state}", "plan": "计划", "mode": mode},
        )
        return walk(db, p, state, people[offering.org_id], people[demand.org_id], official)

    pilot(d_factory, o_multi, "approved", "purchase")
    pilot(d_ward, o_multi, "in_progress", "lease")
    pilot(d_care, o_care, "completed", "raas")
    pilot(d_care, o_multi, "rejected", "lease")
    pilot(d_factory, o_care, "draft", "raas")
    return {"demands": (d_factory, d_ward, d_care), "offerings": (o_multi, o_care)}


def test_the_figures_of_known_data(db, known):
    figures = stats.compute(db)
    p = figures["progress"]
    assert (p["target"], p["approved"], p["in_progress"], p["completed"], p["total"]) == (50, 1, 1, 1, 3)
    assert p["percent"] == 6.0 and p["remaining"] == 47
    pilots = figures["pilots"]
    assert pilots["total"] == 5
    assert {k: v for k, v in pilots["by_state"].items() if v} == {
        "draft": 1,
        "approved": 1,
        "rejected": 1,
        "in_progress": 1,
        "completed": 1,
    }
    assert {k: v for k, v in pilots["by_domain"].items() if v} == {
        "manufacturing": 2,
        "healthcare": 1,
        "eldercare": 2,
    }
    assert {k: v for k, v in pilots["counted_by_domain"].items() if v} == {
        "manufacturing": 1,
        "healthcare": 1,
        "eldercare": 1,
    }
    assert {k: v for k, v in pilots["by_city"].items() if v} == {"ningbo": 2, "hangzhou": 3}
    assert {k: v for k, v in pilots["by_mode"].items() if v} == {"purchase": 1, "lease": 2, "raas": 2}
    demands = figures["demands"]
    assert demands["total"] == 3, "open demands only"
    assert {k: v for k, v in demands["by_domain"].items() if v} == {
        "manufacturing": 1,
        "healthcare": 1,
        "eldercare": 1,
    }
    assert {k: v for k, v in demands["by_city"].items() if v} == {"ningbo": 1, "hangzhou": 2}
    assert {k: v for k, v in demands["by_mode"].items() if v} == {"purchase": 1, "lease": 1, "any": 2}
    offerings = figures["offerings"]
    assert offerings["total"] == 2, "active offerings only"
    assert {k: v for k, v in offerings["by_domain"].items() if v} == {
        "manufacturing": 1,
        "healthcare": 1,
        "eldercare": 2,
    }
    assert {k: v for k, v in offerings["by_city"].items() if v} == {"jiaxing": 2}
    assert {k: v for k, v in offerings["by_mode"].items() if v} == {"purchase": 1, "lease": 1, "raas": 1}
    month = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    this_month = next(r for r in figures["trend"] if r["month"] == month)
    assert len(figures["trend"]) == 12 and figures["trend"][-1]["month"] == month
    assert (
        this_month["demands"],
        this_month["offerings"],
        this_month["pilots_proposed"],
        this_month["pilots_approved"],
    ) == (5, 3, 5, 3)


def test_the_gap_groups_open_demands_without_good_supply(db, known, monkeypatch):
    d_factory, d_ward, d_care = known["demands"]
    o_multi, o_care = known["offerings"]
    best = {d_factory.id: [(o_multi, 85)], d_ward.id: [(o_multi, 40)], d_care.id: []}
    install_fake_matcher(monkeypatch, for_demand=lambda d: best.get(d.id, []))
    stored = refresh_all(db)  # what the listing-alerts job and the daily job do
    assert stored == 3
    install_fake_matcher(monkeypatch, for_demand=_never)  # the figures read the stored scores
    gap = stats.compute(db, gap_threshold=60)["gap"]
    assert gap["not_computed"] == 0
    assert gap["total"] == 2
    assert {r["demand"]: r["best_score"] for r in gap["demands"]} == {"dem-k-ward": 40, "dem-k-care": None}
    assert {k: v for k, v in gap["by_domain"].items() if v} == {"healthcare": 1, "eldercare": 1}
    assert {k: v for k, v in gap["by_city"].items() if v} == {"hangzhou": 2}
    assert gap["by_task"] == {"delivery": 1, "companionship": 1}
    assert gap["by_environment"] == {"wet": 1}
    assert stats.compute(db, gap_threshold=90)["gap"]["total"] == 3
    assert stats.compute(db, gap_threshold=0)["gap"]["total"] == 1, "no proposal at all is always a gap"


def _never(demand):
    raise AssertionError("the dashboard ran the matcher")


def test_threshold_parsing():
    assert stats.parse_threshold("75") == 75
    for raw in (None, "", "-1", "101", "abc", "50.5", "' OR 1=1--"):
        assert stats.parse_threshold(raw) == stats.DEFAULT_GAP_THRESHOLD


def _official_client(app, make):
    client = app.test_client()
    official = make.official(email="dash-official@example.test")
    sign_in(client, official)
    return client


@pytest.mark.parametrize(
    "lang, words",
    [
        ("zh", ["数据看板", "2027 年建成 50 个示范应用场景目标进度", "供需缺口", "以表格查看"]),
        (
            "en",
            [
                "Dashboard",
                "Progress toward 50 demonstration scenarios by 2027",
                "Supply–demand gap",
                "Show as a table",
            ],
        ),
    ],
)
def test_the_page_draws_svg_charts_with_tables(app, make, known, lang, words):
    client = _official_client(app, make)
    client.get(f"/lang/{lang}")
    flask_babel.refresh()
    response = client.get("/dashboard")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    for word in words:
        assert word in text
    assert re.search(r'id="progress-total">3<', text)
    assert text.count("<svg") >= 8 and "<script" not in text.split("</header>", 1)[1]
    assert 'style="' not in text, "inline styles are forbidden by the Content-Security-Policy"
    for table in ("table-progress", "table-domain", "table-city", "table-mode", "table-trend"):
        assert f'id="{table}"' in text
    city_table = text.split('id="table-city"', 1)[1].split("</table>", 1)[0]
    hangzhou = "杭州" if lang == "zh" else "Hangzhou"
    assert re.search(
        rf">{hangzhou}</th><td class=\"num\">3</td><td class=\"num\">2</td><td class=\"num\">0</td>",
        city_table,
    )


def test_the_gap_export_neutralises_formulas(app, make, db, known, monkeypatch):
    d_factory, d_ward, d_care = known["demands"]
    d_ward.title = '=HYPERLINK("http://evil")'
    db.flush()
    install_fake_matcher(monkeypatch, for_demand=lambda d: [])
    refresh_all(db)
    client = _official_client(app, make)
    response = client.get("/dashboard/gap.csv?threshold=70")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith("supply-demand-gap-70.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1 + 3
    titles = [r[1] for r in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in titles
    assert client.get("/dashboard/gap.xlsx").status_code == 200


def test_members_do_not_see_the_dashboard(app, make):
    client = app.test_client()
    member = make.member()
    sign_in(client, member)
    assert client.get("/dashboard").status_code == 403
    assert client.get("/dashboard/gap.csv").status_code == 403


def test_city_map_shades_by_count():
    m = charts.city_map({"hangzhou": 8, "ningbo": 2, "out_of_province": 3})
    shades = {t.code: t.shade for t in m.tiles}
    assert len(m.tiles) == 11 and shades["hangzhou"] == "q4" and shades["ningbo"] == "q1"
    assert shades["lishui"] == "q0" and m.outside == 3
    assert charts.city_map({}).legend == [("q0", "0")]


def test_progress_bar_scales_past_the_target():
    bar = charts.progress_bar([("completed", 30), ("in_progress", 20), ("approved", 10)], 50)
    assert bar.scale_max == 60 and bar.target_x < bar.segments[-1].x + bar.segments[-1].w


def test_a_failing_matcher_keeps_the_stored_scores(app, make, db, known, monkeypatch):
    d_factory, d_ward, d_care = known["demands"]
    o_multi, _o_care = known["offerings"]
    install_fake_matcher(monkeypatch, for_demand=lambda d: [(o_multi, 40)])
    refresh_all(db)

    def broken(demand):
        raise OSError("index missing")

    install_fake_matcher(monkeypatch, for_demand=broken)
    assert refresh_all(db) == 0, "nothing recomputed, nothing lost"
    gap = stats.compute(db)["gap"]
    assert gap["available"] is True and gap["total"] == 3
    assert {r["best_score"] for r in gap["demands"]} == {40}
    response = _official_client(app, make).get("/dashboard")
    assert response.status_code == 200
    assert "匹配服务暂不可用" not in response.get_data(as_text=True)
