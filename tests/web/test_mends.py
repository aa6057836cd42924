"""Issue 12 part 6: what a new user tripped on, each with a test that fails without the mend."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marketplace.bookings.models import BookingSettings
from tests.concurrency.scenario import bookable, customer, day


@pytest.fixture
def en(client):
    client.get("/lang/en")
    return client


# ---------------------------------------------------------------- service hours


def test_a_day_service_robot_offers_only_its_service_hours(en, auth, make, db):
    offering = bookable(make, db, units=2, service_start_hour=9, service_end_hour=18)
    auth.login(customer(make))
    html = en.get(f"/offerings/{offering.ref}").get_data(as_text=True)
    date = day(3).isoformat()
    assert f'data-date="{date}" data-hour="9"' in html
    assert f'data-date="{date}" data-hour="17"' in html
    assert (
        f'data-date="{date}" data-hour="0"' not in html and f'data-date="{date}" data-hour="18"' not in html
    )
    options = re.findall(r'<option[^>]*value="(\d+)"[^>]*>(\d\d):00</option>', html)
    assert options and min(int(v) for v, _ in options) == 9 and max(int(v) for v, _ in options) == 17

    data = {"mode": "sharing", "start_date": date, "start_hour": "6", "length": "2", "length_unit": "hours",
            "units": "1", "note": ""}  # fmt: skip
    early = en.post(f"/offerings/{offering.ref}/book", data=data)
    assert early.status_code == 400 and "from 09:00 to 18:00" in early.get_data(as_text=True)
    late = en.post(f"/offerings/{offering.ref}/book", data={**data, "start_hour": "17", "length": "2"})
    assert late.status_code == 400
    fits = en.post(f"/offerings/{offering.ref}/book", data={**data, "start_hour": "16", "length": "2"})
    assert fits.status_code == 200


def test_vendors_set_their_service_hours(en, auth, make, db):
    offering = bookable(make, db)
    auth.login(make.member(offering.organization))
    values = {"min_lead_hours": "0", "max_sharing_hours": "8", "max_lease_days": "30",
              "max_subscription_months": "6", "cancel_notice_hours": "12"}  # fmt: skip
    bad = en.post("/bookings/settings", data={**values, "service_start_hour": "18", "service_end_hour": "9"})
    assert bad.status_code == 400 and "must come after their start" in bad.get_data(as_text=True)
    ok = en.post("/bookings/settings", data={**values, "service_start_hour": "8", "service_end_hour": "20"})
    assert ok.status_code == 302
    saved = db.get(BookingSettings, offering.org_id)
    db.refresh(saved)
    assert (saved.service_start_hour, saved.service_end_hour) == (8, 20)


# ---------------------------------------------------------------- request changes without a comment


def test_request_changes_without_a_comment_speaks_the_language_and_restores_the_address(app, make, db):
    from tests.pilots_support import pair_world

    world = pair_world(make)
    pilot = world.pilot("submitted")
    client = app.test_client()
    from tests.factories import PASSWORD

    assert (
        client.post("/login", data={"email": world.official.email, "password": PASSWORD}).status_code == 302
    )
    client.get("/lang/zh")
    response = client.post(
        f"/pilots/{pilot.id}/transitions", data={"action": "request_changes", "comment": ""}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    errors = re.findall(r'<p class="field-error"[^>]*>([^<]*)</p>', html)
    assert errors and all("required" not in e and re.search(r"[\u4e00-\u9fff]", e) for e in errors), errors
    # The page says where it really lives; static/js/site.js puts that address back.
    assert f'<link rel="canonical" href="/pilots/{pilot.id}" data-replace-address>' in html
    assert "data-replace-address" not in client.get(f"/pilots/{pilot.id}").get_data(as_text=True)


# ---------------------------------------------------------------- labels and chips


def test_the_credit_code_label_says_optional_once(client):
    zh = client.get("/register").get_data(as_text=True)
    assert "统一社会信用代码" in zh and "（选填）（选填）" not in zh and zh.count("（选填）") >= 1
    client.get("/lang/en")
    en = client.get("/register").get_data(as_text=True)
    assert "(optional) (optional)" not in re.sub(r"<[^>]+>", " ", en).replace("  ", " ")


def test_weak_and_good_reasons_look_different(app, make, db):
    from flask import render_template_string

    from marketplace.matching.reasons import reason

    class Match:
        ok, score, offering = True, 80, True
        record = make.offering(make.org(side="supply"))
        reasons = [
            reason("price_within", "good", mode=("mode", "lease"), price=100, budget=200),
            reason("price_over", "weak", mode=("mode", "lease"), price=300, budget=200),
            reason("price_no_budget", "info", mode=("mode", "lease"), price=300),
        ]

    with app.test_request_context("/"):
        html = render_template_string('{% include "matching/_card.html" %}', m=Match(), lang="en")
    classes = re.findall(r'<li class="(reason-\w+)">', html)
    assert classes == ["reason-good", "reason-weak", "reason-neutral"]
    css = (Path(app.static_folder) / "css" / "search.css").read_text(encoding="utf-8")

    def rule(name: str) -> str:
        match = re.search(r"\.reasons li\." + re.escape(name) + r" \{([^}]*)\}", css)
        assert match, name
        return match.group(1)

    assert rule("reason-good") != rule("reason-weak")
    assert re.search(r"background: (#[0-9a-f]+)", rule("reason-good")).group(1) != re.search(
        r"background: (#[0-9a-f]+)", rule("reason-weak")
    ).group(1)


# ---------------------------------------------------------------- dashboard time


def test_the_dashboard_shows_beijing_time(app, make, db, monkeypatch):
    from datetime import datetime

    from marketplace.dashboard import stats
    from tests.factories import PASSWORD

    official = make.official(email="clock@mends.test")
    client = app.test_client()
    client.post("/login", data={"email": official.email, "password": PASSWORD})
    client.get("/lang/en")
    real = stats.compute
    monkeypatch.setattr(stats, "compute", lambda s, **kw: real(s, now=datetime(2026, 12, 1, 20, 30), **kw))
    html = client.get("/dashboard").get_data(as_text=True)
    assert (
        "2026-12-02 04:30 Beijing time" in html and "UTC" not in html.split("<main", 1)[1].split("</p>", 1)[0]
    )


# ---------------------------------------------------------------- facets, exports, signed-out hint


def test_city_facets_explain_why_they_add_up_to_more(app, make, db, client):
    from marketplace.search import index_records

    org = make.org(side="supply")
    everywhere = make.offering(org, title="巡检机器人甲", service_cities=[])
    several = make.offering(org, title="巡检机器人乙", service_cities=["ningbo", "hangzhou"])
    one = make.offering(org, title="巡检机器人丙", service_cities=["ningbo"])
    index_records(offering_ids=[everywhere.id, several.id, one.id])
    client.get("/lang/en")
    html = client.get("/search?q=巡检机器人&kind=offering").get_data(as_text=True)
    counts = re.search(r"<h2>City</h2>\s*<ul>(.*?)</ul>", html, re.S).group(1)
    total = sum(int(n) for n in re.findall(r'<span class="count">(\d+)</span>', counts))
    assert total > 3  # what a click on each city would show
    assert "serving all of Zhejiang (1) or several cities (1)" in html


def test_csv_export_writes_statuses_in_words(app, make, db):
    from marketplace.listings.exports import demand_rows, offering_rows

    org = make.org(side="both")
    header, rows = demand_rows([make.demand(org)], "zh")
    assert rows[0][header.index("状态")] == "公开"
    header, rows = offering_rows([make.offering(org)], "en")
    assert rows[0][header.index("Status")] == "Active"
    closed = make.demand(org, status="closed")
    header, rows = demand_rows([closed], "en")
    assert rows[0][header.index("Status")] == "Closed"


def test_signed_out_visitors_learn_that_signing_in_shows_matches(app, make, db, client):
    demand = make.demand(make.org(side="demand"))
    html = client.get(f"/demands/{demand.ref}").get_data(as_text=True)
    assert "登录查看匹配结果" in html and f"/login?next=/demands/{demand.ref}" in html
    from tests.factories import PASSWORD

    member = make.member(demand.organization, email="own@mends.test")
    client.post("/login", data={"email": member.email, "password": PASSWORD})
    assert "登录查看匹配结果" not in client.get(f"/demands/{demand.ref}").get_data(as_text=True)
