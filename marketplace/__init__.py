"""The marketplace application factory."""

from __future__ import annotations

import logging

from flask import Flask

from .config import ROOT, load_config


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

    from .accounts import init_app as init_accounts
    from .api import bp as api_bp
    from .cli import register as register_cli
    from .listings.views import bp as listings_bp
    from .main import bp as main_bp

    init_accounts(app)
    for bp in (main_bp, listings_bp, api_bp):
        app.register_blueprint(bp)
    csrf.exempt(api_bp)  # bearer-token API: no cookies, no CSRF
    register_cli(app)
    return app
