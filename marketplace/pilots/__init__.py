"""Demonstration pilots (示范项目): from a proposed pairing of a demand and an
offering to an approved, tracked and accepted pilot."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from ..api import register_api
    from . import api

    register_api(app, api.describe)
    from .views import bp

    app.register_blueprint(bp)
