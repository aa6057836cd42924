"""The durable index feed: change rows written in the record's transaction, each
index's watermark, gaps left by transactions still in flight (PostgreSQL), hosts
that stay current from the database alone, and a `reindex` killed at any moment."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from marketplace import create_app
from marketplace.db import get_session
from marketplace.search import catch_up, documents, feed
from marketplace.search.feed import FeedState, IndexChange
from marketplace.search.index import INDEX_NAME, SearchIndex
from tests.conftest import fresh_database, is_postgres
from tests.factories import Factory

ROOT = Path(__file__).resolve().parent.parent.parent


def _keys(db, after: int = 0) -> list[str]:
    return list(db.scalars(select(IndexChange.key).where(IndexChange.id > after).order_by(IndexChange.id)))


def test_every_change_to_an_indexed_record_writes_a_row_in_its_transaction(db, make):
    start = feed.newest_id(db)
    org = make.org(side="supply", name="甬江测试机器人")
    offering = make.offering(org, ref="off-feed", title="巡检机器人")
    assert set(_keys(db, start)) >= {f"g{org.id}", f"o{offering.id}"}

    mark = feed.newest_id(db)
    offering.description = "新的说明"
    db.flush()
    assert _keys(db, mark) == [f"o{offering.id}"]

    mark = feed.newest_id(db)
    offering.status = "withdrawn"
    db.flush()
    assert _keys(db, mark) == [f"o{offering.id}"], "a withdrawal must reach every index"

    mark = feed.newest_id(db)
    org.name = "四明山机器人"
    db.flush()
    assert set(_keys(db, mark)) == {f"g{org.id}", f"o{offering.id}"}, "its listings carry its name"

    mark = feed.newest_id(db)
    make.user(org=org)  # not indexed: no row
    db.flush()
    assert _keys(db, mark) == []

    mark = feed.newest_id(db)
    nested = db.begin_nested()
    offering.title = "回滚的标题"
    db.flush()
    assert _keys(db, mark) == [f"o{offering.id}"]
    nested.rollback()
    assert _keys(db, mark) == [], "the row goes with the change when it is rolled back"


def test_reindex_sets_the_watermark_and_later_changes_are_applied_past_it(app, db, make, runner, tmp_path):
    from marketplace.search import make_index

    idx = make_index(app, SEARCH_INDEX_IN_MEMORY=False, SEARCH_INDEX_DIR=str(tmp_path / "ix"))
    app.extensions["search"] = idx
    org = make.org(side="supply")
    make.offering(org, ref="off-before", title="焊接机器人")
    result = runner.invoke(args=["reindex", "--procs", "1"])
    assert result.exit_code == 0, result.output
    assert idx.feed_state().mark == feed.newest_id(db)
    assert idx.lag() == (0, 0.0)

    later = make.offering(org, ref="off-after", title="焊接协作机器人")
    assert idx.lag()[0] >= 1
    assert catch_up(idx)
    indexed = idx.keys()
    assert f"o{later.id}" in indexed and idx.lag()[0] == 0
    assert idx.feed_state().mark == feed.newest_id(db)


def _host(url: str, folder: Path):
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "SEARCH_INDEX_IN_MEMORY": False,
            "SEARCH_INDEX_DIR": str(folder),
            "SEARCH_REBUILD_IN_BACKGROUND": False,
        }
    )


DIE_AFTER_COMMIT = textwrap.dedent("""
    import os, signal, sys
    from marketplace import create_app
    from marketplace.db import get_session
    from marketplace.listings.models import Offering

    app = create_app({"DATABASE_URL": sys.argv[1], "SEARCH_INDEX_DIR": sys.argv[2],
                      "SEARCH_INDEX_IN_MEMORY": False})
    with app.app_context():
        session = get_session()
        offering = session.scalar(__import__("sqlalchemy").select(Offering).where(Offering.ref == "off-host"))
        offering.title = "防爆巡检机器人 升级款"
        session.commit()
        os.kill(os.getpid(), signal.SIGKILL)  # dies before any index hears of it
