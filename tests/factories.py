"""Make records in one line: `make.org()`, `make.member(org)`, `make.demand(org)`."""

from __future__ import annotations

import itertools

from marketplace.accounts import services as accounts
from marketplace.accounts.models import Organization, User
from marketplace.listings import services as listings
from marketplace.listings.models import Demand, Offering

PASSWORD = "Correct-Horse-42"
_seq = itertools.count(1)


class Factory:
    def __init__(self, session):
        self.session = session

    def org(self, side: str = "both", city: str = "hangzhou", verified: bool = False, **kw) -> Organization:
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
        self.session.flush()
        return user

    def member(self, org: Organization | None = None, **kw) -> User:
        return self.user("member", org, **kw)

    def official(self, **kw) -> User:
        return self.user("official", **kw)

    def admin(self, **kw) -> User:
        return self.user("admin", **kw)

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
