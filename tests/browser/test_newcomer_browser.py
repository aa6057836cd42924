"""A newcomer in headless Chromium against gunicorn: register, sign out and in,
post a need, find it in the public list, switch to English."""

from tests.browser.support import login, needs_browser, wait_for

pytestmark = [needs_browser, __import__("pytest").mark.browser]


def test_register_post_a_demand_and_switch_language(live_server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    b, url = browser, live_server.url
    b.get(url + "/register")
    assert b.execute_script("return document.documentElement.lang") == "zh-CN"
    fields = {
        "email": "plant@browser.example.com",
        "name": "孙经理",
        "password": "Stamping-Line-2027",
        "confirm": "Stamping-Line-2027",
        "org_name": "湖州织造示范厂",
        "credit_code": "",
        "description": "经编车间，三班倒。",
    }
    for name, value in fields.items():
        b.find_element(By.NAME, name).send_keys(value)
    Select(b.find_element(By.NAME, "side")).select_by_value("demand")
    Select(b.find_element(By.NAME, "city")).select_by_value("huzhou")
    b.find_element(By.CSS_SELECTOR, "main form [type=submit]").click()
    wait_for(b, lambda d: "/orgs/" in d.current_url)
    assert "湖州织造示范厂" in b.page_source

    # Sign out (a POST form in the account menu of the header) and back in.
    b.find_element(By.CSS_SELECTOR, "details.user-menu summary").click()
    b.find_element(By.CSS_SELECTOR, "form[action='/logout'] [type=submit]").click()
    wait_for(b, lambda d: d.find_elements(By.CSS_SELECTOR, "a[href^='/login']"))
    login(b, live_server, "plant@browser.example.com", "Stamping-Line-2027")

    b.get(url + "/demands/new")
    b.find_element(By.NAME, "title").send_keys("经编车间落布搬运")
    Select(b.find_element(By.NAME, "domain")).select_by_value("manufacturing")
    b.find_element(By.NAME, "description").send_keys("每班落布约60卷，单卷18kg，需搬运至质检区。")
    b.find_element(By.CSS_SELECTOR, "input[name=tasks][value=handling]").click()
    payload = b.find_element(By.NAME, "payload_kg")
    payload.clear()
    payload.send_keys("18")
    Select(b.find_element(By.NAME, "city")).select_by_value("huzhou")
    b.find_element(By.CSS_SELECTOR, "main form [type=submit]").click()
    wait_for(b, lambda d: "/demands/dem-" in d.current_url)
    assert "经编车间落布搬运" in b.page_source

    b.get(url + "/demands?domain=manufacturing&city=huzhou")
    wait_for(b, lambda d: "经编车间落布搬运" in d.page_source)

    b.find_element(By.CSS_SELECTOR, "a[href^='/lang/en']").click()
    wait_for(b, lambda d: d.execute_script("return document.documentElement.lang") == "en")
    assert "经编车间落布搬运" in b.page_source  # the record itself is not translated
    assert "Huzhou" in b.page_source  # …but its labels are
    b.get(url + "/offerings")
    assert b.execute_script("return document.documentElement.lang") == "en"  # remembered
