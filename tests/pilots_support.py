"""Kept for imports written before `tests/support` (use `tests.support.pilots` and
`make.user`): everything here goes through the support package."""

from tests.support.factories import Factory
from tests.support.pilots import PLAN, PairWorld, install_fake_matcher, pair_world, walk  # noqa: F401


def quick_user(session, role: str = "member", org=None, login: bool = False, make=None, **kw):
    """An account made by the accounts services (as `make.user`)."""
    return (make or Factory(session)).user(role, org, **kw)
