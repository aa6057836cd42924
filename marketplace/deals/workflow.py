"""The response workflow: ONE table of (state, action, who may take it, next state).

Parties, worked out per response from the account (`parties_of`):

- ``buyer``    a member of the demand's organization
- ``vendor``   a member of the responding offering's organization
- ``official`` an official or admin (reads, never acts)
- ``system``   the site itself (expiry of a lapsed quote)

Check order as for pilots: a transition the state does not allow → Conflict
(409); one the account may not take → NotAllowed (403). Revising a quote is not
a state change: it is allowed to the vendor while the response is live and
writes a history row of its own (action ``revise``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..workflow import Table, Transition
from ..workflow import step as _t

BUYER, VENDOR, OFFICIAL, SYSTEM = "buyer", "vendor", "official", "system"
PARTIES = (BUYER, VENDOR, OFFICIAL, SYSTEM)

STATES = ("submitted", "shortlisted", "accepted", "declined", "withdrawn", "expired")
LIVE_STATES = ("submitted", "shortlisted")
FINAL_STATES = ("accepted", "declined", "withdrawn", "expired")


TRANSITIONS: tuple[Transition, ...] = (
    _t("submitted", "shortlist", {BUYER}, "shortlisted"),
    _t("submitted", "decline", {BUYER}, "declined", needs_comment=True),
    _t("submitted", "accept", {BUYER}, "accepted"),
    _t("submitted", "withdraw", {VENDOR}, "withdrawn"),
    _t("submitted", "expire", {SYSTEM}, "expired"),
    _t("shortlisted", "decline", {BUYER}, "declined", needs_comment=True),
    _t("shortlisted", "accept", {BUYER}, "accepted"),
    _t("shortlisted", "withdraw", {VENDOR}, "withdrawn"),
    _t("shortlisted", "expire", {SYSTEM}, "expired"),
)

ACTIONS = ("shortlist", "decline", "accept", "withdraw", "expire")
# What accounts may ask for (expiry is the site's own step).
USER_ACTIONS = ("shortlist", "decline", "accept", "withdraw")

ACTION_LABELS = {
    "shortlist": _l("Shortlist"),
    "decline": _l("Decline"),
    "accept": _l("Accept"),
    "withdraw": _l("Withdraw"),
}

ACTION_DONE = {
    "submit": _l("responded with a quote"),
    "revise": _l("revised the quote"),
    "shortlist": _l("shortlisted the response"),
    "decline": _l("declined the response"),
    "accept": _l("accepted the response"),
    "withdraw": _l("withdrew the response"),
    "expire": _l("the quote expired"),
}

STATE_LABELS = {
    "submitted": _l("Submitted"),
    "shortlisted": _l("Shortlisted"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
    "expired": _l("Expired"),
}


def parties_of(user, demand_org_id: int, vendor_org_id: int) -> set[str]:
    """The parties an account holds on a response between these two organizations."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    parties: set[str] = set()
    if user.role == "member" and user.org_id is not None:
        if user.org_id == demand_org_id:
            parties.add(BUYER)
        if user.org_id == vendor_org_id:
            parties.add(VENDOR)
    elif user.is_official:
        parties.add(OFFICIAL)
    return parties


def _not_now(state: str | None) -> str:
    return str(
        _l(
            "This action is not possible while the response is “%(state)s”.",
            state=STATE_LABELS.get(state or "", state),
        )
    )


def _not_yours() -> str:
    return str(_l("Your account may not take this action on this response."))


TABLE = Table(TRANSITIONS, _not_now, _not_yours)
find, allowed, check = TABLE.find, TABLE.allowed, TABLE.check
__all__ = ["TABLE", "TRANSITIONS", "Transition", "allowed", "check", "find", "parties_of"]
