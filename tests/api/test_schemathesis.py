"""Schemathesis against the served OpenAPI document: gunicorn on a database of its
own (SQLite file, or PostgreSQL when the suite runs there), the document fetched
from /api/v1/openapi.json, every operation exercised with a vendor's token and
without one. No server error and no answer that breaks the document (status
codes, content types, headers and bodies as documented). Bounded: a few
derandomized examples per operation (ST_EXAMPLES, default 8)."""

from __future__ import annotations

import os
import sys
import tempfile

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from tests.conftest import ROOT, fresh_database

pytestmark = pytest.mark.slow

sys.path.insert(0, str(ROOT / "bench"))

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
SETTINGS = settings(
    max_examples=int(os.environ.get("ST_EXAMPLES", "8")),
    deadline=None,
    derandomize=True,  # the same cases every run: a failure here is reproducible
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _prepare(url: str) -> str:
    """A member of a supply-and-demand organization with an offering (bookable) and
    a demand, so reads and writes reach real records. Returns the member's token."""
    from marketplace import create_app
    from marketplace.accounts import services as accounts
    from marketplace.bookings.models import BookingSettings
    from marketplace.db import get_session
    from tests.factories import Factory

    app = create_app({"DATABASE_URL": url, "SEARCH_INDEX_IN_MEMORY": True, "SECRET_KEY": "st"})
    with app.test_request_context():
        db = get_session()
        make = Factory(db)
        org = make.org(side="both", ref="org-st")
        user = make.member(org)
        make.offering(org, ref="off-st-1", modes=[{"mode": "sharing", "price": 100}])
        make.demand(org, ref="dem-st-1")
        db.add(BookingSettings(org_id=org.id, **{**BookingSettings.DEFAULTS, "min_lead_hours": 0}))
        token = accounts.issue_token(db, user, "schemathesis")
        db.commit()
    app.extensions["db_engine"].dispose()
    return token


@pytest.fixture(scope="module")
def served():
    """(schema, token) for a gunicorn serving a fresh database; stopped afterwards."""
    from bench_bookings import start_gunicorn

    url = fresh_database("schemathesis")
    env = dict(
        os.environ,
        DATABASE_URL=url,
        SECRET_KEY="st-secret",
        SEARCH_INDEX_DIR=tempfile.mkdtemp(prefix="rsm-st-index-"),
    )
    env.pop("MARKETPLACE_ENV", None)
    token = _prepare(url)
    process, base, _log = start_gunicorn(env, 2, 1)
    try:
        yield schemathesis.openapi.from_url(base + "/api/v1/openapi.json"), token
    finally:
        process.terminate()
        process.wait(timeout=30)


def _run_all(schema, headers: dict | None) -> list[str]:
    """Every operation with a few generated cases; the failures, one line each.
    (Schemathesis' own pytest plugin does not load under pytest 9, so the
    operations are walked here with Hypothesis directly.)"""
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @SETTINGS
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS, timeout=60)

        try:
            check()
        except Exception as err:  # noqa: BLE001 (collect them all, then fail once)
            lines = str(err).strip().splitlines()
            failures.append(f"{operation.label}: {' | '.join(lines[:8])[:800]}")
    return failures


def test_with_a_token(served):
    schema, token = served
    failures = _run_all(schema, {"Authorization": f"Bearer {token}"})
    assert not failures, "\n".join(failures)


def test_without_a_token(served):
    schema, _token = served
    failures = _run_all(schema, None)
    assert not failures, "\n".join(failures)
