"""Pilots for tests, walked to any state by the real transitions.

world = pair_world(make)                    # two organizations, a need, an offering, people
pilot = world.pilot("submitted")            # a pilot with its history up to that state
"""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.accounts.models import Organization, User
from marketplace.pilots import services

PLAN = {"title": "住院部药品配送示范", "plan": "两台配送机器人夜间往返药房与病区。", "mode": "lease"}


@dataclass
class PairWorld:
    make: object
    demand_org: Organization
    offering_org: Organization
    demand: object
    offering: object
    demand_member: User
    offering_member: User
    outsider: User
    official: User
    admin: User

    @property
    def session(self):
        return self.make.session

    def propose(self, by: User | None = None, demand=None, offering=None, **values) -> object:
        """A new draft by `by` (the vendor's member unless told) for the world's pair
        (or `demand` / `offering`), made by `pilots.services.propose`."""
        return services.propose(
            self.session,
            by or self.offering_member,
            demand or self.demand,
            offering or self.offering,
            {**PLAN, **values},
        )

    def pilot(self, state: str = "draft", confirmed: bool = True, by: User | None = None):
        """A pilot brought to `state` through the real transitions."""
        proposer = by or self.offering_member
        partner = self.demand_member if proposer.org_id == self.offering_org.id else self.offering_member
        return walk(
            self.session,
            self.propose(by=proposer),
            state,
            proposer,
            partner,
            self.official,
            confirmed=confirmed,
        )


def walk(session, pilot, state: str, proposer: User, partner: User, official: User, confirmed: bool = True):
    """Take a new draft to `state` through the real transitions."""
    if state == "draft":
        if confirmed:
            pilot.confirm(partner)
        return pilot
    path = {
        "submitted": [("confirm", partner), ("submit", proposer)],
        "changes_requested": [
            ("confirm", partner),
            ("submit", proposer),
            ("request_changes", official, "请补充安全方案"),
        ],
        "approved": [("confirm", partner), ("submit", proposer), ("approve", official)],
        "rejected": [("confirm", partner), ("submit", proposer), ("reject", official, "不符合条件")],
        "in_progress": [
            ("confirm", partner),
            ("submit", proposer),
            ("approve", official),
            ("start", proposer),
        ],
        "completed": [
            ("confirm", partner),
            ("submit", proposer),
            ("approve", official),
            ("start", proposer),
            ("complete", official, "验收通过"),
        ],
        "terminated": [("terminate", proposer, "不再推进")],
    }[state]
    for step in path:
        action, user, *comment = step
        services.transition(
            session,
            pilot,
            user,
            action,
            comment[0] if comment else "",
            outcome={"outcome_hours": 100} if action == "complete" else None,
        )
    return pilot


def pair_world(make, demand_kw: dict | None = None, offering_kw: dict | None = None, **org_kw) -> PairWorld:
    """Two organizations (a hospital and a vendor), an open need, an active offering,
    a member of each, an outsider, an official and an admin (all made by the
    accounts services, so each can sign in with `PASSWORD`)."""
    demand_org = make.org(side="demand", verified=True, **org_kw)
    offering_org = make.org(side="supply")
    outsider_org = make.org(side="both")
    demand = make.demand(
        demand_org,
        **(
            {
                "domain": "healthcare",
                "tasks": ["delivery"],
                "city": "hangzhou",
                "modes": ["lease"],
                "budget": {"lease": 9000},
            }
            | (demand_kw or {})
        ),
    )
    offering = make.offering(
        offering_org,
        **(
            {
                "domains": ["healthcare"],
                "tasks": ["delivery"],
                "modes": [{"mode": "lease", "price": 8000}, {"mode": "purchase", "price": 200000}],
            }
            | (offering_kw or {})
        ),
    )

    return PairWorld(
        make,
        demand_org,
        offering_org,
        demand,
        offering,
        make.member(demand_org),
        make.member(offering_org),
        make.member(outsider_org),
        make.official(),
        make.admin(),
    )


def install_fake_matcher(monkeypatch, for_demand=None, for_offering=None):
    """Replace the matcher's service (or stand in for it while it is not installed)
    with functions returning results of (counterpart, score)."""
    import sys
    import types

    def results(pairs, side):
        return [types.SimpleNamespace(**{side: record}, score=score, reasons=[]) for record, score in pairs]

    def matches_for_demand(session, demand, limit=10):
        return results((for_demand or (lambda d: []))(demand), "offering")[:limit]

    def matches_for_offering(session, offering, limit=10):
        return results((for_offering or (lambda o: []))(offering), "demand")[:limit]

    try:
        import marketplace.matching.service as service
    except ImportError:
        package = types.ModuleType("marketplace.matching")
        package.__path__ = []
        service = types.ModuleType("marketplace.matching.service")
        package.service = service
        monkeypatch.setitem(sys.modules, "marketplace.matching", package)
        monkeypatch.setitem(sys.modules, "marketplace.matching.service", service)
    monkeypatch.setattr(service, "matches_for_demand", matches_for_demand, raising=False)
    monkeypatch.setattr(service, "matches_for_offering", matches_for_offering, raising=False)
    return service
