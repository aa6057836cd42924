"""Notifications: the in-app inbox, e-mail (SMTP or the outbox), preferences per
kind, daily digests and match alerts. Other features call `notify(...)`."""

from __future__ import annotations

import click
from flask import Flask, request
from flask_login import current_user

from .services import notify  # noqa: F401  (the entry point for other features)


@click.command("send-digests")
def send_digests_cmd() -> None:
    """Write today's daily digests to the outbox and send pending mail."""
    from ..db import get_session
    from .mail import deliver_pending
    from .services import send_digests

    session = get_session()
    summary = send_digests(session)
    session.commit()
    click.echo(summary.describe())
    counts = deliver_pending(session)
    click.echo(
        f"mail sent: {counts['sent']}, failed: {counts['failed']}, "
        f"kept in the outbox (no SMTP configured): {counts['logged']}"
    )


def _unread_for_current_user() -> int:
    if not current_user.is_authenticated:
        return 0
    from sqlalchemy import inspect

    from ..db import READ_METHODS, get_session
    from .services import unread_count

    # A read request loaded the count with the user (one statement, see init_app) and
    # cannot have changed it since: marking notices read takes a POST.
    loaded = inspect(current_user._get_current_object()).dict.get("unread_notifications")
    if loaded is not None and request.method in READ_METHODS:
        return int(loaded)
    return unread_count(get_session(), current_user)


def _count_unread_with_the_user(app: Flask) -> None:
    from sqlalchemy import func, select
    from sqlalchemy.orm import column_property, undefer

    from .. import model_registry  # noqa: F401  (every model defined before the mapper is touched)
    from ..accounts import add_user_load_option
    from ..accounts.models import User
    from .models import Notification

    if not User.__mapper__.has_property("unread_notifications"):
        unread = (
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == User.id, Notification.read_at.is_(None))
            .correlate_except(Notification)
            .scalar_subquery()
        )
        User.__mapper__.add_property("unread_notifications", column_property(unread, deferred=True))
    add_user_load_option(app, undefer(User.unread_notifications))


def init_app(app: Flask) -> None:
    from ..listings.hooks import on_listings_changed
    from . import mail
    from .alerts import on_listings_changed as match_alerts
    from .views import bp

    app.register_blueprint(bp)
    _count_unread_with_the_user(app)
    app.cli.add_command(send_digests_cmd)
    mail.init_app(app)
    on_listings_changed(app, match_alerts)

    @app.context_processor
    def _unread() -> dict:
        # The header's badge (notifications/_badge.html) shows this count; the
        # template only renders it.
        return {"unread_notifications_count": _unread_for_current_user()}
