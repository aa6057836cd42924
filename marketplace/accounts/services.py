"""Accounts: registration, authentication with shared throttling, passwords, tokens."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..db import utcnow
from ..errors import DomainError, NotFoundError, ValidationFailed
from .models import ApiToken, LoginAttempt, Organization, User, new_ref

log = logging.getLogger("marketplace.auth")

PASSWORD_MIN, PASSWORD_MAX = 8, 128

# password_problem() code -> the message shown beside the field (forms and API)
PASSWORD_MESSAGES = {
    "short": _l("At least 8 characters."),
    "long": _l("At most 128 characters."),
    "common": _l("This password is too common or too easy to guess."),
}


class TooManyAttempts(DomainError):
    status, code = 429, "too_many_requests"


class BadCredentials(DomainError):
    status, code = 401, "bad_credentials"


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("common_passwords.txt")
    return frozenset(line.strip() for line in path.read_text().splitlines() if line.strip())


def password_problem(password: str, email: str = "") -> str | None:
    """A message code when the password is unacceptable: 'short', 'long', 'common'."""
    if len(password) < PASSWORD_MIN:
        return "short"
    if len(password) > PASSWORD_MAX:
        return "long"
    lowered = password.lower()
    if lowered in _common_passwords() or (email and lowered == email.lower()):
        return "common"
    if len(set(password)) <= 2:
        return "common"
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
) -> User:
    """A new account (flushed); ValidationFailed for a taken address, a weak password or a member
    without an organization."""
    email = normalise_email(email)
    if find_user(session, email) is not None:
        taken = str(_l("An account with this email already exists."))
        raise ValidationFailed(taken, {"email": taken})
    problem = password_problem(password, email)
    if problem:
        raise ValidationFailed(
            str(_l("Please correct the marked fields.")), {"password": str(PASSWORD_MESSAGES[problem])}
        )
    if role == "member" and org is None:
        raise ValidationFailed(str(_l("Please correct the marked fields.")), {"org": str(_l("is required"))})
    user = User(email=email, role=role, organization=org if role == "member" else None, name=name)
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
    password and unknown account are indistinguishable to the caller."""
    email = normalise_email(email)[:254]
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
    if (by_account or 0) >= max_account or (by_address or 0) >= max_address:
        log.warning("login throttled account=%s address=%s at=%sZ", email, address, utcnow().isoformat())
        raise TooManyAttempts("throttled")
    user = find_user(session, email)
    if user is None or not user.active or not user.check_password(password):
        session.add(LoginAttempt(email=email, address=address[:64]))
        session.flush()
        log.warning("login failed account=%s address=%s at=%sZ", email, address, utcnow().isoformat())
        raise BadCredentials("bad credentials")
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    log.info("login ok account=%s address=%s at=%sZ", email, address, utcnow().isoformat())
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Change the password after checking the current one; other sessions end."""
    if not user.check_password(current):
        wrong = str(_l("The current password is wrong."))
        raise ValidationFailed(wrong, {"current_password": wrong})
    problem = password_problem(new, user.email)
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
