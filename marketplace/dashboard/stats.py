"""The officials' figures: ONE function, `compute`, used by the dashboard page,
its CSV export and GET /api/v1/stats.

What is counted:
- pilots: every pilot by state; by domain and city of its demand; by its mode.
  Progress toward the plan's 50 demonstration scenarios counts approved, in
  progress and completed pilots.
- demands: open demands (the public demand list) by domain, city and acceptable
  mode ("any" when none is named).
- offerings: active offerings by each domain they serve, by the supplier's city,
  and by each mode they are offered in (so these rows add up to more than the
  number of offerings).
- trend: per calendar month (Asia/Shanghai) of the last 12, demands and offerings
  posted, pilots proposed and pilots approved.
- gap: open demands whose best proposed offering (the matcher's first result,
  stored by `matching.best` and refreshed when listings change) scores below the
  threshold, or that have none, grouped by domain, task, environment and city.
  A demand whose best is not computed yet counts in the gap, flagged
  (`computed` False, `not_computed`): the page never runs the matcher."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import taxonomy
from ..accounts.models import Organization
from ..db import utcnow
from ..listings.models import Demand, DemandTag, Offering, OfferingMode, OfferingTag
from ..pilots.models import Pilot, PilotEvent
from ..pilots.workflow import COUNTED_STATES, STATES

log = logging.getLogger("marketplace.dashboard")

TARGET = 50
TARGET_YEAR = 2027
DEFAULT_GAP_THRESHOLD = 60
TREND_MONTHS = 12
SITE_ZONE = ZoneInfo("Asia/Shanghai")


def _zero(vocabulary: str) -> dict[str, int]:
    return dict.fromkeys(taxonomy.codes(vocabulary), 0)


def _fill(vocabulary: str, rows) -> dict[str, int]:
    counts = _zero(vocabulary)
    for code, n in rows:
        if code in counts:
            counts[code] += int(n)
    return counts


def _month(moment: datetime) -> str:
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(SITE_ZONE).strftime("%Y-%m")


def _months(today: date, n: int) -> list[str]:
    year, month = today.year, today.month
    out = []
    for _ in range(n):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def _month_start_utc(key: str) -> datetime:
    year, month = map(int, key.split("-"))
    return datetime(year, month, 1, tzinfo=SITE_ZONE).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


# ---------------------------------------------------------------- pilots


def _pilot_figures(session: Session) -> dict:
    by_state = _fill(
        "pilot_states", session.execute(select(Pilot.state, func.count()).group_by(Pilot.state)).all()
    )
    pair = (
        select(Demand.domain, Demand.city, Pilot.mode, func.count())
        .select_from(Pilot)
        .join(Demand, Demand.id == Pilot.demand_id)
        .group_by(Demand.domain, Demand.city, Pilot.mode)
    )
    domains, cities, modes = _zero("domains"), _zero("cities"), _zero("modes")
    for domain, city, mode, n in session.execute(pair).all():
        domains[domain] = domains.get(domain, 0) + n
        cities[city] = cities.get(city, 0) + n
        modes[mode] = modes.get(mode, 0) + n
    counted_by_domain = _fill(
        "domains",
        session.execute(
            select(Demand.domain, func.count())
            .select_from(Pilot)
            .join(Demand, Demand.id == Pilot.demand_id)
            .where(Pilot.state.in_(COUNTED_STATES))
            .group_by(Demand.domain)
        ).all(),
    )
    return {
        "total": sum(by_state.values()),
        "by_state": by_state,
        "by_domain": domains,
        "by_city": cities,
        "by_mode": modes,
        "counted_by_domain": counted_by_domain,
    }


def _progress(by_state: dict[str, int]) -> dict:
    counted = {s: by_state.get(s, 0) for s in COUNTED_STATES}
    total = sum(counted.values())
    return {
        "target": TARGET,
        "target_year": TARGET_YEAR,
        "counted_states": list(COUNTED_STATES),
        **counted,
        "total": total,
        "percent": round(100 * total / TARGET, 1),
        "remaining": max(0, TARGET - total),
    }


# ---------------------------------------------------------------- listings


def _demand_figures(session: Session) -> dict:
    open_ = Demand.status == "open"
    total = session.scalar(select(func.count()).select_from(Demand).where(open_)) or 0
    domains = _fill(
        "domains",
        session.execute(select(Demand.domain, func.count()).where(open_).group_by(Demand.domain)).all(),
    )
    cities = _fill(
        "cities", session.execute(select(Demand.city, func.count()).where(open_).group_by(Demand.city)).all()
    )
    modes = _fill(
        "modes",
        session.execute(
            select(DemandTag.code, func.count())
            .join(Demand, Demand.id == DemandTag.demand_id)
            .where(open_, DemandTag.kind == "mode")
            .group_by(DemandTag.code)
        ).all(),
    )
    with_modes = (
        session.scalar(
            select(func.count(func.distinct(DemandTag.demand_id)))
            .join(Demand, Demand.id == DemandTag.demand_id)
            .where(open_, DemandTag.kind == "mode")
        )
        or 0
    )
    modes["any"] = total - with_modes
    return {"total": total, "by_domain": domains, "by_city": cities, "by_mode": modes}


def _offering_figures(session: Session) -> dict:
    active = Offering.status == "active"
    total = session.scalar(select(func.count()).select_from(Offering).where(active)) or 0
    domains = _fill(
        "domains",
        session.execute(
            select(OfferingTag.code, func.count())
            .join(Offering, Offering.id == OfferingTag.offering_id)
            .where(active, OfferingTag.kind == "domain")
            .group_by(OfferingTag.code)
        ).all(),
    )
    cities = _fill(
        "cities",
        session.execute(
            select(Organization.city, func.count())
            .join(Offering, Offering.org_id == Organization.id)
            .where(active)
            .group_by(Organization.city)
        ).all(),
    )
    modes = _fill(
        "modes",
        session.execute(
            select(OfferingMode.mode, func.count())
            .join(Offering, Offering.id == OfferingMode.offering_id)
            .where(active)
            .group_by(OfferingMode.mode)
        ).all(),
    )
    return {"total": total, "by_domain": domains, "by_city": cities, "by_mode": modes}


# ---------------------------------------------------------------- trend


def _trend(session: Session, now: datetime) -> list[dict]:
    months = _months(now.replace(tzinfo=ZoneInfo("UTC")).astimezone(SITE_ZONE).date(), TREND_MONTHS)
    since = _month_start_utc(months[0])
    rows: dict[str, dict[str, Any]] = {
        m: {"month": m, "demands": 0, "offerings": 0, "pilots_proposed": 0, "pilots_approved": 0}
        for m in months
    }

    def count(key: str, stamps) -> None:
        for (stamp,) in stamps:
            month = _month(stamp)
            if month in rows:
                rows[month][key] += 1

    count("demands", session.execute(select(Demand.created_at).where(Demand.created_at >= since)))
    count("offerings", session.execute(select(Offering.created_at).where(Offering.created_at >= since)))
    count("pilots_proposed", session.execute(select(Pilot.created_at).where(Pilot.created_at >= since)))
    count(
        "pilots_approved",
        session.execute(
            select(PilotEvent.created_at).where(
                PilotEvent.action == "approve", PilotEvent.created_at >= since
            )
        ),
    )
    return list(rows.values())


# ---------------------------------------------------------------- the supply–demand gap


@dataclass
class GapRow:
    ref: str
    title: str
    org: str
    domain: str
    tasks: list[str]
    environments: list[str]
    city: str
    best_score: int | None
    best_offering: str | None
    computed: bool = True  # False: the matcher has not stored this demand's best yet

    def as_dict(self) -> dict:
        return {
            "demand": self.ref,
            "title": self.title,
            "org": self.org,
            "domain": self.domain,
            "tasks": self.tasks,
            "environments": self.environments,
            "city": self.city,
            "best_score": self.best_score,
            "best_offering": self.best_offering,
            "computed": self.computed,
        }


def best_scores(session: Session) -> dict[int, tuple[int | None, str | None]]:
    """demand id -> (best score, best offering's ref) for every open demand whose
    best the matcher has stored (`matching.best`; one query, the matcher is never
    run here). A demand not in it has not been computed yet."""
    from ..matching.best import stored  # deferred: matching is a peer feature

    return {demand_id: (b.score, b.offering_ref) for demand_id, b in stored(session).items()}


def gap_rows(session: Session, threshold: int) -> list[GapRow]:
    """Open demands without an offering scoring `threshold` or more (by the stored
    best scores), and those whose best has not been computed yet (`computed`
    False): two queries, whatever the number of demands."""
    from ..matching.models import DemandBestScore  # deferred: matching is a peer feature

    stmt = (
        select(Demand, DemandBestScore.score, Offering.ref, DemandBestScore.demand_id)
        .outerjoin(DemandBestScore, DemandBestScore.demand_id == Demand.id)
        .outerjoin(Offering, Offering.id == DemandBestScore.offering_id)
        .where(Demand.status == "open")
        .order_by(Demand.domain, Demand.city, Demand.id)
    )
    rows = []
    for demand, score, offering_ref, computed in session.execute(stmt):
        if offering_ref is None:
            score = None  # nothing proposed (or the proposed offering is gone)
        if score is None or score < threshold:
            rows.append(
                GapRow(
                    demand.ref,
                    demand.title,
                    demand.organization.name,
                    demand.domain,
                    demand.tasks,
                    demand.environments,
                    demand.city,
                    score,
                    offering_ref,
                    computed is not None,
                )
            )
    return rows


def _gap(session: Session, threshold: int) -> dict:
    rows = gap_rows(session, threshold)
    by_domain = Counter(r.domain for r in rows)
    by_city = Counter(r.city for r in rows)
    by_task = Counter(t for r in rows for t in r.tasks)
    by_environment = Counter(e for r in rows for e in r.environments)
    untagged = sum(1 for r in rows if not r.tasks)
    return {
        "threshold": threshold,
        "available": True,  # stored scores: the gap never waits for the matcher
        "total": len(rows),
        "not_computed": sum(1 for r in rows if not r.computed),
        "by_domain": {code: by_domain.get(code, 0) for code in taxonomy.codes("domains")},
        "by_task": {code: n for code, n in by_task.most_common()},
        "tasks_not_given": untagged,
        "by_environment": {code: n for code, n in by_environment.most_common()},
        "by_city": {code: by_city.get(code, 0) for code in taxonomy.codes("cities")},
        "demands": [r.as_dict() for r in rows],
    }


# ---------------------------------------------------------------- the one function


def compute(
    session: Session, gap_threshold: int = DEFAULT_GAP_THRESHOLD, now: datetime | None = None
) -> dict:
    """Every figure of the dashboard, as plain JSON-ready data."""
    now = now or utcnow()
    pilots = _pilot_figures(session)
    return {
        "generated_at": now.replace(microsecond=0).isoformat() + "Z",
        "progress": _progress(pilots["by_state"]),
        "pilots": pilots,
        "demands": _demand_figures(session),
        "offerings": _offering_figures(session),
        "trend": _trend(session, now),
        "gap": _gap(session, gap_threshold),
        "funnel": _funnel(session),
        "states": list(STATES),
    }


def _funnel(session: Session) -> dict:
    """From need to pilot (the deals feature's figures): open needs, needs with a
    response, an accepted response, a pilot; response rate and median days to the
    first response, by domain and city."""
    from ..deals.services import funnel

    return funnel(session)


def parse_threshold(raw: str | None) -> int:
    """A threshold from a query string: a whole number 0–100, else the default."""
    if raw is not None and raw.strip().isdigit() and 0 <= int(raw) <= 100:
        return int(raw)
    return DEFAULT_GAP_THRESHOLD
