"""Notices to the parties of a booking (through the notifications inbox)."""

from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.models import User
from . import periods
from .models import (
    Booking,
)

log = logging.getLogger("marketplace.bookings")


# ---------------------------------------------------------------- notices


def booking_summary(booking: Booking, extra=None):
    """The body of a notice about a booking (lazily translated: rendered in zh and en)."""
    start, end = periods.to_local(booking.start_at), periods.to_local(booking.end_at)
    body = _l(
        "%(customer)s: %(units)d units, %(start)s to %(end)s (Beijing time), %(price)s CNY.",
        customer=booking.customer.name if booking.customer else "",
        units=booking.units,
        start=start.strftime("%Y-%m-%d %H:%M"),
        end=end.strftime("%Y-%m-%d %H:%M"),
        price=f"{booking.price:,.2f}",
    )
    return _Joined(body, extra) if extra else body


class _Joined:
    """Two texts, each rendered in the active language when turned into a string."""

    def __init__(self, *parts):
        self.parts = parts

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.parts if p and str(p).strip())


def _tell(session: Session, booking: Booking, org_id: int, subject, body) -> None:
    """Notify the members of one party through the notifications inbox; the
    booking's history (seen by both parties) records it too."""
    from ..notifications.services import notify  # deferred: notifications is a peer feature

    members = session.scalars(
        select(User).where(User.org_id == org_id, User.role == "member", User.active)
    ).all()
    notify(
        session,
        members,
        "booking",
        subject,
        body,
        link=f"/bookings/{booking.id}",
        key=f"booking:{booking.id}:{booking.state}:{len(booking.events)}",
    )
