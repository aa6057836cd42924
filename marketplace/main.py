"""The home page, the language switch and a health check."""

from __future__ import annotations

from flask import (
    Blueprint,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import (
    session as web_session,
)
from sqlalchemy import func, select, text

from . import taxonomy
from .db import get_session
from .i18n import LANG_COOKIE
from .listings import services as listings
from .listings.models import Demand, Offering
from .security import safe_next

bp = Blueprint("main", __name__)


def init_app(app) -> None:
    app.register_blueprint(bp)


@bp.get("/")
def home():
    session = get_session()
    newest_demands = session.scalars(
        select(Demand)
        .where(Demand.status == "open")
        .order_by(Demand.created_at.desc(), Demand.id.desc())
        .limit(6)
    ).all()
    newest_offerings = session.scalars(
        select(Offering)
        .where(Offering.status == "active")
        .order_by(Offering.created_at.desc(), Offering.id.desc())
        .limit(6)
    ).all()
    counts = listings.counts_by_domain(session)
    # Both totals in one round trip.
    open_demands = select(func.count()).select_from(Demand).where(Demand.status == "open")
    active_offerings = select(func.count()).select_from(Offering).where(Offering.status == "active")
    demand_total, offering_total = session.execute(
        select(open_demands.scalar_subquery(), active_offerings.scalar_subquery())
    ).one()
    totals = {"demands": demand_total, "offerings": offering_total}
    from .showcase import services as showcase

    showcase_newest = showcase.newest(session, 3)
    return render_template(
        "main/home.html",
        showcase_newest=showcase_newest,
        showcase_count=showcase.count(session),
        showcase_pictures=showcase.pictures(session, showcase_newest),
        outcome_rows=showcase.outcome_rows,
        newest_demands=newest_demands,
        newest_offerings=newest_offerings,
        counts=counts,
        totals=totals,
        domains=taxonomy.codes("domains"),
    )


@bp.get("/lang/<code>")
def set_language(code: str):
    """Remember the language in the session and a long-lived cookie (no data is written)."""
    target = safe_next(request.args.get("next"), url_for("main.home"))
    response = make_response(redirect(target))
    if code in ("zh", "en"):
        web_session["lang"] = code
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
    return response


@bp.get("/healthz")
def health():
    get_session().execute(text("SELECT 1"))
    return {"status": "ok"}
