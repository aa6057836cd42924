"""The explainable matcher: proposed offerings for a demand, and demands an
offering could serve, each with a score and the reasons behind it.

`scoring` is the pure scoring function; `service` retrieves candidates from the
search index and ranks them. `init_app` adds the `match` command and the template
functions the detail pages use."""

from __future__ import annotations

import logging

from flask import Flask
from flask_login import current_user

log = logging.getLogger("marketplace.matching")


RULED_OUT_SHOWN = 3  # close candidates shown below the list, with what rules them out


def proposed_offerings(demand, limit: int = 10):
    """For templates: the demand's matches (the list of the API and the `match`
    command, then a few ruled out), or None when the viewer may not see them."""
    from ..db import get_session
    from .service import matches_for_demand, may_see_matches

    if demand is None or not may_see_matches(current_user, demand):
        return None
    return matches_for_demand(get_session(), demand, limit, ruled_out=RULED_OUT_SHOWN)


def potential_demands(offering, limit: int = 10):
    """For templates: the offering's matches, as `proposed_offerings`."""
    from ..db import get_session
    from .service import matches_for_offering, may_see_matches

    if offering is None or not may_see_matches(current_user, offering):
        return None
    return matches_for_offering(get_session(), offering, limit, ruled_out=RULED_OUT_SHOWN)


def init_app(app: Flask) -> None:
    from ..api import register_api
    from . import api

    register_api(app, api.describe)
    from .cli import match_cmd

    app.add_template_global(proposed_offerings, "proposed_offerings")
    app.add_template_global(potential_demands, "potential_demands")
    app.cli.add_command(match_cmd)
