"""Full-text search over demands, offerings and organizations (Whoosh + jieba).

`init_app` binds one `SearchIndex` per application and installs the change feed
(`feed.py`: a row per changed record, written in the record's transaction). Each
process applies the feed past its index's watermark after its own commits, before
a search when it is behind, and every SEARCH_FEED_POLL_SECONDS in a background
thread, so every host stays current from the database alone. It also adds the
`reindex` command and the /search page."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from flask import Flask, current_app, has_app_context

from ..db import get_session
from . import analysis, documents, feed
from .index import IndexUnavailable, SearchIndex
from .schema import key_of

log = logging.getLogger("marketplace.search")

__all__ = ["IndexUnavailable", "SearchIndex", "index_records", "init_app", "make_index", "sync_organizations"]

FEED_POLL_SECONDS = 1.0


def init_app(app: Flask) -> None:
    from sqlalchemy import func, select

    from ..listings.hooks import on_listings_changed
    from ..pagecache import add_version_part
    from . import jobs  # noqa: F401  (declares the daily pruning of the feed)
    from .cli import reindex_cmd, reread_listings_cmd
    from .readings import install as read_listings_when_written
    from .views import bp

    feed.install()
    read_listings_when_written()
    idx = make_index(app)
    app.extensions["search"] = idx

    def _listings_changed(demand_ids: list[int], offering_ids: list[int]) -> None:
        catch_up(app.extensions["search"])  # this host sees its own saves at once

    on_listings_changed(app, _listings_changed)
    # Every change to a listing or an organization writes a feed row: public pages' version.
    add_version_part(app, lambda: select(func.max(feed.IndexChange.id)))
    app.register_blueprint(bp)
    app.cli.add_command(reindex_cmd)
    app.cli.add_command(reread_listings_cmd)

    if not app.config.get("TESTING") and app.config.get("SEARCH_FEED_POLL", True):

        @app.before_request
        def _start_feed_poller() -> None:
            start_poller(app)


def catch_up(idx: SearchIndex, timeout: float | None = None) -> bool:
    """Apply the feed to `idx`; False when it could not now (busy, being rebuilt,
    failing). The changes stay in the feed, so nothing is lost: the next pass applies them."""
    from whoosh.index import LockError

    try:
        idx.catch_up(timeout=timeout)
    except (LockError, IndexUnavailable) as err:
        log.info("search index not caught up now (%s); the next pass will", type(err).__name__)
        return False
    except Exception:
        log.exception("applying the change feed to the search index failed; it will be retried")
        with_session_rollback()
        return False
    return True


def prepare_searcher(caught_up: bool = False) -> None:
    """Open the index's current searcher and read what every request needs from it
    (`Vectors.prepare`), unless that is done already: after a reindex or a fork,
    the poller pays for it instead of the next request. `caught_up`: the feed was
    applied just before."""
    from .service import vectors

    try:
        with vectors(caught_up=caught_up) as v:
            if not v.prepared:
                v.prepare()
    except IndexUnavailable:
        pass  # being rebuilt: the requests fall back meanwhile
    except Exception:
        log.exception("the search index's arrays could not be read ahead")


def with_session_rollback() -> None:
    import contextlib

    with contextlib.suppress(Exception):
        get_session().rollback()


_pollers: dict[int, tuple[int, threading.Thread, threading.Event]] = {}
_pollers_lock = threading.Lock()


def start_poller(app: Flask) -> None:
    """One thread per process that applies the feed every SEARCH_FEED_POLL_SECONDS
    (started on the first request, so after gunicorn forks its workers)."""
    pid = os.getpid()
    with _pollers_lock:
        running = _pollers.get(id(app))
        if running is not None and running[0] == pid and running[1].is_alive():
            return
        interval = float(app.config.get("SEARCH_FEED_POLL_SECONDS", FEED_POLL_SECONDS))
        stop = threading.Event()
        thread = threading.Thread(target=_poll, args=(app, interval, stop), name="search-feed", daemon=True)
        _pollers[id(app)] = (pid, thread, stop)
        thread.start()


def stop_pollers(timeout: float = 30.0) -> None:
    """Stop this process's feed pollers and wait for them: before the folders and
    databases they read go (a test run's end), a poller finding its index gone
    would start rebuilding it from a database that is gone too."""
    with _pollers_lock:
        running = list(_pollers.values())
        _pollers.clear()
    for _pid, _thread, stop in running:
        stop.set()
    for _pid, thread, _stop in running:
        thread.join(timeout)


def _poll(app: Flask, interval: float, stop: threading.Event) -> None:
    from ..health import metrics

    while not stop.is_set():
        started = time.monotonic()
        with app.app_context():
            idx: SearchIndex = app.extensions["search"]
            if catch_up(idx, timeout=interval):
                try:
                    count, age = idx.lag()
                    metrics.set_index_lag(count, age)
                except Exception:
                    log.debug("index lag not measured", exc_info=True)
                prepare_searcher(caught_up=True)
            jobs = app.extensions.get("jobs")
            if jobs is not None:
                metrics.set_queue_depth(jobs.pending())
            with_session_rollback()
        stop.wait(max(0.05, interval - (time.monotonic() - started)))


def make_index(app: Flask, **overrides) -> SearchIndex:
    """The application's index from its configuration (SEARCH_INDEX_DIR,
    SEARCH_INDEX_IN_MEMORY, SEARCH_LOCK_TIMEOUT, SEARCH_REBUILD_IN_BACKGROUND),
    reading documents through the application's session."""
    cfg = {**app.config, **overrides}
    in_memory = bool(cfg.get("SEARCH_INDEX_IN_MEMORY"))
    if os.path.isdir(app.instance_path) and os.access(app.instance_path, os.W_OK):
        analysis.configure(app.instance_path)
    idx = SearchIndex(
        cfg.get("SEARCH_INDEX_DIR") or str(Path(app.instance_path) / "search-index"),
        in_memory=in_memory,
        lock_timeout=float(cfg.get("SEARCH_LOCK_TIMEOUT", 5.0)),
        background_rebuild=bool(cfg.get("SEARCH_REBUILD_IN_BACKGROUND", True)),
        procs=int(cfg.get("SEARCH_REINDEX_PROCS", 1)),
    )
    idx.loader = lambda keys: documents.load(get_session(), keys)
    idx.session_getter = get_session
    idx.rebuild_from_db = lambda in_thread: _rebuild_from_db(app, idx, in_thread)
    return idx


