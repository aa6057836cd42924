"""The public showcase page (示范案例)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from .. import taxonomy
from ..db import get_session
from . import services

bp = Blueprint("showcase", __name__)

PER_PAGE = 12


def filters_from(args) -> services.ShowcaseFilters:
    f = services.ShowcaseFilters()
    if taxonomy.is_code("domains", args.get("domain")):
        f.domain = args["domain"]
    if taxonomy.is_code("cities", args.get("city")):
        f.city = args["city"]
    return f


@bp.get("/showcase")
def index():
    db = get_session()
    f = filters_from(request.args)
    raw = request.args.get("page", "1")
    page_no = int(raw) if raw.isdigit() and 0 < int(raw) < 100000 else 1
    page = services.showcase_page(db, f, page_no, PER_PAGE)
    return render_template(
        "showcase/index.html",
        page=page,
        f=f,
        args={k: v for k, v in (("domain", f.domain), ("city", f.city)) if v},
        pictures=services.pictures(db, page.items),
        total=services.count(db),
        outcome_rows=services.outcome_rows,
    )
