"""Public pages from the page cache: an anonymous visitor's second view of a list
is served without running the view, any change to what such pages show is seen
at once, and nobody signed in (or with a token) ever gets a cached page."""

from __future__ import annotations

import os

import pytest
from cachelib import SimpleCache

from tests.support.auth import login, sign_in, signed_in


def _get(client, path, **kw):
    r = client.get(path, **kw)
    assert r.status_code == 200, path
    return r


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/demands",
        "/offerings?domain=manufacturing",
        "/search?q=焊接",
        "/showcase",
        "/api/v1/offerings",
        "/demands/dem-cache",
    ],
)
def test_the_second_anonymous_view_is_served_from_the_cache(app, make, page_cache, path):
    make.offering(make.org(side="supply"), ref="off-cache", title="焊接机器人工作站", domain="manufacturing")
    make.demand(make.org(side="demand"), ref="dem-cache", title="焊接工位缺人")
    client = app.test_client()
    first = _get(client, path)
    second = _get(client, path)
    assert (first.headers["X-Page-Cache"], second.headers["X-Page-Cache"]) == ("miss", "hit")
    assert second.get_data() == first.get_data()
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert (
        "X-Request-Id" in second.headers and second.headers["X-Request-Id"] != first.headers["X-Request-Id"]
    )
    assert "Set-Cookie" not in second.headers


def test_a_change_to_a_listing_is_seen_at_once(app, make, page_cache, db):
    org = make.org(side="supply")
    offering = make.offering(org, ref="off-cache-a", title="巡检机器人甲型")
    client = app.test_client()
    _get(client, "/offerings")
    assert _get(client, "/offerings").headers["X-Page-Cache"] == "hit"
    offering.title = "巡检机器人乙型"
    db.commit()
    fresh = _get(client, "/offerings")
    assert fresh.headers["X-Page-Cache"] == "miss" and "巡检机器人乙型" in fresh.get_data(as_text=True)
    make.offering(org, ref="off-cache-b", title="新上架的配送机器人")
    assert "新上架的配送机器人" in _get(client, "/offerings").get_data(as_text=True)
    org.name = "改名后的机器人公司"
    db.commit()
    assert "改名后的机器人公司" in _get(client, "/offerings").get_data(as_text=True)


def test_a_need_page_is_kept_for_visitors_and_changes_with_its_need(app, make, page_cache, db):
    need = make.demand(make.org(side="demand"), ref="dem-cache-b", title="冷库分拣")
    client = app.test_client()
    _get(client, "/demands/dem-cache-b")
    assert _get(client, "/demands/dem-cache-b").headers["X-Page-Cache"] == "hit"
    need.title = "冷库分拣与搬运"
    db.commit()
    assert "冷库分拣与搬运" in _get(client, "/demands/dem-cache-b").get_data(as_text=True)
    need.status = "closed"
    db.commit()
    assert client.get("/demands/dem-cache-b").headers.get("X-Page-Cache") != "hit", (
        "closed: not the kept page"
    )
    make.offering(make.org(side="supply"), ref="off-cache-c", title="巡检机器人")
    client.get("/offerings/off-cache-c")
    assert "X-Page-Cache" not in client.get("/offerings/off-cache-c").headers, (
        "an offering's page is never kept"
    )


def test_pilots_and_photos_change_the_version_of_the_pages_that_show_them(app, make, page_cache, db):
    from marketplace.pagecache import _read_version

    with app.test_request_context("/"):
        v0 = _read_version()
        pilot = make.pilot("approved")
        db.commit()
        v1 = _read_version()
        pilot.title = "改过标题的示范项目"
        db.commit()
        v2 = _read_version()
        make.attachment("offering", pilot.offering, kind="photo")
        db.commit()
        v3 = _read_version()
    assert len({v0, v1, v2, v3}) == 4


