"""Sign-in that does not reveal which accounts exist, and passwords checked against
a real list of common and leaked passwords and against the user's own names."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.accounts import models, services
from marketplace.accounts.models import LoginAttempt


@pytest.fixture
def hashes(monkeypatch):
    """Count the password hashes computed (known account or the dummy)."""
    calls: list[str] = []
    real = services.check_password_hash

    def counting(stored, password):
        calls.append(stored.split("$", 1)[0])
        return real(stored, password)

    monkeypatch.setattr(services, "check_password_hash", counting)
    monkeypatch.setattr(models, "check_password_hash", counting)
    return calls


def test_unknown_and_known_accounts_cost_one_hash_of_the_same_method(client, make, hashes):
    make.member(email="known@signin.test")
    methods = []
    for email in ("known@signin.test", "unknown@signin.test"):
        hashes.clear()
        r = client.post("/login", data={"email": email, "password": "Wrong-password-1"})
        assert r.status_code == 401 and "邮箱或密码错误" in r.get_data(as_text=True)
        assert len(hashes) == 1, (email, hashes)
        methods.append(hashes[0])
    assert methods[0] == methods[1] == models.PASSWORD_METHOD


def test_a_disabled_account_is_hashed_too(client, make, db, hashes):
    user = make.member(email="off@signin.test")
    user.active = False
    db.flush()
    r = client.post("/login", data={"email": "off@signin.test", "password": "Correct-Horse-42"})
    assert r.status_code == 401 and len(hashes) == 1


def test_success_forgets_earlier_failures_and_failure_is_counted(client, make, db):
    user = make.member(email="back@signin.test")
    assert client.post("/login", data={"email": user.email, "password": "nope-nope-1"}).status_code == 401
    count = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.email == user.email)
    assert db.scalar(count) == 1
    assert (
        client.post("/login", data={"email": user.email, "password": "Correct-Horse-42"}).status_code == 302
    )
    assert db.scalar(count) == 0


@pytest.mark.parametrize(
    "password",
    [
        "abcdefgh",
        "qwertyui",
        "zhangsan123",
        "password2024",
        "sunshine!!",
        "87654321",
        "iloveyou88",
        "Dragon123",
    ],
)
def test_common_and_leaked_passwords_are_refused(password):
    assert services.password_problem(password) == "common"


def test_the_list_is_tens_of_thousands_long():
    assert len(services._common_passwords()) > 25_000


@pytest.mark.parametrize(
    "password, email, org",
    [
        ("liuxiaoming-2026", "liuxiaoming@example.cn", ""),
        ("Xx-liu.ming-77", "liu.ming@example.cn", ""),
        ("Hangzhou Robotics 9!", "a@b.cn", "Hangzhou Robotics"),
        ("我的星辰机器人2026", "a@b.cn", "星辰机器人"),
    ],
)
def test_passwords_with_the_users_own_names_are_refused(password, email, org):
    assert services.password_problem(password, email, org) == "personal"


@pytest.mark.parametrize("password", ["Robot-Scenes-88", "Correct-Horse-42", "tea kettle lamp river"])
def test_good_passwords_pass(password):
    assert services.password_problem(password, "someone@example.cn", "浙江某机器人公司") is None


def test_registration_refuses_the_organization_name_in_the_password(client, db):
    r = client.post(
        "/register",
        data={
            "email": "reg@signin.test",
            "name": "注册人",
            "password": "Starfield Robotics 1",
            "confirm": "Starfield Robotics 1",
            "org_name": "Starfield Robotics",
            "side": "demand",
            "city": "hangzhou",
        },
    )
    assert r.status_code == 400
    assert "机构名称" in r.get_data(as_text=True)
    assert "Starfield Robotics" in r.get_data(as_text=True)  # the form keeps what was typed
