"""Booking pages: the calendar and booking form of an offering, the confirmation
with the price, both sides' lists, one booking with its history, and the vendor's
settings. Each handler: load, check access, act, commit, respond."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy.orm import Session

from ..accounts.access import ensure_owner, ensure_visible, is_member_of
from ..db import begin_write, get_session, utcnow
from ..errors import Conflict, DomainError, NotAllowed, ValidationFailed
from ..i18n import current_lang
from ..listings import services as listings
from ..listings.models import Offering
from ..sections import Section
from . import periods, services
from .forms import LENGTH_UNITS, BookingForm, CancelAllForm, CommentForm, SettingsForm
from .models import STATES, Booking

bp = Blueprint("bookings", __name__)

DAY_WEEKS = 5  # the day calendar shows this many weeks from the current one
HOUR_DAYS = 7  # the hour calendar shows this many days


def write_session() -> Session:
    """The request's session in a write transaction taken before anything is read
    for the change (SQLite: BEGIN IMMEDIATE). Signing in has already read the user
    in a transaction of its own: that read-only transaction ends first."""
    session = get_session()
    if session.in_transaction():
        session.commit()
    begin_write(session)
    return session


def _member_org():
    if current_user.role != "member" or current_user.organization is None:
        raise NotAllowed(_("Bookings belong to organizations: only their members see them."))
    return current_user.organization


def _parse_day(raw: str | None) -> date | None:
    return periods.parse_day(raw)


# ---------------------------------------------------------------- the calendar and form


def booking_panel(
    o: Offering, own: bool = False, first_day: date | None = None, form: BookingForm | None = None
) -> dict | None:
    """What the booking partial shows for offering `o`: calendars of free units by
    day (lease, subscription) and by hour (shared use), and the booking form or why
    there is none. None when the offering is not booked over time."""
    modes = services.bookable_modes(o)
    if not modes:
        return None
    session = get_session()
    now = utcnow()
    today = periods.today_local(now)
    first_day = max(first_day or _parse_day(request.args.get("day")) or today, today)
    first_day = min(first_day, today + timedelta(days=366))
    monday = first_day - timedelta(days=first_day.weekday())
    span_start = periods.to_utc(periods.local_midnight(min(monday, first_day)))
    span_end = periods.to_utc(
        periods.local_midnight(
            max(monday + timedelta(days=7 * DAY_WEEKS), first_day + timedelta(days=HOUR_DAYS))
        )
    )
    member = current_user.is_authenticated and current_user.role == "member"
    av = services.availability(session, o, span_start, span_end, current_user.org_id if member else None)

    settings = services.settings_for(session, o.org_id)
    weeks = []
    if any(m in modes for m in ("lease", "raas")):
        days = services.day_calendar(av, monday, 7 * DAY_WEEKS)
        weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    hour_days, hour_rows = [], []
    if "sharing" in modes:
        hour_days = [first_day + timedelta(days=i) for i in range(HOUR_DAYS)]
        columns = [services.hour_calendar(av, day) for day in hour_days]
        hours = range(settings.service_start_hour, settings.service_end_hour)  # the vendor's service hours
        hour_rows = [(hour, [col[hour] for col in columns]) for hour in hours]

    reason, can_book = None, False
    if not current_user.is_authenticated:
        reason = "sign_in"
    elif own:
        reason = "own"
    elif o.status != "active":
        reason = "inactive"
    else:
        try:
            services.ensure_can_book(current_user, o)
            can_book = True
        except NotAllowed as err:
            reason = err.message
    if can_book and form is None:
        form = _prefilled_form(modes)
    if form is not None:
        offer_service_hours(form, settings)
    return {
        "modes": modes,
        "prices": {m: o.price_for(m) for m in modes},
        "pool": o.units_available,
        "weeks": weeks,
        "hour_days": hour_days,
        "hour_rows": hour_rows,
        "today": today,
        "now": now,
        "first_day": first_day,
        "prev_day": max(today, first_day - timedelta(days=HOUR_DAYS)),
        "next_day": first_day + timedelta(days=HOUR_DAYS),
        "can_book": can_book,
        "reason": reason,
        "form": form,
        "settings": settings,
        "length_units": LENGTH_UNITS,
        # Hours inside the vendor's lead time are shown but offer no booking link.
        "bookable_from": now + timedelta(hours=settings.min_lead_hours),
    }


def offer_service_hours(form: BookingForm, settings) -> None:
    """Start times within the vendor's service hours only (the server checks too)."""
    hours = range(settings.service_start_hour, settings.service_end_hour)
    form.start_hour.choices = [(h, f"{h:02d}:00") for h in hours]
    if form.start_hour.data not in hours and request.method == "GET":
        form.start_hour.data = max(settings.service_start_hour, min(9, settings.service_end_hour - 1))


