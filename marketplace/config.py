"""Configuration: defaults, then the environment. Nothing here runs at import time
except reading plain constants; `load_config` is called by the factory."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


class Config:
    SECRET_KEY: str | None = "dev-only-not-secret"  # noqa: S105 (development default; production refuses it)
    DATABASE_URL = f"sqlite:///{INSTANCE / 'marketplace.sqlite3'}"
    SEARCH_INDEX_DIR = str(INSTANCE / "search-index")
    INDEX_FEED_KEEP_DAYS = 14  # the index feed's changes kept; an index further behind rebuilds
    SEARCH_INDEX_IN_MEMORY = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_NAME = "rsm_session"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = 3600 * 12
    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh", "en")
    PAGE_SIZE = 20
    # Failed-login throttling, counted in the database (shared by all workers).
    LOGIN_WINDOW_SECONDS = 15 * 60
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    # Uploads: 10 MB a file (refused with a clear 400); a little more for the multipart wrapping.
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    PRODUCTION = False
    TESTING = False


class ProductionConfig(Config):
    SECRET_KEY = None  # must come from the environment
    SESSION_COOKIE_SECURE = True
    PRODUCTION = True


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"  # noqa: S105
    DATABASE_URL = "sqlite://"
    SEARCH_INDEX_IN_MEMORY = True


def load_config(app, config: dict | None) -> None:
    """Fill `app.config`: class defaults, then environment, then explicit overrides."""
    env = os.environ.get("MARKETPLACE_ENV", "development")
    base = ProductionConfig if env == "production" else Config
    app.config.from_object(base)
    for key in ("DATABASE_URL", "SEARCH_INDEX_DIR", "SECRET_KEY"):
        if os.environ.get(key):
            app.config[key] = os.environ[key]
    for key in (
        "JOBS_SQLITE_PATH",
        "JOBS_REDIS_URL",
        "JOBS_QUEUE_NAME",
        "INDEX_FEED_KEEP_DAYS",
        "PAGE_CACHE",
        "PAGE_CACHE_SECONDS",
        "SITE_URL",
    ):
        if os.environ.get(key):
            app.config[key] = os.environ[key]
    for key in ("SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "MAIL_FROM"):
        if os.environ.get(key):
            app.config[key] = os.environ[key]
    if config:
        app.config.update(config)
    if app.config.get("PRODUCTION"):
        if not app.config.get("SECRET_KEY") or app.config["SECRET_KEY"] == Config.SECRET_KEY:
            raise RuntimeError("SECRET_KEY must be set in the environment in production")
        app.config["DEBUG"] = False
        app.config["SESSION_COOKIE_SECURE"] = True
