"""Browser tests: the site as gunicorn serves it, driven by Debian's chromium.

`live_server` starts gunicorn (2 workers) on a free localhost port against a fresh
database (SQLite file or a new PostgreSQL database) loaded with the demo data;
`browser` is a headless Chromium through chromedriver. Waiting is done with
WebDriverWait on conditions, never with sleeps."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, fresh_database

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def browser_available() -> bool:
    return os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)


needs_browser = pytest.mark.skipif(
    not browser_available(),
    reason="Debian chromium + chromium-driver not installed (make test installs them)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    database_url: str
    env: dict
    process: subprocess.Popen

    def flask(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
        """Run `flask --app wsgi ARGS` against the live server's database."""
        return subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", *args],
            cwd=ROOT,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            check=True,
        )


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll /healthz until gunicorn answers (each attempt blocks on the socket)."""
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + log.read_text())
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:  # noqa: S310 (localhost)
                if r.status == 200:
                    return
        except OSError:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.25)  # returns early only if gunicorn died
    raise RuntimeError("gunicorn did not answer within 60 s:\n" + log.read_text())


def start_live_server(name: str, seed: bool = True, workers: int = 2) -> LiveServer:
    database_url = fresh_database(name)
    index_dir = tempfile.mkdtemp(prefix=f"rsm-index-{name}-")
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        SEARCH_INDEX_DIR=index_dir,
        SECRET_KEY="browser-test",
        PYTHONUNBUFFERED="1",
    )
    env.pop("MARKETPLACE_ENV", None)
    if seed:
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "seed"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    port = _free_port()
    log = Path(tempfile.mkdtemp(prefix="rsm-gunicorn-")) / "gunicorn.log"
    with log.open("w") as out:  # gunicorn keeps its own copy; ours is closed at once
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
    except Exception:
        process.kill()
        raise
    return LiveServer(url, database_url, env, process)


def stop_live_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="module")
def live_server(request):
    server = start_live_server(request.module.__name__.rsplit(".", 1)[-1])
    yield server
    stop_live_server(server)


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


@pytest.fixture
def browser():
    driver = make_browser()
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


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
