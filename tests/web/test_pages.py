"""Every page renders in Chinese and in English with its key content; forms that
fail come back with what was typed and an error beside each field; text typed by
users is escaped wherever it is shown."""

from __future__ import annotations

import re

import pytest

from tests.support.auth import login, sign_in
from tests.support.factories import PASSWORD
from tests.support.html import Page, page, set_lang

LANGS = ("zh", "en")
SITE_NAME = {"zh": "人形机器人+ 场景供需对接平台", "en": "Humanoid Robot+ Scenario Marketplace"}
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "{{7*7}}")


# ---------------------------------------------------------------- helpers


@pytest.fixture
def world(make):
    """A verified factory with an open demand and a draft, a vendor with an offering."""
    factory = make.org(
        side="demand",
        name="宁波恒锐汽车零部件有限公司",
        verified=True,
        city="ningbo",
        credit_code="91330200MA2CJYHP0X",
        description="汽车零部件冲压。",
    )
    vendor = make.org(side="supply", name="杭州灵犀智元机器人有限公司", city="hangzhou")
    demand = make.demand(
        factory,
        title="冲压车间人形机器人上下料",
        ref="dem-page-1",
        payload_kg=15.0,
        environments=["high_temperature"],
        needed_by=None,
    )
    draft = make.demand(factory, title="焊装车间草稿需求", ref="dem-page-draft", status="draft")
    offering = make.offering(
        vendor,
        title="灵犀G20工业人形机器人",
        ref="off-page-1",
        modes=[{"mode": "purchase", "price": 620000}, {"mode": "lease", "price": 28000}],
        service_cities=["hangzhou", "ningbo"],
        certifications=["CE", "GB 3836 防爆"],
        first_of_kind=True,
    )
    return {
        "factory": factory,
        "vendor": vendor,
        "demand": demand,
        "draft": draft,
        "offering": offering,
        "factory_member": make.member(factory, name="王建国"),
        "vendor_member": make.member(vendor),
    }


# ---------------------------------------------------------------- the layout


@pytest.mark.parametrize("lang", LANGS)
def test_layout_has_landmarks_language_switch_and_no_inline_code(client, world, lang):
    p = page(client, "/demands?domain=manufacturing", lang)
    html = p.html
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in html
    assert SITE_NAME[lang] in html
    skip = p.find("a", **{"class": "skip-link"})
    assert skip and skip[0]["href"] == "#main" and "main" in p.by_id
    assert p.find("header") and p.find("footer") and p.find("nav", **{"class": "mainnav"})
    assert "浙江省人形机器人产业创新发展实施方案（2024—2027年）" in html
    # The switch offers the other language and comes back to this very page.
    other = "en" if lang == "zh" else "zh"
    links = [a["href"] for a in p.find("a") if a.get("href", "").startswith(f"/lang/{other}")]
    assert links and "next=/demands?domain%3Dmanufacturing" in links[0].replace("%2F", "/")
    assert "中文" in html and "English" in html
    # The Content-Security-Policy forbids inline code: none is written.
    assert all(a.get("src") for a in p.find("script")), "inline <script> found"
    assert not any("style" in attrs for _tag, attrs in p.elements), "style= attribute found"
    assert not any(k.startswith("on") for _tag, attrs in p.elements for k in attrs), "on* handler found"


def test_language_switch_is_remembered(client, world):
    response = client.get("/lang/en?next=/offerings")
    assert response.status_code == 302 and response.headers["Location"].endswith("/offerings")
    assert "Supply list" in client.get("/offerings").get_data(as_text=True)
    client.get("/lang/zh?next=/")
    assert "供给清单" in client.get("/offerings").get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGS)
def test_header_for_signed_in_member_official_and_anonymous(client, world, make, lang):
    anon = page(client, "/", lang)
    assert {"zh": "登录", "en": "Sign in"}[lang] in anon.html and "/register" in anon.html
    assert "/admin/orgs" not in anon.html

    sign_in(client, world["factory_member"])
    member = page(client, "/", lang)
    assert "王建国" in member.html and "宁波恒锐汽车零部件有限公司" in member.html
    assert 'action="/logout"' in member.html and 'name="csrf_token"' in member.html
    assert {"zh": "账户", "en": "Account"}[lang] in member.html and "/admin/orgs" not in member.html

    client.post("/logout")
    sign_in(client, make.official())
    official = page(client, "/", lang)
    assert (
        "/admin/orgs" in official.html
        and {"zh": "机构审核", "en": "Organization review"}[lang] in official.html
    )


