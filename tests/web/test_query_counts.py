"""The number of SQL statements a list or detail page runs does not grow with the
number of records on it: every page is counted with 5 and with 50 records (each of
its own organization, with tags, modes and a cover photo) and the counts are equal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from marketplace.search import catch_up
from tests.support.auth import login


@contextmanager
def counting(engine) -> Iterator[list[str]]:
    """The SQL statements run on `engine` inside the block."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            return
        if "index_changes" in statement:  # the search feed's bookkeeping (its gaps vary on PostgreSQL)
            return
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def build(make, start: int, stop: int) -> None:
    """Open demands and active offerings numbered `start`..`stop - 1`, each of its
    own organization and with a cover photo."""
    for i in range(start, stop):
        buyer = make.org(side="demand", ref=f"org-qb{i}", verified=i % 2 == 0)
        make.member(buyer)
        d = make.demand(buyer, ref=f"dem-q{i}", title=f"焊接车间上下料 {i}")
        make.attachment("demand", d)
        vendor = make.org(side="supply", ref=f"org-qv{i}", verified=i % 2 == 1)
        make.member(vendor)
        o = make.offering(vendor, ref=f"off-q{i}", title=f"焊接人形机器人 {i}")
        make.attachment("offering", o)
    make.session.commit()


PAGES = (
    "/",
    "/demands",
    "/demands?domain=manufacturing",
    "/offerings",
    "/offerings?domain=manufacturing",
    # One kind per page: a mixed page loads each kind it shows (at most two sets).
    "/search?q=焊接&kind=offering",
    "/search?q=焊接&kind=demand",
    "/api/v1/demands",
    "/api/v1/offerings",
    "/demands/dem-q0",
    "/offerings/off-q0",
)


def count_pages(client, engine, session) -> dict[str, int]:
    """Each page's number of SQL statements (after one warm-up request)."""
    counts = {}
    for path in PAGES:
        client.get(path)  # warm: per-process caches are not what is counted
        catch_up(client.application.extensions["search"])  # the feed applied: not this page's work
        # The test's session outlives requests: start each counted one with nothing loaded.
        session.expunge_all()
        with counting(engine) as statements:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(statements)
    return counts


@pytest.mark.parametrize("official", [False, True], ids=["anonymous", "official"])
def test_query_count_does_not_grow_with_the_records(app, engine, make, official):
    client = app.test_client()
    if official:
        assert login(client, make.official()).status_code == 302
    build(make, 0, 5)
    few = count_pages(client, engine, make.session)
    build(make, 5, 50)
    many = count_pages(client, engine, make.session)
    assert few == many, {path: (few[path], many[path]) for path in PAGES if few[path] != many[path]}


def test_the_home_pages_showcase_strip_loads_its_pilots_in_a_fixed_number_of_queries(app, engine, make):
    """The strip shows up to three pilots, each with its demand, offering and two
    organizations: one showcased pilot or three, the same number of queries. Newer
    listings come after each pilot, so the pilots' organizations are not already
    loaded by the page's lists of newest demands and offerings."""

    def newer_listings(tag: str) -> None:
        for i in range(7):
            make.demand(make.org(side="demand", ref=f"org-sd{tag}{i}"), ref=f"dem-s{tag}{i}")
            make.offering(make.org(side="supply", ref=f"org-so{tag}{i}"), ref=f"off-s{tag}{i}")

    client = app.test_client()
    make.pilot("in_progress")
    newer_listings("a")
    client.get("/")
    make.session.expunge_all()
    with counting(engine) as one:
        assert client.get("/").status_code == 200
    make.pilot("approved")
    make.pilot("completed")
    newer_listings("b")
    make.session.expunge_all()
    with counting(engine) as three:
        response = client.get("/")
    assert response.get_data(as_text=True).count("showcase-card") == 3
    assert len(one) == len(three), (one, three)


def test_a_need_read_in_one_query_has_all_its_tags_and_budgets(db, make):
    """`demand_by_ref` joins the tags and budgets into its one query: every row is
    read, so no collection is cut to the first row's."""
    from marketplace.listings.services import demand_by_ref

    make.demand(
        ref="dem-q-whole",
        tasks=["loading", "handling", "sorting"],
        environments=["dusty", "wet"],
        modes=["purchase", "lease", "raas"],
        budget={"purchase": 500000, "lease": 9000, "raas": 12000},
    )
    db.commit()
    db.expunge_all()
    with counting(db.get_bind()) as statements:
        d = demand_by_ref(db, "dem-q-whole")
    assert len(statements) == 1
    assert d.tasks == ["loading", "handling", "sorting"] and d.environments == ["dusty", "wet"]
    assert d.modes == ["purchase", "lease", "raas"]
    assert {m: int(a) for m, a in d.budget.items()} == {"purchase": 500000, "lease": 9000, "raas": 12000}
