"""The pilot pages: the whole path from a proposed pairing to an accepted pilot,
each refusal (403, 409), the comment requirement, escaping, and both languages."""

from __future__ import annotations

import re

import flask_babel
import pytest
from sqlalchemy import func, select

from marketplace.notifications.models import Notification
from marketplace.pilots.models import Pilot, PilotEvent
from tests.support.auth import csrf_token, sign_in, signed_in
from tests.support.pilots import pair_world


def page(client, path: str) -> str:
    flask_babel.refresh()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


@pytest.fixture
def world(make):
    return pair_world(make)


def _pilot(db) -> Pilot:
    return db.scalars(select(Pilot).order_by(Pilot.id.desc())).first()


def _history(db, pilot) -> list[tuple]:
    return [
        (e.action, e.to_state)
        for e in db.scalars(select(PilotEvent).where(PilotEvent.pilot_id == pilot.id).order_by(PilotEvent.id))
    ]


FORM = {
    "title": "住院部夜间药品配送示范",
    "site": "滨江院区住院部",
    "plan": "两台配送机器人夜间往返药房与病区。",
    "schedule": "第1月部署，第2–6月运行",
    "start_date": "2027-01-10",
    "end_date": "2027-06-30",
    "mode": "lease",
    "price": "8000",
    "quantity": "2",
    "expected_outcomes": "夜班配送人力减少一半",
    "expected_hours": "2000",
    "expected_manual_share": "50",
    "expected_incidents_avoided": "",
}


def test_the_whole_path_from_proposal_to_acceptance(app, db, world):
    vendor = signed_in(app, world.offering_member)
    hospital = signed_in(app, world.demand_member)
    official = signed_in(app, world.official)
    pair = f"demand={world.demand.ref}&offering={world.offering.ref}"

    form_page = page(vendor, f"/pilots/new?{pair}")
    assert world.demand.title in form_page and 'value="8000' in form_page, "the offering's price is proposed"
    response = vendor.post(f"/pilots/new?{pair}", data=FORM)
    assert response.status_code == 302
    pilot = _pilot(db)
    url = f"/pilots/{pilot.id}"
    assert response.headers["Location"].endswith(url)
    assert pilot.state == "draft" and pilot.title == FORM["title"] and pilot.expected_manual_share == 50

    # Not without the hospital's confirmation.
    assert vendor.post(f"{url}/transitions", data={"action": "submit"}).status_code == 409
    assert 'value="confirm"' in page(hospital, url)
    assert hospital.post(f"{url}/transitions", data={"action": "confirm"}).status_code == 302
    assert vendor.post(f"{url}/transitions", data={"action": "submit"}).status_code == 302
    queue = page(official, "/pilots/review")
    assert FORM["title"] in queue

    # Requesting changes needs a comment: refused and unchanged without one.
    response = official.post(f"{url}/transitions", data={"action": "request_changes", "comment": " "})
    assert response.status_code == 400
    db.refresh(pilot)
    assert pilot.state == "submitted"
    comment = "请补充电梯联动方案与夜间值守安排"
    assert (
        official.post(
            f"{url}/transitions", data={"action": "request_changes", "comment": comment}
        ).status_code
        == 302
    )
    for client in (vendor, hospital):
        assert comment in page(client, url), "the applicants see the official's comment"

    # The applicants edit and submit again; the official approves.
    assert vendor.get(f"{url}/edit").status_code == 200
    response = hospital.post(
        f"{url}/edit", data={**FORM, "plan": "补充：两台机器人与电梯门禁联动，夜间由保卫处值守。"}
    )
    assert response.status_code == 302
    assert hospital.post(f"{url}/transitions", data={"action": "submit"}).status_code == 302
    assert (
        official.post(f"{url}/transitions", data={"action": "approve", "comment": "同意"}).status_code == 302
    )
    assert vendor.get(f"{url}/edit").status_code == 409, "an approved application is no longer edited"

    # Run and finish.
    assert vendor.post(f"{url}/transitions", data={"action": "start"}).status_code == 302
    assert (
        hospital.post(
            f"{url}/milestones", data={"title": "设备进场", "reached_on": "2027-01-12", "note": "两台到货"}
        ).status_code
        == 302
    )
    response = official.post(f"{url}/transitions", data={"action": "complete", "comment": "验收通过"})
    assert response.status_code == 400, "acceptance needs the outcome figures"
    response = official.post(
        f"{url}/transitions",
        data={
            "action": "complete",
            "comment": "验收通过",
            "outcome_hours": "2150",
            "outcome_manual_share": "55",
        },
    )
    assert response.status_code == 302
    db.refresh(pilot)
    assert pilot.state == "completed" and pilot.outcome_hours == 2150
    assert _history(db, pilot) == [
        ("propose", "draft"),
        ("confirm", "draft"),
        ("submit", "submitted"),
        ("request_changes", "changes_requested"),
        ("submit", "submitted"),
        ("approve", "approved"),
        ("start", "in_progress"),
        ("complete", "completed"),
    ]
    final = page(hospital, url)
    assert "设备进场" in final and "2150" in final and "验收通过" in final


