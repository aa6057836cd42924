"""Pilot services against the database: who holds which party, each transition
of the table run for real, history rows, guards and refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from marketplace.errors import Conflict, NotAllowed, ValidationFailed
from marketplace.pilots import services, workflow
from marketplace.pilots.models import Pilot, PilotEvent
from tests.support.pilots import pair_world


def _events(db, pilot) -> int:
    return db.scalar(select(func.count()).select_from(PilotEvent).where(PilotEvent.pilot_id == pilot.id))


@pytest.fixture
def world(make):
    return pair_world(make)


def test_parties_of_each_kind_of_account(db, world, make):
    pilot = world.propose(by=world.offering_member)
    assert pilot.parties_of(world.offering_member) == {"applicant", "proposer"}
    assert pilot.parties_of(world.demand_member) == {"applicant", "partner"}
    assert pilot.parties_of(world.outsider) == set()
    assert pilot.parties_of(world.official) == {"official"}
    assert pilot.parties_of(world.admin) == {"official"}
    own_official = make.official(org=world.demand_org)
    assert own_official.org_id == world.demand_org.id
    assert pilot.parties_of(own_official) == set(), (
        "an official may not review their own organization's pilot"
    )
    world.demand_member.active = False
    assert pilot.parties_of(world.demand_member) == set()


def test_propose_makes_a_draft_with_one_history_row(db, world):
    pilot = world.propose(by=world.demand_member)
    assert pilot.state == "draft" and not pilot.confirmed
    assert pilot.proposer_org_id == world.demand_org.id and pilot.partner_org_id == world.offering_org.id
    assert pilot.price == Decimal("8000.00"), "the price defaults to the offering's price for the mode"
    assert pilot.quantity == world.demand.quantity
    assert [(e.action, e.from_state, e.to_state) for e in pilot.events] == [("propose", None, "draft")]


def test_only_members_of_the_pair_may_propose(world):
    for user in (world.outsider, world.official, world.admin):
        with pytest.raises(NotAllowed):
            world.propose(by=user)


def test_a_pair_has_one_live_application(db, world):
    first = world.propose()
    with pytest.raises(Conflict):
        world.propose(by=world.demand_member)
    first.terminate(world.offering_member, "重新申报")
    assert world.propose().id != first.id, "after a final state the pair may be proposed again"


def test_the_database_refuses_a_second_live_application_for_a_pair(db, world):
    """The partial unique index holds even when the service's check is raced past."""
    world.propose()
    clone = Pilot(
        ref="pil-race",
        demand_id=world.demand.id,
        offering_id=world.offering.id,
        demand_org_id=world.demand_org.id,
        offering_org_id=world.offering_org.id,
        proposer_org_id=world.demand_org.id,
        title="x",
        plan="y",
        mode="lease",
    )
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.begin_nested():
        db.add(clone)
        db.flush()


def test_closed_need_or_withdrawn_offering_cannot_be_proposed(world):
    world.demand.status = "closed"
    with pytest.raises(Conflict):
        world.propose()
    world.demand.status = "open"
    world.offering.status = "withdrawn"
    with pytest.raises(Conflict):
        world.propose()


