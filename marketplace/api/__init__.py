"""/api/v1: the JSON API (spec/interchange.md).

Core endpoints (the two lists, one record, create/change/withdraw) live in
`views`. Each feature keeps its endpoints in `marketplace/<feature>/api.py` and
wires them from its own `init_app`, before `create_app` registers the blueprint:

    def init_app(app):
        from ..api import register_api
        from . import api      # its routes attach to `bp`

        register_api(app, api.describe)   # its part of the OpenAPI document

This package imports no feature package at module level."""

from __future__ import annotations

from flask import Blueprint, Flask

from .openapi import Describe

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def register_api(app: Flask, describe: Describe) -> None:
    """Add a feature's OpenAPI description; the document is built on each request."""
    app.extensions.setdefault("api_descriptions", []).append(describe)


def init_app(app: Flask) -> None:
    """Core routes, then the blueprint with every feature's routes (call last)."""
    from ..extensions import csrf
    from . import docs, views  # noqa: F401  (core routes attach to `bp`)

    register_api(app, lambda doc: doc.add_paths(docs.PATHS))
    app.register_blueprint(bp)
    csrf.exempt(bp)  # bearer tokens only, never cookies: no CSRF to forge
