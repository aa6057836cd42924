"""Language choice (zh first, en second), translation outside a request, number
and list formatting (Babel), and label helpers for templates."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel.lists import format_list as _babel_list
from babel.numbers import format_decimal as _babel_decimal
from babel.support import NullTranslations, Translations
from flask import Flask, current_app, request, session
from flask_babel import format_decimal, get_locale

from . import taxonomy

_TRANSLATIONS = Path(__file__).resolve().parent / "translations"

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
    if lang is not None and lang in supported:
        return lang
    if request.path.startswith("/api/"):
        lang = _accept_language(supported)
    else:
        lang = session.get("lang") or request.cookies.get(LANG_COOKIE)
    return lang if lang is not None and lang in supported else default


def current_lang() -> str:
    """The active language (the request's, or one forced); "zh" without either."""
    loc = get_locale()
    return loc.language if loc else "zh"


@lru_cache(maxsize=4)
def _catalog(lang: str) -> NullTranslations:
    if lang == "en":
        return NullTranslations()
    return Translations.load(str(_TRANSLATIONS), [lang], domain="messages")


def translate(message: str, lang: str | None = None, **values: object) -> str:
    """`message` (an English msgid) in `lang`, default the request's language, with
    `%(name)s` values filled in. Works without a request (CLI, mail, pure code);
    mark the msgid for extraction where it is written (`_l` or `N_`)."""
    text = _catalog(lang or current_lang()).gettext(message)
    return text % values if values else text


def format_number(value: float | int | Decimal | None, lang: str | None = None) -> str:
    """A number with grouping and at most two decimals, as `lang` writes it."""
    if value is None:
        return ""
    return _babel_decimal(value, format="#,##0.##", locale=lang or current_lang())


def format_list(items: Iterable[str], lang: str | None = None) -> str:
    """ "a, b, and c" / "a、b和c" (Babel's list patterns for `lang`)."""
    items = list(items)
    return _babel_list(items, locale=lang or current_lang()) if items else ""


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
        """An amount: no decimals when whole, else two (Babel, the page's locale)."""
        if value is None:
            return ""
        return format_decimal(value, format="#,##0" if float(value) == int(value) else "#,##0.00")
