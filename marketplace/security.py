"""Security headers on every response, request ids, and safe redirects."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Flask, abort, g, request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def safe_next(target: str | None, default: str) -> str:
    """Only same-site paths: '/x' yes; '//host', '/\\host', 'http://…' no."""
    if not target:
        return default
    target = target.strip()
    if "\\" in target or any(ord(c) < 32 for c in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_nul():
        # PostgreSQL refuses NUL in text; no legitimate URL or form carries one.
        # (The API answers the same with field names: marketplace/api/views.py.)
        if request.path.startswith("/api/"):
            return
        if "\x00" in request.path:
            abort(404)
        if any("\x00" in v for v in request.args.values()) or (
            request.method == "POST" and any("\x00" in v for v in request.form.values())
        ):
            abort(400)

    @app.after_request
    def _headers(response):
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        if app.config.get("PRODUCTION"):
            h.setdefault("Strict-Transport-Security", "max-age=31536000")
        # The request id is set (and checked) where each request starts (health);
        # one refused before it started gets one here.
        if not getattr(g, "request_id", ""):
            g.request_id = request.headers.get("X-Request-Id", "")[:64] or secrets.token_hex(8)
        h["X-Request-Id"] = g.request_id
        return response
