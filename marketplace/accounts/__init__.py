"""Accounts and organizations: sign-in, registration, API tokens, verification."""

from __future__ import annotations

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.interfaces import LoaderOption

from ..db import get_session
from ..extensions import login_manager
from .models import User


def _load_user(user_id: str) -> User | None:
    # The id carries the user's session token: a cookie from before a logout or a
    # password change names an old token and loads nobody.
    raw_id, _, token = user_id.partition(":")
    if not raw_id.isdigit() or not token:
        return None
    user = get_session().get(User, int(raw_id), options=current_app.extensions.get("user_load_options", ()))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def add_user_load_option(app: Flask, option: LoaderOption) -> None:
    """Load something with the signed-in user, in the same statement (a feature's
    deferred column, e.g. the unread notices' count in the header)."""
    app.extensions.setdefault("user_load_options", []).append(option)


def init_app(app: Flask) -> None:
    """Set up Flask-Login (the session-token check) and register the account pages."""
    from . import org_views  # noqa: F401  (profile, colleague and verification routes)
    from .views import bp

    login_manager.user_loader(_load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.register_blueprint(bp)
