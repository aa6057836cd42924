"""The demo flow in headless Chromium against gunicorn and the seeded site: the
care home books two hours of the shared eldercare companion robot, sees the price,
sees the slot taken in the calendar, cannot book more units than are free; the
vendor accepts the booking."""

import re
from datetime import date, timedelta

import pytest

from tests.browser.support import login, needs_browser, wait_for

pytestmark = [needs_browser, pytest.mark.browser, pytest.mark.slow]

ROBOT = "off-lx-xiaoban-share"  # seeds/demo.json: 4 units, shared use at 120 CNY per hour


def _cell(b, day: str, hour: int):
    from selenium.webdriver.common.by import By

    return b.find_element(By.CSS_SELECTOR, f"table.cal-hours td[data-date='{day}'][data-hour='{hour}']")


def test_care_home_books_two_hours_and_the_vendor_accepts(live_server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    b, url = browser, live_server.url
    login(b, live_server, "carehome@demo.example", "Carehome#2026")

    # The offering page shows the calendar; a free hour two days ahead opens the form.
    b.get(f"{url}/offerings/{ROBOT}")
    day = (
        date.fromisoformat(
            b.find_element(By.CSS_SELECTOR, "table.cal-hours thead th[data-date]").get_attribute("data-date")
        )
        + timedelta(days=2)
    ).isoformat()
    assert _cell(b, day, 10).get_attribute("data-free") == "4"
    _cell(b, day, 10).find_element(By.TAG_NAME, "a").click()
    wait_for(b, lambda d: "/book?" in d.current_url)
    assert Select(b.find_element(By.NAME, "mode")).first_selected_option.get_attribute("value") == "sharing"
    assert Select(b.find_element(By.NAME, "start_hour")).first_selected_option.get_attribute("value") == "10"
    length = b.find_element(By.NAME, "length")
    length.clear()
    length.send_keys("2")
    b.find_element(By.CSS_SELECTOR, "#booking-form [type=submit]").click()

    # The price before confirming: 2 hours x 1 unit x 120 CNY.
    wait_for(b, lambda d: d.find_elements(By.ID, "confirm-booking"))
    assert b.find_element(By.CSS_SELECTOR, "[data-testid=total]").text == "¥240"
    b.find_element(By.ID, "confirm-booking").click()
    wait_for(b, lambda d: re.search(r"/bookings/\d+$", d.current_url))
    booking_id = b.current_url.rsplit("/", 1)[1]
    assert b.find_elements(By.CSS_SELECTOR, ".booking-state-requested")
    assert b.find_element(By.CSS_SELECTOR, "[data-testid=total]").text == "¥240"

    # The slot is taken in the calendar: 3 of 4 free, marked as ours, for 10:00 and 11:00 only.
    b.get(f"{url}/offerings/{ROBOT}/book?day={day}")
    for hour, free in ((9, "4"), (10, "3"), (11, "3"), (12, "4")):
        assert _cell(b, day, hour).get_attribute("data-free") == free, hour
    assert "cal-own" in _cell(b, day, 10).get_attribute("class")
    assert "cal-own" not in _cell(b, day, 12).get_attribute("class")

    # Four units are not free for that period: the form says so and offers no confirmation.
    _cell(b, day, 10).find_element(By.TAG_NAME, "a").click()
    wait_for(b, lambda d: "/book?" in d.current_url)
    units = b.find_element(By.NAME, "units")
    units.clear()
    units.send_keys("4")
    b.find_element(By.CSS_SELECTOR, "#booking-form [type=submit]").click()
    wait_for(b, lambda d: d.find_elements(By.CSS_SELECTOR, "#booking-form .field-error"))
    assert "3" in b.find_element(By.CSS_SELECTOR, "#booking-form .field-error").text
    assert not b.find_elements(By.ID, "confirm-booking")

    # The vendor accepts it.
    b.delete_all_cookies()
    login(b, live_server, "vendor@demo.example", "Vendor#2026")
    b.get(f"{url}/bookings/received")
    b.find_element(
        By.CSS_SELECTOR, f"li.booking-request[data-booking='{booking_id}'] form [type=submit]"
    ).click()
    wait_for(b, lambda d: d.current_url.endswith(f"/bookings/{booking_id}"))
    assert b.find_elements(By.CSS_SELECTOR, ".booking-state-confirmed")

    # …and the care home sees it confirmed with its price.
    b.delete_all_cookies()
    login(b, live_server, "carehome@demo.example", "Carehome#2026")
    b.get(f"{url}/bookings")
    row = b.find_element(By.CSS_SELECTOR, f"tr[data-booking='{booking_id}']")
    assert "¥240" in row.text and row.find_elements(By.CSS_SELECTOR, ".booking-state-confirmed")

    # The care home cancels it (more than the vendor's 24 hours ahead): the slot is free again.
    b.get(f"{url}/bookings/{booking_id}")
    b.find_element(By.ID, "cancel-booking").click()
    wait_for(b, lambda d: _alert(d)).accept()  # site.js asks before a destructive POST
    wait_for(b, lambda d: d.find_elements(By.CSS_SELECTOR, ".booking-state-cancelled"))
    b.get(f"{url}/offerings/{ROBOT}/book?day={day}")
    assert _cell(b, day, 10).get_attribute("data-free") == "4"


def _alert(driver):
    from selenium.common.exceptions import NoAlertPresentException

    try:
        return driver.switch_to.alert
    except NoAlertPresentException:
        return False
