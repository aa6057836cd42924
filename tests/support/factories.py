"""Make records in one line, through the real services where they exist:
`make.org()`, `make.member(org)`, `make.demand(org)`, `make.bookable()`,
`make.booking(offering)`, `make.notification(user)`, `make.token(user)`.
`make.pilot("approved")` or `make.pair_world().pilot("approved")`: pilots with their history."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from marketplace.accounts import services as accounts
from marketplace.accounts.models import Organization, User
from marketplace.bookings import periods
from marketplace.db import utcnow
from marketplace.listings import services as listings
from marketplace.listings.models import Demand, Offering

PASSWORD = "Correct-Horse-42"
_seq = itertools.count(1)

# Modes a bookable offering has unless told: shared use by the hour, leases by the
# day, subscriptions (RaaS) by the month.
MODES = [{"mode": "sharing", "price": 120}, {"mode": "lease", "price": 9000}, {"mode": "raas", "price": 6000}]


def day(offset: int = 3):
    """A local date (Asia/Shanghai) `offset` days from today."""
    return periods.today_local(utcnow()) + timedelta(days=offset)


def at(hour: int, offset: int = 3) -> datetime:
    """An aware local datetime `offset` days ahead at `hour` (may exceed 23)."""
    return periods.local_midnight(day(offset)) + timedelta(hours=hour)


def month_later(start, months: int = 1):
    """The same local day `months` months after the local date `start`."""
    month = start.month - 1 + months
    return start.replace(year=start.year + month // 12, month=month % 12 + 1)


def demand_body(**kw) -> dict:
    """A valid demand in the interchange shape (without ref and org)."""
    body = {
        "title": "总装线螺丝锁付",
        "description": "每班 2 人锁付，节拍 45 秒。",
        "domain": "manufacturing",
        "tasks": ["assembly"],
        "city": "hangzhou",
        "quantity": 3,
        "modes": ["lease"],
        "budget": {"lease": 9000},
        "needed_by": "2027-03-31",
    }
    body.update(kw)
    return body


def offering_body(**kw) -> dict:
    """A valid offering in the interchange shape (without ref and org)."""
    body = {
        "category": "humanoid",
        "title": "双臂协作人形机器人",
        "description": "负载 15kg，IP54。",
        "domains": ["manufacturing"],
        "tasks": ["assembly", "loading"],
        "units_available": 5,
        "modes": [{"mode": "lease", "price": 7500}, {"mode": "purchase", "price": 268000}],
        "certifications": ["CE"],
    }
    body.update(kw)
    return body


class Factory:
    """Factories bound to one session (the `make` fixture)."""

    def __init__(self, session):
        self.session = session

    # ------------------------------------------------------------ accounts

    def org(self, side: str = "both", city: str = "hangzhou", verified: bool = False, **kw) -> Organization:
        """An organization (accounts has no service that makes one without a person)."""
        n = next(_seq)
        org = Organization(
            ref=kw.pop("ref", f"org-t{n}"),
            name=kw.pop("name", f"测试机构{n}"),
            side=side,
            city=city,
            verified=verified,
            description=kw.pop("description", ""),
            **kw,
        )
        self.session.add(org)
        self.session.flush()
        return org

    def user(self, role: str = "member", org: Organization | None = None, **kw) -> User:
        """An account made by `accounts.create_user` (password `PASSWORD`). An official
        or admin given an organization belongs to it (the case "no review of one's own")."""
        n = next(_seq)
        if role == "member" and org is None:
            org = self.org()
        user = accounts.create_user(
            self.session,
            kw.pop("email", f"user{n}@example.test"),
            kw.pop("password", PASSWORD),
            role,
            org,
            kw.pop("name", f"用户{n}"),
        )
        if role != "member" and org is not None:
            user.org_id = org.id
        self.session.flush()
        return user

    def member(self, org: Organization | None = None, **kw) -> User:
        return self.user("member", org, **kw)

    def official(self, **kw) -> User:
        return self.user("official", **kw)

    def admin(self, **kw) -> User:
        return self.user("admin", **kw)

    def token(self, user: User, label: str = "test") -> str:
        """A new API token of `user` (the raw bearer value)."""
        return accounts.issue_token(self.session, user, label)

    # ------------------------------------------------------------ listings

    def demand(self, org: Organization | None = None, **kw) -> Demand:
        org = org or self.org(side="demand")
        values = {
            "kind": "scenario",
            "title": "冲压车间上下料",
            "description": "两班倒，每班4人上下料，单件12kg。",
            "domain": "manufacturing",
            "tasks": ["loading"],
            "environments": [],
            "payload_kg": 12.0,
            "quantity": 2,
            "modes": ["purchase", "lease"],
            "budget": {"lease": 10000},
            "city": "ningbo",
            "needed_by": None,
            "status": "open",
        }
        values.update(kw)
        ref = values.pop("ref", None)
        return listings.create_demand(self.session, org, values, ref=ref)

    def offering(self, org: Organization | None = None, **kw) -> Offering:
        org = org or self.org(side="supply")
        values = {
            "category": "humanoid",
            "title": "通用人形机器人",
            "description": "28自由度，负载20kg，续航4小时。",
            "domains": ["manufacturing"],
            "tasks": ["loading", "handling"],
            "environments": [],
            "payload_kg": 20.0,
            "units_available": 3,
            "service_cities": [],
            "modes": [{"mode": "purchase", "price": 300000}, {"mode": "lease", "price": 8000}],
            "certifications": ["CE"],
            "first_of_kind": False,
            "status": "active",
        }
        values.update(kw)
        ref = values.pop("ref", None)
        return listings.create_offering(self.session, org, values, ref=ref)

    # ------------------------------------------------------------ bookings

    def booking_settings(self, org: Organization, by: User | None = None, **values):
        """The vendor's booking settings, saved by `bookings.services.save_settings`
        as one of its members."""
        from marketplace.bookings import services as bookings

        return bookings.save_settings(self.session, by or self._member_of(org), values)

    def bookable(
        self, units: int = 2, modes: list | None = None, org: Organization | None = None, **settings
    ):
        """An active offering of a new supply-side vendor (or `org`), with booking
        settings (auto-confirm off and no lead time unless given)."""
        vendor = org or self.org(side="supply")
        offering = self.offering(vendor, units_available=units, modes=modes or MODES)
        self.booking_settings(vendor, **{"min_lead_hours": 0, **settings})
        return offering

    def customer(self) -> User:
        """A member of a new demand-side organization."""
        return self.member(self.org(side="demand"))

    def booking(
        self,
        offering: Offering,
        by: User | None = None,
        mode: str = "sharing",
        start=None,
        end=None,
        units: int = 1,
        state: str = "requested",
        **kw,
    ):
        """A booking made by `bookings.services.create_booking` (by a new customer
        unless `by`), then answered to reach `state` (requested, confirmed, declined,
        cancelled). Sharing from 09:00 to 11:00 ten days ahead unless told."""
        from marketplace.bookings import services as bookings

        by = by or self.customer()
        if start is None:
            start = at(9, offset=10) if mode == "sharing" else periods.local_midnight(day(10))
        if end is None:
            if mode == "sharing":
                end = start + timedelta(hours=2)
            elif mode == "raas":
                end = periods.local_midnight(month_later(start.date()))
            else:
                end = start + timedelta(days=3)
        booking = bookings.create_booking(self.session, by, offering, mode, start, end, units, **kw)
        vendor = None
        if state in ("confirmed", "declined") and booking.state == "requested":
            vendor = self._member_of(offering.organization)
            if state == "confirmed":
                bookings.accept(self.session, booking, vendor)
            else:
                bookings.decline(self.session, booking, vendor, "排期已满")
        elif state == "cancelled":
            bookings.cancel(self.session, booking, by, "计划变更")
        if booking.state != state:
            raise ValueError(f"booking reached {booking.state!r}, not {state!r}")
        return booking

    def subscription(self, offering: Offering, by: User | None = None, months: int = 1, **kw):
        """A subscription (RaaS) of whole months from midnight ten days ahead."""
        start = periods.local_midnight(day(10))
        end = periods.local_midnight(month_later(day(10), months))
        return self.booking(offering, by, mode="raas", start=start, end=end, **kw)

    # ------------------------------------------------------------ pilots

    def pair_world(self, **kw):
        """Two organizations with a need and an offering and their people; its
        `.pilot(state)` walks a pilot to `state` by the real transitions (see
        `tests/support/pilots.py`)."""
        from .pilots import pair_world

        return pair_world(self, **kw)

    def pilot(self, state: str = "draft", **kw):
        """A pilot of a new pair, walked to `state` with its history."""
        return self.pair_world(**kw).pilot(state)

    # ------------------------------------------------------------ notifications

    def notification(
        self, user: User, kind: str = "pilot", subject: str = "测试通知", link: str = "/", **kw
    ) -> int:
        """One notice for `user` made by `notifications.notify`; its id."""
        from marketplace.notifications import notify

        body = kw.pop("body", "")
        return notify(self.session, [user], kind, subject, body, link, **kw)[0]

    # ------------------------------------------------------------ helpers

    def attachment(
        self, owner_kind: str, owner, kind: str = "photo", data: bytes | None = None, user=None, **kw
    ):
        """A stored file for a record (a small PNG unless `data` is given)."""
        import io

        from PIL import Image

        from marketplace.attachments import services as attachments

        if data is None:
            out = io.BytesIO()
            Image.new("RGB", (16, 12), (30, 120, 200)).save(out, "PNG")
            data = out.getvalue()
        if user is None:
            org_id = owner.id if owner_kind == "organization" else getattr(owner, "org_id", None)
            user = next((m for m in self.session.get(Organization, org_id).members), None) if org_id else None
        return attachments.add(
            self.session,
            user,
            owner_kind,
            owner,
            kind,
            data,
            kw.pop("filename", "photo.png"),
            kw.pop("document_type", None),
        )

    def saved_search(self, user: User, list_name: str = "demands", **kw):
        """A saved search of `user` (alert immediately unless given)."""
        from marketplace.savedsearch import services as saved

        return saved.create(
            self.session,
            user,
            list_name,
            kw.pop("q", ""),
            kw.pop("filters", {}),
            kw.pop("alert", "immediately"),
            kw.pop("name", ""),
        )

    def deal_response(self, demand: Demand, offering: Offering, by: User | None = None, **kw):
        """A vendor's response (quote) to a demand, through the deals service."""
        from datetime import date, timedelta

        from marketplace.deals import services as deals

        by = by or self.member(offering.organization)
        mode = kw.pop("mode", offering.modes[0]["mode"])
        values = {
            "price": kw.pop("price", 9000),
            "units": kw.pop("units", demand.quantity),
            "start": kw.pop("start", None),
            "valid_until": kw.pop("valid_until", date.today() + timedelta(days=30)),
            "includes": kw.pop("includes", ["training"]),
            "message": kw.pop("message", "可先试用。"),
        }
        return deals.respond(self.session, by, demand, offering, mode, values)

    def _member_of(self, org: Organization) -> User:
        from sqlalchemy import select

        found = self.session.scalar(
            select(User).where(User.org_id == org.id, User.role == "member").order_by(User.id)
        )
        return found or self.member(org)
