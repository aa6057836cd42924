"""`Idempotency-Key` on every API POST: a client that retries after a dropped
connection gets the first answer again instead of a second record.

Keys are rows in `idempotency_keys`, one per (account, key), with a fingerprint of
the request (method, path, body). Before the view runs, the key is claimed by a
"pending" row in the request's own transaction (SQLite: taken with the write lock;
PostgreSQL: a second request with the same key waits on the unique index until the
first commits). After the view, the row keeps the answer (status, body, Location).

- same key, same request, answered:   the stored answer, with `Idempotent-Replayed: true`
- same key, same request, in progress: 409 `idempotency_in_progress` (retry later)
- same key, another request:           422 `idempotency_key_reused`
- answers 5xx, 401 and 429 are not kept: the key is freed and a retry runs again.
Keys are kept `KEEP` long; an older key counts as new.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta

from flask import Response, g, request
from flask_babel import gettext as _
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..db import Base, get_session, utcnow
from ..errors import DomainError, ValidationFailed

HEADER = "Idempotency-Key"
KEY_MAX = 255
KEEP = timedelta(hours=24)
# A pending claim older than this belongs to a request that died: take it over.
ABANDONED = timedelta(minutes=5)
_NOT_KEPT = frozenset({401, 429})


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_idempotency_keys_user_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_MAX))
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    response_body: Mapped[str | None] = mapped_column(Text, nullable=True)
    response_headers: Mapped[str | None] = mapped_column(Text, nullable=True)


class KeyReused(DomainError):
    status, code = 422, "idempotency_key_reused"


class InProgress(DomainError):
    status, code = 409, "idempotency_in_progress"


def _valid_key(raw: str) -> bool:
    return 0 < len(raw) <= KEY_MAX and all(" " <= ch <= "~" for ch in raw)


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What makes two requests "the same": method, path with query, and body bytes."""
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode("utf-8", "surrogateescape"), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _replay(row: IdempotencyKey) -> Response:
    headers = json.loads(row.response_headers or "{}")
    response = Response(row.response_body or "", status=row.status_code or 200, headers=headers)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _existing(session: Session, user_id: int, key: str) -> IdempotencyKey | None:
    return session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
    )


def before_post() -> Response | None:
    """Claim the request's key, or answer from an earlier request with it."""
    if request.method != "POST":
        return None
    raw = request.headers.get(HEADER)
    if raw is None:
        return None
    if not _valid_key(raw):
        raise ValidationFailed(
            _("The Idempotency-Key header must be 1 to 255 visible ASCII characters."),
            {HEADER: _("1 to 255 visible ASCII characters")},
        )
    from .auth import api_user

    user = api_user()
    if user is None:  # the view answers 401; nothing to replay
        return None
    session = get_session()
    full_path = request.full_path if request.query_string else request.path
    print_ = fingerprint(request.method, full_path, request.get_data(cache=True))
    row = _existing(session, user.id, raw)
    now = utcnow()
    if row is not None:
        stale = now - row.created_at > (KEEP if row.status_code is not None else ABANDONED)
        if stale:
            session.delete(row)
            session.flush()
        elif row.fingerprint != print_:
            raise KeyReused(_("This Idempotency-Key was already used for a different request."))
        elif row.status_code is None:
            raise InProgress(
                _("A request with this Idempotency-Key is still being processed: retry shortly.")
            )
        else:
            return _replay(row)
    claim = IdempotencyKey(user_id=user.id, key=raw, fingerprint=print_, created_at=now)
    session.add(claim)
    try:
        session.flush()
    except IntegrityError:  # PostgreSQL: another request claimed it and has committed
        session.rollback()
        row = _existing(session, user.id, raw)
        if row is not None and row.fingerprint != print_:
            raise KeyReused(_("This Idempotency-Key was already used for a different request.")) from None
        if row is not None and row.status_code is not None:
            return _replay(row)
        raise InProgress(
            _("A request with this Idempotency-Key is still being processed: retry shortly.")
        ) from None
    g.idempotency = (user.id, raw, print_)
    return None


def _store(session: Session, user_id: int, key: str, print_: str, response: Response) -> None:
    row = _existing(session, user_id, key)
    if row is None:  # the view rolled its transaction (and the claim) back
        row = IdempotencyKey(user_id=user_id, key=key, fingerprint=print_, created_at=utcnow())
        session.add(row)
    headers = {"Content-Type": response.headers.get("Content-Type", "application/json")}
    if "Location" in response.headers:
        headers["Location"] = response.headers["Location"]
    row.status_code = response.status_code
    row.response_body = response.get_data(as_text=True)
    row.response_headers = json.dumps(headers)
    session.commit()


def after_post(response: Response) -> Response:
    """Keep the answer under the claimed key (or free the key for a retry)."""
    claimed = g.pop("idempotency", None)
    if claimed is None:
        return response
    user_id, key, print_ = claimed
    session = get_session()
    status = response.status_code
    for _attempt in range(2):
        try:
            if not 200 <= status < 300:
                # A refusal: whatever the view flushed before refusing is not kept.
                session.rollback()
            if status >= 500 or status in _NOT_KEPT:
                session.execute(
                    delete(IdempotencyKey).where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
                )
                session.commit()
            else:
                _store(session, user_id, key, print_, response)
            break
        except SQLAlchemyError:
            # The answer stands; at worst a retry finds no key (or an abandoned claim).
            session.rollback()
    return response
