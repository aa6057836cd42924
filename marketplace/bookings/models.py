"""Capacity pools, bookings (leases, shared use, subscriptions), their history,
and each vendor's booking settings.

All three ways of using an offering's robots draw on one pool: its
`units_available`. A booking holds its units while it is `requested` (waiting for
the vendor) or `confirmed`; `declined`, `cancelled` and `completed` hold none
(completed ones have ended). A `raas` booking is a subscription: it runs per
calendar month and holds its units for as long as it runs."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, utcnow

if TYPE_CHECKING:
    from ..accounts.models import Organization, User
    from ..listings.models import Offering

REQUESTED, CONFIRMED, DECLINED, CANCELLED, COMPLETED = (
    "requested",
    "confirmed",
    "declined",
    "cancelled",
    "completed",
)
STATES = (REQUESTED, CONFIRMED, DECLINED, CANCELLED, COMPLETED)
HOLDING = (REQUESTED, CONFIRMED)
BOOKABLE_MODES = ("sharing", "lease", "raas")


class CapacityPool(Base):
    """One row per bookable offering: the row every booking of the offering locks
    (SELECT … FOR UPDATE on PostgreSQL) before it checks capacity, so that two
    bookings of the same offering are decided one after the other. Its size is
    the offering's `units_available`; `version` counts the changes to its bookings."""

    __tablename__ = "capacity_pools"

    offering_id: Mapped[int] = mapped_column(ForeignKey("offerings.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class BookingSettings(Base):
    """A vendor's rules, for all of its offerings."""

    __tablename__ = "booking_settings"
    __table_args__ = (
        CheckConstraint("min_lead_hours >= 0", name="lead_nonnegative"),
        CheckConstraint("cancel_notice_hours >= 0", name="notice_nonnegative"),
        CheckConstraint(
            "max_sharing_hours >= 1 AND max_lease_days >= 1 AND max_subscription_months >= 1",
            name="longest_positive",
        ),
        CheckConstraint(
            "service_start_hour >= 0 AND service_end_hour <= 24 AND service_start_hour < service_end_hour",
            name="service_hours_order",
        ),
    )

    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True)
    # Confirm at once, or wait for the vendor to accept (the units are held meanwhile).
    auto_confirm: Mapped[bool] = mapped_column(Boolean, default=False)
    # A booking must start at least this many hours from now.
    min_lead_hours: Mapped[int] = mapped_column(Integer, default=2)
    # The longest period one booking may cover, per mode.
    max_sharing_hours: Mapped[int] = mapped_column(Integer, default=72)
    max_lease_days: Mapped[int] = mapped_column(Integer, default=366)
    max_subscription_months: Mapped[int] = mapped_column(Integer, default=24)
    # Customers may cancel a confirmed booking until this many hours before it starts.
    cancel_notice_hours: Mapped[int] = mapped_column(Integer, default=24)
    # Shared use is offered from this hour to that one (Beijing time, end exclusive).
    service_start_hour: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    service_end_hour: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    DEFAULTS = {
        "auto_confirm": False,
        "min_lead_hours": 2,
        "max_sharing_hours": 72,
        "max_lease_days": 366,
        "max_subscription_months": 24,
        "cancel_notice_hours": 24,
        "service_start_hour": 0,
        "service_end_hour": 24,
    }


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        # Backstops for what the services already refuse; the capacity rule itself
        # (a sum over time) is not a row constraint and is kept by the pool lock.
        CheckConstraint("end_at > start_at", name="period_positive"),
        CheckConstraint("units >= 1", name="units_positive"),
        CheckConstraint("price >= 0", name="price_nonnegative"),
        CheckConstraint(
            "state IN ('requested', 'confirmed', 'declined', 'cancelled', 'completed')", name="state_known"
        ),
        CheckConstraint("mode IN ('sharing', 'lease', 'raas')", name="mode_bookable"),
        # The capacity check reads the holding bookings of one offering over a period.
        Index("ix_bookings_offering_state_start", "offering_id", "state", "start_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offering_id: Mapped[int] = mapped_column(ForeignKey("offerings.id"))
    customer_org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    vendor_org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    mode: Mapped[str] = mapped_column(String(12))
    start_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    end_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, exclusive
    units: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    price: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    state: Mapped[str] = mapped_column(String(12), default=REQUESTED)
    note: Mapped[str] = mapped_column(Text, default="")
    # One-time key of the confirmation form that made it: the same form sent twice
    # (a double click, a retry) makes one booking.
    submit_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    offering: Mapped[Offering] = relationship("Offering")
    customer: Mapped[Organization] = relationship("Organization", foreign_keys=[customer_org_id])
    vendor: Mapped[Organization] = relationship("Organization", foreign_keys=[vendor_org_id])
    created_by: Mapped[User | None] = relationship("User")
    events: Mapped[list[BookingEvent]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="BookingEvent.id"
    )

    @property
    def is_subscription(self) -> bool:
        return self.mode == "raas"

    @property
    def holds_units(self) -> bool:
        return self.state in HOLDING

    def shown_state(self, now: datetime) -> str:
        """The state as people see it: a confirmed booking that has ended is
        completed even before the `complete-bookings` command has marked it."""
        if self.state == CONFIRMED and self.end_at <= now:
            return COMPLETED
        return self.state


class BookingEvent(Base):
    """One row per change of a booking: who did what, when, with which comment."""

    __tablename__ = "booking_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(20))  # request, confirm, accept, decline, cancel, complete
    from_state: Mapped[str | None] = mapped_column(String(12))
    to_state: Mapped[str] = mapped_column(String(12))
    comment: Mapped[str] = mapped_column(Text, default="")

    booking: Mapped[Booking] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship("User")
