"""Browser tests: the site as gunicorn serves it, driven by Debian's chromium.

`live_server` (tests/browser/conftest.py) starts gunicorn (2 workers, `tests/support/live.py`) on a free localhost
port against a fresh database (SQLite file or a new PostgreSQL database) loaded with
the demo data;
`browser` is a headless Chromium through chromedriver. Waiting is done with
WebDriverWait on conditions, never with sleeps."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from tests.support.live import LiveServer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def browser_available() -> bool:
    return os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)


needs_browser = pytest.mark.skipif(
    not browser_available(),
    reason="Debian chromium + chromium-driver not installed (make test installs them)",
)


def make_browser(lang: str = "zh-CN"):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--window-size=1280,900",
        f"--lang={lang}",
        f"--user-data-dir={tempfile.mkdtemp(prefix='rsm-chromium-')}",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def wait_for(driver, condition, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def login(driver, server: LiveServer, email: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(server.url + "/login")
    driver.find_element(By.NAME, "email").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main form [type=submit]").click()  # not the header search
    wait_for(driver, lambda d: "/login" not in d.current_url)
