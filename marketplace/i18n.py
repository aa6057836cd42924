"""Language choice (zh first, en second) and label helpers for templates."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import get_locale

from . import taxonomy

LANG_COOKIE = "lang"


def _accept_language(supported: tuple[str, ...]) -> str | None:
    """The first supported primary tag in the client's order of preference
    (`zh-TW, en;q=0.8` is Chinese; q=0 means "not this language")."""
    for value, quality in request.accept_languages:
        primary = value.replace("_", "-").split("-")[0].lower()
        if quality > 0 and primary in supported:
            return primary
    return None


def select_locale() -> str:
    """?lang= first; then the site's remembered choice (session, cookie), or for
    the API, which uses no cookies, the Accept-Language header; else Chinese."""
    supported = current_app.config["LANGUAGES"]
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not request:  # CLI commands, listeners
        return default
    lang = request.args.get("lang")
    if lang in supported:
        return lang
    if request.path.startswith("/api/"):
        lang = _accept_language(supported)
    else:
        lang = session.get("lang") or request.cookies.get(LANG_COOKIE)
    return lang if lang in supported else default


def current_lang() -> str:
    loc = get_locale()
    return loc.language if loc else "zh"


def label(vocabulary: str, code: str | None) -> str:
    if not code:
        return ""
    return taxonomy.label(vocabulary, code, current_lang())


def init_app(app: Flask) -> None:
    @app.context_processor
    def _inject():
        return {
            "label": label,
            "lang": current_lang(),
            "taxonomy": taxonomy,
            "price_unit": lambda mode: taxonomy.price_unit(mode, current_lang()),
        }

    @app.template_filter("money")
    def _money(value) -> str:
        if value is None:
            return ""
        return f"{float(value):,.0f}" if float(value) == int(value) else f"{float(value):,.2f}"
