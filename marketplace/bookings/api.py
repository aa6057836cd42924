"""/api/v1 endpoints of bookings (spec/interchange.md): availability, book, cancel.

Times in and out carry a zone offset (ISO 8601); a time without one is refused.
Out, they are given in the site's zone (Asia/Shanghai, +08:00)."""

from __future__ import annotations

from flask import jsonify, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from .. import taxonomy
from ..accounts.access import can_view_record
from ..api import bp, openapi
from ..api.auth import api_user, json_body, require_user, token_required
from ..db import get_session, utcnow
from ..errors import DomainError, NotFoundError, ValidationFailed
from ..listings.models import Offering
from . import periods, services
from .models import BOOKABLE_MODES, STATES, Booking
from .views import write_session


def booking_json(booking: Booking, history: bool = False) -> dict:
    body = {
        "id": booking.id,
        "offering": booking.offering.ref,
        "mode": booking.mode,
        "kind": "subscription" if booking.is_subscription else "booking",
        "start": periods.iso(booking.start_at),
        "end": periods.iso(booking.end_at),
        "units": booking.units,
        "state": booking.shown_state(utcnow()),
        "unit_price": float(booking.unit_price),
        "price": float(booking.price),
        "currency": "CNY",
        "customer": booking.customer.ref,
        "vendor": booking.vendor.ref,
        "note": booking.note,
        "created_at": periods.iso(booking.created_at),
    }
    if history:
        body["history"] = [
            {
                "at": periods.iso(e.at),
                "action": e.action,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "comment": e.comment,
                "by": (e.actor.name or e.actor.email) if e.actor else None,
            }
            for e in booking.events
        ]
    return body


def _time_arg(name: str, fields: dict[str, str]):
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    try:
        return periods.parse_iso(raw)
    except ValueError:
        fields[name] = _(
            "Give a date and time between 2000 and 2100 with its time zone, e.g. 2026-12-01T09:00:00+08:00."
        )
        return None


@bp.get("/offerings/<ref>/availability")
def offering_availability(ref: str):
    """Units free over time: per hour or per day (`granularity`), and the exact periods."""
    session = get_session()
    user = api_user()
    offering = session.scalar(select(Offering).where(Offering.ref == ref))
    if offering is None or not can_view_record(user, offering):
        raise NotFoundError()
    fields: dict[str, str] = {}
    start, end = _time_arg("from", fields), _time_arg("to", fields)
    if fields:
        raise ValidationFailed(_("The request could not be understood."), fields)
    found = services.slots(session, offering, request.args.get("granularity"), start, end, utcnow())
    modes = services.bookable_modes(offering)
    return jsonify(
        {
            "offering": offering.ref,
            "units": found.availability.pool,
            "timezone": "Asia/Shanghai",
            "modes": [
                {
                    "mode": m,
                    "price": float(offering.price_for(m)),  # type: ignore[arg-type]  # a bookable mode has one
                    "price_unit": taxonomy.data()["modes"][m]["price_unit"],
                }
                for m in modes
            ],
            "from": periods.iso(found.bounds[0]),
            "to": periods.iso(found.bounds[-1]),
            "granularity": found.granularity,
            "slots": [
                {"start": periods.iso(lo), "end": periods.iso(hi), "free": f} for lo, hi, f in found.slots()
            ],
            "periods": [
                {"start": periods.iso(lo), "end": periods.iso(hi), "free": f} for lo, hi, f in found.periods()
            ],
        }
    )


def _parse_time(data: dict, name: str):
    try:
        return periods.parse_iso(data.get(name))
    except (ValueError, TypeError):
        return None  # the service names the field and says what is expected


@bp.post("/bookings")
@token_required
def create_booking():
    data = json_body()
    session = write_session()
    user = require_user()
    try:
        ref = data.get("offering")
        offering = (
            session.scalar(select(Offering).where(Offering.ref == ref)) if isinstance(ref, str) else None
        )
        if offering is None or not can_view_record(user, offering):
            raise ValidationFailed(
                _("The booking could not be made: see the fields."),
                {"offering": _("No offering has this ref.")},
            )
        note = data["note"] if isinstance(data.get("note"), str) else ""
        booking = services.create_booking(
            session,
            user,
            offering,
            data.get("mode"),
            _parse_time(data, "start"),
            _parse_time(data, "end"),
            data.get("units"),
            note,
        )
    except DomainError:
        session.rollback()
        raise
    session.commit()
    response = jsonify(booking_json(booking))
    response.status_code = 201
    response.headers["Location"] = url_for("api.booking_detail", booking_id=booking.id)
    return response


@bp.get("/bookings/<int:booking_id>")
@token_required
def booking_detail(booking_id: int):
    booking = services.booking_for(get_session(), booking_id, require_user())
    return jsonify(booking_json(booking, history=True))


@bp.delete("/bookings/<int:booking_id>")
@token_required
def cancel_booking(booking_id: int):
    session = write_session()
    user = require_user()
    try:
        booking = services.booking_for(session, booking_id, user)
        services.cancel(session, booking, user, request.args.get("reason", "")[:2000])
    except DomainError:
        session.rollback()
        raise
    session.commit()
    return jsonify(booking_json(booking))


# ---------------------------------------------------------------- OpenAPI

_TIME = {
    "type": "string",
    "format": "date-time",
    "description": "ISO 8601 with a zone offset, e.g. 2026-12-01T09:00:00+08:00.",
}
_SLOT = {
    "type": "object",
    "required": ["start", "end", "free"],
    "properties": {"start": _TIME, "end": _TIME, "free": {"type": "integer", "minimum": 0}},
}