@pytest.mark.parametrize(
    "values, field",
    [
        ({"title": ""}, "title"),
        ({"plan": "  "}, "plan"),
        ({"mode": "rent"}, "mode"),
        ({"mode": "raas"}, "mode"),
        ({"quantity": 0}, "quantity"),
        ({"price": -1}, "price"),
        ({"expected_manual_share": 101}, "expected_manual_share"),
        ({"start_date": "2027-13-01"}, "start_date"),
        ({"start_date": "2027-03-01", "end_date": "2027-02-01"}, "end_date"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_invalid_applications_name_the_field(world, values, field):
    with pytest.raises(ValidationFailed) as err:
        world.propose(**values)
    assert field in err.value.fields


def test_one_organization_on_both_sides_needs_no_confirmation(make, db):
    org = make.org(side="both")
    member = make.member(org)
    demand = make.demand(org)
    offering = make.offering(org)
    pilot = services.propose(db, member, demand, offering, {"title": "自有场景", "plan": "自用"})
    assert pilot.confirmed and pilot.partner_org_id is None
    pilot.submit(member)
    assert pilot.state == "submitted"


@pytest.mark.parametrize("step", workflow.TRANSITIONS, ids=lambda t: f"{t.state}-{t.action}")
def test_each_transition_of_the_table_runs_and_writes_one_history_row(db, world, step):
    pilot = world.pilot(step.state, confirmed=step.action != "confirm")
    before_events, before_version = _events(db, pilot), pilot.version
    if "partner" in step.parties:
        actor = world.demand_member  # the world's pilots are proposed by the offering's side
    elif "applicant" in step.parties:
        actor = world.offering_member
    else:
        actor = world.official
    outcome = {"outcome_hours": 420, "outcome_manual_share": 35} if step.action == "complete" else None
    event = services.transition(
        db, pilot, actor, step.action, "意见：同意" if step.needs_comment else "", outcome=outcome
    )
    assert pilot.state == step.next_state
    assert pilot.version == before_version + 1
    assert _events(db, pilot) == before_events + 1
    assert (event.action, event.from_state, event.to_state) == (step.action, step.state, step.next_state)
    assert event.actor_id == actor.id and event.actor_name == actor.name
    if step.action == "confirm":
        assert pilot.confirmed and pilot.confirmed_by_id == actor.id
    if step.action == "complete":
        assert (pilot.outcome_hours, pilot.outcome_manual_share, pilot.outcome_summary) == (
            420,
            35,
            "意见：同意",
        )


@pytest.mark.parametrize(
    "action",
    sorted(
        a for a in workflow.ACTIONS if any(t.action == a and t.needs_comment for t in workflow.TRANSITIONS)
    ),
)
def test_actions_that_need_a_comment_refuse_without_one_and_change_nothing(db, world, action):
    state = next(t.state for t in workflow.TRANSITIONS if t.action == action)
    pilot = world.pilot(state)
    actor = world.official if action in ("reject", "request_changes", "complete") else world.offering_member
    before = (pilot.state, pilot.version, _events(db, pilot))
    with pytest.raises(ValidationFailed) as err:
        services.transition(db, pilot, actor, action, "   ", outcome={"outcome_hours": 1})
    assert "comment" in err.value.fields
    db.refresh(pilot)
    assert (pilot.state, pilot.version, _events(db, pilot)) == before


def test_acceptance_needs_the_hours_of_operation(db, world):
    pilot = world.pilot("in_progress")
    with pytest.raises(ValidationFailed) as err:
        pilot.complete(world.official, "验收通过", outcome={"outcome_manual_share": 40})
    assert "outcome_hours" in err.value.fields
    assert pilot.state == "in_progress"


def test_submit_waits_for_the_partner_confirmation(db, world):
    pilot = world.pilot("draft", confirmed=False)
    assert not pilot.can_submit(world.offering_member)
    with pytest.raises(Conflict):
        pilot.submit(world.offering_member)
    with pytest.raises(NotAllowed):  # the proposer cannot confirm for the partner
        pilot.confirm(world.offering_member)
    pilot.confirm(world.demand_member)
    with pytest.raises(Conflict):
        pilot.confirm(world.demand_member)
    assert pilot.can_submit(world.offering_member) and pilot.can_submit(world.demand_member)


def test_refusals_leave_the_pilot_unchanged(db, world, make):
    pilot = world.pilot("submitted")
    before = (pilot.state, pilot.version, _events(db, pilot))
    with pytest.raises(NotAllowed):
        pilot.approve(world.demand_member)
    with pytest.raises(NotAllowed):
        pilot.approve(make.official(org=world.offering_org))
    with pytest.raises(Conflict):
        pilot.start(world.offering_member)
    with pytest.raises(ValidationFailed):
        services.transition(db, pilot, world.official, "publish")
    db.refresh(pilot)
    assert (pilot.state, pilot.version, _events(db, pilot)) == before


def test_a_stale_pilot_loses_to_the_change_made_meanwhile(db, world):
    """What the second of two officials sees: the row moved on since it was read."""
    pilot = world.pilot("submitted")
    db.execute(
        update(Pilot)
        .where(Pilot.id == pilot.id)
        .values(state="approved", version=Pilot.version + 1)
        .execution_options(synchronize_session=False)
    )
    events = _events(db, pilot)
    with pytest.raises(Conflict):
        services.transition(db, pilot, world.official, "reject", "不同意")  # pilot still says submitted
    assert _events(db, pilot) == events


def test_a_failure_between_the_change_and_its_history_row_leaves_neither(db, world, monkeypatch):
    pilot = world.pilot("submitted")
    db.commit()
    version = pilot.version
    events = _events(db, pilot)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "PilotEvent", boom)
    with pytest.raises(RuntimeError):
        services.transition(db, pilot, world.official, "approve")
    db.rollback()
    pilot = db.get(Pilot, pilot.id)
    db.refresh(pilot)
    assert (pilot.state, pilot.version, _events(db, pilot)) == ("submitted", version, events)


def test_edit_only_by_applicants_in_editable_states(db, world):
    pilot = world.pilot("changes_requested")
    services.edit(db, world.demand_member, pilot, {"plan": "补充了电梯联动与安全方案", "quantity": 3})
    assert pilot.plan == "补充了电梯联动与安全方案" and pilot.quantity == 3
    with pytest.raises(NotAllowed):
        services.edit(db, world.outsider, pilot, {"plan": "x"})
    with pytest.raises(NotAllowed):
        services.edit(db, world.official, pilot, {"plan": "x"})
    pilot.submit(world.demand_member)
    with pytest.raises(Conflict):
        services.edit(db, world.demand_member, pilot, {"plan": "x"})


def test_milestones_are_reported_while_in_progress(db, world):
    from datetime import date

    pilot = world.pilot("approved")
    with pytest.raises(Conflict):
        services.report_milestone(db, world.offering_member, pilot, "设备进场", date(2027, 1, 5))
    pilot.start(world.offering_member)
    services.report_milestone(db, world.offering_member, pilot, "设备进场", date(2027, 1, 5), "两台到货")
    with pytest.raises(NotAllowed):
        services.report_milestone(db, world.official, pilot, "x", date(2027, 1, 6))
    with pytest.raises(ValidationFailed):
        services.report_milestone(db, world.demand_member, pilot, "", None)
    assert [m.title for m in pilot.milestones] == ["设备进场"]


def test_visibility(db, world):
    pilot = world.propose()
    for user in (world.demand_member, world.offering_member, world.official, world.admin):
        assert services.visible_pilot(db, user, pilot.id) is pilot
    from marketplace.errors import NotFoundError

    with pytest.raises(NotFoundError):
        services.visible_pilot(db, world.outsider, pilot.id)


def test_review_queue_leaves_out_own_organization(db, world, make):
    pilot = world.pilot("submitted")
    assert services.review_queue(db, world.official) == [pilot]
    own = make.official(org=world.offering_org)
    assert services.review_queue(db, own) == []
