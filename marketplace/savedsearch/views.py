"""Saved-search pages: save from a list, see and delete one's searches, and the
one-click unsubscribe link from the alert mails (no sign-in)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.forms import EmptyForm
from ..db import get_session
from ..errors import ValidationFailed
from ..security import safe_next
from . import services
from .forms import AlertForm, SaveSearchForm

bp = Blueprint("savedsearch", __name__, url_prefix="/saved-searches")


def _back(list_name: str | None, args: dict[str, Any]) -> str:
    endpoint = "listings.offerings" if list_name == "offerings" else "listings.demands"
    return url_for(endpoint, **args)


@bp.get("")
@login_required
def index():
    db = get_session()
    searches = services.of_user(db, current_user)
    forms = {}
    for search in searches:
        form = AlertForm(formdata=None, prefix=f"s{search.id}")
        form.alert.data = search.alert
        forms[search.id] = form
    return render_template(
        "savedsearch/index.html",
        searches=searches,
        alert_forms=forms,
        delete_form=EmptyForm(),
        list_args=services.list_args,
        vocabularies=services.FILTER_VOCABULARIES,
    )


@bp.post("")
@login_required
def create():
    form = SaveSearchForm()
    list_name = form.list.data if form.list.data in services.LIST_LABELS else "demands"
    filters = services.clean_filters(list_name, request.form.to_dict(), strict=False)
    # Back to the page the search was saved from (a list or /search), same site only.
    back = safe_next(
        request.form.get("next"), _back(list_name, {**({"q": form.q.data} if form.q.data else {}), **filters})
    )
    if not form.validate_on_submit():
        messages = [
            f"{form[name].label.text}: {' '.join(errs)}" for name, errs in form.errors.items() if name in form
        ]
        flash(_("The search was not saved.") + " " + " ".join(messages), "error")
        return redirect(back)
    db = get_session()
    try:
        search = services.create(
            db,
            current_user,
            list_name,
            form.q.data or "",
            filters,
            form.alert.data,
            form.name.data or "",
            strict=False,
        )
    except ValidationFailed as err:
        flash(_("The search was not saved.") + " " + err.message, "error")
        return redirect(back)
    db.commit()
    flash(_("Saved the search “%(name)s”.", name=search.name), "success")
    return redirect(back)


@bp.post("/<int:search_id>/alert")
@login_required
def change_alert(search_id: int):
    db = get_session()
    search = services.owned(db, current_user, search_id)
    form = AlertForm(prefix=f"s{search.id}")
    if form.validate_on_submit():
        services.set_alert(db, current_user, search.id, form.alert.data)
        db.commit()
        flash(_("Alerts for “%(name)s” are now: %(alert)s.", name=search.name,
                alert=services.ALERT_LABELS[search.alert]), "success")  # fmt: skip
    return redirect(url_for("savedsearch.index"))


@bp.post("/<int:search_id>/delete")
@login_required
def delete(search_id: int):
    db = get_session()
    search = services.owned(db, current_user, search_id)
    if EmptyForm().validate_on_submit():
        name = search.name
        services.delete(db, current_user, search.id)
        db.commit()
        flash(_("Deleted the saved search “%(name)s”.", name=name), "info")
    return redirect(url_for("savedsearch.index"))


@bp.get("/unsubscribe/<token>")
def unsubscribe(token: str):
    """One click from a mail, signed in or not: alerts for that one search stop."""
    db = get_session()
    search = services.unsubscribe(db, token)
    db.commit()
    return render_template("savedsearch/unsubscribed.html", search=search)
