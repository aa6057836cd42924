"""The public showcase (示范案例): approved, running and completed demonstration pilots."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from ..api import register_api
    from . import api

    register_api(app, api.describe)
    from .views import bp

    app.register_blueprint(bp)
