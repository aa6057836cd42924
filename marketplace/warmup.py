"""Load before gunicorn forks what every worker needs on its first request.

jieba's dictionary (about 1.3 s and 70 MB), the compiled templates, the search
index's modules and files and the arrays every search reads are loaded once in the master and shared by the forked
workers (copy-on-write), instead of once per worker on its first request.
`wsgi.py` calls `warm` when imported by a gunicorn master (`preload_app`, set in
`gunicorn.conf.py` and `deploy/gunicorn.conf.py`). Nothing here may leave a
connection, thread or open file behind for the workers to share."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time

from flask import Flask

log = logging.getLogger(__name__)


def under_gunicorn() -> bool:
    """True in a gunicorn process (not in tests, `flask` commands or scripts).
    MARKETPLACE_WARMUP=1 forces the warm-up, =0 turns it off."""
    forced = os.environ.get("MARKETPLACE_WARMUP")
    if forced in ("0", "1"):
        return forced == "1"
    return "gunicorn" in sys.modules and "gunicorn" in (sys.argv[0] or "")


def warm(app: Flask, freeze: bool = True) -> dict[str, float]:
    """Load jieba and the glossary, compile every template, open the search index
    and serve a few pages once; seconds each. `freeze`: keep what is loaded out of later garbage
    collections (for a process about to fork)."""
    took: dict[str, float] = {}
    start = time.perf_counter()
    from .search import analysis, glossary

    analysis.segmenter()
    analysis.terms("焊接机器人 welding robots")
    glossary.concepts_in("焊接机器人", "zh")  # reads glossary.json once, before the fork
    took["jieba"] = time.perf_counter() - start

    start = time.perf_counter()
    env = app.jinja_env
    names = [n for n in env.list_templates() if n.endswith((".html", ".txt", ".xml"))]
    for name in names:
        try:
            env.get_template(name)
        except Exception:  # a template that needs a missing extension still works on request
            log.debug("template %s not compiled ahead", name, exc_info=True)
    took["templates"] = time.perf_counter() - start

    start = time.perf_counter()
    idx = app.extensions.get("search")
    if idx is not None and not idx.in_memory:
        try:
            with idx._lock:
                # Imports Whoosh and reads the segment files (the page cache is shared);
                # each worker opens its own readers (the index reopens after a fork).
                idx._open()
        except Exception:
            log.warning("search index not opened ahead", exc_info=True)
    took["index"] = time.perf_counter() - start

    start = time.perf_counter()
    if idx is None or not idx.needs_rebuild:  # a rebuild belongs to a worker, not the master
        _warm_pages(app)
        # The index's field lengths, columns and facet postings, read into arrays kept
        # by segment (not by reader): the workers find them in their copy of the
        # master's memory, and their first searches do not read them.
        from .search import prepare_searcher

        with app.app_context():
            prepare_searcher()
    if idx is not None:
        idx.reset()  # the master's readers are closed; each worker opens its own
    took["pages"] = time.perf_counter() - start

    engine = app.extensions.get("db_engine")
    if engine is not None:
        engine.dispose()  # no pooled connection may be shared with the workers
    # What the master loaded stays out of the workers' garbage collections (a full
    # collection over jieba's dictionary takes 0.1 s) and its pages stay shared.
    if freeze:
        gc.collect()
        gc.freeze()
    return {name: round(seconds, 3) for name, seconds in took.items()}


WARM_PAGES = ("/", "/demands", "/offerings", "/search?q=焊接", "/api/v1/offerings")


def _warm_pages(app: Flask) -> None:
    """Serve a few pages once in each language: what they import, parse and compile
    on first use (Babel's catalogs and locale data, SQLAlchemy's compiled statements,
    lazily imported modules) is then in the master. The search feed's poller, a
    thread, is not started here (each worker starts its own)."""
    funcs = app.before_request_funcs.setdefault(None, [])
    saved = list(funcs)
    funcs[:] = [f for f in funcs if getattr(f, "__name__", "") != "_start_feed_poller"]
    try:
        client = app.test_client()
        for lang in app.config.get("LANGUAGES", ("zh", "en")):
            for path in WARM_PAGES:
                sep = "&" if "?" in path else "?"
                try:
                    client.get(f"{path}{sep}lang={lang}")
                except Exception:
                    log.warning("warm-up request %s failed", path, exc_info=True)
    finally:
        funcs[:] = saved
        session = app.extensions.get("db_session")
        if session is not None:
            session.remove()
