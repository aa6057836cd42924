"""Language choice (zh first, en second), translation outside a request, number
and list formatting (Babel), and label helpers for templates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import flask_babel
from babel.lists import format_list as _babel_list
from babel.numbers import format_decimal as _babel_decimal
from babel.support import NullTranslations, Translations
from flask import Flask, current_app, request, session
from flask_babel import format_decimal, get_locale
from jinja2.runtime import Context
from jinja2.utils import pass_context
from markupsafe import Markup

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


def _plain_money_languages(languages: Iterable[str]) -> frozenset[str]:
    """The languages in which Babel writes amounts as Python's `format(x, ",.2f")`
    does (comma groups of three, a point for decimals, a hyphen-minus): the money
    filter formats those without Babel's pattern machinery (about 0.1 ms a call,
    dozens of prices a page). Checked once, on Babel's own output."""
    samples: list[Decimal | float] = [
        Decimal("1234567"),
        Decimal("-1234567.5"),
        Decimal("0.125"),
        Decimal("1000.005"),
        12.5,
        7,
    ]
    same = set()
    for lang in languages:
        if all(
            _babel_decimal(x, format=p, locale=lang) == format(Decimal(str(x)), f)
            for x in samples
            for p, f in (("#,##0", ",.0f"), ("#,##0.00", ",.2f"))
            if p == "#,##0.00" or Decimal(str(x)) == int(x)
        ):
            same.add(lang)
    return frozenset(same)


def _template_gettext(translations: NullTranslations) -> dict[str, Callable[..., str]]:
    """Jinja's newstyle gettext functions bound to one Translations object (as
    jinja2.ext installs them: autoescaped, always %-formatted). A page calls them a
    few hundred times; the globals flask-babel installs look the request's locale and
    translations up again on every call."""

    @pass_context
    def gettext(__context: Context, __string: str, **variables: Any) -> str:
        rv: str = translations.gettext(__string)
        if __context.eval_ctx.autoescape:
            rv = Markup(rv)  # noqa: S704 (our catalog's msgstr, as jinja2.ext does)
        if not variables and "%" not in rv:
            return rv  # what `rv % {}` gives, without formatting it
        return rv % variables

    @pass_context
    def ngettext(__context: Context, __singular: str, __plural: str, __num: int, **variables: Any) -> str:
        variables.setdefault("num", __num)
        rv = translations.ngettext(__singular, __plural, __num)
        if __context.eval_ctx.autoescape:
            rv = Markup(rv)  # noqa: S704 (our catalog's msgstr, as jinja2.ext does)
        return rv % variables

    @pass_context
    def pgettext(__context: Context, __string_ctx: str, __string: str, **variables: Any) -> str:
        variables.setdefault("context", __string_ctx)
        rv = str(translations.pgettext(__string_ctx, __string))
        if __context.eval_ctx.autoescape:
            rv = Markup(rv)  # noqa: S704 (our catalog's msgstr, as jinja2.ext does)
        return rv % variables

    @pass_context
    def npgettext(
        __context: Context, __string_ctx: str, __singular: str, __plural: str, __num: int, **variables: Any
    ) -> str:
        variables.setdefault("context", __string_ctx)
        variables.setdefault("num", __num)
        rv = translations.npgettext(__string_ctx, __singular, __plural, __num)
        if __context.eval_ctx.autoescape:
            rv = Markup(rv)  # noqa: S704 (our catalog's msgstr, as jinja2.ext does)
        return rv % variables

    # `_` too: jinja2.ext's own `_` looks `gettext` up again and calls it through a second layer.
    return {
        "gettext": gettext,
        "_": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "npgettext": npgettext,
    }


def init_app(app: Flask) -> None:
    @app.context_processor
    def _inject():
        # Bound once per render to the page's language and translations (the
        # template's `_()` and `{% trans %}` find these before the globals).
        lang = current_lang()
        vocabularies = taxonomy.data()

        def page_label(vocabulary: str, code: str | None) -> str:
            if not code:
                return ""
            entry = vocabularies[vocabulary].get(code)
            if entry is None:
                return code
            return entry.get(lang) or entry.get("zh") or code

        return {
            "label": page_label,
            "lang": lang,
            "taxonomy": taxonomy,
            "price_unit": lambda mode: taxonomy.price_unit(mode, lang),
            **_template_gettext(flask_babel.get_translations()),
        }

    plain = _plain_money_languages(app.config["LANGUAGES"])

    @app.template_filter("money")
    def _money(value) -> str:
        """An amount: no decimals when whole, else two (Babel, the page's locale)."""
        if value is None:
            return ""
        whole = float(value) == int(value)
        if current_lang() in plain:
            # What Babel writes for these patterns in these languages (checked at start).
            number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
            return format(number, ",.0f" if whole else ",.2f")
        return format_decimal(value, format="#,##0" if whole else "#,##0.00")
