"""Commit, then publish what hangs off the commit (search index, match alerts).

Services note the work with `after_commit(session, key, work)` (listings do it
through `listings.hooks.listings_changed`); views, the API and the CLI end with
`commit_and_publish(session)` instead of a commit followed by hand-written calls.
Work runs only after a successful commit, once per key, and a failure in it is
logged, never raised: derived data must not undo or block a save. A rollback,
or a plain `session.commit()`, drops the pending work."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

log = logging.getLogger("marketplace")

_PENDING = "after_commit_work"

Work = Callable[[], None]


def after_commit(session: Session, key: str, work: Work) -> None:
    """Run `work()` after the session's next `commit_and_publish` (once per key:
    the first registration for a key wins, so work should read its state late)."""
    session.info.setdefault(_PENDING, {}).setdefault(key, work)


def pending(session: Session, key: str) -> Work | None:
    """The work noted under `key` and not yet run, if any."""
    return session.info.get(_PENDING, {}).get(key)


def commit_and_publish(session: Session) -> None:
    """Commit the session, then run the work noted for it."""
    work: dict[str, Work] = session.info.pop(_PENDING, {})
    session.commit()
    _run(work)


def _run(work: dict[str, Work]) -> None:
    for key, fn in work.items():
        try:
            fn()
        except Exception:  # a derived-data failure must never undo or block a save
            log.exception("after-commit work %r failed", key)


@event.listens_for(Session, "after_transaction_end")
def _drop_at_end(session: Session, transaction: SessionTransaction) -> None:
    """The outermost transaction ended without `commit_and_publish`: drop its work."""
    if not transaction.nested and transaction.parent is None:
        session.info.pop(_PENDING, None)
