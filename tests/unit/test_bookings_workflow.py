"""The booking workflow table: every state is reachable, final states are final,
and the services' moves are the table's."""

from __future__ import annotations

import pytest

from marketplace.bookings import workflow
from marketplace.bookings.models import CANCELLED, COMPLETED, CONFIRMED, DECLINED, HOLDING, REQUESTED, STATES


def test_every_state_is_reached_and_only_holding_states_are_left():
    reached = {t.next_state for t in workflow.TRANSITIONS}
    assert reached == set(STATES)
    left = {t.state for t in workflow.TRANSITIONS if t.state is not None}
    assert left == set(HOLDING)


@pytest.mark.parametrize(
    ("state", "action", "side", "ok", "to"),
    [
        (None, "request", "customer", True, REQUESTED),
        (None, "confirm", "customer", True, CONFIRMED),
        (REQUESTED, "accept", "vendor", True, CONFIRMED),
        (REQUESTED, "accept", "customer", False, CONFIRMED),
        (REQUESTED, "decline", "vendor", True, DECLINED),
        (CONFIRMED, "accept", "vendor", False, None),
        (CONFIRMED, "cancel", "customer", True, CANCELLED),
        (CONFIRMED, "cancel", "vendor", True, CANCELLED),
        (CANCELLED, "cancel", "vendor", False, None),
        (CONFIRMED, "complete", "system", True, COMPLETED),
        (REQUESTED, "expire", "system", True, DECLINED),
        (COMPLETED, "cancel", "customer", False, None),
    ],
)
def test_the_table(state, action, side, ok, to):
    assert workflow.allowed(state, action, side) is ok
    if to is None:
        with pytest.raises(KeyError):
            workflow.next_state(state, action)
    else:
        assert workflow.next_state(state, action) == to
