"""The officials' dashboard: progress toward the 50 demonstration scenarios,
pilots, demands and offerings by domain, city and mode, the trend, and the
supply–demand gap."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from .views import bp

    app.register_blueprint(bp)
