"""Kept for imports written before `tests/support`: the `api` fixture lives in
tests/conftest.py, the bodies in `tests/support/factories.py`."""

from tests.support.factories import demand_body, offering_body  # noqa: F401