# ---------------------------------------------------------------- home


@pytest.mark.parametrize("lang", LANGS)
def test_home_explains_the_site_and_shows_newest_and_counts(client, world, make, lang):
    make.demand(
        world["factory"],
        title="养老院夜间巡视",
        domain="eldercare",
        tasks=["care_monitoring"],
        ref="dem-page-care",
    )
    p = page(client, "/", lang)
    words = {
        "zh": ["场景需求清单", "供给清单", "常态化供需对接", "50"],
        "en": ["Scenario demand list", "Supply list", "Regular supply–demand matching", "50"],
    }[lang]
    for word in words:
        assert word in p.html
    assert "冲压车间人形机器人上下料" in p.html and "灵犀G20工业人形机器人" in p.html
    assert "焊装车间草稿需求" not in p.html  # drafts stay private
    # Counts per domain, labelled in the page's language and linked to the filtered list.
    assert {"zh": "养老", "en": "Eldercare"}[lang] in p.html
    links = {a["href"]: a for a in p.find("a")}
    assert "/demands?domain=eldercare" in links and "/offerings?domain=manufacturing" in links
    tile = re.search(r'href="/demands\?domain=eldercare"><span class="domain-n">(\d+)</span>', p.html)
    assert tile and tile.group(1) == "1"


# ---------------------------------------------------------------- the lists


@pytest.mark.parametrize("lang", LANGS)
def test_demand_list_cards_and_filters(client, world, lang):
    p = page(client, "/demands", lang)
    assert "冲压车间人形机器人上下料" in p.html and "焊装车间草稿需求" not in p.html
    assert "宁波恒锐汽车零部件有限公司" in p.html
    assert {"zh": "已认证", "en": "Verified"}[lang] in p.html
    assert {"zh": "宁波", "en": "Ningbo"}[lang] in p.html
    assert {"zh": "短期租赁", "en": "Short-term lease"}[lang] in p.html
    # Budget with its unit: 10,000 CNY per unit per month for a lease.
    assert "10,000" in p.html and {"zh": "元/台·月", "en": "CNY per unit per month"}[lang] in p.html
    for field in (
        "filter-q",
        "filter-domain",
        "filter-task",
        "filter-city",
        "filter-mode",
        "filter-kind",
        "filter-sort",
        "filter-verified",
    ):
        assert field in p.by_id, field
    assert "filter-category" not in p.by_id


def test_task_filter_offers_only_the_chosen_domains_tasks(client, world):
    every = page(client, "/demands").options("filter-task")
    assert {"welding", "firefighting", "reception"} <= set(every)
    emergency = page(client, "/demands?domain=emergency").options("filter-task")
    assert "firefighting" in emergency and "rescue" in emergency
    assert "welding" not in emergency and "reception" not in emergency
    # The chosen filters are shown selected again.
    p = page(client, "/offerings?domain=manufacturing&task=loading&mode=lease&category=humanoid&verified=1")
    assert p.selected("filter-task") == "loading" and p.selected("filter-category") == "humanoid"
    assert p.selected("filter-domain") == "manufacturing" and p.selected("filter-mode") == "lease"
    assert p.attr("filter-verified", "checked") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_offering_list_shows_prices_with_units(client, world, lang):
    p = page(client, "/offerings", lang)
    assert "灵犀G20工业人形机器人" in p.html
    assert "620,000" in p.html and "28,000" in p.html
    assert {"zh": "元/台", "en": "CNY per unit"}[lang] in p.html
    assert {"zh": "采购", "en": "Purchase"}[lang] in p.html
    assert {"zh": "首台套", "en": "First-of-a-kind"}[lang] in p.html
    assert "filter-category" in p.by_id and "filter-kind" not in p.by_id


