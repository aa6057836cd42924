"""The index: after-commit updates, one long-lived searcher refreshed only when the
index changed (and then exact: no duplicates, no deleted or stale documents), the
writer lock timeout, rebuilding a missing, truncated or half-written index, a
commit that fails half-way, and in-memory indexes of two processes side by side."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from whoosh.index import LockError

from marketplace import create_app
from marketplace.db import get_session
from marketplace.listings.hooks import after_listings_changed
from marketplace.search import documents, make_index, service
from marketplace.search.index import INDEX_NAME, SearchIndex
from tests.support.database import fresh_database

ROOT = Path(__file__).resolve().parent.parent.parent


def keys(app) -> set[str]:
    return app.extensions["search"].keys()


def found(db, text: str, kind: str = "offering") -> set[str]:
    return {h.record.ref for h in service.search(db, text, kind).hits}


@pytest.fixture
def file_index(app, tmp_path):
    """The test app with an index on disk (rebuilt in the request, not in a thread)."""
    idx = make_index(
        app,
        SEARCH_INDEX_IN_MEMORY=False,
        SEARCH_INDEX_DIR=str(tmp_path / "ix"),
        SEARCH_REBUILD_IN_BACKGROUND=False,
        SEARCH_LOCK_TIMEOUT=0.2,
    )
    app.extensions["search"] = idx
    return idx


def test_the_index_is_built_from_the_database_on_first_use_with_public_records_only(app, db, make):
    org = make.org(side="both", name="甬江智造")
    live = make.offering(org, ref="off-live", title="防爆巡检四足机器人")
    make.offering(org, ref="off-gone", title="防爆巡检轮式机器人", status="withdrawn")
    make.offering(org, ref="off-draft", title="防爆巡检草稿", status="draft")
    open_d = make.demand(org, ref="dem-open", title="罐区巡检需求")
    make.demand(org, ref="dem-closed", title="罐区巡检旧需求", status="closed")
    assert found(db, "防爆 巡检") == {"off-live"}
    assert keys(app) == documents.expected_keys(db)
    assert f"o{live.id}" in keys(app) and f"d{open_d.id}" in keys(app) and f"g{org.id}" in keys(app)


def test_changes_reach_the_index_after_commit_and_the_searcher_stays_exact(app, db, make):
    org = make.org(side="supply")
    a = make.offering(org, ref="off-a", title="焊接机器人工作站")
    idx = app.extensions["search"]
    assert found(db, "焊接") == {"off-a"}
    with idx.searcher() as first:
        pass
    with idx.searcher() as again:
        assert again is first, "unchanged index: the same searcher is reused"

    b = make.offering(org, ref="off-b", title="激光焊接人形机器人")
    after_listings_changed([], [b.id])
    assert found(db, "焊接") == {"off-a", "off-b"}
    with idx.searcher() as refreshed:
        assert refreshed is not first

    a.title, a.description = "喷涂机器人", "汽车件喷涂。"
    db.flush()
    after_listings_changed([], [a.id])
    b.status = "withdrawn"
    db.flush()
    after_listings_changed([], [b.id])
    assert found(db, "焊接") == set(), "no stale or deleted document after refresh"
    assert found(db, "喷涂") == {"off-a"}
    for _ in range(3):  # saved again and again: still one document
        after_listings_changed([], [a.id])
    assert sorted(k for k in keys(app) if k.startswith("o")) == [f"o{a.id}"]
    assert keys(app) == documents.expected_keys(db)


def test_a_locked_index_does_not_block_the_save_and_the_feed_repairs_it(app, db, make, file_index):
    org = make.org(side="supply")
    make.offering(org, ref="off-1", title="巡检机器人")
    assert found(db, "巡检") == {"off-1"}
    mark = file_index.feed_state().mark
    other_writer = file_index._open().writer()  # another worker holds the lock
    try:
        new = make.offering(org, ref="off-2", title="管廊巡检机器人")
        after_listings_changed([], [new.id])  # returns: the save is not blocked
        assert file_index.feed_state().mark == mark, "not applied while locked"
        assert file_index.lag()[0] >= 1, "the change waits in the feed, not in memory"
    finally:
        other_writer.cancel()
    # The next search applies what the feed holds past the watermark.
    assert found(db, "巡检") == {"off-1", "off-2"}
    assert file_index.lag()[0] == 0 and file_index.feed_state().mark > mark


def test_writes_wait_for_the_lock_up_to_the_timeout(app, file_index):
    file_index._open()
    holder = file_index._open().writer()
    try:
        with pytest.raises(LockError):
            file_index.write([{"key": "g1", "kind": "org", "rid": 1, "title": "x", "body": ""}], timeout=0.1)
    finally:
        holder.cancel()
    file_index.write([{"key": "g1", "kind": "org", "rid": 1, "title": "x", "body": ""}], timeout=0.1)


def test_a_deleted_index_is_rebuilt_without_an_error(app, db, make, client, file_index, tmp_path):
    make.offering(ref="off-x", title="消毒机器人")
    assert found(db, "消毒") == {"off-x"}
    file_index.reset()
    for name in os.listdir(tmp_path / "ix"):
        os.unlink(tmp_path / "ix" / name)
    response = client.get("/search?q=消毒")
    assert response.status_code == 200 and "off-x" in response.get_data(as_text=True)
    assert keys(app) == documents.expected_keys(db)


def test_a_truncated_index_file_is_rebuilt_without_an_error(app, db, make, client, file_index, tmp_path):
    make.offering(ref="off-y", title="配送机器人")
    assert found(db, "配送") == {"off-y"}
    file_index.reset()
    from marketplace.search import vectors

    vectors.CACHE.__init__()  # a new worker: nothing read yet
    for path in (tmp_path / "ix").iterdir():
        if path.name.startswith(INDEX_NAME) and path.suffix in (".seg", ".trm", ".pst"):
            path.write_bytes(path.read_bytes()[:20])
    response = client.get("/search?q=配送")
    assert response.status_code == 200
    response = client.get("/search?q=配送")  # rebuilt by now
    assert "off-y" in response.get_data(as_text=True)
    assert keys(app) == documents.expected_keys(db)


WRITER = textwrap.dedent("""
    import sys
    from marketplace.search.index import SearchIndex

    idx = SearchIndex(sys.argv[1], lock_timeout=10.0, background_rebuild=False)
    idx.rebuild_from_db = None
    worker, count = int(sys.argv[2]), int(sys.argv[3])
    for n in range(count):  # one commit per save, as the after-commit hook does
        rid = worker * 1000 + n
        idx.write([{"key": f"g{rid}", "kind": "org", "rid": rid, "title": f"机构{rid}", "body": "巡检"}])
    print("ok")
