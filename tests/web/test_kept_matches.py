"""The matcher's lists are kept under the page cache's version: a demand page seen
again while no listing changed shows the same list without running the matcher,
and any change to a listing, a price or an organization is in the next view."""

from __future__ import annotations

import pytest

from marketplace import pagecache
from marketplace.matching import service
from marketplace.search.index import IndexUnavailable
from tests.support.auth import sign_in
from tests.web.test_matches import build_world, match_list
from tests.web.test_query_counts import counting


@pytest.fixture
def scored(monkeypatch):
    """How many pairs the matcher scored."""
    calls = {"n": 0}
    real = service.score

    def counting(*args, **kwargs):
        calls["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "score", counting)
    return calls


def _matches(client) -> list[tuple[str, int]]:
    r = client.get("/demands/dem-mw-stamping")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    return match_list(page, "offerings") + match_list(page, "offerings", "ruled")


def test_a_second_view_shows_the_same_list_without_scoring(client, make, page_cache, scored):
    world = build_world(make)
    sign_in(client, make.member(world["buyer"]))
    first = _matches(client)
    assert scored["n"] > 0 and [r for r, _s in first][:2] == ["off-mw-good", "off-mw-fair"]
    before = scored["n"]
    assert _matches(client) == first
    assert scored["n"] == before, "the kept list is shown, not scored again"
    client.get("/demands/dem-mw-stamping?lang=en")
    assert scored["n"] == before, "reasons are kept as codes and read in each language"


def test_a_price_change_is_in_the_next_view(client, make, db, page_cache, scored):
    world = build_world(make)
    sign_in(client, make.member(world["buyer"]))
    first = dict(_matches(client))
    price = next(p for p in world["good"].mode_prices if p.mode == "lease")
    price.price = 30000  # now over the 10,000 budget
    db.commit()
    second = dict(_matches(client))
    assert second["off-mw-good"] < first["off-mw-good"]


def test_a_withdrawn_offering_leaves_the_kept_list_at_once(client, make, db, page_cache, scored):
    world = build_world(make)
    sign_in(client, make.member(world["buyer"]))
    assert "off-mw-good" in dict(_matches(client))
    world["good"].status = "withdrawn"
    db.commit()
    assert "off-mw-good" not in dict(_matches(client))


def test_a_list_read_from_the_database_alone_is_not_kept(app, make, db, page_cache, monkeypatch):
    world = build_world(make)

    def unavailable(*_a, **_kw):
        raise IndexUnavailable("being rebuilt")

    with monkeypatch.context() as m:
        m.setattr(service, "_offering_candidates", unavailable)
        degraded = service.matches_for_demand(db, world["need"], 10)
    assert degraded, "the database fallback still proposes offerings"
    with_index = service.matches_for_demand(db, world["need"], 10, ruled_out=3)
    assert "off-mw-trap" in [r.record.ref for r in with_index]
    key, kept = pagecache.recall(f"matches:d{world['need'].id}:10:0")
    assert key is not None and kept is None, "the fallback's list was not kept"


# ---------------------------------------------------------------- the rendered section


def _section(client, path="/demands/dem-mw-stamping") -> str:
    page = client.get(path).get_data(as_text=True)
    start = page.index('<section class="section matches"')
    return page[start : page.index("</section>", start)]


def test_the_rendered_list_is_kept_and_shown_without_loading_the_offerings(app, client, make, db, page_cache):
    world = build_world(make)
    sign_in(client, make.official())
    first = _section(client)
    assert "off-mw-good" in first
    with counting(app.extensions["db_engine"]) as statements:
        again = _section(client)
    assert again == first
    assert statements and not [q for q in statements if "FROM offerings" in q], "no offering was loaded"
    world["good"].title = "工业人形机器人（上下料，新款）"
    db.commit()
    assert "新款" in _section(client), "a changed listing is in the next view"


def test_each_language_and_each_viewer_gets_its_own_rendering(app, client, make, page_cache):
    world = build_world(make)
    sign_in(client, make.official())
    official_zh = _section(client)
    assert "推荐供给" in official_zh or "匹配" in official_zh
    assert "propose-pilot" not in official_zh, "officials propose no pilot"
    official_en = _section(client, "/demands/dem-mw-stamping?lang=en")
    assert "Proposed offerings" in official_en
    member_client = app.test_client()
    sign_in(member_client, make.member(world["buyer"]))
    member = _section(member_client, "/demands/dem-mw-stamping?lang=zh")
    assert "propose-pilot" in member, "a member of the need's organization may propose a pilot"
    assert "off-mw-good" in member