""")


@pytest.mark.slow
def test_hosts_stay_current_from_the_database_alone_and_a_dead_worker_loses_nothing(tmp_path):
    url = fresh_database("feed_hosts")
    a, b = _host(url, tmp_path / "a"), _host(url, tmp_path / "b")
    try:
        with a.app_context():
            session = get_session()
            offering = Factory(session).offering(ref="off-host", title="巡检机器人 标准款")
            session.commit()
            a.extensions["search"].rebuild_from_db(False)
        with b.app_context():
            b.extensions["search"].rebuild_from_db(False)

        with a.app_context():  # saved through host A
            session = get_session()
            offering = session.get(type(offering), offering.id)
            offering.description = "化工园区 罐区 夜间巡检"
            session.commit()
        with b.app_context():  # host B has heard nothing but the database
            idx = b.extensions["search"]
            assert idx.lag()[0] >= 1
            assert catch_up(idx)
            with idx.searcher() as s:
                doc = s.document(key=f"o{offering.id}")
            assert doc is not None and idx.lag()[0] == 0

        killed = subprocess.run(
            [sys.executable, "-c", DIE_AFTER_COMMIT, url, str(tmp_path / "c")],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            timeout=120,
        )
        assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
        for host in (a, b):
            with host.app_context():
                from marketplace.search import service

                hits = service.search(get_session(), "升级款", "offering").hits
                assert [h.record.ref for h in hits] == ["off-host"], "the saved change reached every index"
                assert not service.search(get_session(), "升级款", "offering").unavailable
    finally:
        for host in (a, b):
            host.extensions["db_engine"].dispose()


@pytest.mark.skipif(not is_postgres(os.environ.get("DATABASE_URL", "")), reason="sequence gaps: PostgreSQL")
def test_a_change_committed_late_with_a_lower_id_is_not_skipped(engine):
    """PostgreSQL hands out ids when rows are inserted, not when they commit."""
    url = fresh_database("feed_gaps")
    from marketplace.db import make_engine

    eng = make_engine(url)
    try:
        slow, fast, reader = eng.connect(), eng.connect(), eng.connect()
        from sqlalchemy.orm import Session

        session = Session(bind=reader)
        state = FeedState(mark=feed.newest_id(session))
        session.rollback()
        slow_tx = slow.begin()
        slow_id = slow.execute(
            text("INSERT INTO index_changes (key, created_at) VALUES ('o1', now()) RETURNING id")
        ).scalar()
        with fast.begin():
            fast.execute(text("INSERT INTO index_changes (key, created_at) VALUES ('o2', now())"))
        batch = feed.next_batch(session, state)
        session.rollback()
        assert batch.keys == {"o2"} and slow_id in batch.state.gaps, "the lower id is kept as a gap"
        state = batch.state
        again = feed.next_batch(session, state)
        session.rollback()
        assert again.rows == 0 and slow_id in again.state.gaps, "still in flight: still waited for"
        slow_tx.commit()
        late = feed.next_batch(session, state)
        session.rollback()
        assert late.keys == {"o1"} and not late.state.gaps, "applied once it commits"

        rolled = slow.begin()
        lost = slow.execute(
            text("INSERT INTO index_changes (key, created_at) VALUES ('o3', now()) RETURNING id")
        ).scalar()
        with fast.begin():
            fast.execute(text("INSERT INTO index_changes (key, created_at) VALUES ('o4', now())"))
        batch = feed.next_batch(session, late.state)
        session.rollback()
        assert lost in batch.state.gaps
        rolled.rollback()
        done = feed.next_batch(session, batch.state)
        session.rollback()
        assert not done.state.gaps, "a rolled-back id is dropped once its transaction has ended"
        for conn in (slow, fast, reader):
            conn.close()
    finally:
        eng.dispose()


def test_a_missing_watermark_makes_the_index_rebuild_from_the_database(app, db, make, tmp_path):
    from marketplace.search import make_index, service

    idx = make_index(
        app,
        SEARCH_INDEX_IN_MEMORY=False,
        SEARCH_INDEX_DIR=str(tmp_path / "ix"),
        SEARCH_REBUILD_IN_BACKGROUND=False,
    )
    app.extensions["search"] = idx
    make.offering(ref="off-w", title="消毒机器人")
    assert [h.record.ref for h in service.search(db, "消毒", "offering").hits] == ["off-w"]
    (tmp_path / "ix" / "marketplace-feed-state").unlink()
    idx.reset()
    assert [h.record.ref for h in service.search(db, "消毒", "offering").hits] == ["off-w"]
    assert idx.feed_state() is not None and idx.keys() == documents.expected_keys(db)


# ---------------------------------------------------------------- a killed reindex


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def _lock_free(folder: Path) -> bool:
    from whoosh.filedb.filestore import FileStorage

    lock = FileStorage(str(folder)).lock(f"{INDEX_NAME}_WRITELOCK")
    if lock.acquire(blocking=False):
        lock.release()
        return True
    return False


@pytest.mark.slow
@pytest.mark.skipif(
    is_postgres(os.environ.get("DATABASE_URL", "")),
    reason="about processes and locks: run once, in the SQLite pass",
)
def test_a_reindex_killed_at_any_moment_leaves_no_process_and_no_lock_and_the_next_one_works(tmp_path):
    url = fresh_database("reindex_kill")
    folder = tmp_path / "ix"
    env = {**os.environ, "DATABASE_URL": url, "SEARCH_INDEX_DIR": str(folder), "PYTHONPATH": str(ROOT)}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    # Enough documents that the indexing children are started while the parent still
    # reads the database (Whoosh hands them 256 documents at a time).
    sys.path.insert(0, str(ROOT))
    from bench import synthetic

    data = {
        "format": "robot-scenario-marketplace/1",
        "organizations": synthetic.organizations(20),
        "demands": [],
        "offerings": synthetic.offerings(800, 20),
    }
    (tmp_path / "many.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    seeded = subprocess.run(
        [*flask, "import-data", str(tmp_path / "many.json")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert seeded.returncode == 0, seeded.stderr.decode()[-2000:]

    # Killed while starting, as soon as its indexing children exist, and while they index.
    for moment in ("start", "children", "children+0.3s"):
        proc = subprocess.Popen(
            [*flask, "reindex", "--procs", "2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        if moment != "start":
            deadline = time.monotonic() + 120
            while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            assert _children(proc.pid), "reindex --procs 2 started no indexing processes"
            if moment.endswith("s"):
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=0.3)
        delay = moment
        proc.send_signal(signal.SIGKILL)  # the parent only: its children must follow by themselves
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _group_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        orphaned = _group_alive(proc.pid)
        if orphaned:  # never leave them running, even when the test fails
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        assert not orphaned, f"killed at {delay}: a child process outlived reindex"
        if folder.exists():
            assert _lock_free(folder), f"killed at {delay}: the index's write lock is still held"

    done = subprocess.run(
        [*flask, "reindex", "--procs", "2"], cwd=ROOT, env=env, capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    checked = subprocess.run(
        [*flask, "reindex", "--check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert checked.returncode == 0 and "none missing, none extra" in checked.stdout, checked.stderr
    idx = SearchIndex(str(folder), background_rebuild=False)
    assert idx.feed_state() is not None


# ---------------------------------------------------------------- pruning


def _age_all(db, days: int) -> None:
    from datetime import timedelta

    from marketplace.db import utcnow

    db.execute(IndexChange.__table__.update().values(created_at=utcnow() - timedelta(days=days)))


def test_pruning_keeps_recent_changes_the_newest_row_and_a_tombstone(db, make):
    from datetime import timedelta

    from marketplace.db import utcnow

    org = make.org(side="supply")
    for i in range(3):
        make.offering(org, ref=f"off-old-{i}", title="旧的巡检机器人")
    _age_all(db, 30)
    old_newest = feed.newest_id(db)
    recent = make.offering(org, ref="off-recent", title="新的巡检机器人")
    kept = _keys(db, old_newest)
    assert f"o{recent.id}" in kept
    deleted = feed.prune(db, utcnow() - timedelta(days=14))
    assert deleted >= 3
    rows = db.execute(select(IndexChange.id, IndexChange.key).order_by(IndexChange.id)).all()
    assert rows[0] == (old_newest, feed.PRUNED), "the newest pruned row stays as the tombstone"
    assert [r.key for r in rows[1:]] == kept, "recent changes are untouched"
    assert feed.prune(db, utcnow() - timedelta(days=14)) == 0, "nothing more to prune"
    # Everything old, the newest row too: it is never deleted (SQLite would reuse its id).
    _age_all(db, 30)
    newest = feed.newest_id(db)
    feed.prune(db, utcnow())
    left = db.execute(select(IndexChange.id, IndexChange.key).order_by(IndexChange.id)).all()
    assert len(left) == 2 and left[0].key == feed.PRUNED and left[1].id == newest
    assert feed.newest_id(db) == newest


def test_an_index_behind_the_pruned_feed_rebuilds_and_a_current_one_goes_on(app, db, make, tmp_path):
    from datetime import timedelta

    from marketplace.db import utcnow
    from marketplace.search import make_index

    def index(name: str):
        return make_index(
            app,
            SEARCH_INDEX_IN_MEMORY=False,
            SEARCH_INDEX_DIR=str(tmp_path / name),
            SEARCH_REBUILD_IN_BACKGROUND=False,
        )

    current, behind = index("current"), index("behind")
    org = make.org(side="supply")
    first = make.offering(org, ref="off-p1", title="消毒机器人")
    assert catch_up(current) and catch_up(behind)
    missed = make.offering(org, ref="off-p2", title="配送机器人")
    catch_up(current)  # `behind` is offline for a month meanwhile
    _age_all(db, 30)
    make.offering(org, ref="off-p3", title="导诊机器人")
    assert feed.prune(db, utcnow() - timedelta(days=14)) > 0

    catch_up(current)
    assert {f"o{first.id}", f"o{missed.id}"} <= current.keys()
    catch_up(behind)  # it cannot read what it missed: it rebuilds from the database
    assert behind.keys() == documents.expected_keys(db)
    assert f"o{missed.id}" in behind.keys()  # noqa: SIM118 (a set of keys, not a dict)
    assert behind.feed_state().mark == feed.newest_id(db)


def test_the_feed_is_pruned_daily(runner):
    from marketplace.jobs import REGISTRY

    assert REGISTRY["prune-index-changes"].period == "day"
    result = runner.invoke(args=["jobs", "run", "prune-index-changes"])
    assert result.exit_code == 0, result.output