def describe(doc: openapi.Builder) -> None:
    """This feature's endpoints in the OpenAPI document (built on request)."""
    doc.add_paths(
        {
            "/offerings/{ref}/availability": {
                "get": {
                    "tags": ["bookings"],
                    "summary": "Units free over time",
                    "description": "For an offering with `sharing`, `lease` or `raas` mode: the units free in each "
                    "hour or day (the pool less the most units held at any instant of it), and the "
                    "exact periods over which the free count is constant. Requested and confirmed "
                    "bookings and running subscriptions hold units.",
                    "parameters": [
                        openapi.path_param("ref"),
                        openapi.query_param("from", _TIME, "Default: now. Rounded down to the hour or day."),
                        openapi.query_param("to", _TIME, "Default: 7 days (hour) or 28 days (day) later."),
                        openapi.query_param(
                            "granularity",
                            {"type": "string", "enum": ["hour", "day"]},
                            "Default: hour when the offering has `sharing`, else day.",
                        ),
                    ],
                    "responses": {
                        "200": openapi.json_response("Free units", openapi.ref("Availability")),
                        **openapi.errors(400, 401, 404),
                    },
                }
            },
            "/bookings": {
                "post": {
                    "tags": ["bookings"],
                    "summary": "Book units of an offering",
                    "description": "Shared use is booked in whole hours; leases in whole days (from 00:00 Beijing "
                    "time); subscriptions (`raas`) in whole months. The vendor's settings decide "
                    "whether the booking is `confirmed` at once or `requested` (waiting for the "
                    "vendor; its units are held meanwhile), the shortest notice and the longest "
                    "period. 409 when that many units are not free for the whole period.",
                    "security": [{"bearerAuth": []}],
                    "requestBody": openapi.json_body(openapi.ref("BookingInput")),
                    "responses": {
                        "201": openapi.json_response("The booking", openapi.ref("Booking")),
                        **openapi.errors(400, 401, 403, 409),
                    },
                }
            },
            "/bookings/{booking_id}": {
                "get": {
                    "tags": ["bookings"],
                    "summary": "One booking of the caller's organization, with its history",
                    "security": [{"bearerAuth": []}],
                    "parameters": [openapi.path_param("booking_id", "integer")],
                    "responses": {
                        "200": openapi.json_response("The booking", openapi.ref("Booking")),
                        **openapi.errors(401, 404),
                    },
                },
                "delete": {
                    "tags": ["bookings"],
                    "summary": "Cancel a booking of the caller's organization",
                    "description": "The customer may cancel a request at any time and a confirmed booking until "
                    "the vendor's notice period before the start; the vendor until the end. "
                    "The other party is notified. 409 when the rules or the state forbid it.",
                    "security": [{"bearerAuth": []}],
                    "parameters": [
                        openapi.path_param("booking_id", "integer"),
                        openapi.query_param(
                            "reason", {"type": "string", "maxLength": 2000}, "Told to the other party."
                        ),
                    ],
                    "responses": {
                        "200": openapi.json_response("The cancelled booking", openapi.ref("Booking")),
                        **openapi.errors(401, 404, 409),
                    },
                },
            },
        },
        schemas={
            "BookingInput": {
                "type": "object",
                "required": ["offering", "mode", "start", "end", "units"],
                "properties": {
                    "offering": {"type": "string", "description": "The offering's ref."},
                    "mode": {"type": "string", "enum": list(BOOKABLE_MODES)},
                    "start": _TIME,
                    "end": {**_TIME, "description": "Exclusive."},
                    "units": {"type": "integer", "minimum": 1},
                    "note": {"type": "string", "maxLength": 2000},
                },
            },
            "Booking": {
                "type": "object",
                "required": ["id", "offering", "mode", "start", "end", "units", "state", "price", "currency"],
                "properties": {
                    "id": {"type": "integer"},
                    "offering": {"type": "string"},
                    "mode": {"type": "string", "enum": list(BOOKABLE_MODES)},
                    "kind": {"type": "string", "enum": ["booking", "subscription"]},
                    "start": _TIME,
                    "end": _TIME,
                    "units": {"type": "integer", "minimum": 1},
                    "state": {"type": "string", "enum": list(STATES)},
                    "unit_price": {
                        "type": "number",
                        "description": "The offering's price in the mode's price unit.",
                    },
                    "price": {"type": "number", "description": "The whole booking, in CNY."},
                    "currency": {"type": "string", "enum": ["CNY"]},
                    "customer": {"type": "string", "description": "The booking organization's ref."},
                    "vendor": {"type": "string", "description": "The offering organization's ref."},
                    "note": {"type": "string"},
                    "created_at": _TIME,
                    "history": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "at": _TIME,
                                "action": {"type": "string"},
                                "from_state": {"type": "string", "nullable": True},
                                "to_state": {"type": "string"},
                                "comment": {"type": "string"},
                                "by": {"type": "string", "nullable": True},
                            },
                        },
                    },
                },
            },
            "Availability": {
                "type": "object",
                "required": ["offering", "units", "timezone", "from", "to", "granularity", "slots"],
                "properties": {
                    "offering": {"type": "string"},
                    "units": {"type": "integer", "description": "The pool size."},
                    "timezone": {"type": "string", "example": "Asia/Shanghai"},
                    "modes": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "mode": {"type": "string"},
                                "price": {"type": "number"},
                                "price_unit": {"type": "string"},
                            },
                        },
                    },
                    "from": _TIME,
                    "to": _TIME,
                    "granularity": {"type": "string", "enum": ["hour", "day"]},
                    "slots": {"type": "array", "items": _SLOT},
                    "periods": {"type": "array", "items": _SLOT},
                },
            },
        },
    )
