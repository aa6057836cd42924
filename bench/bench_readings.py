"""CPU time to read listings' prose as they are saved (`search.readings.read_demand`,
`read_offering`) over every tuning set's records.

    .venv/bin/python bench/bench_readings.py            # this checkout
    .venv/bin/python bench/bench_readings.py --root ../other-checkout

Prints the median CPU seconds of five passes after one warm-up, and per record. Only
timings are printed. Run two checkouts alternately to compare them (the machine is shared)."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=str(HERE.parent), help="the checkout whose readings to time")
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, args.root)
    from marketplace.search import readings

    records = []
    for path in sorted(HERE.glob("tune*/listings.json")) + [HERE / "eval" / "listings.json"]:
        listings = json.loads(path.read_text(encoding="utf-8"))
        records += [("demand", d) for d in listings["demands"]] + [
            ("offering", o) for o in listings["offerings"]
        ]

    def one_pass() -> float:
        start = time.process_time()
        for kind, r in records:
            if kind == "demand":
                readings.read_demand(r["title"], r["description"], r["domain"])
            else:
                readings.read_offering(
                    r["title"],
                    r["description"],
                    r.get("domains", []),
                    r.get("environments", []),
                    r.get("certifications"),
                )
        return time.process_time() - start

    one_pass()
    median = statistics.median(one_pass() for _ in range(args.passes))
    print(
        f"{args.root}: {len(records)} records, {median:.3f} CPU s a pass (median of {args.passes}), "
        f"{1000 * median / len(records):.3f} ms a record"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
