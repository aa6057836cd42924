"""The public showcase (示范案例): approved, running and completed demonstration pilots."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from .views import bp

    app.register_blueprint(bp)