def test_pagination_keeps_the_filters(app, client, world, make):
    app.config["PAGE_SIZE"] = 2
    for n in range(3):
        make.demand(world["factory"], title=f"分页需求{n}", ref=f"dem-page-p{n}", city="wenzhou")
    p = page(client, "/demands?city=wenzhou&sort=title")
    nexts = p.find("a", rel="next")
    assert nexts, "no next link"
    href = nexts[0]["href"]
    assert "page=2" in href and "city=wenzhou" in href and "sort=title" in href
    second = page(client, href)
    assert "分页需求2" in second.html and "分页需求0" not in second.html
    assert second.find("a", rel="prev")


def test_page_links_never_carry_url_building_arguments(app, client, world, make):
    """Query keys such as _external/_scheme must not reach url_for (a javascript: link)."""
    app.config["PAGE_SIZE"] = 1
    make.demand(world["factory"], title="第二条需求", ref="dem-page-second")
    p = page(client, "/demands?_external=1&_scheme=javascript&x=%0aalert(1)&endpoint=x&domain=manufacturing")
    hrefs = [a["href"] for a in p.find("a") if "page=" in a.get("href", "")]
    assert hrefs and all(h.startswith("/demands?") for h in hrefs)
    assert not any("_scheme" in h or "_external" in h or "alert" in h for h in hrefs)


def test_export_links_only_for_officials_with_the_current_filters(client, world, make):
    anon = page(client, "/demands?domain=manufacturing")
    assert "/demands/export" not in anon.html
    sign_in(client, world["factory_member"])
    assert "/demands/export" not in page(client, "/demands").html
    client.post("/logout")
    sign_in(client, make.official())
    p = page(client, "/demands?domain=manufacturing&city=ningbo")
    csv = [a["href"] for a in p.find("a") if a.get("href", "").startswith("/demands/export.csv")]
    xlsx = [a["href"] for a in p.find("a") if a.get("href", "").startswith("/demands/export.xlsx")]
    assert csv and xlsx and "domain=manufacturing" in csv[0] and "city=ningbo" in xlsx[0]
    assert client.get(csv[0]).status_code == 200
    offers = page(client, "/offerings?category=humanoid")
    assert any(
        a.get("href", "").startswith("/offerings/export.xlsx?category=humanoid") for a in offers.find("a")
    )


def test_empty_result_says_so(client, world):
    p = page(client, "/offerings?q=没有这样的产品", "en")
    assert "No offerings match these filters." in p.html


# ---------------------------------------------------------------- detail pages


@pytest.mark.parametrize("lang", LANGS)
def test_demand_detail_shows_every_field_with_its_label(client, world, lang):
    p = page(client, "/demands/dem-page-1", lang)
    labels = {
        "zh": [
            "需求类型",
            "应用领域",
            "作业任务",
            "现场环境",
            "最大搬运重量",
            "需求数量（台）",
            "可接受的获取方式",
            "预算",
            "应用地点（城市）",
            "期望到位日期",
            "状态",
            "编号",
        ],
        "en": [
            "Kind of need",
            "Domain",
            "Tasks",
            "Site conditions",
            "Heaviest object",
            "Units wanted",
            "Acceptable ways to acquire",
            "Budget",
            "City where the robots will work",
            "Needed by",
            "Status",
            "Reference",
        ],
    }[lang]
    for text in labels:
        assert f"<dt>{text}</dt>" in p.html, text
    values = {
        "zh": ["制造", "上下料", "高温", "15 kg", "宁波", "10,000", "元/台·月", "未定"],
        "en": [
            "Manufacturing",
            "Machine loading/unloading",
            "High temperature",
            "15 kg",
            "Ningbo",
            "10,000",
            "CNY per unit per month",
            "No date given",
        ],
    }[lang]
    for text in values:
        assert text in p.html, text
    assert "两班倒，每班4人上下料" in p.html
    assert "/demands/dem-page-1/edit" not in p.html  # not the owner