def _prefilled_form(modes: list[str]) -> BookingForm:
    """A fresh form, filled from the calendar link that was followed (?mode=&date=&hour=)."""
    form = BookingForm(modes, current_lang(), formdata=None)
    args = request.args
    if args.get("mode") in modes:
        form.mode.data = args["mode"]
    form.length_unit.data = (
        "hours" if form.mode.data == "sharing" else "months" if form.mode.data == "raas" else "days"
    )
    if form.mode.data != "sharing":
        form.length.data = 1
    form.start_date.data = _parse_day(args.get("date")) or (periods.today_local(utcnow()) + timedelta(days=1))
    if args.get("hour", "").isdigit() and 0 <= int(args["hour"]) < 24:
        form.start_hour.data = int(args["hour"])
    if args.get("units", "").isdigit() and 0 < int(args["units"]) < 100000:
        form.units.data = int(args["units"])
    return form


def _visible_offering(session: Session, ref: str) -> Offering:
    offering = listings.offering_by_ref(session, ref)
    ensure_visible(current_user, offering)
    if not services.bookable_modes(offering):
        abort(404)
    return offering


@bp.get("/offerings/<ref>/book")
def book(ref: str):
    session = get_session()
    offering = _visible_offering(session, ref)
    own = is_member_of(current_user, offering.org_id)
    return render_template("bookings/book.html", o=offering, own=own, panel=booking_panel(offering, own))


def _form_errors(form: BookingForm, err: DomainError) -> None:
    """Put a service's field errors beside the form's fields."""
    where = {
        "mode": form.mode,
        "units": form.units,
        "end": form.length,
        "start": form.start_hour if form.mode.data == "sharing" else form.start_date,
    }
    for key, message in (err.fields or {}).items():
        field = where.get(key)
        if field is None:
            form.form_errors.append(message)
        elif message not in field.errors:
            field.errors = [*field.errors, message]
    if not err.fields:
        form.form_errors.append(err.message)


@bp.post("/offerings/<ref>/book")
@login_required
def book_post(ref: str):
    confirming = request.form.get("confirm") == "1"
    session = write_session() if confirming else get_session()
    offering = _visible_offering(session, ref)
    services.ensure_can_book(current_user, offering)
    modes = services.bookable_modes(offering)
    form = BookingForm(modes, current_lang())

    def again(status: int):
        if confirming:
            session.rollback()
        form.confirm.data = ""
        return render_template(
            "bookings/book.html",
            o=offering,
            own=False,
            form_failed=True,
            panel=booking_panel(offering, False, form.start_date.data, form),
        ), status

    if not form.validate_on_submit():
        return again(400)
    start, end = form.period()
    now = utcnow()
    if not confirming:
        # The price and the free units, before anything is written.
        try:
            quoted = services.quote_request(
                session, offering, form.mode.data, start, end, form.units.data, now
            )
        except (ValidationFailed, Conflict) as err:
            _form_errors(form, err)
            return again(err.status)
        form.confirm.data = "1"
        form.submit_key.data = secrets.token_urlsafe(24)
        return render_template(
            "bookings/confirm.html",
            o=offering,
            form=form,
            checked=quoted.checked,
            quote=quoted.checked.quote,
            free=quoted.free,
            settings=quoted.settings,
        )
    try:
        booking = services.create_booking(
            session,
            current_user._get_current_object(),
            offering,
            form.mode.data,
            start,
            end,
            form.units.data,
            form.note.data or "",
            now,
            submit_key=form.submit_key.data or None,
        )
    except (ValidationFailed, Conflict) as err:
        _form_errors(form, err)
        return again(err.status)
    session.commit()
    if booking.created_at != now:  # this form had been sent before: nothing new was booked
        flash(_("This booking had already been made; it was not booked twice."), "info")
    elif booking.state == "confirmed":
        flash(_("Your booking is confirmed."), "success")
    else:
        flash(
            _(
                "Your booking has been sent to the vendor. The units are held for you until the vendor "
                "answers."
            ),
            "success",
        )
    return redirect(url_for("bookings.detail", booking_id=booking.id))


