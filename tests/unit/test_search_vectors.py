"""The vectorised evaluation agrees with Whoosh: the same BM25F scores, the same
documents for AND and OR, deleted documents never counted, across segments."""

from __future__ import annotations

import numpy as np
import pytest
from whoosh import query as wq

from marketplace.search import documents, vectors
from marketplace.search.index import SearchIndex

DOCS = [
    ("巡检机器人", "防爆巡检，化工园区罐区巡检", "emergency"),
    ("四足巡检机器人", "户外巡检，雨天可用", "emergency"),
    ("搬运机器人", "线边物料转运，料箱搬运", "manufacturing"),
    ("焊接工作站", "弧焊、点焊，巡检焊缝", "manufacturing"),
    ("配送机器人", "医院药品配送", "healthcare"),
]


def doc(i: int, title: str, body: str, domain: str) -> dict:
    return {
        "key": f"o{i}",
        "kind": "offering",
        "rid": i,
        "title": title,
        "body": body,
        "domain": domain,
        "city": documents.ANY,
        "mode": "lease",
        "category": "robot",
    }


@pytest.fixture
def idx():
    index = SearchIndex(None, in_memory=True)
    index.rebuild_from_db = None
    index._open()
    index.needs_rebuild = False
    # Three commits: three segments (merging small segments is Whoosh's choice).
    index.write([doc(i, *d) for i, d in enumerate(DOCS[:2], 1)])
    index.write([doc(i, *d) for i, d in enumerate(DOCS[2:4], 3)])
    index.write([doc(5, *DOCS[4])])
    return index


def whoosh_scores(s, q) -> dict[int, float]:
    return {h.docnum: h.score for h in s.search(q, limit=None)}


def test_bm25_equals_whoosh_bm25f(idx):
    terms = [("title", "巡检", 2.0), ("body", "巡检", 2.0), ("body", "罐区", 1.0), ("title", "搬运", 1.0)]
    with idx.searcher() as s:
        v = vectors.Vectors(s)
        mine = v.bm25(terms)
        theirs = whoosh_scores(s, wq.Or([wq.Term(f, t, boost=b) for f, t, b in terms]))
        assert set(np.flatnonzero(mine)) == set(theirs)
        for d, score in theirs.items():
            assert mine[d] == pytest.approx(score, rel=1e-5)
        ranked = vectors.top(mine, v.live, 2)
        assert [d for d, _s in ranked] == sorted(theirs, key=lambda d: (-theirs[d], d))[:2]


def test_masks_equal_whoosh_and_or_and_deletions_are_not_counted(idx):
    idx.write([], delete_keys=["o2"])
    with idx.searcher() as s:
        v = vectors.Vectors(s)
        body_patrol = v.any_of([("title", "巡检"), ("body", "巡检")]) & v.live
        expected = {
            h.docnum for h in s.search(wq.Or([wq.Term("title", "巡检"), wq.Term("body", "巡检")]), limit=None)
        }
        assert set(np.flatnonzero(body_patrol)) == expected
        keys = {s.stored_fields(d)["key"] for d in np.flatnonzero(body_patrol)}
        assert keys == {"o1", "o4"}, "the deleted document is not counted"
        assert v.counts(v.live, "domain") == {"emergency": 1, "manufacturing": 2, "healthcare": 1}
        assert sorted(int(r) for r in v.column("rid")[v.live]) == [1, 3, 4, 5]


def test_top_breaks_ties_by_document_number():
    scores = np.array([1.0, 2.0, 2.0, 0.5, 2.0], dtype=np.float32)
    allowed = np.array([True, True, True, True, False])
    assert vectors.top(scores, allowed, 2) == [(1, 2.0), (2, 2.0)]
    assert vectors.top(scores, allowed, 0) == []
    assert [d for d, _s in vectors.top(np.zeros(5, np.float32), allowed, 3, positive=False)] == [0, 1, 2]


