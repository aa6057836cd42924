"""/search: one box for demands, offerings and organizations, with facets."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, g, render_template, request

from .. import taxonomy
from ..db import get_session
from . import service, sync_organizations

log = logging.getLogger("marketplace.search")

bp = Blueprint("search", __name__)

MAX_Q = 5000  # what a person can paste; the query itself uses the first words
_VOCABULARIES = {"domain": "domains", "city": "cities", "mode": "modes", "category": "offering_categories"}


def _args() -> tuple[str, str | None, dict[str, str], int]:
    """The query string, leniently: anything unknown is ignored, never an error."""
    args = request.args
    text = (args.get("q") or "")[:MAX_Q]
    kind = args.get("kind") if args.get("kind") in service.KINDS else None
    filters = {
        name: args[name]
        for name, vocabulary in _VOCABULARIES.items()
        if taxonomy.is_code(vocabulary, args.get(name))
    }
    raw = args.get("page", "1")
    page = int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) <= service.MAX_PAGE else 1
    return text, kind, filters, page


@bp.get("/search")
def search():
    text, kind, filters, page = _args()
    session = get_session()
    try:
        sync_organizations()
    except Exception:  # a stale organization is better than no answer
        log.exception("could not bring organizations up to date in the search index")
    else:  # the feed is applied: the search below need not read it again
        g._search_caught_up = current_app.extensions["search"]
    result = service.search(session, text, kind, filters, page, per_page=20)
    base = {"q": text[:500], **({"kind": kind} if kind else {}), **filters}
    links = {
        "without_kind": {k: v for k, v in base.items() if k != "kind"},
        "remove": {name: {k: v for k, v in base.items() if k != name} for name in filters},
    }
    return render_template(
        "search/results.html", result=result, base=base, links=links, vocabularies=_VOCABULARIES
    )
