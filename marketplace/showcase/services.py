"""Which pilots the public showcase shows, and what it shows of them.

Only approved, running (in_progress) and completed pilots: drafts, submitted,
rejected and terminated applications never appear."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ..attachments.models import Attachment
from ..listings.models import Demand
from ..pagination import Page, paginate
from ..pilots.models import Pilot

SHOWN_STATES = ("approved", "in_progress", "completed")


def is_showcased(pilot: Pilot) -> bool:
    return pilot.state in SHOWN_STATES


@dataclass
class ShowcaseFilters:
    domain: str | None = None
    city: str | None = None


def showcase_query(f: ShowcaseFilters) -> Select:
    stmt = select(Pilot).join(Demand, Demand.id == Pilot.demand_id).where(Pilot.state.in_(SHOWN_STATES))
    if f.domain:
        stmt = stmt.where(Demand.domain == f.domain)
    if f.city:
        stmt = stmt.where(Demand.city == f.city)
    return stmt.order_by(Pilot.updated_at.desc(), Pilot.id.desc())


def showcase_page(session: Session, f: ShowcaseFilters, page: int, per_page: int) -> Page:
    return paginate(session, showcase_query(f), page, per_page)


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Pilot).where(Pilot.state.in_(SHOWN_STATES))) or 0


def newest(session: Session, limit: int = 3) -> list[Pilot]:
    """The home page's strip: what its cards (showcase/_card.html) show, the pilot's
    demand and offering with the two organizations; not the demand's and offering's
    tags, prices and attachments, which every listing loads by default."""
    stmt = showcase_query(ShowcaseFilters()).options(
        joinedload(Pilot.demand).lazyload("*"),
        joinedload(Pilot.offering).lazyload("*"),
        selectinload(Pilot.demand_org),
        selectinload(Pilot.offering_org),
    )
    return list(session.scalars(stmt.limit(limit)))


@dataclass
class Pictures:
    """Photos shown for a pilot: its own, else its offering's and its site's."""

    by_pilot: dict[int, list[Attachment]] = field(default_factory=dict)

    def of(self, pilot: Pilot) -> list[Attachment]:
        return self.by_pilot.get(pilot.id, [])


def pictures(session: Session, pilots: list[Pilot], per_pilot: int = 4) -> Pictures:
    """Photos for a page of pilots in three queries (pilots, offerings, demands)."""
    out = Pictures()
    if not pilots:
        return out
    owners = {
        "pilot": {p.id: p.id for p in pilots},
        "offering": {p.id: p.offering_id for p in pilots},
        "demand": {p.id: p.demand_id for p in pilots},
    }
    found: dict[tuple[str, int], list[Attachment]] = {}
    for kind, mapping in owners.items():
        rows = session.scalars(
            select(Attachment)
            .where(
                Attachment.owner_kind == kind,
                Attachment.owner_id.in_(set(mapping.values())),
                Attachment.kind == "photo",
            )
            .order_by(Attachment.position, Attachment.id)
        )
        for row in rows:
            found.setdefault((kind, row.owner_id), []).append(row)
    for p in pilots:
        photos = list(found.get(("pilot", p.id), []))
        for kind in ("offering", "demand"):
            photos.extend(found.get((kind, owners[kind][p.id]), []))
        out.by_pilot[p.id] = photos[:per_pilot]
    return out


def outcome_rows(pilot: Pilot) -> list[tuple[str, int | None, int | None]]:
    """(figure code, expected, achieved) for a completed pilot's comparison."""
    return [
        ("hours", pilot.expected_hours, pilot.outcome_hours),
        ("manual_share", pilot.expected_manual_share, pilot.outcome_manual_share),
        ("incidents_avoided", pilot.expected_incidents_avoided, pilot.outcome_incidents_avoided),
    ]
