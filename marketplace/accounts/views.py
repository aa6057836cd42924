"""Account pages: register, sign in and out, account settings, organizations."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import (
    session as web_session,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from ..db import begin_write, get_session, read_first
from ..errors import ValidationFailed
from ..i18n import current_lang
from ..publish import commit_and_publish
from ..sections import sections_for
from ..security import safe_next
from . import orgs, services
from .access import is_member_of, official_required
from .forms import EmptyForm, LoginForm, PasswordForm, RegisterForm, TokenForm
from .models import ApiToken, Organization

bp = Blueprint("accounts", __name__)


def _client_address() -> str:
    return (request.remote_addr or "unknown")[:64]


def _start_session(user) -> None:
    lang = web_session.get("lang")
    web_session.clear()  # a new session: nothing (CSRF secret included) carries over
    if lang:
        web_session["lang"] = lang
    login_user(user)
    web_session.permanent = True


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Register an organization with its first member, then sign in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm(current_lang())
    if form.validate_on_submit():
        session = get_session()
        try:
            user = services.register(
                session,
                email=form.email.data,
                password=form.password.data,
                name=form.name.data,
                org_name=form.org_name.data,
                side=form.side.data,
                city=form.city.data,
                credit_code=form.credit_code.data,
                description=form.description.data or "",
            )
        except ValidationFailed as err:
            session.rollback()
            for name, message in err.fields.items():
                field = getattr(form, name, None)
                if field is not None:
                    field.errors.append(message)
        else:
            session.commit()
            _start_session(user)
            flash(_("Welcome! Your organization has been registered."), "success")
            return redirect(url_for("accounts.org_detail", ref=user.organization.ref))  # type: ignore[union-attr]
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with email and password, throttled per account and per address."""
    target = safe_next(request.args.get("next"), url_for("main.home"))
    if current_user.is_authenticated:
        return redirect(target)
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        session = get_session()
        cfg = current_app.config
        # The password check is slow: do it in a plain read, then write (a failed
        # attempt, or forgetting old failures) in a transaction that takes the write
        # lock when it begins, so a read never upgrades into a write.
        if session.in_transaction():
            session.commit()  # only read so far (the signed-in check): end that read
        read_first()
        check = services.check_login(
            session,
            form.email.data,
            form.password.data,
            _client_address(),
            window_seconds=cfg["LOGIN_WINDOW_SECONDS"],
            max_account=cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"],
            max_address=cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"],
        )
        if services.needs_write(check):
            session.commit()  # end the read (nothing written); the write below begins with the lock
            begin_write(session)
        try:
            user = services.record_login(session, check)
        except services.TooManyAttempts:
            session.commit()
            form.password.errors.append(_("Too many failed attempts. Please wait 15 minutes and try again."))
            status = 429
        except services.BadCredentials:
            session.commit()  # keep the failed attempt: it is the shared throttle count
            form.password.errors.append(_("Wrong email or password."))
            status = 401
        else:
            session.commit()
            _start_session(user)
            return redirect(target)
    elif form.errors:
        status = 400
    form.password.data = ""
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    """Sign out: the session token rotates, so copies of the cookie stop working too."""
    session = get_session()
    user = current_user._get_current_object()
    user.rotate_session()  # every copy of the old cookie stops working
    session.commit()
    logout_user()
    lang = web_session.get("lang")
    web_session.clear()
    if lang:
        web_session["lang"] = lang
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.home"))


@bp.route("/account", methods=["GET"])
@login_required
def account():
    """The account page: password and API tokens."""
    return _account_page(PasswordForm(prefix="pw"), TokenForm(prefix="tok"))


def _account_page(pw_form, token_form, new_token: str | None = None, status: int = 200):
    session = get_session()
    tokens = session.scalars(
        select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.created_at.desc())
    ).all()
    return render_template(
        "accounts/account.html",
        pw_form=pw_form,
        token_form=token_form,
        tokens=tokens,
        new_token=new_token,
        revoke_form=EmptyForm(),
    ), status


