"""In a real browser against gunicorn with the demo data: an official approves a
submitted pilot with a comment, and the applicants see the comment and the new state."""

from __future__ import annotations

import pytest

from tests.browser.support import login, needs_browser, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_browser]

PILOT_TITLE = "冲压线人形机器人上下料示范应用"  # seeds/pilots.json: submitted by the demo factory
COMMENT = "同意列入示范应用场景，请于每季度报送运行数据。"


def test_an_official_approves_and_the_applicants_see_the_comment(live_server, browser):
    from selenium.webdriver.common.by import By

    login(browser, live_server, "official@demo.example", "Official#2026")
    browser.get(live_server.url + "/pilots/review")
    browser.find_element(By.LINK_TEXT, PILOT_TITLE).click()
    wait_for(browser, lambda d: "/pilots/" in d.current_url and d.find_elements(By.ID, "actions"))
    pilot_url = browser.current_url.split("#")[0]
    browser.find_element(By.ID, "comment").send_keys(COMMENT)
    browser.find_element(By.CSS_SELECTOR, "button[name=action][value=approve]").click()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".flash-success"))
    assert browser.find_element(By.CSS_SELECTOR, ".detail-tags .pilot-state").text == "已批准"
    assert not browser.find_elements(By.CSS_SELECTOR, "button[value=approve]"), "no second approval offered"

    browser.delete_all_cookies()
    login(browser, live_server, "factory@demo.example", "Factory#2026")
    badge = browser.find_element(By.CSS_SELECTOR, ".notif-count")
    assert int(badge.get_attribute("data-unread")) >= 1, "the applicants were notified"
    browser.get(pilot_url)
    history = browser.find_element(By.ID, "history").text
    assert COMMENT in history and "省经信厅 刘处长" in history
    assert browser.find_element(By.CSS_SELECTOR, ".detail-tags .pilot-state").text == "已批准"
    # The applicants may now start the pilot; they cannot approve anything.
    assert browser.find_elements(By.CSS_SELECTOR, "button[name=action][value=start]")
    assert not browser.find_elements(By.CSS_SELECTOR, "button[name=action][value=approve]")


def _state_is(text: str):
    """A wait condition: the pilot page shows this state (tolerating a page still loading:
    an element found in the page being left is stale, or, as chromedriver sometimes says
    it, "does not belong to the document")."""
    from selenium.common.exceptions import (
        NoSuchElementException,
        StaleElementReferenceException,
        WebDriverException,
    )
    from selenium.webdriver.common.by import By

    def condition(driver) -> bool:
        try:
            return driver.find_element(By.CSS_SELECTOR, ".detail-tags .pilot-state").text == text
        except (NoSuchElementException, StaleElementReferenceException):
            return False
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return False
            raise

    return condition


def _as(driver, server, email, password, lang="zh"):
    driver.delete_all_cookies()
    if lang == "en":
        driver.get(server.url + "/lang/en")
    login(driver, server, email, password)


def _counted(driver, server) -> int:
    from selenium.webdriver.common.by import By

    driver.get(server.url + "/dashboard")
    return int(driver.find_element(By.ID, "progress-total").text)


def test_the_newcomers_path_from_a_proposed_pairing_to_approval(live_server, browser):
    """The issue's done-when: the demo vendor proposes (in English), the demo hospital
    confirms, the demo official requests changes, the vendor edits and resubmits, the
    official approves, and the dashboard count moves."""
    from selenium.webdriver.common.by import By

    vendor = ("vendor@demo.example", "Vendor#2026")
    hospital = ("hospital@demo.example", "Hospital#2026")
    official = ("official@demo.example", "Official#2026")

    _as(browser, live_server, *official)
    before = _counted(browser, live_server)

    _as(browser, live_server, *vendor, lang="en")
    browser.get(live_server.url + "/pilots/new?demand=dem-hz-ward-delivery")
    browser.find_element(By.CSS_SELECTOR, "a[href*='offering=off-lx-h2-hospital']").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "plan"))
    assert "Propose a pilot" in browser.find_element(By.TAG_NAME, "h1").text
    browser.find_element(By.ID, "plan").send_keys("Two H2 robots deliver medicines and samples at night.")
    browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "confirmation-status"))
    pilot_url = browser.current_url.split("#")[0]
    assert browser.find_element(By.CSS_SELECTOR, ".detail-tags .pilot-state").text == "Draft"

    _as(browser, live_server, *hospital)
    browser.get(pilot_url)
    browser.find_element(By.CSS_SELECTOR, "button[name=action][value=confirm]").click()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "button[name=action][value=submit]"))
    browser.find_element(By.CSS_SELECTOR, "button[name=action][value=submit]").click()
    wait_for(browser, _state_is("已申报"))

    _as(browser, live_server, *official)
    browser.get(pilot_url)
    browser.find_element(By.CSS_SELECTOR, "button[name=action][value=request_changes]").click()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))  # a comment is required
    browser.find_element(By.ID, "comment").send_keys("请补充夜间电梯联动方案。")
    browser.find_element(By.CSS_SELECTOR, "button[name=action][value=request_changes]").click()
    wait_for(browser, _state_is("需补充材料"))

    _as(browser, live_server, *vendor, lang="en")
    browser.get(pilot_url)
    assert "请补充夜间电梯联动方案。" in browser.find_element(By.ID, "official-comment").text
    browser.find_element(By.LINK_TEXT, "Edit the application").click()
    plan = wait_for(browser, lambda d: d.find_element(By.ID, "plan"))
    plan.send_keys(" The robots call the lifts through the hospital's access control.")
    browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "button[name=action][value=submit]"))
    browser.find_element(By.CSS_SELECTOR, "button[name=action][value=submit]").click()
    wait_for(browser, _state_is("Submitted"))

    _as(browser, live_server, *official)
    browser.get(pilot_url)
    browser.find_element(By.CSS_SELECTOR, "button[name=action][value=approve]").click()
    wait_for(browser, _state_is("已批准"))
    assert _counted(browser, live_server) == before + 1
