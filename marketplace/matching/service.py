"""Retrieve, then score: the proposed offerings for a demand, and the open demands
an offering could serve. The detail pages, the `match` command and the API all
call these two functions, so they show the same list.

1. Retrieve candidates from the search index: the record's own words (title
   counted twice) and its codes (tasks and components, given or read from the
   text through the synonym list; environments) against the other side's
   documents, scored with BM25F. The hard conditions the index knows (service
   city, ways to acquire, environments, kind and category, payload) split the
   candidates: the most relevant that pass them, and a few that do not, so that
   what rules a close candidate out can be said.
2. Load those from the database and score each with `scoring.score` (pure).
3. Order by score, then text relevance, then ref (deterministic). The list holds
   the `limit` best pairs that break no hard condition; `ruled_out` asks for that
   many close candidates that do break one, appended after them (the detail pages
   show three, each with what rules it out). When no pair fits, the list holds
   the closest ones instead (`closest`), each with what keeps it from fitting:
   a list is never empty while anything was retrieved.

When the index is unavailable (being rebuilt), candidates come from the database
by domain and task instead; the scores are the same, only fewer are looked at."""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import BindParameter, Select, bindparam, inspect, or_, select
from sqlalchemy.orm import Session, joinedload, lazyload, selectinload

from .. import pagecache, taxonomy
from ..listings.models import Demand, DemandTag, Offering, OfferingMode, OfferingTag
from ..search import analysis, glossary
from ..search import service as search
from ..search.documents import ANY, DEMAND_KIND_PREFIX
from ..search.index import IndexUnavailable
from .reasons import Reason
from .scoring import Match, categories_for, demand_facts, offering_facts, score

log = logging.getLogger("marketplace.matching")

# Candidates scored per request: the most relevant passing the hard conditions
# the index knows, and the most relevant not passing them.
CANDIDATES_PER_RESULT, MIN_CANDIDATES = 1.5, 12
# Candidates failing the index's hard mask are still scored: the index's view of a
# record can be a save behind, and the scorer has the last word.
OTHERS_FLOOR = 3
# ... and, for a site that must be wet-rated, this many more: the index rates none
# wet by a jet-proof code alone (IP65), which the scorer takes for a rating to confirm.
WET_UNRATED_CANDIDATES = 10
# Candidates doing every task a need names, retrieved whatever their words: a
# 导览+配送一体机 for 咨询引导+送书 shares few words with the need, a 轮式迎宾导览机器人
# few with a fire museum's 讲解 beside the humanoids and shows that say 消防.
COVERING_CANDIDATES = 5
TITLE_WEIGHT, MAX_TERM_WEIGHT = 2.0, 4.0
TRANSLATED_WEIGHT = 0.5  # a word put into the other language (`_weighted_terms`)
CODE_BOOST = {"task": 3.0, "part": 3.0, "env": 1.5}
# The need's domain, at a weight below any shared word: offerings of the domain
# that share no word with a short need are still retrieved (and scored) after
# those that do, so that a list is not cut short by the wording.
DOMAIN_BOOST = 0.5
FALLBACK_CANDIDATES = 300
MAX_LIMIT = 50


@dataclass
class MatchResult:
    """One proposed counterpart: `record` (an Offering for a demand, a Demand for an
    offering), its `score` (0–100) and `reasons` (each with `.text(lang)`)."""

    record: Demand | Offering
    score: int
    reasons: list[Reason]
    ok: bool  # breaks no hard condition
    relevance: float = 0.0
    closest: bool = False  # shown because nothing fits: the closest, with what keeps it from fitting

    @property
    def offering(self) -> Offering | None:
        return self.record if isinstance(self.record, Offering) else None

    @property
    def demand(self) -> Demand | None:
        return self.record if isinstance(self.record, Demand) else None

    def texts(self, lang: str = "zh") -> list[str]:
        return [r.text(lang) for r in self.reasons]

    def as_dict(self, lang: str = "zh") -> dict:
        """The shape of the `match` command and the API."""
        key = "offering" if isinstance(self.record, Offering) else "demand"
        return {
            key: self.record.ref,
            "title": self.record.title,
            "score": self.score,
            "ok": self.ok,
            "closest": self.closest,
            "reasons": self.texts(lang),
            "reason_codes": [{"code": r.code, "tone": r.tone} for r in self.reasons],
        }


