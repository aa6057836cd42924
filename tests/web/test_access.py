"""Walk every route of the URL map as every kind of visitor (see tests/access.py)."""

from __future__ import annotations

import pytest

from tests.access import VISITORS, World, load_rules
from tests.factories import PASSWORD

PREPARES, RULES = load_rules()


@pytest.fixture
def world(make, db):
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
    from marketplace.accounts import services

    services.issue_token(db, w.users["owner"], "access")
    w.refs["token_owner"] = w.users["owner"].tokens[0].id
    for prepare in PREPARES:
        prepare(w, make)
    db.flush()
    return w


def test_every_route_has_a_rule(app):
    declared = {(r.endpoint, r.method) for r in RULES}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if (rule.endpoint, method) not in declared:
                missing.append(f"{method} {rule.rule} ({rule.endpoint})")
    assert not missing, "routes missing from the access table:\n" + "\n".join(missing)


def _token(world, db, visitor):
    from marketplace.accounts import services

    if visitor not in world.tokens:
        world.tokens[visitor] = services.issue_token(db, world.users[visitor], "walk")
    return world.tokens[visitor]


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.method} {r.path}")
def test_access(app, db, world, visitor, rule):
    client = app.test_client()
    headers = {}
    if visitor != "anon":
        if rule.path.startswith("/api/"):
            headers["Authorization"] = f"Bearer {_token(world, db, visitor)}"
        else:
            response = client.post("/login", data={"email": world.users[visitor].email, "password": PASSWORD})
            assert response.status_code == 302, "login failed in the access walk"
    path = rule.path.format(**world.refs)
    response = client.open(path, method=rule.method, data=rule.data or None, json=rule.json, headers=headers)
    assert response.status_code in rule.expected(visitor), (
        f"{visitor} {rule.method} {path}: got {response.status_code}, expected {rule.expected(visitor)}"
    )
