"""The test factories reach what they promise, through the services."""

from __future__ import annotations

import pytest

from marketplace.pilots.models import PilotEvent


@pytest.mark.parametrize("state", ["requested", "confirmed", "declined", "cancelled"])
def test_a_booking_reaches_each_state(make, state):
    booking = make.booking(make.bookable(), state=state)
    assert booking.state == state
    assert booking.created_by_id is not None  # made by a person, as create_booking does


def test_a_subscription_runs_whole_months(make):
    booking = make.subscription(make.bookable(), months=2)
    assert booking.is_subscription and booking.mode == "raas"
    assert booking.end_at > booking.start_at


@pytest.mark.parametrize(
    "state", ["draft", "submitted", "approved", "in_progress", "completed", "terminated"]
)
def test_a_pilot_reaches_each_state_with_its_history(db, make, state):
    pilot = make.pilot(state)
    assert pilot.state == state
    events = db.query(PilotEvent).filter_by(pilot_id=pilot.id).all()
    assert events[0].action == "propose"
    assert state == "draft" or events[-1].to_state == state


def test_an_official_given_an_organization_belongs_to_it(make):
    org = make.org()
    assert make.official(org=org).org_id == org.id
    assert make.official().org_id is None


def test_booking_settings_go_through_the_service(make):
    offering = make.bookable(auto_confirm=True)
    assert make.booking(offering, state="confirmed").state == "confirmed"