def test_the_dashboard_count_moves_when_a_pilot_is_approved(app, db, world):
    pilot = world.pilot("submitted")
    official = signed_in(app, world.official)

    def counted() -> int:
        return int(re.search(r'id="progress-total">(\d+)<', page(official, "/dashboard")).group(1))

    before = counted()
    assert official.post(f"/pilots/{pilot.id}/transitions", data={"action": "approve"}).status_code == 302
    assert counted() == before + 1


@pytest.mark.parametrize(
    "who, state, action, status",
    [
        ("demand_member", "submitted", "approve", 403),  # members cannot approve
        ("offering_member", "submitted", "reject", 403),
        ("official", "draft", "approve", 409),  # the state does not allow it
        ("official", "approved", "approve", 409),
        ("offering_member", "approved", "submit", 409),
        ("official", "approved", "start", 403),  # only the applicants start
        ("offering_member", "in_progress", "complete", 403),  # only an official accepts
        ("outsider", "submitted", "approve", 404),  # the pilot is hidden from others
    ],
)
def test_refusals(app, db, world, who, state, action, status):
    pilot = world.pilot(state)
    before = (pilot.state, pilot.version)
    client = signed_in(app, getattr(world, who))
    response = client.post(f"/pilots/{pilot.id}/transitions", data={"action": action, "comment": "意见"})
    assert response.status_code == status
    db.refresh(pilot)
    assert (pilot.state, pilot.version) == before


def test_an_official_cannot_review_a_pilot_of_their_own_organization(app, db, make, world):
    own = make.official(email="own-official@example.test")
    own.org_id = world.offering_org.id
    db.flush()
    pilot = world.pilot("submitted")
    client = signed_in(app, own)
    assert client.post(f"/pilots/{pilot.id}/transitions", data={"action": "approve"}).status_code == 403
    assert pilot.title not in page(client, "/pilots/review")
    db.refresh(pilot)
    assert pilot.state == "submitted"


def test_unknown_action_is_a_bad_request(app, world):
    pilot = world.pilot("submitted")
    client = signed_in(app, world.official)
    assert client.post(f"/pilots/{pilot.id}/transitions", data={"action": "publish"}).status_code == 400