def _weighted_terms(title: str, description: str, lang: str) -> list[tuple[str, str, float]]:
    """The words of a listing's text (the title's counted twice) and the other
    language's words of each concept it names (`glossary`), these at
    `TRANSLATED_WEIGHT` unless the text has the word itself: a need in Chinese
    still finds an offering written in English by what it is about."""
    weights: defaultdict[str, float] = defaultdict(float)
    for term in analysis.terms(title):
        weights[term] += TITLE_WEIGHT
    for term in analysis.terms(description[:4000]):
        weights[term] += 1.0
    for term in glossary.translated_terms(f"{title}\n{description[:4000]}", lang):
        weights[term] = max(weights[term], TRANSLATED_WEIGHT)
    out: list[tuple[str, str, float]] = []
    for term, w in sorted(weights.items()):
        w = min(w, MAX_TERM_WEIGHT)
        out += [("title", term, w), ("body", term, w)]
    return out


def _humanoids(v) -> np.ndarray:
    return v.mask("category", "humanoid")


def _any(v, fieldname: str, values) -> np.ndarray:
    m = np.zeros(v.size, dtype=bool)
    for value in values:
        m |= v.mask(fieldname, value)
    return m


def _text_fit(relevance: dict[int, float], best: float | None = None) -> dict[int, float]:
    """Each offering's relevance to the need's words relative to the best
    offering's, in steps of 0.1 (so that the score does not move with the last
    digits of the index's statistics). The best offering is always among those
    retrieved, whatever the limit, so `best` defaults to the best of these."""
    best = max(relevance.values(), default=0.0) if best is None else best
    if best <= 0:
        return {}  # no text relevance (the database fallback): neutral
    return {i: round(min(1.0, r / best), 1) for i, r in relevance.items()}


def _demand_terms(demand: Demand, facts) -> list[tuple[str, str, float]]:
    """What a need asks the index for: its words (title counted twice) and its
    codes. The offerings' task codes hold the tasks read from their prose too
    (`documents.offering_document`), so an offering naming a task only in its text
    is found by text as well as by tag."""
    terms = _weighted_terms(demand.title, demand.description, facts.lang)
    terms += [("task", c, CODE_BOOST["task"]) for c in facts.tasks]
    terms += [("part", c, CODE_BOOST["part"]) for c in facts.parts]
    terms += [("env", c, CODE_BOOST["env"]) for c in facts.environments]
    terms.append(("domain", demand.domain, DOMAIN_BOOST))
    return terms


def pair_score(demand: Demand, offering: Offering) -> Match:
    """The one score of a pair, with its reasons: the score the need's list, the
    offering's list, the pilot review queue and a member's candidate list all
    show. The text fit is the offering's relevance to the need's words relative to
    the best offering's, as in `matches_for_demand`; neutral without the index."""
    facts = demand_facts(demand)
    return score(facts, offering, _pair_text_fits(demand, facts, [offering.id]).get(offering.id))


def _pair_text_fits(demand: Demand, facts, offering_ids: list[int]) -> dict[int, float]:
    try:
        relevance, best = search.relevance("offering", _demand_terms(demand, facts), offering_ids)
    except IndexUnavailable:
        return {}
    return _text_fit(relevance, best)


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


def _bounds(limit: int, ruled_out: int) -> tuple[int, int]:
    """`limit` (1 to MAX_LIMIT) and `ruled_out` (0 to MAX_LIMIT) as a list honours them."""
    return _limit(limit), min(max(0, ruled_out), MAX_LIMIT)


def _retrieve(
    from_index: Callable[[], list[search.Candidate]], from_db: Callable[[], list[search.Candidate]]
) -> tuple[list[search.Candidate], bool]:
    """Candidates from the index, or from the database alone while the index is
    unavailable (being rebuilt); True when they came from the index."""
    try:
        return from_index(), True
    except IndexUnavailable:
        return from_db(), False


def _rank(results: list[MatchResult], limit: int, ruled_out: int) -> list[MatchResult]:
    """The `limit` best that fit, then `ruled_out` close ones that do not. A list
    is never empty while there is a candidate: when none fits, the `limit`
    closest come instead (`closest` True), each with what keeps it from fitting."""
    results.sort(key=lambda r: (not r.ok, -r.score, -round(r.relevance, 6), r.record.ref))
    fitting = [r for r in results if r.ok][:limit]
    others = [r for r in results if not r.ok]
    if not fitting:
        for r in others[: max(limit, ruled_out)]:
            r.closest = True
        return others[: max(limit, ruled_out)]
    return fitting + others[: max(0, ruled_out)]


_Record = TypeVar("_Record", Demand, Offering)


def _load(session: Session, model: type[_Record], ids: list[int], *options) -> list[_Record]:
    return list(session.scalars(select(model).where(model.id.in_(ids)).options(*options)).unique().all())


