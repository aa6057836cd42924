"""Kept for imports written before `tests/support`: the factories live in
`tests/support/factories.py` (add new factory methods there)."""

from tests.support.factories import MODES, PASSWORD, Factory, at, day  # noqa: F401
