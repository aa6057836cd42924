"""The demand list (需求清单) and the supply list (供给清单): browse, post, keep."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import pagecache, taxonomy
from ..accounts.access import ensure_owner, ensure_visible, is_member_of, official_required
from ..db import get_session
from ..errors import NotAllowed
from ..i18n import current_lang
from ..pagination import paginate
from ..publish import commit_and_publish
from ..sections import Section, sections_for
from . import exports, services
from .forms import DemandForm, OfferingForm
from .models import Demand, Offering

bp = Blueprint("listings", __name__)


FILTER_KEYS = ("domain", "task", "city", "mode", "category", "kind", "verified", "q", "sort")


def _filters(kind: str) -> services.ListFilters:
    return services.list_filters(kind, request.args)


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100000 else 1


def _list_page(kind: str):
    session = get_session()
    f = _filters(kind)
    stmt = services.demand_query(f) if kind == "demands" else services.offering_query(f)
    page = paginate(session, stmt, _page_number(), current_app.config["PAGE_SIZE"])
    # Only known filter keys go back into links (url_for would honour `_external` etc.).
    args = {k: v for k, v in request.args.items() if k in FILTER_KEYS and v}
    return render_template(
        f"listings/{kind}_list.html", page=page, f=f, args=args, tasks=taxonomy.tasks_for_domain(f.domain)
    )


def org_listings_section(session, org, viewer) -> Section | None:
    """An organization's page: its needs and offerings (all of them for its own
    members, the public ones for everyone else)."""
    own = is_member_of(viewer, org.id)
    demands = session.scalars(services.org_demands(org.id, public_only=not own)).all()
    offerings = session.scalars(services.org_offerings(org.id, public_only=not own)).all()
    if not (org.posts_demands or demands or org.posts_offerings or offerings):
        return None
    return Section("listings/_org_listings.html", {"demands": demands, "offerings": offerings})


@bp.get("/demands")
def demands():
    """The public demand list with its filters."""
    return _list_page("demands")


@bp.get("/offerings")
def offerings():
    """The public offering list with its filters."""
    return _list_page("offerings")


@bp.get("/demands/export.<fmt>")
@official_required
def export_demands(fmt: str):
    """The filtered demand list as a CSV or Excel file."""
    return _export("demands", fmt)


@bp.get("/offerings/export.<fmt>")
@official_required
def export_offerings(fmt: str):
    """The filtered offering list as a CSV or Excel file."""
    return _export("offerings", fmt)


def _export(kind: str, fmt: str) -> Response:
    if fmt not in ("csv", "xlsx"):
        abort(404)
    session = get_session()
    f = _filters(kind)
    lang = current_lang()
    if kind == "demands":
        header, rows = exports.demand_rows(session.scalars(services.demand_query(f)).all(), lang)
    else:
        header, rows = exports.offering_rows(session.scalars(services.offering_query(f)).all(), lang)
    if fmt == "csv":
        body, mime = exports.to_csv(header, rows), "text/csv; charset=utf-8"
    else:
        body = exports.to_xlsx(header, rows, kind)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body, content_type=mime, headers={"Content-Disposition": f"attachment; filename={kind}.{fmt}"}
    )


# ---------------------------------------------------------------- detail pages


@bp.get("/demands/<ref>")
def demand_detail(ref: str):
    """A demand's page with the sections other features contribute."""
    session = get_session()
    demand = services.demand_by_ref(session, ref, whole=False)
    ensure_visible(current_user, demand)
    own = is_member_of(current_user, demand.org_id)
    sections = sections_for("demand", session, demand, current_user)
    body_html = None
    if not own:
        # The need itself reads the same for everyone but its organization: rendered
        # once per language and version of the listings, for every other viewer.
        body_html = pagecache.kept_html(
            f"demand-body:{demand.id}:{current_lang()}",
            lambda: render_template("listings/_demand_body.html", d=demand, own=False),
        )
    return render_template(
        "listings/demand_detail.html", d=demand, own=own, sections=sections, body_html=body_html
    )


@bp.get("/offerings/<ref>")
def offering_detail(ref: str):
    """An offering's page with the sections other features contribute."""
    session = get_session()
    offering = services.offering_by_ref(session, ref)
    ensure_visible(current_user, offering)
    return render_template(
        "listings/offering_detail.html",
        o=offering,
        own=is_member_of(current_user, offering.org_id),
        sections=sections_for("offering", session, offering, current_user),
    )


