"""Concurrent writers and sign-ins through gunicorn (issue 11 part 4): 8 API writers
and 4 sign-in loops on a database file of its own (SQLite by default, PostgreSQL
when the suite runs there). Every answer is a success or a deliberate 4xx: no
5xx, no refused connection, no "database is locked"; an idempotent retry returns
the first record. Bounded; `bench/bench_writes.py` runs the same load longer and
reports figures."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT, fresh_database

pytestmark = pytest.mark.slow

sys.path.insert(0, str(ROOT / "bench"))


def test_writers_and_sign_ins_get_no_server_error():
    import bench_writes

    url = fresh_database("write_load")
    result = bench_writes.run(url, writers=8, logins=4, duration=12, workers=3)
    assert not result.errors, "\n".join(result.errors[:10])
    assert not result.duplicates, result.duplicates
    assert result.statuses["create"][201] >= 8, dict(result.statuses["create"])
    signed_in = result.statuses["sign-in"]
    assert signed_in[302] >= 1 and set(signed_in) <= {302, 401, 429}, dict(signed_in)
