"""Each open demand's best proposed offering, stored (`models.DemandBestScore`)
and kept current, so that no page runs the matcher once per demand.

- `refresh(session, demand_ids)` recomputes those demands with the demand page's
  own matcher (`matches_for_demand(..., limit=1)`: the same first result, the same
  score); a demand that is no longer open loses its row.
- `affected_demands(session, demand_ids, offering_ids)` says which demands a
  change can move: a changed demand itself; for a changed offering, the demands
  whose stored best it is plus the open demands it could now be proposed to
  (reverse retrieval, no scoring). An organization's verification change reaches
  here as a change of its offerings (`accounts.orgs`).
- The `listing-alerts` job runs `on_listings_changed` after each committed change
  (immediately in tests); the `refresh-best-scores` daily job and the
  `flask refresh-best-scores` command recompute every open demand, the safety net
  for what retrieval cannot foresee (another offering's text shifting the
  relevance scale, a rebuilt index). `flask seed` and `flask reindex` end with it.
- `stored(session, demand_ids)` reads them (the dashboard, the gap report)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

import click
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..db import get_session, upsert_insert, utcnow
from ..jobs import on_listings_changed_job, periodic
from ..listings.models import Demand, Offering
from . import service
from .models import DemandBestScore

log = logging.getLogger("marketplace.matching")

CHUNK = 500  # records loaded per query
REACH = 60  # demands retrieved per changed offering (passing the index's hard conditions)


@dataclass(frozen=True)
class Best:
    """A stored best: `score` and `offering_ref` are None when nothing was proposed."""

    score: int | None
    offering_ref: str | None
    computed_at: object


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _upsert(session: Session, rows: list[dict]) -> None:
    if not rows:
        return
    stmt = upsert_insert(session, DemandBestScore).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=["demand_id"],
        set_={
            "offering_id": stmt.excluded.offering_id,
            "score": stmt.excluded.score,
            "fits": stmt.excluded.fits,
            "computed_at": stmt.excluded.computed_at,
        },
    )
    session.execute(stmt)


def refresh(session: Session, demand_ids: Iterable[int]) -> int:
    """Recompute the stored best of these demands (open ones; the others' rows go).
    Flushes; the caller commits. Returns how many were computed. A demand the
    matcher fails on keeps its previous row (logged; the daily job tries again)."""
    ids = sorted(set(demand_ids))
    computed = 0
    for chunk in _chunks(ids):
        demands = session.scalars(select(Demand).where(Demand.id.in_(chunk))).all()
        open_ = sorted((d for d in demands if d.status == "open"), key=lambda d: d.id)  # one lock order
        gone = set(chunk) - {d.id for d in open_}
        if gone:
            session.execute(delete(DemandBestScore).where(DemandBestScore.demand_id.in_(gone)))
        rows = []
        for demand in open_:
            try:
                results = service.matches_for_demand(session, demand, limit=1)
            except Exception:  # one broken demand must not stop the others
                log.exception("best score of demand %s not computed", demand.ref)
                continue
            top = results[0] if results else None
            offering = top.offering if top is not None else None
            rows.append(
                {
                    "demand_id": demand.id,
                    "offering_id": offering.id if offering is not None else None,
                    "score": top.score if top is not None and offering is not None else None,
                    "fits": bool(offering is not None and getattr(top, "ok", True)),
                    "computed_at": utcnow(),
                }
            )
        _upsert(session, rows)
        computed += len(rows)
    session.flush()
    return computed


def open_demand_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Demand.id).where(Demand.status == "open").order_by(Demand.id)))


def refresh_all(session: Session) -> int:
    """Recompute every open demand, and drop the rows of demands no longer open."""
    session.execute(
        delete(DemandBestScore).where(
            DemandBestScore.demand_id.in_(select(Demand.id).where(Demand.status != "open"))
        )
    )
    return refresh(session, open_demand_ids(session))


def affected_demands(session: Session, demand_ids: Iterable[int], offering_ids: Iterable[int]) -> set[int]:
    """The demands whose stored best these changes can move (see the module's
    docstring). At most one retrieval per offering; when as many offerings changed
    as there are open demands (an import), every open demand, without retrieval.

    Of the demands an offering retrieves, those it passes the index's hard
    conditions for; and those it does not pass, only when their stored best does
    not fit either (or was never computed): an offering that breaks a need's hard
    condition can only be its best as the closest when nothing fits."""
    affected = set(demand_ids)
    offering_ids = sorted(set(offering_ids))
    if not offering_ids:
        return affected
    open_ids = open_demand_ids(session)
    if len(offering_ids) >= len(open_ids):
        return affected | set(open_ids)
    fitting = set(session.scalars(select(DemandBestScore.demand_id).where(DemandBestScore.fits)))
    for chunk in _chunks(offering_ids):
        affected.update(
            session.scalars(select(DemandBestScore.demand_id).where(DemandBestScore.offering_id.in_(chunk)))
        )
        for offering in session.scalars(select(Offering).where(Offering.id.in_(chunk))):
            if offering.status != "active":  # a withdrawn one is proposed to no one
                continue
            for c in service.demand_candidates_for_offering(session, offering, REACH):
                if c.passes or c.id not in fitting:
                    affected.add(c.id)
    return affected


def on_listings_changed(session: Session, demand_ids: list[int], offering_ids: list[int]) -> None:
    """Part of the `listing-alerts` job (after the change committed): refresh the
    demands these changes can affect. The job commits."""
    refresh(session, affected_demands(session, demand_ids, offering_ids))


@periodic("refresh-best-scores", period="day", cron={"minute": "40", "hour": "19"})
def refresh_best_scores_job(session: Session) -> str:
    """Daily (03:40 in Zhejiang): every open demand's best, recomputed."""
    return f"{refresh_all(session)} demands"


def stored(session: Session, demand_ids: Iterable[int] | None = None) -> dict[int, Best]:
    """demand id -> its stored best (one query); demands never computed are absent."""
    stmt = select(DemandBestScore.demand_id, DemandBestScore.score, Offering.ref, DemandBestScore.computed_at)
    stmt = stmt.outerjoin(Offering, Offering.id == DemandBestScore.offering_id)
    if demand_ids is not None:
        stmt = stmt.where(DemandBestScore.demand_id.in_(list(demand_ids)))
    return {
        demand_id: Best(score if ref is not None else None, ref, at)
        for demand_id, score, ref, at in session.execute(stmt)
    }


@click.command("refresh-best-scores")
def refresh_best_scores_cmd() -> None:
    """Recompute every open demand's best proposed offering and score."""
    session = get_session()
    started = time.monotonic()
    n = refresh_all(session)
    session.commit()
    click.echo(f"best scores of {n} open demands computed in {time.monotonic() - started:.1f} s")


def install() -> None:
    """Hang the refresh off the `listing-alerts` job (the periodic job is declared above)."""
    on_listings_changed_job(on_listings_changed)
