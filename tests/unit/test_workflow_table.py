"""The shared workflow table: lookups, and the check order every workflow keeps
(a move the state does not allow is a Conflict before the account is asked)."""

import pytest

from marketplace.errors import Conflict, NotAllowed
from marketplace.workflow import Table, step

TABLE = Table(
    [
        step(None, "open", {"owner"}, "open"),
        step("open", "close", {"owner", "admin"}, "closed", needs_comment=True),
        step("open", "archive", {"admin"}, "archived"),
    ],
    not_now=lambda state: f"not while {state}",
    not_yours=lambda: "not yours",
)


def test_lookups():
    assert TABLE.actions == ("open", "close", "archive")
    assert TABLE.find("open", "close").needs_comment
    assert TABLE.find("closed", "close") is None
    assert TABLE.next_state(None, "open") == "open"
    assert TABLE.from_states("close") == ("open",)
    assert [t.action for t in TABLE.actions_from("open")] == ["close", "archive"]
    with pytest.raises(KeyError):
        TABLE.next_state("closed", "open")


def test_allowed_needs_one_of_the_parties():
    assert TABLE.allowed("open", "archive", {"owner", "admin"})
    assert not TABLE.allowed("open", "archive", {"owner"})
    assert not TABLE.allowed("closed", "archive", {"admin"})


def test_check_refuses_the_state_first_then_the_account():
    assert TABLE.check("open", "close", ["admin"]).next_state == "closed"
    with pytest.raises(Conflict, match="not while closed"):
        TABLE.check("closed", "archive", [])  # no party at all, yet the state is said first
    with pytest.raises(NotAllowed, match="not yours"):
        TABLE.check("open", "archive", ["owner"])
