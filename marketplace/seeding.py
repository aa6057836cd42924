"""Demo data: the interchange file and the demo accounts under `seeds/`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from .accounts import services as accounts
from .db import utcnow
from .deals.seeding import load_deal_seeds
from .demo_extras import load_extras
from .interchange.importer import import_data
from .pilots.seeding import load_pilot_seeds
from .publish import commit_and_publish


def load_seeds(session: Session, folder: Path) -> Iterator[str]:
    started = utcnow()
    data = json.loads((folder / "demo.json").read_text(encoding="utf-8"))
    result = import_data(session, data)
    if not result.ok:
        session.rollback()
        raise RuntimeError("demo data is invalid: " + "; ".join(p.describe() for p in result.problems))
    commit_and_publish(session)
    yield result.summary()
    accounts_file = folder / "accounts.json"
    if not accounts_file.exists():
        return
    for entry in json.loads(accounts_file.read_text(encoding="utf-8")):
        if accounts.find_user(session, entry["email"]) is not None:
            continue
        org = accounts.org_by_ref(session, entry["org"]) if entry.get("org") else None
        accounts.create_user(
            session, entry["email"], entry["password"], entry["role"], org, entry.get("name", ""), demo=True
        )
        session.commit()
        yield f"created demo account {entry['email']} ({entry['role']})"
    yield from load_pilot_seeds(session, folder)
    yield from load_deal_seeds(session, folder)
    yield from load_extras(session, folder, started)
    yield from _load_pictures(session, folder)
    yield _best_scores(session)


def _best_scores(session: Session) -> str:
    """Every open demand's best score stored, so the dashboard is current at once."""
    from .matching.best import refresh_all

    n = refresh_all(session)
    session.commit()
    return f"best scores of {n} open demands computed"


def _load_pictures(session: Session, folder: Path) -> Iterator[str]:
    """Drawn demo photos and documents (seeds/pictures.py), when the folder has the script."""
    import importlib.util

    script = folder / "pictures.py"
    if not script.exists():
        return
    spec = importlib.util.spec_from_file_location("demo_pictures", script)
    assert spec is not None and spec.loader is not None, script
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield from module.load_demo_pictures(session)
