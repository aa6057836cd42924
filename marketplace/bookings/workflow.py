"""The booking workflow: ONE table of (state, action, who may take it, next state).

Every change of a booking's state is looked up here (`move`) and nowhere else.
A new booking starts with `request` (the vendor answers) or `confirm` (the vendor
confirms at once); `None` is the state before it exists. Who may act:

- ``customer``  a member of the booking organization
- ``vendor``    a member of the offering's organization
- ``system``    the hourly `complete-bookings` command

The services check the rules that depend on time and settings (lead time,
cancellation notice) before they move a booking."""

from __future__ import annotations

from dataclasses import dataclass

from .models import CANCELLED, COMPLETED, CONFIRMED, DECLINED, REQUESTED

CUSTOMER, VENDOR, SYSTEM = "customer", "vendor", "system"


@dataclass(frozen=True)
class Transition:
    state: str | None
    action: str
    sides: frozenset[str]
    next_state: str


def _t(state: str | None, action: str, sides: set[str], next_state: str) -> Transition:
    return Transition(state, action, frozenset(sides), next_state)


TRANSITIONS: tuple[Transition, ...] = (
    _t(None, "request", {CUSTOMER}, REQUESTED),
    _t(None, "confirm", {CUSTOMER}, CONFIRMED),  # the vendor confirms at once
    _t(REQUESTED, "accept", {VENDOR}, CONFIRMED),
    _t(REQUESTED, "decline", {VENDOR}, DECLINED),
    _t(REQUESTED, "cancel", {CUSTOMER, VENDOR}, CANCELLED),
    _t(CONFIRMED, "cancel", {CUSTOMER, VENDOR}, CANCELLED),
    _t(CONFIRMED, "complete", {SYSTEM}, COMPLETED),
    _t(REQUESTED, "expire", {SYSTEM}, DECLINED),  # not answered before the start
)

_BY_KEY = {(t.state, t.action): t for t in TRANSITIONS}
ACTIONS = tuple(dict.fromkeys(t.action for t in TRANSITIONS))


def find(state: str | None, action: str) -> Transition | None:
    """The transition `action` takes from `state`, or None when it takes none."""
    return _BY_KEY.get((state, action))


def allowed(state: str | None, action: str, side: str | None) -> bool:
    """May `side` take `action` from `state`?"""
    step = find(state, action)
    return step is not None and side in step.sides


def from_states(action: str) -> tuple[str | None, ...]:
    """The states `action` leaves."""
    return tuple(t.state for t in TRANSITIONS if t.action == action)


def next_state(state: str | None, action: str) -> str:
    """Where `action` leads from `state` (KeyError when the table has no such move)."""
    step = find(state, action)
    if step is None:
        raise KeyError((state, action))
    return step.next_state
