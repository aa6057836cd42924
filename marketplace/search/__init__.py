"""Full-text search over demands, offerings and organizations (Whoosh + jieba).

`init_app` binds one `SearchIndex` per application, indexes listings after each
commit that changed them (never inside the transaction), adds the `reindex`
command and the /search page."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from flask import Flask, current_app, has_app_context

from ..db import get_session
from . import analysis, documents
from .index import IndexUnavailable, SearchIndex
from .schema import key_of

log = logging.getLogger("marketplace.search")

__all__ = ["IndexUnavailable", "SearchIndex", "index_records", "init_app", "make_index", "sync_organizations"]

ORG_SYNC_SECONDS = 30


def init_app(app: Flask) -> None:
    from ..listings.hooks import on_listings_changed
    from .cli import reindex_cmd
    from .views import bp

    idx = make_index(app)
    app.extensions["search"] = idx

    def _listings_changed(demand_ids: list[int], offering_ids: list[int]) -> None:
        idx = app.extensions["search"]
        idx.update([key_of("demand", i) for i in demand_ids] + [key_of("offering", i) for i in offering_ids])

    on_listings_changed(app, _listings_changed)
    app.register_blueprint(bp)
    app.cli.add_command(reindex_cmd)


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
    idx.rebuild_from_db = lambda in_thread: _rebuild_from_db(app, idx, in_thread)
    return idx


def _rebuild_from_db(app: Flask, idx: SearchIndex, in_thread: bool) -> int:
    """Every document from the database into the index (CLEAR commit).

    In a background thread it opens its own app context (and so its own session);
    otherwise it reads through the caller's session, which must not be removed."""
    if in_thread or not has_app_context():
        with app.app_context():
            # Another worker may be rebuilding: wait for it, then find it done.
            return idx.rebuild(documents.all_documents(get_session()), procs=1, timeout=900, force=False)
    return idx.rebuild(documents.all_documents(get_session()), procs=1, force=False)


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
    """Re-index organizations when any changed (by their newest `updated_at` and
    their count), checked at most every ORG_SYNC_SECONDS by each worker.

    Organizations change in the accounts feature (registration, verification),
    which has no after-commit hook of its own; they are few, so all are
    re-indexed when the watermark moves."""
    from sqlalchemy import func, select

    from ..accounts.models import Organization

    idx: SearchIndex = current_app.extensions["search"]
    now = time.monotonic()
    if idx.rebuilding or (not force and now - getattr(idx, "_org_checked", -1e9) < ORG_SYNC_SECONDS):
        return
    idx._org_checked = now
    session = get_session()
    newest, count = session.execute(
        select(func.max(Organization.updated_at), func.count(Organization.id))
    ).one()
    mark = f"{newest}|{count}"
    if mark == idx.org_mark():
        return
    ids = session.scalars(select(Organization.id)).all()
    if idx.update([key_of("org", i) for i in ids]):
        idx.set_org_mark(mark)
