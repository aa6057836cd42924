"""What the matcher reads from the listings' prose against what each tuning set's
expert wrote in `truth`: ratings and payloads of offerings, site conditions, payloads
and budgets of needs. Counts of mismatches by kind, all tuning sets (never the held-out one).

    .venv/bin/python bench/readings_vs_truth.py            # every tuning set
    .venv/bin/python bench/readings_vs_truth.py --set tune18 --show

`--show` prints each mismatch (set, record, what was read, what the truth says)."""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_matcher as em  # noqa: E402


def mismatches(name: str) -> list[tuple]:
    from marketplace.listings.models import Offering
    from marketplace.listings.services import demand_by_ref
    from marketplace.matching.scoring import demand_facts, offering_facts

    folder = em.SETS[name]
    listings = json.loads((folder / "listings.json").read_text(encoding="utf-8"))
    truth = json.loads((folder / "judgments.json").read_text(encoding="utf-8"))["truth"]
    _app, session, ctx = em.load_app(listings)
    out: list[tuple] = []
    try:
        for o in session.query(Offering):
            t = truth["offerings"].get(o.ref)
            if t is None:
                continue
            facts = offering_facts(o)
            ours, theirs = set(facts.rated), set(t.get("rated", []))
            if o.payload_kg is None and (facts.payload_kg or None) != (t.get("payload_kg") or None):
                out.append(("offering payload", o.ref, facts.payload_kg, t.get("payload_kg")))
            out += [("rating read, not in truth", o.ref, e, None) for e in sorted(ours - theirs)]
            out += [("rating in truth, not read", o.ref, None, e) for e in sorted(theirs - ours)]
        for d in listings["demands"]:
            f, t = demand_facts(demand_by_ref(session, d["ref"])), truth["demands"].get(d["ref"], {})
            site, theirs = set(f.environments), set(t.get("site", []))
            if not d.get("environments"):  # what the prose says, not the field
                out += [
                    ("site condition read, not in truth", d["ref"], e, None) for e in sorted(site - theirs)
                ]
                out += [
                    ("site condition in truth, not read", d["ref"], None, e) for e in sorted(theirs - site)
                ]
            if not d.get("payload_kg") and (f.payload_kg or None) != (t.get("payload_kg") or None):
                out.append(("payload", d["ref"], f.payload_kg, t.get("payload_kg")))
            if d.get("budget"):
                continue
            read = dict(f.budget)
            for mode, amount in (t.get("budget") or {}).items():
                if mode in read and abs(read[mode] - amount) > 0.01 * amount:
                    out.append(("budget amount", d["ref"], (mode, read[mode]), (mode, amount)))
                elif mode not in read and (not f.modes or mode in f.modes):
                    out.append(("budget not read", d["ref"], None, (mode, amount)))
    finally:
        session.close()
        ctx.pop()
    return [(name, *m) for m in out]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=em.TUNED, action="append", help="only this set (repeatable)")
    parser.add_argument("--show", action="store_true", help="print each mismatch")
    args = parser.parse_args()
    found = [m for name in (args.set or em.TUNED) for m in mismatches(name)]
    if args.show:
        for m in found:
            print(*m)
    for kind, n in sorted(collections.Counter(m[1] for m in found).items()):
        print(f"{kind:<36}{n:>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
