"""In headless Chromium against gunicorn with the demo data: the factory invites
two vendors; both respond with quotes and one revises its price; the factory
declines one with a reason and talks with the other; it compares (the totals on
the page follow the arithmetic, also when the period is changed on the page
without saving), accepts, and lands on a prefilled pilot proposal."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from tests.browser.support import needs_browser, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_browser]

DEMAND = "dem-browser-deal"
FACTORY = ("factory@demo.example", "Factory#2026")
VENDOR_A = ("vendor@demo.example", "Vendor#2026")  # 灵犀G20 (off-lx-g20-factory)
VENDOR_B = ("vendor2@demo.example", "Vendor2#2026")  # 甬擎YQ-30 (off-yq-30-loader)


def _add_demand(server) -> None:
    doc = {
        "format": "robot-scenario-marketplace/1",
        "organizations": [],
        "offerings": [],
        "demands": [
            {
                "ref": DEMAND,
                "org": "org-demo-factory",
                "title": "工业人形机器人上下料与料箱搬运（浏览器测试）",
                "description": "冲压与机加车间上下料、料箱搬运，单件最重15kg，两班倒，先租赁试点。",
                "domain": "manufacturing",
                "tasks": ["loading", "handling"],
                "payload_kg": 15,
                "quantity": 2,
                "modes": ["lease"],
                "budget": {"lease": 30000},
                "city": "ningbo",
                "period_months": 6,
                "hours_per_month": 320,
            }
        ],
    }
    path = Path(tempfile.mkdtemp(prefix="rsm-deal-")) / "demand.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    server.flask("import-data", str(path))


def _as(driver, server, who) -> None:
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(server.url + "/login")
    driver.find_element(By.NAME, "email").send_keys(who[0])
    driver.find_element(By.NAME, "password").send_keys(who[1])
    driver.find_element(By.CSS_SELECTOR, "main form [type=submit]").click()
    wait_for(driver, lambda d: "/login" not in d.current_url)


def _flashed(driver) -> None:
    from selenium.webdriver.common.by import By

    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".flash-success"))


def _respond(driver, server, offering: str, price: str) -> str:
    from selenium.webdriver.common.by import By

    driver.get(server.url + "/leads")
    lead = driver.find_element(By.CSS_SELECTOR, f'li.lead[data-demand="{DEMAND}"]')
    assert "受邀" in lead.text  # invited, on top
    driver.get(f"{server.url}/demands/{DEMAND}/respond?offering={offering}")
    price_input = driver.find_element(By.ID, "price")
    price_input.clear()
    price_input.send_keys(price)
    driver.find_element(By.CSS_SELECTOR, 'input[name=includes][value="training"]').click()
    driver.find_element(By.ID, "message").send_keys("两台可在一个月内到场调试。")
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    _flashed(driver)
    assert "/responses/" in driver.current_url
    return driver.current_url


def test_invite_respond_revise_decline_talk_compare_accept(live_server, browser):
    from selenium.webdriver.common.by import By

    server, d = live_server, browser
    _add_demand(server)

    # The factory invites two proposed offerings.
    _as(d, server, FACTORY)
    d.get(f"{server.url}/demands/{DEMAND}")
    for ref in ("off-lx-g20-factory", "off-yq-30-loader"):
        d.find_element(By.ID, f"inv-{ref}").click()
    d.find_element(By.CSS_SELECTOR, "#invite-form button[type=submit]").click()
    _flashed(d)
    assert len(d.find_elements(By.CSS_SELECTOR, "#invite-form input:disabled:checked")) >= 2

    # Both vendors respond; vendor B revises its price.
    _as(d, server, VENDOR_A)
    url_a = _respond(d, server, "off-lx-g20-factory", "26500")
    _as(d, server, VENDOR_B)
    url_b = _respond(d, server, "off-yq-30-loader", "25000")
    d.find_element(By.LINK_TEXT, "修改报价").click()
    price = d.find_element(By.ID, "price")
    price.clear()
    price.send_keys("24000")
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    _flashed(d)
    history = d.find_element(By.ID, "price-history").text
    assert "25,000" in history and "24,000" in history
    assert "26,500" not in d.page_source  # sealed: vendor A's quote is not on vendor B's pages

    # The factory declines vendor A with a reason and writes to vendor B.
    _as(d, server, FACTORY)
    d.get(url_a)
    d.find_element(By.ID, "comment").send_keys("租金高于预算。")
    d.find_element(By.CSS_SELECTOR, "button[name=action][value=decline]").click()
    _flashed(d)
    assert d.find_element(By.ID, "decline-reason").text.endswith("租金高于预算。")
    d.get(url_b)
    d.find_element(By.ID, "body").send_keys("能否下月初到场？<b>急</b>")
    d.find_element(By.CSS_SELECTOR, "#conversation button[type=submit]").click()
    _flashed(d)
    _as(d, server, VENDOR_B)
    d.get(url_b)
    assert (
        "能否下月初到场？<b>急</b>" in d.find_element(By.ID, "conversation").text
    )  # shown as typed, escaped
    d.find_element(By.ID, "body").send_keys("可以，下月3日到场。")
    d.find_element(By.CSS_SELECTOR, "#conversation button[type=submit]").click()
    _flashed(d)
    assert "0574-86001234" in d.find_element(By.ID, "contacts").text  # the factory's phone, to a party only

    # The factory compares: lease 24,000 × 2 units × 6 months.
    _as(d, server, FACTORY)
    d.get(f"{server.url}/demands/{DEMAND}/comparison")
    row = d.find_element(
        By.CSS_SELECTOR, 'tr.compare-row[data-offering="off-yq-30-loader"][data-mode="lease"]'
    )
    assert row.find_element(By.CSS_SELECTOR, ".total").get_attribute("data-total") == "288000.00"
    assert "288,000" in row.text
    months = d.find_element(By.ID, "months")
    months.clear()
    months.send_keys("12")  # changed on the page: recomputed at once, nothing saved
    wait_for(
        d, lambda drv: row.find_element(By.CSS_SELECTOR, ".total").get_attribute("data-total") == "576000.00"
    )
    assert row.find_element(By.CSS_SELECTOR, ".per-month").get_attribute("data-per-month") == "48000.00"
    d.refresh()
    row = d.find_element(
        By.CSS_SELECTOR, 'tr.compare-row[data-offering="off-yq-30-loader"][data-mode="lease"]'
    )
    assert row.find_element(By.CSS_SELECTOR, ".total").get_attribute("data-total") == "288000.00"

    # Accept: a prefilled pilot proposal.
    d.get(url_b)
    d.find_element(By.CSS_SELECTOR, "button[name=action][value=accept]").click()
    _flashed(d)
    assert "/pilots/new" in d.current_url
    assert d.find_element(By.ID, "price").get_attribute("value").startswith("24000")
    assert d.find_element(By.ID, "quantity").get_attribute("value") == "2"
    assert d.find_element(By.ID, "mode").get_attribute("value") == "lease"
    d.get(f"{server.url}/demands/{DEMAND}")
    assert d.find_element(By.ID, "being-served").is_displayed()
