"""How well an offering fits a demand: `score(demand, offering) -> Match`.

A pure function: no database, no index, no clock. It reads both records, including
what their free text says (tasks named only in the description, ratings stated
only in the text or in a certification, a payload written as 单件最重15kg), and
returns a score from 0 to 100 with the reasons behind it.

Hard conditions rule a pair out: the site's environments against the offering's
ratings, payload, service cities, an acceptable way to acquire, the demand's kind
against the offering's category, and withdrawn or closed records. A pair that
breaks one scores 0–29; a pair that breaks none scores 30–100. So an offering that
breaks a hard condition never ranks above one that does not.

Everything else is weighted in WEIGHTS below, the one place to tune the matcher."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..search import lexicon
from .reasons import BAD, GOOD, INFO, WEAK, Reason, reason

# ---------------------------------------------------------------- the weights
#
# Each factor gives a value from 0 to 1; the weights turn them into points (they
# sum to 100), the points of every factor but fit scaled by how much of the work
# asked for the offering does (FIT_GATE_FLOOR below). The score of a pair that
# breaks no hard condition is
# COMPLIANT_FLOOR + (100 - COMPLIANT_FLOOR) * points / 100; of a pair that
# breaks one, VIOLATION_CEILING * points / 100, rounded down.
WEIGHTS = {
    "fit": 35,  # share of the needed tasks (or components) the offering covers
    "text": 10,  # how close the two texts are (`text_fit`, given by the caller; else neutral)
    "domain": 10,  # the offering lists the demand's domain
    "commercial": 20,  # best price in an acceptable mode against the budget for that mode
    "quantity": 8,  # units available against units wanted
    "trust": 8,  # verified organization (0.6), any certification listed (0.4)
    "conditions": 9,  # the demand's conditions confirmed rather than unknown (payload stated)
}
COMPLIANT_FLOOR = 30
VIOLATION_CEILING = 29

# Values for what cannot be judged.
FIT_UNKNOWN = 0.5  # no task named by the demand (nor its text), or none by the offering
# The other factors count in full when every needed task is covered, and for
# FIT_GATE_FLOOR of their points when none is.
FIT_GATE_FLOOR = 0.4
TEXT_UNKNOWN = 0.5  # no text similarity given
TEXT_CLOSE = 0.7  # from this text fit on, "described much like the need" is said
PRICE_NO_BUDGET = 0.6  # an acceptable mode, but no budget given for it
# Price over budget: ratio -> value (first bound not exceeded).
PRICE_STEPS = ((1.0, 1.0), (1.15, 0.6), (1.5, 0.25), (math.inf, 0.0))
# Certifications count once: listing many is not more trustworthy than listing one.
TRUST_VERIFIED, TRUST_CERTIFIED = 0.6, 0.4

# Which offering categories can serve each kind of demand.
CATEGORIES_FOR_KIND = {
    "scenario": frozenset({"humanoid", "robot", "solution", "service"}),
    "component": frozenset({"component", "software"}),
}
ALL_MODES = ("purchase", "lease", "sharing", "raas")

assert sum(WEIGHTS.values()) == 100


# ---------------------------------------------------------------- what the records say


@dataclass(frozen=True)
class DemandFacts:
    ref: str
    kind: str
    domain: str
    tasks: tuple[str, ...]  # given, or read from the text
    parts: tuple[str, ...]  # components the text names (component demands)
    environments: tuple[str, ...]  # the site's conditions: given and read from the text
    payload_kg: float | None
    quantity: int
    modes: tuple[str, ...]  # acceptable; empty = any
    budget: tuple[tuple[str, float], ...]
    city: str
    status: str


@dataclass(frozen=True)
class OfferingFacts:
    ref: str
    category: str
    domains: tuple[str, ...]
    tasks: tuple[str, ...]  # given and read from the text
    parts: tuple[str, ...]
    rated: frozenset[str]
    evidence: tuple[tuple[str, str], ...]  # environment -> certification or word that rates it
    payload_kg: float | None
    units_available: int
    service_cities: tuple[str, ...]  # empty = all of Zhejiang
    prices: tuple[tuple[str, float], ...]  # (mode, price) in the offering's order
    certifications: tuple[str, ...]
    verified: bool
    status: str


def _float(value) -> float | None:
    return None if value is None else float(value)


def demand_facts(d) -> DemandFacts:
    """Facts of a demand (a model or anything with the same attributes)."""
    if isinstance(d, DemandFacts):
        return d
    text = f"{d.title}\n{d.description}"
    tasks = tuple(d.tasks) or tuple(lexicon.tasks_in(text, [d.domain]))
    envs = tuple(dict.fromkeys([*d.environments, *lexicon.site_environments_in(text)]))
    payload = _float(d.payload_kg) or lexicon.payload_in(text)
    budget = tuple((m, float(a)) for m, a in sorted(dict(d.budget or {}).items()))
    # What is bought is named in the title; the description also says what it is for
    # (谐波减速器 "为关节模组配套" needs reducers, not joint modules).
    parts = tuple(lexicon.parts_in(d.title)) or tuple(lexicon.parts_in(text))
    return DemandFacts(
        d.ref,
        d.kind or "scenario",
        d.domain,
        tasks,
        parts,
        envs,
        payload,
        int(d.quantity or 1),
        tuple(d.modes or ()),
        budget,
        d.city,
        d.status,
    )


def offering_facts(o) -> OfferingFacts:
    """Facts of an offering (a model or anything with the same attributes)."""
    if isinstance(o, OfferingFacts):
        return o
    text = f"{o.title}\n{o.description}"
    certs = tuple(o.certifications or ())
    tasks = tuple(dict.fromkeys([*o.tasks, *lexicon.tasks_in(text, list(o.domains))]))
    ratings = lexicon.ratings(list(o.environments), list(certs), text)
    org = getattr(o, "organization", None)
    return OfferingFacts(
        o.ref,
        o.category,
        tuple(o.domains),
        tasks,
        tuple(lexicon.parts_in(text)),
        ratings.rated,
        tuple(sorted(ratings.evidence.items())),
        _float(o.payload_kg) or lexicon.payload_in(text),
        int(o.units_available or 0),
        tuple(o.service_cities),
        tuple((m["mode"], float(m["price"])) for m in o.modes),
        certs,
        bool(org is not None and org.verified),
        o.status,
    )


# ---------------------------------------------------------------- the score


@dataclass(frozen=True)
class Match:
    score: int
    reasons: tuple[Reason, ...]
    points: tuple[tuple[str, float], ...]  # factor -> value 0..1 (for tuning and tests)

    @property
    def ok(self) -> bool:
        """True when no hard condition is broken."""
        return not any(r.hard for r in self.reasons)

    @property
    def violations(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.hard)

    def texts(self, lang: str = "zh") -> list[str]:
        return [r.text(lang) for r in self.reasons]


def _codes(kind: str, codes) -> tuple[tuple[str, str], ...]:
    return tuple((kind, c) for c in codes)


def _price_value(price: float, budget: float | None) -> float:
    if budget is None or budget <= 0:
        return PRICE_NO_BUDGET
    ratio = price / budget
    return next(v for bound, v in PRICE_STEPS if ratio <= bound)


def score(demand, offering, text_fit: float | None = None) -> Match:
    """Score the pair and say why. Deterministic: the same arguments give the same
    score and the same reasons in the same order.

    `text_fit` (0–1) is how close the two texts are; the matching service passes the
    pair's BM25F relevance relative to the best candidate's, in steps of 0.1."""
    d, o = demand_facts(demand), offering_facts(offering)
    hard: list[Reason] = []
    good: list[Reason] = []
    weak: list[Reason] = []
    values: dict[str, float] = {}

    # Withdrawn or closed records.
    if o.status != "active":
        hard.append(reason("offering_withdrawn", BAD))
    if d.status != "open":
        hard.append(reason("demand_closed", BAD))

    # The demand's kind against the offering's category.
    if o.category not in CATEGORIES_FOR_KIND.get(d.kind, CATEGORIES_FOR_KIND["scenario"]):
        hard.append(reason("not_a_robot" if d.kind != "component" else "not_a_component", BAD))

    # Fit: the tasks (or, for component demands, the components) needed.
    needed = list(_codes("task", d.tasks))
    have = set(_codes("task", o.tasks)) | set(_codes("part", o.parts))
    if d.kind == "component" or (d.parts and not needed):
        needed = list(_codes("part", d.parts)) or needed
    judged = bool(needed and have)  # an offering stating no task at all cannot be judged
    if judged:
        covered = tuple(c for c in needed if c in have)
        missing = tuple(c for c in needed if c not in have)
        values["fit"] = len(covered) / len(needed)
        for codes, ok in ((covered, True), (missing, False)):
            if not codes:
                continue
            kind = codes[0][0]
            if kind == "task":
                r = reason("tasks_covered" if ok else "tasks_missing", GOOD if ok else WEAK, tasks=codes)
            else:
                r = reason("parts_covered" if ok else "parts_missing", GOOD if ok else WEAK, parts=codes)
            (good if ok else weak).append(r)
    else:
        values["fit"] = FIT_UNKNOWN

    # Text.
    if text_fit is None:
        values["text"] = TEXT_UNKNOWN
    else:
        values["text"] = min(1.0, max(0.0, float(text_fit)))
        if values["text"] >= TEXT_CLOSE:
            good.append(reason("text_close", GOOD))

    # Domain.
    if d.domain in o.domains:
        values["domain"] = 1.0
        if not needed:
            good.append(reason("domain_fit", GOOD, domain=("domain", d.domain)))
    else:
        values["domain"] = 0.0
        weak.append(reason("domain_missing", WEAK, domain=("domain", d.domain)))

    # The site's environments against the offering's ratings.
    confirmed, stated = 0, 0
    evidence = dict(o.evidence)
    for env in d.environments:
        stated += 1
        if env in o.rated:
            confirmed += 1
            if env in evidence:
                good.append(reason("env_rated_by", GOOD, env=("env", env), evidence=evidence[env]))
            else:
                good.append(reason("env_rated", GOOD, env=("env", env)))
        else:
            hard.append(reason("env_not_rated", BAD, env=("env", env)))

    # Payload.
    if d.payload_kg:
        stated += 1
        if o.payload_kg is None:
            weak.append(reason("payload_unknown", WEAK, needed=d.payload_kg))
        elif o.payload_kg >= d.payload_kg:
            confirmed += 1
            good.append(reason("payload_ok", GOOD, offered=o.payload_kg, needed=d.payload_kg))
        else:
            hard.append(reason("payload_short", BAD, offered=o.payload_kg, needed=d.payload_kg))
    values["conditions"] = confirmed / stated if stated else 1.0

    # Service cities.
    if o.service_cities and d.city not in o.service_cities:
        hard.append(reason("city_not_served", BAD, city=("city", d.city)))
    elif o.service_cities:
        good.append(reason("city_served", GOOD, city=("city", d.city)))
    else:
        good.append(reason("city_all", GOOD))

    # Ways to acquire, and the price in each against its budget.
    acceptable = d.modes or ALL_MODES
    budget = dict(d.budget)
    offers = [(m, p) for m, p in o.prices if m in acceptable]
    if not offers:
        values["commercial"] = 0.0
        hard.append(reason("modes_none", BAD, modes=_codes("mode", acceptable)))
    else:
        ranked = sorted(
            offers,
            key=lambda mp: (
                -_price_value(mp[1], budget.get(mp[0])),
                mp[1] / budget[mp[0]] if budget.get(mp[0]) else math.inf,
                ALL_MODES.index(mp[0]) if mp[0] in ALL_MODES else 9,
            ),
        )
        mode, price = ranked[0]
        values["commercial"] = _price_value(price, budget.get(mode))
        if budget.get(mode):
            within = price <= budget[mode]
            good_or_weak = good if within else weak
            good_or_weak.append(
                reason(
                    "price_within" if within else "price_over",
                    GOOD if within else WEAK,
                    mode=("mode", mode),
                    price=price,
                    budget=budget[mode],
                )
            )
        else:
            good.append(reason("price_no_budget", INFO, mode=("mode", mode), price=price))

    # Quantity.
    if o.units_available >= d.quantity:
        values["quantity"] = 1.0
        if d.quantity > 1:
            good.append(reason("units_enough", GOOD, units=o.units_available, quantity=d.quantity))
    else:
        values["quantity"] = o.units_available / d.quantity
        weak.append(reason("units_short", WEAK, units=o.units_available, quantity=d.quantity))

    # Trust.
    values["trust"] = (TRUST_VERIFIED if o.verified else 0.0) + (TRUST_CERTIFIED if o.certifications else 0.0)
    if o.verified:
        good.append(reason("verified", GOOD))
    else:
        weak.append(reason("not_verified", WEAK))
    if o.certifications:
        good.append(reason("certified", INFO, certs=tuple(o.certifications[:4])))

    # What the offering does gates the rest: a cheap, verified, nearby offering
    # that does none of the work asked for is not a good match.
    gate = FIT_GATE_FLOOR + (1 - FIT_GATE_FLOOR) * values["fit"] if judged else 1.0
    points = WEIGHTS["fit"] * values["fit"] + gate * sum(
        WEIGHTS[k] * values[k] for k in WEIGHTS if k != "fit"
    )
    if hard:
        total = math.floor(VIOLATION_CEILING * points / 100)
    else:
        total = COMPLIANT_FLOOR + math.floor((100 - COMPLIANT_FLOOR) * points / 100 + 1e-9)
    return Match(int(total), tuple(hard + good + weak), tuple((k, round(values[k], 4)) for k in WEIGHTS))