# ---------------------------------------------------------------- post and keep


def _require_poster(side_ok: str):
    if not current_user.is_authenticated:
        return
    org = current_user.organization
    if current_user.role != "member" or org is None:
        raise NotAllowed(_("Only members of an organization can post listings."))
    if not getattr(org, side_ok):
        raise NotAllowed(_("Your organization is not registered for this side of the market."))


@bp.route("/demands/new", methods=["GET", "POST"])
@login_required
def demand_new():
    """Post a demand (members of organizations on the demand side)."""
    _require_poster("posts_demands")
    form = DemandForm(current_lang())
    if request.method == "GET":
        form.city.data = current_user.organization.city
    if form.validate_on_submit():
        session = get_session()
        demand, _created = services.create_once(
            session,
            Demand,
            services.create_demand,
            current_user.organization,
            form.to_clean(),
            form.submit_key.data,
        )
        commit_and_publish(session)
        flash(_("Your need has been saved."), "success")
        return redirect(url_for("listings.demand_detail", ref=demand.ref))
    return render_template("listings/demand_form.html", form=form, demand=None), 400 if form.errors else 200


@bp.route("/demands/<ref>/edit", methods=["GET", "POST"])
@login_required
def demand_edit(ref: str):
    """Edit a demand (members of its organization)."""
    session = get_session()
    demand = services.demand_by_ref(session, ref)
    ensure_owner(current_user, demand)
    form = DemandForm(current_lang())
    if request.method == "GET":
        form.load(demand)
    if form.validate_on_submit():
        services.update_demand(session, demand, form.to_clean())
        commit_and_publish(session)
        flash(_("Your changes have been saved."), "success")
        return redirect(url_for("listings.demand_detail", ref=demand.ref))
    return render_template("listings/demand_form.html", form=form, demand=demand), 400 if form.errors else 200


@bp.post("/demands/<ref>/close")
@login_required
def demand_close(ref: str):
    """Close a demand: it leaves the public list."""
    session = get_session()
    demand = services.demand_by_ref(session, ref)
    ensure_owner(current_user, demand)
    services.close_demand(session, demand)
    commit_and_publish(session)
    flash(_("The need has been closed. It is no longer shown in the public list."), "info")
    return redirect(url_for("listings.demand_detail", ref=demand.ref))


@bp.route("/offerings/new", methods=["GET", "POST"])
@login_required
def offering_new():
    """Post an offering (members of organizations on the supply side)."""
    _require_poster("posts_offerings")
    form = OfferingForm(current_lang())
    if form.validate_on_submit():
        session = get_session()
        offering, _created = services.create_once(
            session,
            Offering,
            services.create_offering,
            current_user.organization,
            form.to_clean(),
            form.submit_key.data,
        )
        commit_and_publish(session)
        flash(_("Your offering has been saved."), "success")
        return redirect(url_for("listings.offering_detail", ref=offering.ref))
    return render_template(
        "listings/offering_form.html", form=form, offering=None
    ), 400 if form.errors else 200


@bp.route("/offerings/<ref>/edit", methods=["GET", "POST"])
@login_required
def offering_edit(ref: str):
    """Edit an offering (members of its organization); the listing services refuse changes that break
    bookings."""
    session = get_session()
    offering = services.offering_by_ref(session, ref)
    ensure_owner(current_user, offering)
    form = OfferingForm(current_lang())
    if request.method == "GET":
        form.load(offering)
    if form.validate_on_submit():
        services.update_offering(session, offering, form.to_clean())
        commit_and_publish(session)
        flash(_("Your changes have been saved."), "success")
        return redirect(url_for("listings.offering_detail", ref=offering.ref))
    return render_template(
        "listings/offering_form.html", form=form, offering=offering
    ), 400 if form.errors else 200


@bp.post("/offerings/<ref>/withdraw")
@login_required
def offering_withdraw(ref: str):
    """Withdraw an offering: it leaves the public list."""
    session = get_session()
    offering = services.offering_by_ref(session, ref)
    ensure_owner(current_user, offering)
    services.withdraw_offering(session, offering)
    commit_and_publish(session)
    flash(_("The offering has been withdrawn. It is no longer shown in the public list."), "info")
    return redirect(url_for("listings.offering_detail", ref=offering.ref))
