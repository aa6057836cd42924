"""The access table: every route of the URL map, for every kind of visitor.

Each feature declares its rows in `tests/access_rules/<feature>.py`:

    from tests.access import Rule

    def prepare(world, make):          # optional: records the rules refer to
        world.refs["pilot_a"] = make.demand(world.org_a).ref

    RULES = [
        Rule("listings.demand_edit", "GET", "/demands/{demand_a}/edit",
             anon=302, owner=200, other=403, official=403, admin=403),
    ]

Paths are formatted with `world.refs`. The visitors: `anon` (signed out), `owner`
(member of organization A, which owns the records), `other` (member of
organization B), `official`, `admin`. A route of the URL map (other than
`static`) with no rule for each of its methods fails the walk.

The world is built once per run of the walk (`build_world`), committed in a
database of its own; each case runs in a transaction that is rolled back, so
what one case changes no other case sees."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field

VISITORS = ("anon", "owner", "other", "official", "admin")


@dataclass
class Rule:
    endpoint: str
    method: str
    path: str
    anon: int | tuple[int, ...]
    owner: int | tuple[int, ...]
    other: int | tuple[int, ...]
    official: int | tuple[int, ...]
    admin: int | tuple[int, ...]
    data: dict = field(default_factory=dict)
    json: dict | None = None

    def expected(self, visitor: str) -> tuple[int, ...]:
        value = getattr(self, visitor)
        return value if isinstance(value, tuple) else (value,)


@dataclass
class World:
    org_a: object = None
    org_b: object = None
    users: dict = field(default_factory=dict)
    refs: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)


def build_world(make, prepares) -> World:
    """Organizations A and B, one visitor of each kind with an API token, A's open
    and draft records, then what each feature's `prepare` adds."""
    w = World()
    w.org_a = make.org(side="both", ref="org-access-a")
    w.org_b = make.org(side="both", ref="org-access-b")
    w.users = {
        "owner": make.member(w.org_a, email="owner@access.test"),
        "other": make.member(w.org_b, email="other@access.test"),
        "official": make.official(email="official@access.test"),
        "admin": make.admin(email="admin@access.test"),
    }
    w.refs.update(
        org_a=w.org_a.ref,
        org_b=w.org_b.ref,
        demand_a=make.demand(w.org_a, ref="dem-access-a").ref,
        draft_demand_a=make.demand(w.org_a, ref="dem-access-draft", status="draft").ref,
        offering_a=make.offering(w.org_a, ref="off-access-a").ref,
        draft_offering_a=make.offering(w.org_a, ref="off-access-draft", status="draft").ref,
    )
    make.token(w.users["owner"], "access")
    w.refs["token_owner"] = w.users["owner"].tokens[0].id
    for prepare in prepares:
        prepare(w, make)
    w.tokens = {visitor: make.token(user, "walk") for visitor, user in w.users.items()}
    make.session.flush()
    return w


def load_rules():
    """(prepare functions, rules) from every module of tests/access_rules."""
    from tests import access_rules

    prepares, rules = [], []
    for info in pkgutil.iter_modules(access_rules.__path__):
        module = importlib.import_module(f"tests.access_rules.{info.name}")
        if hasattr(module, "prepare"):
            prepares.append(module.prepare)
        rules.extend(module.RULES)
    return prepares, rules