def _scoring_options(model: type[_Record]) -> list:
    """What scoring and the lists read: the records with their organization, not
    their attachments. Demands also with their tags and budgets (three queries);
    offerings alone, their codes and prices read as plain rows (`_as_scored`)."""
    if model is Offering:
        return [joinedload(Offering.organization), lazyload("*")]
    return [
        joinedload(Demand.organization),
        selectinload(Demand.tags),
        lazyload(Demand.attachments),
        selectinload(Demand.budgets),
    ]


@cache
def _to_score(model: type[_Record]) -> Select:
    """The statement loading the candidates to score (ids as `ids`), built once per
    process: building a statement with its loader options, each match, cost half
    as much again as running it."""
    return (
        select(model).where(model.id.in_(bindparam("ids", expanding=True))).options(*_scoring_options(model))
    )


@cache
def _codes_and_prices() -> tuple[Select, Select]:
    """The statements of `_as_scored` (ids as `ids`), built once per process."""
    ids: BindParameter[list[int]] = bindparam("ids", expanding=True)
    codes = select(OfferingTag.offering_id, OfferingTag.kind, OfferingTag.code)
    prices = select(OfferingMode.offering_id, OfferingMode.mode, OfferingMode.price)
    return (
        codes.where(OfferingTag.offering_id.in_(ids)).order_by(OfferingTag.position),
        prices.where(OfferingMode.offering_id.in_(ids)).order_by(OfferingMode.position),
    )


class _ScoredOffering:
    """An offering as `scoring.offering_facts` reads it: the record, with its codes
    and prices from two plain queries (`_as_scored`). A match scores some twenty
    offerings; their hundred-odd tag and price rows cost more to make into ORM
    instances than the scoring itself, and the lists never read them (as a kept
    list's records, `_restore`, they are loaded when read). Anything else is the
    record's own."""

    # The record's lists of codes (`Offering.domains` …) and the tag kind each reads.
    _CODED = {"domains": "domain", "tasks": "task", "environments": "environment", "service_cities": "city"}

    def __init__(self, record: Offering, codes: dict[str, list[str]], modes: list[dict]):
        self._record, self._codes, self.modes = record, codes, modes

    def __getattr__(self, name: str):
        if name in self._CODED:
            return self._codes.get(self._CODED[name], [])
        return getattr(self._record, name)


