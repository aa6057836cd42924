"""Quality of the matcher against plain BM25, on every evaluation set in bench/.

    .venv/bin/python bench/eval_matcher.py                  # every set, and the gaps
    .venv/bin/python bench/eval_matcher.py --set eval       # one set
    .venv/bin/python bench/eval_matcher.py --show --set tune  # and each need's top 5

The sets: `bench/eval` (tuned on), `bench/tune`, `bench/tune2` … `bench/tune139`
(written for issue 13 from the spec and the policy text; each measured once before
any of its needs is read, then tuned on) and `bench/heldout`
(frozen, written by someone who never read the matcher: only ever measured, never
tuned on; `--show` refuses it). Each set's listings.json
(interchange format) is loaded into a fresh SQLite database and indexed, and for
every need two rankings of the active offerings are compared:

- the matcher: `matching.service.matches_for_demand` (retrieve, then score);
- plain BM25: Whoosh's BM25F over the same index (title x3, description), an OR
  query of the need's title and description words, active offerings only.

Against the graded judgments of bench/eval/judgments.json it prints NDCG@5 (gain
2^grade - 1), precision@3 (grade >= 2 counts as relevant) and the share of top-3
results that break a hard condition of the site. Which pairs break one is decided
from the expert's reading of the records (`truth` in judgments.json) by the small
oracle below, not by the matcher's own reading of the text. It also counts the
needs that get an empty list, and prints the gap between the tuned sets' figures
and the held-out set's: each tuned set's, and all of them as one set of needs."""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The tuning sets in the order they were written: `tune`, then `tune2` … `tune139`.
LAST_TUNING_SET = 139
SETS = {
    "eval": ROOT / "bench" / "eval",
    "tune": ROOT / "bench" / "tune",
    **{f"tune{n}": ROOT / "bench" / f"tune{n}" for n in range(2, LAST_TUNING_SET + 1)},
    "heldout": ROOT / "bench" / "heldout",
}
HELDOUT = "heldout"
TUNED = tuple(name for name in SETS if name != HELDOUT)
# Which categories can serve each kind of need at all. Software and platforms can
# plausibly serve a site need (monitoring, visual inspection, scheduling: issue 13,
# class 5), so offering one for a scenario is not a broken condition; the grades
# say how well it serves. A component is never what a site need asks for, and a
# complete robot is not a component.
CATEGORIES_FOR_KIND = {
    "scenario": {"humanoid", "robot", "solution", "service", "software"},
    "component": {"component", "software"},
}


def load_app(listings: dict):
    """A fresh database with the evaluation listings, the app bound to it, and its context."""
    from alembic import command
    from alembic.config import Config

    from marketplace import create_app
    from marketplace.db import get_session
    from marketplace.interchange.importer import import_data

    folder = Path(tempfile.mkdtemp(prefix="rsm-eval-"))
    url = f"sqlite:///{folder / 'eval.sqlite3'}"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url)
    command.upgrade(cfg, "head")
    app = create_app({"DATABASE_URL": url, "SEARCH_INDEX_IN_MEMORY": True, "TESTING": True})
    ctx = app.app_context()
    ctx.push()
    session = get_session()
    result = import_data(session, listings)
    if not result.ok:
        raise SystemExit("evaluation set is invalid:\n" + "\n".join(p.describe() for p in result.problems))
    session.commit()
    return app, session, ctx


# ---------------------------------------------------------------- the oracle