# ---------------------------------------------------------------- lists


def _state_arg() -> str | None:
    state = request.args.get("state")
    return state if state in STATES else None


@bp.get("/bookings")
@login_required
def mine():
    session = get_session()
    org = _member_org()
    state = _state_arg()
    items = services.bookings_of(session, org.id, "customer", state)
    return render_template(
        "bookings/list.html",
        side="customer",
        items=items,
        state=state,
        org=org,
        now=utcnow(),
        offering=None,
        cancel_all_form=None,
        future_count=0,
    )


@bp.get("/bookings/received")
@login_required
def received():
    session = get_session()
    org = services.ensure_vendor(current_user)
    state = _state_arg()
    offering = None
    if request.args.get("offering"):
        offering = listings.offering_by_ref(session, request.args["offering"])
        ensure_owner(current_user, offering)
    items = services.bookings_of(session, org.id, "vendor", state, offering.id if offering else None)
    now = utcnow()
    future_count = len(services.future_bookings(session, offering.id, now)) if offering else 0
    return render_template(
        "bookings/list.html",
        side="vendor",
        items=items,
        state=state,
        org=org,
        now=now,
        offering=offering,
        cancel_all_form=CancelAllForm() if future_count else None,
        future_count=future_count,
        waiting=[b for b in items if b.state == "requested" and b.start_at > now],
    )


# ---------------------------------------------------------------- one booking


def _detail_page(booking: Booking, error: str | None = None, status: int = 200):
    session = get_session()
    now = utcnow()
    side = services.side_of(current_user, booking)
    settings = services.settings_for(session, booking.vendor_org_id)
    cancel_problem = services.cancel_problem(booking, side, settings, now)
    return render_template(
        "bookings/detail.html",
        b=booking,
        side=side,
        now=now,
        settings=settings,
        can_answer=side == "vendor" and booking.state == "requested" and booking.start_at > now,
        can_cancel=cancel_problem is None,
        cancel_problem=cancel_problem,
        form=CommentForm(),
        error=error,
    ), status


@bp.get("/bookings/<int:booking_id>")
@login_required
def detail(booking_id: int):
    booking = services.booking_for(get_session(), booking_id, current_user)
    return _detail_page(booking)


def _act(booking_id: int, action, done_message: str):
    session = write_session()
    booking = services.booking_for(session, booking_id, current_user)
    form = CommentForm()
    if not form.validate_on_submit():
        return _detail_page(booking, _("Please correct the comment."), 400)
    try:
        action(session, booking, current_user._get_current_object(), form.comment.data or "")
    except (Conflict, ValidationFailed) as err:
        session.rollback()
        return _detail_page(services.booking_for(session, booking_id, current_user), err.message, err.status)
    session.commit()
    flash(done_message, "success")
    return redirect(url_for("bookings.detail", booking_id=booking.id))


@bp.post("/bookings/<int:booking_id>/accept")
@login_required
def accept(booking_id: int):
    return _act(booking_id, services.accept, _("The booking is confirmed. The customer has been notified."))


@bp.post("/bookings/<int:booking_id>/decline")
@login_required
def decline(booking_id: int):
    return _act(
        booking_id, services.decline, _("The booking has been declined. The customer has been notified.")
    )


@bp.post("/bookings/<int:booking_id>/cancel")
@login_required
def cancel(booking_id: int):
    return _act(
        booking_id, services.cancel, _("The booking has been cancelled. The other party has been notified.")
    )


