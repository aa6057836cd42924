"""The durable index feed: a change table written in the same transaction as each
change to an indexed record, and each host's watermark into it.

Writing: a session-wide `after_flush` listener (so it holds whichever service or
view changed the record) inserts one `index_changes` row per changed demand,
offering or organization (their tags and modes count as changes to their parent)
on the flush's own connection. The row commits or rolls back with the change.

Reading: each index keeps a `FeedState` beside its files: the highest change id it
has applied (`mark`) and the ids below it it has not seen yet (`gaps`). On
PostgreSQL ids come from a sequence, so a transaction that took id 7 may commit
after one that took id 8: a missing id is a gap until every transaction of this
database that was running when it was first seen has ended (the oldest running
transaction id has passed the snapshot's `xmax` noted then); it is then either
visible (applied) or was rolled back (dropped). On SQLite writers take turns, so no lower id can appear later.

Applying a change reloads the record's document from the database as it is now,
so applying a row twice, or out of order, gives the same index.

Pruning: a daily job (`prune-index-changes`) deletes the rows older than
`INDEX_FEED_KEEP_DAYS` (14). The newest pruned row stays as a tombstone (key
`PRUNED`): an index whose watermark is below it missed changes it can no longer
read, and rebuilds from the database; the newest row of all is never deleted, so
SQLite never hands out an id again."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import cast

from sqlalchemy import (
    BigInteger,
    DateTime,
    Integer,
    String,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..db import Base, bulk_insert, utcnow
from .schema import key_of

# Look this far below the newest change for ids not yet visible when a rebuild starts.
REBUILD_GAP_WINDOW = 1000
BATCH = 2000
# The key of the tombstone left where the feed was pruned.
PRUNED = "pruned"


class IndexChange(Base):
    """One changed record: its document key ("o12", "d3", "g5")."""

    __tablename__ = "index_changes"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    key: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


# ---------------------------------------------------------------- writing


def _key_for(obj) -> str | None:
    from ..accounts.models import Organization
    from ..listings.models import Demand, DemandTag, Offering, OfferingMode, OfferingTag

    try:
        if isinstance(obj, Demand):
            return key_of("demand", obj.id)
        if isinstance(obj, Offering):
            return key_of("offering", obj.id)
        if isinstance(obj, Organization):
            return key_of("org", obj.id)
        if isinstance(obj, DemandTag):
            return key_of("demand", obj.demand_id) if obj.demand_id else None
        if isinstance(obj, OfferingTag | OfferingMode):
            return key_of("offering", obj.offering_id) if obj.offering_id else None
    except Exception:  # an expired attribute of a deleted row: its parent is in the flush too
        return None
    return None


def changed_keys(session: Session) -> set[str]:
    """Document keys of the indexed records this flush writes (a renamed
    organization's listings too: their documents carry its name)."""
    from sqlalchemy import inspect

    from ..accounts.models import Organization
    from ..listings.models import Demand, Offering

    keys: set[str] = set()
    renamed: list[int] = []
    for obj in session.new | session.deleted:
        key = _key_for(obj)
        if key and not key.endswith("None"):
            keys.add(key)
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=True):
            key = _key_for(obj)
            if key and not key.endswith("None"):
                keys.add(key)
            if isinstance(obj, Organization) and inspect(obj).attrs.name.history.has_changes():
                renamed.append(obj.id)
    if renamed:
        conn = session.connection()
        for kind, model in (("demand", Demand), ("offering", Offering)):
            ids = conn.execute(select(model.id).where(model.org_id.in_(renamed))).scalars()
            keys.update(key_of(kind, i) for i in ids)
    return keys


def _after_flush(session: Session, _flush_context) -> None:
    keys = changed_keys(session)
    if keys:
        now = utcnow()
        session.connection().execute(
            insert(IndexChange), [{"key": k, "created_at": now} for k in sorted(keys)]
        )


def write_keys(session: Session, kind: str, ids: Iterable[int]) -> None:
    """Feed rows for records written with Core statements (bulk inserts), which the
    `after_flush` listener does not see: on the session's connection, so they
    commit or roll back with the records."""
    now = utcnow()
    bulk_insert(session, IndexChange, [{"key": key_of(kind, i), "created_at": now} for i in ids])


_installed = False


def install() -> None:
    """Listen on every session (once per process)."""
    global _installed
    if not _installed:
        event.listen(Session, "after_flush", _after_flush)
        _installed = True


# ---------------------------------------------------------------- reading


