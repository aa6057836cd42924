"""Accounts: registration, authentication with shared throttling, passwords, tokens."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import utcnow
from ..errors import DomainError, NotFoundError, ValidationFailed
from . import models
from .models import ApiToken, LoginAttempt, Organization, User, new_ref

log = logging.getLogger("marketplace.auth")

PASSWORD_MIN, PASSWORD_MAX = 8, 128

# password_problem() code -> the message shown beside the field (forms and API)
PASSWORD_MESSAGES = {
    "short": _l("At least 8 characters."),
    "long": _l("At most 128 characters."),
    "common": _l("This password is too common or too easy to guess."),
    "personal": _l("The password must not contain your email name or your organization's name."),
}


class TooManyAttempts(DomainError):
    status, code = 429, "too_many_requests"


class BadCredentials(DomainError):
    status, code = 401, "bad_credentials"


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    """About 30,000 common and leaked passwords: zxcvbn's list (MIT; the most frequent
    passwords of Xato's ten-million-password corpus) plus our own list of Chinese
    favourites (`common_passwords.txt`: pinyin names, 5201314 and the like)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    path = Path(__file__).with_name("common_passwords.txt")
    ours = (line.strip().lower() for line in path.read_text().splitlines())
    return frozenset(FREQUENCY_LISTS["passwords"]) | frozenset(word for word in ours if word)


_RUNS = (
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qazwsxedcrfvtgbyhnujmikolp",
)


def _is_run(text: str) -> bool:
    """A stretch of the alphabet, the digits or a keyboard row (either direction)."""
    return len(text) >= 4 and any(text in run or text in run[::-1] for run in _RUNS)


def _personal_words(email: str, org_name: str) -> list[str]:
    local = email.lower().partition("@")[0]
    words = [local, "".join(ch for ch in local if ch.isalnum())]
    name = org_name.strip().lower()
    words += [name, "".join(ch for ch in name if not ch.isspace())]
    return [word for word in words if len(word) >= 3]


def password_problem(password: str, email: str = "", org_name: str = "") -> str | None:
    """A message code when the password is unacceptable: 'short', 'long', 'common'
    (a common or leaked password, a run like abcdefgh, or one of those with digits
    or symbols added), 'personal' (contains the email's name or the organization's)."""
    if len(password) < PASSWORD_MIN:
        return "short"
    if len(password) > PASSWORD_MAX:
        return "long"
    lowered = password.lower()
    common = _common_passwords()
    core = lowered.strip("0123456789!@#$%^&*.-_+=?~ ")
    if lowered in common or core in common or _is_run(lowered) or (len(core) >= 6 and _is_run(core)):
        return "common"
    if len(set(password)) <= 2 or (email and lowered == email.lower()):
        return "common"
    squeezed = "".join(ch for ch in lowered if not ch.isspace())
    if any(word in lowered or word in squeezed for word in _personal_words(email, org_name)):
        return "personal"
    return None


def normalise_email(email: str) -> str:
    """Email addresses compare trimmed and in lower case."""
    return email.strip().lower()


def find_user(session: Session, email: str) -> User | None:
    """The account with this email address, or None."""
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(
    session: Session,
    email: str,
    password: str,
    role: str = "member",
    org: Organization | None = None,
    name: str = "",
    *,
    demo: bool = False,
) -> User:
    """A new account. `demo` (the seeded demo accounts, whose passwords are
    published in the README) skips only the rule against the account's own names."""
    email = normalise_email(email)
    if find_user(session, email) is not None:
        taken = str(_l("An account with this email already exists."))
        raise ValidationFailed(taken, {"email": taken})
    problem = password_problem(password, email, org.name if org is not None else "")
    if problem == "personal" and demo:
        problem = None
    if problem:
        raise ValidationFailed(
            str(_l("Please correct the marked fields.")), {"password": str(PASSWORD_MESSAGES[problem])}
        )
    if role == "member" and org is None:
        raise ValidationFailed(str(_l("Please correct the marked fields.")), {"org": str(_l("is required"))})
    # The organization's first member is its manager.
    first = (
        role == "member"
        and org is not None
        and (
            org.id is None
            or not session.scalar(
                select(func.count())
                .select_from(User)
                .where(User.org_id == org.id, User.is_manager, User.active)
            )
        )
    )
    user = User(
        email=email, role=role, organization=org if role == "member" else None, name=name, is_manager=first
    )
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def register(
    session: Session,
    *,
    email: str,
    password: str,
    name: str,
    org_name: str,
    side: str,
    city: str,
    credit_code: str | None,
    description: str,
) -> User:
    """Create an organization with this person as its first member."""
    org = Organization(
        ref=new_ref("org"),
        name=org_name.strip(),
        side=side,
        city=city,
        credit_code=(credit_code or "").strip().upper() or None,
        description=description.strip(),
    )
    session.add(org)
    return create_user(session, email, password, "member", org, name.strip())


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


