"""Vectorised evaluation over the Whoosh index's postings.

Whoosh walks postings one document at a time in Python: at 100,000 listings one
match query (a dozen terms whose postings hold thousands of documents each) took
hundreds of milliseconds, almost all of it there. Here each posting list a query
needs is read once into numpy arrays (document numbers and term frequencies, a
block at a time) and kept per segment; a query is then a few array operations:
BM25F scores with the same formula as Whoosh's, boolean masks for AND and for
filters, facet counts as mask sums, the top documents by `argpartition`.

Segments are immutable in Whoosh: a posting array read from one stays valid until
the segment is merged away. Deletions only grow, so they are applied as a
per-query "live" mask instead of invalidating what was read. A save adds a small
segment, which is cheap to read; the big one keeps its arrays."""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import _length_byte_cache

from .documents import ANY

K1, B = 1.2, 0.75  # Whoosh's BM25F defaults
FACET_FIELDS = ("kind", "domain", "city", "mode", "category")
TEXT_FIELDS = ("title", "body")
# Postings kept in memory per worker (document numbers and weights, 8 bytes each).
CACHE_POSTINGS = 6_000_000

_EMPTY_IDS = np.zeros(0, dtype=np.int32)
_EMPTY_W = np.zeros(0, dtype=np.float32)


