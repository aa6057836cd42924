"""Language choice (zh first, en second) and label helpers for templates."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import get_locale

from . import taxonomy

LANG_COOKIE = "lang"


def select_locale() -> str:
    supported = current_app.config["LANGUAGES"]
    lang = request.args.get("lang") if request else None
    if lang in supported:
        return lang
    lang = request.accept_languages.best_match(supported) if request.path.startswith("/api/") else session.get("lang") or request.cookies.get(LANG_COOKIE)  # the API: no cookies
    if lang in supported:
        return lang
    return current_app.config["BABEL_DEFAULT_LOCALE"]


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