""")


@pytest.mark.slow
def test_several_processes_write_one_at_a_time_and_none_fails(tmp_path):
    """What two or more gunicorn workers do: each commits its own saves. With the
    lock timeout every write waits its turn; none is lost."""
    folder = tmp_path / "ix"
    idx = SearchIndex(str(folder), background_rebuild=False)
    idx.rebuild_from_db = None
    idx.rebuild([])  # an empty, complete index
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), str(w), "15"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for w in range(1, 4)
    ]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0 and out.strip() == b"ok", err.decode()[-2000:]
    idx.reset()
    assert idx.keys() == {f"g{w * 1000 + n}" for w in range(1, 4) for n in range(15)}


def test_a_table_of_contents_removed_by_another_commit_while_opening_is_no_broken_index(
    tmp_path, monkeypatch
):
    """A worker opening the index lists its folder, then reads the newest table of
    contents; another worker's commit may have replaced and removed that file in
    between. That is a commit in progress, not a broken index: the worker looks
    again under the write lock and keeps every document (it used to wipe them)."""
    from whoosh.filedb.filestore import FileStorage

    folder = tmp_path / "ix"
    first = SearchIndex(str(folder), background_rebuild=False)
    first.rebuild_from_db = None
    first.rebuild([{"key": "g1", "kind": "org", "rid": 1, "title": "机构1", "body": "巡检"}])
    real_open = FileStorage.open_file
    vanished = []

    def open_file(self, name, *args, **kwargs):
        if name.endswith(".toc") and not vanished:
            vanished.append(name)
            raise FileNotFoundError(name)  # removed by another process's commit just now
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(FileStorage, "open_file", open_file)
    worker = SearchIndex(str(folder), background_rebuild=False)
    worker.rebuild_from_db = None
    assert worker.keys() == {"g1"} and vanished
    assert not worker.needs_rebuild


KILLER = textwrap.dedent("""
    import json, os, signal, sys
    from marketplace import create_app
    from marketplace.db import get_session
    from marketplace.interchange.importer import import_data
    from marketplace.search import documents

    app = create_app({"DATABASE_URL": sys.argv[1], "SEARCH_INDEX_DIR": sys.argv[2],
                      "SEARCH_INDEX_IN_MEMORY": False, "SEARCH_REBUILD_IN_BACKGROUND": False})
    with app.app_context():
        session = get_session()
        result = import_data(session, json.load(open("seeds/demo.json", encoding="utf-8")))
        assert result.ok, result.problems
        session.commit()

        def dying():
            for n, doc in enumerate(documents.all_documents(session)):
                if n == 40:
                    os.kill(os.getpid(), signal.SIGKILL)  # killed mid-way, lock held
                yield doc

        app.extensions["search"].rebuild(dying(), procs=1)