class _SegmentCache:
    """What has been read from segments, keyed by segment id, with an LRU bound."""

    def __init__(self, capacity: int = CACHE_POSTINGS):
        self.capacity = capacity
        self.size = 0
        self._postings: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lengths: dict[tuple, np.ndarray] = {}
        self._lock = threading.Lock()

    def postings(self, segid: str, reader, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        key = (segid, fieldname, text)
        with self._lock:
            hit = self._postings.get(key)
            if hit is not None:
                self._postings.move_to_end(key)
                return hit
        value = _read_postings(reader, fieldname, text)
        with self._lock:
            self._postings[key] = value
            self.size += len(value[0])
            while self.size > self.capacity and len(self._postings) > 1:
                _k, old = self._postings.popitem(last=False)
                self.size -= len(old[0])
        return value

    def column(self, segid: str, reader, fieldname: str) -> np.ndarray:
        """A numeric column of one segment as an array."""
        key = (segid, "#column", fieldname)
        with self._lock:
            hit = self._lengths.get(key)
        if hit is not None:
            return hit
        n = reader.doc_count_all()
        if reader.has_column(fieldname):
            value = np.fromiter(reader.column_reader(fieldname), dtype=np.float64, count=n)
        else:
            value = np.zeros(n, dtype=np.float64)
        with self._lock:
            self._lengths[key] = value
        return value

    def lengths(self, segid: str, reader, fieldname: str) -> np.ndarray:
        key = (segid, fieldname)
        with self._lock:
            hit = self._lengths.get(key)
        if hit is not None:
            return hit
        n = reader.doc_count_all()
        value = _stored_lengths(reader, fieldname, n)
        if value is None:  # not Whoosh 3's segment format: one document at a time
            dfl = reader.doc_field_length
            value = np.fromiter((dfl(d, fieldname, 0) or 0 for d in range(n)), dtype=np.float32, count=n)
        with self._lock:
            if len(self._lengths) > 256:  # segments merged away long ago
                self._lengths.clear()
            self._lengths[key] = value
        return value


CACHE = _SegmentCache()

# Whoosh 3 keeps a segment's field lengths as one byte per document, a log scale
# decoded by a 256-entry table: read as one array, 100,000 documents take a
# millisecond instead of half a second document by document.
_LENGTH_OF_BYTE = np.asarray(_length_byte_cache, dtype=np.float32)


def _stored_lengths(reader, fieldname: str, n: int) -> np.ndarray | None:
    """The field's length in every document of a segment, or None when the
    segment is not stored as Whoosh 3 stores it."""
    try:
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return np.zeros(n, dtype=np.float32)
        raw = column._dbfile.get(column._basepos, n)
    except AttributeError:
        return None
    if len(raw) != n:
        return None
    return _LENGTH_OF_BYTE[np.frombuffer(raw, dtype=np.uint8)]


def _read_postings(reader, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """All (docnum, weight) of a term in one segment, deleted documents included."""
    try:
        m = reader.postings(fieldname, text)
    except TermNotFound:
        return _EMPTY_IDS, _EMPTY_W
    if isinstance(m, FilterMatcher):  # deletions: applied later by the live mask
        m = m.child
    if isinstance(m, W3LeafMatcher):
        ids, weights = [], []
        while m.is_active():
            block_ids, block_weights = _block(m)
            ids.append(block_ids)
            weights.append(block_weights)
            m._next_block()
        if not ids:
            return _EMPTY_IDS, _EMPTY_W
        return np.concatenate(ids), np.concatenate(weights)
    pairs = []  # short lists are inlined in the term info: a ListMatcher
    while m.is_active():
        pairs.append((m.id(), m.weight()))
        m.next()
    if not pairs:
        return _EMPTY_IDS, _EMPTY_W
    docnums, scores = zip(*pairs, strict=True)
    return np.asarray(docnums, dtype=np.int32), np.asarray(scores, dtype=np.float32)


def _block(m: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """The document numbers and weights of the matcher's current block, decoded as
    Whoosh's `_read_ids` and `_read_weights` decode them, with numpy: Whoosh undoes
    the delta coding, and repeats a block's one weight, a posting at a time in
    Python, which made reading the postings of words not read before most of a
    match's time (the first matches after a start or a save, at 100,000 listings)."""
    if m._data is None:
        m._read_data()
    ids, weights = m._data[0], m._data[1]
    ids = np.asarray(ids, dtype=np.int64)
    if not m._byteids:
        ids = np.cumsum(ids)
    if weights is None:
        weights = np.ones(m._blocklength, dtype=np.float32)
    elif isinstance(weights, float):
        weights = np.full(m._blocklength, weights, dtype=np.float32)
    return ids.astype(np.int32), np.asarray(weights, dtype=np.float32)


def _segid(reader) -> str:
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else f"reader-{id(reader)}"


class Vectors:
    """Array views of one searcher (global document numbers across segments)."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.size = searcher.doc_count_all()
        self.leaves = []
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            self.leaves.append((_segid(reader), reader, offset))
        live = np.ones(self.size, dtype=bool)
        for _key, reader, offset in self.leaves:
            if reader.has_deletions():
                n = reader.doc_count_all()
                seg_live = np.zeros(n, dtype=bool)
                seg_live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
                live[offset : offset + n] = seg_live
        self.live = live
        self._lengths: dict[str, np.ndarray] = {}
        self._avg: dict[str, float] = {}
        self._masks: dict[tuple[str, str], np.ndarray] = {}
        self._values: dict[str, list[str]] = {}
        self._df: dict[tuple[str, str], int] = {}  # the terms queried so far (a few thousand words)
        self.prepared = False  # `prepare` has read what every request needs

    def prepare(self) -> None:
        """Read now what every search and match asks for: the field lengths, the
        record id and payload columns, and the documents of each facet and site
        condition value. The feed poller calls it on each new searcher (after a
        save, a reindex or a fork), so no request waits for them."""
        for fieldname in TEXT_FIELDS:
            self.lengths(fieldname)
            self.avg_length(fieldname)
        for name in ("rid", "payload"):
            self.column(name)
        for fieldname in (*FACET_FIELDS, "env"):
            for value in self.values(fieldname):
                self.mask(fieldname, value)
        self.prepared = True

    # ------------------------------------------------------------ postings

    def postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(global docnums, weights) of a term, deleted documents included."""
        parts = []
        for segid, reader, offset in self.leaves:
            ids, weights = CACHE.postings(segid, reader, fieldname, text)
            if len(ids):
                parts.append((ids + offset if offset else ids, weights))
        if not parts:
            return _EMPTY_IDS, _EMPTY_W
        if len(parts) == 1:
            return parts[0]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def lengths(self, fieldname: str) -> np.ndarray:
        if fieldname not in self._lengths:
            parts = [CACHE.lengths(segid, reader, fieldname) for segid, reader, _o in self.leaves]
            self._lengths[fieldname] = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return self._lengths[fieldname]

    def column(self, fieldname: str) -> np.ndarray:
        """A numeric column (record id, payload) for every document."""
        key = "#" + fieldname
        if key not in self._lengths:
            parts = [CACHE.column(segid, reader, fieldname) for segid, reader, _o in self.leaves]
            self._lengths[key] = np.concatenate(parts) if parts else np.zeros(0, np.float64)
        return self._lengths[key]

    def avg_length(self, fieldname: str) -> float:
        if fieldname not in self._avg:
            self._avg[fieldname] = self.searcher.avg_field_length(fieldname) or 1.0
        return self._avg[fieldname]

    def doc_frequency(self, fieldname: str, text: str) -> int:
        key = (fieldname, text)
        df = self._df.get(key)
        if df is None:
            df = self._df[key] = self.searcher.doc_frequency(fieldname, text)
        return df

    def idf(self, fieldname: str, text: str) -> float:
        """Whoosh's idf: log(N / (df + 1)) + 1, over all documents."""
        return math.log(self.size / (self.doc_frequency(fieldname, text) + 1)) + 1 if self.size else 0.0

    # ------------------------------------------------------------ masks

    def mask(self, fieldname: str, value: str) -> np.ndarray:
        """Documents having `value` in a keyword field (cached per searcher)."""
        key = (fieldname, value)
        if key not in self._masks:
            m = np.zeros(self.size, dtype=bool)
            ids, _w = self.postings(fieldname, value)
            m[ids] = True
            self._masks[key] = m
        return self._masks[key]

    def values(self, fieldname: str) -> list[str]:
        """The field's distinct values (read from the lexicon once per searcher, like
        the masks: the facets of every search ask for them)."""
        if fieldname not in self._values:
            out = []
            for value in self.searcher.lexicon(fieldname):
                out.append(value.decode("utf-8") if isinstance(value, bytes) else value)
            self._values[fieldname] = sorted(set(out))
        return list(self._values[fieldname])

    def filter_mask(self, kind: str | None, filters: dict[str, str]) -> np.ndarray:
        """Live documents of `kind` with every facet filter. An offering with no
        service cities serves every city; a demand with no modes accepts any."""
        result = self.live.copy()
        if kind:
            result &= self.mask("kind", kind)
        for fieldname, value in filters.items():
            m = self.mask(fieldname, value)
            if fieldname in ("city", "mode"):
                m = m | self.mask(fieldname, ANY)
            result &= m
        return result

    def counts(self, matches: np.ndarray, fieldname: str) -> dict[str, int]:
        """How many of `matches` have each value of the field."""
        any_mask = self.mask(fieldname, ANY) if fieldname in ("city", "mode") else None
        any_count = int(np.count_nonzero(matches & any_mask)) if any_mask is not None else 0
        out = {}
        for value in self.values(fieldname):
            if value == ANY:
                continue
            n = int(np.count_nonzero(matches & self.mask(fieldname, value))) + any_count
            if n:
                out[value] = n
        return out

    def any_of(self, terms: list[tuple[str, str]]) -> np.ndarray:
        """Documents with at least one of (field, term)."""
        m = np.zeros(self.size, dtype=bool)
        for fieldname, text in terms:
            ids, _w = self.postings(fieldname, text)
            m[ids] = True
        return m

    # ------------------------------------------------------------ scoring

    def bm25(self, terms: list[tuple[str, str, float]]) -> np.ndarray:
        """Scores of every document for weighted (field, term, boost), computed as
        Whoosh's BM25F does: the postings' weights already carry the field boost
        (title x3); a field without lengths scores its weight alone.

        A match adds up a hundred and more terms, some hundreds of thousands of
        postings at 100,000 listings, so two things are done once rather than per
        posting: each field's length normalisation, for every document (the same
        float32 operations on the same lengths: the same values), and indexing with
        the platform's integers (numpy converts int32 document numbers at every
        gather and scatter, which made indexing three times slower). `np.add.at`
        adds a term's weights in place, faster than a gather and a scatter, and the
        same sums: a term holds a document once."""
        scores = np.zeros(self.size, dtype=np.float32)
        schema = self.searcher.schema
        norms: dict[str, np.ndarray] = {}
        for fieldname, text, boost in terms:
            ids, tf = self.postings(fieldname, text)
            if not len(ids):
                continue
            ids = ids.astype(np.intp)
            if schema[fieldname].scorable:
                norm = norms.get(fieldname)
                if norm is None:
                    fl = self.lengths(fieldname)
                    norm = norms[fieldname] = K1 * ((1 - B) + B * fl / self.avg_length(fieldname))
                weights = (boost * self.idf(fieldname, text)) * (tf * (K1 + 1)) / (tf + norm[ids])
            else:
                weights = boost * tf
            np.add.at(scores, ids, weights)
        return scores


def top(scores: np.ndarray, allowed: np.ndarray, k: int, positive: bool = True) -> list[tuple[int, float]]:
    """The `k` best (docnum, score) among allowed documents (with a score above 0
    when `positive`), best first; ties broken by document number (deterministic)."""
    if k <= 0:
        return []
    candidates = np.flatnonzero(allowed & (scores > 0) if positive else allowed)
    if not len(candidates):
        return []
    values = scores[candidates]
    if len(candidates) > k:
        cut = np.argpartition(-values, k - 1)[:k]
        # Keep every document tied with the k-th, so the tie-break is by docnum.
        threshold = values[cut].min()
        keep = values >= threshold
        candidates, values = candidates[keep], values[keep]
    order = np.lexsort((candidates, -values))[:k]
    return [(int(candidates[i]), float(values[i])) for i in order]
