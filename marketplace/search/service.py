"""Search: the /search page, the lists' `q`, and candidate retrieval for the matcher.

Domain code: takes a session and plain arguments. The index only holds what every
visitor may see; hits are loaded from the database and checked again, so a record
that stopped being public since it was indexed is dropped, never shown."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from flask import current_app, has_app_context, has_request_context
from flask import g as request_globals
from markupsafe import Markup
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, lazyload, selectinload

from ..accounts.models import Organization
from ..listings.models import Demand, Offering
from . import documents
from . import query as q
from . import vectors as vec
from .index import IndexUnavailable, SearchIndex, is_index_failure

log = logging.getLogger("marketplace.search")

KINDS = ("demand", "offering", "org")
MODELS: dict[str, Any] = {"demand": Demand, "offering": Offering, "org": Organization}
FILTER_FIELDS = ("domain", "city", "mode", "category")
MAX_PAGE = 500  # deeper pages are not worth ranking


def get_index() -> SearchIndex | None:
    if not has_app_context():
        return None
    return current_app.extensions.get("search")


@contextlib.contextmanager
def vectors(caught_up: bool = False) -> Iterator[vec.Vectors]:
    """Array views of the worker's current searcher (kept until the index changes).
    `caught_up`: the caller has just applied the feed (the poller)."""
    idx = get_index()
    if idx is None:
        raise IndexUnavailable("no search index in this application")
    from . import catch_up

    # Behind the feed (another host's saves): apply it first, once per request (a page
    # that asks the index for each of its records must not read the feed each time).
    if not caught_up and not (has_request_context() and request_globals.get("_search_caught_up") is idx):
        catch_up(idx, timeout=0.2)
        if has_request_context():
            request_globals._search_caught_up = idx
    with idx.searcher() as s:
        try:
            cached = getattr(idx, "_vectors", None)
            if cached is None or cached.searcher is not s:
                cached = vec.Vectors(s)
                idx._vectors = cached
            yield cached
        except Exception as err:
            if not is_index_failure(err):
                raise
            idx.broken(err)  # a truncated or deleted file: rebuilt from the database
            raise IndexUnavailable(str(err)) from err


# ---------------------------------------------------------------- the search page


@dataclass
class Hit:
    kind: str
    record: object
    title: Markup
    snippet: Markup


@dataclass
class SearchResult:
    text: str
    kind: str | None
    filters: dict[str, str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 20
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # Matches counted under more than one city: (serve all of Zhejiang, serve several cities).
    city_overlap: tuple[int, int] = (0, 0)
    kinds: dict[str, int] = field(default_factory=dict)
    any_word: bool = False  # no record had every word: these have some
    unavailable: bool = False  # the index is being rebuilt: plain database search

    @property
    def pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.total // self.per_page)))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _scored_terms(parsed: q.Parsed) -> list[tuple[str, str, float]]:
    terms: list[tuple[str, str, float]] = []
    for g in parsed.groups:
        for t in g.terms:
            terms += [("title", t, 1.0), ("body", t, 1.0)]
        for fieldname, code in g.codes:
            terms.append((fieldname, code, 1.0))
    return terms


def _group_masks(v: vec.Vectors, parsed: q.Parsed) -> list[np.ndarray]:
    masks = []
    for g in parsed.groups:
        alternatives = [(f, t) for t in g.terms for f in vec.TEXT_FIELDS] + list(g.codes)
        alternatives += [(f, q.ANY) for f, _c in g.codes if f in ("city", "mode")]
        masks.append(v.any_of(alternatives))
    return masks


def _match(v: vec.Vectors, parsed: q.Parsed, allowed: np.ndarray) -> tuple[np.ndarray, bool]:
    """Documents with every word (or, failing that, with any word), and whether
    the fallback to any word was taken."""
    masks = _group_masks(v, parsed)
    every = allowed.copy()
    for m in masks:
        every &= m
    if every.any() or len(masks) < 2:
        return every, False
    some = np.zeros_like(allowed)
    for m in masks:
        some |= m
    return some & allowed, True


def search(
    session: Session,
    text: str | None,
    kind: str | None = None,
    filters: dict[str, str] | None = None,
    page: int = 1,
    per_page: int = 20,
) -> SearchResult:
    """One page of records matching `text`, with facet counts over every match.

    An empty text (or only words every listing has, such as 机器人) lists every
    record of the filters, most recently indexed first."""
    text = (text or "").strip()
    filters = {k: v for k, v in (filters or {}).items() if k in FILTER_FIELDS and v}
    kind = kind if kind in KINDS else None
    if "category" in filters:
        kind = "offering"  # only offerings have a category
    page = max(1, min(page, MAX_PAGE))
    result = SearchResult(text=text, kind=kind, filters=filters, page=page, per_page=per_page)
    parsed = q.parse(text)
    try:
        with vectors() as v:
            base = v.filter_mask(None, filters)
            matches, result.any_word = (base, False) if parsed.empty else _match(v, parsed, base)
            result.kinds = {k: int(np.count_nonzero(matches & v.mask("kind", k))) for k in KINDS}
            if kind:
                matches = matches & v.mask("kind", kind)
            result.total = int(np.count_nonzero(matches))
            result.facets = {f: v.counts(matches, f) for f in ("domain", "city", "mode")}
            result.facets["category"] = v.counts(matches & v.mask("kind", "offering"), "category")
            result.city_overlap = _city_overlap(v, matches)
            skip = (page - 1) * per_page
            if parsed.empty:
                docnums = np.flatnonzero(matches)[::-1][skip : skip + per_page].tolist()
            else:
                ranked = vec.top(v.bm25(_scored_terms(parsed)), matches, skip + per_page, positive=False)
                docnums = [d for d, _s in ranked[skip:]]
            keys = [v.searcher.stored_fields(d)["key"] for d in docnums]
    except IndexUnavailable:
        return _fallback(session, result)
    highlight_terms = parsed.highlight_terms()
    result.hits = _load_hits(session, keys, highlight_terms)
    return result


def _load_hits(session: Session, keys: list[str], terms: set[str]) -> list[Hit]:
    from .schema import parse_key

    wanted: dict[str, list[int]] = {}
    for key in keys:
        kind, rid = parse_key(key)
        wanted.setdefault(kind, []).append(rid)
    found: dict[tuple[str, int], Any] = {}
    for kind, ids in wanted.items():
        model = MODELS[kind]
        stmt = select(model).where(model.id.in_(ids))
        if model is not Organization:
            # A hit shows its record's fields and organization: its tags, prices and
            # attachments (loaded with every listing by default) stay unloaded.
            stmt = stmt.options(selectinload(model.organization), lazyload("*"))
        for record in session.scalars(stmt):
            found[(kind, record.id)] = record
    hits = []
    for key in keys:
        kind, rid = parse_key(key)
        record = found.get((kind, rid))
        if record is None or (kind != "org" and not record.is_public):
            continue  # changed since it was indexed: never show what is no longer public
        hits.append(_hit(kind, record, terms))
    return hits


def _hit(kind: str, record, terms: set[str]) -> Hit:
    title = record.name if kind == "org" else record.title
    body = record.description or ""
    return Hit(kind, record, q.highlight(title, terms), q.snippet(body, terms))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fallback(session: Session, result: SearchResult) -> SearchResult:
    """While the index is rebuilt: a plain substring search in the database (no
    facets, no ranking), so the page still answers."""
    result.unavailable = True
    words = [w for w in result.text.split() if w][:5]
    conditions = {
        "demand": (Demand.status == "open", Demand.title, Demand.description, Demand.created_at),
        "offering": (Offering.status == "active", Offering.title, Offering.description, Offering.created_at),
        "org": (
            Organization.id.isnot(None),
            Organization.name,
            Organization.description,
            Organization.created_at,
        ),
    }
    hits: list[Hit] = []
    for kind in [result.kind] if result.kind else KINDS:
        visible, title, body, created = conditions[kind]
        stmt = select(MODELS[kind]).where(visible)
        for w in words:
            stmt = stmt.where(
                or_(title.like(_like(w[:100]), escape="\\"), body.like(_like(w[:100]), escape="\\"))
            )
        if kind != "org":
            stmt = stmt.options(selectinload(MODELS[kind].organization))
        rows = session.scalars(stmt.order_by(created.desc()).limit(result.per_page)).all()
        result.kinds[kind] = len(rows)
        hits += [_hit(kind, r, set()) for r in rows]
    result.hits = hits[: result.per_page] if result.kind else hits
    result.total = len(result.hits)
    result.page = 1
    return result


# ---------------------------------------------------------------- the lists' `q`


def _city_overlap(v: vec.Vectors, matches: np.ndarray) -> tuple[int, int]:
    """How many matches count under every city (no service cities) and under several."""
    every = int(np.count_nonzero(matches & v.mask("city", documents.ANY)))
    per_doc = np.zeros(v.size, dtype=np.int32)
    for value in v.values("city"):
        if value != documents.ANY:
            per_doc += matches & v.mask("city", value)
    return every, int(np.count_nonzero(per_doc > 1))


def matching_ids(text: str, kind: str) -> list[int] | None:
    """Ids of public records of `kind` having every word of `text`; None when the
    index cannot answer (the caller then filters with LIKE)."""
    parsed = q.parse(text)
    if parsed.empty:
        return None  # one character, or only punctuation: a substring match serves better
    try:
        with vectors() as v:
            matches = v.filter_mask(kind, {})
            for m in _group_masks(v, parsed):
                matches &= m
            return sorted(int(i) for i in v.column("rid")[matches])
    except IndexUnavailable:
        return None
    except Exception:
        log.exception("search for the list failed; falling back to the database")
        return None


# ---------------------------------------------------------------- the matcher's candidates


@dataclass
class Candidate:
    id: int
    relevance: float  # BM25F of the counterpart's text and codes against this record
    passes: bool  # passes the hard conditions the index can check


def candidates(
    kind: str,
    terms: list[tuple[str, str, float]],
    hard: Callable[[vec.Vectors], np.ndarray],
    limit: int,
    others: int,
    also: Callable[[vec.Vectors], np.ndarray] | None = None,
    also_limit: int = 0,
) -> list[Candidate]:
    """Retrieve-then-score, step one: the `limit` most relevant records of `kind`
    that pass the hard conditions the index knows (`hard(v)` gives that mask), and
    the `others` most relevant ones that do not (shown below, with what rules
    them out); and, when `also` is given, the `also_limit` most relevant of those
    passing that mask as well, whatever their rank (an offering doing every task a
    need names, described in other words). Raises IndexUnavailable."""
    with vectors() as v:
        of_kind = v.filter_mask(kind, {})
        scores = v.bm25(terms)
        ok = hard(v) & of_kind
        rid = v.column("rid")
        out = [Candidate(int(rid[d]), s, True) for d, s in vec.top(scores, ok, limit)]
        if also is not None and also_limit:
            seen = {c.id for c in out}
            extra = vec.top(scores, ok & also(v), also_limit + len(seen))
            out += [Candidate(int(rid[d]), s, True) for d, s in extra if int(rid[d]) not in seen][:also_limit]
        if others:
            out += [Candidate(int(rid[d]), s, False) for d, s in vec.top(scores, of_kind & ~ok, others)]
        return out


def relevance(
    kind: str, terms: list[tuple[str, str, float]], ids: list[int]
) -> tuple[dict[int, float], float]:
    """BM25F of `terms` on the records of `kind` with these ids, and the best score
    any record of `kind` gets (what `candidates` ranks against). Raises
    IndexUnavailable."""
    with vectors() as v:
        of_kind = v.filter_mask(kind, {})
        scores = v.bm25(terms)
        rid = v.column("rid")
        best = float(scores[of_kind].max()) if of_kind.any() else 0.0
        wanted = of_kind & np.isin(rid, np.asarray(ids, dtype=rid.dtype))
        return {int(rid[d]): float(scores[d]) for d in np.flatnonzero(wanted)}, best