def test_prepare_reads_ahead_what_every_search_needs(idx, monkeypatch):
    """After `prepare` (the feed poller's, on each new searcher), the facets, the
    lengths and the columns are read: a search reads only its own words."""
    with idx.searcher() as s:
        v = vectors.Vectors(s)
        v.prepare()
        assert v.prepared
        read: list[tuple[str, str]] = []
        real = vectors._read_postings
        monkeypatch.setattr(vectors, "_read_postings", lambda r, f, t: read.append((f, t)) or real(r, f, t))
        monkeypatch.setattr(
            vectors.CACHE, "_postings", type(vectors.CACHE._postings)()
        )  # the reads of a new worker
        cold = vectors.Vectors(s)
        cold.counts(cold.filter_mask("offering", {"domain": "emergency"}), "domain")
        assert ("domain", "emergency") in read, "without prepare, the first search reads the facets"
        read.clear()
        v.counts(v.filter_mask("offering", {"domain": "emergency"}), "domain")
        v.bm25([("title", "巡检", 1.0)])
        v.column("payload")
        assert set(read) == {("title", "巡检")}, "one read per segment of the search's own word only"


def test_the_feed_poller_prepares_the_current_searcher(app, make):
    """`prepare_searcher` (each pass of the feed poller) leaves the index's current
    arrays prepared, and prepares again once a save makes a new searcher."""
    from marketplace.search import prepare_searcher
    from marketplace.search.service import vectors as current_vectors

    make.offering(make.org(side="supply"), ref="off-prep-a", title="巡检机器人")
    with app.app_context():
        with current_vectors() as v:
            assert not v.prepared
        prepare_searcher()
        with current_vectors() as v:
            assert v.prepared
        make.offering(make.org(side="supply"), ref="off-prep-b", title="搬运机器人")
        with current_vectors() as v:
            assert not v.prepared, "a save opened a new searcher"
        prepare_searcher()
        with current_vectors() as v:
            assert v.prepared and v.mask("kind", "offering").sum() == 2


@pytest.mark.parametrize("in_memory", [True, False], ids=["memory", "file"])
def test_field_lengths_read_as_one_array_equal_whooshs_own(tmp_path, in_memory):
    """A segment's field lengths are read from its length column in one go; they
    are what Whoosh gives document by document (long texts included: the column
    keeps a log scale)."""
    index = SearchIndex(None if in_memory else tmp_path / "ix", in_memory=in_memory)
    index.rebuild_from_db = None
    index._open()
    index.needs_rebuild = False
    long_body = "巡检 " * 400 + "搬运"
    index.write([doc(i, *d) for i, d in enumerate(DOCS, 1)] + [doc(9, "长文", long_body, "energy")])
    index.write([doc(10, "配送", "", "healthcare")])  # an empty body
    longest = 0.0
    with index.searcher() as s:
        for sub, _offset in s.leaf_searchers():
            reader = sub.reader()
            n = reader.doc_count_all()
            for fieldname in ("title", "body"):
                fast = vectors._stored_lengths(reader, fieldname, n)
                assert fast is not None, "the one-array path applies to Whoosh 3 segments"
                slow = [reader.doc_field_length(d, fieldname, 0) or 0 for d in range(n)]
                assert fast.tolist() == [float(x) for x in slow]
            longest = max(longest, float(vectors._stored_lengths(reader, "body", n).max()))
    assert longest > 400, "the long body's length is read (on the column's log scale)"


def test_postings_decoded_by_block_equal_whooshs_own_over_many_blocks():
    """`_read_postings` decodes a posting block with numpy: over several blocks of
    delta-coded ids, with varying weights (a text field) and with none (a code
    field), it gives Whoosh's own postings, document by document."""
    index = SearchIndex(None, in_memory=True)
    index.rebuild_from_db = None
    index._open()
    index.needs_rebuild = False
    docs = []
    for i in range(1, 700):  # a few blocks of postings per word
        title, body, domain = DOCS[i % len(DOCS)]
        docs.append(doc(i, title * (1 + i % 3), body, domain))
    index.write(docs)
    with index.searcher() as s:
        reader = s.reader()
        for field, term in (
            ("title", "巡检"),
            ("body", "巡检"),
            ("kind", "offering"),
            ("domain", "emergency"),
        ):
            theirs = reader.postings(field, term)
            want_ids, want_weights = [], []
            while theirs.is_active():
                want_ids.append(theirs.id())
                want_weights.append(theirs.weight())
                theirs.next()
            ids, weights = vectors._read_postings(reader, field, term)
            assert len(want_ids) > 128, (field, term)
            assert ids.tolist() == want_ids
            assert weights.tolist() == pytest.approx(want_weights)
