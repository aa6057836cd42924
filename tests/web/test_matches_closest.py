"""Issue 13 through the real app: a list is never empty (the closest offerings,
each with what keeps it from fitting, under a heading that says so, on the page,
in the API and in the `match` command), and a pair has one score everywhere (the
need's list, the offering's list, the pilots' `pair_score`)."""

from __future__ import annotations

import json

import pytest

from marketplace.matching import service as matching
from marketplace.pilots import services as pilots
from tests.web.test_matches import build_world, match_list, sign_in

HEADING_ZH = "暂无完全符合全部条件的结果"
HEADING_EN = "Nothing meets every condition yet"


def build_nothing_fits(make) -> dict:
    """A heavy-pallet need that no offering meets: one too weak, one not serving the city."""
    buyer = make.org(side="demand", ref="org-cl-buyer", name="宁波重载物流", city="ningbo")
    vendor = make.org(side="supply", ref="org-cl-vendor", name="瓯江搬运科技", verified=True)
    need = make.demand(
        buyer,
        ref="dem-cl-heavy",
        title="重载托盘搬运",
        description="仓库托盘搬运，单件最重200kg。",
        tasks=["handling"],
        payload_kg=200,
        modes=["lease"],
        city="ningbo",
    )
    light = make.offering(
        vendor,
        ref="off-cl-light",
        title="料箱搬运机器人",
        tasks=["handling"],
        payload_kg=30,
        modes=[{"mode": "lease", "price": 6000}],
    )
    far = make.offering(
        vendor,
        ref="off-cl-far",
        title="重载托盘搬运AMR",
        tasks=["handling"],
        payload_kg=500,
        service_cities=["wenzhou"],
        modes=[{"mode": "lease", "price": 9000}],
    )
    return {"buyer": buyer, "need": need, "light": light, "far": far}


@pytest.fixture
def nothing_fits(make):
    return build_nothing_fits(make)


def test_the_page_shows_the_closest_under_a_heading_when_nothing_fits(client, make, nothing_fits):
    sign_in(client, make.member(nothing_fits["buyer"]))
    page = client.get("/demands/dem-cl-heavy").get_data(as_text=True)
    assert HEADING_ZH in page
    assert "off-cl-light" in page and "off-cl-far" in page
    assert "负载30 kg，低于所需200 kg" in page and "不服务宁波" in page, "what keeps each from fitting"
    assert match_list(page, "offerings") and "暂无有效供给" not in page
    assert HEADING_EN in client.get("/demands/dem-cl-heavy?lang=en").get_data(as_text=True)


def test_the_command_says_so(runner, nothing_fits):
    text = runner.invoke(args=["match", "dem-cl-heavy", "--lang", "en"]).output
    assert HEADING_EN in text and "off-cl-light" in text and "[ruled out]" not in text
    items = json.loads(runner.invoke(args=["match", "dem-cl-heavy", "--format", "json"]).output)
    assert items and all(i["closest"] for i in items)


def test_a_list_with_a_fitting_pair_has_no_closest_heading(client, db, make):
    world = build_world(make)
    sign_in(client, make.member(world["buyer"]))
    page = client.get("/demands/dem-mw-stamping").get_data(as_text=True)
    assert HEADING_ZH not in page
    assert not any(m.closest for m in matching.matches_for_demand(db, world["need"], 10, ruled_out=3))


def test_one_score_per_pair_everywhere(db, make):
    world = build_world(make)
    need, good, fair = world["need"], world["good"], world["fair"]
    for offering in (good, fair):
        from_need = {m.record.ref: m.score for m in matching.matches_for_demand(db, need, 10)}
        from_offering = {m.record.ref: m.score for m in matching.matches_for_offering(db, offering, 10)}
        one = matching.pair_score(need, offering)
        assert from_need[offering.ref] == from_offering[need.ref] == one.score
        assert pilots.pair_score(need, offering).score == one.score
        assert pilots.pair_score(need, offering).reasons == one.reasons


