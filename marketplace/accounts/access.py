"""Who may see and change what. Views call these; tests walk them."""

from __future__ import annotations

from functools import wraps

from flask_login import current_user

from ..errors import NotAllowed, NotFoundError


def is_member_of(user, org_id: int | None) -> bool:
    """Whether `user` is a signed-in member of the organization `org_id`."""
    return bool(getattr(user, "is_authenticated", False)) and user.belongs_to(org_id)


def can_view_record(user, record) -> bool:
    """Public records to all; drafts, closed and withdrawn only to their organization."""
    return record.is_public or is_member_of(user, record.org_id)


def ensure_visible(user, record) -> None:
    """NotFoundError (404) unless `user` may see `record`: hidden records are not admitted to exist."""
    if record is None or not can_view_record(user, record):
        raise NotFoundError()


def ensure_owner(user, record) -> None:
    """Only members of the owning organization change a record."""
    ensure_visible(user, record)
    if not is_member_of(user, record.org_id):
        raise NotAllowed()


def official_required(view):
    """View decorator: officials and admins only (others are sent to sign in, or refused)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            from ..extensions import login_manager

            return login_manager.unauthorized()
        if not current_user.is_official:
            raise NotAllowed()
        return view(*args, **kwargs)

    return wrapper