@pytest.mark.parametrize("lang", LANGS)
def test_offering_detail_shows_every_field_with_its_label(client, world, lang):
    p = page(client, "/offerings/off-page-1", lang)
    labels = {
        "zh": [
            "产品类别",
            "适用领域",
            "作业任务",
            "适用的特殊环境",
            "负载",
            "可供数量（台）",
            "服务城市",
            "认证资质",
            "首台（套）装备",
            "状态",
        ],
        "en": [
            "Category",
            "Domains served",
            "Tasks",
            "Rated for these conditions",
            "Payload",
            "Units available",
            "Cities served",
            "Certifications",
            "First-of-a-kind equipment (首台套)",
            "Status",
        ],
    }[lang]
    for text in labels:
        assert f"<dt>{text}</dt>" in p.html, text
    values = {
        "zh": ["人形机器人整机", "杭州", "宁波", "GB 3836 防爆", "¥620,000", "元/台·月"],
        "en": ["Humanoid robot", "Hangzhou", "Ningbo", "GB 3836 防爆", "¥620,000", "CNY per unit per month"],
    }
    for text in values[lang]:
        assert text in p.html, text
    assert "/offerings/off-page-1/withdraw" not in p.html


def test_owner_sees_actions_as_post_forms_and_draft_badge(client, world):
    sign_in(client, world["factory_member"])
    p = page(client, "/demands/dem-page-1")
    assert p.find("a", href="/demands/dem-page-1/edit")
    close = p.find("form", action="/demands/dem-page-1/close")
    assert close and close[0]["method"] == "post"
    assert re.search(
        r'action="/demands/dem-page-1/close"[^>]*>\s*<input type="hidden" name="csrf_token"', p.html
    )
    draft = page(client, "/demands/dem-page-draft", "en")
    assert "badge-draft" in draft.html and "only members of your organization can see it" in draft.html
    client.post("/demands/dem-page-1/close")
    closed = page(client, "/demands/dem-page-1", "en")
    assert "badge-closed" in closed.html and not closed.find("form", action="/demands/dem-page-1/close")


def test_vendor_sees_withdraw_and_withdrawn_badge(client, world):
    sign_in(client, world["vendor_member"])
    p = page(client, "/offerings/off-page-1", "en")
    assert p.find("form", action="/offerings/off-page-1/withdraw", method="post")
    client.post("/offerings/off-page-1/withdraw")
    after = page(client, "/offerings/off-page-1", "en")
    assert "Withdrawn" in after.html and not after.find("form", action="/offerings/off-page-1/withdraw")


# ---------------------------------------------------------------- listing forms


@pytest.mark.parametrize("lang", LANGS)
def test_demand_form_groups_fields_and_tags_tasks_with_domains(client, world, lang):
    sign_in(client, world["factory_member"])
    p = page(client, "/demands/new", lang)
    legends = {
        "zh": ["基本信息", "场地与任务", "采购方式与预算", "状态"],
        "en": ["Basic information", "Site and tasks", "Ways to acquire and budget", "Status"],
    }[lang]
    for text in legends:
        assert f"<legend>{text}</legend>" in p.html, text
    welding = p.find("input", name="tasks", value="welding")[0]
    assert welding["data-domains"] == "manufacturing construction"
    assert 'src="/static/js/forms.js' in p.html
    for name in (
        "title",
        "kind",
        "domain",
        "description",
        "payload_kg",
        "quantity",
        "city",
        "needed_by",
        "budget_purchase",
        "budget_lease",
        "budget_sharing",
        "budget_raas",
        "status",
    ):
        assert name in p.by_id, name
    assert p.selected("city") == "ningbo"  # the organization's city


@pytest.mark.parametrize("lang", LANGS)
def test_offering_form_groups_fields(client, world, lang):
    sign_in(client, world["vendor_member"])
    p = page(client, "/offerings/new", lang)
    legends = {
        "zh": ["基本信息", "场地与任务", "采购方式与价格", "状态"],
        "en": ["Basic information", "Site and tasks", "Ways to acquire and prices", "Status"],
    }[lang]
    for text in legends:
        assert f"<legend>{text}</legend>" in p.html, text
    for name in (
        "price_purchase",
        "price_lease",
        "price_sharing",
        "price_raas",
        "certifications",
        "first_of_kind",
        "units_available",
    ):
        assert name in p.by_id, name
    assert p.find("input", name="domains", value="emergency")
    assert p.find("input", name="tasks", value="firefighting")[0]["data-domains"] == "emergency"


