"""Saved searches: save from a list, alerts once per record and search (inbox and
mail), nothing for records that do not match, one-click unsubscribe without signing
in (that search only), the page, and the API."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from marketplace.notifications.models import Notification, OutboxMail
from marketplace.notifications.services import send_digests
from marketplace.savedsearch import notify_saved_searches
from marketplace.savedsearch import services as saved
from marketplace.savedsearch.models import SavedSearch
from marketplace.search import index_records
from tests.factories import PASSWORD


def _notices(db, user) -> list[Notification]:
    return list(
        db.scalars(
            select(Notification).where(Notification.user_id == user.id, Notification.kind == "saved_search")
        )
    )


def _mails(db, user) -> list[OutboxMail]:
    return list(db.scalars(select(OutboxMail).where(OutboxMail.user_id == user.id).order_by(OutboxMail.id)))


def _login(app, user):
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def world(make, db):
    vendor_org = make.org(side="supply", ref="org-ss-vendor")
    vendor = make.member(vendor_org, email="vendor@saved.test")
    buyer_org = make.org(side="demand", ref="org-ss-buyer", city="ningbo")
    return vendor, vendor_org, buyer_org


def _new_demand(make, org, **kw):
    demand = make.demand(org, **kw)
    index_records(demand_ids=[demand.id])
    return demand


def test_a_new_matching_record_alerts_once(make, db, world):
    vendor, _org, buyer = world
    search = make.saved_search(vendor, "demands", q="巡检", filters={"city": "ningbo"}, name="宁波巡检")
    demand = _new_demand(
        make, buyer, title="厂区夜间巡检", description="夜间巡检厂区", city="ningbo", domain="manufacturing"
    )

    assert notify_saved_searches(db, [demand.id], []) == 1
    assert notify_saved_searches(db, [demand.id], []) == 0  # again: announced once
    notices = _notices(db, vendor)
    assert len(notices) == 1
    assert "厂区夜间巡检" in notices[0].subject_zh and "宁波巡检" in notices[0].subject_zh
    assert notices[0].link == f"/demands/{demand.ref}"
    mails = [m for m in _mails(db, vendor) if m.kind == "saved_search"]
    assert len(mails) == 1
    token = saved.unsubscribe_token(search)
    assert f"/saved-searches/unsubscribe/{token}" in mails[0].body


def test_records_that_do_not_match_are_not_announced(make, db, world):
    vendor, vendor_org, buyer = world
    make.saved_search(vendor, "demands", q="巡检", filters={"city": "ningbo"})
    elsewhere = _new_demand(make, buyer, title="厂区夜间巡检", description="夜间巡检", city="hangzhou")
    other_words = _new_demand(make, buyer, title="冲压上下料", description="上下料", city="ningbo")
    own = _new_demand(make, make.org(side="both", ref="org-ss-x"), title="巡检", city="ningbo")
    own.org_id = vendor_org.id  # the searcher's own organization's record
    closed = _new_demand(make, buyer, title="仓库巡检", description="巡检", city="ningbo", status="closed")
    db.flush()
    assert notify_saved_searches(db, [elsewhere.id, other_words.id, own.id, closed.id], []) == 0
    assert _notices(db, vendor) == []


def test_offerings_list_and_records_older_than_the_search(make, db, world):
    vendor, _org, buyer = world
    older = make.offering(buyer, title="巡检机器人", domains=["emergency"], tasks=["patrol_inspection"])
    make.saved_search(vendor, "offerings", filters={"domain": "emergency"})
    newer = make.offering(buyer, title="巡检四足机器人", domains=["emergency"], tasks=["patrol_inspection"])
    older.created_at = newer.created_at.replace(year=newer.created_at.year - 1)
    db.flush()
    assert notify_saved_searches(db, [], [older.id, newer.id]) == 1
    assert "巡检四足机器人" in _notices(db, vendor)[0].subject_zh


def test_unsubscribe_needs_no_sign_in_and_stops_only_that_search(app, make, db, world):
    vendor, _org, buyer = world
    first = make.saved_search(vendor, "demands", filters={"city": "ningbo"})
    second = make.saved_search(vendor, "demands", filters={"domain": "manufacturing"})
    response = app.test_client().get(f"/saved-searches/unsubscribe/{saved.unsubscribe_token(first)}")
    assert response.status_code == 200
    assert first.name in response.get_data(as_text=True)
    db.refresh(first)
    db.refresh(second)
    assert (first.alert, second.alert) == ("off", "immediately")

    demand = _new_demand(make, buyer, city="ningbo", domain="manufacturing")
    assert notify_saved_searches(db, [demand.id]) == 1  # the second search only
    assert _notices(db, vendor)[0].key.startswith(f"saved:{second.id}:")

    token = saved.unsubscribe_token(second)
    # Change a character well inside the signature (the last one carries padding bits,
    # and a fixed replacement can equal what was there).
    tampered = token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:]
    assert app.test_client().get(f"/saved-searches/unsubscribe/{tampered}").status_code == 404
    db.refresh(second)
    assert second.alert == "immediately"


def test_daily_digest_carries_the_unsubscribe_link(make, db, world):
    vendor, _org, buyer = world
    search = make.saved_search(vendor, "demands", filters={"city": "ningbo"}, alert="daily")
    demand = _new_demand(make, buyer, city="ningbo")
    assert notify_saved_searches(db, [demand.id]) == 1
    assert not [m for m in _mails(db, vendor) if m.kind == "saved_search"]  # waits for the digest
    send_digests(db)
    digest = [m for m in _mails(db, vendor) if m.kind == "digest"]
    assert len(digest) == 1
    assert saved.unsubscribe_token(search) in digest[0].body


def test_alert_runs_after_a_record_is_posted(app, make, db, world):
    vendor, _org, buyer = world
    make.saved_search(vendor, "demands", q="巡检", filters={"city": "ningbo"})
    poster = make.member(buyer, email="poster@saved.test")
    from marketplace.accounts import services as accounts

    token = accounts.issue_token(db, poster, "t")
    body = {
        "title": "仓库夜间巡检",
        "description": "仓库夜间巡检，发现异常报警。",
        "domain": "emergency",
        "tasks": ["patrol_inspection"],
        "city": "ningbo",
    }
    response = app.test_client().post(
        "/api/v1/demands", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 201, response.get_json()
    assert len(_notices(db, vendor)) == 1


def test_save_from_the_list_page_then_list_and_delete(app, make, db, world):
    vendor, _org, _buyer = world
    client = _login(app, vendor)
    page = client.get("/demands?city=ningbo&q=巡检").get_data(as_text=True)
    assert "Save this search" in page or "保存此搜索" in page
    response = client.post(
        "/saved-searches",
        data={
            "list": "demands",
            "q": "巡检",
            "city": "ningbo",
            "domain": "nonsense",
            "name": "",
            "alert": "daily",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/demands?")
    search = db.scalar(select(SavedSearch).where(SavedSearch.user_id == vendor.id))
    assert (search.q, search.filters, search.alert) == ("巡检", {"city": "ningbo"}, "daily")
    assert search.name == "巡检 · 宁波"
    listing = client.get("/saved-searches").get_data(as_text=True)
    assert "巡检 · 宁波" in listing

    other = _login(app, make.member(make.org(ref="org-ss-other"), email="other@saved.test"))
    assert other.post(f"/saved-searches/{search.id}/delete").status_code == 404
    assert "巡检 · 宁波" not in other.get("/saved-searches").get_data(as_text=True)
    assert client.post(f"/saved-searches/{search.id}/delete").status_code == 302
    assert (
        db.scalar(select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == vendor.id)) == 0
    )


def test_signed_out_visitors_see_no_save_form(client):
    page = client.get("/demands").get_data(as_text=True)
    assert 'action="/saved-searches"' not in page


def test_api_create_list_delete_and_errors(app, make, db, world):
    vendor, _org, _buyer = world
    from marketplace.accounts import services as accounts

    headers = {"Authorization": f"Bearer {accounts.issue_token(db, vendor, 't')}"}
    client = app.test_client()
    bad = client.post(
        "/api/v1/saved-searches",
        json={"list": "demands", "filters": {"city": "atlantis", "colour": "red"}},
        headers=headers,
    )
    assert bad.status_code == 400
    assert set(bad.get_json()["fields"]) == {"filters.city", "filters.colour"}
    bad = client.post("/api/v1/saved-searches", json={"list": "pilots", "alert": "hourly"}, headers=headers)
    assert bad.status_code == 400 and set(bad.get_json()["fields"]) == {"list", "alert"}

    made = client.post(
        "/api/v1/saved-searches",
        json={
            "list": "offerings",
            "q": "巡检",
            "filters": {"domain": "emergency", "verified": True},
            "alert": "off",
        },
        headers=headers,
    )
    assert made.status_code == 201
    item = made.get_json()
    assert item["filters"] == {"domain": "emergency", "verified": "1"} and item["alert"] == "off"
    listed = client.get("/api/v1/saved-searches", headers=headers).get_json()
    assert [s["id"] for s in listed["items"]] == [item["id"]]
    assert client.delete(f"/api/v1/saved-searches/{item['id']}", headers=headers).status_code == 200
    assert client.delete(f"/api/v1/saved-searches/{item['id']}", headers=headers).status_code == 404


def test_the_unsubscribe_link_is_absolute_in_mail(make, db, world):
    vendor, _org, _buyer = world
    search = make.saved_search(vendor, "demands")
    assert re.match(r"^https?://[^/]+/saved-searches/unsubscribe/", saved.unsubscribe_url(search))


def test_saving_from_the_search_page_returns_there_and_never_elsewhere(app, make, db, world):
    vendor, _org, _buyer = world
    client = _login(app, vendor)
    page = client.get("/search?q=巡检&kind=demand&city=ningbo").get_data(as_text=True)
    assert 'name="list" value="demands"' in page and 'name="next" value="/search?' in page
    data = {"list": "demands", "q": "巡检", "city": "ningbo", "alert": "immediately"}
    back = client.post("/saved-searches", data={**data, "next": "/search?q=巡检&kind=demand&city=ningbo"})
    assert back.headers["Location"].startswith("/search?")
    away = client.post("/saved-searches", data={**data, "next": "https://evil.example/x"})
    assert away.headers["Location"].startswith("/demands?")
