"""The rebuild's bulk writer writes, byte for byte, the segment Whoosh's own writer
writes for the same documents: every posting block (ids, weights, stored
frequencies, length bounds), the term table, the field lengths, the stored fields
and the columns."""

from __future__ import annotations

import random

import pytest
from whoosh.filedb.filestore import FileStorage, RamStorage

from marketplace.search import analysis
from marketplace.search.index import _BulkWriter
from marketplace.search.schema import make_schema

WORDS = [
    "焊接",
    "机器人",
    "巡检",
    "搬运",
    "医院",
    "消防",
    "防爆",
    "洁净车间",
    "welding",
    "Robots",
    "2026",
    "，",
    " ",
]
CODES = ["manufacturing", "medical", "fire", "weld", "carry", "inspect", "explosive"]


def _documents(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        doc = {
            "key": f"o{i}",
            "kind": rng.choice(["offering", "demand", "org"]),
            "rid": i,
            "payload": rng.choice([None, 0.0, float(rng.randint(1, 40))]),  # a column's default, or none
            "title": "".join(rng.choices(WORDS, k=rng.randint(0, 6))),
            "body": "".join(rng.choices(WORDS, k=rng.randint(0, 300))),  # some words repeated many times
            "domain": " ".join(rng.sample(CODES[:3], k=rng.randint(1, 2))),
            "task": " ".join(rng.choices(CODES[3:6], k=rng.randint(0, 4))),  # repeats counted
            "env": rng.choice([None, "", "explosive"]),
        }
        docs.append({k: v for k, v in doc.items() if v is not None})
    return docs


def _segment_files(ix) -> dict[str, bytes]:
    (segment,) = ix._segments()
    storage = segment.open_compound_file(ix.storage)
    out = {}
    for name in storage.list():
        with storage.open_file(name) as f:
            out[name.split(".", 1)[1]] = f.read()
    # What the table of contents keeps of the segment: documents, each field's total length.
    out["(toc)"] = repr((segment.doc_count_all(), sorted(segment._fieldlengths.items()))).encode()
    return out


def _written(docs: list[dict], bulk: bool, folder=None) -> dict[str, bytes]:
    storage = FileStorage(str(folder)) if folder else RamStorage()
    ix = storage.create_index(make_schema(), indexname="listings")
    if bulk:
        writer = _BulkWriter(ix)
        for doc in docs:
            writer.add_document(**doc)
        writer.commit_segments([])
    else:
        writer = ix.writer()
        for doc in docs:
            writer.add_document(**doc)
        writer.commit()
    return _segment_files(ix)


def test_a_field_without_a_word_in_any_document_is_not_written():
    docs = [{"key": "o1", "kind": "offering", "title": "，", "body": "焊接机器人", "env": ""}]
    theirs, ours = _written(docs, bulk=False), _written(docs, bulk=True)
    assert ours == theirs


@pytest.mark.parametrize("n", [1, 300])  # 300: terms with more than one block of 128 postings
@pytest.mark.parametrize("on_disk", [False, True])
def test_the_bulk_writer_writes_what_whoosh_writes(n, on_disk, tmp_path):
    docs = _documents(n, seed=n)
    if on_disk:
        (tmp_path / "theirs").mkdir()
        (tmp_path / "ours").mkdir()
    theirs = _written(docs, bulk=False, folder=on_disk and tmp_path / "theirs")
    ours = _written(docs, bulk=True, folder=on_disk and tmp_path / "ours")
    assert sorted(ours) == sorted(theirs)
    for part in theirs:
        assert ours[part] == theirs[part], part


def test_term_counts_are_the_terms_counted():
    text = "焊接机器人在洁净车间焊接，Welding robots weld 2026 台 a"
    counts: dict[str, int] = {}
    for term in analysis.terms(text):
        counts[term] = counts.get(term, 0) + 1
    assert analysis.term_counts(text) == counts
    assert counts["焊接"] == 2 and "weld" in counts  # stemmed, as the query side is
    assert analysis.term_counts("") == {}
