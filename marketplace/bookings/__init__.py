"""Leasing (短期租赁), shared use (共享服务) and subscriptions (智能云服务):
availability, booking, and never more robots promised than exist."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext


@click.command("complete-bookings")
@with_appcontext
def complete_bookings_command() -> None:
    """Mark ended bookings completed and unanswered past requests declined (run it hourly)."""
    from ..db import get_session
    from .services import complete_past

    session = get_session()
    completed, expired = complete_past(session)
    session.commit()
    click.echo(f"{completed} booking(s) completed, {expired} unanswered request(s) declined")


def init_app(app: Flask) -> None:
    from ..api import register_api
    from ..listings.hooks import on_offering_change
    from ..sections import add_section
    from . import api
    from .services import check_offering_change
    from .views import bp, offering_booking_section, template_helpers

    register_api(app, api.describe)
    on_offering_change(app, check_offering_change)
    add_section(app, "offering", offering_booking_section, order=10)

    app.register_blueprint(bp)
    app.cli.add_command(complete_bookings_command)

    @app.context_processor
    def _booking_helpers():
        # Labels for the booking pages; the offering page's panel is a section.
        return template_helpers()
