"""Bearer tokens for /api/v1, and the API's request helpers.

The API never reads the cookie session: a browser that is signed in to the site is
anonymous here unless it sends `Authorization: Bearer TOKEN`. That is also why the
blueprint is exempt from CSRF (a forged cross-site request carries no token).

Feature endpoints use:

    from ..api.auth import api_user, json_body, token_required

    @bp.post("/pilots")
    @token_required
    def create_pilot():
        user = api_user()          # the authenticated User (never None here)
        data = json_body()         # the request's JSON object, or 400
"""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta
from functools import wraps
from typing import cast

from flask import request
from flask_babel import gettext as _
from sqlalchemy import inspect, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.attributes import set_committed_value

from ..accounts import services as accounts
from ..accounts.models import ApiToken, User
from ..db import WRITE_METHODS, get_session, write_apart
from ..errors import Unauthorized, ValidationFailed
from ..interchange.validate import text_problem

log = logging.getLogger("marketplace.api")

# Tokens are "rsm_" + 43 characters; anything far longer is not worth a lookup.
_TOKEN_MAX = 200
# Reads record the token's use at most this often (a write per request would
# serialise every reader behind SQLite's write lock).
_TOUCH_EVERY = timedelta(minutes=5)
_UNSET = object()


class TokenRequired(Unauthorized):
    """No token was sent."""


class BadToken(Unauthorized):
    """A token was sent but is malformed, unknown, revoked, or its account is off
    (same code as a missing token; the WWW-Authenticate header tells them apart)."""


def _bearer() -> str | None:
    """The raw token from `Authorization: Bearer …`; None when no header is sent."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _sep, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > _TOKEN_MAX or " " in token:
        raise BadToken(_("The API token is invalid or has been revoked."))
    return token


def _touch(raw: str) -> None:
    """Record the token's use (`last_used_at`, set by `user_for_token`) only every
    few minutes. A request that writes commits it at once (its transactions hold
    the write lock from the start); a read writes it in a short transaction of its
    own, so the read never upgrades into a write."""
    session = get_session()
    digest = ApiToken.hash(raw)
    token = next((t for t in session.dirty if isinstance(t, ApiToken) and t.token_hash == digest), None)
    if token is None:
        return
    deleted = inspect(token).attrs.last_used_at.history.deleted
    previous = deleted[0] if deleted else None
    now = token.last_used_at
    if previous is not None and now is not None and now - previous < _TOUCH_EVERY:
        set_committed_value(token, "last_used_at", previous)
        return
    try:
        if request.method in WRITE_METHODS:
            session.commit()
            return
        set_committed_value(token, "last_used_at", previous)
        write_apart(
            lambda conn: conn.execute(
                update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now)
            )
        )
        set_committed_value(token, "last_used_at", now)
    except SQLAlchemyError:  # bookkeeping only: never fail the request for it
        session.rollback()
        log.warning("could not record the use of API token %s", token.prefix, exc_info=True)


def api_user() -> User | None:
    """The account behind this request's bearer token; None when no token is sent.

    A token that is sent but not valid is an error (401), even on public
    endpoints: a client should learn at once that its token no longer works."""
    # Cached on the request, not on `g`: an app context can outlive one request.
    cached = getattr(request, "_api_user", _UNSET)
    if cached is not _UNSET:
        return cast("User | None", cached)
    raw = _bearer()
    user = None
    if raw is not None:
        user = accounts.user_for_token(get_session(), raw)
        if user is None:
            raise BadToken(_("The API token is invalid or has been revoked."))
        _touch(raw)
    request._api_user = user  # type: ignore[attr-defined]
    return user


def require_user() -> User:
    """The authenticated account, or 401."""
    user = api_user()
    if user is None:
        raise TokenRequired(_('This needs an API token: send it as "Authorization: Bearer TOKEN".'))
    return user


def token_required(view):
    """Decorator: 401 unless the request carries a valid bearer token."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        require_user()
        return view(*args, **kwargs)

    return wrapper


def _not_json(constant: str):
    # Python's json module accepts NaN and Infinity, which are not JSON (RFC 8259);
    # let through they would reach integer fields and the database.
    raise ValueError(f"{constant} is not JSON")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _bad_keys(data: dict) -> dict[str, str]:
    """Top-level keys whose value holds a NUL or a lone surrogate anywhere, with the
    kind of problem."""
    bad: dict[str, str] = {}
    for key, value in data.items():
        stack = [key, value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                problem = text_problem(item)
                if problem:
                    bad[key] = problem
                    break
            elif isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return bad


def _clean_key(key: str) -> str:
    return _SURROGATE.sub("\ufffd", key.replace("\x00", "")) or "body"


def json_body() -> dict:
    """The request body as a JSON object; 400 for anything else (never a 500)."""
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw, parse_constant=_not_json) if raw.strip() else _UNSET
    except (ValueError, RecursionError):  # ValueError covers bad UTF-8 and bad JSON
        raise ValidationFailed(_("The request body is not valid JSON.")) from None
    if data is _UNSET:
        raise ValidationFailed(_("The request body is empty: send a JSON object."))
    if not isinstance(data, dict):
        raise ValidationFailed(_("The request body must be a JSON object."))
    bad = _bad_keys(data)
    if bad:
        messages = {
            "nul": _("must not contain NUL characters"),
            "surrogate": _("must be valid Unicode text (a lone surrogate such as \\ud800 is not)"),
        }
        raise ValidationFailed(
            _("Some fields are not valid."), {_clean_key(key): messages[kind] for key, kind in bad.items()}
        )
    return data
