"""An offering's page shows the tasks its description says it does beside those its
field ticks (issue 13, class 6): the matcher finds and weighs an offering by them, so
its vendor and the buyer see them too, marked as read from the description, apart
from the ticked ones."""

from __future__ import annotations

import re

import pytest

from tests.support.auth import sign_in
from tests.support.html import chip_lists, listing_card

READ_ZH, READ_EN = "据产品描述读出", "Read from the offering's description"


def _tasks(page: str) -> tuple[str, str]:
    """The Tasks entry of an offering's Details: the ticked chips' text and the rest
    (the chips read from the description and their mark), as plain text."""
    section = page[page.index('<dl class="facts">') : page.index("</dl>", page.index('<dl class="facts">'))]
    pairs = dict(re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", section, flags=re.S))
    value = pairs.get("作业任务", pairs.get("Tasks"))

    def text(html: str) -> str:
        return " ".join(re.sub(r"<[^>]+>", " ", html).split())

    read = re.search(r'<ul class="chips chips-read">.*', value, flags=re.S)
    given = value[: read.start()] if read else value
    return text(given), text(read.group(0)) if read else ""


@pytest.fixture
def viewer(client, make):
    sign_in(client, make.official())
    return client


def _offering(make, db, **kw):
    offering = make.offering(**kw)
    db.commit()
    return offering


def test_tasks_the_text_adds_are_shown_apart_and_marked_as_read(viewer, make, db):
    o = _offering(
        make,
        db,
        ref="off-rt-tasks",
        title="园区服务机器人",
        tasks=["delivery"],
        description="可承担园区巡检，也能做前台迎宾接待。",
    )
    given, read = _tasks(viewer.get(f"/offerings/{o.ref}?lang=zh").get_data(as_text=True))
    assert "配送" in given and "巡检" not in given and READ_ZH not in given
    assert "巡检" in read and READ_ZH in read and "配送" not in read
    given, read = _tasks(viewer.get(f"/offerings/{o.ref}?lang=en").get_data(as_text=True))
    assert READ_EN in read and READ_EN not in given


def test_an_offering_whose_field_ticks_none_shows_the_tasks_read(viewer, make, db):
    o = _offering(
        make, db, ref="off-rt-none", title="巡检机器人", tasks=[], description="变电站室内巡检，自动读表。"
    )
    given, read = _tasks(viewer.get(f"/offerings/{o.ref}?lang=zh").get_data(as_text=True))
    assert "巡检" in read and READ_ZH in read and "未指定" not in given + read


def test_nothing_is_marked_as_read_where_the_text_adds_nothing(viewer, make, db):
    o = _offering(make, db, ref="off-rt-same", tasks=["loading"], description="冲压线上下料，负载20kg。")
    given, read = _tasks(viewer.get(f"/offerings/{o.ref}?lang=zh").get_data(as_text=True))
    assert "上下料" in given and not read
    silent = _offering(make, db, ref="off-rt-silent", tasks=[], description="28自由度，续航4小时。")
    given, read = _tasks(viewer.get(f"/offerings/{silent.ref}?lang=zh").get_data(as_text=True))
    assert "未指定" in given and not read


def test_software_that_ticks_its_tasks_shows_none_read(viewer, make, db):
    # Its text names what it watches for (巡检 footage), not work it does: the matcher
    # takes the field's tasks alone, and so does the page.
    o = _offering(
        make,
        db,
        ref="off-rt-software",
        category="software",
        title="AI视觉检测软件",
        tasks=["quality_inspection"],
        description="接入巡检机器人的视频，识别跑冒滴漏。",
    )
    given, read = _tasks(viewer.get(f"/offerings/{o.ref}?lang=zh").get_data(as_text=True))
    assert "质检" in given or "质量检测" in given
    assert not read


def _chips(card: str) -> tuple[list[str], bool]:
    """The task chips of a card and whether they are drawn as read."""
    lists = chip_lists(card, ("作业任务", "Tasks"))
    assert lists, "the card shows the offering's tasks"
    read, chips = lists[0]
    return chips, read


def test_an_offering_card_shows_its_tasks_ticked_else_read_and_a_long_list_cut(viewer, make, db):
    """As the need's card does: the ticked tasks, else those read from the description
    (dashed, titled), and at most five, the rest counted."""
    _offering(
        make, db, ref="off-card-ticked", title="焊接专机卡片", tasks=["welding"], description="焊接工作站。"
    )
    _offering(
        make,
        db,
        ref="off-card-read",
        title="园区机器人卡片",
        tasks=[],
        description="可承担园区巡检，也能做前台迎宾接待。",
    )
    many = ["welding", "handling", "loading", "sorting", "assembly", "patrol_inspection", "reception"]
    _offering(make, db, ref="off-card-many", title="通用人形卡片", tasks=many, description="什么都能做。")
    page = viewer.get("/offerings?lang=zh").get_data(as_text=True)
    chips, read = _chips(listing_card(page, "焊接专机卡片"))
    assert chips == ["焊接"] and not read
    chips, read = _chips(listing_card(page, "园区机器人卡片"))
    assert "巡检" in chips and read and READ_ZH in listing_card(page, "园区机器人卡片")
    chips, read = _chips(listing_card(page, "通用人形卡片"))
    assert len(chips) == 6 and chips[-1] == "另有2项" and not read
    chips, _read = _chips(
        listing_card(viewer.get("/offerings?lang=en").get_data(as_text=True), "通用人形卡片")
    )
    assert chips[-1] == "+2 more"
