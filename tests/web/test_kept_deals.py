"""The responses section of a need's page, as officials see it, is rendered once per
language and version of the listings and kept: the next official's view reads no
response. Any response's change (a new one, a step of the workflow, a revision)
makes a new version, so the next view shows it; the parties never get the
officials' section."""

from __future__ import annotations

from tests.web.test_deals_web import client_for, get, w  # noqa: F401 (w: the fixture)
from tests.web.test_query_counts import counting

PAGE = "/demands/dem-web"


def _section(page: str) -> str:
    start = page.index('id="deals"')
    return page[start : page.index("</section>", start)]


def _statements_on_responses(app, client) -> tuple[str, list[str]]:
    with counting(app.extensions["db_engine"]) as statements:
        page = get(client, PAGE)
    return page, [q for q in statements if "FROM deal_responses" in q]


def test_a_second_official_reads_the_kept_section_without_a_query(app, db, make, w, page_cache):  # noqa: F811
    make.deal_response(w.demand, w.oa, by=w.va, mode="lease", price=11800)
    db.commit()
    first, read = _statements_on_responses(app, client_for(app, w.official))
    assert "甲型搬运机器人" in _section(first) and read, "the first view reads the responses"
    again, read = _statements_on_responses(app, client_for(app, make.official()))
    assert _section(again) == _section(first)
    assert not read, "the kept section was not read again"


def test_a_new_response_and_a_step_show_in_the_next_view(app, db, make, w, page_cache):  # noqa: F811
    from marketplace.deals import services

    official = client_for(app, w.official)
    make.deal_response(w.demand, w.oa, by=w.va, mode="lease", price=11800)
    db.commit()
    assert "乙型人形机器人" not in _section(get(official, PAGE))
    second = make.deal_response(w.demand, w.ob, by=w.vb, mode="lease", price=14500)
    db.commit()
    page = _section(get(official, PAGE))
    assert "乙型人形机器人" in page and "deal-state-shortlisted" not in page
    services.transition(db, second, w.buyer, "shortlist")
    db.commit()
    assert "deal-state-shortlisted" in _section(get(official, PAGE))


def test_each_language_has_its_own_kept_section(app, db, make, w, page_cache):  # noqa: F811
    make.deal_response(w.demand, w.oa, by=w.va, mode="lease", price=11800)
    db.commit()
    chinese = _section(get(client_for(app, w.official), PAGE))
    english = _section(get(client_for(app, w.official, lang="en"), PAGE))
    assert "响应" in chinese and "Responses" in english and "响应" not in english


def test_the_parties_never_get_the_officials_section(app, db, make, w, page_cache):  # noqa: F811
    make.deal_response(w.demand, w.oa, by=w.va, mode="lease", price=11800)
    make.deal_response(w.demand, w.ob, by=w.vb, mode="lease", price=14500)
    db.commit()
    seen = _section(get(client_for(app, w.official), PAGE))
    assert "甲型搬运机器人" in seen and "乙型人形机器人" in seen and "/respond" not in seen
    vendor = _section(get(client_for(app, w.vb), PAGE))  # its own response, and a way to respond
    assert (
        "乙型人形机器人" in vendor and "甲型搬运机器人" not in vendor and "/demands/dem-web/respond" in vendor
    )
    outsider = get(client_for(app, w.outsider), PAGE)  # a member of another buyer: no section at all
    assert 'id="deals"' not in outsider