def breaks(demand: dict, offering: dict, truth: dict) -> list[str]:
    """Hard conditions the pair breaks, as the expert reads both records."""
    t_off = truth["offerings"].get(offering["ref"], {})
    t_dem = truth["demands"].get(demand["ref"], {})
    rated = set(t_off.get("rated", offering.get("environments", [])))
    site = set(t_dem.get("site", demand.get("environments", [])))
    out = []
    if offering.get("status", "active") != "active":
        out.append("withdrawn")
    if offering["category"] not in CATEGORIES_FOR_KIND[demand.get("kind", "scenario")]:
        out.append("category")
    if site - rated:
        out.append("environment")
    need, have = (
        t_dem.get("payload_kg", demand.get("payload_kg")),
        t_off.get("payload_kg", offering.get("payload_kg")),
    )
    if need and have and have < need:
        out.append("payload")
    if offering.get("service_cities") and demand["city"] not in offering["service_cities"]:
        out.append("city")
    # The ways the need's field accepts, as the expert reads them: a text amending
    # the need (补充说明：改为租赁) overrides its stale field. A need without the field
    # is not checked for its ways (as before the amended sets).
    accepted = (t_dem.get("modes") or demand["modes"]) if demand.get("modes") else None
    modes = {m["mode"] for m in offering["modes"]}
    if accepted and not modes & set(accepted):
        out.append("mode")
    return out


# ---------------------------------------------------------------- the rankings


def matcher_ranking(session, demand_ref: str, k: int) -> list[str]:
    from marketplace.listings.services import demand_by_ref
    from marketplace.matching.service import matches_for_demand

    return [m.record.ref for m in matches_for_demand(session, demand_by_ref(session, demand_ref), limit=k)]


def bm25_ranking(app, session, demand_ref: str, k: int) -> list[str]:
    """Plain BM25F: Whoosh's own searcher, an OR of the need's words, no codes,
    no synonyms, no conditions; active offerings only (all that is indexed)."""
    from whoosh import query as wq

    from marketplace.listings.models import Offering
    from marketplace.listings.services import demand_by_ref
    from marketplace.search import analysis
    from marketplace.search.service import vectors

    d = demand_by_ref(session, demand_ref)
    terms = sorted(set(analysis.terms(d.title)) | set(analysis.terms(d.description)))
    q = wq.Or([wq.Term(f, t) for t in terms for f in ("title", "body")])
    with vectors():  # makes sure the index is built
        pass
    idx = app.extensions["search"]
    with idx.searcher() as s:
        only = wq.Term("kind", "offering")
        hits = s.search(q, limit=k, filter=only)
        ids = [int(h["key"][1:]) for h in hits]
    refs = {o.id: o.ref for o in session.query(Offering).filter(Offering.id.in_(ids))} if ids else {}
    return [refs[i] for i in ids]


# ---------------------------------------------------------------- metrics


