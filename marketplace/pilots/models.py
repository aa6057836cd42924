"""Demonstration pilots (示范项目): the application, its history and its milestones.

A pilot pairs one demand with one offering. The workflow lives in `workflow.py`
(one table); `Pilot.can_<action>(user)` asks it, `Pilot.<action>(user, comment)`
runs the transition through `services.transition` (a conditional UPDATE on the
row's version, then exactly one history row)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from ..db import Base, utcnow
from . import workflow

if TYPE_CHECKING:
    from ..accounts.models import Organization
    from ..attachments.models import Attachment
    from ..listings.models import Demand, Offering

_LIVE = "state NOT IN ('rejected', 'completed', 'terminated')"


class Pilot(Base):
    __tablename__ = "pilots"
    __table_args__ = (
        CheckConstraint("quantity >= 1", name="quantity_positive"),
        CheckConstraint("price IS NULL OR price >= 0", name="price_nonnegative"),
        # One live application per pair: the same proposal sent twice makes one record.
        Index(
            "uq_pilots_live_pair",
            "demand_id",
            "offering_id",
            unique=True,
            sqlite_where=text(_LIVE),
            postgresql_where=text(_LIVE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(80), unique=True)
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id"), index=True)
    offering_id: Mapped[int] = mapped_column(ForeignKey("offerings.id"), index=True)
    # The two organizations, fixed when the pilot is proposed.
    demand_org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    offering_org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    proposer_org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))

    title: Mapped[str] = mapped_column(String(200))
    site: Mapped[str] = mapped_column(String(300), default="")
    plan: Mapped[str] = mapped_column(Text, default="")
    schedule: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    mode: Mapped[str] = mapped_column(String(12))
    price: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    expected_outcomes: Mapped[str] = mapped_column(Text, default="")
    expected_hours: Mapped[int | None] = mapped_column(Integer)
    expected_manual_share: Mapped[int | None] = mapped_column(Integer)
    expected_incidents_avoided: Mapped[int | None] = mapped_column(Integer)
    # Outcome figures, recorded at acceptance (验收).
    outcome_hours: Mapped[int | None] = mapped_column(Integer)
    outcome_manual_share: Mapped[int | None] = mapped_column(Integer)
    outcome_incidents_avoided: Mapped[int | None] = mapped_column(Integer)
    outcome_summary: Mapped[str] = mapped_column(Text, default="")
    # A document an official asked for when requesting changes (attachments.DOCUMENT_TYPES).
    requested_document: Mapped[str | None] = mapped_column(String(30))

    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    # Bumped by every transition and edit: the conditional UPDATE's guard.
    version: Mapped[int] = mapped_column(Integer, default=1)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    demand: Mapped[Demand] = relationship("Demand", lazy="joined")
    offering: Mapped[Offering] = relationship("Offering", lazy="joined")
    demand_org: Mapped[Organization] = relationship("Organization", foreign_keys=[demand_org_id])
    offering_org: Mapped[Organization] = relationship("Organization", foreign_keys=[offering_org_id])
    proposer_org: Mapped[Organization] = relationship("Organization", foreign_keys=[proposer_org_id])
    attachments: Mapped[list[Attachment]] = relationship(
        "Attachment",
        primaryjoin="and_(foreign(Attachment.owner_id) == Pilot.id, Attachment.owner_kind == 'pilot')",
        order_by="(Attachment.position, Attachment.id)",
        viewonly=True,
    )
    events: Mapped[list[PilotEvent]] = relationship(
        back_populates="pilot",
        cascade="all, delete-orphan",
        order_by="(PilotEvent.created_at, PilotEvent.id)",
    )
    milestones: Mapped[list[PilotMilestone]] = relationship(
        back_populates="pilot",
        cascade="all, delete-orphan",
        order_by="(PilotMilestone.reached_on, PilotMilestone.id)",
    )

    # ------------------------------------------------------------ parties

    @property
    def org_ids(self) -> tuple[int, int]:
        return (self.demand_org_id, self.offering_org_id)

    @property
    def partner_org_id(self) -> int | None:
        """The organization that has to confirm (None when one organization holds both sides)."""
        if self.demand_org_id == self.offering_org_id:
            return None
        return self.offering_org_id if self.proposer_org_id == self.demand_org_id else self.demand_org_id

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_final(self) -> bool:
        return self.state in workflow.FINAL_STATES

    @property
    def is_editable(self) -> bool:
        return self.state in workflow.EDITABLE_STATES

    def parties_of(self, user) -> set[str]:
        """The workflow parties this account holds on this pilot (see workflow.py)."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return set()
        parties: set[str] = set()
        if user.role == "member" and user.org_id in self.org_ids:
            parties.add(workflow.APPLICANT)
            if user.org_id == self.proposer_org_id:
                parties.add(workflow.PROPOSER)
            if user.org_id == self.partner_org_id:
                parties.add(workflow.PARTNER)
        elif user.is_official and user.org_id not in self.org_ids:
            # No review of a pilot of one's own organization, whatever the role.
            parties.add(workflow.OFFICIAL)
        return parties

    def can(self, action: str, user) -> bool:
        return workflow.allowed(self.state, action, self.parties_of(user))

    def can_confirm(self, user) -> bool:
        return self.can("confirm", user) and not self.confirmed

    def can_submit(self, user) -> bool:
        return self.can("submit", user) and self.confirmed

    def can_approve(self, user) -> bool:
        return self.can("approve", user)

    def can_reject(self, user) -> bool:
        return self.can("reject", user)

    def can_request_changes(self, user) -> bool:
        return self.can("request_changes", user)

    def can_start(self, user) -> bool:
        return self.can("start", user)

    def can_complete(self, user) -> bool:
        return self.can("complete", user)

    def can_terminate(self, user) -> bool:
        return self.can("terminate", user)

    def can_edit(self, user) -> bool:
        return self.is_editable and workflow.APPLICANT in self.parties_of(user)

    def can_report(self, user) -> bool:
        return self.state in workflow.REPORTING_STATES and workflow.APPLICANT in self.parties_of(user)

    def available_actions(self, user) -> list[str]:
        """Actions this account can take now, in the table's order."""
        return [a for a in workflow.ACTIONS if getattr(self, f"can_{a}")(user)]

    # ------------------------------------------------------------ transitions

    def _run(self, action: str, user, comment: str = "", **kwargs) -> PilotEvent:
        from .services import transition

        session = object_session(self)
        assert session is not None, "a pilot changes within a session"
        return transition(session, self, user, action, comment, **kwargs)

    def confirm(self, user, comment: str = "") -> PilotEvent:
        return self._run("confirm", user, comment)

    def submit(self, user, comment: str = "") -> PilotEvent:
        return self._run("submit", user, comment)

    def approve(self, user, comment: str = "") -> PilotEvent:
        return self._run("approve", user, comment)

    def reject(self, user, comment: str = "") -> PilotEvent:
        return self._run("reject", user, comment)

    def request_changes(self, user, comment: str = "") -> PilotEvent:
        return self._run("request_changes", user, comment)

    def start(self, user, comment: str = "") -> PilotEvent:
        return self._run("start", user, comment)

    def complete(self, user, comment: str = "", outcome: dict | None = None) -> PilotEvent:
        return self._run("complete", user, comment, outcome=outcome)

    def terminate(self, user, comment: str = "") -> PilotEvent:
        return self._run("terminate", user, comment)


class PilotEvent(Base):
    """One history row: who, when, from which state to which, with which comment."""

    __tablename__ = "pilot_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilots.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Snapshots, so the history still reads right if the account changes or goes.
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    actor_org: Mapped[str] = mapped_column(String(200), default="")
    actor_role: Mapped[str] = mapped_column(String(10), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    pilot: Mapped[Pilot] = relationship(back_populates="events")


class PilotMilestone(Base):
    """A milestone reported by the applicants while the pilot runs."""

    __tablename__ = "pilot_milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilots.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    reached_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    pilot: Mapped[Pilot] = relationship(back_populates="milestones")
