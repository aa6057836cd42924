"""Posting and keeping listings: ownership, declared fields only, one record per form."""

from sqlalchemy import func, select

from marketplace.listings.models import Demand, Offering
from tests.support.auth import sign_in


def demand_form(**kw):
    data = {
        "title": "商场导购机器人",
        "kind": "scenario",
        "domain": "retail",
        "description": "周末客流高峰需导购。",
        "tasks": ["shopping_guide", "reception"],
        "quantity": "3",
        "modes": ["lease"],
        "budget_lease": "9000",
        "city": "hangzhou",
        "status": "open",
        "submit_key": "form-key-1",
    }
    data.update(kw)
    return data


def offering_form(**kw):
    data = {
        "title": "导购人形机器人",
        "category": "humanoid",
        "description": "多语种导购。",
        "domains": ["retail"],
        "tasks": ["shopping_guide"],
        "units_available": "4",
        "price_lease": "8000",
        "price_purchase": "260000",
        "certifications": "CE， CR",
        "status": "active",
        "submit_key": "form-key-2",
    }
    data.update(kw)
    return data


def test_member_posts_a_demand_with_every_field(client, db, make):
    org = make.org(side="demand")
    sign_in(client, make.member(org))
    r = client.post(
        "/demands/new", data=demand_form(payload_kg="2.5", needed_by="2027-04-30", environments=["wet"])
    )
    assert r.status_code == 302
    demand = db.scalar(select(Demand).where(Demand.org_id == org.id))
    assert demand.tasks == ["shopping_guide", "reception"] and demand.environments == ["wet"]
    assert demand.modes == ["lease"] and float(demand.budget["lease"]) == 9000
    assert demand.payload_kg == 2.5 and demand.needed_by.isoformat() == "2027-04-30"
    assert demand.ref.startswith("dem-") and r.headers["Location"].endswith(demand.ref)


def test_same_form_sent_twice_makes_one_record(client, db, make):
    org = make.org(side="demand")
    sign_in(client, make.member(org))
    first = client.post("/demands/new", data=demand_form())
    second = client.post("/demands/new", data=demand_form())
    assert first.headers["Location"] == second.headers["Location"]
    assert db.scalar(select(func.count()).select_from(Demand).where(Demand.org_id == org.id)) == 1
    client.post("/demands/new", data=demand_form(submit_key="another-form"))
    assert db.scalar(select(func.count()).select_from(Demand).where(Demand.org_id == org.id)) == 2


def test_posted_extra_fields_are_ignored(client, db, make):
    org, other = make.org(side="both"), make.org(side="both")
    sign_in(client, make.member(org))
    client.post(
        "/offerings/new",
        data=offering_form(
            org_id=str(other.id), organization=other.ref, verified="1", ref="off-chosen", id="999"
        ),
    )
    offering = db.scalar(select(Offering).where(Offering.org_id == org.id))
    assert offering is not None and offering.ref != "off-chosen" and offering.id != 999
    assert offering.certifications == ["CE", "CR"]
    assert not org.verified
    r = client.post(
        f"/offerings/{offering.ref}/edit",
        data=offering_form(title="改名", org_id=str(other.id), units_available="2"),
    )
    assert r.status_code == 302
    db.refresh(offering)
    assert offering.title == "改名" and offering.org_id == org.id and offering.units_available == 2


def test_another_organization_cannot_change_a_record(client, db, make):
    demand = make.demand(make.org(side="demand"))
    sign_in(client, make.member(make.org(side="demand")))
    assert client.post(f"/demands/{demand.ref}/edit", data=demand_form(title="被改")).status_code == 403
    assert client.post(f"/demands/{demand.ref}/close").status_code == 403
    db.refresh(demand)
    assert demand.title != "被改" and demand.status == "open"


