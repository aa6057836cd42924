"""CSRF, headers, cookies, error pages, production settings."""

import pytest
from sqlalchemy import func, select

from marketplace import create_app
from marketplace.listings.models import Demand
from tests.support.auth import csrf_token, login, sign_in


@pytest.mark.csrf
def test_post_without_token_or_with_another_sessions_token_changes_nothing(app, db, make):
    user = make.member(org=make.org(side="demand"))
    db.commit()
    form = {
        "title": "新需求",
        "kind": "scenario",
        "domain": "retail",
        "description": "导购",
        "quantity": "1",
        "city": "hangzhou",
        "status": "open",
    }
    mine, theirs = app.test_client(), app.test_client()
    for c in (mine, theirs):
        sign_in(c, user, csrf=True)
    count = db.scalar(select(func.count()).select_from(Demand))
    assert mine.post("/demands/new", data=form).status_code == 400
    other_token = csrf_token(theirs, "/demands/new")
    assert mine.post("/demands/new", data=dict(form, csrf_token=other_token)).status_code == 400
    assert mine.post("/demands/new", data=dict(form, csrf_token="x" * 40)).status_code == 400
    assert db.scalar(select(func.count()).select_from(Demand)) == count
    ok = mine.post("/demands/new", data=dict(form, csrf_token=csrf_token(mine, "/demands/new")))
    assert ok.status_code == 302
    assert db.scalar(select(func.count()).select_from(Demand)) == count + 1


@pytest.mark.csrf
def test_csrf_token_from_before_login_is_refused_after(app, make):
    user = make.member()
    c = app.test_client()
    before = csrf_token(c)
    sign_in(c, user, csrf=before)
    assert c.post("/logout", data={"csrf_token": before}).status_code == 400
    assert c.get("/account").status_code == 200  # still signed in: the logout was refused


@pytest.mark.csrf
def test_logout_and_every_post_need_the_token(app, make):
    user = make.member()
    c = app.test_client()
    sign_in(c, user, csrf=True)
    assert c.post("/logout").status_code == 400
    assert c.get("/account").status_code == 200


@pytest.mark.parametrize("path", ["/", "/demands", "/no-such-page", "/demands/no-such-ref"])
def test_security_headers_on_every_response(client, path):
    r = client.get(path)
    csp = r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"]
    assert r.headers["X-Request-Id"]


def test_session_cookie_flags(client, make):
    user = make.member()
    r = login(client, user)
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.setenv("MARKETPLACE_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"DATABASE_URL": "sqlite://"})


def test_production_error_page_has_no_traceback_and_cookies_are_secure(monkeypatch):
    monkeypatch.setenv("MARKETPLACE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-for-this-test")
    app = create_app({"DATABASE_URL": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True and app.debug is False

    @app.get("/boom-test")
    def boom():
        raise RuntimeError("secret internals")

    r = app.test_client().get("/boom-test")
    body = r.get_data(as_text=True)
    assert r.status_code == 500
    assert "Traceback" not in body and "secret internals" not in body
    assert r.headers["X-Request-Id"] in body
    assert "frame-ancestors" in r.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/demands?q=%00", "/offerings?q=a%00", "/demands/%00", "/orgs/%00"])
def test_nul_characters_are_refused_not_crashing(client, path):
    assert client.get(path).status_code in (400, 404)


def test_405_carries_allow_header(client):
    r = client.put("/demands")
    assert r.status_code == 405 and "GET" in r.headers["Allow"]