def ndcg(ranked: list[str], grades: dict[str, int], k: int) -> float:
    gain = [(2 ** grades.get(r, 0)) - 1 for r in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gain))
    ideal = sorted(((2**g) - 1 for g in grades.values()), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def precision(ranked: list[str], grades: dict[str, int], k: int) -> float:
    return sum(1 for r in ranked[:k] if grades.get(r, 0) >= 2) / k


def evaluate(name: str, show: bool) -> dict:
    """The figures of one set: per ranking NDCG@5, P@3, top-3 breaks; empty lists."""
    folder = SETS[name]
    listings = json.loads((folder / "listings.json").read_text(encoding="utf-8"))
    judgments = json.loads((folder / "judgments.json").read_text(encoding="utf-8"))
    demands = {d["ref"]: d for d in listings["demands"]}
    offerings = {o["ref"]: o for o in listings["offerings"]}
    app, session, ctx = load_app(listings)

    totals = {"matcher": [0.0, 0.0, 0, 0, 0], "bm25": [0.0, 0.0, 0, 0, 0]}  # ndcg, p@3, broken, shown, empty
    for ref in sorted(judgments["grades"]):
        grades = judgments["grades"][ref]
        rankings = {"matcher": matcher_ranking(session, ref, 10), "bm25": bm25_ranking(app, session, ref, 10)}
        for label, ranked in rankings.items():
            top3 = ranked[:3]
            broken = [r for r in top3 if breaks(demands[ref], offerings[r], judgments["truth"])]
            t = totals[label]
            t[0] += ndcg(ranked, grades, 5)
            t[1] += precision(ranked, grades, 3)
            t[2] += len(broken)
            t[3] += len(top3)
            t[4] += not ranked
        if show:
            print(f"\n{ref} {demands[ref]['title']}")
            for label, ranked in rankings.items():
                cells = []
                for r in ranked[:5]:
                    b = breaks(demands[ref], offerings[r], judgments["truth"])
                    cells.append(f"{r.split('-', 1)[1]}:{grades.get(r, 0)}{'!' + '/'.join(b) if b else ''}")
                print(f"  {label:8} ndcg@5={ndcg(ranked, grades, 5):.2f}  " + "  ".join(cells))
    session.close()
    ctx.pop()

    n = len(judgments["grades"])
    withdrawn = sum(1 for o in offerings.values() if o.get("status", "active") != "active")
    pairs = sum(len(g) for g in judgments["grades"].values())
    print(f"\n== {name}: {n} needs, {len(offerings)} offerings ({withdrawn} withdrawn), {pairs} graded pairs")
    print(f"{'ranking':<10}{'NDCG@5':>9}{'P@3':>8}{'top-3 breaking a hard condition':>34}{'empty lists':>13}")
    figures = {}
    for label, title in (("matcher", "matcher"), ("bm25", "BM25")):
        nd, p3, broken, shown, empty = totals[label]
        figures[label] = (nd / n, p3 / n, broken / max(shown, 1), empty)
        figures[label + ":counts"] = (n, broken, shown)
        print(
            f"{title:<10}{nd / n:>9.3f}{p3 / n:>8.3f}{broken / max(shown, 1):>25.1%} ({broken}/{shown})"
            f"{empty:>13}"
        )
    best_p3 = sum(
        min(3, sum(1 for g in grades.values() if g >= 2)) / 3 for grades in judgments["grades"].values()
    )
    print(f"{'best':<10}{1:>9.3f}{best_p3 / n:>8.3f}{0:>25.1%}  (possible on this set)")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="only this set (repeatable)")
    parser.add_argument("--show", action="store_true", help="print each need's top 5 from both rankings")
    args = parser.parse_args()
    names = [n for n in SETS if (SETS[n] / "judgments.json").exists() and (not args.set or n in args.set)]
    if args.show and HELDOUT in names:
        raise SystemExit("--show prints records and grades: never for the held-out set (measure it only)")
    results = {name: evaluate(name, args.show) for name in names}
    if HELDOUT in results and any(t in results for t in TUNED):
        print("\n== gap: tuned set minus held-out set (matcher)")
        held = results[HELDOUT]["matcher"]
        for t in TUNED:
            if t in results:
                mine = results[t]["matcher"]
                print(
                    f"{t:<10}NDCG@5 {mine[0] - held[0]:+.3f}   P@3 {mine[1] - held[1]:+.3f}   "
                    f"top-3 breaks {100 * (mine[2] - held[2]):+.1f} points"
                )
        tuned = [t for t in TUNED if t in results]
        if len(tuned) > 1:
            # Every set tuned on, as one set of needs (each need counts once).
            n = sum(results[t]["matcher:counts"][0] for t in tuned)
            ndcg = sum(results[t]["matcher"][0] * results[t]["matcher:counts"][0] for t in tuned) / n
            p3 = sum(results[t]["matcher"][1] * results[t]["matcher:counts"][0] for t in tuned) / n
            broken = sum(results[t]["matcher:counts"][1] for t in tuned)
            shown = sum(results[t]["matcher:counts"][2] for t in tuned)
            print(
                f"{'all tuned':<10}NDCG@5 {ndcg - held[0]:+.3f}   P@3 {p3 - held[1]:+.3f}   "
                f"top-3 breaks {100 * (broken / max(shown, 1) - held[2]):+.1f} points"
                f"   ({n} needs: {ndcg:.3f} / {p3:.3f} / {broken / max(shown, 1):.1%})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