def test_the_need_s_domain_retrieves_offerings_sharing_no_word_with_it(db, make):
    """A short need is not cut short by its wording (issue 13, class 6): offerings of
    its domain that share no word and no task with it are still retrieved and
    scored, after those that do; one of another domain sharing nothing is not."""
    buyer = make.org(side="demand", ref="org-dr-hosp", name="金华某医院", city="jinhua")
    vendor = make.org(side="supply", ref="org-dr-vendor", name="杭州某机器人公司", verified=True)
    need = make.demand(
        buyer,
        ref="dem-dr-guide",
        title="门诊导诊分诊",
        description="",
        tasks=[],
        domain="healthcare",
        city="jinhua",
    )
    guide = make.offering(
        vendor,
        ref="off-dr-guide",
        title="医院导诊机器人",
        description="门诊导诊分诊",
        domains=["healthcare", "retail"],
        tasks=["reception"],
    )
    same_domain = make.offering(
        vendor,
        ref="off-dr-ward",
        title="住院楼耗材运输车",
        description="耗材运输",
        domains=["healthcare"],
        tasks=[],
    )
    other = make.offering(
        vendor,
        ref="off-dr-weld",
        title="弧焊工作站",
        description="车架焊接",
        domains=["manufacturing"],
        tasks=["welding"],
    )
    refs = [m.record.ref for m in matching.matches_for_demand(db, need, 10)]
    assert refs[0] == guide.ref and same_domain.ref in refs and other.ref not in refs


def _need_behind_closer_words(make, key: str, city: str, need: dict, target: dict, closer: dict):
    """A need, the offering under test and five offerings worded closer to the need
    (`closer` with {n} in its title), all of one vendor: retrieval ranks the five first,
    so the one under test is scored only where no hard mask drops it."""
    buyer = make.org(side="demand", ref=f"org-{key}-buyer", name=f"{key} 需求方", city=city)
    vendor = make.org(side="supply", ref=f"org-{key}-vendor", name=f"{key} 供应商", verified=True)
    demand = make.demand(buyer, ref=f"dem-{key}", modes=[], city=city, **need)
    offering = make.offering(vendor, ref=f"off-{key}-target", **target)
    price = closer.pop("price")
    for n in range(5):
        make.offering(
            vendor,
            ref=f"off-{key}-close-{n}",
            **{**closer, "title": closer["title"].format(n=n)},
            modes=[{"mode": "purchase", "price": price + n}],
        )
    return demand, offering


def test_a_way_to_acquire_read_from_the_prose_does_not_narrow_retrieval(db, make):
    """Issue 13, classes 3 and 6: a need that says 按月租用 only in its prose scores
    an offering without a lease lower (`modes_none_text`), never rules it out, so
    retrieval must not drop it either: it is proposed even behind more closely
    worded offerings that do not lease."""
    need, target = _need_behind_closer_words(
        make,
        "rm",
        "huzhou",
        need={
            "title": "仓库料箱搬运",
            "description": "仓库料箱搬运，想按月租用两台。",
            "tasks": ["handling"],
        },
        target={
            "title": "托盘车",
            "description": "叉取托盘。",
            "tasks": ["handling"],
            "modes": [{"mode": "purchase", "price": 90000}],
        },
        # Worded closer to the need; none leases either.
        closer={
            "title": "仓库料箱搬运机器人 {n}",
            "description": "仓库料箱搬运，料箱搬运。",
            "tasks": ["handling"],
            "price": 80000,
        },
    )
    db.commit()
    found = {m.record.ref: m for m in matching.matches_for_demand(db, need, limit=10)}
    assert target.ref in found, "dropped by retrieval"
    assert found[target.ref].ok and "modes_none_text" in [r.code for r in found[target.ref].reasons]


def test_a_wet_site_that_names_its_protection_code_is_met_by_an_offering_with_that_code(db, make):
    """A need that asks 防水IP65以上 is met by an offering whose text gives IP65 without
    saying 防水: the need said what wet means. Retrieval keeps such offerings (a
    need's wet is not a hard mask when it names a code), both ways."""
    need, target = _need_behind_closer_words(
        make,
        "ip",
        "taizhou",
        need={
            "title": "潜水泵装配线",
            "description": "潜水泵装配和耐压测试，测试工位到处是水，要求设备必须防水IP65以上。",
            "tasks": ["assembly"],
            "environments": [],
        },
        target={
            "title": "装配试验线",
            "description": "整线交钥匙，试验工位IP65。",
            "tasks": ["assembly"],
            "environments": [],
            "modes": [{"mode": "purchase", "price": 480000}],
        },
        # Worded closer to the need; no code and no rating for water.
        closer={
            "title": "潜水泵装配线 {n}",
            "description": "潜水泵装配，耐压测试，潜水泵装配。",
            "tasks": ["assembly"],
            "environments": [],
            "price": 400000,
        },
    )
    db.commit()
    found = {m.record.ref: m for m in matching.matches_for_demand(db, need, limit=10)}
    assert target.ref in found and found[target.ref].ok, "dropped by retrieval or ruled out"
    assert not any(found[f"off-ip-close-{n}"].ok for n in range(5) if f"off-ip-close-{n}" in found)
    assert need.ref in {m.record.ref for m in matching.matches_for_offering(db, target, 10) if m.ok}


