"""A need's page says what its description states about the ways to acquire and the
budget when the fields are empty (issue 13, class 3): the matcher weighs them, so the
page shows them too, marked as read from the description, instead of "any way" and
"no budget given"; what the fields give is shown as given."""

from __future__ import annotations

import re

import pytest

from tests.support.auth import sign_in
from tests.support.html import chip_lists, listing_card

READ_ZH, READ_EN = "据需求描述读出", "Read from the description"


def _facts(page: str) -> dict[str, str]:
    """The Details list of a need's page: each term's definition as plain text."""
    section = page[page.index('<dl class="facts">') : page.index("</dl>", page.index('<dl class="facts">'))]
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", section, flags=re.S)
    return {term: " ".join(re.sub(r"<[^>]+>", " ", value).split()) for term, value in pairs}


@pytest.fixture
def viewer(client, make):
    sign_in(client, make.official())
    return client


def _need(make, db, **kw):
    values = {"modes": [], "budget": {}, "quantity": 1}
    values.update(kw)
    need = make.demand(**values)
    db.commit()
    return need


def test_ways_and_a_budget_said_only_in_the_text_are_shown_as_read(viewer, make, db):
    need = _need(make, db, ref="dem-rt-text", description="想按月租用一台，月租预算3500元以内。")
    zh = _facts(viewer.get(f"/demands/{need.ref}?lang=zh").get_data(as_text=True))
    assert "短期租赁" in zh["可接受的获取方式"] and READ_ZH in zh["可接受的获取方式"]
    assert "3,500" in zh["预算"] and READ_ZH in zh["预算"] and "未填写预算" not in zh["预算"]
    en = _facts(viewer.get(f"/demands/{need.ref}?lang=en").get_data(as_text=True))
    assert "3,500" in en["Budget"] and READ_EN in en["Budget"]
    assert READ_EN in en["Acceptable ways to acquire"] and "Any" not in en["Acceptable ways to acquire"]


def test_a_total_for_all_the_units_says_so(viewer, make, db):
    need = _need(make, db, ref="dem-rt-total", quantity=3, description="采购清洁机器人，总预算15万以内。")
    zh = _facts(viewer.get(f"/demands/{need.ref}?lang=zh").get_data(as_text=True))
    assert "150,000" in zh["预算"] and "总价" in zh["预算"] and READ_ZH in zh["预算"]
    en = _facts(viewer.get(f"/demands/{need.ref}?lang=en").get_data(as_text=True))
    assert "150,000" in en["Budget"] and "in all" in en["Budget"]


def test_a_total_for_units_the_text_counts_is_shown_per_unit(viewer, make, db):
    need = _need(make, db, ref="dem-rt-each", quantity=3, description="想买3台，三台总共预算150万。")
    zh = _facts(viewer.get(f"/demands/{need.ref}?lang=zh").get_data(as_text=True))
    assert "500,000" in zh["预算"] and "总价" not in zh["预算"]


def test_the_fields_are_shown_as_given_not_as_read(viewer, make, db):
    need = _need(
        make,
        db,
        ref="dem-rt-fields",
        modes=["purchase"],
        budget={"purchase": 200000},
        description="月租预算3500元，按月租用。",
    )
    zh = _facts(viewer.get(f"/demands/{need.ref}?lang=zh").get_data(as_text=True))
    assert "200,000" in zh["预算"] and "3,500" not in zh["预算"] and READ_ZH not in zh["预算"]
    assert READ_ZH not in zh["可接受的获取方式"]


def test_a_text_stating_no_budget_still_says_none_was_given(viewer, make, db):
    need = _need(make, db, ref="dem-rt-none", description="车间需要上下料机器人，两班倒。")
    zh = _facts(viewer.get(f"/demands/{need.ref}?lang=zh").get_data(as_text=True))
    assert "未填写预算" in zh["预算"] and READ_ZH not in zh["预算"]
    assert zh["可接受的获取方式"] == "均可"


