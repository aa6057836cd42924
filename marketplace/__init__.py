"""The marketplace application factory."""

from __future__ import annotations

import logging

from flask import Flask

from .config import ROOT, load_config

# Feature packages, each with `init_app(app)`: blueprints, CLI commands, hooks and
# their /api/v1 routes. The API blueprint is registered after them (`api.init_app`).
FEATURES = (
    "accounts",
    "main",
    "listings",
    "pilots",
    "dashboard",
    "bookings",
    "search",
    "matching",
    "notifications",
    "attachments",
    "showcase",
    "savedsearch",
    "deals",
    "jobs",
    "health",
    "pagecache",
)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    load_config(app, config)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from . import db, errors, i18n, security
    from .extensions import babel, csrf, login_manager

    db.init_app(app)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(ROOT / "marketplace" / "translations"),
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)

    from importlib import import_module

    from . import api
    from .cli import register as register_cli

    # Each feature package binds itself: blueprints, CLI commands, listeners.
    for name in FEATURES:
        import_module(f"{__name__}.{name}").init_app(app)
    api.init_app(app)
    register_cli(app)
    return app