@bp.post("/account/password")
@login_required
def change_password():
    """Change the password; this browser stays signed in, other sessions end."""
    form = PasswordForm(prefix="pw")
    if form.validate_on_submit():
        session = get_session()
        user = current_user._get_current_object()
        try:
            services.change_password(user, form.current_password.data, form.new_password.data)
        except ValidationFailed as err:
            for name, message in err.fields.items():
                getattr(form, name).errors.append(message)
            return _account_page(form, TokenForm(prefix="tok"), status=400)
        session.commit()
        _start_session(user)  # this browser stays signed in with the new token
        flash(_("Your password has been changed. Other sessions have been signed out."), "success")
        return redirect(url_for("accounts.account"))
    return _account_page(form, TokenForm(prefix="tok"), status=400)


@bp.post("/account/tokens")
@login_required
def create_token():
    """Issue an API token and show it once."""
    form = TokenForm(prefix="tok")
    if not form.validate_on_submit():
        return _account_page(PasswordForm(prefix="pw"), form, status=400)
    session = get_session()
    raw = services.issue_token(session, current_user._get_current_object(), form.label.data or "")
    session.commit()
    body, status = _account_page(PasswordForm(prefix="pw"), TokenForm(prefix="tok"), new_token=raw)
    # The page shows the token once: no cache (browser, proxy) may keep a copy.
    return body, status, {"Cache-Control": "no-store", "Pragma": "no-cache"}


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    """Revoke one of the account's API tokens."""
    session = get_session()
    services.revoke_token(session, current_user._get_current_object(), token_id)
    session.commit()
    flash(_("The token has been revoked."), "info")
    return redirect(url_for("accounts.account"))


@bp.get("/orgs/<ref>")
def org_detail(ref: str):
    """An organization's public page; members (and officials) also see its members."""
    from .org_views import profile_context

    session = get_session()
    org = services.org_by_ref(session, ref)
    own = is_member_of(current_user, org.id)
    return render_template(
        "accounts/org_detail.html",
        org=org,
        own=own,
        sections=sections_for("org", session, org, current_user),
        members=[m for m in org.members if m.active]
        if (own or current_user.is_authenticated and current_user.is_official)
        else [],
        verify_form=EmptyForm(),
        **profile_context(session, org, own),
    )


@bp.get("/admin/orgs")
@official_required
def org_admin():
    """Officials: the organizations, unverified first, with a search."""
    session = get_session()
    q = (request.args.get("q") or "").strip()[:100]
    # Requests waiting (a licence to check) first, then the other unverified ones.
    stmt = select(Organization).order_by(
        Organization.verified, Organization.verification != "pending", Organization.name
    )
    if q:
        stmt = stmt.where(
            Organization.name.contains(q, autoescape=True) | Organization.ref.contains(q, autoescape=True)
        )
    orgs = session.scalars(stmt).all()
    pending = session.scalar(select(func.count()).select_from(Organization).where(~Organization.verified))
    return render_template("accounts/org_admin.html", orgs=orgs, q=q, pending=pending, form=EmptyForm())


@bp.post("/admin/orgs/<ref>/verify")
@official_required
def org_verify(ref: str):
    # CSRF is checked for every POST by CSRFProtect before the view runs.
    """Officials: mark an organization verified or not."""
    session = get_session()
    org = services.org_by_ref(session, ref)
    official = current_user._get_current_object()
    if request.form.get("verified", "1") == "1":
        orgs.approve(session, official, org)
    else:
        orgs.revoke(session, official, org, request.form.get("reason", ""))
    commit_and_publish(session)  # the organization's offerings count as changed
    flash(
        _("%(name)s is now verified.", name=org.name)
        if org.verified
        else _("%(name)s is no longer verified.", name=org.name),
        "success",
    )
    return redirect(safe_next(request.form.get("next"), url_for("accounts.org_admin")))
