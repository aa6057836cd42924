"""Signing in for tests: the one place that posts the login form or sends a bearer token.

sign_in(client, user)                  # asserts the redirect that means success
client = signed_in(app, user, "en")    # a new client, language chosen first
auth.login(user); auth.logout()        # the `auth` fixture
api.as_(user).get("/api/v1/...")       # the `api` fixture (bearer tokens)
"""

from __future__ import annotations

import re

import flask_babel

from marketplace.accounts import services as accounts

from .factories import PASSWORD

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token of the form on `path` (for tests with `@pytest.mark.csrf`)."""
    found = _CSRF.search(client.get(path).get_data(as_text=True))
    assert found, f"no csrf_token on {path}"
    return found.group(1)


def login(
    client, user_or_email, password: str = PASSWORD, csrf: bool | str = False, path: str = "/login", **kw
):
    """Post the login form (to `path`, e.g. with `?next=`); the response, nothing
    asserted (for tests of refusals). `csrf`: True fetches the form's token first;
    a string is sent as the token."""
    email = getattr(user_or_email, "email", user_or_email)
    data = {"email": email, "password": password}
    if csrf:
        data["csrf_token"] = csrf if isinstance(csrf, str) else csrf_token(client)
    return client.post(path, data=data, **kw)


def sign_in(client, user_or_email, password: str = PASSWORD, csrf: bool | str = False, **kw):
    """Sign in and assert that it worked (the login form redirects)."""
    response = login(client, user_or_email, password, csrf=csrf, **kw)
    assert response.status_code == 302, f"sign-in failed: {response.status_code}"
    return response


def signed_in(app, user, lang: str | None = None, csrf: bool | str = False):
    """A new test client of `app`, in `lang` if given, signed in as `user`."""
    client = app.test_client()
    if lang:
        client.get(f"/lang/{lang}")
    sign_in(client, user, csrf=csrf)
    return client


class Auth:
    """The `auth` fixture: sign the test's client in and out."""

    def __init__(self, client):
        self.client = client

    def login(self, user_or_email, password: str = PASSWORD, **kw):
        """Post the login form (response returned, nothing asserted)."""
        return login(self.client, user_or_email, password, **kw)

    def sign_in(self, user_or_email, password: str = PASSWORD, **kw):
        """Sign in, asserting success."""
        return sign_in(self.client, user_or_email, password, **kw)

    def logout(self):
        return self.client.post("/logout")


class Api:
    """A test client that sends `Authorization: Bearer …` (or nothing, when anonymous)."""

    def __init__(self, app, db, token: str | None = None):
        self.app, self.db, self.token = app, db, token
        self.client = app.test_client()

    def as_(self, user) -> Api:
        """A client acting with a new token of `user` (None: anonymous)."""
        return Api(self.app, self.db, accounts.issue_token(self.db, user, "test") if user else None)

    def with_token(self, token: str | None) -> Api:
        return Api(self.app, self.db, token)

    def open(self, path: str, method: str = "GET", headers: dict | None = None, **kw):
        headers = dict(headers or {})
        # The `app` fixture keeps one app context (and so one `g`) across requests;
        # Flask-Babel caches the locale there. Each real request starts afresh.
        flask_babel.refresh()
        if self.token is not None:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        return self.client.open(path, method=method, headers=headers, **kw)

    def get(self, path: str, **kw):
        return self.open(path, "GET", **kw)

    def post(self, path: str, **kw):
        return self.open(path, "POST", **kw)

    def patch(self, path: str, **kw):
        return self.open(path, "PATCH", **kw)

    def delete(self, path: str, **kw):
        return self.open(path, "DELETE", **kw)
