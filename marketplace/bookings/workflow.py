"""The booking workflow: ONE table of (state, action, who may take it, next state).

Every change of a booking's state is looked up here and nowhere else (the lookups
are the shared `marketplace.workflow.Table`).
A new booking starts with `request` (the vendor answers) or `confirm` (the vendor
confirms at once); `None` is the state before it exists. Who may act:

- ``customer``  a member of the booking organization
- ``vendor``    a member of the offering's organization
- ``system``    the hourly `complete-bookings` command

The services check the rules that depend on time and settings (lead time,
cancellation notice) before they move a booking."""

from __future__ import annotations

from ..workflow import Table, Transition
from ..workflow import step as _t
from .models import CANCELLED, COMPLETED, CONFIRMED, DECLINED, REQUESTED

CUSTOMER, VENDOR, SYSTEM = "customer", "vendor", "system"


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

TABLE = Table(TRANSITIONS)
ACTIONS = TABLE.actions
find, from_states, next_state = TABLE.find, TABLE.from_states, TABLE.next_state
__all__ = ["ACTIONS", "TABLE", "TRANSITIONS", "Transition", "allowed", "find", "from_states", "next_state"]


def allowed(state: str | None, action: str, side: str | None) -> bool:
    """May `side` take `action` from `state`?"""
    return side is not None and TABLE.allowed(state, action, {side})