def test_units_the_text_counts_are_shown_as_read_where_the_field_is_left_at_one(viewer, make, db):
    need = _need(make, db, ref="dem-rt-units", description="病区标本转运，想先租3台试用半年。")
    zh = _facts(viewer.get(f"/demands/{need.ref}?lang=zh").get_data(as_text=True))
    assert zh["需求数量（台）"].startswith("3 ") and READ_ZH in zh["需求数量（台）"]
    en = _facts(viewer.get(f"/demands/{need.ref}?lang=en").get_data(as_text=True))
    assert en["Units wanted"].startswith("3 ") and READ_EN in en["Units wanted"]
    given = _need(make, db, ref="dem-rt-units-given", quantity=2, description="想先租3台试用半年。")
    zh = _facts(viewer.get(f"/demands/{given.ref}?lang=zh").get_data(as_text=True))
    assert zh["需求数量（台）"] == "2"


def test_tasks_the_text_asks_for_are_shown_as_read_where_the_field_ticks_none(viewer, make, db):
    kw = {"title": "商场导购机器人", "domain": "retail", "tasks": []}
    need = _need(make, db, ref="dem-rt-tasks", description="购物中心四层，想放导购机器人带顾客找店。", **kw)
    zh = _facts(viewer.get(f"/demands/{need.ref}?lang=zh").get_data(as_text=True))
    assert "导购" in zh["作业任务"] and READ_ZH in zh["作业任务"] and "未指定" not in zh["作业任务"]
    en = _facts(viewer.get(f"/demands/{need.ref}?lang=en").get_data(as_text=True))
    assert READ_EN in en["Tasks"] and "Not specified" not in en["Tasks"]
    ticked = _need(
        make, db, ref="dem-rt-tasks-ticked", **{**kw, "tasks": ["reception"]}, description="带顾客找店。"
    )
    zh = _facts(viewer.get(f"/demands/{ticked.ref}?lang=zh").get_data(as_text=True))
    assert READ_ZH not in zh["作业任务"] and "导购" not in zh["作业任务"]
    silent = _need(
        make,
        db,
        ref="dem-rt-tasks-none",
        **{**kw, "title": "设备调研"},
        description="看看有哪些机器人产品可以用。",
    )
    zh = _facts(viewer.get(f"/demands/{silent.ref}?lang=zh").get_data(as_text=True))
    assert "未指定" in zh["作业任务"] and READ_ZH not in zh["作业任务"]


def test_a_need_card_shows_the_ways_tasks_and_budget_its_text_states(viewer, make, db):
    title = "商场导购机器人月租"
    _need(
        make,
        db,
        ref="dem-rt-card",
        title=title,
        domain="retail",
        tasks=[],
        description="购物中心四层，想按月租用导购机器人带顾客找店，月租预算3500元以内。",
    )
    card = listing_card(viewer.get("/demands?lang=zh").get_data(as_text=True), title)
    text = " ".join(re.sub(r"<[^>]+>", " ", card).split())
    assert "短期租赁" in text and "3,500" in text and READ_ZH in text and "均可" not in text
    assert 'class="chips chips-read"' in card and "导购" in text
    card = listing_card(viewer.get("/demands?lang=en").get_data(as_text=True), title)
    assert READ_EN in card and "3,500" in card


def test_a_need_card_shows_what_its_fields_give_as_given(viewer, make, db):
    title = "冲压车间上下料试点"
    _need(make, db, ref="dem-rt-card-given", title=title, modes=["lease"], budget={"lease": 9000})
    card = listing_card(viewer.get("/demands?lang=zh").get_data(as_text=True), title)
    assert READ_ZH not in card and "chips-read" not in card and "9,000" in card