def test_a_need_in_chinese_ranks_an_offering_in_english_by_what_it_is_about(db, make):
    """Texts in two languages share no word: the need's concepts, put into English
    (`search.glossary`), rank the museum guide above the shop greeter for a museum's
    narration need, and the pair's score is the same in the list and alone."""
    buyer = make.org(side="demand", ref="org-xl-hall", name="南湖纪念馆", city="jiaxing")
    vendor = make.org(side="supply", ref="org-xl-vendor", name="Duoyu Robotics")
    need = make.demand(
        buyer,
        ref="dem-xl-hall",
        title="纪念馆展厅讲解机器人 采购",
        description="展厅讲解，按固定路线讲解展品，多语种。",
        tasks=["reception"],
        domain="retail",
        city="jiaxing",
    )
    museum = make.offering(
        vendor,
        ref="off-xl-museum",
        title="Multilingual guide robot for museums and exhibition halls",
        description="Follows a tour route and narrates exhibits in 12 languages.",
        domains=["retail"],
        tasks=["reception", "shopping_guide"],
    )
    greeter = make.offering(
        vendor,
        ref="off-xl-greeter",
        title="Shop greeter robot",
        description="Waves, says hello at the door of a shop and guides shoppers to the shelves.",
        domains=["retail"],
        tasks=["reception", "shopping_guide"],
    )
    results = matching.matches_for_demand(db, need, 10)
    refs = [m.record.ref for m in results]
    assert refs.index(museum.ref) < refs.index(greeter.ref)
    by_ref = {m.record.ref: m.score for m in results}
    assert by_ref[museum.ref] > by_ref[greeter.ref]
    assert matching.pair_score(need, museum).score == by_ref[museum.ref]


def _crowd(make, vendor, ref: str, title: str, extra: int, **fields) -> None:
    """More offerings than are retrieved by words (MIN_CANDIDATES + `extra`), each
    numbered, sharing the need's wording: what the one sought must be found beside."""
    for n in range(matching.MIN_CANDIDATES + extra):
        make.offering(vendor, ref=f"{ref}-{n}", title=f"{title} {n}", **fields)


def _found(db, need, limit: int) -> list[str]:
    db.commit()
    return [m.record.ref for m in matching.matches_for_demand(db, need, limit=limit)]


def test_an_offering_doing_every_task_the_need_names_is_retrieved_whatever_its_words(db, make):
    """Issue 13, class 6: a need naming two tasks (咨询引导 + 送书) finds the one
    offering that does both (导览+配送一体机), though more offerings than are
    retrieved by words share more of the need's wording and do only one of them."""
    buyer = make.org(side="demand", ref="org-cv-lib", name="宁波某图书馆", city="ningbo")
    vendor = make.org(side="supply", ref="org-cv-vendor", name="小途科技", verified=True)
    need = make.demand(
        buyer,
        ref="dem-cv-lib",
        title="图书馆咨询引导+跨楼层送书",
        description="读者在咨询台预约的书，由机器人从书库送到一楼；平时在大厅做咨询引导。",
        tasks=["reception", "delivery"],
        domain="retail",
        modes=[],
        city="ningbo",
    )
    both = make.offering(
        vendor,
        ref="off-cv-both",
        title="双屏导览配送一体机",
        description="前屏导览问答，后仓可配送，载重15kg，可乘梯。",
        domains=["retail"],
        tasks=["reception", "delivery"],
    )
    _crowd(
        make,
        vendor,
        "off-cv-guide",
        "图书馆咨询引导机器人",
        2,
        description="图书馆大厅咨询引导，读者咨询，引导到书库。",
        domains=["retail"],
        tasks=["reception"],
    )
    assert _found(db, need, limit=1) == [both.ref]


