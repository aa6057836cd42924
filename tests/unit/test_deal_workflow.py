"""The response workflow table: every state × action × party."""

from __future__ import annotations

import itertools

import pytest

from marketplace.deals import workflow
from marketplace.errors import Conflict, NotAllowed

B, V, OFF, S = workflow.BUYER, workflow.VENDOR, workflow.OFFICIAL, workflow.SYSTEM

# The whole table, written out: (state, action) -> (who may, next state).
EXPECTED = {
    ("submitted", "shortlist"): ({B}, "shortlisted"),
    ("submitted", "decline"): ({B}, "declined"),
    ("submitted", "accept"): ({B}, "accepted"),
    ("submitted", "withdraw"): ({V}, "withdrawn"),
    ("submitted", "expire"): ({S}, "expired"),
    ("shortlisted", "decline"): ({B}, "declined"),
    ("shortlisted", "accept"): ({B}, "accepted"),
    ("shortlisted", "withdraw"): ({V}, "withdrawn"),
    ("shortlisted", "expire"): ({S}, "expired"),
}


@pytest.mark.parametrize(
    ("state", "action", "party"), list(itertools.product(workflow.STATES, workflow.ACTIONS, workflow.PARTIES))
)
def test_every_state_action_and_party(state, action, party):
    expected = EXPECTED.get((state, action))
    if expected is None:
        with pytest.raises(Conflict):
            workflow.check(state, action, {party})
        assert not workflow.allowed(state, action, {party})
        return
    parties, next_state = expected
    if party in parties:
        step = workflow.check(state, action, {party})
        assert step.next_state == next_state
        assert workflow.allowed(state, action, {party})
    else:
        with pytest.raises(NotAllowed):
            workflow.check(state, action, {party})
        assert not workflow.allowed(state, action, {party})


def test_the_table_has_no_other_rows():
    assert {(t.state, t.action) for t in workflow.TRANSITIONS} == set(EXPECTED)


def test_only_decline_needs_a_comment():
    assert {t.action for t in workflow.TRANSITIONS if t.needs_comment} == {"decline"}


def test_final_states_have_no_way_out():
    for state in workflow.FINAL_STATES:
        assert not [t for t in workflow.TRANSITIONS if t.state == state]
    assert set(workflow.LIVE_STATES) | set(workflow.FINAL_STATES) == set(workflow.STATES)


def test_an_account_may_hold_no_party():
    assert workflow.parties_of(None, 1, 2) == set()


class _User:
    is_authenticated = True
    is_active = True

    def __init__(self, role, org_id):
        self.role, self.org_id = role, org_id

    @property
    def is_official(self):
        return self.role in ("official", "admin")


@pytest.mark.parametrize(
    ("role", "org_id", "parties"),
    [
        ("member", 1, {B}),
        ("member", 2, {V}),
        ("member", 3, set()),
        ("official", None, {OFF}),
        ("admin", None, {OFF}),
    ],
)
def test_parties_of(role, org_id, parties):
    assert workflow.parties_of(_User(role, org_id), 1, 2) == parties