@dataclass
class LoginCheck:
    """What `check_login` found; `record_login` writes its consequences."""

    email: str
    address: str
    user: User | None = None
    throttled: bool = False
    had_failures: bool = False


def check_login(
    session: Session,
    email: str,
    password: str,
    address: str,
    *,
    window_seconds: int,
    max_account: int,
    max_address: int,
) -> LoginCheck:
    """Check credentials without writing (the caller writes with `record_login`).

    Unknown accounts cost the same as known ones: their password is checked against
    a dummy hash of the same method, so the answer's time does not tell them apart."""
    email = normalise_email(email)[:254]
    address = address[:64]
    since = utcnow() - timedelta(seconds=window_seconds)
    by_account = session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.email == email, LoginAttempt.at >= since)
    )
    by_address = session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.address == address, LoginAttempt.at >= since)
    )
    result = LoginCheck(email=email, address=address)
    if (by_account or 0) >= max_account or (by_address or 0) >= max_address:
        result.throttled = True
        return result
    user = find_user(session, email)
    if user is None:
        check_password_hash(_dummy_hash(models.PASSWORD_METHOD), password)
    elif user.check_password(password) and user.active:
        result.user = user
        result.had_failures = bool(
            session.scalar(select(func.count()).select_from(LoginAttempt).where(LoginAttempt.email == email))
        )
    return result


def record_login(session: Session, result: LoginCheck) -> User:
    """Write what a sign-in check found: a failed attempt (the shared throttle count)
    or, after success, forget the account's failures. Returns the user, or raises
    TooManyAttempts / BadCredentials (the same for unknown and wrong password)."""
    if result.throttled:
        log.warning(
            "login throttled account=%s address=%s at=%sZ", result.email, result.address, utcnow().isoformat()
        )
        raise TooManyAttempts("throttled")
    if result.user is None:
        session.add(LoginAttempt(email=result.email, address=result.address))
        session.flush()
        log.warning(
            "login failed account=%s address=%s at=%sZ", result.email, result.address, utcnow().isoformat()
        )
        raise BadCredentials("bad credentials")
    if result.had_failures:
        session.execute(delete(LoginAttempt).where(LoginAttempt.email == result.email))
    log.info("login ok account=%s address=%s at=%sZ", result.email, result.address, utcnow().isoformat())
    return result.user


def needs_write(result: LoginCheck) -> bool:
    """Whether `record_login` will write for this result."""
    return result.user is None and not result.throttled or result.had_failures


def authenticate(
    session: Session,
    email: str,
    password: str,
    address: str,
    *,
    window_seconds: int,
    max_account: int,
    max_address: int,
) -> User:
    """The user for these credentials, or BadCredentials / TooManyAttempts.

    Failures are rows in `login_attempts`, so every worker shares the count. Wrong
    password and unknown account are indistinguishable to the caller (same answer,
    same cost). One transaction; web sign-in splits it (see accounts.views.login)."""
    result = check_login(
        session,
        email,
        password,
        address,
        window_seconds=window_seconds,
        max_account=max_account,
        max_address=max_address,
    )
    return record_login(session, result)


def change_password(user: User, current: str, new: str) -> None:
    """Change the password after checking the current one; other sessions end."""
    if not user.check_password(current):
        wrong = str(_l("The current password is wrong."))
        raise ValidationFailed(wrong, {"current_password": wrong})
    problem = password_problem(new, user.email, user.organization.name if user.organization else "")
    if problem:
        raise ValidationFailed(
            str(_l("Please correct the marked fields.")), {"new_password": str(PASSWORD_MESSAGES[problem])}
        )
    user.set_password(new)  # also rotates the session token: other sessions end


def issue_token(session: Session, user: User, label: str = "") -> str:
    """Issue an API token for `user` and return the raw token (shown once)."""
    token, raw = ApiToken.issue(user, label)
    session.add(token)
    session.flush()
    return raw


def user_for_token(session: Session, raw: str) -> User | None:
    """The active account behind a raw API token, or None; notes when it was used."""
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == ApiToken.hash(raw)))
    if token is None or token.revoked or not token.user.active:
        return None
    token.last_used_at = utcnow()
    return token.user


def revoke_token(session: Session, user: User, token_id: int) -> None:
    """Revoke one of `user`'s own tokens; another's is NotFoundError (404)."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFoundError()
    token.revoked = True


def org_by_ref(session: Session, ref: str) -> Organization:
    """The organization with this ref, or NotFoundError (404)."""
    org = session.scalar(select(Organization).where(Organization.ref == ref))
    if org is None:
        raise NotFoundError()
    return org
