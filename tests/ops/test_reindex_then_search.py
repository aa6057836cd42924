"""A reindex leaves the next request nothing to do but the changes made since: no
request re-indexes every organization (or anything else it did not change), a
renamed organization is found under its new name with only its document rewritten,
and a reindex split over several processes writes the same index as one process
(as `import-data` into a fresh site does)."""

from __future__ import annotations

import json

import pytest
from whoosh.writing import SegmentWriter

from marketplace import create_app
from marketplace.db import get_engine, get_session
from marketplace.interchange.importer import import_data
from marketplace.search import documents, make_index
from tests.conftest import ROOT, fresh_database


@pytest.fixture
def written(monkeypatch):
    """The keys of the documents Whoosh's writer adds from now on (in this process)."""
    keys: list[str] = []
    add = SegmentWriter.add_document

    def spy(self, **fields):
        keys.append(fields["key"])
        return add(self, **fields)

    monkeypatch.setattr(SegmentWriter, "add_document", spy)
    return keys


@pytest.fixture
def file_index(app, tmp_path):
    idx = make_index(
        app,
        SEARCH_INDEX_IN_MEMORY=False,
        SEARCH_INDEX_DIR=str(tmp_path / "ix"),
        SEARCH_REBUILD_IN_BACKGROUND=False,
    )
    app.extensions["search"] = idx
    return idx


def test_a_search_right_after_a_reindex_rewrites_only_what_changed_since(
    app, db, make, client, runner, file_index, request
):
    orgs = [make.org(name=f"四明机器人{n}号厂") for n in range(30)]
    make.offering(orgs[0], ref="off-weld", title="焊接机器人工作站")
    db.commit()
    result = runner.invoke(args=["reindex", "--procs", "1"])
    assert result.exit_code == 0, result.output
    assert f"reindexed {len(documents.expected_keys(db))} documents" in result.output

    keys = request.getfixturevalue("written")
    page = client.get("/search?q=四明机器人&kind=org")
    assert page.status_code == 200
    assert keys == [], f"the request re-indexed {len(keys)} document(s) nobody changed"
    page = client.get("/search?q=焊接")
    assert "off-weld" in page.get_data(as_text=True)
    assert keys == []

    orgs[7].name = "天一阁智能装备"
    db.commit()
    page = client.get("/search?q=天一阁&kind=org").get_data(as_text=True)
    assert orgs[7].ref in page, "found under its new name by the next search"
    assert keys == [f"g{orgs[7].id}"], "only the renamed organization is rewritten"
    client.get("/search?q=四明机器人&kind=org")
    assert keys == [f"g{orgs[7].id}"], "and nothing more by the search after"


def _postings_by_key(idx) -> set[tuple]:
    """Every posting, with the document's key in place of its number (which differs
    with the number of segments)."""
    out = set()
    with idx._open().searcher() as s:
        for segment_reader, _base in s.reader().leaf_readers():
            keys = {n: f["key"] for n, f in enumerate(segment_reader.all_stored_fields())}
            lengths = {}
            for fieldname, term, docnum, weight, value in segment_reader.iter_postings():
                key = keys[docnum]
                if fieldname in ("title", "body"):
                    lengths[(key, fieldname)] = segment_reader.doc_field_length(docnum, fieldname)
                out.add((fieldname, term, key, weight, value))
            out |= {("length", f, k, n) for (k, f), n in lengths.items()}
    return out


DEMO = ROOT / "seeds" / "demo.json"


def _site_of_its_own(name: str, index_dir, **config):
    """An application on a fresh database of its own with a file index at
    `index_dir` (not the shared test application inside its outer transaction:
    these tests fork indexing processes or dispose of the engine)."""
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": fresh_database(name),
            "SEARCH_INDEX_IN_MEMORY": False,
            "SEARCH_INDEX_DIR": str(index_dir),
            "SEARCH_REBUILD_IN_BACKGROUND": False,
            **config,
        }
    )


def _seed(session) -> None:
    seeded = import_data(session, json.loads(DEMO.read_text(encoding="utf-8")))
    assert seeded.ok, seeded.problems
    session.commit()


def test_a_reindex_split_over_processes_writes_what_one_process_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "_SHARE_CHUNK", 4)  # the demo data's few records make many pieces
    app = _site_of_its_own("reindex_shares", tmp_path / "one")
    with app.app_context():
        session = get_session()
        _seed(session)
        one = app.extensions["search"]
        count_one = one.rebuild(documents.all_documents(session), procs=1)
        three = make_index(app, SEARCH_INDEX_DIR=str(tmp_path / "three"))
        count_three = three.rebuild([], procs=3, shares=documents.shares(get_engine(), 3))
        assert count_one == count_three == len(documents.expected_keys(session))
        assert 1 <= len(three._open()._segments()) <= 3, "one segment per process that took a piece"
        assert one.keys() == three.keys()
        assert _postings_by_key(one) == _postings_by_key(three)
    app.extensions["db_engine"].dispose()


def test_import_data_into_a_fresh_site_builds_its_index_with_processes_as_reindex_does(tmp_path, monkeypatch):
    """A fresh site has no index: `import-data` builds it before it exits, split over
    the processes `SEARCH_REINDEX_PROCS` names, each writing the segment of the
    pieces it took (one process would write one segment)."""
    monkeypatch.setattr(documents, "_SHARE_CHUNK", 4)  # the demo data's few records make many pieces
    app = _site_of_its_own("import_shares", tmp_path / "ix", SEARCH_REINDEX_PROCS=3)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["import-data", str(DEMO)])
        assert result.exit_code == 0, result.output
        idx = app.extensions["search"]
        assert idx.keys() == documents.expected_keys(get_session()), "every record indexed before it exits"
        assert 2 <= len(idx._open()._segments()) <= 3, "one segment per process that took a piece"
    app.extensions["db_engine"].dispose()


def test_the_warm_up_reads_the_arrays_of_every_segment_for_the_workers(tmp_path):
    """The gunicorn master's warm-up leaves each segment's field lengths and columns
    in the arrays the forked workers inherit: their first search reads none. (An
    application of its own: the warm-up disposes of its engine's connections, which
    would drop the shared test application's outer transaction.)"""
    from marketplace.search import vectors
    from marketplace.warmup import warm

    app = _site_of_its_own("warm_arrays", tmp_path / "ix")
    with app.app_context():
        _seed(get_session())
        assert app.test_cli_runner().invoke(args=["reindex", "--procs", "1"]).exit_code == 0
    file_index = app.extensions["search"]
    file_index.reset()  # a process that has read nothing yet: no reader open,
    vectors.CACHE._lengths.clear()  # noqa: SLF001 (no array read)
    warm(app, freeze=False)
    with file_index.searcher() as s:
        segments = [vectors._segid(sub.reader()) for sub, _o in s.leaf_searchers()]  # noqa: SLF001
    assert segments
    for segid in segments:
        for key in (
            (segid, "title"),
            (segid, "body"),
            (segid, "#column", "rid"),
            (segid, "#column", "payload"),
        ):
            assert key in vectors.CACHE._lengths, key  # noqa: SLF001
    app.extensions["db_engine"].dispose()
