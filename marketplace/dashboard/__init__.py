"""The officials' dashboard: progress toward the 50 demonstration scenarios,
pilots, demands and offerings by domain, city and mode, the trend, and the
supply–demand gap."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from ..api import register_api
    from . import api

    register_api(app, api.describe)
    from .views import bp

    app.register_blueprint(bp)