def _as_scored(session: Session, records: list[Any]) -> dict[int, Any]:
    """Each offering as scoring reads it, by id: its codes in the poster's order and
    its prices in the vendor's (as `Offering.tags` and `Offering.mode_prices` give
    them), from one query each. A record already holding its tags and prices (loaded
    earlier in the session) is scored as it is."""
    fresh = {r.id for r in records if {"tags", "mode_prices"} & inspect(r).unloaded}
    codes: defaultdict[int, defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    modes: defaultdict[int, list[dict]] = defaultdict(list)
    if fresh:
        codes_of, prices_of = _codes_and_prices()
        for oid, kind, code in session.execute(codes_of, {"ids": sorted(fresh)}):
            codes[oid][kind].append(code)
        for oid, mode, price in session.execute(prices_of, {"ids": sorted(fresh)}):
            modes[oid].append({"mode": mode, "price": price})
    return {r.id: _ScoredOffering(r, codes[r.id], modes[r.id]) if r.id in fresh else r for r in records}


# A list as the page cache keeps it (`pagecache.recall`): each result without its
# record, which is read again by id. Kept under the version of everything a list
# depends on (every listing, organization, tag and price), so a kept list is the
# list the matcher would compute now; computed from the database alone (the index
# being rebuilt), a list is not kept.
_KeptResult = tuple[int, int, list[Reason], bool, float, bool]


def _kept(results: list[MatchResult]) -> list[_KeptResult]:
    return [(r.record.id, r.score, r.reasons, r.ok, r.relevance, r.closest) for r in results]


def _restore(session: Session, model: type[_Record], kept: list[_KeptResult]) -> list[MatchResult]:
    # The lists show each record's title, ref, category or city and organization:
    # one query; anything else a caller reads is loaded when read.
    ids = [k[0] for k in kept]
    records = {r.id: r for r in _load(session, model, ids, joinedload(model.organization), lazyload("*"))}
    return [
        MatchResult(records[rid], score_, list(reasons), ok, relevance, closest)
        for rid, score_, reasons, ok, relevance, closest in kept
        if rid in records
    ]


def list_name(side: str, record_id: int, limit: int, ruled_out: int) -> str:
    """The name a list is kept under: offerings for demand `d<id>`, demands for offering `o<id>`."""
    limit, ruled_out = _bounds(limit, ruled_out)
    return f"matches:{side}{record_id}:{limit}:{ruled_out}"


def _remembered(
    session: Session,
    model: type[_Record],
    name: str,
    compute: Callable[[], tuple[list[MatchResult], bool]],
) -> list[MatchResult]:
    """The list kept under `name` for the current version, or `compute()`'s
    (results, retrieved from the index), kept unless it came from the database."""
    key, kept = pagecache.recall(name)
    if kept is not None:
        return _restore(session, model, kept)
    results, from_index = compute()
    if from_index:
        pagecache.keep(key, _kept(results))
    return results


def _score_candidates(
    session: Session,
    model: type[_Record],
    candidates: list[search.Candidate],
    score_pair: Callable[[_Record, float | None], Match],
    limit: int,
    ruled_out: int,
) -> list[MatchResult]:
    """Load the candidate records, score each public one against the other side
    (`score_pair(record, text_fit)`), and rank them."""
    relevance = {c.id: c.relevance for c in candidates}
    if not relevance:
        return []
    fit = _text_fit(relevance)
    records = list(session.scalars(_to_score(model), {"ids": list(relevance)}).unique())
    scored = _as_scored(session, records) if model is Offering else {}
    results = []
    for record in records:
        if not record.is_public:
            continue  # withdrawn or closed since it was indexed: never proposed
        m = score_pair(scored.get(record.id, record), fit.get(record.id))
        results.append(MatchResult(record, m.score, list(m.reasons), m.ok, relevance[record.id]))
    return _rank(results, limit, ruled_out)


# ---------------------------------------------------------------- offerings for a demand


def matches_for_demand(
    session: Session, demand: Demand, limit: int = 10, ruled_out: int = 0
) -> list[MatchResult]:
    """The best active offerings for `demand`, best first: up to `limit` that break
    no hard condition, then up to `ruled_out` close ones that do (`ok` False)."""
    limit, ruled_out = _bounds(limit, ruled_out)

    def compute() -> tuple[list[MatchResult], bool]:
        facts = demand_facts(demand)
        candidates, from_index = _retrieve(
            lambda: _offering_candidates(demand, facts, limit, ruled_out),
            lambda: _offering_candidates_from_db(session, demand, facts),
        )
        scored = _score_candidates(
            session, Offering, candidates, lambda o, fit: score(facts, o, fit), limit, ruled_out
        )
        return scored, from_index

    return _remembered(session, Offering, list_name("d", demand.id, limit, ruled_out), compute)


def _masked(env: str, ip_code: str | None) -> bool:
    """Does retrieval hold a site condition against the index's ratings? Not a wet
    site where a protection code is stated (the need's, or the offering's): the
    other side's code may meet it, which the scorer judges (`scoring._code_meets_wet`)."""
    return not (env == "wet" and ip_code)


def _offering_candidates(demand: Demand, facts, limit: int, ruled_out: int) -> list[search.Candidate]:
    terms = _demand_terms(demand, facts)

    def hard(v) -> np.ndarray:
        ok = v.mask("city", facts.city) | v.mask("city", ANY)
        if facts.modes and not facts.modes_from_text:  # a way read from the prose only lowers the score
            ok &= _any(v, "mode", facts.modes)
        for env in facts.environments:
            if _masked(env, facts.ip_code):
                ok &= v.mask("env", env)
        ok &= _any(v, "category", categories_for(facts.kind))
        if facts.payload_kg:
            payload = v.column("payload")
            ok &= (payload == 0) | (payload >= facts.payload_kg)
        return ok

    def every_task(v) -> np.ndarray:
        ok = np.ones(v.size, dtype=bool)
        for task in facts.tasks:
            ok &= v.mask("task", task)
        return ok

    n = max(MIN_CANDIDATES, math.ceil(CANDIDATES_PER_RESULT * limit))
    also: Callable[[Any], np.ndarray] | None = None
    if facts.tasks:
        also = every_task
    elif facts.humanoid and not facts.humanoid_refused:
        # A need naming no task but a humanoid finds humanoids whatever their text
        # calls them (展示接待版 for a training room's 教学用人形机器人).
        also = _humanoids
    others = max(ruled_out, OTHERS_FLOOR)
    if "wet" in facts.environments and not facts.ip_code:
        others += WET_UNRATED_CANDIDATES  # look further among those the index rates not wet
    return search.candidates("offering", terms, hard, n, others, also, COVERING_CANDIDATES)


def _offering_candidates_from_db(session: Session, demand: Demand, facts) -> list[search.Candidate]:
    conditions = [OfferingTag.kind == "domain", OfferingTag.code == demand.domain]
    stmt = select(Offering.id).where(Offering.status == "active")
    by_domain = select(OfferingTag.offering_id).where(*conditions)
    if facts.tasks:
        by_task = select(OfferingTag.offering_id).where(
            OfferingTag.kind == "task", OfferingTag.code.in_(facts.tasks)
        )
        stmt = stmt.where(or_(Offering.id.in_(by_domain), Offering.id.in_(by_task)))
    else:
        stmt = stmt.where(Offering.id.in_(by_domain))
    ids = session.scalars(stmt.order_by(Offering.id.desc()).limit(FALLBACK_CANDIDATES)).all()
    return [search.Candidate(i, 0.0, True) for i in ids]


# ---------------------------------------------------------------- demands for an offering


def matches_for_offering(
    session: Session, offering: Offering, limit: int = 10, ruled_out: int = 0
) -> list[MatchResult]:
    """The open demands `offering` fits best, best first (as `matches_for_demand`)."""
    limit, ruled_out = _bounds(limit, ruled_out)

    def compute() -> tuple[list[MatchResult], bool]:
        facts = offering_facts(offering)
        candidates, from_index = _retrieve(
            lambda: _demand_candidates(offering, facts, limit, ruled_out),
            lambda: _demand_candidates_from_db(session, offering, facts),
        )

        def score_pair(d: Demand, _fit: float | None) -> Match:
            # One score per pair: the text fit is always the need's side of it (`pair_score`).
            return score(d, facts, _pair_text_fits(d, demand_facts(d), [offering.id]).get(offering.id))

        return _score_candidates(session, Demand, candidates, score_pair, limit, ruled_out), from_index

    return _remembered(session, Demand, list_name("o", offering.id, limit, ruled_out), compute)


def _demand_candidates(offering: Offering, facts, limit: int, ruled_out: int) -> list[search.Candidate]:
    terms = _weighted_terms(offering.title, offering.description, facts.lang)
    terms += [("task", c, CODE_BOOST["task"]) for c in facts.tasks]
    terms += [("part", c, CODE_BOOST["part"]) for c in facts.parts]
    terms += [("env", c, CODE_BOOST["env"]) for c in sorted(facts.rated)]

    def hard(v) -> np.ndarray:
        ok = _any(v, "city", facts.service_cities) if facts.service_cities else np.ones(v.size, dtype=bool)
        ok &= _any(v, "mode", [m for m, _p in facts.prices] + [ANY])
        for env in taxonomy.codes("environments"):
            if env not in facts.rated and _masked(env, facts.ip_code):
                ok &= ~v.mask("env", env)
        kinds = [k for k in ("scenario", "component") if facts.category in categories_for(k)]
        ok &= _any(v, "category", [DEMAND_KIND_PREFIX + k for k in kinds])
        if facts.payload_kg:
            ok &= v.column("payload") <= facts.payload_kg
        return ok

    n = max(MIN_CANDIDATES, math.ceil(CANDIDATES_PER_RESULT * limit))
    return search.candidates("demand", terms, hard, n, max(ruled_out, OTHERS_FLOOR))


def _demand_candidates_from_db(session: Session, offering: Offering, facts) -> list[search.Candidate]:
    stmt = select(Demand.id).where(Demand.status == "open")
    conditions = [Demand.domain.in_(list(facts.domains))]
    if facts.tasks:
        conditions.append(
            Demand.id.in_(
                select(DemandTag.demand_id).where(
                    DemandTag.kind == "task", DemandTag.code.in_(list(facts.tasks))
                )
            )
        )
    stmt = stmt.where(or_(*conditions))
    ids = session.scalars(stmt.order_by(Demand.id.desc()).limit(FALLBACK_CANDIDATES)).all()
    return [search.Candidate(i, 0.0, True) for i in ids]


def demand_candidates_for_offering(
    session: Session, offering: Offering, reach: int = 60
) -> list[search.Candidate]:
    """The open demands `offering` could be proposed to, by retrieval alone (no
    scoring): the `reach` most relevant passing the hard conditions the index knows
    (`passes`) and a few that do not (`matches_for_offering`'s candidates, wider).
    What may change when an offering changes (`best.affected_demands`)."""
    facts = offering_facts(offering)
    candidates, _from_index = _retrieve(
        lambda: _demand_candidates(
            offering, facts, max(1, math.ceil(reach / CANDIDATES_PER_RESULT)), OTHERS_FLOOR
        ),
        lambda: _demand_candidates_from_db(session, offering, facts),
    )
    return candidates


# ---------------------------------------------------------------- who sees them


def may_see_matches(user, record) -> bool:
    """Members of the record's organization, and officials (admins included)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_official or user.belongs_to(record.org_id))
