"""The pilot workflow: ONE table of (state, action, who may take it, next state).

Every transition of a pilot is looked up here and nowhere else (the lookups and
the check are the shared `marketplace.workflow.Table`). The states are
`pilot_states` of taxonomy.json. Who may act is expressed as *parties*, worked
out per pilot from the account (`parties_of`):

- ``proposer``  a member of the organization that opened the application
- ``partner``   a member of the other organization of the pair
- ``applicant`` a member of either organization (proposer or partner)
- ``official``  an official or admin who belongs to neither organization

The check order is: a transition the state does not allow → Conflict (409);
one the account may not take → NotAllowed (403)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..workflow import Table, Transition
from ..workflow import step as _t

PROPOSER, PARTNER, APPLICANT, OFFICIAL = "proposer", "partner", "applicant", "official"
PARTIES = (PROPOSER, PARTNER, APPLICANT, OFFICIAL)

STATES = (
    "draft",
    "submitted",
    "changes_requested",
    "approved",
    "rejected",
    "in_progress",
    "completed",
    "terminated",
)
# Pilots that count toward the plan's 50 demonstration scenarios.
COUNTED_STATES = ("approved", "in_progress", "completed")
# No transition leaves these.
FINAL_STATES = ("rejected", "completed", "terminated")
# The applicants may edit the application in these states.
EDITABLE_STATES = ("draft", "changes_requested")
# Milestones are reported while the pilot runs.
REPORTING_STATES = ("in_progress",)


TRANSITIONS: tuple[Transition, ...] = (
    # The other organization joins the application (联合申报); the state stays draft.
    _t("draft", "confirm", {PARTNER}, "draft"),
    _t("draft", "submit", {APPLICANT}, "submitted"),
    _t("draft", "terminate", {APPLICANT}, "terminated", needs_comment=True),
    _t("submitted", "approve", {OFFICIAL}, "approved"),
    _t("submitted", "reject", {OFFICIAL}, "rejected", needs_comment=True),
    _t("submitted", "request_changes", {OFFICIAL}, "changes_requested", needs_comment=True),
    _t("changes_requested", "submit", {APPLICANT}, "submitted"),
    _t("changes_requested", "terminate", {APPLICANT}, "terminated", needs_comment=True),
    _t("approved", "start", {APPLICANT}, "in_progress"),
    _t("approved", "terminate", {APPLICANT, OFFICIAL}, "terminated", needs_comment=True),
    # Acceptance (验收) by an official, with the outcome figures and an opinion.
    _t("in_progress", "complete", {OFFICIAL}, "completed", needs_comment=True),
    _t("in_progress", "terminate", {APPLICANT, OFFICIAL}, "terminated", needs_comment=True),
)

ACTIONS = ("confirm", "submit", "approve", "reject", "request_changes", "start", "complete", "terminate")


ACTION_LABELS = {
    "propose": _l("Proposed"),
    "confirm": _l("Confirm participation"),
    "submit": _l("Submit for review"),
    "approve": _l("Approve"),
    "reject": _l("Reject"),
    "request_changes": _l("Request changes"),
    "start": _l("Start the pilot"),
    "complete": _l("Accept as completed"),
    "terminate": _l("Terminate"),
}

# What the history says was done (past tense).
ACTION_DONE = {
    "propose": _l("proposed the pilot"),
    "confirm": _l("confirmed participation"),
    "submit": _l("submitted the application"),
    "approve": _l("approved the pilot"),
    "reject": _l("rejected the application"),
    "request_changes": _l("requested changes"),
    "start": _l("started the pilot"),
    "complete": _l("accepted the pilot as completed"),
    "terminate": _l("terminated the pilot"),
}


def _not_now(state: str | None) -> str:
    return str(
        _l("This action is not possible while the pilot is “%(state)s”.", state=_state_label(state or ""))
    )


def _not_yours() -> str:
    return str(_l("Your account may not take this action on this pilot."))


TABLE = Table(TRANSITIONS, _not_now, _not_yours)
find, allowed, actions_from, check = TABLE.find, TABLE.allowed, TABLE.actions_from, TABLE.check
__all__ = ["TABLE", "TRANSITIONS", "Transition", "actions_from", "allowed", "check", "find"]


def _state_label(state: str) -> str:
    from ..i18n import label

    return label("pilot_states", state)
