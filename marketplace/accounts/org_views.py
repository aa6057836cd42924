"""Organization profile pages: edit the profile, colleagues (invite, remove, hand over
the manager role), the business licence and its verification by an official.

Routes attach to the accounts blueprint; each runs load, check access, act, commit, respond."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..db import get_session, utcnow
from ..errors import DomainError, NotFoundError, ValidationFailed
from ..i18n import current_lang
from . import orgs, services
from .access import official_required
from .forms import PASSWORD_MESSAGES, AcceptInvitationForm, EmptyForm, InviteForm, ProfileForm, ReasonForm
from .models import OrgInvitation, User
from .views import _start_session, bp


def profile_context(db, org, own: bool) -> dict:
    """What the organization page shows beyond its records (loaded here, not in the template)."""
    is_official = current_user.is_authenticated and current_user.is_official
    insider = own or is_official
    pending = []
    if own:
        pending = list(
            db.scalars(
                select(OrgInvitation)
                .where(
                    OrgInvitation.org_id == org.id,
                    OrgInvitation.used_at.is_(None),
                    ~OrgInvitation.cancelled,
                    OrgInvitation.expires_at > utcnow(),
                )
                .order_by(OrgInvitation.created_at.desc())
            )
        )
    return {
        "is_manager": own and current_user.is_manager,
        "events": orgs.history(db, org) if insider else [],
        "event_labels": orgs.ACTION_LABELS,
        "licences": orgs.licences(db, org) if insider else [],
        "invitations": pending,
        "invite_form": InviteForm(prefix="inv"),
        "reason_form": ReasonForm(prefix="why"),
        "action_form": EmptyForm(),
        "logo": org.logo,
    }


def _org_for_member(ref: str):
    db = get_session()
    org = services.org_by_ref(db, ref)
    orgs.ensure_member(current_user, org)
    return db, org


def _back(org):
    return redirect(url_for("accounts.org_detail", ref=org.ref), 303)


@bp.route("/orgs/<ref>/edit", methods=["GET", "POST"])
@login_required
def org_edit(ref: str):
    """Members: edit the organization's profile."""
    db, org = _org_for_member(ref)
    form = ProfileForm(obj=org)
    if form.validate_on_submit():
        orgs.update_profile(db, current_user._get_current_object(), org, form.values())
        db.commit()
        flash(_("The profile has been saved."), "success")
        return _back(org)
    return render_template(
        "accounts/org_edit.html", org=org, form=form, logo=org.logo
    ), 400 if form.errors else 200


@bp.post("/orgs/<ref>/invitations")
@login_required
def org_invite(ref: str):
    """Members: invite a colleague by email."""
    db, org = _org_for_member(ref)
    form = InviteForm(prefix="inv")
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            inv, raw = orgs.invite(db, user, org, form.email.data)
        except ValidationFailed as err:
            db.rollback()
            flash(err.fields.get("email", err.message), "error")
            return _back(org)
        orgs.queue_invitation_mail(db, inv, raw, user, current_lang())
        db.commit()
        flash(
            _("An invitation has been sent to %(email)s. The link works once, for 7 days.", email=inv.email),
            "success",
        )
        return _back(org)
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")
    return _back(org)


@bp.post("/orgs/<ref>/members/<int:user_id>/remove")
@login_required
def org_remove_member(ref: str, user_id: int):
    """Managers remove a colleague; a member may leave."""
    db, org = _org_for_member(ref)
    member = db.get(User, user_id)
    if member is None:
        raise NotFoundError()
    leaving = member.id == current_user.id
    orgs.remove_member(db, current_user._get_current_object(), org, member)
    db.commit()
    if leaving:
        flash(_("You have left the organization."), "info")
        return redirect(url_for("main.home"), 303)
    flash(_("%(email)s has been removed.", email=member.email), "info")
    return _back(org)


@bp.post("/orgs/<ref>/members/<int:user_id>/manager")
@login_required
def org_hand_over(ref: str, user_id: int):
    """Managers: hand the manager's role to a colleague."""
    db, org = _org_for_member(ref)
    member = db.get(User, user_id)
    if member is None:
        raise NotFoundError()
    orgs.hand_over(db, current_user._get_current_object(), org, member)
    db.commit()
    flash(_("%(name)s is now the manager.", name=member.name or member.email), "success")
    return _back(org)


@bp.post("/orgs/<ref>/verification")
@login_required
def org_request_verification(ref: str):
    """Members: ask the officials to verify the organization (needs a licence)."""
    db, org = _org_for_member(ref)
    try:
        orgs.request_verification(db, current_user._get_current_object(), org)
    except ValidationFailed as err:
        db.rollback()
        flash(err.fields.get("licence", err.message), "error")
        return _back(org)
    db.commit()
    flash(_("Verification requested: an official will check your business licence."), "success")
    return _back(org)


@bp.post("/admin/orgs/<ref>/reject")
@official_required
def org_reject(ref: str):
    """Officials: refuse a verification request, with the reason."""
    db = get_session()
    org = services.org_by_ref(db, ref)
    form = ReasonForm(prefix="why")
    if not form.validate_on_submit():
        flash(_("The reason is too long."), "error")
        return _back(org)
    try:
        orgs.reject(db, current_user._get_current_object(), org, form.reason.data or "")
    except ValidationFailed as err:
        db.rollback()
        flash(err.fields.get("reason", err.message), "error")
        return _back(org)
    db.commit()
    flash(_("The request of %(name)s has been rejected.", name=org.name), "info")
    return _back(org)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    """Accept an invitation to join an organization."""
    db = get_session()
    try:
        inv = orgs.invitation_for(db, token[:100])
    except DomainError as err:
        return render_template(
            "accounts/invitation.html", problem=err.message, inv=None, form=None
        ), err.status
    if current_user.is_authenticated:
        return render_template(
            "accounts/invitation.html",
            problem=_("You are signed in as %(email)s. Sign out first to accept an invitation for %(invited)s.",
                      email=current_user.email, invited=inv.email),
            inv=inv,
            form=None,
        ), 409  # fmt: skip
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            user = orgs.accept(db, token[:100], form.name.data, form.password.data)
        except ValidationFailed as err:
            db.rollback()
            if "password" in err.fields:
                form.password.errors.append(PASSWORD_MESSAGES[err.fields["password"]])
            else:
                form.name.errors.append(_("An account with this email already exists."))
        else:
            db.commit()
            _start_session(user)
            flash(_("Welcome to %(org)s!", org=inv.organization.name), "success")
            return redirect(url_for("accounts.org_detail", ref=inv.organization.ref), 303)
    return render_template(
        "accounts/invitation.html", inv=inv, form=form, problem=None
    ), 400 if form.errors else 200
