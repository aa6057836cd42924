"""Browser fixtures: `live_server` (one seeded gunicorn for the run) and `browser`."""

from __future__ import annotations

import pytest

from tests.browser.support import make_browser
from tests.support.live import start_live_server, stop_live_server


@pytest.fixture(scope="session")
def live_server():
    """One seeded gunicorn for every browser test of the run (each test makes its
    own records or acts on different demo records; seeding and starting cost ~10 s)."""
    server = start_live_server("browser")
    yield server
    stop_live_server(server)


@pytest.fixture
def browser():
    driver = make_browser()
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
