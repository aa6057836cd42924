"""The cost of one `gettext` inside a request (zh): flask-babel's call, its
translations lookup, and the catalog's own lookup.

    PYTHONPATH=. .venv/bin/python bench/babel_lookup.py
"""

from __future__ import annotations

import time

from flask_babel import get_translations, gettext

from marketplace import create_app


def per_call(fn, n: int = 20000) -> float:
    """Microseconds per call of `fn()`."""
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1e6


def main() -> None:
    app = create_app()
    with app.test_request_context("/?lang=zh"):
        gettext("Search")
        catalog = get_translations()
        print(f"flask_babel.gettext     {per_call(lambda: gettext('Search')):6.2f} us/call")
        print(f"get_translations()      {per_call(get_translations):6.2f} us/call")
        print(f"catalog.gettext         {per_call(lambda: catalog.gettext('Search')):6.2f} us/call")


if __name__ == "__main__":
    main()