def test_site_conditions_the_text_states_or_names_are_shown_as_read(viewer, make, db):
    text = "罐区、泵房巡检。要求整机防爆（Ex d IIB T4及以上），下雨天也要能巡。"
    need = _need(make, db, ref="dem-rt-site", environments=[], description=text)
    zh = _facts(viewer.get(f"/demands/{need.ref}?lang=zh").get_data(as_text=True))["现场环境"]
    assert "易燃易爆" in zh and READ_ZH in zh and "潮湿涉水" in zh and "待确认" in zh
    assert "无特殊环境要求" not in zh and zh.index("易燃易爆") < zh.index(READ_ZH) < zh.index("潮湿涉水")
    en = _facts(viewer.get(f"/demands/{need.ref}?lang=en").get_data(as_text=True))["Site conditions"]
    assert READ_EN in en and "to be confirmed" in en
    # A place the text hands to others is none of the site's, read or to confirm.
    handed = _need(
        make,
        db,
        ref="dem-rt-site-handed",
        environments=[],
        description="高炉出铁场、煤气区域发生火灾时热辐射强。需耐高温灭火侦察机器人。煤气区域由专业防爆设备负责。",
    )
    zh = _facts(viewer.get(f"/demands/{handed.ref}?lang=zh").get_data(as_text=True))["现场环境"]
    assert "高温" in zh and READ_ZH in zh and "有毒有害" not in zh
    # What the field ticks is shown as given; a silent text adds nothing.
    ticked = _need(
        make, db, ref="dem-rt-site-ticked", environments=["explosive"], description="要求整机防爆。"
    )
    zh = _facts(viewer.get(f"/demands/{ticked.ref}?lang=zh").get_data(as_text=True))["现场环境"]
    assert "易燃易爆" in zh and READ_ZH not in zh
    plain = _need(make, db, ref="dem-rt-site-plain", environments=[], description="冲压线上下料。")
    zh = _facts(viewer.get(f"/demands/{plain.ref}?lang=zh").get_data(as_text=True))["现场环境"]
    assert zh == "无特殊环境要求"


def test_the_protection_a_need_asks_for_is_shown_as_read(viewer, make, db):
    """设备必须防溅水 asks for IPX4, 要求IP67 for IP67: the matcher holds offerings' codes to
    it, so the page says it beside the site conditions, marked as read."""
    garage = _need(
        make, db, ref="dem-rt-ip-splash", environments=[], description="车库地面经常有积水，设备必须防溅水。"
    )
    zh = _facts(viewer.get(f"/demands/{garage.ref}?lang=zh").get_data(as_text=True))["现场环境"]
    assert "潮湿涉水" in zh and "要求防护等级 IPX4" in zh and zh.endswith(READ_ZH)
    en = _facts(viewer.get(f"/demands/{garage.ref}?lang=en").get_data(as_text=True))["Site conditions"]
    assert "Protection asked: IPX4" in en
    dyke = _need(make, db, ref="dem-rt-ip-code", environments=["wet"], description="汛期巡堤，要求 IP67。")
    zh = _facts(viewer.get(f"/demands/{dyke.ref}?lang=zh").get_data(as_text=True))["现场环境"]
    assert "要求防护等级 IP67" in zh and "无特殊环境要求" not in zh
    # A code shown at a drill asks nothing of the site: not said.
    drill = _need(
        make, db, ref="dem-rt-ip-drill", environments=[], description="防汛演练现场展示IP67机器人涉水。"
    )
    zh = _facts(viewer.get(f"/demands/{drill.ref}?lang=zh").get_data(as_text=True))["现场环境"]
    assert "防护等级" not in zh


def _conditions(card: str) -> list[tuple[str, bool]]:
    """The site-condition chips of a need's card: (label, drawn as read)."""
    return [
        (chip, read) for read, chips in chip_lists(card, ("现场环境", "Site conditions")) for chip in chips
    ]


