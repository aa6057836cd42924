"""A need whose fields are left empty, its terms only in its text, as a plant manager
posts it: its card in the list shows the ways, the tasks and the budget read, and the
mark of a budget read sits under the prices, not in a column of its own that squeezes
them (headless Chromium against gunicorn, both languages)."""

from tests.browser.support import login, needs_browser, wait_for

pytestmark = [needs_browser, __import__("pytest").mark.browser]

TITLE = "商场导购机器人（先租2台，浏览器）"


def test_a_card_shows_the_terms_read_from_the_text_under_its_prices(live_server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    b, url = browser, live_server.url
    b.set_window_size(1280, 900)
    login(b, live_server, "factory@demo.example", "Factory#2026")
    b.get(url + "/demands/new")
    b.find_element(By.NAME, "title").send_keys(TITLE)
    Select(b.find_element(By.NAME, "domain")).select_by_value("retail")
    b.find_element(By.NAME, "description").send_keys(
        "银泰城四楼想放导购机器人，带顾客找店。想先租2台，按月租用，每台每月预算4000元以内。"
    )
    b.find_element(By.CSS_SELECTOR, "main form [type=submit]").click()
    wait_for(b, lambda d: "/demands/dem-" in d.current_url)

    for lang, mark in (("zh", "据需求描述读出"), ("en", "Read from the description")):
        b.get(f"{url}/lang/{lang}?next=/demands")
        wait_for(b, lambda d: TITLE in d.page_source)
        card = next(c for c in b.find_elements(By.CSS_SELECTOR, "article.listing-card") if TITLE in c.text)
        assert card.find_elements(By.CSS_SELECTOR, "ul.chips-read li"), "the tasks read are drawn as read"
        money = card.find_element(By.CSS_SELECTOR, ".card-money")
        label = money.find_element(By.CSS_SELECTOR, ".card-money-label")
        prices = money.find_element(By.CSS_SELECTOR, ".price-list")
        read = money.find_element(By.CSS_SELECTOR, ":scope > .muted")
        assert read.text == mark and "4,000" in prices.text
        # The mark is under the prices, in their column; the label's column stays narrow.
        assert abs(read.rect["x"] - prices.rect["x"]) <= 1, (lang, read.rect, prices.rect)
        assert read.rect["y"] >= prices.rect["y"] + prices.rect["height"] - 1, lang
        assert label.rect["width"] < money.rect["width"] / 4, (lang, label.rect, money.rect)


def test_an_offering_card_shows_its_tasks_and_keeps_each_term_on_one_line(live_server, browser):
    """The offering cards show the tasks (as the need's cards do); a long list of
    domains in English wraps its value, never its term ("Domai-ns")."""
    from selenium.webdriver.common.by import By

    b, url = browser, live_server.url
    b.set_window_size(1280, 900)
    b.get(f"{url}/lang/en?next=/offerings")
    wait_for(b, lambda d: "listing-card" in d.page_source)
    cards = b.find_elements(By.CSS_SELECTOR, "article.listing-card")
    assert any(c.find_elements(By.CSS_SELECTOR, 'ul.chips[aria-label="Tasks"] li') for c in cards)
    # The lines each term and value of the cards' facts take (their text's line boxes).
    lines = b.execute_script(
        """const lines = el => { const r = document.createRange(); r.selectNodeContents(el);
             return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; };
           return [...document.querySelectorAll('article.listing-card .card-facts div')].map(
             f => [f.querySelector('dt').textContent, lines(f.querySelector('dt')), lines(f.querySelector('dd'))]);"""
    )
    assert all(term_lines == 1 for _t, term_lines, _v in lines), [x for x in lines if x[1] != 1]
    assert any(value_lines > 1 for _t, _l, value_lines in lines), "a value wraps (the case the rule is for)"
