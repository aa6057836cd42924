"""Photos, the public showcase and the organization page in headless Chromium against
gunicorn, at 375 px and 1280 px, in Chinese and English: the gallery and the covers
load, nothing overflows the viewport, and a member sees the colleague and licence forms.

Set RSM_SHOTS=/some/folder to keep screenshots of every page visited."""

import os

import pytest

from tests.browser.support import login, needs_browser, wait_for

pytestmark = [needs_browser, pytest.mark.browser]

WIDTHS = (375, 1280)


def _view(driver, width: int, url: str, lang: str, name: str) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    sep = "&" if "?" in url else "?"
    driver.get(f"{url}{sep}lang={lang}")
    wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    # Images on the first screen load (lazy ones further down load when scrolled to);
    # a broken one is complete with no width.
    wait_for(
        driver,
        lambda d: d.execute_script(
            "return [...document.images].filter(i => i.getBoundingClientRect().top < innerHeight)"
            ".every(i => i.complete)"
        ),
    )
    broken = driver.execute_script(
        "return [...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"
    )
    assert not broken, f"{name} {lang} {width}px: images that did not load: {broken}"
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} {lang} {width}px overflows the viewport by {overflow}px"
    folder = os.environ.get("RSM_SHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        height = driver.execute_script("return Math.min(document.body.scrollHeight, 4000)")
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        driver.save_screenshot(os.path.join(folder, f"{name}-{lang}-{width}.png"))


def test_showcase_gallery_and_org_page(live_server, browser):
    from selenium.webdriver.common.by import By

    b, url = browser, live_server.url
    b.get(url + "/offerings")
    covers = b.find_elements(By.CSS_SELECTOR, "a.card-cover")
    assert covers, "demo offerings show cover photos on their cards"
    detail = covers[0].get_attribute("href")
    for lang in ("zh", "en"):
        for width in WIDTHS:
            _view(b, width, url + "/offerings", lang, "offerings")
            _view(b, width, detail, lang, "offering")
            assert len(b.find_elements(By.CSS_SELECTOR, ".gallery-item img")) >= 2
            _view(b, width, url + "/showcase", lang, "showcase")
            assert b.find_elements(By.CSS_SELECTOR, ".showcase-card .outcome-table")
    login(b, live_server, "vendor@demo.example", "Vendor#2026")
    b.get(url + "/")
    org_link = b.find_element(By.CSS_SELECTOR, "a[href^='/orgs/org-demo-vendor']").get_attribute("href")
    for lang in ("zh", "en"):
        for width in WIDTHS:
            _view(b, width, org_link, lang, "org")
            assert b.find_elements(By.CSS_SELECTOR, "form[action$='/invitations'] input[type=email]")
            assert b.find_elements(By.CSS_SELECTOR, "#verification")
            _view(b, width, org_link + "/edit", lang, "org-edit")