def test_propose_refusals(app, db, world, make):
    pair = f"demand={world.demand.ref}&offering={world.offering.ref}"
    assert signed_in(app, world.outsider).get(f"/pilots/new?{pair}").status_code == 403
    assert signed_in(app, world.official).get(f"/pilots/new?{pair}").status_code == 403
    vendor = signed_in(app, world.offering_member)
    response = vendor.post(f"/pilots/new?{pair}", data={**FORM, "title": "", "mode": "raas"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert 'value="滨江院区住院部"' in text, "what was typed is kept"
    assert db.scalar(select(func.count()).select_from(Pilot)) == 0
    assert vendor.post(f"/pilots/new?{pair}", data=FORM).status_code == 302
    assert vendor.post(f"/pilots/new?{pair}", data=FORM).status_code == 409, "one live application per pair"
    world.demand.status = "closed"
    db.flush()
    other = make.offering(world.offering_org, ref="off-second")
    assert vendor.get(f"/pilots/new?demand={world.demand.ref}&offering={other.ref}").status_code == 404


def test_chooser_offers_own_records_and_counterparts(app, world):
    text = page(signed_in(app, world.offering_member), "/pilots/new")
    assert f"/pilots/new?offering={world.offering.ref}" in text
    # From an offering's page, a hospital member can pick one of its own needs.
    text = page(signed_in(app, world.demand_member), f"/pilots/new?offering={world.offering.ref}")
    assert f"/pilots/new?demand={world.demand.ref}&amp;offering={world.offering.ref}" in text


def test_lists_show_own_pilots_to_members_and_all_to_officials(app, world):
    pilot = world.pilot("submitted")
    assert pilot.title in page(signed_in(app, world.demand_member), "/pilots")
    assert pilot.title not in page(signed_in(app, world.outsider), "/pilots")
    official = signed_in(app, world.official)
    assert pilot.title in page(official, "/pilots?state=submitted")
    assert pilot.title not in page(official, "/pilots?state=approved")


@pytest.mark.parametrize(
    "lang, words",
    [
        ("zh", ["已申报", "示范项目", "历史记录"]),
        ("en", ["Submitted", "Demonstration pilots", "History"]),
    ],
)
def test_the_pilot_page_in_both_languages(app, world, lang, words):
    pilot = world.pilot("submitted")
    text = page(signed_in(app, world.official, lang), f"/pilots/{pilot.id}")
    for word in words:
        assert word in text


def test_typed_markup_comes_back_escaped(app, db, world):
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{7*7}}'
    pilot = world.propose(title=hostile, plan=hostile, site=hostile)
    pilot.confirm(world.demand_member, hostile)
    for client, path in (
        (signed_in(app, world.demand_member), f"/pilots/{pilot.id}"),
        (signed_in(app, world.demand_member), "/pilots"),
    ):
        text = page(client, path)
        assert "<script>alert(1)" not in text and "<img src=x" not in text
        assert "&lt;script&gt;" in text
        assert "{{7*7}}" in text and ">49<" not in text


def test_the_notices_of_a_transition(app, db, world):
    pilot = world.pilot("draft")
    client = signed_in(app, world.offering_member)
    assert client.post(f"/pilots/{pilot.id}/transitions", data={"action": "submit"}).status_code == 302
    recipients = set(
        db.scalars(
            select(Notification.user_id).where(
                Notification.key.like(f"pilot:{pilot.id}:%"), Notification.kind.in_(["pilot", "pilot_review"])
            )
        )
    )
    assert world.demand_member.id in recipients, "the other organization hears of it"
    assert world.official.id in recipients and world.admin.id in recipients, (
        "submission reaches the officials"
    )
    assert world.outsider.id not in recipients


def _csrf(text: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', text).group(1)


@pytest.mark.csrf
def test_transitions_need_the_csrf_token(app, db, world):
    pilot = world.pilot("submitted")
    client = app.test_client()
    token = csrf_token(client)
    sign_in(client, world.official, csrf=token)
    assert client.post(f"/pilots/{pilot.id}/transitions", data={"action": "approve"}).status_code == 400
    assert (
        client.post(
            f"/pilots/{pilot.id}/transitions", data={"action": "approve", "csrf_token": token}
        ).status_code
        == 400
    ), "a token from before the login is refused after it"
    db.refresh(pilot)
    assert pilot.state == "submitted"
    fresh = _csrf(page(client, f"/pilots/{pilot.id}"))
    assert (
        client.post(
            f"/pilots/{pilot.id}/transitions", data={"action": "approve", "csrf_token": fresh}
        ).status_code
        == 302
    )
    db.refresh(pilot)
    assert pilot.state == "approved"


def test_the_propose_button_partial(app, world):
    """What the matcher's rows (`m`) and the listing pages (`d`, `o`) show."""
    from types import SimpleNamespace

    from flask import render_template_string
    from flask_login import login_user

    def render(user, source, **context):
        with app.test_request_context("/"):
            login_user(user)
            return render_template_string(source, **context)

    row = SimpleNamespace(offering=world.offering, score=90, reasons=[])
    on_demand_page = '{% include "pilots/_propose_button.html" %}'
    pair = f"demand={world.demand.ref}&amp;offering={world.offering.ref}"
    assert f"/pilots/new?{pair}" in render(world.offering_member, on_demand_page, d=world.demand, m=row)
    assert f"/pilots/new?{pair}" in render(world.demand_member, on_demand_page, d=world.demand, m=row)
    assert "/pilots/new" not in render(world.outsider, on_demand_page, d=world.demand, m=row)
    assert "/pilots/new" not in render(world.official, on_demand_page, d=world.demand, m=row)
    offering_page = render(world.demand_member, on_demand_page, o=world.offering)
    assert f"/pilots/new?offering={world.offering.ref}" in offering_page
    back_row = SimpleNamespace(demand=world.demand, score=90, reasons=[])
    assert f"/pilots/new?{pair}" in render(
        world.offering_member, on_demand_page, o=world.offering, m=back_row
    )
