"""Schemathesis against the served OpenAPI document (/api/v1/openapi.json), with a
vendor's token and without one, on whichever database the suite runs on: no
server error and no answer that breaks the document (status codes, content
types, headers and bodies as documented). Bounded: a few examples per operation.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from marketplace.accounts import services as accounts

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
EXAMPLES = 12
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases every run: a failure here is reproducible
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def served_schema(app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.fixture
def vendor_token(make, db):
    """A member of a supply-and-demand organization with an offering and a demand,
    so reads and writes reach real records."""
    org = make.org(side="both")
    user = make.member(org)
    make.offering(org, ref="off-st-1")
    make.demand(org, ref="dem-st-1")
    return accounts.issue_token(db, user, "schemathesis")


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
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as err:  # noqa: BLE001 (collect them all, then fail once)
            first = str(err).strip().splitlines()
            failures.append(f"{operation.label}: {' | '.join(first[:6])[:600]}")
    return failures


def test_with_a_token(served_schema, vendor_token):
    failures = _run_all(served_schema, {"Authorization": f"Bearer {vendor_token}"})
    assert not failures, "\n".join(failures)


def test_without_a_token(served_schema):
    failures = _run_all(served_schema, None)
    assert not failures, "\n".join(failures)