def test_edit_form_is_filled_with_the_record(client, world):
    sign_in(client, world["vendor_member"])
    p = page(client, "/offerings/off-page-1/edit")
    assert p.attr("title", "value") == "灵犀G20工业人形机器人"
    assert p.attr("price_lease", "value") in ("28000.00", "28000")
    assert p.find("input", name="service_cities", value="ningbo", checked="")
    assert p.attr("certifications", "value") == "CE, GB 3836 防爆"


def _error_beside(p: Page, field_id: str) -> str:
    """The error message tied to the field: present and named by aria-describedby."""
    error_id = f"{field_id}-error"
    assert error_id in p.by_id, f"no error beside {field_id}"
    assert error_id in (p.attr(field_id, "aria-describedby") or "").split()
    return p.text(error_id)


@pytest.mark.parametrize(
    ("lang", "required", "task_msg"),
    [
        ("zh", "该字段是必填字段", "以下作业任务不属于所选应用领域"),
        ("en", "This field is required", "These tasks do not belong to the chosen domain"),
    ],
)
def test_demand_form_errors_beside_fields_keep_what_was_typed(client, world, lang, required, task_msg):
    sign_in(client, world["factory_member"])
    set_lang(client, lang)
    response = client.post(
        "/demands/new",
        data={
            "title": "",
            "kind": "scenario",
            "domain": "eldercare",
            "description": "养老院夜班巡视，40张床位。",
            "tasks": ["welding", "care_monitoring"],
            "quantity": "0",
            "budget_lease": "-5",
            "city": "huzhou",
            "status": "open",
            "payload_kg": "abc",
        },
    )
    assert response.status_code == 400
    p = Page(response.get_data(as_text=True))
    assert required in _error_beside(p, "title")
    assert task_msg in _error_beside(p, "tasks")
    assert {"zh": "请输入不小于 1 的整数", "en": "Enter a whole number of at least 1"}[lang] in _error_beside(
        p, "quantity"
    )
    assert {"zh": "请输入大于 0 的金额", "en": "Enter an amount greater than 0"}[lang] in _error_beside(
        p, "budget_lease"
    )
    assert _error_beside(p, "payload_kg")
    assert p.attr("title", "aria-invalid") == "true"
    # Everything typed is kept.
    assert p.text("description") == "养老院夜班巡视，40张床位。"
    assert p.find("input", name="tasks", value="care_monitoring", checked="")
    assert p.find("input", name="tasks", value="welding", checked="")
    assert p.selected("domain") == "eldercare" and p.selected("city") == "huzhou"
    assert p.attr("budget_lease", "value") == "-5" and p.attr("quantity", "value") == "0"
    # And a summary at the top links to each field.
    assert "error-summary" in p.html and 'href="#title"' in p.html and 'href="#tasks"' in p.html


@pytest.mark.parametrize(
    ("lang", "message"), [("zh", "请至少选择一个适用领域"), ("en", "Choose at least one domain")]
)
def test_offering_form_errors_beside_fields(client, world, lang, message):
    sign_in(client, world["vendor_member"])
    set_lang(client, lang)
    response = client.post(
        "/offerings/new",
        data={
            "title": "防爆巡检机器人",
            "category": "robot",
            "description": "",
            "units_available": "2",
            "price_sharing": "480",
            "certifications": "Ex d IIB T4",
            "status": "active",
        },
    )
    assert response.status_code == 400
    p = Page(response.get_data(as_text=True))
    assert message in _error_beside(p, "domains")
    assert _error_beside(p, "description")
    assert p.attr("title", "value") == "防爆巡检机器人" and p.attr("price_sharing", "value") == "480"
    assert p.attr("certifications", "value") == "Ex d IIB T4"


# ---------------------------------------------------------------- account pages