@dataclass
class FeedState:
    """How far an index has applied the feed."""

    mark: int = 0
    gaps: dict[int, int] = field(default_factory=dict)  # missing id -> snapshot xmax when first seen

    def to_json(self) -> str:
        return json.dumps({"mark": self.mark, "gaps": {str(k): v for k, v in self.gaps.items()}})

    @classmethod
    def from_json(cls, raw: str) -> FeedState:
        data = json.loads(raw)
        return cls(int(data["mark"]), {int(k): int(v) for k, v in data.get("gaps", {}).items()})

    def save(self, path: Path) -> None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}")
        tmp.write_text(self.to_json())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> FeedState | None:
        try:
            return cls.from_json(path.read_text())
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _snapshot(session: Session) -> tuple[int, int]:
    """(xmin, xmax) now (PostgreSQL 13+): xmax is the first transaction id not yet
    assigned; xmin bounds the transactions still running *in this database* (every
    writer of `index_changes` is this application, so its sessions are visible in
    pg_stat_activity), rather than the cluster-wide snapshot xmin, which any long
    transaction in another database would hold back."""
    row = session.execute(
        text(
            "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint, "
            "(SELECT max(age(backend_xid)) FROM pg_stat_activity "
            " WHERE datname = current_database() AND backend_xid IS NOT NULL)"
        )
    ).one()
    xmax, oldest_age = int(row[0]), row[1]
    xmin = xmax if oldest_age is None else xmax - int(oldest_age) - 1  # one short: on the safe side
    return xmin, xmax


def newest_id(session: Session) -> int:
    return session.scalar(select(func.max(IndexChange.id))) or 0


def start_state(session: Session) -> FeedState:
    """The state a full rebuild that reads the database from now on will have reached:
    every change up to the newest id, except ids still invisible (maybe in flight)."""
    newest = newest_id(session)
    state = FeedState(mark=newest)
    if newest and _is_postgres(session):
        low = max(0, newest - REBUILD_GAP_WINDOW)
        present = set(session.scalars(select(IndexChange.id).where(IndexChange.id > low)))
        _xmin, xmax = _snapshot(session)
        state.gaps = {i: xmax for i in range(low + 1, newest) if i not in present}
    return state


@dataclass
class Batch:
    keys: set[str]
    state: FeedState  # the state once these keys are applied
    rows: int
    pruned: bool = False  # changes past the state were pruned: only a rebuild can catch up


def next_batch(session: Session, state: FeedState, limit: int = BATCH) -> Batch:
    """The changes past `state` (at most `limit`), and the state after applying them."""
    cond = IndexChange.id > state.mark
    if state.gaps:
        cond = or_(cond, IndexChange.id.in_(sorted(state.gaps)))
    rows = session.execute(
        select(IndexChange.id, IndexChange.key).where(cond).order_by(IndexChange.id).limit(limit)
    ).all()
    seen = {r.id for r in rows}
    keys = {r.key for r in rows}
    pruned = PRUNED in keys
    keys.discard(PRUNED)
    new = FeedState(mark=max([state.mark, *seen]), gaps={})
    postgres = _is_postgres(session)
    if postgres and (state.gaps or rows):
        xmin, xmax = _snapshot(session)
        for gap, first_xmax in state.gaps.items():
            if gap not in seen and xmin < first_xmax:
                new.gaps[gap] = first_xmax  # its transaction may still commit
        for i in range(state.mark + 1, new.mark):
            if i not in seen and i not in state.gaps:
                new.gaps[i] = xmax
    return Batch(keys, new, len(rows), pruned)


def behind(session: Session, state: FeedState | None) -> tuple[int, float]:
    """(changes not applied yet, age in seconds of the oldest of them)."""
    if state is None:
        count, oldest = session.execute(select(func.count(), func.min(IndexChange.created_at))).one()
    else:
        cond = IndexChange.id > state.mark
        if state.gaps:
            cond = or_(cond, IndexChange.id.in_(sorted(state.gaps)))
        count, oldest = session.execute(
            select(func.count(), func.min(IndexChange.created_at)).where(cond)
        ).one()
    age = (utcnow() - oldest).total_seconds() if oldest is not None else 0.0
    return int(count or 0), max(0.0, age)


def keys_of(kind: str, ids: Iterable[int]) -> list[str]:
    return [key_of(kind, i) for i in ids]


# ---------------------------------------------------------------- pruning


def prune(session: Session, before: datetime) -> int:
    """Delete the changes made before `before`, but the newest row of all; the
    newest deleted one stays as the `PRUNED` tombstone. Returns the rows deleted."""
    newest = newest_id(session)
    horizon = session.scalar(
        select(func.max(IndexChange.id)).where(IndexChange.created_at < before, IndexChange.id < newest)
    )
    if horizon is None:
        return 0
    result = cast(CursorResult, session.execute(delete(IndexChange).where(IndexChange.id < horizon)))
    deleted = result.rowcount
    session.execute(update(IndexChange).where(IndexChange.id == horizon).values(key=PRUNED))
    return int(deleted or 0)
