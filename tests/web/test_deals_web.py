"""The deal pages: invite, respond (errors keep what was typed), revise, decide,
talk (escaped), compare, accept into a prefilled pilot proposal; sealing through
every page, the exports and the search; contact details only to the two parties."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import flask_babel
import pytest
from sqlalchemy import select

from marketplace.deals import services
from marketplace.deals.models import DealResponse
from tests.factories import PASSWORD


def client_for(app, user, lang: str | None = None):
    client = app.test_client()
    if lang:
        client.get(f"/lang/{lang}")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def get(client, path: str, status: int = 200) -> str:
    flask_babel.refresh()
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response.get_data(as_text=True)


def post(client, path: str, data: dict):
    flask_babel.refresh()
    return client.post(path, data=data)


@pytest.fixture
def w(make):
    class W:
        pass

    w = W()
    w.factory = make.org(
        side="demand",
        ref="org-web-factory",
        contact_name="王工",
        contact_phone="0574-86001234",
        contact_email="wang@factory.example.com",
    )
    w.org_a = make.org(
        side="supply",
        ref="org-web-va",
        contact_name="李经理",
        contact_phone="13900000002",
        contact_email="li@va.example.com",
    )
    w.org_b = make.org(side="supply", ref="org-web-vb", contact_name="赵总", contact_phone="13900000003")
    w.other = make.org(side="demand", ref="org-web-other")
    w.demand = make.demand(
        w.factory,
        ref="dem-web",
        title="冲压车间料箱搬运",
        quantity=2,
        modes=["lease", "purchase"],
        period_months=6,
        hours_per_month=160,
    )
    w.oa = make.offering(
        w.org_a,
        ref="off-web-a",
        title="甲型搬运机器人",
        modes=[{"mode": "lease", "price": 12000}, {"mode": "purchase", "price": 300000}],
    )
    w.ob = make.offering(
        w.org_b, ref="off-web-b", title="乙型人形机器人", modes=[{"mode": "lease", "price": 15000}]
    )
    w.buyer, w.va, w.vb = make.member(w.factory), make.member(w.org_a), make.member(w.org_b)
    w.outsider, w.official = make.member(w.other), make.official()
    return w


def _respond(make, w, who, offering, price, **kw):
    return make.deal_response(w.demand, offering, by=who, mode="lease", price=price, **kw)


def test_the_owner_invites_proposed_offerings_from_the_demand_page(app, db, w):
    client = client_for(app, w.buyer)
    html = get(client, "/demands/dem-web")
    assert 'id="deals"' in html
    assert "邀请推荐供给响应" in html
    client.get("/lang/en")
    english = get(client, "/demands/dem-web")
    assert "Invite proposed offerings to respond</legend>" in english, "no Chinese gloss in English"
    r = post(client, "/demands/dem-web/invitations", {"offerings": ["off-web-a", "off-web-b"]})
    assert r.status_code == 302 and r.headers["Location"].endswith("/demands/dem-web#deals")
    assert services.invited_offering_ids(db, w.demand) == {w.oa.id, w.ob.id}
    leads = get(client_for(app, w.va), "/leads")
    assert "冲压车间料箱搬运" in leads and "badge-invited" in leads
    # A vendor cannot invite on someone else's need.
    assert (
        post(client_for(app, w.vb), "/demands/dem-web/invitations", {"offerings": ["off-web-a"]}).status_code
        == 403
    )


def test_respond_keeps_what_was_typed_on_error(app, db, w):
    client = client_for(app, w.va)
    form = get(client, "/demands/dem-web/respond?offering=off-web-a")
    assert 'value="12000' in form  # the listed lease price is offered first
    past = (date.today() - timedelta(days=2)).isoformat()
    r = post(
        client,
        "/demands/dem-web/respond",
        {
            "offering": "off-web-a",
            "mode": "sharing",
            "price": "0",
            "units": "2",
            "valid_until": past,
            "message": "保留这段留言",
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "保留这段留言" in html and past in html
    assert "请输入大于 0 的价格" in html
    r = post(
        client,
        "/demands/dem-web/respond",
        {
            "offering": "off-web-a",
            "mode": "sharing",
            "price": "100",
            "units": "2",
            "valid_until": (date.today() + timedelta(days=9)).isoformat(),
        },
    )
    assert r.status_code == 400 and "该供给未提供这种获取方式" in r.get_data(as_text=True)
    assert db.scalar(select(DealResponse.id)) is None
    r = post(
        client,
        "/demands/dem-web/respond",
        {
            "offering": "off-web-a",
            "mode": "lease",
            "price": "11800",
            "units": "2",
            "valid_until": (date.today() + timedelta(days=9)).isoformat(),
            "includes": ["training", "maintenance"],
        },
    )
    assert r.status_code == 302
    response = db.scalars(select(DealResponse)).one()
    assert (response.price, response.includes) == (Decimal("11800.00"), ["training", "maintenance"])


def test_a_closed_demand_takes_no_response(app, make, w):
    closed = make.demand(w.factory, ref="dem-web-closed", status="closed")
    assert post(client_for(app, w.va), f"/demands/{closed.ref}/respond", {}).status_code in (404, 409)


def test_sealing_through_the_pages(app, db, make, w):
    ra = _respond(make, w, w.va, w.oa, 11800, message="甲方秘密留言")
    rb = _respond(make, w, w.vb, w.ob, 14500)
    services.revise(db, w.va, ra, {"price": 11200})
    vb = client_for(app, w.vb)
    for path in (
        "/demands/dem-web",
        "/leads",
        f"/responses/{rb.id}",
        "/search?q=料箱",
        "/offerings/off-web-a",
        "/demands",
    ):
        html = get(vb, path)
        for secret in ("11,800", "11800", "11,200", "11200", "甲方秘密留言"):
            assert secret not in html, (path, secret)
    get(vb, f"/responses/{ra.id}", 404)
    get(vb, f"/responses/{ra.id}/revise", 404)
    get(vb, "/demands/dem-web/comparison", 404)
    outsider = client_for(app, w.outsider)
    get(outsider, f"/responses/{ra.id}", 404)
    html = get(outsider, "/demands/dem-web")
    assert "11,800" not in html and "14,500" not in html
    buyer_page = get(client_for(app, w.buyer), "/demands/dem-web")
    assert "11,200" in buyer_page and "14,500" in buyer_page


def test_sealing_in_the_exports(app, db, make, w, runner, tmp_path):
    _respond(make, w, w.va, w.oa, 11800, message="甲方秘密留言")
    official = client_for(app, w.official)
    for path in ("/demands/export.csv", "/offerings/export.csv"):
        text = get(official, path)
        assert "11800" not in text and "甲方秘密留言" not in text
    db.commit = db.flush  # the CLI commits nothing here; it only reads
    out = tmp_path / "export.json"
    result = runner.invoke(args=["export-data", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "11800" not in text and "甲方秘密留言" not in text
    data = json.loads(text)
    org = next(o for o in data["organizations"] if o["ref"] == "org-web-va")
    assert org["contact"] == {"name": "李经理", "phone": "13900000002", "email": "li@va.example.com"}
    demand = next(d for d in data["demands"] if d["ref"] == "dem-web")
    assert (demand["period_months"], demand["hours_per_month"]) == (6, 160)


def test_contacts_appear_only_to_the_two_parties_after_a_response(app, make, w):
    va = client_for(app, w.va)
    assert "0574-86001234" not in get(va, "/orgs/org-web-factory")
    assert "0574-86001234" not in get(va, "/demands/dem-web")
    ra = _respond(make, w, w.va, w.oa, 11800)
    page = get(va, f"/responses/{ra.id}")
    assert "0574-86001234" in page and "13900000002" in page
    assert "0574-86001234" in get(va, "/orgs/org-web-factory")
    buyer = client_for(app, w.buyer)
    assert "13900000002" in get(buyer, f"/responses/{ra.id}")
    assert "13900000002" in get(buyer, "/orgs/org-web-va")
    # Never to a third organization, nor to anonymous visitors, nor to vendor B.
    assert "0574-86001234" not in get(client_for(app, w.vb), "/orgs/org-web-factory")
    assert "0574-86001234" not in get(client_for(app, w.outsider), "/orgs/org-web-factory")
    assert "0574-86001234" not in get(app.test_client(), "/orgs/org-web-factory")
    # Officials read the response but are not a party to it.
    assert "0574-86001234" not in get(client_for(app, w.official), f"/responses/{ra.id}")


def test_messages_are_plain_text(app, db, make, w):
    ra = _respond(make, w, w.va, w.oa, 11800)
    client = client_for(app, w.buyer)
    r = post(
        client, f"/responses/{ra.id}/messages", {"body": "<script>alert(1)</script> 见 http://evil.example/x"}
    )
    assert r.status_code == 302
    html = get(client_for(app, w.va), f"/responses/{ra.id}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert 'href="http://evil.example' not in html
    r = post(client, f"/responses/{ra.id}/messages", {"body": "长" * 5001})
    assert r.status_code == 400 and "长" * 100 in r.get_data(as_text=True)  # what was typed stays
    assert post(client_for(app, w.official), f"/responses/{ra.id}/messages", {"body": "x"}).status_code == 403


def test_revise_decline_and_accept_into_a_prefilled_pilot(app, db, make, w):
    ra = _respond(make, w, w.va, w.oa, 11800, start=date.today() + timedelta(days=40))
    rb = _respond(make, w, w.vb, w.ob, 14500)
    va = client_for(app, w.va)
    r = post(
        va,
        f"/responses/{ra.id}/revise",
        {
            "price": "11200",
            "units": "2",
            "valid_until": ra.valid_until.isoformat(),
            "start": ra.start_date.isoformat(),
        },
    )
    assert r.status_code == 302
    page = get(va, f"/responses/{ra.id}")
    assert 'id="price-history"' in page and "11,800" in page and "11,200" in page
    buyer = client_for(app, w.buyer)
    r = post(buyer, f"/responses/{rb.id}/transitions", {"action": "decline", "comment": ""})
    assert r.status_code == 400 and "请填写原因" in r.get_data(as_text=True)
    assert (
        post(
            buyer, f"/responses/{rb.id}/transitions", {"action": "decline", "comment": "超出预算"}
        ).status_code
        == 302
    )
    assert "超出预算" in get(client_for(app, w.vb), f"/responses/{rb.id}")
    assert post(va, f"/responses/{ra.id}/transitions", {"action": "accept"}).status_code == 403
    r = post(buyer, f"/responses/{ra.id}/transitions", {"action": "accept"})
    assert (
        r.status_code == 302
        and "/pilots/new" in r.headers["Location"]
        and f"response={ra.id}" in r.headers["Location"]
    )
    proposal = get(buyer, r.headers["Location"])
    assert re.search(r'name="price"[^>]*value="11200', proposal)
    assert re.search(
        r'id="mode"[\s\S]*?<option selected value="lease"|<option[^>]*value="lease"[^>]*selected', proposal
    )
    assert (date.today() + timedelta(days=40)).isoformat() in proposal
    # The demand page shows it is being served.
    assert 'id="being-served"' in get(buyer, "/demands/dem-web")
    assert post(buyer, f"/responses/{ra.id}/transitions", {"action": "accept"}).status_code == 409


def test_the_comparison_page_matches_the_arithmetic_and_saves_nothing(app, db, make, w):
    _respond(make, w, w.va, w.oa, 11800)
    client = client_for(app, w.buyer)
    html = get(client, "/demands/dem-web/comparison")
    assert 'data-total="141600.00"' in html  # 11,800 × 2 units × 6 months
    assert 'data-total="600000.00"' in html  # 300,000 × 2 units
    html = get(client, "/demands/dem-web/comparison?months=30&hours_per_month=100")
    assert 'data-total="708000.00"' in html
    assert w.demand.period_months == 6
    db.refresh(w.demand)
    assert w.demand.period_months == 6  # nothing saved
    r = client.get("/demands/dem-web/comparison?months=0")
    assert r.status_code == 400 and 'value="0"' in r.get_data(as_text=True)


def test_contact_details_are_edited_on_the_profile_page(app, db, w):
    """One form edits an organization's contact details: the profile page's (the
    contact section links there; the former deals-only form is gone)."""
    client = client_for(app, w.buyer)
    assert "/orgs/org-web-factory/edit" in get(client, "/orgs/org-web-factory")
    assert client.get("/orgs/org-web-factory/contact").status_code == 404
    r = post(
        client,
        "/orgs/org-web-factory/edit",
        {"website": "ftp://insecure.example", "contact_name": "新联系人"},
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "新联系人" in html and "https://" in html
    r = post(
        client,
        "/orgs/org-web-factory/edit",
        {
            "website": "https://factory.example.com",
            "contact_name": "新联系人",
            "contact_phone": "0574-1234567",
            "contact_email": "new@factory.example.com",
        },
    )
    assert r.status_code in (302, 303)
    db.refresh(w.factory)
    assert (w.factory.website, w.factory.contact_name) == ("https://factory.example.com", "新联系人")
    assert post(client_for(app, w.va), "/orgs/org-web-factory/edit", {}).status_code == 403


def test_new_notice_kinds_are_in_the_settings(app, w):
    html = get(client_for(app, w.va), "/notifications/settings")
    for kind in ("deal_invitation", "deal_response", "deal_message", "deal_decision"):
        assert f"kind_{kind}" in html


def test_the_dashboard_shows_the_funnel_in_both_languages(app, make, w):
    _respond(make, w, w.va, w.oa, 11800)
    assert "从需求到示范项目" in get(client_for(app, w.official, "zh"), "/dashboard")
    html = get(client_for(app, w.official, "en"), "/dashboard")
    assert "From need to pilot" in html and 'id="table-funnel-domain"' in html
    # Once, in the page's body: not in its <title> nor in its <head>.
    assert html.count('id="funnel"') == 1
    head, body = html.split("</head>", 1)
    assert 'id="funnel"' in body and "<section" not in head
    title = head.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Dashboard") and "<" not in title


def test_pages_in_english(app, make, w):
    ra = _respond(make, w, w.va, w.oa, 11800)
    html = get(client_for(app, w.va, "en"), f"/responses/{ra.id}")
    assert "The quote" in html and "Conversation" in html
    assert "Leads" in get(client_for(app, w.va, "en"), "/leads")