def test_an_offering_doing_the_one_task_a_need_names_is_retrieved_whatever_its_words(db, make):
    """Issue 13, class 6, for a need naming one task: a fire museum's guide (讲解)
    finds the wheeled greeter within its budget, though more offerings than are
    retrieved by words say 消防科普讲解 and are humanoids far over it."""
    buyer = make.org(side="demand", ref="org-cv1-museum", name="湖州市消防科普教育馆", city="huzhou")
    vendor = make.org(side="supply", ref="org-cv1-vendor", name="迎宾科技", verified=True)
    need = make.demand(
        buyer,
        ref="dem-cv1-museum",
        title="消防科普馆常驻讲解机器人",
        description="在展区为参观的学生讲解火灾逃生、灭火器使用等消防科普知识，能语音问答。",
        tasks=["reception"],
        domain="retail",
        payload_kg=None,
        quantity=1,
        modes=["purchase"],
        budget={"purchase": 60000},
        city="huzhou",
    )
    greeter = make.offering(
        vendor,
        ref="off-cv1-greeter",
        category="robot",
        title="W3 轮式迎宾导览机器人",
        description="迎宾、导航引导、广告播放，适合展厅、营业厅。",
        domains=["retail"],
        tasks=["reception"],
        payload_kg=None,
        modes=[{"mode": "purchase", "price": 39800}],
    )
    _crowd(
        make,
        vendor,
        "off-cv1-show",
        "消防科普讲解人形机器人",
        4,
        description="消防科普馆讲解、火灾逃生讲解、灭火器使用讲解，学生参观语音问答。",
        domains=["retail", "eldercare", "healthcare"],
        tasks=["reception", "shopping_guide", "companionship", "delivery"],
        modes=[{"mode": "purchase", "price": 300000}],
    )
    assert greeter.ref in _found(db, need, limit=10)[:3]


def test_a_humanoid_asked_for_without_a_task_is_found_whatever_its_text_calls_it(db, make):
    """A training room buying 教学用人形机器人 names no task: the humanoids are
    retrieved as humanoids, though more offerings than are retrieved by words share
    the need's words (实训室, 教学, 编程), are no humanoid and cost three times the budget."""
    buyer = make.org(side="demand", ref="org-cv2-school", name="杭州某职业学院", city="hangzhou")
    vendor = make.org(side="supply", ref="org-cv2-vendor", name="通擎科技", verified=True)
    need = make.demand(
        buyer,
        ref="dem-cv2-class",
        title="实训室采购教学用人形机器人2台",
        description="学院工业机器人实训室采购，用于编程和安全规范教学。每台12万以内。",
        tasks=[],
        domain="manufacturing",
        payload_kg=None,
        modes=["purchase"],
        budget={"purchase": 120000},
        city="hangzhou",
    )
    mini = make.offering(
        vendor,
        ref="off-cv2-mini",
        category="humanoid",
        title="G2-mini 展示接待版",
        description="小尺寸接待展示版，讲解、互动。",
        domains=["manufacturing"],
        tasks=["reception"],
        payload_kg=2,
        modes=[{"mode": "purchase", "price": 99000}],
    )
    _crowd(
        make,
        vendor,
        "off-cv2-kit",
        "工业机器人实训室教学工作站",
        4,
        category="robot",
        description="实训室编程教学、安全规范教学用六轴机械臂工作站。",
        domains=["manufacturing"],
        tasks=["loading"],
        modes=[{"mode": "purchase", "price": 400000}],
    )
    assert mini.ref in _found(db, need, limit=10)


def test_a_jet_proof_offering_is_retrieved_for_a_wet_site_among_many_unrated(db, make):
    """The index rates no offering wet by a code alone (IP65), which the scorer takes
    for a rating to confirm: a need whose field says wet finds it though more
    offerings than the closest few, rated for nothing, share more of its words."""
    buyer = make.org(side="demand", ref="org-wt-tunnel", name="温州隧道管理站", city="wenzhou")
    vendor = make.org(side="supply", ref="org-wt-vendor", name="隧安科技", verified=True)
    need = make.demand(
        buyer,
        ref="dem-wt-tunnel",
        title="公路隧道巡检机器人",
        description="公路隧道全长3km，巡检照明、渗漏水、异物。",
        tasks=["patrol_inspection"],
        domain="construction",
        environments=["wet"],
        modes=[],
        city="wenzhou",
    )
    jets = make.offering(
        vendor,
        ref="off-wt-ip65",
        title="轨道式巡检机器人",
        description="吊装轨道，沿线往返巡检。防护IP65。",
        domains=["construction"],
        tasks=["patrol_inspection"],
    )
    _crowd(
        make,
        vendor,
        "off-wt-dry",
        "公路隧道巡检机器人",
        0,
        description="公路隧道巡检照明、渗漏水、异物。",
        domains=["construction"],
        tasks=["patrol_inspection"],
    )
    db.commit()
    found = matching.matches_for_demand(db, need, limit=5)
    assert [m.record.ref for m in found] == [jets.ref]
    assert found[0].ok and not found[0].closest
    assert "env_rating_unsure" in [r.code for r in found[0].reasons]
