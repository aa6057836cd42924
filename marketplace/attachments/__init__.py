"""Photos and documents of offerings, demands, pilots and organizations, kept in the database."""

from __future__ import annotations

from flask import Flask

from . import models  # noqa: F401  (registers the table)


def init_app(app: Flask) -> None:
    from ..api import register_api
    from . import api

    register_api(app, api.describe)
    from .services import MAX_PER_RECORD
    from .views import bp

    app.register_blueprint(bp)
    app.jinja_env.globals["attachment_limit"] = MAX_PER_RECORD