@bp.post("/offerings/<ref>/bookings/cancel-all")
@login_required
def cancel_all(ref: str):
    session = write_session()
    offering = listings.offering_by_ref(session, ref)
    ensure_owner(current_user, offering)
    form = CancelAllForm()
    if not form.validate_on_submit():
        flash(_("Tell the customers why."), "error")
        return redirect(url_for("bookings.received", offering=offering.ref))
    changed = services.cancel_future_bookings(
        session, offering, current_user._get_current_object(), form.comment.data
    )
    session.commit()
    flash(_("%(n)d bookings have been called off and their customers notified.", n=len(changed)), "success")
    return redirect(url_for("bookings.received", offering=offering.ref))


# ---------------------------------------------------------------- the vendor's settings


@bp.route("/bookings/settings", methods=["GET", "POST"])
@login_required
def settings():
    session = get_session()
    org = services.ensure_vendor(current_user)
    form = SettingsForm()
    if request.method == "GET":
        form.load(services.settings_for(session, org.id))
    if form.validate_on_submit():
        services.save_settings(session, current_user._get_current_object(), form.to_clean())
        session.commit()
        flash(_("Your booking settings have been saved."), "success")
        return redirect(url_for("bookings.settings"))
    return render_template("bookings/settings.html", form=form, org=org), 400 if form.errors else 200


# ---------------------------------------------------------------- text for templates


def period_text(mode: str, start_at, end_at) -> str:
    """A booking's period in the site's zone: hours for shared use, whole days (the
    last one included) for leases and subscriptions."""
    s, e = periods.to_local(start_at), periods.to_local(end_at)
    if mode == "sharing":
        if s.date() == e.date() or (e.date() == s.date() + timedelta(days=1) and e.hour == 0):
            end = "24:00" if e.date() != s.date() else e.strftime("%H:%M")
            return f"{s:%Y-%m-%d} {s:%H:%M}–{end}"
        return f"{s:%Y-%m-%d %H:%M} – {e:%Y-%m-%d %H:%M}"
    last = (e - timedelta(days=1)).date()
    return f"{s:%Y-%m-%d}" if last == s.date() else f"{s:%Y-%m-%d} – {last:%Y-%m-%d}"


def length_text(mode: str, start_at, end_at) -> str:
    # Singular and plural as separate msgids (not ngettext): the catalog check
    # counts msgids one by one.
    if mode == "sharing":
        hours = int((end_at - start_at).total_seconds() // 3600)
        return _("1 hour") if hours == 1 else _("%(n)d hours", n=hours)
    first, last = periods.to_local(start_at).date(), periods.to_local(end_at).date()
    months, days = periods.months_and_days(first, last)
    month_text = _("1 month") if months == 1 else _("%(n)d months", n=months)
    day_text = _("1 day") if days == 1 else _("%(n)d days", n=days)
    if months and days:
        return _("%(months)s and %(days)s", months=month_text, days=day_text)
    return month_text if months else day_text


STATE_LABELS = {
    "requested": _l("Waiting for the vendor"),
    "confirmed": _l("Confirmed"),
    "declined": _l("Declined"),
    "cancelled": _l("Cancelled"),
    "completed": _l("Completed"),
}

ACTION_LABELS = {
    "request": _l("Booked, waiting for the vendor"),
    "confirm": _l("Booked and confirmed at once"),
    "accept": _l("Accepted by the vendor"),
    "decline": _l("Declined"),
    "cancel": _l("Cancelled"),
    "complete": _l("Completed"),
    "expire": _l("Not answered before the start"),
}


def offering_booking_section(session, offering: Offering, viewer) -> Section | None:
    """The booking panel of an offering's page (section registry)."""
    panel = booking_panel(offering, is_member_of(viewer, offering.org_id))
    return Section("bookings/_offering_booking.html", {"panel": panel}) if panel else None


def template_helpers() -> dict:
    return {
        "booking_period": period_text,
        "booking_length": length_text,
        "booking_state_label": lambda s: STATE_LABELS.get(s, s),
        "booking_action_label": lambda a: ACTION_LABELS.get(a, a),
    }
