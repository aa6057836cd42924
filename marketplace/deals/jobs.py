"""The deals feature's periodic job: quotes past their date expire by themselves."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..jobs import periodic


@periodic("expire-responses", period="day")
def expire_responses(session: Session) -> str:
    """Live responses whose quote has lapsed become expired (the vendors are told)."""
    from .services import expire_due

    return f"{expire_due(session)} expired"
