"""gunicorn started plainly (`gunicorn -w 1 wsgi:app`, as the acceptance check does)
preloads the application: the master loads jieba, the templates and the search
index before forking; tests and `flask` commands do not pay for it."""

from __future__ import annotations

import os
import re
import tempfile
import urllib.request

from marketplace.warmup import under_gunicorn
from tests.support.database import fresh_database
from tests.support.live import start_gunicorn, stop


def test_tests_and_commands_do_not_warm_up(monkeypatch):
    monkeypatch.delenv("MARKETPLACE_WARMUP", raising=False)
    assert not under_gunicorn()
    monkeypatch.setenv("MARKETPLACE_WARMUP", "1")
    assert under_gunicorn()


def test_the_gunicorn_master_warms_up_before_forking():
    env = dict(
        os.environ,
        DATABASE_URL=fresh_database("warmup"),
        SEARCH_INDEX_DIR=tempfile.mkdtemp(prefix="rsm-index-warmup-"),
        SECRET_KEY="warmup-test",
        PYTHONUNBUFFERED="1",
    )
    env.pop("MARKETPLACE_ENV", None)
    env.pop("MARKETPLACE_WARMUP", None)
    process, url, log = start_gunicorn(env, workers=1)
    try:
        with urllib.request.urlopen(url + "/search?q=%E7%84%8A%E6%8E%A5", timeout=30) as r:  # noqa: S310
            assert r.status == 200
    finally:
        stop(process)
    found = re.search(r"warmed up in process (\d+) before forking: \{'jieba'", log.read_text())
    assert found, log.read_text()
    assert int(found.group(1)) == process.pid  # the master, not a worker
