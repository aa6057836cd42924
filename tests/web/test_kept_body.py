"""A need's page body (everything but its sections) is rendered once per language
and version for every viewer outside its organization; its own members always get
it rendered for them, with the owner actions."""

from __future__ import annotations

from tests.support.auth import sign_in
from tests.web.test_matches import build_world
from tests.web.test_query_counts import counting

PAGE = "/demands/dem-mw-stamping"


def _body(page: str) -> str:
    start = page.index('<nav class="breadcrumbs"')
    return page[start : page.index('<aside class="detail-side"', start)]


def test_a_vendor_sees_the_kept_body_without_the_attachments_query(app, client, make, db, page_cache):
    world = build_world(make)
    make.attachment("demand", world["need"])
    db.commit()
    sign_in(client, make.member(make.org(side="supply")))
    first = client.get(PAGE).get_data(as_text=True)
    assert "冲压车间人形机器人上下料" in first and 'class="gallery"' in first
    with counting(app.extensions["db_engine"]) as statements:
        again = client.get(PAGE).get_data(as_text=True)
    assert _body(again) == _body(first)
    assert not [q for q in statements if "FROM attachments" in q], "the photos were not read again"


def test_the_owner_gets_the_owner_actions_after_others_viewed_it(app, client, make, page_cache):
    world = build_world(make)
    sign_in(client, make.official())
    seen = client.get(PAGE).get_data(as_text=True)
    assert "owner-actions" not in seen
    owner = app.test_client()
    sign_in(owner, make.member(world["buyer"]))
    page = owner.get(PAGE).get_data(as_text=True)
    assert "owner-actions" in page and f"/demands/{world['need'].ref}/edit" in page


def test_an_edit_is_in_the_next_view_and_each_language_has_its_own(client, make, db, page_cache):
    world = build_world(make)
    sign_in(client, make.official())
    assert "单件最重15kg" in client.get(PAGE).get_data(as_text=True)
    world["need"].description = "三班倒，单件最重18kg。"
    db.commit()
    page = client.get(PAGE).get_data(as_text=True)
    assert "单件最重18kg" in page and "单件最重15kg" not in page
    english = client.get(PAGE + "?lang=en").get_data(as_text=True)
    assert "Description" in _body(english) and "描述" not in _body(english)
