"""Helpers for API tests: bearer tokens and a JSON client in one line.

def test_x(api, make):
    user = make.member(make.org(side="demand"))
    r = api.as_(user).post("/api/v1/demands", json={...})
    assert r.status_code == 201, r.json
"""

from __future__ import annotations

import flask_babel
import pytest

from marketplace.accounts import services as accounts


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


@pytest.fixture
def api(app, db):
    """Anonymous API client; `api.as_(user)` for one with a bearer token."""
    return Api(app, db)


def demand_body(**kw) -> dict:
    """A valid demand in the interchange shape (without ref and org)."""
    body = {
        "title": "总装线螺丝锁付",
        "description": "每班 2 人锁付，节拍 45 秒。",
        "domain": "manufacturing",
        "tasks": ["assembly"],
        "city": "hangzhou",
        "quantity": 3,
        "modes": ["lease"],
        "budget": {"lease": 9000},
        "needed_by": "2027-03-31",
    }
    body.update(kw)
    return body


def offering_body(**kw) -> dict:
    """A valid offering in the interchange shape (without ref and org)."""
    body = {
        "category": "humanoid",
        "title": "双臂协作人形机器人",
        "description": "负载 15kg，IP54。",
        "domains": ["manufacturing"],
        "tasks": ["assembly", "loading"],
        "units_available": 5,
        "modes": [{"mode": "lease", "price": 7500}, {"mode": "purchase", "price": 268000}],
        "certifications": ["CE"],
    }
    body.update(kw)
    return body