def test_a_hit_reads_the_version_at_most_once_a_second(app, make, page_cache, db, monkeypatch):
    """Outside tests the version is kept a second in the store: a hit costs no
    query, and a change is seen once that second has passed (the store's clock is
    moved, not waited for)."""
    import cachelib.simple
    from sqlalchemy import event

    monkeypatch.setitem(app.config, "PAGE_CACHE_VERSION_SECONDS", 1)
    now = cachelib.simple.time()
    monkeypatch.setattr(cachelib.simple, "time", lambda: now)  # the store's clock stands still
    org = make.org(side="supply")
    offering = make.offering(org, ref="off-cache-sec", title="巡检机器人甲型")
    client = app.test_client()
    _get(client, "/offerings")
    statements: list[str] = []
    engine = db.get_bind()
    record = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", record)
    try:
        hit = _get(client, "/offerings")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert hit.headers["X-Page-Cache"] == "hit" and statements == []
    offering.title = "巡检机器人乙型"
    db.commit()
    assert "巡检机器人甲型" in _get(client, "/offerings").get_data(as_text=True), "within the second"
    monkeypatch.setattr(cachelib.simple, "time", lambda: now + 2)
    fresh = _get(client, "/offerings")
    assert fresh.headers["X-Page-Cache"] == "miss" and "巡检机器人乙型" in fresh.get_data(as_text=True)


def test_kept_values_follow_the_stores_version_but_never_hide_ones_own_write(
    app, make, page_cache, db, monkeypatch
):
    """A browser's read request looks kept values up under the store's version (as
    anonymous pages do: a change by someone else shows once it expires), but a
    visitor who has just written, an API token, and a write request always look
    them up under the database's current version."""
    import time

    import cachelib.simple
    from flask import session

    from marketplace.pagecache import _WROTE_AT, keep, recall

    monkeypatch.setitem(app.config, "PAGE_CACHE_VERSION_SECONDS", 60)
    org = make.org(side="supply")
    offering = make.offering(org, ref="off-cache-kept", title="巡检机器人甲型")
    _get(app.test_client(), "/offerings")  # the version is now kept for a minute
    with app.test_request_context("/"):
        key, value = recall("a list")
        assert value is None
        keep(key, ["old"])
        assert recall("a list")[1] == ["old"]
    offering.title = "巡检机器人乙型"
    db.commit()
    with app.test_request_context("/"):
        assert recall("a list")[1] == ["old"], "another visitor: the store's version, until it expires"
    with app.test_request_context("/"):
        session[_WROTE_AT] = time.time()
        assert recall("a list")[1] is None, "the visitor who just wrote"
    with app.test_request_context("/", headers={"Authorization": "Bearer x"}):
        assert recall("a list")[1] is None, "an API client"
    with app.test_request_context("/", method="POST"):
        assert recall("a list")[1] is None, "a write request"
    now = cachelib.simple.time()
    monkeypatch.setattr(cachelib.simple, "time", lambda: now + 61)
    with app.test_request_context("/"):
        assert recall("a list")[1] is None, "the store's version expired"


def test_a_signed_in_write_marks_the_session_and_an_anonymous_or_failed_one_does_not(app, make, page_cache):
    from marketplace.pagecache import _WROTE_AT

    member = make.member(make.org(side="supply"))
    client = app.test_client()
    bad = login(client, member, "not the password")
    assert bad.status_code != 302
    with client.session_transaction() as s:
        assert _WROTE_AT not in s
    sign_in(client, member)
    with client.session_transaction() as s:
        assert time_ago(s[_WROTE_AT]) < 5


def time_ago(t: float) -> float:
    import time

    return time.time() - t