def _rebuild_from_db(app: Flask, idx: SearchIndex, in_thread: bool) -> int:
    """Every document from the database into the index (CLEAR commit).

    In a background thread it opens its own app context (and so its own session)
    and writes with one process; otherwise it reads through the caller's session,
    which must not be removed, and writes with the index's `procs` (a command that
    waits for it, such as `import-data` into a fresh site, uses the machine's cores)."""
    if in_thread or not has_app_context():
        with app.app_context():
            # Another worker may be rebuilding: wait for it, then find it done.
            session = get_session()
            state = feed.start_state(session)
            return idx.rebuild(
                documents.all_documents(session), procs=1, timeout=900, force=False, state=state
            )
    session = get_session()
    state = feed.start_state(session)
    shares = None if idx.in_memory else documents.shares_for(session, idx.procs)
    return idx.rebuild(documents.all_documents(session), force=False, state=state, shares=shares)


def index_records(demand_ids=(), offering_ids=(), org_ids=()) -> bool:
    """Bring these records' documents up to date now (after the commit that changed
    them). Listings normally go through `listings.hooks.after_listings_changed`."""
    idx: SearchIndex = current_app.extensions["search"]
    return idx.update(
        [key_of("demand", i) for i in demand_ids]
        + [key_of("offering", i) for i in offering_ids]
        + [key_of("org", i) for i in org_ids]
    )


def sync_organizations(force: bool = False) -> None:
    """Bring the index up to date with the change feed (organizations are in it
    like listings: the feed's listener sees every flush)."""
    idx: SearchIndex = current_app.extensions["search"]
    if idx.rebuilding and not force:
        return
    catch_up(idx, timeout=0.5)
