"""gunicorn started plainly (`gunicorn -w 1 wsgi:app`, as the acceptance check does)
preloads the application: the master loads jieba, the templates and the search
index before forking; tests and `flask` commands do not pay for it."""

from __future__ import annotations

import os
import re
import tempfile
import urllib.request
from pathlib import Path

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


def _private_kb(pid: int) -> int:
    """Memory only this process holds (not shared with the master or other workers)."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return fields["Private_Clean"] + fields["Private_Dirty"]


def _first_search_growth(warmup: str) -> int:
    """KB of private memory the only worker gains serving its first /search."""
    env = dict(
        os.environ,
        DATABASE_URL=fresh_database(f"warmup_mem{warmup}"),
        SEARCH_INDEX_DIR=tempfile.mkdtemp(prefix="rsm-index-warmup-"),
        SECRET_KEY="warmup-test",
        MARKETPLACE_WARMUP=warmup,
    )
    env.pop("MARKETPLACE_ENV", None)
    process, url, _log = start_gunicorn(env, workers=1)
    try:
        (worker,) = map(int, Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split())
        before = _private_kb(worker)
        with urllib.request.urlopen(url + "/search?q=%E7%84%8A%E6%8E%A5", timeout=60) as r:  # noqa: S310
            assert r.status == 200
        return _private_kb(worker) - before
    finally:
        stop(process)


def test_a_fresh_workers_first_search_does_not_load_jieba():
    """Measured in memory, not time: jieba's dictionary is about 70 MB, so a worker
    that had to load it on its first /search would gain that much private memory.
    Without the master's warm-up it does (the control: jieba, the templates and the
    modules the page imports, 80 to 120 MB); warmed, the worker gains only what is its
    own (its index readers and the vectors over them, pages written after the fork)."""
    warm = _first_search_growth("1")
    cold = _first_search_growth("0")
    # The control's figure varies with the machine (80-110 MB seen); what the warm-up
    # saves is jieba's dictionary, most of its 70 MB, whatever the rest costs.
    assert cold - warm > 50 * 1024, f"warm-up saved only {cold - warm} KB (cold {cold}, warm {warm})"
    assert warm < 50 * 1024, f"a warmed worker's first /search took {warm} KB of its own memory"
