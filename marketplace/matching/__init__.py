"""The explainable matcher: proposed offerings for a demand, and demands an
offering could serve, each with a score and the reasons behind it.

`scoring` is the pure scoring function; `service` retrieves candidates from the
search index and ranks them; `best` stores each open demand's best (read by the
dashboard). `init_app` adds the `match` and `refresh-best-scores` commands, the
API routes and the match sections of the demand and offering pages."""

from __future__ import annotations

import logging

from flask import Flask

from ..sections import Section, add_section

log = logging.getLogger("marketplace.matching")


RULED_OUT_SHOWN = 3  # close candidates shown below the list, with what rules them out


def demand_matches_section(session, demand, viewer) -> Section | None:
    """The demand page's proposed offerings (the list of the API and the `match`
    command, then a few ruled out), for its organization's members and officials."""
    from .service import may_see_matches

    if not getattr(viewer, "is_authenticated", False):
        return Section("matching/_matches_signin.html")  # signing in shows them
    if not may_see_matches(viewer, demand):
        return None
    return _matches_section(session, demand, viewer, "d")


def offering_matches_section(session, offering, viewer) -> Section | None:
    """The offering page's potential needs, as `demand_matches_section`."""
    from .service import may_see_matches

    if not may_see_matches(viewer, offering):
        return None
    return _matches_section(session, offering, viewer, "o")


_SIDES = {
    # side: (template, the record's name in it)
    "d": ("matching/_demand_matches.html", "d"),
    "o": ("matching/_offering_matches.html", "o"),
}


def _matches_section(session, record, viewer, side: str) -> Section:
    """A match list's section, rendered once per version of what it shows and kept
    with the list: the same for every official, and for every member of the
    record's organization (the only difference: their "propose a pilot" buttons)."""
    from flask import render_template

    from .. import pagecache
    from ..i18n import current_lang
    from .service import list_name, matches_for_demand, matches_for_offering

    template, name = _SIDES[side]
    find = matches_for_demand if side == "d" else matches_for_offering
    listed = list_name(side, record.id, 10, RULED_OUT_SHOWN)

    def render() -> str:
        section = Section(template, {"matches": find(session, record, 10, ruled_out=RULED_OUT_SHOWN)})
        own = bool(viewer.belongs_to(record.org_id))
        return render_template(template, section=section, own=own, **{name: record})

    who = "official" if viewer.is_official else f"member:{viewer.org_id}"
    # Kept with its list only: a list computed without the index is not kept.
    html = pagecache.kept_html(
        f"{listed}:html:{current_lang()}:{who}", render, lambda: pagecache.holds(listed)
    )
    if html is not None:
        return Section(template, html=html)
    return Section(template, {"matches": find(session, record, 10, ruled_out=RULED_OUT_SHOWN)})


def init_app(app: Flask) -> None:
    from ..api import register_api
    from . import api

    register_api(app, api.describe)
    from .best import install, refresh_best_scores_cmd
    from .cli import match_cmd

    install()  # each open demand's best, refreshed in the listing-alerts job
    app.cli.add_command(refresh_best_scores_cmd)
    add_section(app, "demand", demand_matches_section, order=50)
    add_section(app, "offering", offering_matches_section, order=50)
    app.cli.add_command(match_cmd)
    app.add_template_global(payload_read, "demand_payload_read")


def payload_read(demand) -> float | None:
    """The heaviest object the matcher holds offerings to when the need's text says
    it rather than its field (铸件约8公斤; an amendment's 改为15公斤): what the page
    shows as read. None when the field's is what counts, or no load is read."""
    from .scoring import demand_facts

    kg = demand_facts(demand).payload_kg
    given = float(demand.payload_kg) if demand.payload_kg else None
    return kg if kg and kg != given else None