@pytest.mark.parametrize("lang", LANGS)
def test_login_and_register_pages(client, lang):
    login = page(client, "/login", lang)
    assert login.find("input", name="email") and login.find("input", name="password", type="password")
    register = page(client, "/register", lang)
    for name in (
        "email",
        "name",
        "password",
        "confirm",
        "org_name",
        "side",
        "city",
        "credit_code",
        "description",
    ):
        assert name in register.by_id, name
    # The label, then the form macro's one "(optional)" mark (never twice).
    label, optional = {
        "zh": ("统一社会信用代码", "（选填）"),
        "en": ("Unified social credit code", "(optional)"),
    }[lang]
    assert f'{label} <span class="optional">{optional}</span>' in register.html
    assert optional * 2 not in register.html.replace(" ", "")


@pytest.mark.parametrize(
    ("lang", "message"), [("zh", "电子邮箱或密码错误"), ("en", "Wrong email or password")]
)
def test_login_error_beside_password_keeps_email(client, make, lang, message):
    user = make.member()
    set_lang(client, lang)
    response = login(client, user, "wrong-password-1")
    assert response.status_code == 401
    p = Page(response.get_data(as_text=True))
    assert message in _error_beside(p, "password")
    assert p.attr("email", "value") == user.email and not p.attr("password", "value")


@pytest.mark.parametrize(
    ("lang", "message"), [("zh", "校验码（第 18 位）不符"), ("en", "The check character")]
)
def test_register_error_beside_credit_code(client, lang, message):
    set_lang(client, lang)
    response = client.post(
        "/register",
        data={
            "email": "chen@example.test",
            "name": "陈慧",
            "password": "Lotus-Care-2026",
            "confirm": "Lotus-Care-2026",
            "org_name": "丽水莲都康颐养老服务中心",
            "side": "demand",
            "city": "lishui",
            "credit_code": "91350100M000100Y44",
            "description": "120张床位。",
        },
    )
    assert response.status_code == 400
    p = Page(response.get_data(as_text=True))
    assert message in _error_beside(p, "credit_code")
    assert p.attr("org_name", "value") == "丽水莲都康颐养老服务中心"
    assert p.attr("credit_code", "value") == "91350100M000100Y44"
    assert p.selected("city") == "lishui" and p.selected("side") == "demand"
    assert p.text("description") == "120张床位。"


@pytest.mark.parametrize("lang", LANGS)
def test_account_page_tokens_shown_once_then_listed_by_prefix(client, make, lang):
    user = make.member()
    sign_in(client, user)
    p = page(client, "/account", lang)
    assert "pw-current_password" in p.by_id and "tok-label" in p.by_id
    assert {"zh": "您还没有 API 令牌", "en": "You have no API tokens"}[lang] in p.html
    set_lang(client, lang)
    created = Page(client.post("/account/tokens", data={"tok-label": "ERP 对接"}).get_data(as_text=True))
    raw = created.text("new-token-value")
    assert raw.startswith("rsm_") and len(raw) > 20
    assert {"zh": "请立即复制保存", "en": "Copy it now"}[lang] in created.html
    again = page(client, "/account", lang)
    assert raw not in again.html  # shown once
    assert raw[:10] in again.html and "ERP 对接" in again.html
    revoke = [f["action"] for f in again.find("form") if f.get("action", "").endswith("/revoke")]
    assert len(revoke) == 1


@pytest.mark.parametrize(
    ("lang", "message"), [("zh", "两次输入的密码不一致"), ("en", "The passwords differ")]
)
def test_password_change_error_beside_field(client, make, lang, message):
    sign_in(client, make.member())
    set_lang(client, lang)
    response = client.post(
        "/account/password",
        data={
            "pw-current_password": PASSWORD,
            "pw-new_password": "Another-Horse-43",
            "pw-confirm": "Another-Horse-44",
        },
    )
    assert response.status_code == 400
    assert message in _error_beside(Page(response.get_data(as_text=True)), "pw-confirm")


@pytest.mark.parametrize("lang", LANGS)
def test_org_page_public_view(client, world, lang):
    p = page(client, f"/orgs/{world['factory'].ref}", lang)
    assert "宁波恒锐汽车零部件有限公司" in p.html and "91330200MA2CJYHP0X" in p.html
    assert {"zh": "已认证", "en": "Verified"}[lang] in p.html
    assert "冲压车间人形机器人上下料" in p.html and "焊装车间草稿需求" not in p.html
    assert world["factory_member"].email not in p.html  # members only for the org and officials
    assert "/verify" not in p.html


