"""Pilot pages: the list, the officials' review queue, propose, the pilot page
with its actions, edit, milestones. Each handler: load, check access, act,
commit, respond."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import taxonomy
from ..accounts.access import official_required
from ..db import begin_write, get_session
from ..errors import NotAllowed, NotFoundError, ValidationFailed
from ..i18n import current_lang
from ..listings.models import Demand, Offering
from ..pagination import paginate
from . import services, workflow
from .forms import ActionForm, CompleteForm, MilestoneForm, PilotForm

bp = Blueprint("pilots", __name__, url_prefix="/pilots")

_DONE_MESSAGES = {
    "confirm": lambda: _(
        "Your organization's participation is confirmed. The application can now be submitted."
    ),
    "submit": lambda: _("The application has been submitted. The officials have been notified."),
    "approve": lambda: _("The pilot has been approved."),
    "reject": lambda: _("The application has been rejected. The applicants can read your comment."),
    "request_changes": lambda: _("The application has been sent back to the applicants with your comment."),
    "start": lambda: _("The pilot has started. Report its milestones here."),
    "complete": lambda: _("The pilot has been accepted as completed."),
    "terminate": lambda: _("The pilot has been terminated."),
}


def _user():
    return current_user._get_current_object()


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100000 else 1


def _require_participant() -> None:
    """Pilots are for organizations' members and officials."""
    if not (current_user.role == "member" and current_user.org_id) and not current_user.is_official:
        raise NotAllowed()


# ---------------------------------------------------------------- lists


@bp.get("")
@login_required
def index():
    _require_participant()
    session = get_session()
    f = services.PilotFilters()
    if taxonomy.is_code("pilot_states", request.args.get("state")):
        f.state = request.args["state"]
    if taxonomy.is_code("domains", request.args.get("domain")):
        f.domain = request.args["domain"]
    if taxonomy.is_code("cities", request.args.get("city")):
        f.city = request.args["city"]
    page = paginate(
        session, services.pilot_query(_user(), f), _page_number(), current_app.config["PAGE_SIZE"]
    )
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("pilots/list.html", page=page, f=f, args=args)


@bp.get("/review")
@official_required
def review():
    session = get_session()
    queue = services.review_queue(session, _user())
    scores = {p.id: services.pair_score(p.demand, p.offering) for p in queue}
    return render_template("pilots/review.html", queue=queue, scores=scores)


# ---------------------------------------------------------------- propose


def _visible_listing(model, ref: str | None):
    if not ref:
        return None
    session = get_session()
    record = session.scalar(select(model).where(model.ref == ref[:80]))
    if record is None or not record.is_public:
        raise NotFoundError()
    return record


def _candidates(demand: Demand | None, offering: Offering | None) -> list[tuple]:
    """Counterparts to choose from when only one side of the pair is given:
    the matcher's proposals, plus the member's own organization's records."""
    session = get_session()
    user = _user()
    found: list[tuple] = []
    seen: set[int] = set()
    from ..matching import service as matching  # deferred: matching is a peer feature

    if demand is not None:
        for result in matching.matches_for_demand(session, demand, limit=10):
            match = result.offering
            if match is not None and user.org_id in (demand.org_id, match.org_id):
                found.append((match, result.score))
                seen.add(match.id)
        if user.org_id != demand.org_id:
            for o in session.scalars(
                select(Offering).where(Offering.org_id == user.org_id, Offering.status == "active")
            ):
                if o.id not in seen:
                    found.append((o, _score(demand, o)))
    elif offering is not None:
        for result in matching.matches_for_offering(session, offering, limit=10):
            back = result.demand
            if back is not None and user.org_id in (offering.org_id, back.org_id):
                found.append((back, result.score))
                seen.add(back.id)
        if user.org_id != offering.org_id:
            for d in session.scalars(
                select(Demand).where(Demand.org_id == user.org_id, Demand.status == "open")
            ):
                if d.id not in seen:
                    found.append((d, _score(d, offering)))
    return found


def _score(demand, offering) -> int | None:
    match = services.pair_score(demand, offering)
    return match.score if match is not None else None


