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
    from .service import matches_for_demand, may_see_matches

    if not getattr(viewer, "is_authenticated", False):
        return Section("matching/_matches_signin.html")  # signing in shows them
    if not may_see_matches(viewer, demand):
        return None
    matches = matches_for_demand(session, demand, 10, ruled_out=RULED_OUT_SHOWN)
    return Section("matching/_demand_matches.html", {"matches": matches})


def offering_matches_section(session, offering, viewer) -> Section | None:
    """The offering page's potential needs, as `demand_matches_section`."""
    from .service import matches_for_offering, may_see_matches

    if not may_see_matches(viewer, offering):
        return None
    matches = matches_for_offering(session, offering, 10, ruled_out=RULED_OUT_SHOWN)
    return Section("matching/_offering_matches.html", {"matches": matches})


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
