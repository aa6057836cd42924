"""A workflow as ONE table of (state, action, who may take it, next state), shared
by pilots, deals' responses and bookings: each feature declares its transitions,
parties and messages; the lookups and the check order live here once.

Check order: a transition the state does not allow → Conflict (409); one the
account may not take → NotAllowed (403)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import Conflict, NotAllowed

State = str | None  # None: before the record exists (a booking's first step)


@dataclass(frozen=True)
class Transition:
    state: State
    action: str
    parties: frozenset[str]
    next_state: str
    needs_comment: bool = False


def step(
    state: State, action: str, parties: Iterable[str], next_state: str, needs_comment: bool = False
) -> Transition:
    """One row of a table."""
    return Transition(state, action, frozenset(parties), next_state, needs_comment)


class Table:
    """The transitions of one workflow and its refusals.

    `not_now(state)` words the Conflict for an action the state does not allow;
    `not_yours()` the NotAllowed for one the account may not take (both called
    at refusal time, so they are in the request's language)."""

    def __init__(
        self,
        transitions: Iterable[Transition],
        not_now: Callable[[State], str] | None = None,
        not_yours: Callable[[], str] | None = None,
    ) -> None:
        self.transitions: tuple[Transition, ...] = tuple(transitions)
        self._by_key = {(t.state, t.action): t for t in self.transitions}
        self._not_now = not_now
        self._not_yours = not_yours

    @property
    def actions(self) -> tuple[str, ...]:
        """Every action, in the table's order."""
        return tuple(dict.fromkeys(t.action for t in self.transitions))

    def find(self, state: State, action: str) -> Transition | None:
        """The transition `action` takes from `state`, or None when it takes none."""
        return self._by_key.get((state, action))

    def allowed(self, state: State, action: str, parties: Iterable[str]) -> bool:
        """May any of `parties` take `action` from `state`?"""
        transition = self.find(state, action)
        return transition is not None and bool(transition.parties & set(parties))

    def actions_from(self, state: State) -> list[Transition]:
        return [t for t in self.transitions if t.state == state]

    def from_states(self, action: str) -> tuple[State, ...]:
        """The states `action` leaves."""
        return tuple(t.state for t in self.transitions if t.action == action)

    def next_state(self, state: State, action: str) -> str:
        """Where `action` leads from `state` (KeyError when the table has no such move)."""
        transition = self.find(state, action)
        if transition is None:
            raise KeyError((state, action))
        return transition.next_state

    def check(self, state: State, action: str, parties: Iterable[str]) -> Transition:
        """The transition for `action` from `state` if `parties` may take it;
        Conflict when the state does not allow it, NotAllowed when the account may not."""
        transition = self.find(state, action)
        if transition is None:
            raise Conflict(self._not_now(state) if self._not_now else "")
        if not transition.parties & set(parties):
            raise NotAllowed(self._not_yours() if self._not_yours else "")
        return transition
