"""The request keeps the Translations it found first, and still follows a forced
or refreshed language."""

from __future__ import annotations

from flask_babel import force_locale, get_translations, gettext, refresh


def test_the_request_reuses_its_translations(app):
    with app.test_request_context("/?lang=zh"):
        first = get_translations()
        assert get_translations() is first
        assert gettext("Search") == "搜索"


def test_force_locale_and_refresh_still_switch_the_language(app):
    with app.test_request_context("/?lang=zh"):
        assert gettext("Search") == "搜索"
        with force_locale("en"):
            assert gettext("Search") == "Search"
        assert gettext("Search") == "搜索"
        refresh()
        assert gettext("Search") == "搜索"


def test_each_request_has_its_own_language(app):
    # Each served request has its own application context (the fixture holds one).
    with app.app_context(), app.test_request_context("/?lang=zh"):
        assert gettext("Search") == "搜索"
    with app.app_context(), app.test_request_context("/?lang=en"):
        assert gettext("Search") == "Search"
    with app.test_client() as client:
        assert "Search" in client.get("/search?lang=en").get_data(as_text=True)
        assert "搜索" in client.get("/search?lang=zh").get_data(as_text=True)
