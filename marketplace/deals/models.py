"""Invitations, responses (quotes), their history and their conversations.

A response is sealed: only the demand's organization, the responding vendor's
organization and officials may ever read it (see `services.can_view`)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from ..db import Base, utcnow
from . import workflow

_LIVE = "state IN ('submitted', 'shortlisted')"
_ACCEPTED = "state = 'accepted'"


class Invitation(Base):
    """A demand's organization asks an offering's vendor to respond (邀请响应)."""

    __tablename__ = "deal_invitations"
    __table_args__ = (UniqueConstraint("demand_id", "offering_id", name="uq_deal_invitations_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), index=True)
    offering_id: Mapped[int] = mapped_column(ForeignKey("offerings.id", ondelete="CASCADE"), index=True)
    vendor_org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    demand = relationship("Demand")
    offering = relationship("Offering")


class DealResponse(Base):
    """A vendor's answer to an open demand with a quote (响应报价)."""

    __tablename__ = "deal_responses"
    __table_args__ = (
        CheckConstraint("price > 0", name="price_positive"),
        CheckConstraint("units >= 1", name="units_positive"),
        # One live response per demand and offering.
        Index(
            "uq_deal_responses_live_pair",
            "demand_id",
            "offering_id",
            unique=True,
            sqlite_where=text(_LIVE),
            postgresql_where=text(_LIVE),
        ),
        # At most one accepted response per demand: of two accepts at once, one wins.
        Index(
            "uq_deal_responses_accepted",
            "demand_id",
            unique=True,
            sqlite_where=text(_ACCEPTED),
            postgresql_where=text(_ACCEPTED),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), index=True)
    offering_id: Mapped[int] = mapped_column(ForeignKey("offerings.id", ondelete="CASCADE"), index=True)
    demand_org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    vendor_org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    mode: Mapped[str] = mapped_column(String(12))
    price: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    units: Mapped[int] = mapped_column(Integer, default=1)
    start_date: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    includes: Mapped[list] = mapped_column(JSON, default=list)
    message: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(12), default="submitted", index=True)
    # Bumped by every transition and revision: the conditional UPDATE's guard.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    demand = relationship("Demand", lazy="joined")
    offering = relationship("Offering", lazy="joined")
    demand_org = relationship("Organization", foreign_keys=[demand_org_id])
    vendor_org = relationship("Organization", foreign_keys=[vendor_org_id])
    events: Mapped[list[ResponseEvent]] = relationship(
        back_populates="response",
        cascade="all, delete-orphan",
        order_by="(ResponseEvent.created_at, ResponseEvent.id)",
    )
    messages: Mapped[list[ResponseMessage]] = relationship(
        back_populates="response",
        cascade="all, delete-orphan",
        order_by="(ResponseMessage.created_at, ResponseMessage.id)",
    )

    @property
    def is_live(self) -> bool:
        return self.state in workflow.LIVE_STATES

    @property
    def total_quoted(self) -> Decimal:
        return self.price * self.units

    @property
    def price_history(self) -> list[ResponseEvent]:
        """Every quoted price, oldest first (the submission, then each revision)."""
        return [e for e in self.events if e.price is not None]

    def parties_of(self, user) -> set[str]:
        return workflow.parties_of(user, self.demand_org_id, self.vendor_org_id)

    def can(self, action: str, user) -> bool:
        return workflow.allowed(self.state, action, self.parties_of(user))

    def available_actions(self, user) -> list[str]:
        return [a for a in workflow.USER_ACTIONS if self.can(a, user)]

    def can_revise(self, user) -> bool:
        return self.is_live and workflow.VENDOR in self.parties_of(user)

    def can_write(self, user) -> bool:
        return bool(self.parties_of(user) & {workflow.BUYER, workflow.VENDOR})

    def _run(self, action: str, user, comment: str = "") -> ResponseEvent:
        from .services import transition

        session = object_session(self)
        assert session is not None, "a response changes within a session"
        return transition(session, self, user, action, comment)

    def shortlist(self, user, comment: str = "") -> ResponseEvent:
        return self._run("shortlist", user, comment)

    def decline(self, user, comment: str = "") -> ResponseEvent:
        return self._run("decline", user, comment)

    def accept(self, user, comment: str = "") -> ResponseEvent:
        return self._run("accept", user, comment)

    def withdraw(self, user, comment: str = "") -> ResponseEvent:
        return self._run("withdraw", user, comment)


class ResponseEvent(Base):
    """One history row: a transition, or a revision (with the price it set)."""

    __tablename__ = "deal_response_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("deal_responses.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(12))
    from_state: Mapped[str | None] = mapped_column(String(12))
    to_state: Mapped[str] = mapped_column(String(12))
    # The quote as it stood after this step (submission and revisions only).
    price: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    units: Mapped[int | None] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    actor_org: Mapped[str] = mapped_column(String(200), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    response: Mapped[DealResponse] = relationship(back_populates="events")


class ResponseMessage(Base):
    """One message of a response's conversation (plain text)."""

    __tablename__ = "deal_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("deal_responses.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200), default="")
    author_org_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    response: Mapped[DealResponse] = relationship(back_populates="messages")
    author_org = relationship("Organization")
