"""The inbox: list, open (marks read), mark all read, and the settings page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.forms import EmptyForm
from ..db import get_session
from ..security import safe_next
from . import services
from .forms import settings_form

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100000 else 1


@bp.get("")
@login_required
def inbox():
    session = get_session()
    unread_only = request.args.get("unread") == "1"
    page = services.inbox(session, current_user, _page_number(), 20, unread_only=unread_only)
    return render_template(
        "notifications/inbox.html",
        page=page,
        unread_only=unread_only,
        unread=services.unread_count(session, current_user),
        form=EmptyForm(),
    )


@bp.post("/<int:notice_id>/open")
@login_required
def open_notice(notice_id: int):
    """Mark the notice read, then go to what it is about (a same-site path only)."""
    form = EmptyForm()
    if not form.validate_on_submit():
        return redirect(url_for("notifications.inbox"))
    session = get_session()
    notice = services.mark_read(session, current_user, notice_id)
    session.commit()
    return redirect(safe_next(notice.link, url_for("notifications.inbox")))


@bp.post("/read-all")
@login_required
def read_all():
    form = EmptyForm()
    if form.validate_on_submit():
        session = get_session()
        count = services.mark_all_read(session, current_user)
        session.commit()
        if count:
            flash(_("All notices are marked as read."), "info")
    return redirect(url_for("notifications.inbox"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    session = get_session()
    current = services.preferences(session, current_user)
    form = settings_form(current_user, current, submitted=request.method == "POST")
    if request.method == "POST":
        if form.validate():
            values = {kind: getattr(form, f"kind_{kind}").data for kind in form.kinds}
            services.set_preferences(session, current_user, values)
            current_user.locale = form.mail_language.data
            session.commit()
            flash(_("Your notification settings have been saved."), "success")
            return redirect(url_for("notifications.settings"))
        return render_template("notifications/settings.html", form=form), 400
    return render_template("notifications/settings.html", form=form)
