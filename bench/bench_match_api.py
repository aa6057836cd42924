"""Speed of the match API on an evaluation set: GET /api/v1/demands/<ref>/matches
for every need of the set, through the whole Flask stack (bearer token, access
checks, retrieval, scoring, JSON), as an official.

    .venv/bin/python bench/bench_match_api.py                 # the held-out set, 5 rounds
    .venv/bin/python bench/bench_match_api.py --set eval --rounds 3

The set is loaded into a fresh SQLite database as `make eval` does; one warm-up
round (index built, caches filled) is not counted. Prints the median, the 90th
percentile and the slowest request in milliseconds, the median CPU time of this
process per request (the work itself, which the machine's load moves much less),
and the load average. Only timings are printed:
no record, ranking or grade of the set."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_matcher import SETS, load_app  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default="heldout")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    listings = json.loads((SETS[args.set] / "listings.json").read_text(encoding="utf-8"))
    app, session, ctx = load_app(listings)
    from marketplace.accounts import services as accounts

    official = accounts.create_user(session, "bench-official@example.test", "bench-password-1", "official")
    token = accounts.issue_token(session, official, "bench")
    session.commit()
    refs = [d["ref"] for d in listings["demands"]]
    # Each request in its own app context and database session, as in a server
    # process: an outer context held open would make every request share one
    # session (and its stale snapshot) for the whole run.
    session.close()
    ctx.pop()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    cpu: list[float] = []

    def once(ref: str) -> float:
        start, start_cpu = time.perf_counter(), time.process_time()
        r = client.get(f"/api/v1/demands/{ref}/matches", headers=headers)
        elapsed = (time.perf_counter() - start) * 1000
        cpu.append((time.process_time() - start_cpu) * 1000)
        if r.status_code != 200 or not r.json:
            raise SystemExit(f"unexpected answer for a need: {r.status_code}")
        return elapsed

    for ref in refs:  # warm-up
        once(ref)
    cpu.clear()
    times = [once(ref) for _round in range(args.rounds) for ref in refs]
    times.sort()
    p90 = times[int(0.9 * (len(times) - 1))]
    # The CPU time of this process per request is the work itself: on a shared,
    # loaded machine the wall-clock median moves with the others' load, this much less.
    print(
        f"match API on {args.set}: {len(refs)} needs x {args.rounds} rounds = {len(times)} requests; "
        f"median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, max {times[-1]:.1f} ms; "
        f"CPU per request median {statistics.median(cpu):.1f} ms; load average {os.getloadavg()[0]:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
