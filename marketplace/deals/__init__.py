"""From a proposed pairing to a deal (对接): invitations, vendors' leads, sealed
responses with quotes and revisions, the conversation of each response, the cost
comparison of the ways to acquire, and the decision workflow.

`workflow.py` holds the one table of states and actions; `costs.py` the pure cost
arithmetic; `services.py` everything the pages, the API and the CLI call."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext


@click.command("expire-responses")
@with_appcontext
def expire_responses_command() -> None:
    """Mark live responses whose quote has lapsed as expired (run it daily)."""
    from ..db import get_session
    from .services import expire_due

    db = get_session()
    n = expire_due(db)
    db.commit()
    click.echo(f"{n} response(s) expired")


def init_app(app: Flask) -> None:
    from ..api import register_api
    from ..sections import add_section
    from . import api, jobs  # noqa: F401  (jobs declares the daily expiry)
    from .views import bp, demand_deals_section, org_contact_section

    register_api(app, api.describe)
    app.register_blueprint(bp)
    app.cli.add_command(expire_responses_command)
    # Responses on a demand's page, contact details on an organization's page.
    add_section(app, "demand", demand_deals_section, order=40)
    # The officials' responses section is kept under the pages' version: every
    # response's newest change and their number are part of it.
    from sqlalchemy import func, select

    from ..pagecache import add_version_part
    from .models import DealResponse

    add_version_part(app, lambda: select(func.max(DealResponse.updated_at)))
    add_version_part(app, lambda: select(func.count(DealResponse.id)))
    add_section(app, "org", org_contact_section, order=5)
    app.add_template_global(_state_label, "deal_state_label")


def _state_label(state: str) -> str:
    from .workflow import STATE_LABELS

    return str(STATE_LABELS.get(state, state))