def test_org_page_for_members_and_officials(client, world, make):
    sign_in(client, world["factory_member"])
    own = page(client, f"/orgs/{world['factory'].ref}", "en")
    assert world["factory_member"].email in own.html and "焊装车间草稿需求" in own.html
    assert "/verify" not in own.html
    client.post("/logout")
    sign_in(client, make.official())
    official = page(client, f"/orgs/{world['vendor'].ref}", "en")
    assert world["vendor_member"].email in official.html
    form = official.find("form", action=f"/admin/orgs/{world['vendor'].ref}/verify")
    assert form and form[0]["method"] == "post"
    assert 'name="verified" value="1"' in official.html


@pytest.mark.parametrize("lang", LANGS)
def test_org_admin_table_filter_and_verify_buttons(client, world, make, lang):
    sign_in(client, make.official())
    p = page(client, "/admin/orgs", lang)
    assert "宁波恒锐汽车零部件有限公司" in p.html and "杭州灵犀智元机器人有限公司" in p.html
    assert p.find("form", action=f"/admin/orgs/{world['vendor'].ref}/verify")
    found = page(client, "/admin/orgs?q=灵犀", lang)
    assert "杭州灵犀智元机器人有限公司" in found.html and "宁波恒锐汽车零部件有限公司" not in found.html
    assert found.attr("org-q", "value") == "灵犀"
    response = client.post(
        f"/admin/orgs/{world['vendor'].ref}/verify", data={"verified": "1", "next": "/admin/orgs?q=灵犀"}
    )
    assert response.status_code == 302
    after = page(client, response.headers["Location"], lang)
    assert {"zh": "取消认证", "en": "Remove verification"}[lang] in after.html


@pytest.mark.parametrize(
    ("lang", "text"), [("zh", "该页面或记录不存在"), ("en", "This page or record does not exist")]
)
def test_error_page_in_both_languages(client, lang, text):
    p = page(client, "/demands/no-such-ref", lang, status=404)
    assert text in p.html and SITE_NAME[lang] in p.html


# ---------------------------------------------------------------- escaping


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_text_is_escaped_on_lists_detail_and_org_pages(client, make, payload):
    org = make.org(side="both", name=f"机构{payload}", description=f"简介{payload}")
    make.demand(org, title=f"需求{payload}", description=f"描述{payload}", ref="dem-xss")
    make.offering(
        org, title=f"供给{payload}", description=f"说明{payload}", certifications=[payload], ref="off-xss"
    )
    for path in ("/", "/demands", "/offerings", "/demands/dem-xss", "/offerings/off-xss", f"/orgs/{org.ref}"):
        html = client.get(path).get_data(as_text=True)
        assert payload not in html or payload == "{{7*7}}", path
        if payload == "{{7*7}}":
            assert "{{7*7}}" in html and "需求49" not in html and "机构49" not in html, path
        else:
            assert "&lt;" in html and "<img src=x" not in html and "<script>alert" not in html, path


@pytest.mark.parametrize("payload", PAYLOADS)
def test_filter_input_comes_back_escaped(client, payload):
    p = page(client, "/demands?q=" + payload.replace("&", "%26").replace("#", "%23"))
    assert p.attr("filter-q", "value") == payload
    assert "<script>alert" not in p.html and "<img src=x" not in p.html


@pytest.mark.parametrize("payload", PAYLOADS[:2])
def test_form_values_come_back_escaped(client, world, payload):
    sign_in(client, world["factory_member"])
    response = client.post(
        "/demands/new",
        data={
            "title": payload,
            "kind": "scenario",
            "domain": "retail",
            "description": "",
            "quantity": "1",
            "city": "hangzhou",
            "status": "open",
        },
    )
    assert response.status_code == 400
    p = Page(response.get_data(as_text=True))
    assert p.attr("title", "value") == payload and payload not in p.html
