"""Deal pages: a vendor's leads, respond with a quote, the response page (quote,
price history, decisions, conversation, contacts), revise, invite, compare, and an
organization's contact section (edited on its profile page). Each handler: load, check access, act, commit,
respond."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import pagecache, taxonomy
from ..accounts.access import ensure_visible
from ..db import begin_write, get_session
from ..errors import Conflict, NotAllowed, NotFoundError, ValidationFailed
from ..i18n import current_lang
from ..listings.models import Demand, Offering
from ..sections import Section
from . import services, workflow
from .forms import ActionForm, InviteForm, MessageForm, PeriodForm, QuoteForm

bp = Blueprint("deals", __name__)

_DONE = {
    "shortlist": lambda: _("The response has been shortlisted. The vendor has been told."),
    "decline": lambda: _("The response has been declined. The vendor can read your reason."),
    "accept": lambda: _("The response has been accepted. Propose the demonstration pilot below."),
    "withdraw": lambda: _("Your response has been withdrawn."),
}


def _user():
    return current_user._get_current_object()


def _demand(ref: str) -> Demand:
    demand = get_session().scalar(select(Demand).where(Demand.ref == ref[:80]))
    ensure_visible(current_user, demand)
    assert demand is not None  # ensure_visible refused a missing one
    return demand


def _apply_errors(form, err: ValidationFailed) -> None:
    names = {"start": "start", "valid_until": "valid_until", "body": "body", "comment": "comment"}
    for name, message in err.fields.items():
        field = getattr(form, names.get(name, name), None)
        if field is not None:
            field.errors = [*list(field.errors or []), message]
        else:
            form.form_errors.append(message)
    if not err.fields:
        form.form_errors.append(err.message)


def _fresh(db, demand_id: int) -> None:
    if services.due_count(db, demand_id):
        services.expire_due(db, demand_id=demand_id)
        db.commit()


# ---------------------------------------------------------------- the demand page's section


_DEMAND_SECTION = "deals/_demand_section.html"


def demand_deals_section(session, demand, viewer) -> Section | None:
    """The demand page's responses (templates/deals/_demand_section.html): what the
    viewer may see and do about responses to this need, or None.

    Every official sees the same section (every response, no form): rendered once
    per language and version and kept (the responses are part of the version:
    `init_app`)."""
    if getattr(viewer, "is_official", False):
        html = pagecache.kept_html(
            f"demand-deals:{demand.id}:{current_lang()}:official",
            lambda: render_template(
                _DEMAND_SECTION, section=_deals_section(session, demand, viewer), d=demand
            ),
        )
        if html is not None:
            return Section(_DEMAND_SECTION, html=html)
    return _deals_section(session, demand, viewer)


def _deals_section(session, demand, viewer) -> Section | None:
    ds = services.demand_deals(session, viewer, demand)
    if not ds:
        return None
    proposals = []
    if ds.own and demand.status == "open":  # the offerings its organization may invite
        from ..matching.service import matches_for_demand

        proposals = matches_for_demand(session, demand, 10)
    return Section(_DEMAND_SECTION, {"ds": ds, "proposals": proposals})


# ---------------------------------------------------------------- leads


@bp.get("/leads")
@login_required
def leads():
    if current_user.role != "member" or not current_user.org_id:
        raise NotAllowed(_("Leads are for members of a vendor organization."))
    f = services.LeadFilters()
    for param, vocabulary in (("domain", "domains"), ("city", "cities"), ("mode", "modes")):
        if taxonomy.is_code(vocabulary, request.args.get(param)):
            setattr(f, param, request.args[param])
    found = services.leads(get_session(), _user(), f)
    return render_template("deals/leads.html", leads=found, f=f)


# ---------------------------------------------------------------- invite


@bp.post("/demands/<ref>/invitations")
@login_required
def invite(ref: str):
    db = get_session()
    demand = _demand(ref)
    services.check_invite(_user(), demand)
    form = InviteForm()
    refs = [r[:80] for r in request.form.getlist("offerings")][:50]
    offerings = list(db.scalars(select(Offering).where(Offering.ref.in_(refs)))) if refs else []
    form.offerings.choices = [(o.ref, o.title) for o in offerings]
    if not form.validate_on_submit() or not offerings:
        flash(_("Tick at least one proposed offering to invite."), "error")
        return redirect(url_for("listings.demand_detail", ref=demand.ref) + "#deals")
    try:
        made = services.invite(db, _user(), demand, offerings)
    except ValidationFailed as err:
        db.rollback()
        flash(" ".join(err.fields.values()) or err.message, "error")
        return redirect(url_for("listings.demand_detail", ref=demand.ref) + "#deals")
    db.commit()
    flash(_("%(n)s vendor(s) invited to respond. They have been notified.", n=len(made)), "success")
    return redirect(url_for("listings.demand_detail", ref=demand.ref) + "#deals")


# ---------------------------------------------------------------- respond


@bp.route("/demands/<ref>/respond", methods=["GET", "POST"])
@login_required
def respond(ref: str):
    db = get_session()
    demand = _demand(ref)
    user = _user()
    if user.role != "member" or not user.org_id or user.org_id == demand.org_id:
        raise NotAllowed(_("Only members of a vendor organization can respond to this need."))
    offerings = list(
        db.scalars(
            select(Offering)
            .where(Offering.org_id == user.org_id, Offering.status == "active")
            .order_by(Offering.title)
        )
    )
    if not offerings:
        raise NotAllowed(_("Your organization has no active offering to quote."))
    if demand.status != "open":
        raise Conflict(_("This need is closed: it no longer takes responses."))
    lang = current_lang()
    chosen = next((o for o in offerings if o.ref == request.values.get("offering")), offerings[0])
    form = QuoteForm(lang, offerings, taxonomy.codes("modes"))
    if request.method == "GET":
        modes = [m["mode"] for m in chosen.modes]
        wanted = [m for m in demand.modes if m in modes]
        form.offering.data = chosen.ref
        form.mode.data = (wanted or modes)[0]
        form.price.data = chosen.price_for(form.mode.data)
        form.units.data = demand.quantity
        form.valid_until.data = date.today() + timedelta(days=30)
    if form.validate_on_submit():
        offering = next((o for o in offerings if o.ref == form.offering.data), None)
        try:
            if offering is None:
                raise ValidationFailed(
                    _("Please correct the marked fields."),
                    {"offering": _("No such offering of your organization.")},
                )
            response = services.respond(db, user, demand, offering, form.mode.data, form.to_values())
        except ValidationFailed as err:
            db.rollback()
            _apply_errors(form, err)
        else:
            db.commit()
            flash(_("Your response has been sent. The need's organization has been notified."), "success")
            return redirect(url_for("deals.response_detail", response_id=response.id))
    return render_template(
        "deals/respond.html", form=form, demand=demand, offerings=offerings, response=None
    ), (400 if form.errors or form.form_errors else 200)


# ---------------------------------------------------------------- the response page


def _detail(response, action_form=None, message_form=None, status: int = 200):
    user = _user()
    db = get_session()
    contacts = None
    if response.can_write(user):
        contacts = [response.demand_org, response.vendor_org]
    pilot = None
    if response.state == "accepted":
        from ..pilots.models import Pilot

        pilot = db.scalar(
            select(Pilot)
            .where(Pilot.demand_id == response.demand_id, Pilot.offering_id == response.offering_id)
            .order_by(Pilot.id.desc())
        )
    return render_template(
        "deals/detail.html",
        r=response,
        parties=response.parties_of(user),
        actions=response.available_actions(user),
        action_form=action_form or ActionForm(formdata=None),
        message_form=message_form or MessageForm(formdata=None),
        contacts=contacts,
        pilot=pilot,
        workflow=workflow,
        include_labels=services.INCLUDE_LABELS,
    ), status


@bp.get("/responses/<int:response_id>")
@login_required
def response_detail(response_id: int):
    db = get_session()
    response = services.visible_response(db, _user(), response_id)
    _fresh(db, response.demand_id)
    return _detail(response)


@bp.route("/responses/<int:response_id>/revise", methods=["GET", "POST"])
@login_required
def revise(response_id: int):
    db = get_session()
    user = _user()
    response = services.visible_response(db, user, response_id)
    if workflow.VENDOR not in response.parties_of(user):
        raise NotAllowed(_("Only the responding vendor can revise its quote."))
    if not response.is_live:
        raise Conflict(_("Only a live response can be revised."))
    form = QuoteForm(current_lang())
    if request.method == "GET":
        form.price.data = response.price
        form.units.data = response.units
        form.start.data = response.start_date
        form.valid_until.data = response.valid_until
        form.includes.data = [i for i in response.includes if i in services.INCLUDE_LABELS]
        form.message.data = response.message
    if form.validate_on_submit():
        try:
            services.revise(db, user, response, form.to_values())
        except ValidationFailed as err:
            db.rollback()
            _apply_errors(form, err)
        else:
            db.commit()
            flash(_("Your quote has been revised. The earlier price stays in the history."), "success")
            return redirect(url_for("deals.response_detail", response_id=response.id))
    return render_template(
        "deals/respond.html",
        form=form,
        demand=response.demand,
        offerings=[response.offering],
        response=response,
    ), (400 if form.errors or form.form_errors else 200)


@bp.post("/responses/<int:response_id>/transitions")
@login_required
def act(response_id: int):
    db = get_session()
    user = _user()
    db.commit()  # ends the read transaction that loaded the account
    begin_write(db)
    response = services.visible_response(db, user, response_id)
    form = ActionForm()
    if not form.validate_on_submit():
        if form.action.errors:
            raise ValidationFailed(_("Unknown action."), {"action": _("Unknown action.")})
        workflow.check(response.state, form.action.data, response.parties_of(user))
        db.rollback()
        return _detail(services.visible_response(db, user, response_id), action_form=form, status=400)
    action = form.action.data
    try:
        services.transition(db, response, user, action, form.comment.data or "")
    except ValidationFailed as err:
        db.rollback()
        _apply_errors(form, err)
        return _detail(services.visible_response(db, user, response_id), action_form=form, status=400)
    db.commit()
    flash(_DONE[action](), "success")
    if action == "accept":
        return redirect(
            url_for(
                "pilots.new", demand=response.demand.ref, offering=response.offering.ref, response=response.id
            )
        )
    return redirect(url_for("deals.response_detail", response_id=response.id))


@bp.post("/responses/<int:response_id>/messages")
@login_required
def message(response_id: int):
    db = get_session()
    user = _user()
    response = services.visible_response(db, user, response_id)
    if not response.can_write(user):
        raise NotAllowed(_("Only members of the two organizations can write here."))
    form = MessageForm()
    if not form.validate_on_submit():
        return _detail(response, message_form=form, status=400)
    services.post_message(db, user, response, form.body.data)
    db.commit()
    flash(_("Your message has been sent."), "success")
    return redirect(url_for("deals.response_detail", response_id=response.id) + "#conversation")


# ---------------------------------------------------------------- compare


@bp.get("/demands/<ref>/comparison")
@login_required
def comparison(ref: str):
    db = get_session()
    demand = _demand(ref)
    if not services.may_compare(_user(), demand):
        raise NotFoundError()
    _fresh(db, demand.id)
    form = PeriodForm(request.args)
    status = 200
    try:
        months, hours = services.parse_period(
            request.args.get("months"), request.args.get("hours_per_month"), demand
        )
    except ValidationFailed as err:
        _apply_errors(form, err)
        months, hours = services.parse_period(None, None, demand)
        status = 400
    if form.months.data is None or status == 400 and not form.months.errors:
        form.months.data = months
    if form.hours_per_month.data is None or status == 400 and not form.hours_per_month.errors:
        form.hours_per_month.data = hours
    result = services.comparison(db, _user(), demand, months, hours)
    return render_template(
        "deals/compare.html",
        c=result,
        form=form,
        demand=demand,
        own=services.is_member(_user(), demand.org_id),
        include_labels=services.INCLUDE_LABELS,
    ), status


# ---------------------------------------------------------------- contact details


def org_contact_section(session, org, viewer) -> Section:
    """An organization page's website and contact person (the contact only to its
    members and to organizations it has a response with)."""
    shown = services.contact_visible(session, viewer, org)
    return Section("deals/_org_contact.html", {"shown": org if shown else None})
