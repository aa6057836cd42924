"""Public pages served from a cache while nothing they show has changed.

An anonymous GET of a public list page (home, the two lists, search, showcase and
their API lists) or of a need's page is looked up by (path and query, language, Accept, *version*)
before the view runs. The version is one SELECT over what such pages show, made
of parts the features declare (`add_version_part`): the search index feed's
newest change (every demand, offering, organization, their tags and prices), the
pilots' newest change and count, the attachments' newest id and count, the deal
responses' newest change and count. Any
change to any of them makes a new version, so on any host a cached page is never
staler than `PAGE_CACHE_VERSION_SECONDS` (one second: a hit reads the version
from the store, and the store reads it from the database at most that often);
entries also expire after `PAGE_CACHE_SECONDS` (relative dates, "new" badges).

Features keep costly values of their own under the same version (`recall` and
`keep`): the matcher's lists, which change only when a listing does, are computed
once per version instead of on every view of a demand page; rendered fragments of
signed-in pages (`kept_html`: the match sections, a need's body for viewers outside
its organization, the responses section officials see) likewise. A browser's read request looks them up under the
store's version (at most `PAGE_CACHE_VERSION_SECONDS` old, as anonymous pages do),
except in the seconds after that visitor's own last write (a mark in the session
cookie, `_WROTE_AT`), so members see their own changes at once; API clients with a
token, write requests and jobs always use the database's current version.

Requests with a session cookie or an API token, other methods, and responses
that are not 200 or that set a cookie are never cached. The store is cachelib's
(Pallets): in each worker's memory by default (`PAGE_CACHE=memory`), shared in
Redis past one machine (`PAGE_CACHE=redis://…`), or off (`PAGE_CACHE=off`; the
default under TESTING, where tests that need it turn it on)."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, g, has_app_context, has_request_context, request, session
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.sql import Select

from ..db import READ_METHODS, WRITE_METHODS, get_session

log = logging.getLogger("marketplace.pagecache")

# Endpoints whose anonymous GET may be served from the cache.
CACHED_ENDPOINTS = frozenset(
    {
        "main.home",
        "listings.demands",
        "listings.offerings",
        # A need's page shows the need, its organization and attachments (all in the
        # version); an offering's page is not kept: its free units change with bookings.
        "listings.demand_detail",
        "search.search",
        "showcase.index",
        "api.demands",
        "api.offerings",
        "api.showcase",
    }
)
_HEADERS_KEPT = ("Content-Type", "Content-Language", "Vary", "Cache-Control")

VersionPart = Callable[[], Select]
_VERSION_READ = "marketplace.page_version"  # in the request's environ: read once per request
_WROTE_AT = "wrote_at"  # in the session: when this visitor's last write request ended (unix time)


def add_version_part(app: Flask, part: VersionPart) -> None:
    """Declare a scalar SELECT whose value changes whenever something a cached page
    shows changes (called once per version, in one statement with the others)."""
    app.extensions.setdefault("page_version_parts", []).append(part)


def _store(app: Flask):
    setting = str(app.config.get("PAGE_CACHE") or ("off" if app.config.get("TESTING") else "memory"))
    if setting == "off":
        return None
    seconds = int(app.config.get("PAGE_CACHE_SECONDS", 300))
    if setting.startswith(("redis://", "rediss://", "unix://")):
        import redis
        from cachelib import RedisCache

        client = redis.Redis.from_url(setting)
        return RedisCache(host=client, default_timeout=seconds, key_prefix="marketplace-page:")
    from cachelib import SimpleCache

    return SimpleCache(threshold=int(app.config.get("PAGE_CACHE_ENTRIES", 500)), default_timeout=seconds)


def _version() -> str:
    """What the cached pages show, as one string: one statement, compiled once per
    application and dialect, run on the request's own connection (once per GET: a
    request that writes reads it again after its own changes)."""
    reads_only = has_request_context() and request.method in READ_METHODS
    if reads_only and _VERSION_READ in request.environ:
        return request.environ[_VERSION_READ]
    version = _read_version()
    if reads_only:
        request.environ[_VERSION_READ] = version
    return version


def _shared_version() -> str:
    """The version for an anonymous page: read from the database at most once per
    `PAGE_CACHE_VERSION_SECONDS` (default 1; 0 under TESTING) by each store (each
    worker's memory, or Redis for all hosts), so that a page served from the cache
    costs no query. An anonymous visitor may therefore see a change up to that long
    after it was made; signed-in members, who make the changes, never see
    cached pages."""
    store = current_app.extensions.get("page_cache")
    seconds = _version_seconds()
    if store is None or seconds <= 0:
        return _version()
    try:
        version = store.get("version")
    except Exception:
        log.exception("the page cache could not be read")
        return _version()
    if version is None:
        version = _version()
        try:
            store.set("version", version, timeout=seconds)
        except Exception:
            log.exception("the page cache could not store the version")
    return version


def _with_token() -> bool:
    """Does the request carry credentials of its own (an API token)?"""
    return request.authorization is not None or "Authorization" in request.headers


def _version_seconds() -> int:
    return int(current_app.config.get("PAGE_CACHE_VERSION_SECONDS", 0 if current_app.testing else 1))


def _viewer_version() -> str:
    """The version a kept value is looked up under: the store's for a browser's read
    request (see the module's text), the database's for anyone who may just have
    changed something."""
    if not has_request_context() or request.method not in READ_METHODS or _with_token():
        return _version()
    wrote_at = session.get(_WROTE_AT)
    if isinstance(wrote_at, int | float) and time.time() - wrote_at <= _version_seconds() + 1:
        return _version()
    return _shared_version()


def _read_version() -> str:
    connection = get_session().connection()
    dialect = connection.dialect.name
    compiled = current_app.extensions.setdefault("page_version_sql", {})
    sql = compiled.get(dialect)
    if sql is None:
        parts = current_app.extensions.get("page_version_parts", [])
        if not parts:
            return ""
        statement = select(*[p().scalar_subquery() for p in parts])
        sql = compiled[dialect] = str(
            statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
        )
    return "|".join(str(v) for v in connection.exec_driver_sql(sql).one())


def _value_key(name: str) -> str:
    return (
        "value:" + hashlib.sha256(f"{name}\n{_viewer_version()}".encode("utf-8", "surrogatepass")).hexdigest()
    )


def recall(name: str) -> tuple[str | None, Any]:
    """A value kept under `name` (see `keep`) while nothing the version covers has
    changed: `(key, value)`, value None when nothing is kept; key None when the
    cache is off (then `keep` does nothing)."""
    store = current_app.extensions.get("page_cache") if has_app_context() else None
    if store is None:
        return None, None
    key = _value_key(name)
    try:
        return key, store.get(key)
    except Exception:  # an unreachable cache: computed as if nothing were kept
        log.exception("the page cache could not be read")
        return key, None


def keep(key: str | None, value: Any) -> None:
    """Keep `value` (picklable, not None) under the key `recall` gave."""
    store = current_app.extensions.get("page_cache") if has_app_context() else None
    if key is None or store is None:
        return
    try:
        store.set(key, value)
    except Exception:  # a cache that cannot store must never fail the caller
        log.exception("the page cache could not store a value")


def holds(name: str) -> bool:
    """True when a value is kept under `name` for the current version (not read)."""
    store = current_app.extensions.get("page_cache") if has_app_context() else None
    if store is None:
        return False
    try:
        return bool(store.has(_value_key(name)))
    except Exception:  # an unreachable cache holds nothing
        log.exception("the page cache could not be read")
        return False


def kept_html(
    name: str, render: Callable[[], str], only_if: Callable[[], bool] | None = None
) -> Markup | None:
    """A fragment of a page kept rendered under `name` for the current version:
    `render()`'s output, rendered once per version (and kept only when `only_if()`
    holds, if given); None when the cache is off (the page then renders it itself)."""
    key, html = recall(name)
    if key is None:
        return None
    if html is None:
        html = str(render())
        if only_if is None or only_if():
            keep(key, html)
    return Markup(html)  # noqa: S704 (our own template's output)


def _cacheable() -> bool:
    if request.method not in READ_METHODS or request.endpoint not in CACHED_ENDPOINTS:
        return False
    if _with_token():
        return False
    return current_app.config["SESSION_COOKIE_NAME"] not in request.cookies


def _key() -> str:
    from ..i18n import select_locale

    version = _shared_version()
    raw = "\n".join((request.full_path, select_locale(), request.headers.get("Accept", "")[:200], version))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def init_app(app: Flask) -> None:
    app.extensions["page_cache"] = _store(app)  # None: off

    @app.before_request
    def _serve_cached():
        store = current_app.extensions.get("page_cache")
        if store is None or not _cacheable():
            return None
        key = _key()
        g.page_cache_key = key
        try:
            hit = store.get(key)
        except Exception:  # an unreachable cache serves the page as if it were empty
            log.exception("the page cache could not be read")
            hit = None
        if hit is None:
            return None
        body, headers = hit
        response = Response(b"" if request.method == "HEAD" else body, status=200)
        for name, value in headers:
            response.headers[name] = value
        response.headers["X-Page-Cache"] = "hit"
        return response

    @app.after_request
    def _mark_writes(response: Response) -> Response:
        # A signed-in visitor's write: their next pages read the database's version.
        if (
            app.extensions.get("page_cache") is not None
            and request.method in WRITE_METHODS
            and response.status_code < 400
            and current_user.is_authenticated
        ):
            session[_WROTE_AT] = round(time.time(), 1)
        return response

    @app.after_request
    def _keep(response: Response) -> Response:
        key = g.pop("page_cache_key", None)
        store = current_app.extensions.get("page_cache")
        if key is None or store is None or response.headers.get("X-Page-Cache") == "hit":
            return response
        if response.status_code != 200 or "Set-Cookie" in response.headers or response.direct_passthrough:
            return response
        if request.method != "GET" or session.modified:  # e.g. a CSRF token made for this visitor
            return response
        headers = [(n, response.headers[n]) for n in _HEADERS_KEPT if n in response.headers]
        try:
            store.set(key, (response.get_data(), headers))
        except Exception:  # a cache that cannot store must never fail the page
            log.exception("the page cache could not store a page")
        response.headers["X-Page-Cache"] = "miss"
        return response
