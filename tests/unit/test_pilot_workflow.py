"""The pilot workflow table: every state × action × kind of account.

The expected matrix below is written out by hand from the issue (not derived from
the table under test): who may do what, in which state, and where it leads."""

from __future__ import annotations

import pytest

from marketplace import taxonomy
from marketplace.errors import Conflict, NotAllowed
from marketplace.pilots import workflow

# What each kind of account holds on a pilot (see Pilot.parties_of; checked in
# test_pilot_services.py::test_parties_of_each_kind_of_account against real accounts).
ROLES = {
    "proposer": {"applicant", "proposer"},  # member of the organization that proposed
    "partner": {"applicant", "partner"},  # member of the other organization of the pair
    "outsider": set(),  # member of a third organization
    "official": {"official"},  # official of neither organization
    "own_official": set(),  # official who belongs to one of the organizations
    "admin": {"official"},
    "anonymous": set(),
}

APPLICANTS = {"proposer", "partner"}
OFFICIALS = {"official", "admin"}

# (state, action) -> (roles that may take it, next state)
EXPECTED = {
    ("draft", "confirm"): ({"partner"}, "draft"),
    ("draft", "submit"): (APPLICANTS, "submitted"),
    ("draft", "terminate"): (APPLICANTS, "terminated"),
    ("submitted", "approve"): (OFFICIALS, "approved"),
    ("submitted", "reject"): (OFFICIALS, "rejected"),
    ("submitted", "request_changes"): (OFFICIALS, "changes_requested"),
    ("changes_requested", "submit"): (APPLICANTS, "submitted"),
    ("changes_requested", "terminate"): (APPLICANTS, "terminated"),
    ("approved", "start"): (APPLICANTS, "in_progress"),
    ("approved", "terminate"): (APPLICANTS | OFFICIALS, "terminated"),
    ("in_progress", "complete"): (OFFICIALS, "completed"),
    ("in_progress", "terminate"): (APPLICANTS | OFFICIALS, "terminated"),
}
NEEDS_COMMENT = {"reject", "request_changes", "terminate", "complete"}

STATES = taxonomy.codes("pilot_states")
ACTIONS = ["confirm", "submit", "approve", "reject", "request_changes", "start", "complete", "terminate"]


def test_states_are_the_taxonomy_states():
    assert list(workflow.STATES) == STATES
    assert set(workflow.ACTIONS) == set(ACTIONS)


def test_the_table_is_exactly_the_expected_one():
    table = {(t.state, t.action): (t.next_state, t.needs_comment) for t in workflow.TRANSITIONS}
    assert len(table) == len(workflow.TRANSITIONS), "a (state, action) pair appears twice"
    assert table == {key: (nxt, key[1] in NEEDS_COMMENT) for key, (_roles, nxt) in EXPECTED.items()}


def test_final_states_have_no_way_out_and_others_do():
    for state in STATES:
        outgoing = workflow.actions_from(state)
        if state in ("rejected", "completed", "terminated"):
            assert outgoing == [], state
        else:
            assert outgoing, state


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
def test_every_state_action_and_role(state, action, role):
    """Pure: the table needs no application (its messages fall back to Chinese)."""
    parties = ROLES[role]
    expected = EXPECTED.get((state, action))
    if expected is None:
        with pytest.raises(Conflict):
            workflow.check(state, action, parties)
        assert not workflow.allowed(state, action, parties)
    elif role not in expected[0]:
        with pytest.raises(NotAllowed):
            workflow.check(state, action, parties)
        assert not workflow.allowed(state, action, parties)
    else:
        step = workflow.check(state, action, parties)
        assert step.next_state == expected[1]
        assert workflow.allowed(state, action, parties)


def test_the_conflict_message_names_the_state_in_the_active_language(app):
    from flask_babel import force_locale

    with force_locale("en"), pytest.raises(Conflict) as err:
        workflow.check("completed", "approve", {"official"})
    assert "Completed" in err.value.message
