"""Demonstration pilots (示范项目): from a proposed pairing of a demand and an
offering to an approved, tracked and accepted pilot."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from ..api import register_api
    from . import api

    register_api(app, api.describe)
    from sqlalchemy import func, select

    from ..pagecache import add_version_part
    from .models import Pilot
    from .views import bp

    # The home page and the showcase show pilots: their newest change and count.
    add_version_part(app, lambda: select(func.max(Pilot.updated_at)))
    add_version_part(app, lambda: select(func.count(Pilot.id)))

    app.register_blueprint(bp)
