"""Photos and documents of offerings, demands, pilots and organizations, kept in the database."""

from __future__ import annotations

from flask import Flask

from . import models  # noqa: F401  (registers the table)


def init_app(app: Flask) -> None:
    from ..api import register_api
    from . import api

    register_api(app, api.describe)
    from sqlalchemy import func, select

    from ..pagecache import add_version_part
    from .models import Attachment
    from .services import MAX_PER_RECORD
    from .views import bp

    # Cards show covers: a file added or removed changes the pages.
    add_version_part(app, lambda: select(func.max(Attachment.id)))
    add_version_part(app, lambda: select(func.count(Attachment.id)))

    app.register_blueprint(bp)
    app.jinja_env.globals["attachment_limit"] = MAX_PER_RECORD
