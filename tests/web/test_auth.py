"""Sign-in, sessions, passwords, throttling and redirects (reliability checklist)."""

import logging

import pytest
from sqlalchemy import func, select

from marketplace.accounts import services
from marketplace.accounts.models import LoginAttempt, Organization, User
from tests.factories import PASSWORD
from tests.support.auth import login, sign_in

VALID_CODE = "91350100M000100Y43"


def register_form(**kw):
    data = {
        "email": "new@reg.example.com",
        "name": "张三",
        "password": "Robot-Scenes-88",
        "confirm": "Robot-Scenes-88",
        "org_name": "绍兴精工减速器有限公司",
        "side": "supply",
        "city": "shaoxing",
        "credit_code": VALID_CODE,
        "description": "谐波减速器",
    }
    data.update(kw)
    return data


def test_register_creates_org_and_first_member_and_signs_in(client, db):
    response = client.post("/register", data=register_form())
    assert response.status_code == 302
    user = services.find_user(db, "new@reg.example.com")
    assert user.role == "member" and user.organization.name == "绍兴精工减速器有限公司"
    assert user.organization.credit_code == VALID_CODE and not user.organization.verified
    assert user.password_hash != "Robot-Scenes-88" and user.check_password("Robot-Scenes-88")
    assert client.get("/account").status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message_zh"),
    [
        ("credit_code", "91350100M000100Y44", "校验"),
        ("password", "short1!", "8"),
        ("password", "password123", "常见"),
        ("email", "not-an-email", "邮箱"),
    ],
)
def test_register_errors_keep_input_and_change_nothing(client, db, field, value, message_zh):
    data = register_form(**{field: value})
    if field == "password":
        data["confirm"] = value
    response = client.post("/register", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "绍兴精工减速器有限公司" in html  # typed values are kept
    assert message_zh in html
    assert db.scalar(select(func.count()).select_from(Organization)) == 0


def test_register_error_in_english(client):
    client.get("/lang/en")
    html = client.post("/register", data=register_form(credit_code="91350100M000100Y44")).get_data(
        as_text=True
    )
    assert "check character" in html


def test_password_limits(db, make):
    assert services.password_problem("a" * 7) == "short"
    assert services.password_problem("Ab1!" * 33) == "long"
    assert services.password_problem("qwerty123") == "common"
    assert services.password_problem("x@y.test", "x@y.test") == "common"
    assert services.password_problem("Robot-Scenes-88") is None


def test_login_logout_and_same_message_for_unknown_and_wrong(client, make, caplog):
    user = make.member(email="a@login.test")
    caplog.set_level(logging.INFO, logger="marketplace.auth")
    wrong = login(client, "a@login.test", "Wrong-password-1")
    unknown = login(client, "nobody@login.test", "Wrong-password-1")
    assert wrong.status_code == unknown.status_code == 401

    assert "邮箱或密码错误" in wrong.get_data(as_text=True)
    assert "邮箱或密码错误" in unknown.get_data(as_text=True)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "a@login.test" in logged and "Wrong-password-1" not in logged and "address=" in logged
    ok = login(client, user)
    assert ok.status_code == 302
    assert client.get("/account").status_code == 200
    client.post("/logout")
    assert client.get("/account").status_code == 302


def test_login_starts_a_new_session(client, make):
    user = make.member()
    client.get("/login")
    client.get("/lang/en")
    before = client.get_cookie("rsm_session").value
    sign_in(client, user)
    after = client.get_cookie("rsm_session").value
    assert before != after


def test_cookie_copied_before_logout_stops_working(app, make):
    user = make.member()
    browser = app.test_client()
    sign_in(browser, user)
    stolen = browser.get_cookie("rsm_session").value
    thief = app.test_client()
    thief.set_cookie("rsm_session", stolen, domain="localhost")
    assert thief.get("/account").status_code == 200  # the copy works while the session lives
    browser.post("/logout")
    assert thief.get("/account").status_code == 302  # …and not after logout


def test_password_change_ends_other_sessions(app, make):
    user = make.member()
    laptop, phone = app.test_client(), app.test_client()
    for c in (laptop, phone):
        sign_in(c, user)
    response = laptop.post(
        "/account/password",
        data={
            "pw-current_password": PASSWORD,
            "pw-new_password": "Brand-New-Pass-7",
            "pw-confirm": "Brand-New-Pass-7",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/account").status_code == 200
    assert phone.get("/account").status_code == 302


def test_password_change_errors(client, make):
    user = make.member()
    sign_in(client, user)
    wrong = client.post(
        "/account/password",
        data={
            "pw-current_password": "nope-nope-nope",
            "pw-new_password": "Brand-New-Pass-7",
            "pw-confirm": "Brand-New-Pass-7",
        },
    )
    assert wrong.status_code == 400 and "当前密码不正确" in wrong.get_data(as_text=True)
    weak = client.post(
        "/account/password",
        data={"pw-current_password": PASSWORD, "pw-new_password": "12345678", "pw-confirm": "12345678"},
    )
    assert weak.status_code == 400
    assert user.check_password(PASSWORD)


def test_deactivated_user_is_signed_out_on_next_request(client, db, make):
    user = make.member()
    sign_in(client, user)
    user.active = False
    db.flush()
    assert client.get("/account").status_code == 302


def test_role_removed_in_database_takes_effect_next_request(client, db, make):
    user = make.official()
    sign_in(client, user)
    assert client.get("/admin/orgs").status_code == 200
    db.execute(User.__table__.update().where(User.id == user.id).values(role="member"))
    db.expire_all()  # as a new request's session would see it
    assert client.get("/admin/orgs").status_code == 403


def test_failed_logins_are_throttled_per_account_in_the_database(app, db, make):
    user = make.member(email="t@throttle.test")
    limit = app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
    for i in range(limit):
        # Different addresses, as separate workers would see them: the count is shared.
        c = app.test_client()
        r = login(c, user, "bad-password-x", environ_base={"REMOTE_ADDR": f"10.0.0.{i}"})
        assert r.status_code == 401
    assert db.scalar(select(func.count()).select_from(LoginAttempt)) == limit
    blocked = login(app.test_client(), user)
    assert blocked.status_code == 429  # even the right password waits
    assert "15" in blocked.get_data(as_text=True)


def test_failed_logins_are_throttled_per_address(app, make):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    user = make.member()
    for i in range(3):
        login(
            app.test_client(), f"x{i}@addr.test", "bad-password-x", environ_base={"REMOTE_ADDR": "192.0.2.7"}
        )
    r = login(app.test_client(), user, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert r.status_code == 429
    r = login(app.test_client(), user, environ_base={"REMOTE_ADDR": "192.0.2.8"})
    assert r.status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "https://elsewhere.example/x",
        "//elsewhere.example",
        "/\\elsewhere.example",
        "http:/elsewhere",
        " //elsewhere.example",
        "javascript:alert(1)",
    ],
)
def test_next_never_leaves_the_site(client, make, target):
    user = make.member()
    r = login(client, user, path="/login?next=" + target)
    assert r.status_code == 302
    assert r.headers["Location"] in ("/", "http://localhost/")


def test_next_inside_the_site_is_followed(client, make):
    user = make.member()
    r = login(client, user, path="/login?next=/demands?domain=retail")
    assert r.headers["Location"].endswith("/demands?domain=retail")


def test_api_tokens_on_the_account_page(client, db, make):
    user = make.member()
    sign_in(client, user)
    html = client.post("/account/tokens", data={"tok-label": "ERP 对接"}).get_data(as_text=True)
    db.refresh(user)
    token = user.tokens[0]
    assert token.label == "ERP 对接" and token.prefix in html
    raw = html[html.index("rsm_") :].split("<")[0].strip()
    assert services.user_for_token(db, raw).id == user.id
    client.post(f"/account/tokens/{token.id}/revoke")
    db.refresh(token)
    assert token.revoked and services.user_for_token(db, raw) is None


def test_real_accounts_are_hashed_with_scrypt(monkeypatch):
    from marketplace.accounts import models

    monkeypatch.setattr(models, "PASSWORD_METHOD", "scrypt")  # the production default, undone by the suite
    user = User(email="s@hash.example.com")
    user.set_password("Robot-Scenes-88")
    assert user.password_hash.startswith("scrypt:") and user.check_password("Robot-Scenes-88")
