"""The dashboard request on the seeded demo: before (the matcher run once per open
demand inside the request, as `best_scores` did until the scores were stored) and
after (the stored best scores read in one query), back to back in one run.

    .venv/bin/python bench/bench_dashboard.py                      # SQLite
    DATABASE_URL=postgresql+psycopg://…/t_NAME .venv/bin/python bench/bench_dashboard.py --database postgres

`--database postgres` resets the schema of the database in DATABASE_URL (all its
data goes). The demo is seeded with `flask seed` in-process (jobs queued, not run);
the official signs in; then, in alternation, `rounds` times each:

- before, cold: what the old request did after any listing change (in every
  worker): `matches_for_demand(limit=1)` for each open demand, then the rest of
  the page (the request as it is now);
- after: GET /dashboard reading the stored scores;
- also: the full refresh (`flask refresh-best-scores`, the daily job) and the
  refresh after one offering changed (what the listing-alerts job adds).

Prints medians in milliseconds, the ratio and the load average."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OFFICIAL = ("official@demo.example", "Official#2026")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="rsm-bench-dash-"))
    if args.database == "postgres":
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgresql"):
            raise SystemExit("--database postgres needs DATABASE_URL=postgresql+psycopg://…")
    else:
        url = f"sqlite:///{folder / 'bench.sqlite3'}"

    from tests.support.database import reset_schema

    reset_schema(url)
    from sqlalchemy import select

    from marketplace import create_app
    from marketplace.db import get_session
    from marketplace.listings.models import Demand, Offering
    from marketplace.matching import best
    from marketplace.matching.models import DemandBestScore
    from marketplace.matching.service import demand_candidates_for_offering, matches_for_demand

    def demand_candidate_ids(session, offering) -> list[int]:
        return [c.id for c in demand_candidates_for_offering(session, offering, best.REACH)]

    app = create_app(
        {
            "DATABASE_URL": url,
            "SEARCH_INDEX_DIR": str(folder / "ix"),
            "JOBS_SQLITE_PATH": str(folder / "jobs.sqlite3"),
            "WTF_CSRF_ENABLED": False,
            "SEARCH_FEED_POLL": False,
            "PAGE_CACHE": "off",  # the "before" mode computes every match: no kept lists
        }
    )
    import logging

    logging.disable(logging.INFO)  # the request log is not the figure
    with app.app_context():
        seeded = app.test_cli_runner().invoke(args=["seed"])
    if seeded.exit_code != 0:
        raise SystemExit(f"seed failed: {seeded.output[-2000:]} {seeded.exception!r}")
    client = app.test_client()
    signed = client.post("/login", data={"email": OFFICIAL[0], "password": OFFICIAL[1]})
    if signed.status_code != 302:
        raise SystemExit(f"the demo official could not sign in: {signed.status_code}")

    with app.app_context():
        session = get_session()
        open_ids = best.open_demand_ids(session)
        offering_ids = list(
            session.scalars(select(Offering.id).where(Offering.status == "active").order_by(Offering.id))
        )
        # Recall of the reverse retrieval: each stored best among its offering's retrieved demands.
        covered = proposed = 0
        for offering in session.scalars(select(Offering).where(Offering.id.in_(offering_ids))):
            stored_here = set(
                session.scalars(
                    select(DemandBestScore.demand_id).where(DemandBestScore.offering_id == offering.id)
                )
            )
            proposed += len(stored_here)
            covered += len(stored_here & set(demand_candidate_ids(session, offering)))
        session.rollback()
    sample = offering_ids[:: max(1, len(offering_ids) // 10)][:10]

    def page() -> None:
        response = client.get("/dashboard")
        if response.status_code != 200:
            raise SystemExit(f"/dashboard answered {response.status_code}")

    def old_loop() -> None:  # the old `best_scores`, without its per-process cache
        with app.app_context():
            session = get_session()
            for demand in session.scalars(select(Demand).where(Demand.status == "open")):
                matches_for_demand(session, demand, limit=1)
            session.rollback()

    def refresh_all() -> None:
        with app.app_context():
            session = get_session()
            best.refresh_all(session)
            session.commit()

    def one_offering_changed(offering_id: int) -> None:
        with app.app_context():
            session = get_session()
            best.on_listings_changed(session, [], [offering_id])
            session.commit()

    page(), old_loop(), refresh_all(), one_offering_changed(sample[0])  # warm: index open, templates compiled
    before, after, full, one = [], [], [], []
    for _ in range(args.rounds):
        loop = timed(old_loop)
        request = timed(page)
        before.append(loop + request)
        after.append(timed(page))
        full.append(timed(refresh_all))
        one += [timed(lambda o=o: one_offering_changed(o)) for o in sample]
    load = os.getloadavg()
    b, a = statistics.median(before), statistics.median(after)
    print(
        f"dashboard on the seeded demo ({args.database}, {len(open_ids)} open demands, {args.rounds} rounds)"
    )
    print(f"  before (matcher per open demand in the request): median {b:8.1f} ms")
    print(
        f"  after  (stored best scores, one query):          median {a:8.1f} ms   ratio before/after {b / a:.1f}x"
    )
    print(f"  full refresh (daily job, CLI, seed):             median {statistics.median(full):8.1f} ms")
    print(
        f"  refresh after one offering changed (the job):    median {statistics.median(one):8.1f} ms "
        f"(max {max(one):.1f}; {len(sample)} offerings)"
    )
    print(f"  stored bests reached by their offering's reverse retrieval: {covered} of {proposed}")
    print(f"  load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