def _prefill(form: PilotForm, demand: Demand, offering: Offering) -> None:
    modes = [m["mode"] for m in offering.modes]
    wanted = [m for m in demand.modes if m in modes]
    form.title.data = f"{demand.title} · {offering.title}"[:200]
    form.site.data = f"{demand.organization.name}（{taxonomy.label('cities', demand.city, current_lang())}）"
    form.quantity.data = demand.quantity
    form.mode.data = (wanted or modes or ["purchase"])[0]
    form.price.data = offering.price_for(form.mode.data)


def _prefill_from_response(form: PilotForm, demand: Demand, offering: Offering, raw: str | None) -> None:
    """An accepted response's quote (offering, mode, price, units, start) fills the proposal."""
    if not raw or not raw.isdigit() or len(raw) > 12:
        return
    from ..deals.models import DealResponse
    from ..deals.services import can_view

    response = get_session().get(DealResponse, int(raw))
    if response is None or not can_view(_user(), response):
        return
    if response.demand_id != demand.id or response.offering_id != offering.id:
        return
    form.mode.data = response.mode
    form.price.data = response.price
    form.quantity.data = response.units
    form.start_date.data = response.start_date


def _apply_errors(form, err: ValidationFailed) -> None:
    for name, message in err.fields.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
        else:
            form.form_errors.append(f"{name}: {message}")


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    if current_user.role != "member" or current_user.organization is None:
        raise NotAllowed(_("Only members of an organization can propose a pilot."))
    demand = _visible_listing(Demand, request.args.get("demand"))
    offering = _visible_listing(Offering, request.args.get("offering"))
    if demand is None or offering is None:
        return render_template(
            "pilots/choose.html",
            demand=demand,
            offering=offering,
            candidates=_candidates(demand, offering),
            own_demands=_own(Demand, "open"),
            own_offerings=_own(Offering, "active"),
        )
    if current_user.org_id not in (demand.org_id, offering.org_id):
        raise NotAllowed(
            _("Only members of the need's or the offering's organization can propose a pilot for this pair.")
        )
    services.check_pair(demand, offering)
    form = PilotForm(current_lang(), [m["mode"] for m in offering.modes])
    if request.method == "GET":
        _prefill(form, demand, offering)
        _prefill_from_response(form, demand, offering, request.args.get("response"))
    if form.validate_on_submit():
        session = get_session()
        try:
            pilot = services.propose(session, _user(), demand, offering, form.to_values())
        except ValidationFailed as err:
            session.rollback()
            _apply_errors(form, err)
        else:
            session.commit()
            if pilot.confirmed:
                flash(
                    _("The pilot application has been saved as a draft. Submit it when it is ready."),
                    "success",
                )
            else:
                flash(
                    _(
                        "The pilot application has been saved as a draft. The other organization "
                        "has been asked to confirm its participation."
                    ),
                    "success",
                )
            return redirect(url_for("pilots.detail", pilot_id=pilot.id))
    match = services.pair_score(demand, offering)
    return render_template(
        "pilots/form.html", form=form, demand=demand, offering=offering, pilot=None, match=match
    ), 400 if form.errors else 200


def _own(model, status: str) -> list:
    session = get_session()
    return list(
        session.scalars(
            select(model)
            .where(model.org_id == current_user.org_id, model.status == status)
            .order_by(model.created_at.desc())
            .limit(50)
        )
    )


# ---------------------------------------------------------------- the pilot page


def _detail_page(pilot, action_form=None, complete_form=None, milestone_form=None, status: int = 200):
    user = _user()
    action_form = action_form or ActionForm(formdata=None)
    complete_form = complete_form or CompleteForm(formdata=None)
    milestone_form = milestone_form or MilestoneForm(formdata=None)
    actions = pilot.available_actions(user)
    return render_template(
        "pilots/detail.html",
        # A form shown again after a failed POST: the browser's address goes back to the page's own.
        page_url=url_for("pilots.detail", pilot_id=pilot.id) if request.method == "POST" else None,
        pilot=pilot,
        match=services.pair_score(pilot.demand, pilot.offering),
        parties=pilot.parties_of(user),
        actions=[a for a in actions if a != "complete"],
        can_complete="complete" in actions,
        action_form=action_form,
        complete_form=complete_form,
        milestone_form=milestone_form,
        workflow=workflow,
        needs_comment={t.action for t in workflow.actions_from(pilot.state) if t.needs_comment},
    ), status


