"""The public showcase: approved, running and completed pilots only."""

from __future__ import annotations

import pytest

from tests.pilots_support import pair_world

STATES = (
    "draft",
    "submitted",
    "changes_requested",
    "approved",
    "rejected",
    "in_progress",
    "completed",
    "terminated",
)
SHOWN = {"approved", "in_progress", "completed"}


@pytest.fixture
def pilots(make):
    made = {}
    for state in STATES:
        w = pair_world(make)
        pilot = w.pilot(state)
        pilot.title = f"示范-{state}"
        made[state] = (pilot, w)
    make.session.flush()
    return made


def test_showcase_page_and_api_show_only_the_three_states(client, pilots):
    page = client.get("/showcase").get_data(as_text=True)
    data = client.get("/api/v1/showcase").json
    listed = {item["title"] for item in data["items"]}
    for state, (pilot, _w) in pilots.items():
        assert (pilot.title in page) == (state in SHOWN), state
        assert (pilot.title in listed) == (state in SHOWN), state
    assert data["total"] == 3
    done = next(i for i in data["items"] if i["state"] == "completed")
    assert done["outcome"]["hours"] == 100 and "expected" in done
    assert all(i["outcome"] is None for i in data["items"] if i["state"] != "completed")


def test_filter_by_domain_and_city(client, make, pilots):
    w = pair_world(make, demand_kw={"domain": "eldercare", "tasks": ["companionship"], "city": "ningbo"},
                   offering_kw={"domains": ["eldercare"], "tasks": ["companionship"]})  # fmt: skip
    care = w.pilot("approved")
    care.title = "宁波养老示范"
    make.session.flush()
    data = client.get("/api/v1/showcase?domain=eldercare&city=ningbo").json
    assert [i["title"] for i in data["items"]] == ["宁波养老示范"]
    assert client.get("/api/v1/showcase?city=ningbo&domain=healthcare").json["total"] == 0
    page = client.get("/showcase?city=ningbo").get_data(as_text=True)
    assert "宁波养老示范" in page and "示范-approved" not in page
    assert client.get("/api/v1/showcase?city=atlantis").status_code == 400


def test_home_page_shows_the_newest_and_the_count(client, pilots):
    page = client.get("/").get_data(as_text=True)
    assert "/showcase" in page
    assert any(p.title in page for state, (p, _w) in pilots.items() if state in SHOWN)
    assert "示范-draft" not in page and "示范-rejected" not in page


def test_showcase_photos_are_public_but_pilot_documents_are_not(client, make, pilots):
    pilot, w = pilots["approved"]
    photo = make.attachment("pilot", pilot, user=w.demand_member)
    doc = make.attachment("pilot", pilot, kind="document", user=w.demand_member,
                          data=__import__("seeds.pictures", fromlist=["minimal_pdf"]).minimal_pdf("t", []))  # fmt: skip
    assert client.get(f"/files/{photo.id}").status_code == 200
    assert client.get(f"/files/{doc.id}").status_code == 404
    draft, wd = pilots["draft"]
    hidden = make.attachment("pilot", draft, user=wd.demand_member)
    assert client.get(f"/files/{hidden.id}").status_code == 404
