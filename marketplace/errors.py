"""Domain errors and their rendering: HTML pages for the site, JSON for /api/."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger("marketplace")


class DomainError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str = "", fields: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class ValidationFailed(DomainError):
    status, code = 400, "invalid"


class NotAllowed(DomainError):
    status, code = 403, "forbidden"


class NotFoundError(DomainError):
    status, code = 404, "not_found"


class Conflict(DomainError):
    status, code = 409, "conflict"


class Unauthorized(DomainError):
    status, code = 401, "unauthorized"


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _default_message(status: int) -> str:
    return {
        400: _("The request could not be understood."),
        401: _("Please sign in or give a valid API token."),
        403: _("You are not allowed to do this."),
        404: _("This page or record does not exist, or you cannot see it."),
        405: _("This method is not allowed here."),
        409: _("This conflicts with the current state."),
        413: _("The upload is too large."),
        429: _("Too many attempts. Please wait a few minutes and try again."),
        500: _("Something went wrong on our side. The error has been logged."),
    }.get(status, _("Error"))


_CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "too_many_requests",
    500: "server_error",
}


def render_error(
    status: int, message: str | None = None, fields: dict | None = None, code: str | None = None
):
    message = message or _default_message(status)
    if _wants_json():
        body: dict[str, object] = {"error": code or _CODES.get(status, "error"), "message": message}
        if fields:
            body["fields"] = fields
        return jsonify(body), status
    return render_template(
        "errors/error.html", status=status, message=message, request_id=getattr(g, "request_id", "")
    ), status


def init_app(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain(err: DomainError):
        return render_error(err.status, err.message or None, err.fields, err.code)

    @app.errorhandler(CSRFError)
    def _csrf(err: CSRFError):
        return render_error(
            400,
            _("The form expired or was sent from elsewhere. Please reload the page and try again."),
            code="csrf",
        )

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException):
        status = err.code or 500
        response, status = render_error(status)
        allowed = getattr(err, "valid_methods", None)  # set by MethodNotAllowed
        if status == 405 and allowed:
            response = make_response(response, status)
            response.headers["Allow"] = ", ".join(allowed)
        return response, status

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        log.exception("unhandled error, request id %s", getattr(g, "request_id", "-"))
        return render_error(500)
