"""The deal loop through /api/v1: invitations, leads, sealed quotes with revisions,
conversations, the comparison, the decision workflow, notices and the funnel."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from marketplace.deals.models import DealResponse
from marketplace.notifications.models import Notification, OutboxMail


@dataclass
class Deal:
    demand: object
    buyer: object
    buyer2: object
    va: object
    vb: object
    outsider: object
    official: object
    oa: object
    ob: object


@pytest.fixture
def deal(make):
    factory = make.org(
        side="demand",
        ref="org-deal-factory",
        contact_name="王工",
        contact_phone="13800000001",
        contact_email="wang@f.example.com",
    )
    org_a = make.org(
        side="supply",
        ref="org-deal-va",
        contact_name="李经理",
        contact_phone="13800000002",
        contact_email="li@va.example.com",
    )
    org_b = make.org(side="supply", ref="org-deal-vb")
    other = make.org(side="demand", ref="org-deal-other")
    demand = make.demand(
        factory, ref="dem-deal", quantity=2, modes=["lease", "purchase"], period_months=6, hours_per_month=160
    )
    oa = make.offering(
        org_a,
        ref="off-deal-a",
        title="料箱搬运复合机器人",
        modes=[{"mode": "lease", "price": 12000}, {"mode": "purchase", "price": 300000}],
    )
    ob = make.offering(
        org_b, ref="off-deal-b", title="工业人形机器人乙", modes=[{"mode": "lease", "price": 15000}]
    )
    return Deal(
        demand,
        make.member(factory),
        make.member(factory),
        make.member(org_a),
        make.member(org_b),
        make.member(other),
        make.official(),
        oa,
        ob,
    )


def quote(**kw) -> dict:
    body = {
        "mode": "lease",
        "units": 2,
        "start": (date.today() + timedelta(days=60)).isoformat(),
        "valid_until": (date.today() + timedelta(days=30)).isoformat(),
        "includes": ["现场调试", "操作培训"],
        "message": "可先试用两台。",
    }
    body.update(kw)
    return body


def respond(api, deal, who, offering, price, **kw):
    r = api.as_(who).post(
        f"/api/v1/demands/{deal.demand.ref}/responses", json=quote(offering=offering.ref, price=price, **kw)
    )
    assert r.status_code == 201, r.json
    return r.json["id"]


def test_invitations_reach_the_vendors_and_top_their_leads(api, db, deal):
    r = api.as_(deal.buyer).post(
        "/api/v1/demands/dem-deal/invitations", json={"offerings": ["off-deal-a", "off-deal-b"]}
    )
    assert r.status_code == 201, r.json
    assert sorted(r.json["invited"]) == ["off-deal-a", "off-deal-b"]
    kinds = db.scalars(select(Notification.kind).where(Notification.user_id == deal.va.id)).all()
    assert "deal_invitation" in kinds
    leads = api.as_(deal.va).get("/api/v1/leads").json["leads"]
    assert leads[0]["demand"] == "dem-deal" and leads[0]["invited"] is True
    assert leads[0]["offering"] == "off-deal-a"
    # Inviting again makes nothing new.
    again = api.as_(deal.buyer).post(
        "/api/v1/demands/dem-deal/invitations", json={"offerings": ["off-deal-a"]}
    )
    assert again.status_code == 201 and again.json["new"] == 0


def test_only_the_demands_organization_invites(api, deal, make):
    assert (
        api.as_(deal.va)
        .post("/api/v1/demands/dem-deal/invitations", json={"offerings": ["off-deal-b"]})
        .status_code
        == 403
    )
    assert (
        api.as_(deal.official)
        .post("/api/v1/demands/dem-deal/invitations", json={"offerings": ["off-deal-b"]})
        .status_code
        == 403
    )
    bad = api.as_(deal.buyer).post("/api/v1/demands/dem-deal/invitations", json={"offerings": ["nope"]})
    assert bad.status_code == 400 and "offerings" in bad.json["fields"]
    closed = make.demand(deal.demand.organization, ref="dem-deal-closed", status="closed")
    r = api.as_(deal.buyer).post(
        f"/api/v1/demands/{closed.ref}/invitations", json={"offerings": ["off-deal-a"]}
    )
    assert r.status_code == 409


def test_leads_filter_by_domain_city_and_mode(api, deal):
    api.as_(deal.buyer).post("/api/v1/demands/dem-deal/invitations", json={"offerings": ["off-deal-a"]})
    va = api.as_(deal.va)
    assert any(
        lead["demand"] == "dem-deal"
        for lead in va.get("/api/v1/leads?domain=manufacturing&city=ningbo").json["leads"]
    )
    assert not any(
        lead["demand"] == "dem-deal" for lead in va.get("/api/v1/leads?city=hangzhou").json["leads"]
    )
    assert not any(
        lead["demand"] == "dem-deal" for lead in va.get("/api/v1/leads?mode=sharing").json["leads"]
    )
    assert va.get("/api/v1/leads?domain=nonsense").status_code == 400
    assert api.as_(deal.official).get("/api/v1/leads").status_code == 403


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"price": 0}, "price"),
        ({"price": -5}, "price"),
        ({"price": "abc"}, "price"),
        ({"mode": "sharing"}, "mode"),  # the offering is not listed for shared use
        ({"mode": "barter"}, "mode"),
        ({"valid_until": (date.today() - timedelta(days=1)).isoformat()}, "valid_until"),
        ({"valid_until": "tomorrow"}, "valid_until"),
        ({"units": 0}, "units"),
        ({"message": "长" * 5001}, "message"),
        ({"includes": "training"}, "includes"),
    ],
)
def test_bad_quotes_are_refused_field_by_field(api, deal, change, field):
    r = api.as_(deal.va).post(
        "/api/v1/demands/dem-deal/responses",
        json=quote(**{"offering": "off-deal-a", "price": 11800, **change}),
    )
    assert r.status_code == 400, r.json
    assert field in r.json["fields"], r.json
    assert r.json["error"] == "invalid"


def test_errors_come_in_the_users_language(api, deal):
    body = quote(offering="off-deal-a", price=0)
    zh = api.as_(deal.va).post(
        "/api/v1/demands/dem-deal/responses", json=body, headers={"Accept-Language": "zh-CN"}
    )
    en = api.as_(deal.va).post(
        "/api/v1/demands/dem-deal/responses", json=body, headers={"Accept-Language": "en"}
    )
    assert "大于 0" in zh.json["fields"]["price"]
    assert "greater than 0" in en.json["fields"]["price"]


def test_a_closed_demand_and_a_second_live_response_are_conflicts(api, deal, make):
    respond(api, deal, deal.va, deal.oa, 11800)
    again = api.as_(deal.va).post(
        "/api/v1/demands/dem-deal/responses", json=quote(offering="off-deal-a", price=11000)
    )
    assert again.status_code == 409
    closed = make.demand(deal.demand.organization, ref="dem-deal-closed2", status="closed")
    r = api.as_(deal.va).post(
        f"/api/v1/demands/{closed.ref}/responses", json=quote(offering="off-deal-a", price=1)
    )
    assert r.status_code == 409
    # Another vendor's offering, or the demand's own organization: 403.
    assert (
        api.as_(deal.vb)
        .post("/api/v1/demands/dem-deal/responses", json=quote(offering="off-deal-a", price=1))
        .status_code
        == 403
    )
    assert (
        api.as_(deal.buyer)
        .post("/api/v1/demands/dem-deal/responses", json=quote(offering="off-deal-a", price=1))
        .status_code
        == 403
    )


def test_responses_are_sealed_in_the_api(api, deal):
    ida = respond(api, deal, deal.va, deal.oa, 11800)
    idb = respond(api, deal, deal.vb, deal.ob, 14500)
    mine = api.as_(deal.vb).get("/api/v1/demands/dem-deal/responses")
    assert mine.status_code == 200
    text = json.dumps(mine.json, ensure_ascii=False)
    assert (
        "11800" not in text
        and "off-deal-a" not in text
        and [r["id"] for r in mine.json["responses"]] == [idb]
    )
    assert api.as_(deal.vb).get(f"/api/v1/responses/{ida}").status_code == 404
    assert api.as_(deal.vb).get(f"/api/v1/responses/{ida}/messages").status_code == 404
    assert api.as_(deal.vb).get("/api/v1/demands/dem-deal/comparison").status_code == 404
    assert api.as_(deal.outsider).get("/api/v1/demands/dem-deal/responses").status_code == 404
    assert api.as_(deal.outsider).get(f"/api/v1/responses/{ida}").status_code == 404
    assert api.as_(deal.outsider).get("/api/v1/demands/dem-deal/comparison").status_code == 404
    for who in (deal.buyer, deal.official):
        seen = api.as_(who).get("/api/v1/demands/dem-deal/responses").json["responses"]
        assert sorted(r["id"] for r in seen) == sorted([ida, idb])
    # The public record and the vendor's leads say nothing of the other quote.
    assert "11800" not in api.as_(deal.vb).get("/api/v1/demands/dem-deal").get_data(as_text=True)
    assert "11800" not in api.as_(deal.vb).get("/api/v1/leads").get_data(as_text=True)
    assert "11800" not in api.get("/api/v1/demands?q=料箱").get_data(as_text=True)


def test_mail_about_a_response_reaches_only_its_two_organizations(api, db, deal):
    ida = respond(api, deal, deal.va, deal.oa, 11800)
    respond(api, deal, deal.vb, deal.ob, 14500)
    api.as_(deal.va).patch(f"/api/v1/responses/{ida}", json={"price": 11200})
    api.as_(deal.buyer).post(f"/api/v1/responses/{ida}/messages", json={"body": "月底前能到货吗？"})
    mails = db.scalars(select(OutboxMail).where(OutboxMail.user_id == deal.vb.id)).all()
    notices = db.scalars(select(Notification).where(Notification.user_id == deal.vb.id)).all()
    text = " ".join(m.subject + m.body for m in mails) + " ".join(
        n.subject_zh + n.body_zh + n.subject_en + n.body_en for n in notices
    )
    for secret in ("11800", "11,800", "11200", "11,200", "料箱搬运复合机器人", "月底前能到货"):
        assert secret not in text
    buyer_mail = " ".join(
        m.body for m in db.scalars(select(OutboxMail).where(OutboxMail.user_id == deal.buyer.id))
    )
    assert "11,800.00" in buyer_mail and "11,200.00" in buyer_mail  # the new response and the revised price


def test_revisions_keep_every_earlier_price(api, deal):
    ida = respond(api, deal, deal.va, deal.oa, 11800)
    r = api.as_(deal.va).patch(f"/api/v1/responses/{ida}", json={"price": 11200, "message": "批量优惠"})
    assert r.status_code == 200 and r.json["price"] == 11200
    r = api.as_(deal.va).patch(f"/api/v1/responses/{ida}", json={"price": 11000})
    got = api.as_(deal.buyer).get(f"/api/v1/responses/{ida}").json
    assert [p["price"] for p in got["prices"]] == [11800, 11200, 11000]
    assert [h["action"] for h in got["history"]] == ["submit", "revise", "revise"]
    assert api.as_(deal.buyer).patch(f"/api/v1/responses/{ida}", json={"price": 1}).status_code == 403
    assert api.as_(deal.va).patch(f"/api/v1/responses/{ida}", json={"price": 0}).status_code == 400
    assert api.as_(deal.va).patch(f"/api/v1/responses/{ida}", json={"mode": "purchase"}).status_code == 400
    api.as_(deal.buyer).post(
        f"/api/v1/responses/{ida}/transitions", json={"action": "decline", "comment": "超预算"}
    )
    assert api.as_(deal.va).patch(f"/api/v1/responses/{ida}", json={"price": 10000}).status_code == 409


def test_the_conversation_is_between_the_two_organizations(api, deal):
    ida = respond(api, deal, deal.va, deal.oa, 11800)
    assert (
        api.as_(deal.buyer)
        .post(f"/api/v1/responses/{ida}/messages", json={"body": "<b>能否</b>月底到货？ http://evil.example"})
        .status_code
        == 201
    )
    assert (
        api.as_(deal.va).post(f"/api/v1/responses/{ida}/messages", json={"body": "可以。"}).status_code == 201
    )
    bodies = [
        m["body"] for m in api.as_(deal.official).get(f"/api/v1/responses/{ida}/messages").json["messages"]
    ]
    assert bodies == ["<b>能否</b>月底到货？ http://evil.example", "可以。"]  # stored as typed: plain text
    assert (
        api.as_(deal.official).post(f"/api/v1/responses/{ida}/messages", json={"body": "x"}).status_code
        == 403
    )
    for who in (deal.vb, deal.outsider):
        assert api.as_(who).post(f"/api/v1/responses/{ida}/messages", json={"body": "x"}).status_code == 404
    too_long = api.as_(deal.va).post(f"/api/v1/responses/{ida}/messages", json={"body": "字" * 5001})
    assert too_long.status_code == 400 and "body" in too_long.json["fields"]
    assert api.as_(deal.va).post(f"/api/v1/responses/{ida}/messages", json={"body": "  "}).status_code == 400


def test_the_comparison_follows_the_arithmetic(api, deal):
    respond(api, deal, deal.va, deal.oa, 11800)
    respond(api, deal, deal.vb, deal.ob, 14500)
    r = api.as_(deal.buyer).get("/api/v1/demands/dem-deal/comparison")
    assert r.status_code == 200
    assert (r.json["months"], r.json["hours_per_month"], r.json["units"]) == (6, 160, 2)  # from the demand
    rows = {(x["offering"], x["mode"]): x for x in r.json["rows"]}
    assert rows[("off-deal-a", "lease")]["total"] == 11800 * 2 * 6
    assert rows[("off-deal-a", "lease")]["per_month"] == 11800 * 2
    assert rows[("off-deal-a", "lease")]["source"] == "response"
    assert rows[("off-deal-a", "purchase")]["total"] == 300000 * 2
    assert rows[("off-deal-a", "purchase")]["source"] == "list"
    assert rows[("off-deal-b", "lease")]["total"] == 14500 * 2 * 6
    assert [k for k, x in rows.items() if x["cheapest"]] == [("off-deal-a", "lease")]
    # The quoted lease price against the listed purchase price.
    assert r.json["break_even"]["off-deal-a"]["months"] == round(300000 / 11800, 1)
    longer = api.as_(deal.buyer).get("/api/v1/demands/dem-deal/comparison?months=48&hours_per_month=200").json
    rows = {(x["offering"], x["mode"]): x for x in longer["rows"]}
    assert rows[("off-deal-a", "lease")]["total"] == 11800 * 2 * 48
    assert [k for k, x in rows.items() if x["cheapest"]] == [("off-deal-a", "purchase")]
    assert longer["break_even"]["off-deal-a"]["buying_cheaper"] is True
    for bad in ("months=0", "months=abc", "hours_per_month=-1", "hours_per_month=1000"):
        assert api.as_(deal.buyer).get(f"/api/v1/demands/dem-deal/comparison?{bad}").status_code == 400


def test_decide_decline_needs_a_reason_and_accept_works_once(api, db, deal):
    ida = respond(api, deal, deal.va, deal.oa, 11800)
    idb = respond(api, deal, deal.vb, deal.ob, 14500)
    owner = api.as_(deal.buyer)
    r = owner.post(f"/api/v1/responses/{idb}/transitions", json={"action": "decline", "comment": " "})
    assert r.status_code == 400 and "comment" in r.json["fields"]
    assert (
        owner.post(
            f"/api/v1/responses/{idb}/transitions", json={"action": "decline", "comment": "价格超出预算"}
        ).status_code
        == 200
    )
    declined = db.scalars(
        select(Notification).where(Notification.user_id == deal.vb.id, Notification.kind == "deal_decision")
    ).all()
    assert declined and "价格超出预算" in declined[-1].body_zh  # the vendor is told why
    assert (
        api.as_(deal.va).post(f"/api/v1/responses/{ida}/transitions", json={"action": "accept"}).status_code
        == 403
    )
    assert owner.post(f"/api/v1/responses/{ida}/transitions", json={"action": "shortlist"}).status_code == 200
    assert (
        owner.post(
            f"/api/v1/responses/{ida}/transitions", json={"action": "accept", "comment": "选定"}
        ).status_code
        == 200
    )
    assert owner.post(f"/api/v1/responses/{ida}/transitions", json={"action": "accept"}).status_code == 409
    assert owner.post(f"/api/v1/responses/{ida}/transitions", json={"action": "fly"}).status_code == 400
    got = owner.get(f"/api/v1/responses/{ida}").json
    assert got["state"] == "accepted"
    assert [h["action"] for h in got["history"]] == ["submit", "shortlist", "accept"]


def test_only_one_response_per_demand_is_accepted(api, deal, make):
    ida = respond(api, deal, deal.va, deal.oa, 11800)
    idb = respond(api, deal, deal.vb, deal.ob, 14500)
    owner = api.as_(deal.buyer)
    assert owner.post(f"/api/v1/responses/{ida}/transitions", json={"action": "accept"}).status_code == 200
    assert owner.post(f"/api/v1/responses/{idb}/transitions", json={"action": "accept"}).status_code == 409
    # The losing vendor can still withdraw; the buyer can still decline it.
    assert (
        api.as_(deal.vb).post(f"/api/v1/responses/{idb}/transitions", json={"action": "withdraw"}).status_code
        == 200
    )
    assert (
        api.as_(deal.vb).post(f"/api/v1/responses/{idb}/transitions", json={"action": "withdraw"}).status_code
        == 409
    )


def test_a_lapsed_quote_expires_by_itself(api, db, deal):
    ida = respond(api, deal, deal.va, deal.oa, 11800)
    db.get(DealResponse, ida).valid_until = date.today() - timedelta(days=1)
    db.flush()
    got = api.as_(deal.buyer).get(f"/api/v1/responses/{ida}").json
    assert got["state"] == "expired" and got["history"][-1]["action"] == "expire"
    assert (
        api.as_(deal.buyer)
        .post(f"/api/v1/responses/{ida}/transitions", json={"action": "accept"})
        .status_code
        == 409
    )
    # The vendor may respond again once the old quote is no longer live.
    assert (
        api.as_(deal.va)
        .post("/api/v1/demands/dem-deal/responses", json=quote(offering="off-deal-a", price=11500))
        .status_code
        == 201
    )


def test_contact_details_never_leave_through_the_public_api(api, deal):
    respond(api, deal, deal.va, deal.oa, 11800)
    for path in (
        "/api/v1/demands/dem-deal",
        "/api/v1/offerings/off-deal-a",
        "/api/v1/demands",
        "/api/v1/offerings",
    ):
        text = api.as_(deal.vb).get(path).get_data(as_text=True)
        assert "13800000001" not in text and "13800000002" not in text


def test_demands_take_period_and_hours(api, deal):
    from tests.support.factories import demand_body

    owner = api.as_(deal.buyer)
    r = owner.post("/api/v1/demands", json=demand_body(period_months=18, hours_per_month=120.5))
    assert r.status_code == 201, r.json
    got = owner.get(f"/api/v1/demands/{r.json['ref']}").json
    assert (got["period_months"], got["hours_per_month"]) == (18, 120.5)
    bad = owner.post("/api/v1/demands", json=demand_body(period_months=0, hours_per_month="x"))
    assert bad.status_code == 400 and {"period_months", "hours_per_month"} <= set(bad.json["fields"])


def test_the_funnel_is_in_the_stats(api, deal, make):
    ida = respond(api, deal, deal.va, deal.oa, 11800)
    api.as_(deal.buyer).post(f"/api/v1/responses/{ida}/transitions", json={"action": "accept"})
    funnel = api.as_(deal.official).get("/api/v1/stats").json["funnel"]
    assert funnel["with_response"] >= 1 and funnel["with_accepted"] >= 1
    manufacturing = funnel["by_domain"]["manufacturing"]
    assert manufacturing["with_accepted"] >= 1 and manufacturing["median_days_to_first_response"] is not None
    assert 0 <= funnel["response_rate"] <= 100
    assert set(funnel["by_city"]) >= {"ningbo", "hangzhou"}


def test_a_new_response_is_told_in_both_languages(api, db, deal):
    respond(api, deal, deal.va, deal.oa, 11800)
    notice = db.scalars(
        select(Notification).where(
            Notification.user_id == deal.buyer.id, Notification.kind == "deal_response"
        )
    ).one()
    assert "11,800.00" in notice.body_zh and "短期租赁" in notice.body_zh
    assert (
        "11,800.00" in notice.body_en
        and "lease" in notice.body_en.lower()
        and "短期租赁" not in notice.body_en
    )


def test_a_pair_has_one_score_in_the_matches_the_comparison_and_the_leads(api, deal):
    """The comparison and a vendor's leads score a pair as the need's match list does
    (text fit included), so no pair shows two scores."""
    respond(api, deal, deal.va, deal.oa, 11800)
    matches = api.as_(deal.buyer).get("/api/v1/demands/dem-deal/matches?ruled_out=10").json
    listed = {m["offering"]: m["score"] for m in matches}
    assert "off-deal-a" in listed
    rows = api.as_(deal.buyer).get("/api/v1/demands/dem-deal/comparison").json["rows"]
    assert {x["score"] for x in rows if x["offering"] == "off-deal-a"} == {listed["off-deal-a"]}
    api.as_(deal.buyer).post("/api/v1/demands/dem-deal/invitations", json={"offerings": ["off-deal-a"]})
    leads = api.as_(deal.va).get("/api/v1/leads").json["leads"]
    lead = next(x for x in leads if x["demand"] == "dem-deal")
    assert lead["offering"] == "off-deal-a" and lead["score"] == listed["off-deal-a"]
