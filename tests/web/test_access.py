"""Walk every route of the URL map as every kind of visitor (see tests/access.py).

The world (organizations, people, records of every feature) is built once for
this module and committed in a database of its own, and one application serves
the module (building one costs more than most cases). Each case gets that
application back as a new one would be: its configuration and extensions as
built, an empty search index, and a session inside a transaction rolled back at
the end, so a case that changes something (withdraws, cancels, deletes) leaves
the world as it was for the next."""

from __future__ import annotations

import pytest

from marketplace.db import make_engine
from marketplace.search import make_index
from tests.access import VISITORS, build_world, load_rules
from tests.support.auth import sign_in
from tests.support.database import fresh_database, fresh_g_per_request, rolled_back, test_app
from tests.support.factories import Factory

PREPARES, RULES = load_rules()


@pytest.fixture(scope="module")
def database_url():
    """This module's own database (overrides the run's shared one)."""
    return fresh_database("access_walk")


@pytest.fixture(scope="module")
def engine(database_url):
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="module")
def world(database_url, engine):
    """Built through the services once, then committed."""
    application = test_app(database_url)
    with application.app_context():
        session = application.extensions["db_session"]()
        built = build_world(Factory(session), PREPARES)
        session.commit()
        application.extensions["db_session"].remove()
    application.extensions["db_engine"].dispose()
    return built


@pytest.fixture(scope="module")
def walk_app(database_url, world):
    """The module's application and what it was when built."""
    application = test_app(database_url)
    fresh_g_per_request(application)
    return application, dict(application.config), dict(application.extensions)


@pytest.fixture
def app(walk_app, engine):
    """The module's application reset to how it was built, with an empty search
    index and a session rolled back at the end of the case."""
    application, config, extensions = walk_app
    application.config.clear()
    application.config.update(config)
    application.extensions.clear()
    application.extensions.update(extensions)
    application.extensions["search"] = make_index(application)
    with rolled_back(application, engine):
        yield application


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


def test_every_rule_is_a_route(app):
    """A rule whose endpoint and method no route has is a typo or a removed route."""
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    stale = sorted({f"{r.method} {r.endpoint}" for r in RULES} - {f"{m} {e}" for e, m in routes})
    assert not stale, "access rules for routes that do not exist:\n" + "\n".join(stale)


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.method} {r.path}")
def test_access(app, world, visitor, rule):
    client = app.test_client()
    headers = {}
    if visitor != "anon":
        if rule.path.startswith("/api/"):
            headers["Authorization"] = f"Bearer {world.tokens[visitor]}"
        else:
            sign_in(client, world.users[visitor])
    path = rule.path.format(**world.refs)
    response = client.open(path, method=rule.method, data=rule.data or None, json=rule.json, headers=headers)
    assert response.status_code in rule.expected(visitor), (
        f"{visitor} {rule.method} {path}: got {response.status_code}, expected {rule.expected(visitor)}"
    )
