"""Would a learned re-ranker over the matcher's own factors do better on sets it was
not trained on? Leave one set out at a time.

    .venv/bin/pip install scikit-learn     # not a project dependency: this measure only
    .venv/bin/python bench/rerank_loso.py

For every tuning set (never the held-out one) each need's scored candidates are taken
as the matcher scores them (`matching.service.matches_for_demand`, 10 shown): the score,
whether a hard condition is broken, the nine factor values, the offering's category and
which reasons it got. A gradient-boosted regressor learns the gain (2^grade - 1, an
unjudged offering 0) from all the other sets and re-orders the left-out set's candidates
(those breaking no hard condition, or the closest when none does, as the matcher
shows them). Printed per set:
NDCG@5 and P@3 of the matcher and of the re-ranker, and the difference.

It measures whether there is a lever there; the matcher does not use it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_matcher as em  # noqa: E402

CATEGORIES = ("humanoid", "robot", "component", "solution", "service", "software")
FACTORS = ("fit", "focus", "category", "text", "domain", "commercial", "quantity", "trust", "conditions")


def candidates(name: str) -> list[dict]:
    """Each need of a set: its grades, the matcher's order and its scored candidates."""
    import json

    from marketplace.listings.services import demand_by_ref
    from marketplace.matching import service

    folder = em.SETS[name]
    listings = json.loads((folder / "listings.json").read_text(encoding="utf-8"))
    judgments = json.loads((folder / "judgments.json").read_text(encoding="utf-8"))
    demands = {d["ref"]: d for d in listings["demands"]}
    offerings = {o["ref"]: o for o in listings["offerings"]}
    _app, session, ctx = em.load_app(listings)
    seen: dict[str, object] = {}
    score = service.score

    def keep(facts, offering, fit):  # what the matcher computes for each candidate
        m = score(facts, offering, fit)
        seen[offering.ref] = m
        return m

    service.score = keep
    try:
        needs = []
        for ref in sorted(judgments["grades"]):
            seen.clear()
            ranked = service.matches_for_demand(session, demand_by_ref(session, ref), limit=10)
            items = [
                {
                    "ref": oref,
                    "score": m.score,
                    "ok": m.ok,
                    "points": dict(m.points),
                    "codes": {r.code for r in m.reasons},
                    "category": offerings[oref]["category"],
                }
                for oref, m in seen.items()
            ]
            needs.append(
                {
                    "component": demands[ref].get("kind") == "component",
                    "grades": judgments["grades"][ref],
                    "order": [r.record.ref for r in ranked],
                    "items": items,
                }
            )
    finally:
        service.score = score
        session.close()
        ctx.pop()
    return needs


def features(need: dict, item: dict, codes: list[str]) -> list[float]:
    return [
        float(item["score"]),
        float(item["ok"]),
        *(item["points"][f] for f in FACTORS),
        *(float(item["category"] == c) for c in CATEGORIES),
        float(need["component"]),
        *(float(c in item["codes"]) for c in codes),
    ]


def main() -> int:
    from sklearn.ensemble import HistGradientBoostingRegressor

    names = list(em.TUNED)
    sets = {name: candidates(name) for name in names}
    codes = sorted({c for needs in sets.values() for n in needs for i in n["items"] for c in i["codes"]})

    def table(held_out: list[str]):
        x, y = [], []
        for name in held_out:
            for need in sets[name]:
                for item in need["items"]:
                    x.append(features(need, item, codes))
                    y.append(2 ** need["grades"].get(item["ref"], 0) - 1)
        return np.array(x), np.array(y)

    total = np.zeros(4)
    count = 0
    print(f"{'set':<9}{'matcher':>16}{'re-ranked':>16}{'difference':>18}")
    for name in names:
        x, y = table([n for n in names if n != name])
        model = HistGradientBoostingRegressor(
            max_depth=3, max_iter=150, learning_rate=0.05, min_samples_leaf=40, random_state=0
        ).fit(x, y)
        figures = np.zeros(4)
        for need in sets[name]:
            # As the matcher shows them: those breaking no hard condition, or if none
            # does, the closest.
            items = [i for i in need["items"] if i["ok"]] or need["items"]
            predicted = model.predict(np.array([features(need, i, codes) for i in items])) if items else []
            order = sorted(
                zip(predicted, items, strict=True),
                key=lambda pi: (not pi[1]["ok"], -(pi[0] if pi[1]["ok"] else pi[1]["score"])),
            )
            mine = [i["ref"] for _p, i in order][:10]
            figures += [
                em.ndcg(need["order"], need["grades"], 5),
                em.precision(need["order"], need["grades"], 3),
                em.ndcg(mine, need["grades"], 5),
                em.precision(mine, need["grades"], 3),
            ]
        n = len(sets[name])
        f = figures / n
        print(
            f"{name:<9}{f[0]:>9.3f} {f[1]:.3f}{f[2]:>9.3f} {f[3]:.3f}{f[2] - f[0]:>+11.3f} {f[3] - f[1]:+.3f}"
        )
        total += figures
        count += n
    f = total / count
    print(f"{'all':<9}{f[0]:>9.3f} {f[1]:.3f}{f[2]:>9.3f} {f[3]:.3f}{f[2] - f[0]:>+11.3f} {f[3] - f[1]:+.3f}")
    print(f"({count} needs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
