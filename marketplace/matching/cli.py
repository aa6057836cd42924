"""`flask --app wsgi match REF [--limit N] [--format json]` (spec/interchange.md)."""

from __future__ import annotations

import json
import sys

import click

from ..db import get_session


@click.command("match")
@click.argument("ref")
@click.option("--limit", type=click.IntRange(1, 50), default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the reasons.",
)
@click.option(
    "--ruled-out",
    type=click.IntRange(0, 50),
    default=0,
    show_default=True,
    help="Also list this many close candidates that break a hard condition.",
)
def match_cmd(ref: str, limit: int, fmt: str, lang: str, ruled_out: int) -> None:
    """Print the best offerings for the demand REF (or, for an offering's ref, the
    open demands it fits best), with scores and reasons."""
    from sqlalchemy import select

    from ..listings.models import Demand, Offering
    from .reasons import closest_heading
    from .service import matches_for_demand, matches_for_offering

    session = get_session()
    demand = session.scalar(select(Demand).where(Demand.ref == ref))
    offering = None if demand is not None else session.scalar(select(Offering).where(Offering.ref == ref))
    record = demand or offering
    if record is None:
        click.echo(f"error: no demand or offering with ref {ref}", err=True)
        sys.exit(1)
    results = (
        matches_for_demand(session, record, limit, ruled_out)
        if isinstance(record, Demand)
        else matches_for_offering(session, record, limit, ruled_out)
    )
    if fmt == "json":
        click.echo(json.dumps([r.as_dict(lang) for r in results], ensure_ascii=False, indent=2))
        return
    click.echo(f"{record.ref}  {record.title}")
    if not results:
        click.echo("  (no matches)")
    elif results[0].closest:
        click.echo(f"  {closest_heading(lang)}")
    for i, r in enumerate(results, 1):
        flag = "" if r.ok or r.closest else "  [ruled out]" if lang == "en" else "  [不符合硬性条件]"
        click.echo(f"{i:>3}. {r.score:>3}  {r.record.ref}  {r.record.title}{flag}")
        for text in r.texts(lang):
            click.echo(f"          - {text}")