def test_a_signed_in_view_of_kept_fragments_reads_no_version_when_its_visitor_has_not_written(
    app, make, page_cache, db, monkeypatch
):
    from sqlalchemy import event

    from marketplace.pagecache import _WROTE_AT

    monkeypatch.setitem(app.config, "PAGE_CACHE_VERSION_SECONDS", 60)
    make.demand(make.org(side="demand"), ref="dem-cache-sig", title="焊接工位缺人")
    client = signed_in(app, make.official())
    engine = app.extensions["db_engine"]

    def versions_read() -> int:
        statements: list[str] = []
        record = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", record)
        try:
            _get(client, "/demands/dem-cache-sig")
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return sum("max(pilots.updated_at)" in q for q in statements)

    assert versions_read() == 1, "just signed in (a write): the database's version"
    with client.session_transaction() as s:
        s[_WROTE_AT] = time_ago(0) - 120  # longer ago than the store keeps its version (60 s)
    _get(client, "/demands/dem-cache-sig")  # the store's version, kept for a minute from here
    assert versions_read() == 0
    with client.session_transaction() as s:
        s[_WROTE_AT] = time_ago(0)
    assert versions_read() == 1, "just wrote: the database's version"


def test_signed_in_visitors_and_api_tokens_never_get_a_cached_page(app, make, page_cache):
    org = make.org(side="supply")
    make.offering(org, ref="off-cache-own", title="焊接机器人")
    member = make.member(org)
    anon = app.test_client()
    _get(anon, "/offerings")
    assert _get(anon, "/offerings").headers["X-Page-Cache"] == "hit"
    client = signed_in(app, member)
    r = _get(client, "/offerings")
    assert "X-Page-Cache" not in r.headers and member.email in r.get_data(as_text=True)
    token = make.token(member)
    r = _get(app.test_client(), "/api/v1/offerings", headers={"Authorization": f"Bearer {token}"})
    assert "X-Page-Cache" not in r.headers


def test_each_language_has_its_own_page(app, make, page_cache):
    make.offering(make.org(side="supply"), ref="off-cache-lang", title="焊接机器人")
    client = app.test_client()
    zh = _get(client, "/demands").get_data(as_text=True)
    en = _get(client, "/demands?lang=en").get_data(as_text=True)
    assert zh != en and 'lang="en"' in en and 'lang="zh-CN"' in zh
    assert _get(client, "/demands?lang=en").headers["X-Page-Cache"] == "hit"
    assert 'lang="zh-CN"' in _get(client, "/demands").get_data(as_text=True)


def test_errors_and_other_methods_are_not_kept(app, page_cache):
    client = app.test_client()
    assert client.get("/api/v1/offerings?sort=nonsense").status_code == 400
    r = client.get("/api/v1/offerings?sort=nonsense")
    assert r.status_code == 400 and "X-Page-Cache" not in r.headers
    assert len(page_cache._cache) == 0  # noqa: SLF001  (nothing stored)


def test_off_by_default_in_tests_and_memory_otherwise():
    from flask import Flask

    from marketplace.pagecache import _store

    app = Flask(__name__)
    app.config.update(TESTING=True)
    assert _store(app) is None
    app.config.update(TESTING=False)
    assert isinstance(_store(app), SimpleCache)
    app.config.update(PAGE_CACHE="off")
    assert _store(app) is None


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def test_a_redis_store_is_shared_by_every_worker(app, make):
    import redis
    from cachelib import RedisCache
    from flask import Flask

    from marketplace.pagecache import _store

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis server answers at {REDIS_URL}")
    config = Flask(__name__)
    config.config.update(TESTING=False, PAGE_CACHE=REDIS_URL, PAGE_CACHE_SECONDS=60)
    store = _store(config)
    assert isinstance(store, RedisCache)
    store.key_prefix = f"test-{os.getpid()}-page:"  # this run's own keys
    before = app.extensions.get("page_cache")
    app.extensions["page_cache"] = store
    try:
        make.offering(make.org(side="supply"), ref="off-cache-redis", title="焊接机器人")
        first = _get(app.test_client(), "/demands")
        second = _get(app.test_client(), "/demands")  # another client: the same shared entry
        assert (first.headers["X-Page-Cache"], second.headers["X-Page-Cache"]) == ("miss", "hit")
    finally:
        store.clear()
        app.extensions["page_cache"] = before