def test_officials_cannot_post_or_edit_listings(client, db, make):
    offering = make.offering()
    sign_in(client, make.official())
    assert client.post("/offerings/new", data=offering_form()).status_code == 403
    assert client.post(f"/offerings/{offering.ref}/withdraw").status_code == 403
    db.refresh(offering)
    assert offering.status == "active"


def test_wrong_side_cannot_post(client, make):
    sign_in(client, make.member(make.org(side="supply")))
    assert client.get("/demands/new").status_code == 403


def test_close_and_withdraw_hide_records_from_others(app, client, db, make):
    org = make.org(side="both")
    demand, offering = make.demand(org), make.offering(org)
    sign_in(client, make.member(org))
    assert client.post(f"/demands/{demand.ref}/close").status_code == 302
    assert client.post(f"/offerings/{offering.ref}/withdraw").status_code == 302
    db.refresh(demand)
    db.refresh(offering)
    assert demand.status == "closed" and offering.status == "withdrawn"
    assert client.get(f"/demands/{demand.ref}").status_code == 200  # the owner still sees it
    stranger = app.test_client()
    assert stranger.get(f"/demands/{demand.ref}").status_code == 404
    assert stranger.get(f"/offerings/{offering.ref}").status_code == 404
    assert demand.title not in stranger.get("/demands").get_data(as_text=True)


def test_task_from_another_domain_is_refused(client, db, make):
    sign_in(client, make.member(make.org(side="demand")))
    r = client.post("/demands/new", data=demand_form(tasks=["welding"]))
    assert r.status_code == 400
    assert db.scalar(select(func.count()).select_from(Demand)) == 0


def test_list_filters(client, make):
    org = make.org(side="both")
    make.demand(org, title="宁波冲压上下料", city="ningbo", domain="manufacturing", tasks=["loading"])
    make.demand(
        org,
        title="杭州养老陪护",
        city="hangzhou",
        domain="eldercare",
        tasks=["companionship"],
        modes=[],
        budget={},
    )
    make.demand(org, title="草稿需求", status="draft")
    html = client.get("/demands?domain=eldercare").get_data(as_text=True)
    assert "杭州养老陪护" in html and "宁波冲压上下料" not in html
    html = client.get("/demands?task=loading").get_data(as_text=True)
    assert "宁波冲压上下料" in html and "杭州养老陪护" not in html
    html = client.get("/demands?mode=raas").get_data(as_text=True)
    assert "杭州养老陪护" in html and "宁波冲压上下料" not in html  # no modes = any mode
    html = client.get("/demands").get_data(as_text=True)
    assert "草稿需求" not in html


def test_offering_list_city_filter_counts_all_province_offerings(client, make):
    org = make.org(side="supply")
    make.offering(org, title="只服务温州", service_cities=["wenzhou"])
    make.offering(org, title="全省服务", service_cities=[])
    html = client.get("/offerings?city=quzhou").get_data(as_text=True)
    assert "全省服务" in html and "只服务温州" not in html


def test_hostile_filter_input_never_errors(client):
    for query in ["' OR 1=1--", "%", "_", '"unterminated', "title:(", "*", "x" * 5000]:
        assert (
            client.get("/demands", query_string={"q": query, "sort": "nope", "page": "-3"}).status_code == 200
        )
        assert (
            client.get("/offerings", query_string={"q": query, "domain": "<b>", "page": "x"}).status_code
            == 200
        )


def test_exports_neutralise_formulas(client, make):
    org = make.org(side="demand")
    make.demand(org, title='=HYPERLINK("http://x")', description="+cmd")
    sign_in(client, make.official())
    csv_text = client.get("/demands/export.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in csv_text and "'+cmd" in csv_text
    xlsx = client.get("/demands/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_offering_without_any_price_is_refused(client, db, make):
    sign_in(client, make.member(make.org(side="supply")))
    r = client.post("/offerings/new", data=offering_form(price_lease="", price_purchase=""))
    assert r.status_code == 400
    assert "至少" in r.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Offering)) == 0
