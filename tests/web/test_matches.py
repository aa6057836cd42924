"""Proposed offerings on a demand's page and potential needs on an offering's page:
who sees them, in which order, with which reasons, in both languages."""

from __future__ import annotations

import re

import pytest

from tests.support.auth import sign_in


def build_world(make) -> dict:
    """A small market: one need, offerings that fit it well, one that reads perfectly
    but breaks a hard condition, one withdrawn. Shared by the API and CLI tests."""
    buyer = make.org(side="demand", ref="org-mw-buyer", name="宁波汽配冲压厂", city="ningbo")
    vendor = make.org(side="supply", ref="org-mw-vendor", name="甬擎智能", verified=True)
    other = make.org(side="supply", ref="org-mw-other", name="瓯越机器人")
    need = make.demand(
        buyer,
        ref="dem-mw-stamping",
        title="冲压车间人形机器人上下料",
        description="两班倒，每班4人负责上下料，单件最重15kg。",
        tasks=["loading"],
        payload_kg=15,
        quantity=2,
        modes=["purchase", "lease"],
        budget={"lease": 10000},
        city="ningbo",
    )
    offers = {
        "good": make.offering(
            vendor,
            ref="off-mw-good",
            title="工业人形机器人（上下料）",
            tasks=["loading"],
            payload_kg=20,
            modes=[{"mode": "lease", "price": 8000}],
            units_available=3,
        ),
        "fair": make.offering(
            other,
            ref="off-mw-fair",
            title="通用双臂机器人",
            tasks=["handling"],
            description="可二次开发上下料应用。",
            payload_kg=16,
            modes=[{"mode": "lease", "price": 12000}],
            units_available=1,
        ),
        # Reads perfectly, but does not serve Ningbo.
        "trap": make.offering(
            other,
            ref="off-mw-trap",
            title="冲压车间人形机器人上下料专机",
            description="冲压车间上下料，两班倒替代人工，单件15kg以内。",
            tasks=["loading"],
            payload_kg=20,
            service_cities=["wenzhou"],
            modes=[{"mode": "lease", "price": 7000}],
        ),
        "gone": make.offering(
            vendor,
            ref="off-mw-gone",
            title="冲压上下料人形机器人（旧款）",
            tasks=["loading"],
            status="withdrawn",
        ),
    }
    return {"buyer": buyer, "vendor": vendor, "other": other, "need": need, **offers}


@pytest.fixture
def world(make):
    return build_world(make)


def match_list(page: str, kind: str, part: str = "fitting") -> list[tuple[str, int]]:
    """(ref, score) of each match card, in page order: the list, or the ruled-out part."""
    section = page.split('id="matches-title"', 1)[1] if 'id="matches-title"' in page else ""
    fitting, _sep, ruled = section.partition('class="ruled-out-title"')
    section = fitting if part == "fitting" else ruled
    refs = re.findall(rf'<h3 class="card-title"><a href="/{kind}/([\w-]+)">', section)
    scores = [int(s) for s in re.findall(r'class="match-score"[^>]*>(\d+)<small>', section)]
    return list(zip(refs, scores, strict=True))


def test_the_demand_page_shows_its_organization_the_best_offerings_with_reasons(client, make, world):
    sign_in(client, make.member(world["buyer"]))
    page = client.get("/demands/dem-mw-stamping").get_data(as_text=True)
    assert "推荐供给" in page
    listed = match_list(page, "offerings")
    ruled = match_list(page, "offerings", "ruled")
    assert [r for r, _s in listed] == ["off-mw-good", "off-mw-fair"]
    assert [r for r, _s in ruled] == ["off-mw-trap"], (
        "the text-perfect offering that breaks a hard condition: below"
    )
    assert "off-mw-gone" not in page, "withdrawn offerings are never proposed"
    scores = dict(listed + ruled)
    assert scores["off-mw-good"] > scores["off-mw-fair"] >= 30 > scores["off-mw-trap"]
    for reason in (
        "覆盖上下料",
        "负载20 kg ≥ 所需15 kg",
        "短期租赁 8,000 元/台·月，在预算10,000以内",
        "服务全省",
        "不服务宁波",
        "不符合硬性条件",
    ):
        assert reason in page


def test_reasons_are_in_the_readers_language(client, make, world):
    sign_in(client, make.member(world["buyer"]))
    page = client.get("/demands/dem-mw-stamping?lang=en").get_data(as_text=True)
    assert "Proposed offerings" in page
    assert "covers machine loading/unloading" in page and "does not serve Ningbo" in page
    assert "short-term lease at 8,000 CNY per unit per month within the 10,000 budget" in page


def test_officials_see_the_matches_other_visitors_do_not(client, make, world):
    sign_in(client, make.official())
    assert match_list(client.get("/demands/dem-mw-stamping").get_data(as_text=True), "offerings")
    for user in (None, make.member(world["vendor"])):
        client.post("/logout")
        if user is not None:
            sign_in(client, user)
        page = client.get("/demands/dem-mw-stamping").get_data(as_text=True)
        assert "推荐供给" not in page and 'class="match-score"' not in page


def test_the_offering_page_shows_its_owners_the_needs_it_fits(client, make, world):
    sign_in(client, make.member(world["vendor"]))
    page = client.get("/offerings/off-mw-good").get_data(as_text=True)
    assert "潜在需求" in page
    assert match_list(page, "demands")[0][0] == "dem-mw-stamping"
    client.post("/logout")
    sign_in(client, make.member(world["buyer"]))
    page = client.get("/offerings/off-mw-good").get_data(as_text=True)
    assert "潜在需求" not in page


def test_a_closed_need_is_never_proposed_to_an_offering(client, db, make, world):
    world["need"].status = "closed"
    db.flush()
    sign_in(client, make.member(world["vendor"]))
    page = client.get("/offerings/off-mw-good").get_data(as_text=True)
    assert "dem-mw-stamping" not in [r for r, _s in match_list(page, "demands")]


def test_matches_are_escaped(client, make, world):
    make.offering(
        world["vendor"],
        ref="off-mw-xss",
        title="<script>alert(1)</script>上下料机器人",
        tasks=["loading"],
        certifications=['"><img src=x onerror=alert(2)>'],
    )
    sign_in(client, make.member(world["buyer"]))
    page = client.get("/demands/dem-mw-stamping").get_data(as_text=True)
    assert "off-mw-xss" in page
    assert "<script>alert(1)" not in page and "<img src=x" not in page