def test_a_need_card_shows_the_site_conditions_offerings_are_held_to(viewer, make, db):
    """Ticked, and those its text states (要求整机防爆), drawn as read; not those it only
    names (下雨天也要巡), which the offerings are asked to confirm, not held to."""
    _need(
        make,
        db,
        ref="dem-rt-card-env",
        title="甲类仓库巡检卡片",
        environments=["explosive"],
        description="夜间巡库。",
    )
    _need(
        make,
        db,
        ref="dem-rt-card-env-read",
        title="罐区巡检卡片",
        environments=[],
        description="罐区、泵房巡检。要求整机防爆（Ex d IIB T4及以上），下雨天也要能巡。",
    )
    _need(
        make,
        db,
        ref="dem-rt-card-env-none",
        title="冲压上下料卡片",
        environments=[],
        description="冲压线上下料。",
    )
    page = viewer.get("/demands?lang=zh").get_data(as_text=True)
    assert _conditions(listing_card(page, "甲类仓库巡检卡片")) == [("易燃易爆", False)]
    read = _conditions(listing_card(page, "罐区巡检卡片"))
    assert ("易燃易爆", True) in read and all(r for _c, r in read) and "潮湿涉水" not in dict(read)
    assert _conditions(listing_card(page, "冲压上下料卡片")) == []
    en = viewer.get("/demands?lang=en").get_data(as_text=True)
    assert _conditions(listing_card(en, "罐区巡检卡片")) and READ_EN in listing_card(en, "罐区巡检卡片")


def test_a_hot_site_said_only_in_degrees_is_shown_to_be_confirmed(viewer, make, db):
    """压铸岛边夏天能到45度: the matcher asks offerings to confirm a hot site from 40 °C,
    so the page names it as it names a condition the text only mentions; 35 °C is no hot site."""
    hot = _need(make, db, ref="dem-rt-hot", environments=[], description="压铸岛边取件，夏天能到45度。")
    zh = _facts(viewer.get(f"/demands/{hot.ref}?lang=zh").get_data(as_text=True))["现场环境"]
    assert "高温" in zh and "待确认" in zh
    warm = _need(make, db, ref="dem-rt-warm", environments=[], description="装配车间夏天35度左右。")
    zh = _facts(viewer.get(f"/demands/{warm.ref}?lang=zh").get_data(as_text=True))["现场环境"]
    assert zh == "无特殊环境要求"


def test_a_load_said_only_in_the_text_is_shown_as_read(viewer, make, db):
    """铸件约8公斤: the matcher holds offerings to 8 kg, so the page says 8 kg, read from
    the description, not "not specified"; the field's load is shown as given, and a
    load of a need whose tasks carry nothing is no load the robot handles."""
    read = _need(make, db, ref="dem-rt-kg", payload_kg=None, description="压铸件上下料，铸件约8公斤。")
    zh = _facts(viewer.get(f"/demands/{read.ref}?lang=zh").get_data(as_text=True))
    assert "8 kg" in zh["最大搬运重量"] and READ_ZH in zh["最大搬运重量"]
    en = _facts(viewer.get(f"/demands/{read.ref}?lang=en").get_data(as_text=True))
    assert "8 kg" in en["Heaviest object"] and READ_EN in en["Heaviest object"]
    given = _need(make, db, ref="dem-rt-kg-given", payload_kg=12.0, description="冲压件上下料。")
    zh = _facts(viewer.get(f"/demands/{given.ref}?lang=zh").get_data(as_text=True))
    assert zh["最大搬运重量"] == "12 kg"
    amended = _need(
        make,
        db,
        ref="dem-rt-kg-amended",
        payload_kg=10.0,
        description="冲压件上下料。补充说明：工件换型，单件改为15公斤。",
    )
    zh = _facts(viewer.get(f"/demands/{amended.ref}?lang=zh").get_data(as_text=True))
    assert zh["最大搬运重量"].startswith("15 kg") and "表单填写 10 kg" in zh["最大搬运重量"]
    en = _facts(viewer.get(f"/demands/{amended.ref}?lang=en").get_data(as_text=True))
    assert "(the form says 10 kg)" in en["Heaviest object"]
    none = _need(
        make,
        db,
        ref="dem-rt-kg-none",
        title="展厅前台接待",
        payload_kg=None,
        tasks=["reception"],
        description="前台接待，展品约8公斤。",
    )
    zh = _facts(viewer.get(f"/demands/{none.ref}?lang=zh").get_data(as_text=True))
    assert "8 kg" not in zh["最大搬运重量"] and READ_ZH not in zh["最大搬运重量"]
