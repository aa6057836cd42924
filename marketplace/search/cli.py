"""`flask --app wsgi reindex`: rebuild the search index from the database."""

from __future__ import annotations

import os
import sys
import time

import click
from flask import current_app

from ..db import get_session


@click.command("reindex")
@click.option(
    "--check", is_flag=True, help="Only compare the index with the database; exit 1 on any difference."
)
@click.option(
    "--procs", type=int, default=None, help="Indexing processes (default: the number of CPUs, at most 4)."
)
@click.option(
    "--scores/--no-scores",
    default=True,
    show_default=True,
    help="Recompute every open demand's stored best score from the new index afterwards.",
)
def reindex_cmd(check: bool, procs: int | None, scores: bool) -> None:
    """Rebuild the search index from the database (or check it with --check)."""
    from . import documents, feed

    idx = current_app.extensions["search"]
    session = get_session()
    if check:
        expected = documents.expected_keys(session)
        found = idx.keys()
        missing, extra = sorted(expected - found), sorted(found - expected)
        if not missing and not extra:
            click.echo(f"search index OK: {len(found)} documents, none missing, none extra")
            return
        click.echo(
            f"search index differs from the database: {len(missing)} missing, {len(extra)} extra", err=True
        )
        for label, keys in (("missing", missing), ("extra", extra)):
            if keys:
                click.echo(f"  {label}: {', '.join(keys[:20])}{' …' if len(keys) > 20 else ''}", err=True)
        sys.exit(1)
    procs = procs if procs is not None else min(4, os.cpu_count() or 1)
    started = time.monotonic()
    state = feed.start_state(session)  # before reading: what changes later is applied after
    procs = max(1, procs)
    shares = documents.shares_for(session, procs)
    count = idx.rebuild(
        documents.all_documents(session), procs=procs, timeout=600, state=state, shares=shares
    )
    click.echo(f"reindexed {count} documents in {time.monotonic() - started:.1f} s")
    if scores:
        # The scores read the index's statistics: store them from the new index.
        from ..matching.best import refresh_all

        started = time.monotonic()
        n = refresh_all(session)
        session.commit()
        click.echo(f"best scores of {n} open demands computed in {time.monotonic() - started:.1f} s")


@click.command("reread-listings")
def reread_listings_cmd() -> None:
    """Store what each listing's text says where the stored reading is missing or stale."""
    from .readings import reread

    session = get_session()
    started = time.monotonic()
    n = reread(session)
    session.commit()
    click.echo(f"{n} listings read again in {time.monotonic() - started:.1f} s")