@bp.get("/<int:pilot_id>")
@login_required
def detail(pilot_id: int):
    pilot = services.visible_pilot(get_session(), _user(), pilot_id)
    return _detail_page(pilot)


@bp.route("/<int:pilot_id>/edit", methods=["GET", "POST"])
@login_required
def edit(pilot_id: int):
    session = get_session()
    pilot = services.visible_pilot(session, _user(), pilot_id)
    if workflow.APPLICANT not in pilot.parties_of(_user()):
        raise NotAllowed()
    if not pilot.is_editable:
        from ..errors import Conflict

        raise Conflict(_("The application can only be changed as a draft or after changes were requested."))
    form = PilotForm(current_lang(), [m["mode"] for m in pilot.offering.modes])
    if request.method == "GET":
        form.load(pilot)
    if form.validate_on_submit():
        try:
            services.edit(session, _user(), pilot, form.to_values())
        except ValidationFailed as err:
            session.rollback()
            _apply_errors(form, err)
        else:
            session.commit()
            flash(_("Your changes have been saved."), "success")
            return redirect(url_for("pilots.detail", pilot_id=pilot.id))
    return render_template(
        "pilots/form.html", form=form, demand=pilot.demand, offering=pilot.offering, pilot=pilot, match=None
    ), 400 if form.errors else 200


def _locked_pilot(pilot_id: int):
    """Load the pilot inside a transaction that holds the write lock (SQLite's
    BEGIN IMMEDIATE), so that of two simultaneous actions the second reads the
    first one's result and gets a clean 409 rather than "database is locked"."""
    session = get_session()
    user = _user()
    session.commit()  # ends the read transaction that loaded the account (objects stay loaded)
    begin_write(session)
    return services.visible_pilot(session, user, pilot_id)


@bp.post("/<int:pilot_id>/transitions")
@login_required
def act(pilot_id: int):
    session = get_session()
    pilot = _locked_pilot(pilot_id)
    user = _user()
    complete = request.form.get("action") == "complete"
    form = CompleteForm() if complete else ActionForm()
    if not form.validate_on_submit():
        if form.action.errors:
            raise ValidationFailed(
                _("Unknown action."),
                {"action": _("must be one of: %(choices)s", choices=", ".join(workflow.ACTIONS))},
            )
        # Who may act and whether the state allows it come first: 403/409 over 400.
        workflow.check(pilot.state, form.action.data, pilot.parties_of(user))
        session.rollback()
        return _detail_page(
            pilot, **({"complete_form": form} if complete else {"action_form": form}), status=400
        )
    try:
        services.transition(
            session,
            pilot,
            user,
            form.action.data,
            form.comment.data or "",
            outcome=form.outcome() if complete else None,
        )
        if form.action.data == "request_changes":
            services.ask_for_document(pilot, form.document.data)
    except ValidationFailed as err:
        session.rollback()
        _apply_errors(form, err)
        return _detail_page(
            services.visible_pilot(session, user, pilot_id),
            **({"complete_form": form} if complete else {"action_form": form}),
            status=400,
        )
    session.commit()
    flash(_DONE_MESSAGES[form.action.data](), "success")
    return redirect(url_for("pilots.detail", pilot_id=pilot.id))


@bp.post("/<int:pilot_id>/milestones")
@login_required
def milestone(pilot_id: int):
    session = get_session()
    pilot = services.visible_pilot(session, _user(), pilot_id)
    if workflow.APPLICANT not in pilot.parties_of(_user()):
        raise NotAllowed()
    form = MilestoneForm()
    if not form.validate_on_submit():
        return _detail_page(pilot, milestone_form=form, status=400)
    services.report_milestone(
        session, _user(), pilot, form.title.data, form.reached_on.data, form.note.data or ""
    )
    session.commit()
    flash(_("The milestone has been reported."), "success")
    return redirect(url_for("pilots.detail", pilot_id=pilot.id) + "#milestones")