""")


@pytest.mark.slow
def test_indexing_killed_mid_way_is_detected_and_reindex_repairs_it(tmp_path):
    url = fresh_database("search_kill")
    index_dir = tmp_path / "ix"
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, url, str(index_dir)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]

    app = create_app(
        {
            "DATABASE_URL": url,
            "SEARCH_INDEX_DIR": str(index_dir),
            "SEARCH_INDEX_IN_MEMORY": False,
            "SEARCH_REBUILD_IN_BACKGROUND": True,
            "TESTING": True,
        }
    )
    runner = app.test_cli_runner()
    with app.app_context():
        checked = runner.invoke(args=["reindex", "--check"])
        assert checked.exit_code == 1 and "missing" in checked.output, checked.output
    with app.app_context():
        repaired = runner.invoke(args=["reindex", "--procs", "1"])
        assert repaired.exit_code == 0, repaired.output
        expected = len(documents.expected_keys(get_session()))
        assert f"reindexed {expected} documents" in repaired.output
    with app.app_context():
        checked = runner.invoke(args=["reindex", "--check"])
        assert checked.exit_code == 0 and "none missing, none extra" in checked.output, checked.output
    with app.app_context():
        hits = service.search(get_session(), "冲压 上下料", "demand").hits
        assert "dem-nb-stamping-loading" in {h.record.ref for h in hits}
    app.extensions["db_engine"].dispose()


def test_an_index_another_process_is_writing_is_busy_never_wiped(tmp_path):
    """A worker that cannot read the index while another process holds its write
    lock (a commit replacing segments, a rebuild) says it is busy: it deletes none
    of the files (the writer's temporary files live there too) and flags no rebuild."""
    from whoosh.filedb.filestore import FileStorage

    from marketplace.search.index import IndexUnavailable

    folder = tmp_path / "ix"
    first = SearchIndex(str(folder), background_rebuild=False)
    first.rebuild_from_db = None
    first.rebuild([{"key": "g1", "kind": "org", "rid": 1, "title": "机构一", "body": "巡检"}])
    for path in folder.iterdir():
        if path.name.startswith(INDEX_NAME) and path.suffix in (".seg", ".trm", ".pst"):
            path.write_bytes(path.read_bytes()[:20])  # what a reader can meet mid-commit
    before = sorted(p.name for p in folder.iterdir())
    lock = FileStorage(str(folder)).lock(f"{INDEX_NAME}_WRITELOCK")
    assert lock.acquire(blocking=False)
    try:
        other = SearchIndex(str(folder), lock_timeout=0.2, background_rebuild=False)
        other.rebuild_from_db = None
        with pytest.raises(LockError):
            other._open()
        with pytest.raises(IndexUnavailable), other.searcher():
            pass
        assert sorted(p.name for p in folder.iterdir()) == before, "nothing deleted while a writer holds it"
        assert not other.needs_rebuild
    finally:
        lock.release()
    # Once the writer is gone, a broken index is replaced as before.
    other._open()
    assert other.needs_rebuild


def _memory_index(lock_timeout: float = 5.0) -> SearchIndex:
    idx = SearchIndex(None, in_memory=True, lock_timeout=lock_timeout)
    idx.rebuild_from_db = None
    idx._open()
    idx.needs_rebuild = False
    return idx


def _doc(n: int, title: str) -> dict:
    return {
        "key": f"o{n}",
        "kind": "offering",
        "rid": n,
        "title": title,
        "body": title,
        "domain": "manufacturing",
        "city": documents.ANY,
        "mode": "lease",
        "category": "robot",
    }


def _title_query(word: str):
    from whoosh import query as wq

    return wq.Term("title", word)


def test_in_memory_indexes_keep_their_temporary_files_apart():
    """Whoosh writes an in-memory index's columns through one folder of the machine's
    temporary directory, the same for every process, and each writer empties it when
    it finishes: two processes' indexes (two suites, two evaluations at once) must
    not delete each other's files half-way through a commit."""
    a, b = _memory_index(), _memory_index()
    writer = a._writer()  # its column files are open now
    writer.add_document(**_doc(1, "防爆巡检机器人"))
    b.write([_doc(2, "洗地机器人")])  # another index commits (and cleans up) meanwhile
    writer.commit()
    with a.searcher() as s:
        assert {h["key"] for h in s.search(_title_query("巡检"))} == {"o1"}
    root = a._open().storage._temp_root
    assert os.listdir(root) == [], "each writer removes its temporary folder"


def test_a_rebuild_whose_commit_fails_releases_the_lock(monkeypatch):
    """A commit that fails half-way (a disk error) raises, and leaves the index
    writable: the next rebuild does not wait for a lock nobody holds."""
    from marketplace.search import index as index_module

    idx = _memory_index(lock_timeout=0.2)
    real = index_module._BulkWriter._commit_toc
    calls = []

    def failing_once(self, segments):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk full")
        return real(self, segments)

    monkeypatch.setattr(index_module._BulkWriter, "_commit_toc", failing_once)
    with pytest.raises(OSError):
        idx.rebuild([_doc(1, "防爆巡检机器人")])
    assert idx.rebuild([_doc(1, "防爆巡检机器人"), _doc(2, "巡检四足")]) == 2
    with idx.searcher() as s:
        assert {h["key"] for h in s.search(_title_query("巡检"))} == {"o1", "o2"}


def test_stopped_feed_pollers_end_and_a_later_request_starts_a_new_one(app):
    """`search.stop_pollers` (a run's end, before its folders go) ends the poller
    threads and forgets them: the next `start_poller` starts a fresh one."""
    import threading

    from marketplace import search

    app.config["SEARCH_FEED_POLL_SECONDS"] = 0.05
    search.start_poller(app)
    first = [t for t in threading.enumerate() if t.name == "search-feed"]
    assert first
    search.stop_pollers(timeout=10)
    assert not any(t.is_alive() for t in first)
    search.start_poller(app)
    again = [t for t in threading.enumerate() if t.name == "search-feed" and t not in first]
    assert again and all(t.is_alive() for t in again)
    search.stop_pollers(timeout=10)
    assert not any(t.is_alive() for t in again)
