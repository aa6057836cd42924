"""Text handling of search: the analyzer, the lexicon's readers, queries built from
anything a person can type, and highlighting that escapes."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from marketplace.search import analysis, lexicon, readings
from marketplace.search import query as q


def test_chinese_is_segmented_with_the_marketplace_words_kept_whole():
    terms = analysis.terms("化工园区防爆巡检，需要物料转运和上下料")
    for word in ("化工", "园区", "防爆", "巡检", "物料转运", "上下料"):
        assert word in terms
    assert "物料" in terms and "转运" in terms, "search mode also indexes the words inside"


def test_english_is_lowercased_and_stemmed_and_stop_words_dropped():
    assert analysis.terms("Welding ROBOTS for the Assembly lines") == ["weld", "assembl", "line"]


def test_words_every_listing_has_are_not_indexed():
    assert analysis.terms("人形机器人机器人") == []
    assert "机器人" in lexicon.stop_words()


@pytest.mark.parametrize(
    ("text", "domains", "expected"),
    [
        ("线边仓物料转运，取放箱", ["manufacturing"], ["handling"]),
        ("夜间巡查管廊和罐区", ["emergency"], ["patrol_inspection"]),
        ("不需要搬运，只做分拣", ["manufacturing"], ["sorting"]),
        ("不仅能搬运，还能分拣", ["manufacturing"], ["handling", "sorting"]),
        ("送药送餐", ["healthcare"], ["delivery"]),
        # Only tasks of other domains named: kept (a hospital's 导诊 is reception).
        ("送药送餐", ["manufacturing"], ["delivery"]),
        ("门诊大厅导诊、分诊", ["healthcare"], ["reception"]),
        # A task of the record's own domain named: the others are left out.
        ("商场夜间巡逻，兼做迎宾", ["retail"], ["reception"]),
        ("Material handling and welding", ["manufacturing"], ["welding", "handling"]),
        ("细纱车间落纱、换粗纱", ["manufacturing"], ["loading", "handling"]),
        # A hotel's front desk work, in posters' words: checking guests in, answering them.
        ("能办入住、回答客人问题", ["retail"], ["reception"]),
        ("给小朋友讲消防知识、互动问答", ["emergency"], ["reception"]),
        ("前台小哥跑腿送东西", ["retail"], ["delivery"]),
        ("直播间放个机器人，能跟观众互动", ["retail"], ["reception"]),
        ("手术部器械回收、无菌包下送", ["healthcare"], ["delivery"]),
        # 装配式 is a way of building (prefabricated), not assembly work.
        ("装配式构件厂，钢筋网片绑扎", ["construction"], ["construction_work"]),
    ],
)
def test_tasks_are_read_from_text(text, domains, expected):
    assert lexicon.tasks_in(text, domains) == expected


@pytest.mark.parametrize(
    ("envs", "certs", "text", "rated", "not_rated"),
    [
        ([], ["GB 3836 防爆"], "", {"explosive"}, set()),
        ([], ["Ex d IIB T4"], "", {"explosive"}, set()),
        ([], ["IP67"], "", {"outdoor", "wet"}, set()),
        ([], ["IP68"], "台风季水域救援，遥控救生", {"outdoor", "wet"}, set()),
        # An IP code keeps water and dust out; it is no rating for the outdoors when the
        # text places the robot indoors (a rail in a utility tunnel, a workshop).
        ([], ["IP67"], "挂轨式，适合潮湿管廊、隧道", {"wet"}, set()),
        ([], [], "防水IP67，车间湿热环境长期运行", {"wet"}, set()),
        ([], [], "Rail-mounted, IP67, for utility tunnels", {"wet"}, set()),
        ([], [], "IP67，室内外通用，户外可用", {"outdoor", "wet"}, set()),  # said in words
        # ... nor when it is washed down, or works in a kitchen, a die-casting cell, a
        # steriliser's steam or a mill: plants and rooms, not the weather
        ([], [], "每分钟120次理料分拣，IP67可整机水洗。", {"wet"}, set()),
        ([], [], "压铸取件机器人，本体IP67耐脱模剂喷淋。", {"wet"}, set()),
        ([], [], "灭菌器自动卸载机器人，湿热蒸汽环境长期运行（IP66）。", {"wet"}, set()),
        ([], [], "IP66 humanoid for food, beverage and textile plants.", {"wet"}, set()),
        ([], [], "户外广场导览机器人，IP65。", {"outdoor"}, set()),
        # rain named only to stop in it (雨天停用, 雨天不建议作业): outdoors, not wet
        ([], [], "户外茶园使用，雨天停用。", {"outdoor"}, {"wet"}),
        ([], [], "楼板钢筋网自动绑扎，户外作业（雨天停）。", {"outdoor"}, {"wet"}),
        ([], [], "户外用，雨天不建议作业。", {"outdoor"}, {"wet"}),
        ([], [], "户外运行（雨天建议暂停）。", {"outdoor"}, {"wet"}),
        ([], [], "IP66，户外巡检，雨天照常巡。", {"outdoor", "wet"}, set()),
        # ... or to put off, stop or shelter the work (雨天顺延, 雨天需停机, 雨天需搭棚)
        ([], [], "上门清洗外立面，按月付。雨天顺延。", {"outdoor"}, {"wet"}),
        ([], [], "外墙喷涂，露天作业；风力5级以上或雨天需停机。", {"outdoor"}, {"wet"}),
        ([], [], "IP54，可在户外广场活动，雨天需搭棚。", {"outdoor"}, {"wet"}),
        # Outdoors only under a shelter it needs; not one it comes with.
        ([], [], "人形机器人表演租赁，室内场地为主，户外需有遮雨棚。", set(), {"outdoor"}),
        ([], [], "管道全位置自动焊，野外作业配防风防雨棚。", {"outdoor"}, set()),
        # A list of sites ruled out together: each is (户外、涉水、易燃易爆场景请勿使用).
        (
            [],
            [],
            "整机防护IP43，适用于常温室内环境；户外、涉水、高温、易燃易爆场景请勿使用。",
            set(),
            {"outdoor", "wet", "explosive"},
        ),
        (
            [],
            [],
            "防爆、防水、耐高温，户外可用。",
            {"explosive", "wet", "high_temperature", "outdoor"},
            set(),
        ),
        # Splashes now and then are no wet site; 消防水压 is the fire main's, no rating.
        ([], [], "IP54，仅防偶尔溅水，不可冲洗。", set(), {"wet"}),
        ([], [], "接入烟感、消防水压传感器，AI识别楼道堆物。", set(), set()),
        ([], [], "防爆型机身，可在冷库-25℃作业", {"explosive", "low_temperature"}, set()),
        ([], [], "本机为非防爆型，不适用于易燃易爆场所", set(), {"explosive"}),
        ([], [], "暂无防爆认证", set(), {"explosive"}),
        (["explosive"], [], "标准版不防爆", {"explosive"}, set()),  # the list is authoritative
        ([], [], "适用于锻造车间", set(), set()),  # a site word is not a rating
        # A rating said to be pending, in development or a custom option not yet certified.
        ([], [], "挂轨巡检，IP66防护。本安型为定制选项，当前未取证。", {"wet"}, {"explosive"}),
        ([], [], "防爆版本在研，暂不适用于爆炸危险区域。", set(), {"explosive"}),
        ([], [], "防爆版本认证还在办理中，当前交付的是工业级普通版。", set(), {"explosive"}),
        ([], [], "防爆认证齐全，医疗器械注册证办理中。", {"explosive"}, set()),  # another's pending
        # An optional cleanroom version, or a cleanroom class named as a certificate would.
        ([], [], "可选洁净版（另附粒子检测报告，加价约15%）", {"cleanroom"}, set()),
        ([], [], "Particle-tested for ISO Class 7 halls", {"cleanroom"}, set()),
    ],
)
def test_ratings_come_from_the_list_certifications_and_text(envs, certs, text, rated, not_rated):
    r = lexicon.ratings(envs, certs, text)
    assert set(r.rated) == rated and set(r.not_rated) == not_rated


def test_site_conditions_are_read_from_a_demand():
    # A facade is outdoors: the work is there, so the site is stated (an indoor
    # floor scrubber cannot wash it).
    facade = lexicon.site_conditions_in("酒店主楼28层玻璃幕墙，想找机器人来洗外墙。")
    assert facade.required == ("outdoor",) and facade.mentioned == ()
    assert lexicon.site_conditions_in("Cleaning the curtain wall of a hotel").required == ("outdoor",)
    assert lexicon.site_environments_in("罐区属于易燃易爆区域，冬季户外作业") == ["explosive", "outdoor"]
    assert lexicon.site_environments_in("车间无易燃易爆物品") == []


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("额定负载20kg，自重45kg", 20.0),
        ("单臂负载5kg、双臂10kg，续航5小时", 10.0),
        # Two arms' load in a clause of its own: what the humanoid carries.
        ("单臂负载5kg，双臂协同10kg。买32万", 10.0),
        ("Single arm 4 kg, dual-arm 9 kg.", 9.0),
        ("双臂各7自由度，续航4小时", None),
        ("单件最重15 公斤", 15.0),
        ("单次载重不少于20kg", 20.0),
        ("续航8小时，速度1.5米/秒", None),
        ("负载 12.5 KG", 12.5),
        # What one box, item or pallet weighs, as posters write it.
        ("纱筒一个 4～6 公斤，一次搬一箱大概 18 公斤。", 18.0),
        ("每箱约20公斤，每天三千箱", 20.0),
        ("Totes weigh up to 12 kg", 12.0),
        ("一箱一箱地搬，三班倒", None),
        # What a hotel's luggage weighs: what the robot carries to the room.
        ("并把行李送到房间，行李箱一般20–25公斤，要能坐电梯。", 25.0),
        ("Guests' suitcases are usually 23 kg.", 23.0),
        ("We need a robot to move 20 L paint pails (about 25 kg each).", 25.0),
    ],
)
def test_payload_is_read_from_text(text, kg):
    assert lexicon.payload_in(text) == kg


def test_components_are_read_from_text():
    assert lexicon.parts_in("采购RV减速器和绝对值编码器") == ["reducer", "encoder"]


HOSTILE = [
    '" OR 1=1--',
    "%",
    "_",
    '"unterminated',
    "title:(",
    "*",
    "a" * 5000,
    "机器人",
    "🤖🦾",
    "\x00",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "宁波 AND OR NOT",
    "巡检" * 2500,
    "((((",
    "\\",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_any_input_parses_into_words_never_an_error(text):
    parsed = q.parse(text)
    assert len(parsed.groups) <= q.MAX_GROUPS
    if not parsed.empty:
        q.text_query(parsed)


def test_a_word_naming_a_code_also_matches_the_code():
    parsed = q.parse("宁波 物料转运 防爆")
    codes = [g.codes for g in parsed.groups]
    assert codes == [[("city", "ningbo")], [("task", "handling")], [("env", "explosive")]]
    assert "搬运" in parsed.highlight_terms(), "synonyms of the code are marked too"


def test_highlighting_escapes_everything_and_marks_the_words():
    text = '<img src=x onerror="alert(1)">防爆巡检机器人 & "quotes"'
    marked = q.highlight(text, {"巡检"})
    assert isinstance(marked, Markup)
    assert "<img" not in marked and "&lt;img" in marked and "&#34;" in marked
    assert "<mark>巡检</mark>" in marked
    assert marked.count("<mark>") == 1


def test_snippets_are_a_window_around_the_words():
    text = "开头" * 100 + "防爆巡检" + "结尾" * 100
    s = q.snippet(text, {"巡检"}, width=40)
    assert s.startswith("…") and s.endswith("…") and "<mark>巡检</mark>" in s
    assert len(s.striptags()) <= 42


def test_chinese_terms_are_marked_without_segmenting_the_hit(monkeypatch):
    """Every occurrence is marked, overlapping ones merged, and jieba is not asked."""

    def unsegmented(*_a, **_kw):
        raise AssertionError("the hit's text was segmented")

    monkeypatch.setattr(analysis, "spans", unsegmented)
    marked = q.highlight("巡检机器人：罐区巡检，夜间巡检员不够", {"巡检", "罐区巡检"})
    assert marked == "<mark>巡检</mark>机器人：<mark>罐区巡检</mark>，夜间<mark>巡检</mark>员不够"
    monkeypatch.undo()
    english = set(analysis.terms("inspection"))  # index terms: stemmed
    assert "<mark>inspection</mark>" in q.highlight("Night inspection rounds", english)


# ---------------------------------------------------------------- English posters (issue 13, class 7)


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("We want 2 guide robots for wayfinding in our outlet village", "shopping_guide"),
        ("Closed-drawer robot for meal deliveries on every floor", "delivery"),
        ("Night patrols of the utility tunnel", "patrol_inspection"),
    ],
)
def test_english_words_are_read_with_their_plural_endings(text, task):
    assert task in lexicon.tasks_in(text)


def test_an_english_word_inside_a_longer_word_is_not_read():
    assert "handling" not in lexicon.tasks_in("handlings2 of the cart")
    assert "handling" not in lexicon.tasks_in("mishandling claims")


def test_an_outdoor_site_stated_in_english_is_a_requirement():
    site = lexicon.site_conditions_in("They must work outdoors (summer rain).")
    assert "outdoor" in site.required


def test_english_parts_and_hourly_pay():
    assert lexicon.parts_in("six-axis force/torque sensors for wrists") == ["force_sensor"]
    assert lexicon.parts_in("家用机器人导航雷达和深度相机") == ["vision_sensor", "lidar"]
    assert lexicon.parts_in("absolute encoders and compact 48 V servo drives") == ["servo_drive", "encoder"]


def test_words_of_care_homes_and_machine_shops():
    assert lexicon.modes_in("社区独居老人，政府购买服务，按月订阅") == ["raas"], (
        "buying a service is no purchase"
    )
    assert lexicon.tasks_in("要能提醒吃药，出事能通知我们和子女", ["eldercare"]) == ["care_monitoring"]
    assert lexicon.payload_in("数控车床上下料，工件约5公斤，两班倒") == 5.0
    assert lexicon.modes_in("想了解落纱机器人，能自动落纱插管最好。打算买。") == ["purchase"]
    peak = "义乌电商仓，小件（5kg 以内）分拣。旺季要 10 台，按小时或按月付费都可以，买断不考虑。"
    assert lexicon.modes_in(peak) == ["lease", "sharing", "raas"], "买断不考虑 rules buying out"
    assert lexicon.payload_in(peak) == 5.0
    assert lexicon.modes_in("A cleaning crew for 30 apartments, paid by the hour.") == ["sharing"]


def test_the_front_desk_is_a_place_not_a_reception_task():
    tasks = lexicon.tasks_in("酒店前台经常要送毛巾、拖鞋到客房")
    assert "delivery" in tasks and "reception" not in tasks


def test_payloads_in_tons_and_in_chinese_numerals():
    assert lexicon.payload_in("每托最重1.2吨，想买3台无人叉车") == 1200.0
    assert lexicon.payload_in("一车最重一百五十公斤左右") == 150.0
    assert lexicon.payload_in("额定负载20kg，续航4小时") == 20.0


def test_kilometres_are_not_thousands_and_an_english_full_stop_ends_a_clause():
    text = "We operate 12 km of utility tunnel under the new district. Subscription or purchase, around 200k."
    assert lexicon.budgets_in(text) == {"purchase": 200000.0}
    assert lexicon.payload_in("额定负载1.5t。") == 1500.0, "the point of a decimal ends nothing"


def test_must_be_waterproof_said_plainly_and_water_ratings():
    assert lexicon.site_conditions_in("浴室里用，要防水。").required == ("wet",)
    assert "wet" in lexicon.site_conditions_in("It is damp and sometimes has standing water.").mentioned
    assert "wet" in lexicon.ratings([], ["IPX5"], "助浴机器人").rated, "a water-only rating of 5 and up"
    assert "wet" not in lexicon.ratings([], ["IP65"], "履带搬运").rated, "IP65: rain, not washdown"
    assert "wet" not in lexicon.ratings([], [], "户外作业，防水等级IP65").rated, "防水 by the code's measure"
    assert "wet" in lexicon.ratings([], [], "履带底盘，IP65，可涉水 30cm").rated, "wading is its own claim"
    assert lexicon.site_conditions_in("码头堆场巡检，设备必须达到IP67防护").required == ("outdoor", "wet")
    assert lexicon.site_conditions_in("管廊巡检机器人，设备必须达到IP67防护").required == ("wet",), (
        "a tunnel's IP67 asks for waterproofing, not for the outdoors"
    )


def test_a_hazard_the_robot_measures_is_not_a_condition_of_the_site():
    text = (
        "厂区为爆炸危险环境 1 区，设备必须取得防爆合格证。巡检内容：红外测温、可燃及有毒气体检测、跑冒滴漏。"
    )
    site = lexicon.site_conditions_in(text)
    assert site.required == ("explosive",)
    assert "toxic" in site.mentioned, "gas detection: mentioned, to be confirmed, not required"
    assert lexicon.site_conditions_in("车间有硫化氢，有毒气体浓度高，必须防毒。").required == ("toxic",)
    assert "toxic" in lexicon.site_conditions_in("Toxic gas detection on the night round.").mentioned


@pytest.mark.parametrize(
    ("text", "coldest"),
    [
        ("工作温度 -25°C～+60°C，山区冬季可正常运行", -25.0),
        ("工作温度：-10℃~45℃", -10.0),
        ("零下二十度可用", -20.0),
        ("minus 20 °C to 50 °C", -20.0),
        ("温度范围 0～40℃", None),
        ("温度 10 ~ 40℃", None),
        ("10 - 40℃", None),
    ],
)
def test_operating_temperatures_below_zero_are_read(text, coldest):
    assert lexicon.coldest_operating(text) == coldest


def test_an_offering_that_works_in_the_cold_or_in_an_operating_theatre_is_rated_for_it():
    cold = lexicon.ratings([], [], "变电站户外巡检，工作温度 -25°C～+60°C。")
    assert "low_temperature" in cold.rated and cold.evidence["low_temperature"] == "-25°C"
    assert "low_temperature" not in lexicon.ratings([], [], "工作温度 -5°C～40°C").rated, (
        "-5 °C is not a cold store"
    )
    assert "low_temperature" in lexicon.ratings([], [], "已在 0～4°C 冷藏间连续运行验证").rated
    assert "cleanroom" in lexicon.ratings([], [], "机身符合洁净手术部（百级/万级）使用要求").rated


def test_a_need_that_states_a_cold_operating_temperature_mentions_cold():
    """So an offering rated for cold is not "built for a site this one does not need"."""
    site = lexicon.site_conditions_in("关节模组，峰值扭矩≥120N·m，工作温度-20℃到60℃。")
    assert site.mentioned == ("low_temperature",) and site.required == ()
    assert lexicon.site_conditions_in("工作温度 0～40℃").mentioned == ()


def test_monthly_fees_and_budgets_said_in_other_words():
    assert lexicon.modes_in("最好按月付费") == ["lease", "raas"]
    assert lexicon.budgets_in("户外雨天也要能跑，按月付不超过1万。") == {"lease": 10000.0, "raas": 10000.0}
    assert lexicon.budgets_in("一个房间一个月两百块能接受，按月订阅")["raas"] == 200.0
    text = "Monthly rent OK, up to 8000 per unit per month, 6 units."
    assert lexicon.budgets_in(text) == {"lease": 8000.0, "raas": 8000.0}
    # "per unit" is a unit, not a purchase, in a text that asks to lease
    assert lexicon.budgets_in("Lease per month, under 3000 per unit, 4 units.") == {
        "lease": 3000.0,
        "raas": 3000.0,
    }
    assert lexicon.budgets_in("采购，每台预算30万以内") == {"purchase": 300000.0}
    assert lexicon.tasks_in("SMT 线换料和料盒搬运") == ["loading", "handling"]


def test_budget_totals_are_the_ways_whose_amount_is_for_units_the_text_does_not_count():
    assert lexicon.budget_totals_in("80 间，总价 15 万以内买断。") == ["purchase"]
    assert lexicon.budget_totals_in("拟采购户外巡逻机器人。预算总额60万") == ["purchase"]
    # the robots named, then their count: counted, each one's share already
    assert lexicon.budget_totals_in("拟采购户外巡逻机器人2台。预算总额60万") == []
    assert lexicon.budgets_in("拟采购户外巡逻机器人2台。预算总额60万") == {"purchase": 300000.0}
    assert lexicon.budget_totals_in("3 units, total budget RMB 12,000 per month, RaaS") == ["lease", "raas"]
    assert lexicon.budget_totals_in("想买3台，三台总共预算150万") == [], "counted: 500,000 each"
    assert lexicon.budget_totals_in("预算 70 万。") == [], "not said to be a total"
    assert lexicon.budget_totals_in("采购，每台预算30万以内，总价不限") == [], "each unit's"
    # 三台左右，总预算一万五: the count said before the total, give or take.
    text = "想弄几台家庭服务机器人做现场演示。三台左右，总预算一万五。买的话也行。"
    assert lexicon.units_wanted_in(text) == 3 and lexicon.budgets_in(text) == {"purchase": 5000.0}


def test_least_loads_said_as_ones():
    for text, kg in (
        ("单手抓取 ≥ 3 kg", 3.0),
        ("单手负载1.5公斤以上", 1.5),
        ("单手持重不低于2kg", 2.0),
        ("grip payload 3 kg or more.", 3.0),
        ("单臂负载≥2kg，双臂负载不低于5kg", 5.0),
    ):
        assert lexicon.least_load_in(text) == kg, text
    assert lexicon.least_load_in("重量≤1.2kg，峰值扭矩≥60Nm") is None, "a weight, not a load"
    assert lexicon.least_load_in("负载5kg") is None, "a load stated, not asked as a least"


def test_loads_said_loosely():
    for text, kg in (
        ("铝件连料饼大概25公斤。", 25.0),
        ("锅体3-6kg。", 6.0),
        ("料重5到15公斤", 15.0),
        ("Parts are under 1 kg.", 1.0),
        ("包裹大多是服装、日化，一般5公斤以内。", 5.0),
        ("FOUP一个8kg左右", 8.0),
        ("浇包加钢水一起大概 200 斤", 100.0),  # 斤: half a kilogram
    ):
        assert lexicon.loose_load_in(text) == kg, text
    assert lexicon.loose_load_in("机器人本体重约45kg") is None, "the robot's own weight"
    assert lexicon.loose_load_in("最大30kg") is None and lexicon.loose_load_in("800吨压铸机") is None


def test_an_offerings_own_weight_is_not_its_load_and_a_grip_is():
    text = "一体化关节，峰值扭矩130N·m，重量1.45kg，CAN-FD。"
    assert lexicon.payload_in(text, offering=True) is None
    assert lexicon.payload_in("单件重量15kg的料箱") == 15.0, "a need's piece weighs what is carried"
    hand = "6个主动自由度，单手重量520g，抓握力5kg，适合按按钮、开门把手、递物。"
    assert lexicon.payload_in(hand, offering=True) == 5.0
    assert lexicon.payload_in("五指灵巧手，重量0.6kg，单手握力5kg", offering=True) == 5.0
    assert lexicon.payload_in("6主动自由度，单手重0.9kg，指尖力15N，抓握力50N。", offering=True) is None
    assert lexicon.payload_in("家用人形，单手2.5kg，双手5kg。", offering=True) == 5.0
    # load words in any case, and as vendors write them (起重, 牵引, 每层, 额定)
    for text, kg in (
        ("Heat-shielded humanoid for forging shops. Payload 25 kg.", 25.0),
        ("picks castings from the bin. Max part 15 kg, cycle 12 s/part.", 15.0),
        ("幕墙单元板抓取、翻转、对位安装，最大起重300公斤，配合塔吊使用。", 300.0),
        ("牵引AMR，单车牵引200kg，按台按月收费。", 200.0),
        ("送餐机器人，四层托盘，每层10kg。", 10.0),
        ("四轴码垛，额定50kg，纸箱/袋装通用。", 50.0),
    ):
        assert lexicon.payload_in(text, offering=True) == kg, text


def test_a_bare_amount_for_a_show_or_a_service_not_bought_is_by_its_hours():
    # An open day of two days, four hours of show each: 20,000 over its 8 hours.
    text = "开放日活动两天，每天演示大概4个小时，希望厂家带操作手过来。整个活动机器人这块预算2万元以内。不考虑买，也不要整月租。"
    assert lexicon.budgets_in(text) == {"sharing": 2500.0}
    # Hours said after the day in a clause of their own are the occasion's.
    text = "消防站开放日想租个机器人互动。就一天，大概4个小时，预算两千块。"
    assert lexicon.budgets_in(text) == {"sharing": 500.0}
    # A shift's budget for a service the need will not buy: by the shift's hours.
    text = "找按班次付费的机器人配送服务，我们不买设备。一晚一个班8小时，每班预算不超过1000元。"
    assert lexicon.budgets_in(text) == {"sharing": 125.0}
    # By the hour or a month's hire: the amount is the month's cap and the hours' total.
    text = "安全科普开放日机器人展演。一天6小时左右，预算3万左右，按小时或者租个把月都行，要有人操作。"
    assert lexicon.budgets_in(text)["sharing"] == 30000 / 6 and lexicon.budgets_in(text)["lease"] == 30000
    # A training is paid by the head, not by its hours.
    text = "培训班约30人，3天，带真机实操。按人头付培训费，每人不超过5000元。"
    assert "sharing" not in lexicon.budgets_in(text)


def test_units_counted_as_sites_by_units_each_and_robots_then_their_count():
    # 5家店各1台: five units, not one; the total is each one's share over the five.
    text = "5家店各1台，总预算20万。"
    assert lexicon.units_wanted_in(text) == 5 and lexicon.budgets_in(text) == {"purchase": 40000.0}
    assert lexicon.units_wanted_in("3个院区各配2台") == 6
    # the robots named, then their count; units had are not wanted
    assert lexicon.units_wanted_in("需要现场立焊、横焊机器人2台，总预算60万，采购。") == 2
    assert lexicon.units_wanted_in("我们已有机器人2台，想再买一台") is None
    # a count in brackets beside what the plant has is not the units wanted: 先上 3 台 is
    text = "我们有 8 台加工中心（5 台发那科系统，3 台华中数控）。想先上 3 台机器人。采购的话 3 台总共 130 万左右。"
    assert lexicon.units_wanted_in(text) == 3
    assert lexicon.budgets_in(text)["purchase"] == 1300000 / 3
    assert lexicon.budgets_in("预算金额：180 万元（2 台，含安装调试）") == {"purchase": 900000.0}


def test_totals_rates_in_brackets_units_after_totals_and_prices_by_area():
    # "total for the 3 units": a total, in English too
    text = "We need 3 mobile robots. Budget: 750k CNY total for the 3 units, purchase."
    assert lexicon.budgets_in(text) == {"purchase": 250000.0}
    # a year's purchase amount (年度采购额) is a total for the units of the quantity field
    text = "年用量约 500 套，年度采购额控制在 450 万以内。"
    assert lexicon.budget_totals_in(text) == ["purchase"]
    # the rate the text works out itself, in brackets after the day's amount
    text = "一天活动大概8小时，按小时或者按天付费都行，全天费用希望控制在2000元以内（约250元/小时）。"
    assert lexicon.budgets_in(text) == {"sharing": 250.0}
    # a unit's amount said after a total is what one may cost
    text = "我们一年设备预算总共才5万，希望单台在2万以内。"
    assert lexicon.budgets_in(text) == {"purchase": 20000.0} and lexicon.budget_totals_in(text) == []
    # a price by the area is not a unit's
    assert lexicon.budgets_in("按面积算每月每平米不超过1.2元，可以租也可以订阅。") == {}
    assert lexicon.budgets_in("月租预算3元/平米以内") == {}


def test_numbers_of_models_standards_measures_and_least_values_are_not_budgets():
    # A model's name (RV-110E左右, CRBT5010), a standard (GB 3836), a diameter (φ130).
    text = "规格RV-40E/RV-110E左右，全年300台。只买不租，单价7000以内含税。"
    assert lexicon.budgets_in(text) == {"purchase": 7000.0}
    assert lexicon.budgets_in("按常用规格CRBT5010计单价不超过220元。") == {"purchase": 220.0}
    assert lexicon.budgets_in("Certified explosion-proof under GB 3836. Buy 2, up to 80万 each.") == {
        "purchase": 800000.0
    }
    # A part's measures (扭矩100Nm左右, 200N·m 左右（不能低于 180）, ±500 N, 600 mm, 800 m²).
    text = "峰值扭矩100Nm左右，200套，单价7000以内。"
    assert lexicon.budgets_in(text) == {"purchase": 7000.0}
    text = "额定输出扭矩 200N·m 左右（不能低于 180），外径不超过 φ130；单价希望 4000 以内。"
    assert lexicon.budgets_in(text) == {"purchase": 4000.0}
    assert lexicon.budgets_in("量程 ±500 N 左右，30 套，单价 1 万以内。") == {"purchase": 10000.0}
    assert lexicon.budgets_in("about 800 m² of lawn. Buying outright, around 8,000 RMB.") == {
        "purchase": 8000.0
    }
    assert lexicon.budgets_in("parts up to 600 mm. Budget 300,000, purchase") == {"purchase": 300000.0}
    assert lexicon.budgets_in("About 5,000 kits a year. Target under 600 RMB per kit.") == {"purchase": 600.0}
    # A currency's letters before the amount are still money.
    assert lexicon.budgets_in("Budget RMB8000 per month, lease") == {"lease": 8000.0, "raas": 8000.0}
    assert lexicon.budgets_in("预算RMB 5万，采购") == {"purchase": 50000.0}


def test_budgets_as_households_and_small_buyers_write_them():
    # A range said as a price (the upper figure), without 块 or 元.
    assert lexicon.budgets_in("不想一下子花太多钱，每个月一两百的订阅可以。")["raas"] == 200.0
    said = lexicon.budgets_in("一次买断三四千，或者每个月两三百都行。")
    assert said == {"purchase": 4000.0, "lease": 300.0, "raas": 300.0}, (
        "一次买断 is a purchase, not an occasion"
    )
    said = lexicon.budgets_in("几百块一个月，或者买断一两千都行。")
    assert said == {"lease": 500.0, "raas": 500.0, "purchase": 2000.0}, "几百 is about 500"
    assert lexicon.budgets_in("买的话5000块以内，租的话每月几百块。")["lease"] == 500.0
    # A budget by the month beside a purchase asked for: paying by the month is a way too.
    assert lexicon.modes_in("几百块一个月，或者买断一两千都行。") == ["purchase"]
    assert lexicon.ways_priced(["purchase"], said) == ["purchase", "lease", "raas"]
    assert lexicon.ways_priced(["raas"], said) == ["raas"], "a monthly way asked already: no lease besides"
    assert lexicon.ways_priced([], said) == [], "a budget alone does not narrow the ways"
    assert lexicon.budgets_in("短租两个月也行，按小时的话一小时三四十块。")["sharing"] == 40.0
    assert lexicon.budgets_in("每天处理两三百单，三四十个人") == {}, "counts, not money"
    # 别超, a price per unit in shorthand (35w/台), a small amount by the month or the bed.
    assert lexicon.budgets_in("几千块，别超五千，买。") == {"purchase": 5000.0}
    assert lexicon.budgets_in("要买1台室内防爆巡检机器人，通道1.2m。35w/台。") == {"purchase": 350000.0}
    assert lexicon.budgets_in("按床位按月付，一张床一个月八十以内。") == {"lease": 80.0, "raas": 80.0}
    assert lexicon.budgets_in("软件按床位按月收费，每床 20 块以内，80 床。") == {"lease": 20.0, "raas": 20.0}
    assert lexicon.budgets_in("一个月8次，每次30公斤以内") == {}, "times and kilograms"
    # A year's amount and the month's said after it: the month's.
    said = lexicon.budgets_in("一次性买断20万以内，或者年费3万以内（按月就是2500）。")
    assert said == {"purchase": 200000.0, "lease": 2500.0, "raas": 2500.0}
    assert lexicon.budgets_in("订阅制，一年不超过30万（约合每月2.5万）。")["raas"] == 25000.0


def test_units_borrowed_or_called_in_and_half_a_day_of_use():
    # 借两台, 配 20 套: the units the total is for; 半天: an occasion of four hours.
    text = "联合演练，想借两台灭火机器人参演三天。按小时、按天结算都行，总共五万以内。"
    assert lexicon.units_wanted_in(text) == 2 and lexicon.budgets_in(text)["sharing"] == 50000 / 2 / 24
    assert lexicon.units_wanted_in("给保洁阿姨配 20 套上门用的清洁机器人，总价 15 万以内。") == 20
    text = "需要 2 台灭火机器人到场演示半天（含操作人员），按次付费，预算一万左右。"
    # the occasion's amount is for both units it counts: each one's hour is 10000 / 2 / 4
    assert lexicon.budgets_in(text) == {"sharing": 1250.0}
    assert lexicon.budgets_in("每天半天巡检，按小时付费，预算一万二以内") == {"sharing": 12000.0}


def test_a_total_for_days_hired_by_the_hour_is_each_units_hourly_share():
    # Not called a show, but hired by the day or the hour for days of known hours.
    text = "大会期间（4天，每天10小时），需要10台人形迎宾机器人。按天租或按小时都行，总预算20万（含运输）。"
    assert lexicon.budgets_in(text) == {"sharing": 500.0}
    assert lexicon.budgets_in("大会期间4天，需要10台迎宾机器人，按天租，总预算20万。") == {}, (
        "hours a day not said"
    )
    # An all-in budget for an occasion of known hours: by the hour, shared over the units.
    text = "A humanoid to greet guests, about 4 hours. The client's all-in budget for this is RMB 4,000."
    assert lexicon.budgets_in(text) == {"sharing": 1000.0}
    text = "Annual party, 5 hours, indoor. Looking for two robots to carry drinks. All-in budget RMB 8,000."
    assert lexicon.budgets_in(text) == {"sharing": 1600.0} and lexicon.budget_totals_in(text) == ["sharing"]


def test_thousands_separators_and_per_hour_prices_written_in_english():
    text = "Expo booth, 3 days. Budget ~1,000 RMB/hour per robot. 不接受买断。"
    assert lexicon.budgets_in(text) == {"sharing": 1000.0}
    assert lexicon.names_event(text), "an expo is an exhibition"
    assert lexicon.budgets_in("Budget up to 12,500/month for a lease")["lease"] == 12500.0
    assert lexicon.payload_in("Rated payload 1,500 kg, forks") == 1500.0
    # A comma between words, or before fewer or more than three digits, still ends a clause.
    assert lexicon.budgets_in("Budget 300,000 for purchase, 2 units") == {"purchase": 300000.0}
    assert lexicon.payload_in("payload 20 kg,1000 units") == 20.0


def test_what_an_offering_says_it_works_in_rates_it():
    """可在有毒烟气中作业: a site word there is a condition the robot withstands (a
    site word elsewhere in an offering is often a customer's site: not a rating)."""
    recon = lexicon.ratings([], [], "有毒气体检测，可在有毒烟气中作业，户外和地下空间均可。")
    assert {"toxic", "outdoor"} <= recon.rated and recon.evidence["toxic"] == "可在有毒烟气中作业"
    assert "low_temperature" in lexicon.ratings([], [], "Operates in cold storage rooms all night").rated
    assert "wet" not in lexicon.ratings([], [], "不能在潮湿环境中使用").rated
    assert "toxic" not in lexicon.ratings([], [], "为化工厂客户提供有毒气体检测").rated
    # Where it patrols or works (区域巡检, 进行立焊) names a condition it withstands too.
    quadruped = lexicon.ratings([], [], "隔爆型四足，可在石化、化工易燃易爆及有毒气体区域巡检侦察")
    assert {"explosive", "toxic"} <= quadruped.rated
    assert "outdoor" in lexicon.ratings([], [], "可在钢结构现场、船体分段露天进行立焊、横焊").rated
    assert lexicon.ratings([], [], "可在工厂、医院、养老院使用").rated == frozenset()


def test_a_robot_for_facades_works_outdoors():
    rated = lexicon.ratings([], [], "我们带幕墙机器人和持证高空团队上门清洗外立面，含保险。").rated
    assert "outdoor" in rated
    assert "outdoor" in lexicon.ratings([], [], "Curtain wall cleaning robot for high-rise facades").rated


def test_places_and_things_named_after_a_task_name_no_task():
    assert "rehab_assist" not in lexicon.tasks_in("ICU 和康复科，病人床到轮椅转移", ["healthcare"])
    assert lexicon.tasks_in("夜间巡逻，检查消防通道是否堵塞", ["retail"]) == ["patrol_inspection"]
    assert lexicon.tasks_in("康复科下肢康复训练", ["healthcare"]) == ["rehab_assist"], (
        "the task itself still counts"
    )
    assert "firefighting" in lexicon.tasks_in("厂房火灾，消防灭火", ["emergency"])


def test_buying_said_as_a_condition_and_pay_per_visit():
    text = "必须能自己乘电梯。买的话预算 20 万以内，租也可以。"
    assert lexicon.modes_in(text) == ["purchase", "lease"]
    assert lexicon.budgets_in(text) == {"purchase": 200000.0}
    assert lexicon.modes_in("不可以买，只租") == ["lease"]
    assert "sharing" in lexicon.modes_in("请人带机器上门，按次收费也行")


def test_a_bare_budget_is_a_price_to_buy_and_metres_are_not_money():
    assert lexicon.budgets_in("要一台大流量灭火机器人，耐高温。预算 70 万。") == {"purchase": 700000.0}
    assert lexicon.budgets_in("每天验布8万米左右，验布工眼睛累") == {}
    assert lexicon.budgets_in("幕墙约 2.6 万平米，预算每月2万")["lease"] == 20000.0
    assert lexicon.budgets_in("月租预算3500元，按月租") == {"lease": 3500.0, "raas": 3500.0}


def test_a_fire_and_rescue_brigade_naming_itself_asks_for_no_rescue():
    text = "柯桥消防救援大队，仓库火灾多，要一台大流量灭火机器人"
    assert lexicon.tasks_in(text, ["emergency"]) == ["firefighting"]


def test_floor_robots_as_shops_call_them():
    assert lexicon.tasks_in("X7 扫拖机器人（无自动集尘）\n扫拖一体", ["household"]) == ["cleaning"]
    assert lexicon.tasks_in("Robot vacuum with auto-empty dock", ["household"]) == ["cleaning"]


def test_all_weather_outdoors_a_patients_weight_and_buy_or_rent():
    site = lexicon.site_conditions_in(
        "Tank farm is Zone 1, must be explosion-proof, and it is all outdoors, rain or shine."
    )
    assert set(site.required) == {"explosive", "outdoor"}
    assert "outdoor" in lexicon.site_conditions_in("园区道路全天候巡检，风雨无阻").required
    text = "想找移位转运机器人，要能搬体重150公斤的病人。买或者租都行。"
    assert lexicon.payload_in(text) == 150.0 and lexicon.modes_in(text) == ["purchase", "lease"]


def test_counts_of_sets_and_units_are_not_money():
    text = "首批样件20套，后续年量1000套左右。单价最好控制在8000以内。"
    assert lexicon.budgets_in(text) == {"purchase": 8000.0}
    assert lexicon.budgets_in("预算3万/台，共10台左右") == {"purchase": 30000.0}


def test_greeting_in_english_is_reception():
    text = "A robot that greets patients and answers where-is questions"
    assert lexicon.tasks_in(text, ["healthcare"]) == ["reception"]


def test_rain_names_an_outdoor_site_and_working_through_it_requires_one():
    site = lexicon.site_conditions_in("罐区全部在室外，刮风下雨也得照常巡")
    assert "outdoor" in site.required
    site = lexicon.site_conditions_in("钢结构厂房现场焊接，梅雨季节小雨也不能停工")
    assert "outdoor" in site.required
    site = lexicon.site_conditions_in("开业活动在广场，天气预报可能有小雨")
    assert "outdoor" in site.mentioned and "outdoor" not in site.required, "only said, not required"
    assert "wet" not in lexicon.site_conditions_in("下雨天也必须能出动").required, (
        "rain asks for the outdoors; a rating for water stays to be confirmed"
    )


def test_a_wet_site_that_states_the_protection_it_asks_for_requires_a_wet_rating():
    pooled = lexicon.site_conditions_in(
        "车间常年潮湿，地面有积水，搬运设备防护等级至少IP65，否则电气容易坏。"
    )
    assert "wet" in pooled.required
    rained = lexicon.site_conditions_in("中间有150米室外路，下雨天也得跑，防水IP55以上。")
    assert "wet" in rained.required and "outdoor" in rained.required
    assert "wet" in lexicon.site_conditions_in("水产区地面一直是湿的，防护等级至少IP54").required
    # Without the code, or with one that keeps out only dust, the wet is to be confirmed.
    assert lexicon.site_conditions_in("车间常年潮湿，地面有积水。").mentioned == ("wet",)
    assert "wet" not in lexicon.site_conditions_in("地面潮湿，设备防尘IP60。").required
    # A code asked for where nothing wet is named rates no wet site (IP65 against dust).
    dusty = lexicon.site_conditions_in("要求设备能在有毒有害粉尘环境下长期工作，防护等级不低于IP65。")
    assert "wet" not in (*dusty.required, *dusty.mentioned)


def test_paying_by_the_month_or_the_year_is_a_lease_or_a_subscription():
    assert lexicon.modes_in("不考虑买断，月付的可以") == ["lease", "raas"]
    assert lexicon.modes_in("希望包年服务（含维护），每台每月不超过2000") == ["raas"]
    assert lexicon.modes_in("按年付费，单家机构每月2500以内") == ["raas"]
    # A contractor paid a lump sum by the month does the work as a service.
    assert lexicon.modes_in("不买了，找有机器人的施工队按月包干，每月2.5万以内。") == ["raas"]


def test_a_components_title_sells_its_last_part_and_names_others_only_for_what_it_is_for():
    assert lexicon.supplied_parts_in("灵巧手微型滚珠丝杠", "用于灵巧手手指驱动") == ["mechanical_part"]
    assert lexicon.supplied_parts_in("空心杯电机 Φ16（灵巧手用）", "灵巧手手指驱动") == ["servo_motor"]
    assert lexicon.supplied_parts_in("Cable kit for dexterous hands", "") == []
    # A part it comes without is none it supplies; one offered as an option is.
    assert lexicon.supplied_parts_in("空心杯电机", "10mm 空心杯+减速箱，不带编码器。") == ["servo_motor"]
    assert lexicon.supplied_parts_in("空心杯电机", "编码器选装 +25 元。") == ["servo_motor", "encoder"]
    assert lexicon.supplied_parts_in("谐波减速器柔轮/波发生器备件", "HD系列通用") == ["mechanical_part"]
    assert lexicon.supplied_parts_in("双编码器一体化关节 QJ-150", "") == ["joint_module"]
    # Joined, they are sold together; what the description adds is in it.
    assert lexicon.supplied_parts_in("伺服驱动器+17位绝对值编码器套件", "") == ["servo_drive", "encoder"]
    assert lexicon.supplied_parts_in("五指灵巧手（带触觉）", "") == ["dexterous_hand"]
    assert set(lexicon.supplied_parts_in("空心杯电机Φ16 + 行星齿轮箱 + 磁编（灵巧手用）", "")) == {
        "reducer",
        "servo_motor",
        "encoder",
    }
    assert lexicon.supplied_parts_in("Frameless torque motor for arm joint modules", "") == ["servo_motor"]
    assert lexicon.supplied_parts_in("指尖柔性触觉模组 FT-36", "6×6阵列") == ["tactile_sensor"]
    assert set(
        lexicon.supplied_parts_in("一体化旋转关节模组 QX-120", "无框电机+谐波减速器+双编码器+驱动器一体")
    ) == {
        "joint_module",
        "reducer",
        "servo_motor",
        "servo_drive",
        "encoder",
    }


def test_a_part_followed_by_sourcing_words_is_what_the_need_buys_not_what_it_is_for():
    text = "本公司生产人形腿部直线执行器，需外购行星滚柱丝杠，年需求500套。"
    assert lexicon.asked_parts_in("行星滚柱丝杠配套采购", text) == ["mechanical_part"]
    assert lexicon.asked_parts_in("谐波减速器配套供应商", "") == ["reducer"]
    # 配套 before another part still says what that part is for.
    assert lexicon.asked_parts_in("灵巧手配套谐波减速器", "") == ["reducer"]


def test_english_posters_ways_to_pay_and_a_rounds_frequency_that_is_none():
    assert lexicon.modes_in(
        "We want a robot for the two-hourly operator rounds. Buying or leasing are both fine."
    ) == [
        "purchase",
        "lease",
    ]
    assert lexicon.modes_in("We would rather pay monthly than buy.") == ["lease", "raas"]
    assert lexicon.modes_in("Leasing is preferred for the first project") == ["lease"]
    assert lexicon.modes_in("hourly rate is fine") == ["sharing"], "by the hour, said so, still is one"


def test_a_hazard_the_sentence_denies_or_the_robot_inspects_for_is_no_requirement():
    text = "Some warehouses store flammable packaging, but it is ordinary warehouse space, not a classified hazardous area."
    site = lexicon.site_conditions_in(text)
    assert "explosive" not in site.required and "explosive" not in site.mentioned, (
        "denied: nothing to confirm"
    )
    plain = lexicon.site_conditions_in("Some warehouses store flammable packaging.")
    assert "explosive" in (*plain.required, *plain.mentioned), "without the denial it is read"
    assert (
        "explosive"
        in lexicon.site_conditions_in("Flammable solvent store. Must be explosion-proof.").required
    )
    site = lexicon.site_conditions_in("需要机器人沿隧道巡检渗水、初支裂缝和有害气体，洞内潮湿滴水")
    assert "toxic" not in site.required
    assert "toxic" in lexicon.site_conditions_in("车间有有害气体，人工巡检很危险").required


def test_zone_1_and_an_ex_certificate_state_an_explosive_site():
    text = "The tank-farm units are classified Zone 1 — anything that goes in must carry an Ex certificate."
    assert lexicon.site_conditions_in(text).required == ("explosive",)
    assert "explosive" not in lexicon.site_conditions_in("Zone 10 of the mall, near the food court").required


def test_fit_out_trades_in_english_are_construction_work():
    text = "robots that can do putty and paint spraying on walls and floor grinding"
    assert lexicon.tasks_in(text, ["construction"]) == ["construction_work"]


def test_a_negation_reaches_over_a_list_and_non_standard_is_no_negation():
    rated = lexicon.ratings([], [], "适用标准工业和商业室内环境，防护等级IP42，不适合淋水、冷库和防爆场所。")
    assert "explosive" in rated.not_rated and "explosive" not in rated.rated
    assert {"wet", "low_temperature"} <= rated.not_rated
    assert "explosive" in lexicon.ratings([], [], "非标定制和防爆版可选").rated


def test_training_robots_for_patients_are_no_event():
    assert not lexicon.names_event("We need two upper-limb and hand-function training robots.")
    assert lexicon.names_event("Operator training for the brigade's new robots")


def test_tactile_skin_is_a_touch_sensor():
    assert lexicon.parts_in("Tactile skin for humanoid fingertips and palms") == ["tactile_sensor"]


def test_a_mmwave_radar_is_a_part_of_its_own():
    assert lexicon.parts_in("采购60GHz毫米波雷达模组（跌倒检测+呼吸心率）") == ["radar"]
    assert lexicon.parts_in("60 GHz mmWave radar module") == ["radar"]
    assert lexicon.parts_in("导航激光雷达") == ["lidar"]


def test_touch_force_and_motion_each_have_their_own_part():
    """A taxel array is no force/torque sensor and a linear actuator no rotary joint
    (tuning pairs across them graded 0-1 in 130 of 131 and 46 of 47)."""
    assert lexicon.parts_in("指尖触觉阵列 8×8（SPI）") == ["tactile_sensor"]
    assert lexicon.parts_in("六维力/力矩传感器 HZ-FT60") == ["force_sensor"]
    assert lexicon.parts_in("单轴拉压力传感器") == ["force_sensor"]
    assert lexicon.parts_in("一体化关节模组 年用量两千套") == ["joint_module"]
    assert lexicon.parts_in("人形腿部直线执行器") == ["linear_actuator"]
    assert lexicon.parts_in("电动推杆 linear actuator") == ["linear_actuator"]
    # A hand "with tactile sensing" asks for the hand: the touch is its specification.
    assert lexicon.parts_in("dexterous hands with fingertip tactile sensing") == ["dexterous_hand"]


def test_a_need_for_a_whole_solution():
    assert lexicon.asks_solution("需要整体设计、设备配置和开业后的运营")
    assert lexicon.asks_solution("We need a turnkey welding line: robot cells, fixtures, PLC")
    assert not lexicon.asks_solution("需要一台焊接机器人")


def test_open_days_and_warm_up_shows_are_events():
    assert lexicon.names_event("今年重阳节院里搞开放日，想请一台人形机器人来跳个舞")
    assert lexicon.names_event("新商场开业三天，租机器人表演暖场")
    assert lexicon.names_event("Open day for families next month")


def test_paid_by_the_time_used_and_no_long_lease():
    text = "开业三天想搞个机器人主题活动。按时间算钱，每天大概6小时。不要买，也不要长租。租机器人表演暖场"
    assert lexicon.modes_in(text) == ["sharing"]


def test_prose_looking_for_a_platform_asks_for_software():
    prose = "各有各的后台。想找一个能把不同品牌机器人统一调度、统一梯控、还能远程看运行状态的平台。"
    assert lexicon.asks_software("两个品牌的配送机器人想统一调度、统一监控", prose)
    assert not lexicon.asks_software("具身智能实验室", "需要一台能二次开发的人形机器人科研平台。")
    assert not lexicon.asks_software("学期租赁 4台", "具身智能课程，需要4台开放SDK的人形平台，月租7000以内。")
    assert not lexicon.asks_software("配送机器人", "机器人要能接入我们的调度平台。")
    # Looked for in the title after a comma, or said as what is missing (缺的是一套…软件).
    assert lexicon.software_asked("刹车盘外观检测，找一套视觉质检软件") == "software"
    assert lexicon.asks_software("刹车盘外观检测", "不缺硬件。缺的是一套能看刹车盘表面的视觉检测软件。")
    assert not lexicon.asks_software("仓库搬运机器人", "需要一套调度软件对接WMS")
    # A title ending with a platform that is no robot's (统一任务编排平台); a robot's is a robot.
    assert lexicon.software_asked("多品牌机器人统一任务编排平台", "20 cobots of different brands.") == "fleet"
    assert not lexicon.asks_software("双足人形教学平台（高校版）")
    assert not lexicon.asks_software("具身智能人形机器人平台 x2")


def test_english_head_counts_are_no_money_and_subscribing_is_a_subscription():
    text = (
        "We run a senior living community — about 200 residents. We could subscribe monthly or lease; "
        "buying outright is hard to get approved. Up to 12,000 RMB per month for one unit."
    )
    assert lexicon.budgets_in(text) == {"lease": 12000.0, "raas": 12000.0}
    assert lexicon.modes_in(text) == ["lease", "raas"]
    assert lexicon.budgets_in("About 300 seniors live alone. Budget about 500 per household") == {
        "purchase": 500.0
    }


def test_a_patient_transfer_need_in_english():
    text = (
        "We need a device or robot for bed-to-chair transfer of patients up to 120 kg. "
        "Not looking for a humanoid show piece."
    )
    assert lexicon.tasks_in(text, ["healthcare"]) == ["mobility_assist"]
    assert lexicon.payload_in(text) == 120.0
    assert not lexicon.asks_humanoid(text)
    assert lexicon.asks_humanoid("Looking for a humanoid for the lobby")


def test_a_hazard_the_site_only_may_have_is_mentioned_and_a_utility_tunnel_is_indoors():
    text = "舱内潮湿，设备防护等级要IP65以上，必须耐潮湿。舱内可能有硫化氢，需要带气体检测。"
    site = lexicon.site_conditions_in(text)
    assert site.required == ("wet",) and "toxic" in site.mentioned
    assert "toxic" in lexicon.site_conditions_in("舱内有硫化氢，巡检要防毒").required


def test_fire_safety_outreach_names_no_firefighting():
    text = "11月消防宣传月，在城市广场搞消防开放日，想请一台人形机器人做消防知识问答、和小朋友互动"
    # The questions answered are the work asked for (reception), not fighting fires.
    assert lexicon.tasks_in(text, ["emergency"]) == ["reception"]
    assert lexicon.tasks_in("仓库火灾，要消防灭火机器人", ["emergency"]) == ["firefighting"]


def test_where_a_rescue_happens_and_a_load_dragged_out():
    assert lexicon.rescue_theatre("山区地质灾害搜救机器人，滑坡废墟") == "land"
    assert lexicon.rescue_theatre("海边落水救援装备") == "water"
    assert lexicon.rescue_theatre("Search & rescue robot for landslides and collapsed buildings") == "land"
    assert lexicon.rescue_theatre("AR-1 水陆两栖救援机器人，水面和废墟都能去") is None
    assert lexicon.rescue_theatre("消防灭火机器人") is None
    # A fire scene is on land: a search for people trapped in its smoke is no dive.
    assert lexicon.rescue_theatre("需要火场侦察机器人进入浓烟、高温环境找被困人员") == "land"
    assert lexicon.rescue_theatre("Recon robot to find people trapped at a fire scene") == "land"
    assert lexicon.payload_in("把泄漏的小钢瓶拖出来（一般20kg以内）") == 20.0


def test_certificates_a_need_requires_and_an_offering_holds():
    assert lexicon.certificates_required("康复医院采购下肢外骨骼2台，必须有二类医疗器械注册证") == [
        "medical_device"
    ]
    assert lexicon.certificates_required("They must hold a Class II medical device registration.") == [
        "medical_device"
    ]
    assert lexicon.certificates_required("预算80万，年底前到位，要有消防产品认证") == ["fire_product"]
    assert lexicon.certificates_required("我们是一家医疗器械厂，车间搬运") == [], "named, not required"
    assert lexicon.certificates_held("", ["NMPA 二类医疗器械注册证"]) == ["medical_device"]
    assert lexicon.certificates_held("已取得消防产品认证（CCCF），耐高温", []) == ["fire_product"]
    assert lexicon.certificates_held("二类医疗器械注册证办理中", []) == [], "pending is not held"
    assert lexicon.certificates_held("无注册证，科研样机", []) == []


def test_site_words_that_state_or_deny_a_condition():
    assert lexicon.site_conditions_in("管廊里偶尔测到硫化氢，但有强排风，不要求防爆。").required == ()
    assert lexicon.site_conditions_in("园区涉及易燃易爆，但机器人主要在外围水炮阵地使用。").required == ()
    assert lexicon.site_conditions_in("机器人必须能在刚浇筑的湿混凝土上作业").required == ("wet",)
    assert lexicon.site_conditions_in("The deck is 1.2 km long and it is all outdoor work").required == (
        "outdoor",
    )
    assert lexicon.site_conditions_in("商场外立面玻璃幕墙1.2万平方米，每季度洗一次").required == ("outdoor",)


def test_ip65_damp_proof_rates_for_damp_sites_and_software_for_a_fleet():
    assert "wet" in lexicon.ratings([], [], "综合管廊挂轨式巡检，IP65防水防潮").rated
    assert "wet" not in lexicon.ratings([], [], "防水等级IP65，户外可用").rated, (
        "the code says how waterproof"
    )
    fleet = lexicon.software_asked("两个品牌的配送机器人想统一调度", "想找一个能统一调度、统一梯控的平台。")
    assert fleet == "fleet"
    assert (
        lexicon.software_asked("已有相机，想上AI缺陷检测", "想找一套AI视觉检测软件，按月付费最好。")
        == "software"
    )
    assert lexicon.software_asked("CNC上下料机器人", "") is None


def test_greeting_is_work_of_every_domain_beside_its_own_tasks():
    text = (
        "门诊大厅导诊台被问得最多的是在哪挂号。想要一台能问答导诊、带路，顺便把门诊标本送到检验科的机器人。"
    )
    assert lexicon.tasks_in(text, ["healthcare"]) == ["delivery", "reception"]
    assert lexicon.tasks_in("车间物料搬运，顺便打扫卫生", ["manufacturing"]) == ["handling"], (
        "others still yield"
    )


def test_tasks_named_only_as_a_bonus():
    text = "每天都要消毒。想买一台自己会跑的消毒机器人，能顺便拖地最好，不能的话消毒优先。"
    assert lexicon.optional_tasks_in(text, ["disinfection", "cleaning"]) == ["cleaning"]
    assert lexicon.optional_tasks_in("要消毒和拖地", ["disinfection", "cleaning"]) == []
    english = "Lobby concierge humanoid, bilingual. Also nice if it can deliver small items to rooms."
    assert lexicon.optional_tasks_in(english, ["reception", "delivery"]) == ["delivery"]
    assert lexicon.modes_in("先买4台试试，单价15万以内") == ["purchase"]
    # the work second in line: 其次, 附带, 锦上添花, secondarily
    text = "光伏组件EL和外观质检，其次下线搬运。"
    assert lexicon.optional_tasks_in(text, ["quality_inspection", "handling"]) == ["handling"]
    text = "想要一台能做消毒、顺带拖地的机器人。消毒是主要的，拖地是附带。"
    assert lexicon.optional_tasks_in(text, ["disinfection", "cleaning"]) == ["cleaning"]
    text = "主要是把餐盘送到桌，能陪老人聊聊天算锦上添花。"
    assert lexicon.optional_tasks_in(text, ["delivery", "companionship"]) == ["companionship"]


def test_an_event_by_the_way_or_a_vendors_training_is_no_event():
    assert not lexicon.names_event("日间照料中心想引进陪伴机器人（顺便办个开放日）")
    assert not lexicon.names_event("想买智能排泄护理机器人。人在台州，希望能上门安装和培训。")
    assert lexicon.names_event("重阳节开放日请机器人来表演")


def test_an_english_platform_and_keeping_someone_company():
    assert lexicon.asks_software("Night-time fall detection platform for 3 care homes (~200 beds)")
    assert not lexicon.asks_software("Humanoid research platform for our lab")
    assert lexicon.tasks_in("最好还能陪她说说话、提醒她按时吃药", ["household"]) == ["companionship"]


def test_a_part_the_description_names_only_as_what_it_is_for_is_not_supplied():
    text = "手掌大小的微型伺服驱动器，持续电流10A，支持CAN FD，适合灵巧手和小关节。"
    assert lexicon.supplied_parts_in("微型伺服驱动器", text) == ["servo_drive"]
    text = "φ10–16mm空心杯电机，配行星齿轮箱和磁编码器，适用于灵巧手手指驱动。"
    assert lexicon.supplied_parts_in("空心杯电机", text) == [
        "reducer",
        "servo_motor",
        "encoder",
    ]  # 配行星齿轮箱
    # 适用 without 于, as posters write it: a drive for joint modules is no joint module.
    text = "低压伺服驱动器，EtherCAT，适用关节模组。"
    assert lexicon.supplied_parts_in("48V低压伺服驱动器", text) == ["servo_drive"]


def test_a_camera_box_for_a_humid_dye_house_is_rated_for_damp_sites():
    rated = lexicon.ratings([], [], "相机与工控箱IP65防护，适合印染车间高湿环境。").rated
    assert "wet" in rated
    assert "wet" not in lexicon.ratings([], [], "相机与工控箱IP65防护。").rated


def test_a_full_cart_a_sterile_supply_department_and_an_expo_seen_once():
    text = "每个筒纱大概2公斤，一辆纱车装满差不多150公斤。看到展会上人形机器人能搬东西，想试试"
    assert lexicon.payload_in(text) == 150.0
    assert not lexicon.names_event(text), "an expo where they saw robots is no event they need"
    text = "医院消毒供应中心在地下一层，器械车装满约180公斤。租赁或买都行。"
    assert lexicon.tasks_in(text, ["healthcare"]) == []
    assert lexicon.modes_in(text) == ["purchase", "lease"]
    site = lexicon.site_conditions_in("尾水廊道常年渗水、地面积水。要求机器人防护等级不低于IP66")
    assert site.required == ("wet",), "a gallery places the robot indoors against its IP code"


def test_indoors_only_is_not_rated_outdoors_and_a_drum_to_grip_is_a_payload():
    """只建议室内使用，户外风会吹散保护气: the outdoors named is a warning, not a rating.
    要能抓200公斤的桶, 满桶200公斤: what the robot grips or a full drum weighs."""
    for text in (
        "只建议室内使用，户外风会吹散保护气。",
        "仅适合干燥室内或晴天户外短时使用",
        "Indoor use only",
    ):
        r = lexicon.ratings([], [], text)
        assert "outdoor" not in r.rated and "outdoor" in r.not_rated, text
    assert lexicon.ratings(["outdoor"], [], "只建议室内使用").rated == {"outdoor"}  # the list stands
    assert "outdoor" in lexicon.ratings([], [], "户外全地形，室内也能用").rated
    assert lexicon.payload_in("泄漏桶处置，要能抓200公斤的桶") == 200.0
    assert lexicon.payload_in("常见险情是钢桶泄漏，满桶200公斤上下") == 200.0
    assert lexicon.payload_in("夹钳可夹持200L标准钢桶，夹持300kg") == 300.0


def test_a_condition_named_before_it_works_there_rates_and_seepage_is_wet():
    """滴水、渗水环境可长期运行 says where the robot works, as 可在…中作业 does."""
    rail = lexicon.ratings([], [], "挂轨巡检，读表测温。滴水、渗水环境可长期运行。不防爆。")
    assert "wet" in rail.rated and "explosive" in rail.not_rated
    assert "wet" in lexicon.ratings([], [], "潮湿环境下能长期工作").rated
    assert lexicon.site_conditions_in("电力舱常年渗水，设备必须防水").required == ("wet",)
    assert "wet" in lexicon.site_conditions_in("管廊常年渗水").mentioned


def test_a_task_the_need_says_is_done_already_is_not_asked():
    from marketplace.search.readings import read_demand

    text = "厂里两条机加工线，上下料已经用上了机械臂，不缺硬件。缺的是一套能看刹车盘表面砂眼、划伤的视觉质检软件。"
    assert lexicon.tasks_had_in(text, ["loading", "quality_inspection"]) == ["loading"]
    assert read_demand("刹车盘外观检测", text, "manufacturing")["tasks"] == ["quality_inspection"]
    # Named as had and as wanted: still asked; all it names is had: kept, nothing else to go by.
    assert read_demand("上下料", "一号线已经用上了机械臂上下料，二号线也要上下料", "manufacturing")[
        "tasks"
    ] == ["loading"]
    assert read_demand("上下料", "上下料已经用上了机械臂", "manufacturing")["tasks"] == ["loading"]


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("先租半年，每月一万五以内。", 15000.0),  # 一万五: the digit counts thousands
        ("月租两万五左右", 25000.0),
        ("预算一万五千元", 15000.0),
        ("采购预算1万5", 15000.0),
        ("预算两万五千五百元", 25500.0),
        ("预算2万，5台", 20000.0),  # a count in the next clause is no part of it
        ("采购预算一百五十万左右", 1500000.0),
        ("包年预算6万一台，不考虑买断", 5000.0),  # a year's amount, by the month; 一台 counts units
        ("按年订阅，一年预算3万以内", 2500.0),
        ("按小时付费就行，总共不超过1万，也就是每小时2500以内", 2500.0),  # a total is no rate
        ("采购，总预算80万以内", 800000.0),  # ... but it is what a purchase may cost
        ("每台每月租金别超过1.8万", 18000.0),
    ],
)
def test_amounts_spoken_with_a_digit_after_the_unit(text, budget):
    assert set(lexicon.budgets_in(text).values()) == {budget}


def test_two_ways_in_one_clause_each_keep_their_own_amount():
    assert lexicon.budgets_in("软件订阅（每月8000以内）或者买断（20万以内）都可以。") == {
        "lease": 8000.0,
        "raas": 8000.0,
        "purchase": 200000.0,
    }
    english = "Lease (up to 25,000/month per unit) or purchase (under 500,000) both OK."
    assert lexicon.budgets_in(english) == {"lease": 25000.0, "raas": 25000.0, "purchase": 500000.0}
    assert lexicon.budgets_in("月租预算8000-10000元") == {"lease": 10000.0, "raas": 10000.0}


def test_a_total_for_hours_or_days_is_no_budget_per_hour():
    assert lexicon.budgets_in("按天结算都行，总共五万以内") == {}
    assert lexicon.budgets_in("租期一年左右，每月一万五以内") == {"lease": 15000.0, "raas": 15000.0}


def test_watts_are_no_money_and_a_lowercase_w_is_ten_thousand():
    text = "须有防爆合格证，功率400W左右。先要12台份。单只一万以内最好"
    assert lexicon.budgets_in(text) == {"purchase": 10000.0}
    assert lexicon.budgets_in("额定功率750W–1.5kW，单价8000元以内") == {"purchase": 8000.0}
    assert lexicon.budgets_in("预算5w以内") == {"purchase": 50000.0}


def test_years_and_counts_are_no_money_and_a_year_of_service_is_by_the_month():
    text = "About 50 pairs in 2025. Price target around 60k CNY per hand, not more."
    assert lexicon.budgets_in(text) == {"purchase": 60000.0}
    assert lexicon.budgets_in("日均输液袋4000袋左右。预算150万以内，采购。") == {"purchase": 1500000.0}
    assert lexicon.budgets_in("about 1,500 trainees a year. Budget around 200,000 CNY for one unit.") == {
        "purchase": 200000.0
    }
    text = "我们倾向按年付服务费、厂家负责运维，一年六十万以内；买断要走招标，也不是不行。"
    assert lexicon.budgets_in(text) == {"raas": 50000.0}
    assert lexicon.budgets_in("想用机器人自动巡货架，月费一万以内。") == {"lease": 10000.0, "raas": 10000.0}
    assert lexicon.budgets_in("lease one first; roughly CNY 30,000 a month") == {
        "lease": 30000.0,
        "raas": 30000.0,
    }


def test_a_budget_of_two_thousand_is_money_and_2026_nian_a_year():
    # 2000 to 2099 without a unit is a rent, not a year, unless the text says it is one.
    assert lexicon.budgets_in("不买，按月租，每台月租2000以内，先弄3台。") == {
        "lease": 2000.0,
        "raas": 2000.0,
    }
    assert lexicon.budgets_in("希望包年服务（含维护），每台每月不超过2000。") == {
        "lease": 2000.0,
        "raas": 2000.0,
    }
    assert lexicon.budgets_in("2026年预算20万以内") == {"purchase": 200000.0}
    assert lexicon.budgets_in("Deliveries since 2019, budget under 50k CNY") == {"purchase": 50000.0}


def test_budget_units_said_per_robot_hour_once_off_or_with_a_symbol():
    assert lexicon.budgets_in("We can pay up to RMB 120 per robot-hour.") == {"sharing": 120.0}
    assert lexicon.budgets_in("每台时不超过150元") == {"sharing": 150.0}
    # 一次性 is paid once (a purchase), not per use (每次, 一次)
    assert lexicon.budgets_in("每户一次性投入希望不超过8000元。") == {"purchase": 8000.0}
    assert lexicon.budgets_in("按次付费，一次不超过300元") == {"sharing": 300.0}
    assert lexicon.budgets_in("Lease only, ≤ ¥5,000/month per unit, 6 months.") == {
        "lease": 5000.0,
        "raas": 5000.0,
    }


def test_a_negation_reaches_over_a_list_of_sites_to_the_end_of_its_clause():
    text = "防护等级IP54，适用于室内平整地面，不建议用于高温、防爆、洁净室、积水冲洗等特殊环境。"
    rated = lexicon.ratings([], [], text)
    assert not rated.rated & {"explosive", "cleanroom"}
    assert {"explosive", "cleanroom"} <= rated.not_rated
    text = "Indoor use only; not rated for explosive atmospheres, cleanrooms or wash-down. Lease includes support."
    rated = lexicon.ratings([], [], text)
    assert not rated.rated & {"explosive", "cleanroom", "wet"}
    assert "cleanroom" in rated.not_rated
    # A word that turns the clause ends the negation's reach.
    rated = lexicon.ratings([], [], "not suitable for outdoor use, rated for cleanroom ISO 5")
    assert "cleanroom" in rated.rated and "outdoor" in rated.not_rated
    rated = lexicon.ratings([], [], "不适合户外，适用于防爆区域 Ex d IIB T4")
    assert "explosive" in rated.rated and "outdoor" in rated.not_rated


def test_loose_amounts_are_read_and_an_exact_one_says_more():
    text = "想找软件加相机的方案，按年付服务费一年十来万能接受，也可以一次性买断，二十万以内。"
    assert lexicon.budgets_in(text) == {"raas": 100000.0 / 12, "purchase": 200000.0}
    # 一百多万 is more than a million and less than two: about 1.5 million, as 十几万 is 150,000.
    assert lexicon.budgets_in("预算一百多万") == {"purchase": 1500000.0}
    assert lexicon.budgets_in("预算十多万") == lexicon.budgets_in("预算十几万") == {"purchase": 150000.0}
    assert lexicon.budgets_in("也可以先租着用，每个月一千多块可以。") == {"lease": 1500.0, "raas": 1500.0}
    assert lexicon.budgets_in("也可以租，5台都可以") == {}  # 可以 after a count, not an amount
    # 十几万 is loose; the ceiling said after it is the budget.
    assert lexicon.budgets_in("预算十几万，最多不超过20万，买断。") == {"purchase": 200000.0}
    assert lexicon.budgets_in("十多台，预算50万") == {"purchase": 500000.0}  # 十多台 counts units


def test_buying_one_unit_is_a_purchase():
    text = "经费有限，买一台二十万以内，或者每月五六千的租金或服务费也能接受。"
    assert "purchase" in lexicon.modes_in(text)
    assert lexicon.budgets_in(text) == {"purchase": 200000.0, "lease": 6000.0, "raas": 6000.0}


def test_a_humanoid_waived_anywhere_is_not_asked_for():
    text = "有人推荐人形机器人，但说实话我们只要能把东西送到的，不一定要人形。"
    assert not lexicon.asks_humanoid(text)
    assert lexicon.asks_humanoid("想找人形机器人做迎宾")
    assert not lexicon.asks_humanoid("家里地方小，不要那种一人高的人形机器人。买的话一万以内。")
    assert lexicon.asks_humanoid("想要个人形机器人，不要太贵")
    # Left open: the form does not matter to it.
    assert not lexicon.asks_humanoid(
        "看到有人形机器人在试点，我们也想试试，但不一定非要人形，能稳定干活就行。"
    )
    assert not lexicon.asks_humanoid("人形不人形无所谓，能干活就行。")


def test_tasks_declined_or_had_already_are_not_asked():
    text = "取件和切边已经上了机械手，不需要再上机器人取件。现在最头疼的是去毛刺以后的外观检查。"
    assert readings.read_demand("压铸件外观检查", text, "manufacturing")["tasks"] == ["quality_inspection"]
    text = "A robot that greets patients in the lobby. We are not looking for a disinfection robot - that is already covered."
    assert "disinfection" not in readings.read_demand("Lobby robot", text, "healthcare")["tasks"]
    assert "loading" in lexicon.tasks_in("工人把25公斤一袋的原料搬到反应釜投料口", ["manufacturing"])
    # Automated already, or not needed, and the trade the plant is in (a welding plant).
    text = (
        "We run a seat-frame stamping and welding plant in Jiaxing. We want to pilot humanoid robots "
        "for loading and unloading blanks at two press lines. No welding is needed - the welding "
        "cells are already automated. The plant has normal indoor conditions."
    )
    assert readings.read_demand("Press-line loading pilot", text, "manufacturing")["tasks"] == ["loading"]
    assert readings.read_demand("冲压线上下料", "要上下料。不需要焊接，焊接已经自动化了。", "manufacturing")[
        "tasks"
    ] == ["loading"]


def test_tasks_had_already_are_set_aside_before_the_domain_is_preferred():
    # The only hospital task named (specimen transport) is had already: what is asked
    # (sorting, a task the taxonomy lists for plants and shops) is what is left.
    text = "病理科每天两千份标本要分拣、贴标。楼宇间标本转运已经有物流小车了，不需要配送机器人。"
    assert readings.read_demand("病理标本前处理", text, "healthcare")["tasks"] == ["sorting"]
    assert lexicon.tasks_in(text, ["healthcare"]) == ["sorting", "delivery"], (
        "sorting is read under hospitals too"
    )
    # A plant that has its handling done already asks for the other domain's work it names.
    text = "车间物料搬运已经有AGV了，现在想找个能给更衣室和食堂消毒的机器人。"
    assert readings.read_demand("更衣室消毒", text, "manufacturing")["tasks"] == ["disinfection"]
    # A specimen is no delivery by itself: only carrying one is.
    assert lexicon.tasks_in("每天三千管标本要开盖、上离心机", ["healthcare"]) == []
    assert lexicon.tasks_in("夜间急诊标本转运到检验科", ["healthcare"]) == ["delivery"]
    assert lexicon.tasks_in("病房护士站的标本送检", ["healthcare"]) == ["delivery"]


def test_a_pharmacy_picks_and_restocks_drugs():
    assert lexicon.tasks_in("门诊药房盒装药自动拣药、发药", ["healthcare"]) == ["sorting"]
    assert lexicon.tasks_in("住院药房摆药，夜里补药", ["healthcare"]) == ["handling", "sorting"]
    assert lexicon.tasks_in("Drug dispensing and restocking for outpatient pharmacies", ["healthcare"]) == [
        "sorting"
    ]
    # Shops still sort and clean; a plant's floor-mopping is still left out beside its own work.
    assert lexicon.tasks_in("快递包裹分拣，顺便拖地", ["retail"]) == ["sorting", "cleaning"]
    assert lexicon.tasks_in("车间物料分拣，顺便拖地", ["manufacturing"]) == ["sorting"]
    assert lexicon.tasks_in("病区保洁、地面清洁", ["healthcare"]) == ["cleaning"]


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("工人把25公斤一袋的原料搬到反应釜投料口", 25.0),
        ("丝饼满卷十四五公斤一个", 15.0),
        ("一车湿布三百公斤上下", 300.0),
        ("把玻璃基板料盒（每盒18公斤）在设备之间转运", 18.0),
        ("机床上下料，节拍30秒", None),
    ],
)
def test_a_weight_said_before_what_it_weighs_is_a_payload(text, kg):
    assert lexicon.payload_in(text) == kg


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("物料从立体库转运到产线旁的缓存区，料箱10kg以内", 10.0),
        ("灌装机、冻干机之间转运，料盒 2.5kg", 2.5),
        ("落纱和换粗纱，一个纱筒1-2公斤", 2.0),
        ("后段包装线：纸箱15公斤左右，码垛", 15.0),
        ("帮忙搬砌块，单块25公斤左右，露天作业", 25.0),
        ("包裹大多5公斤以内", 5.0),
        ("仓库里有三个料箱区，通道宽2米", None),
        # as posters name what they carry, and how
        ("转移小包装危化品（桶装≤30kg）的处置", 30.0),
        ("想上落纱、搬纱箱的机器人，纱箱15公斤左右", 15.0),
        ("框搬运+按尺码分拣，框子15kg上下", 15.0),
        ("饭菜连保温箱大概 15 公斤", 15.0),
        ("200L桶装溶剂（连桶约180公斤）出入库", 180.0),
        ("翻身移位 床→轮椅 要能抬80kg+", 80.0),
        ("moving stacks (max 15 kg per stack) to the line", 15.0),
        ("pallets, each about 45 kg loaded", 45.0),
        ("reach trapped people and lift ~150 kg of debris", 150.0),
        ("The robot weighs 60 kg and fits through doors", None),
    ],
)
def test_the_weight_of_the_thing_handled_is_a_payload(text, kg):
    assert lexicon.payload_in(text) == kg


def test_a_fire_scenes_hot_zone_and_a_load_it_can_carry():
    site = lexicon.site_conditions_in("隧道火灾侦察机器人\n要进入浓烟和高温区侦察、出水灭火。")
    assert "high_temperature" in site.required, "a fire's hot zone is the site itself"
    drill = lexicon.site_conditions_in("消防演练\n演练科目模拟火灾现场，机器人不进高温区。")
    assert "high_temperature" not in drill.required
    assert lexicon.payload_in("大堂到客房运送行李，可载 2 个行李箱（约 60 公斤），自主乘梯。") == 60.0
    assert lexicon.payload_in("可载客 4 人，续航 8 小时") is None


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        ("管网巡检，按小时收费。目前只覆盖宁波、台州、温州。", ["ningbo", "wenzhou", "taizhou"]),
        ("Monthly lease or purchase. Service staff in Lishui and Jinhua only.", ["jinhua", "lishui"]),
        ("售后仅限杭州市区，其他城市暂不接单", ["hangzhou"]),
        # No limit: support named without 'only', a limit denied, or the whole province served.
        ("On-site support in Hangzhou within 48 h, remote support elsewhere in Zhejiang.", []),
        ("不仅服务杭州，还覆盖宁波", []),
        ("只在杭州、宁波设有仓库，全省可发货", []),
        ("仅室内使用，杭州发货", []),
        ("Indoor use only. Ships from Ningbo.", []),
    ],
)
def test_the_cities_a_text_limits_its_service_to(text, cities):
    assert lexicon.service_cities_in(text) == cities


def test_a_site_condition_only_wished_for_or_kept_out_of_the_work_is_not_required():
    wished = lexicon.site_conditions_in(
        "有毒泄漏现场是硬条件；防爆最好也有（园区部分区域是防爆区），但不是每次都要。"
    )
    assert wished.required == ("toxic",) and wished.mentioned == ("explosive",)
    assert lexicon.site_conditions_in("罐区巡检，最好防爆，必须有Ex证").required == ("explosive",)
    # A cold room the need leaves out of this work: no condition of it.
    for text in ("常温区商品补货上架；冷冻区暂时不做。", "卖场里有冷冻柜区，但这次只在常温区试。"):
        assert lexicon.site_conditions_in(text) == lexicon.SiteConditions((), ()), text
    assert lexicon.site_conditions_in("卖场里有冷冻柜区，机器人要进去补货。").required == ("low_temperature",)


def test_heat_withstood_at_a_fires_degrees_rates_for_hot_sites():
    assert "high_temperature" in lexicon.ratings([], [], "泡沫/水喷射灭火，耐 1000℃ 火焰 10 分钟").rated
    assert "high_temperature" in lexicon.ratings([], [], "Withstands 800 °C flame for 15 minutes").rated
    assert "high_temperature" not in lexicon.ratings([], [], "电机耐温 60℃，室内使用").rated
    assert "high_temperature" not in lexicon.ratings([], [], "不耐 500℃ 高温，勿进火场").rated


def test_patients_moved_and_panels_weighed_as_posters_say_it():
    text = "Gait training first; secondly help nurses transfer patients from bed to wheelchair (patients up to 90 kg)."
    assert lexicon.tasks_in(text, ["healthcare"]) == ["mobility_assist", "rehab_assist"]
    assert lexicon.tasks_in("研究人形机器人把失能老人从床上抱到轮椅的安全性", ["eldercare"]) == [
        "mobility_assist"
    ]
    assert lexicon.payload_in("其次是组件下线搬运码垛，组件一块 25 公斤左右") == 25.0
    assert lexicon.payload_in("一块钱一度电") is None


@pytest.mark.parametrize(
    ("text", "domain", "tasks"),
    [
        (
            "Cobot for screw-driving and a quick visual check afterwards",
            "manufacturing",
            ["assembly", "quality_inspection"],
        ),
        (
            "Spot welding of brackets, then final inspection",
            "manufacturing",
            ["welding", "quality_inspection"],
        ),
        ("CNC tending on two shifts: load and unload 12 kg blanks", "manufacturing", ["loading"]),
        (
            "Night inspection rounds in the plant: meter reading and leaks",
            "manufacturing",
            ["patrol_inspection"],
        ),
        ("A courier robot to deliver meals to the wards", "healthcare", ["delivery"]),
        ("Nurses attending to patients at night", "healthcare", []),
        ("A robot that picks up toys, folds towels and loads the dishwasher", "household", ["cleaning"]),
        ("Tidy up and keep an eye on the kids after school", "household", ["care_monitoring", "cleaning"]),
        (
            "Take castings out of the trim press and onto the conveyor: casting extraction",
            "manufacturing",
            ["loading"],
        ),
    ],
)
def test_english_words_posters_use_for_the_tasks(text, domain, tasks):
    assert lexicon.tasks_in(text, [domain]) == tasks


def test_a_budget_per_month_beside_a_later_purchase_is_no_purchase_budget():
    text = "We'd like to rent for a couple of months before buying: rent up to about 3,000 a month, or buy up to 100k."
    assert lexicon.budgets_in(text) == {"lease": 3000.0, "raas": 3000.0, "purchase": 100000.0}
    bonus = "Companionship with the kids, and tidy up toys if possible. Tidying is a nice-to-have."
    assert lexicon.optional_tasks_in(bonus, ["companionship", "cleaning"]) == ["cleaning"]


@pytest.mark.parametrize(
    ("text", "domain", "tasks"),
    [
        ("有没有能帮忙移位的机器人？最重的老人85公斤", "eldercare", ["mobility_assist"]),
        ("这款没有移位功能", "eldercare", []),
        ("运动鞋鞋底刷胶、喷胶工位机器换人", "manufacturing", ["assembly"]),
        ("快递分拨中心卸车，纸箱最重30公斤", "retail", ["handling"]),
        ("餐厅传菜，顺便收碗", "retail", ["delivery"]),
        ("西林瓶灯检替代人工", "healthcare", ["quality_inspection"]),
        ("静配中心配药、配液自动化", "healthcare", ["sorting"]),
        ("给孩子讲故事、陪练英语口语", "household", ["companionship"]),
        ("每周上门打扫两次", "household", ["cleaning"]),
        ("SMT贴片线上下料和目检", "manufacturing", ["loading", "quality_inspection"]),
        ("成品检测是人工量尺寸、看外观", "manufacturing", ["quality_inspection"]),
        ("晚上护工少，病人上下床全靠家属", "healthcare", ["mobility_assist"]),
        ("台风季巡堤查险，雨天作业、涉水", "emergency", ["patrol_inspection"]),
        ("水库汛期巡坝，看渗水和裂缝", "emergency", ["patrol_inspection"]),
    ],
)
def test_chinese_words_posters_use_for_the_tasks(text, domain, tasks):
    assert lexicon.tasks_in(text, [domain]) == tasks


def test_shows_said_as_posters_say_them():
    assert lexicon.event_kinds_in("店庆三天，要人形机器人在中庭跳舞表演、和顾客互动") == ["show"]
    assert lexicon.event_kinds_in("台州国际车展，展台想租2台人形机器人") == ["show"]
    assert lexicon.event_kinds_in("车间物料搬运，两班倒") == []


def test_a_drill_of_the_site_is_not_what_the_need_is_for():
    tunnel = "两条城市隧道，想上巡检机器人看结构渗漏、早期火情。隧道每年配合消防搞两次演练。"
    assert lexicon.event_kinds_in(tunnel) == []
    assert lexicon.event_kinds_in("商场要保洁机器人。商场每年有消防演练，也会办车展，这些不是需求。") == []
    assert lexicon.event_kinds_in("巡检机器人。另：车间每季度组织一次消防演练，届时机器人停机即可。") == []
    # A routine drill the robot is brought into, and one drill alone, are what it is for.
    joined = "园区每年组织危化品泄漏应急演练，今年想租一台机器人在演练里展示侦察和处置。"
    assert lexicon.event_kinds_in(joined) == ["drill"]
    assert lexicon.event_kinds_in("每年台风季前我们有一次综合应急演练，到时候也会用上。") == ["drill"]
    assert lexicon.event_kinds_in("下月消防演练，想租一台灭火机器人演示。") == ["drill"]
    # An open day held every quarter is often what the need is for.
    assert lexicon.event_kinds_in("公司每季度有客户开放日和政府参观，展厅在办公楼一楼。") == ["show"]


def test_a_teaching_lab_and_what_is_made_for_teaching_are_trainings():
    assert lexicon.event_kinds_in("职业院校人形机器人实训室建设，给学生上课用") == ["training"]
    assert lexicon.event_kinds_in("双足人形教学平台（高校版）") == ["training"]
    assert lexicon.event_kinds_in("星动H1 教育科研版（开放SDK），配套课程") == ["training"]
    assert lexicon.event_kinds_in("Humanoid platform for university teaching and research") == ["training"]
    assert lexicon.event_kinds_in("星动H1 通用人形机器人（工业/商业/养老多场景）") == []


def test_an_amount_said_to_be_roughly_so_is_a_budget():
    assert lexicon.budgets_in("只在汛期用，租两三个月就行，月租一万五上下。") == {
        "lease": 15000.0,
        "raas": 15000.0,
    }
    assert lexicon.budgets_in("机床上下料，单件5kg，一天上下班两次") == {}


def test_a_place_the_clause_keeps_the_robot_out_of_is_no_site_condition():
    assert lexicon.site_conditions_in(
        "夜间补货理货，单件最重约8公斤。冷冻区不用机器人。"
    ) == lexicon.SiteConditions((), ())
    assert lexicon.site_conditions_in("附近有化学品仓库但不进库。").mentioned == ()
    assert lexicon.site_conditions_in("冷库-25℃环境搬运，必须耐低温").required == ("low_temperature",)
    english = "Our chilled aisle runs at 2–4°C, but we're not asking the robot to go into the freezer room."
    assert lexicon.site_conditions_in(english) == lexicon.SiteConditions((), ())
    assert lexicon.site_conditions_in("The robot must go into the freezer room.").required == (
        "low_temperature",
    )


def test_working_in_wet_places_rates_for_wet_beside_an_ip_code():
    text = "整机防水等级IP65，可在印染车间长期潮湿、地面积水环境运行。"
    assert "wet" in lexicon.ratings([], [], text).rated
    assert (
        "wet" not in lexicon.ratings([], [], "防水等级IP65，适合室内").rated
    )  # the code alone says how waterproof


def test_a_place_an_offering_can_enter_rates_it_and_a_chlorine_room_is_toxic():
    text = "水厂、泵站巡检。IP67，耐氯腐蚀外壳，可进入加氯间、加药间。"
    assert "toxic" in lexicon.ratings([], [], text).rated
    assert lexicon.ratings([], [], "可进入车间巡检").rated == frozenset()
    need = lexicon.site_conditions_in("二水厂加氯间巡检，读仪表。加氯间有氯气泄漏风险。")
    assert "toxic" in need.required + need.mentioned
    # Chlorine as a disinfectant wiped on a ward robot is no toxic site.
    ward = lexicon.site_conditions_in("Must pass 院感评估 (wipe-down with chlorine).")
    assert "toxic" not in ward.required + ward.mentioned


def test_rain_a_need_must_work_in_is_a_wet_site_to_confirm_in_english_too():
    said = lexicon.site_conditions_in(
        "It has to work outside and in drizzle, so it must be rated for outdoor use."
    )
    assert said.required == ("outdoor",) and said.mentioned == ("wet",)
    rain = lexicon.site_conditions_in("Robots must keep patrolling in the rain.")
    assert "wet" in rain.required + rain.mentioned
    assert "wet" not in lexicon.site_conditions_in("Indoor hall, the rainy season does not matter.").mentioned


def test_an_english_fire_brigades_need_as_they_write_it():
    text = (
        "We are a fire station with many high-rise towers. We want a robot that can carry hose "
        "(at least 30 kg) up the stairwell to the fire floor. Must withstand heat near the fire "
        "floor. We will buy; budget roughly 1M CNY."
    )
    assert "firefighting" in lexicon.tasks_in(text)
    assert lexicon.payload_in(text) == 30.0
    assert lexicon.site_conditions_in(text).required == ("high_temperature",)
    assert lexicon.budgets_in(text) == {"purchase": 1_000_000.0}
    assert lexicon.budgets_in("Budget up to 1.2 million RMB") == {"purchase": 1_200_000.0}
    assert lexicon.budgets_in("Reach 5m, budget 300k") == {"purchase": 300_000.0}


def test_a_need_refusing_cameras_and_an_offering_watching_through_one():
    assert lexicon.refuses_camera("也不想在家里装一堆摄像头，父亲不喜欢被拍。")
    assert lexicon.refuses_camera("卫生间里不能装摄像头（家属有意见）")
    assert lexicon.refuses_camera("No cameras in the bedrooms, please.")
    assert not lexicon.refuses_camera("店里已经装了不少摄像头，最好直接利用现有摄像头")
    assert lexicon.uses_camera("家宝 看护小车（移动摄像头），远程查看")
    assert not lexicon.uses_camera("毫米波雷达，无摄像头，保护隐私")
    assert not lexicon.uses_camera("The camera has a physical shutter and is off by default.")
    assert not lexicon.uses_camera("平台接入雷达、智能床垫、摄像头、陪伴机器人")


def test_slippery_wet_floors_it_can_be_used_on_rate_an_offering_wet():
    assert "wet" in lexicon.ratings([], [], "洗地机型，IPX4，食堂、超市湿滑地面可用。仅室内。").rated
    assert "wet" in lexicon.ratings([], [], "整机IPX4防泼溅").rated
    assert lexicon.site_conditions_in("后厨门口地面湿滑").mentioned == ("wet",)
    assert lexicon.ratings([], [], "平整地面可用，仅室内").rated == frozenset()


def test_what_an_english_offering_runs_at_or_with_rates_it():
    text = "Sealed joints, runs continuously at 85% RH and with wet-floor splash."
    assert "wet" in lexicon.ratings([], [], text).rated
    assert "wet" in lexicon.ratings([], [], "Operates on wet floors all shift.").rated
    assert lexicon.ratings([], [], "Runs at 1.2 m/s in dry weather.").rated == frozenset()


def test_a_rating_word_followed_by_not_here_or_another_model_is_not_held():
    rated = lexicon.ratings([], [], "地坪抹平。适用于室内或有顶棚的区域，雨天不可作业。")
    assert "wet" not in rated.rated and "wet" in rated.not_rated
    rated = lexicon.ratings(["high_temperature"], [], "可在高温火场前沿作业；IP67。防爆型号请选RXR-MC80BD。")
    assert "explosive" not in rated.rated and "high_temperature" in rated.rated
    assert "explosive" in lexicon.ratings([], [], "防爆型，Ex d IIB T4").rated
    assert "wet" in lexicon.ratings([], [], "雨天可作业，IP66").rated


def test_a_robot_rated_for_rain_is_rated_for_the_open_air():
    walker = lexicon.ratings([], [], "助行车，整机IP54，园区步道、坡道、小雨天都能用。")
    assert {"wet", "outdoor"} <= walker.rated
    # A wet site indoors is no open air; a rain it must be kept out of rates neither.
    assert "outdoor" not in lexicon.ratings([], [], "洗地机，可在积水地面和潮湿环境运行。").rated
    for text in ("吸附式擦窗，可擦外窗（雨天不要用）。", "适合小院。下雨天要收回充电站，不能水洗。"):
        kept_in = lexicon.ratings([], [], text)
        assert "wet" in kept_in.not_rated and "outdoor" not in kept_in.rated
    # Said not to go outdoors, it is not rated for the open air, rain or not.
    assert "outdoor" not in lexicon.ratings([], [], "雨天可作业，不适用于户外。").rated


def test_live_fire_is_a_hot_site():
    text = "想配一台能在真火环境中使用的灭火机器人，训练场高温、露天。"
    assert "high_temperature" in lexicon.site_conditions_in(text).required


def test_a_party_is_a_show_and_a_robot_hired_for_hours_is_shared_use():
    text = "儿子生日派对，想租个机器人来跳跳舞、和小朋友做游戏，大概3个小时，总共两三千块。"
    assert lexicon.event_kinds_in(text) == ["show"]
    assert lexicon.modes_in(text) == ["sharing"]  # hired for three hours, no lease besides
    assert lexicon.event_kinds_in("云智G1 Lite 展演迎宾版") == ["show"]
    # Hours of work or of battery are no hire by the hour.
    assert lexicon.modes_in("工厂想租2台，24小时运行") == ["lease"]
    assert lexicon.modes_in("月租，每天工作8小时") == ["lease"]
    assert lexicon.modes_in("想租一台，续航3小时以上") == ["lease"]


def test_lease_first_then_buy_said_loosely():
    assert lexicon.modes_in("最好能先租几个月试试，好用再买。") == ["purchase", "lease"]


def test_a_part_in_brackets_after_the_product_says_what_it_is_for():
    assert lexicon.supplied_parts_in("反向式行星滚柱丝杠 PRS-8（腿部直线执行器）", "") == ["mechanical_part"]
    assert lexicon.supplied_parts_in("谐波减速器 LHS-17/20/25（人形关节）", "") == ["reducer"]
    assert lexicon.supplied_parts_in("灵巧手（带触觉）", "") == ["dexterous_hand"]  # joined: sold together


def test_a_component_need_asks_for_what_it_buys_not_what_it_has_or_makes():
    title, text = (
        "Frameless torque motors for hip/knee joints",
        "Reducers we already source - motors only please.",
    )
    assert lexicon.asked_parts_in(title, text) == ["servo_motor"]
    assert "reducer" not in lexicon.demand_parts_in(f"{title}\n{text}")
    text = "需要反向式行星滚柱丝杠，导程2mm左右。只要丝杠，电机和驱动我们自己做。"
    assert lexicon.asked_parts_in("行星滚柱丝杠 批量采购", text) == ["mechanical_part"]
    assert "servo_motor" not in lexicon.demand_parts_in(text)
    # Of parts named one after another, the last is bought (a motor to drive a
    # hand's fingers); one after "for" is what it is for.
    assert lexicon.asked_parts_in("灵巧手驱动空心杯电机组件（Φ≤16mm）", "年需求2000套") == ["servo_motor"]
    assert lexicon.asked_parts_in("Sourcing planetary roller screws for humanoid leg actuators", "") == [
        "mechanical_part"
    ]


def test_a_firm_site_word_beside_the_texts_own_denial_is_to_be_confirmed():
    text = (
        "罐区外围道路巡检\n只跑罐区外围道路和控制室周边，这些都是非防爆区域（已和安评单位确认）。户外全天候。"
    )
    site = lexicon.site_conditions_in(text)
    assert "explosive" not in site.required and "explosive" in site.mentioned
    assert lexicon.site_conditions_in("罐区巡检机器人\n油罐区日常巡检。").required == ("explosive",)
    # Required in so many words, it stays required beside a denial elsewhere.
    text = "罐区巡检\n油罐区巡检，必须防爆；控制室那边是非防爆区域。"
    assert lexicon.site_conditions_in(text).required == ("explosive",)


def test_a_certificate_entry_that_is_pending_is_not_held():
    rated = lexicon.ratings(["explosive", "outdoor"], ["防爆认证申请中"], "四足防爆版，防爆认证办理中。")
    assert "explosive" not in rated.rated and "outdoor" in rated.rated
    assert "explosive" in lexicon.ratings(["explosive"], ["GB 3836 防爆"], "防爆巡检").rated


def test_not_designed_for_a_list_of_sites():
    rated = lexicon.ratings([], [], "实际交付以室内为主，未做防水防尘和防爆设计；双臂负载约5公斤。")
    assert not rated.rated & {"wet", "explosive"}


def test_loose_weights_and_a_rent_said_with_its_amount():
    assert lexicon.payload_in("老人最重的九十多公斤。") == 90.0
    assert lexicon.payload_in("样品瓶加托盘最多2公斤。") == 2.0
    assert lexicon.payload_in("筒纱上下料和搬运，筒纱每个4-5公斤。") == 5.0
    assert lexicon.budgets_in("先租用看看，效果好再买。月租四五千。") == {"lease": 5000.0, "raas": 5000.0}
    assert lexicon.budgets_in("现在两个保洁，每人每月工资五千") == {}


def test_a_pallet_s_weight_is_a_load_and_a_dew_point_is_no_cold():
    assert lexicon.payload_in("化成分容车间，托盘 18 公斤，上下料。") == 18.0
    assert lexicon.payload_in("-25℃ 冷库，托盘连货 800 公斤左右") == 800.0
    # A dry room's dew point says how dry its air is, not that the robot works in the cold.
    assert lexicon.coldest_operating("锂电干燥房（露点 -40℃、十万级洁净）电芯料盘搬运") is None
    assert "low_temperature" not in lexicon.ratings(["cleanroom"], [], "干燥房露点 -40℃ 料盘搬运").rated
    assert lexicon.coldest_operating("冷库搬运，工作温度 -25°C～40°C") == -25.0
    # Nor does a need's dry room ask for a robot rated for the cold.
    site = lexicon.site_conditions_in("干燥房里，露点 -40℃、十万级洁净，进去的设备必须满足洁净和防静电要求。")
    assert site.required == ("cleanroom",) and "low_temperature" not in site.mentioned


def test_outdoors_in_fair_weather_only_is_no_outdoor_rating_and_a_power_line_is_outdoors():
    assert "outdoor" not in lexicon.ratings([], [], "小型四足，室内及晴天户外演示，不防水。").rated
    assert "outdoor" not in lexicon.ratings([], [], "不防雨，户外只能晴天用。").rated
    assert "outdoor" in lexicon.ratings([], [], "户外全天候巡检，IP66").rated
    assert "outdoor" in lexicon.site_conditions_in("山区输电线路巡检 委托服务").mentioned


def test_a_rescue_float_s_buoyancy_is_its_load():
    assert lexicon.payload_in("要求能在急流里遥控靠近落水者，浮力不低于150公斤") == 150.0
    assert lexicon.payload_in("轻量化遥控救生浮标，浮力100kg，托举1人") == 100.0
    # What a rescue robot carries on its back is its load too.
    assert lexicon.payload_in("想租能爬坡越障的机器人，风雨天户外能用，每次至少背40公斤。") == 40.0
    assert lexicon.payload_in("给救援队驮运物资、探路，每次驮 20kg") == 20.0


def test_the_most_it_takes_is_its_load_and_a_site_it_can_be_used_in_rates_it():
    assert lexicon.payload_in("印染车间布卷搬运，最大 60 kg 布卷。") == 60.0
    assert lexicon.payload_in("料箱搬运，最多 30 公斤") == 30.0
    assert lexicon.payload_in("最大速度 1.5 m/s，整机自重 60 kg") is None  # not what it carries
    rated = lexicon.ratings([], [], "整机 IP65 防水，地面积水、蒸汽环境可用，适合染缸区。")
    assert "wet" in rated.rated
    assert "wet" not in lexicon.ratings([], [], "整机 IP65 防水，适合染缸区。").rated


def test_a_cold_store_on_fire_asks_for_a_fire_robot_not_a_cold_rating():
    need = "园区有高架冷库和常温库，万一着火人员很难深入。希望租一台能耐高温、进库出水灭火的机器人。"
    site = lexicon.site_conditions_in(need)
    assert "low_temperature" not in site.required and "low_temperature" in site.mentioned
    assert "low_temperature" in lexicon.site_conditions_in("冷库拣选搬运，-25℃ 环境").required
    # Stated as a requirement, the cold stays required even beside a fire.
    said = lexicon.site_conditions_in("冷库灭火，设备必须耐低温 -30℃")
    assert "low_temperature" in said.required


def test_a_need_for_several_joints_asks_for_the_least_of_their_peak_torques():
    arms_and_legs = "integrated joint modules: about 120 N·m peak for the arms and 300 N·m for hip/knee"
    assert lexicon.torque_in(arms_and_legs) == 300.0  # an offering's: the most it gives
    assert lexicon.torque_in(arms_and_legs, least=True) == 120.0
    # A rated torque beside the peak is another measure of the same joint, not a joint.
    assert lexicon.torque_in("峰值扭矩≥120Nm，额定≥50Nm，双编码器", least=True) == 120.0
    assert lexicon.torque_in("额定扭矩 60 N·m", least=True) == 60.0


def test_a_sense_of_touch_asked_without_a_firm_word_is_asked_softly():
    assert lexicon.touch_in("灵巧手主动自由度≥12，指尖必须有触觉") == (True, False)
    assert lexicon.touch_in("must have fingertip tactile sensing") == (True, False)
    assert lexicon.touch_in("五指灵巧手，指尖要有触觉/压力反馈") == (True, True)
    assert lexicon.touch_in("We need 2 dexterous hands with fingertip tactile sensing") == (True, True)
    assert lexicon.touch_in("最好带指尖触觉") == (True, True)
    assert lexicon.touch_in("6主动自由度，无触觉") == (False, False)


def test_splash_water_rates_wet_and_splash_proof_dust_covers_alone_do_not():
    assert "wet" in lexicon.ratings([], [], "IP54防护，防雨淋溅水。").rated
    assert "wet" in lexicon.ratings([], [], "splash-proof housing").rated
    assert "wet" not in lexicon.ratings([], [], "IP54防尘防溅，车间粉尘环境可运行").rated
    assert "wet" in lexicon.ratings([], [], "不防溅水").not_rated


def test_rain_proof_in_english_rates_wet_as_雨天_does():
    assert "wet" in lexicon.ratings([], [], "IP55 rain-proof – runs normally in the rain.").rated
    assert "wet" in lexicon.ratings([], [], "Rain-proof chassis for campus roads").rated
    assert "wet" in lexicon.ratings([], [], "雨天可正常运行").rated
    assert "wet" not in lexicon.ratings([], [], "Campus roads in fair weather only").rated
    need = lexicon.site_conditions_in("The rounds go on outdoors, the robot must keep working in the rain.")
    assert "wet" in need.required + need.mentioned


def test_a_service_area_names_the_cities_an_offering_serves():
    assert lexicon.service_cities_in("护理员带看护机器人上门。服务范围：杭州、宁波主城区。") == [
        "hangzhou",
        "ningbo",
    ]
    assert lexicon.service_cities_in("Service area: Ningbo and Shaoxing.") == ["ningbo", "shaoxing"]
    assert lexicon.service_cities_in("服务范围覆盖全省") == []
    assert lexicon.service_cities_in("服务范围广，杭州有展厅") == []


def test_a_total_budget_for_the_units_a_need_wants_is_shared_out_per_unit():
    assert lexicon.budgets_in("想买3台，三台总共预算150万。") == {"purchase": 500_000.0}
    assert lexicon.budgets_in("两台总价控制在 180 万以内") == {"purchase": 900_000.0}
    assert lexicon.budgets_in("需要5台小型人形机器人。总预算20万，一次性采购。") == {"purchase": 40_000.0}
    # No count of units, or a price said to be each unit's: as stated.
    assert lexicon.budgets_in("整体采购，总预算150万。") == {"purchase": 1_500_000.0}
    assert lexicon.budgets_in("买2台，单台总价不超过40万") == {"purchase": 400_000.0}


def test_litres_are_no_money_mandatory_is_a_requirement_and_robot_as_a_service_a_way():
    text = "200 L drums weighing up to 250 kg. We prefer to lease, up to 20k CNY per month."
    assert lexicon.budgets_in(text) == {"lease": 20_000.0, "raas": 20_000.0}
    assert lexicon.site_conditions_in("Explosion-proof is mandatory.").required == ("explosive",)
    assert lexicon.site_conditions_in("Explosion-proof is not mandatory.").required == ()
    assert "raas" in lexicon.modes_in("open to a monthly robot-as-a-service contract")


def test_accompanying_patients_to_the_clinic_is_companionship():
    text = "想引入陪诊机器人或陪诊服务，帮老人带路、取药、陪着说话。"
    assert lexicon.of_domains(lexicon.tasks_in(text), ["healthcare"]) == ["companionship"]


def test_a_robot_to_move_things_is_asked_to_handle_them():
    text = "We need a robot to move 20 L paint pails (about 25 kg each) from the mixing station to the filling line."
    assert lexicon.tasks_in(text) == ["handling"]
    assert lexicon.tasks_in("It must be able to move around obstacles.") == []


def test_a_task_the_title_names_is_asked_for_whatever_the_domain():
    from marketplace.search.readings import read_demand

    text = "储备库存放帐篷、救生衣、发电机，单托最重800公斤。防汛抢险时要连夜发货，想采购2台自动搬运机器人。"
    # Handling is no emergency task in the taxonomy, but the title asks for it.
    assert read_demand("应急物资储备库出入库搬运", text, "emergency")["tasks"] == ["handling", "rescue"]
    # Named only in the prose beside the domain's own task, it is still set aside.
    assert read_demand("应急物资储备库机器人", text, "emergency")["tasks"] == ["rescue"]
    # Life jackets in store are goods, not rescue work.
    stored = "储备库存放帐篷、折叠床、救生衣、发电机，想采购2台自动搬运机器人。"
    assert read_demand("应急物资储备库机器人", stored, "emergency")["tasks"] == ["handling"]


def test_a_place_the_robot_need_not_go_into_and_one_it_can_go_deep_into():
    for text in ("冷冻库不用进，那是白天人工弄。", "冷库不用去", "冷冻区不需要进"):
        assert lexicon.site_conditions_in(text) == lexicon.site_conditions_in(""), text
    assert lexicon.site_conditions_in("冷库必须进").required == ("low_temperature",)
    assert "toxic" in lexicon.ratings([], [], "可深入有毒烟气环境侦察、出水灭火").rated


def test_poisoning_deflagration_spray_and_a_long_stay_name_their_conditions():
    site = lexicon.site_conditions_in("罐底油泥多，人工进罐有中毒、爆燃风险。")
    assert site.required == ("explosive", "toxic")
    assert "wet" in lexicon.site_conditions_in("海上施工平台露天作业，浪花飞溅。").mentioned
    # 可长期在…运行: working there for long, as 可在…运行 does
    assert "toxic" in lexicon.ratings([], [], "防腐涂层，可长期在含硫化氢区域运行。").rated


def test_typhoons_and_salt_fog_mention_an_outdoor_site():
    for text in ("台风季内涝、河道落水救援", "It is open-air with salt fog and typhoons", "海边盐雾重"):
        assert "outdoor" in lexicon.site_conditions_in(text).mentioned, text


def test_molten_metal_and_a_place_said_very_hot_are_hot_sites():
    for text in ("浇包加钢水一起大概 200 斤", "铁水浇注工位", "炉边温度很高，人受不了"):
        assert lexicon.site_conditions_in(text).required == ("high_temperature",), text
    assert lexicon.site_conditions_in("不锈钢水槽焊接，先租后买") == lexicon.site_conditions_in("")


def test_a_condition_the_clause_after_it_waives_is_no_condition():
    for text in (
        "这次主要用于普通仓储火灾，防爆不作硬性要求。",
        "防爆不是硬性要求",
        "防爆非必须",
        "An explosion-proof rating is not required here.",
    ):
        site = lexicon.site_conditions_in(text)
        assert site.required == () and site.mentioned == (), text
    assert lexicon.site_conditions_in("必须防爆，不是可选项").required == ("explosive",)
    assert lexicon.site_conditions_in("防爆等级不低于Ex d IIB T4").required == ("explosive",)


def test_a_need_refusing_the_cloud_and_an_offering_that_works_only_through_it():
    for text in (
        "信息科要求：视频不得外传，所有数据不能出院，不接受公有云。",
        "这边经常断网，不要那种必须连云端才能用的。",
        "必须能在机器人本体（Jetson Orin 级别）离线运行",
        "数据必须留在园区内网",
        "Concierge robot – on-premise only, no cloud",
        "The network is closed: nothing may connect to any cloud service.",
    ):
        assert lexicon.refuses_cloud(text), text
    for text in ("含离线编程和焊工培训", "需要离线编程或者拖拽示教", "平台部署在云端也可以"):
        assert not lexicon.refuses_cloud(text), text
    for text in (
        "仅提供云端API调用，不支持私有化部署。",
        "需联网（WiFi/4G）使用云端大模型对话，断网只能放本地音乐。",
        "只提供公有云SaaS，1,800元/机构/月。",
        "Cloud platform that compares drone scans with BIM.",
    ):
        assert lexicon.needs_cloud(text), text
    for text in (
        "本地私有化部署，数据不出政务外网。",
        "边缘计算，视频可只存本地，不上云。",
        "语音大模型默认走云端，可选本地轻量模型。",
        "Runs fully on-device: no cloud connection needed.",
        "可挂载红外云台、气体检测",
    ):
        assert not lexicon.needs_cloud(text), text


def test_a_need_whose_people_object_to_cameras_refuses_them():
    assert lexicon.refuses_camera("房间里装摄像头家属和老人都比较抵触。")
    assert lexicon.refuses_camera("家属不同意房间里装摄像头")
    assert lexicon.refuses_camera("家属介意摄像头")
    assert not lexicon.refuses_camera("走廊的摄像头老人不介意")
    assert not lexicon.refuses_camera("老人并不反感摄像头")


def test_words_holding_a_site_word_that_name_no_site():
    # 室外机 is an air conditioner's outdoor unit; 手术室外 is outside an operating theatre.
    need = "空调总装线，一是室外机面板螺钉预装，二是线边物料补给。"
    assert lexicon.site_conditions_in(need) == lexicon.SiteConditions((), ())
    assert lexicon.site_environments_in(need) == []
    assert lexicon.site_conditions_in("手术室外走廊送药").mentioned == ()
    assert lexicon.ratings([], [], "适用于空调室外机装配线").rated == frozenset()
    # The word itself still names the site.
    assert lexicon.site_conditions_in("必须能在室外使用").required == ("outdoor",)
    assert "outdoor" in lexicon.ratings([], [], "可在室外使用").rated


def test_a_price_said_as_a_range_of_two_numbers_is_a_budget():
    assert lexicon.budgets_in("想买个消毒的机器人，一两万的那种，房间就三四间。") == {"purchase": 20000.0}
    assert lexicon.budgets_in("一小时一两百块可以接受") == {"sharing": 200.0}
    assert lexicon.budgets_in("两三千块的就行") == {"purchase": 3000.0}
    # 二三十万 and 三五万 are the same kind of range, written with 二 and 三五.
    assert lexicon.budgets_in("有没有不动线体的办法，二三十万能搞定最好，一次买断") == {"purchase": 300000.0}
    assert lexicon.budgets_in("三五万的也行，想买一台") == {"purchase": 50000.0}
    # Ranges of other things than money.
    for text in (
        "几十克到两三百克",
        "温度三四百度",
        "每天两三千单小件",
        "七八十岁的老人",
        "一两万平米的仓库",
        "二三十万件的库存",
    ):
        assert lexicon.budgets_in(text) == {}, text


def test_the_short_words_for_encoders():
    assert lexicon.supplied_parts_in("QB-19 中空磁编", "单圈 19bit 绝对值磁编，BiSS-C") == ["encoder"]
    assert lexicon.parts_in("23位光编，空心轴") == ["encoder"]


def test_a_place_an_offering_adapts_to_rates_it():
    assert lexicon.ratings([], [], "磁吸爬行焊接机器人，适应舱内高温，28 万元。").rated == {
        "high_temperature"
    }
    assert "wet" in lexicon.ratings([], [], "IP65，适应隧道潮湿环境").rated
    # Not a gripper that adapts to its part, nor a mill's humid air.
    assert lexicon.ratings([], [], "自适应夹持，适应间距100~300mm").rated == frozenset()
    assert "wet" not in lexicon.ratings([], [], "适应纺织车间高湿度和飞花环境").rated
    # Suited to a place said to be damp, hot or cold (适合潮湿的水泵房) rates it too;
    # suited to a customer's trade, or not suited, does not.
    pump = "吊轨式巡检机器人，防护等级IP65，适合潮湿的水泵房和地下设备层。非防爆型。"
    assert lexicon.ratings([], [], pump).rated == {"wet"}
    assert lexicon.ratings([], [], "适用于低温冷库分拣").rated == {"low_temperature"}
    assert lexicon.ratings([], [], "适合汽车零部件、家电产线").rated == frozenset()
    assert "wet" not in lexicon.ratings([], [], "不适合潮湿的场所").rated


def test_ip69k_washdown_rates_wet_not_outdoor():
    rated = lexicon.ratings([], [], "Hygienic washdown cobot cell, IP69K, stainless steel").rated
    assert "wet" in rated and "outdoor" not in rated


def test_degrees_and_pairs_are_no_money():
    text = "玉环阀门锻件，热模锻，红料1000度左右。买一台，预算不超过60万。"
    assert lexicon.budgets_in(text) == {"purchase": 600000.0}
    english = "Sourcing dexterous hands, about 200 pairs next year. Target under ¥45,000 per hand."
    assert lexicon.budgets_in(english) == {"purchase": 45000.0}


def test_red_hot_stock_and_hot_forging_are_hot_sites():
    assert lexicon.site_conditions_in("热模锻，红料1000度左右，工人用钳子夹料").required == (
        "high_temperature",
    )


def test_heat_said_in_degrees_of_a_furnace_a_die_or_a_summer():
    assert lexicon.hottest_in("锻坯出炉1100度左右，工人用钳子夹") == 1100
    assert lexicon.hottest_in("出模时四百多度。压铸机边上夏天五十度往上") == 400
    assert lexicon.hottest_in("夏天车间二十多度") == 20
    assert lexicon.hottest_in("45度楼梯，转角30度") is None


def test_a_protection_code_a_need_asks_for_is_no_outdoor_site():
    need = "两座水厂的加氯间和氯库巡检。环境有氯气腐蚀，地面定期冲洗。须防腐（耐Cl2），防护等级IP65以上。"
    assert "outdoor" not in lexicon.site_conditions_in(need).required
    assert lexicon.site_conditions_in("变电站户外巡检，必须IP66以上").required == ("outdoor", "wet")
    # An offering's code still rates it for the outdoors.
    assert "outdoor" in lexicon.ratings([], [], "巡检机器人，IP65").rated


def test_toxic_agents_an_offering_withstands_or_works_among_rate_it_toxic():
    assert "toxic" in lexicon.ratings([], [], "漏缝地板清粪、喷雾消毒，耐氨气腐蚀，IP67可冲洗。").rated
    assert "toxic" in lexicon.ratings([], [], "挂具上下料机器人（耐酸雾）").rated
    assert "toxic" in lexicon.ratings([], [], "整机防水防腐，农药环境长期使用。").rated
    assert "toxic" in lexicon.ratings([], [], "CO等煤气检测，可进入煤气区域（非防爆区）").rated
    assert "toxic" not in lexicon.ratings([], [], "外壳不耐酸碱，请勿用于电镀车间").rated


def test_acid_mist_pesticide_and_coal_gas_are_toxic_sites():
    assert lexicon.site_conditions_in("挂镀线上下挂具，车间酸雾重").required == ("toxic",)
    assert lexicon.site_conditions_in("想要能自动打药的机器人，农药有毒").required == ("toxic",)
    # What a mine robot patrols for is no condition of the site.
    assert "toxic" not in lexicon.site_conditions_in("替代人工巡皮带、电机温度、瓦斯和一氧化碳").required


def test_a_sense_of_touch_said_not_to_be_required_is_not_asked_for():
    text = "Sourcing 6-DOF dexterous hands. Tactile sensing not required, robustness matters more."
    assert lexicon.touch_in(text) == (False, False)
    assert lexicon.touch_in("指尖必须有触觉") == (True, False)


def test_palletizing_is_handling_not_machine_loading():
    # As the posters and the sets' writers tag it: moving cartons onto pallets.
    assert lexicon.tasks_in("包装线后段：纸箱15公斤左右，码垛") == ["handling"]
    assert lexicon.tasks_in("Compact cobot palletizer, 20 kg payload") == ["handling"]
    assert lexicon.tasks_in("CNC machine tending, load and unload castings") == ["loading"]


def test_chemical_formulas_name_toxic_sites_unless_measured():
    assert lexicon.ratings([], [], "管廊挂轨巡检；可在含H2S的污水舱运行").rated == {"toxic"}
    assert lexicon.site_conditions_in("Toxic area: H2S present, robot must be rated for it.").required == (
        "toxic",
    )
    measured = lexicon.site_conditions_in("Gas detection (O2, CH4, H2S) is a must-have feature.")
    assert "toxic" not in measured.required


def test_the_gases_a_sensor_module_measures_are_no_site():
    """本安型多合一气体传感模组（CH4/H2S/CO/O2）: what a gas sensor measures, named in its
    list, is not a toxic site the module must be rated for (its explosion rating stays)."""
    for text in (
        "本安型多气体检测模组 100只\n防爆四足集成用，CH4/H2S/CO/O2/VOC五合一，本安型，数字接口。",
        "需隔爆型伺服电机约200台，本安型多合一气体传感模组（CH4/H2S/CO/O2）约50个。必须有防爆合格证。",
        "Intrinsically safe gas sensor (H2S, CO) modules for our patrol robots, must be Ex ia.",
    ):
        site = lexicon.site_conditions_in(text)
        assert "toxic" not in site.required and "toxic" in site.mentioned, text
    assert "toxic" in lexicon.site_conditions_in("车间里有H2S，设备必须能在其中工作。").required


def test_a_list_of_gases_a_measuring_word_ends_is_what_the_robot_detects():
    """要求……4. 具备有毒气体、可燃气体侦检: the toxic gas is detected, not a site the
    fire robot must be rated for; the explosion-proof rating the text asks for stays."""
    text = "要求：1. 整机防爆，满足GB 3836；4. 具备有毒气体、可燃气体侦检；5. 取得消防产品认证。"
    site = lexicon.site_conditions_in(text)
    assert site.required == ("explosive",) and site.mentioned == ("toxic",)
    assert "toxic" in lexicon.site_conditions_in("现场有有毒气体、可燃气体，必须防爆。").required


def test_a_hazard_a_board_or_a_talk_is_about_is_no_site():
    text = "开放日现场还有个消防安全展板区（讲煤气、电瓶车起火），就是展板，不需要什么特殊机器。"
    assert "toxic" not in lexicon.site_conditions_in(text).required
    assert "toxic" in lexicon.site_conditions_in("现场还有个煤气站，设备要能进去。").required


def test_withstanding_toxic_smoke_and_wind_and_rain_rate_an_offering():
    assert "toxic" in lexicon.ratings([], [], "耐受火灾烟气（CO、HCN 等有毒烟气）").rated
    assert lexicon.ratings([], [], "IP65防尘防水，耐风雨。").rated == {"outdoor", "wet"}


def test_a_monthly_service_fee_is_robot_as_a_service():
    assert lexicon.modes_in("租赁或按月服务都可以，每台每月9000") == ["lease", "raas"]
    assert lexicon.modes_in("机床上下料机器人按月服务") == ["raas"]
    assert lexicon.modes_in("We prefer lease, but a monthly service fee (robot + support) is also fine.") == [
        "lease",
        "raas",
    ]


def test_a_device_that_must_work_in_the_bathroom_needs_a_wet_rating():
    need = "老人摔倒马上报警的东西，卫生间也得能用（老人夜里在卫生间摔得最多）"
    assert lexicon.site_conditions_in(need).required == ("wet",)
    assert lexicon.site_conditions_in("跌倒、离床的设备，卫生间也必须覆盖").required == ("wet",)
    # A bathroom cleaned or passed through is no wet site of the robot's.
    assert lexicon.site_conditions_in("闭店后卫生间/母婴室/扶梯扶手消毒") == lexicon.SiteConditions((), ())
    assert lexicon.site_conditions_in("床-轮椅-卫生间移位") == lexicon.SiteConditions((), ())


def test_an_offering_said_to_go_in_bathrooms_is_rated_wet_not_outdoor():
    rated = lexicon.ratings([], [], "不用摄像头，保护隐私。卧室和卫生间都能装，卫生间款IP65防水。").rated
    assert rated == {"wet"}
    assert lexicon.ratings([], [], "浴室不可用").rated == frozenset()
    assert lexicon.ratings([], [], "卫生间清洁机器人").rated == frozenset()


def test_a_robot_that_must_go_into_the_water_needs_a_wet_rating():
    assert lexicon.site_conditions_in("台风天低洼处积水，要能下水救人").required == ("wet",)


def test_loads_in_jin_and_by_the_drum_or_tray():
    assert lexicon.payload_in("纱筒一箱二十来斤") == 10.0
    assert lexicon.payload_in("老人体重一百七十来斤") == 85.0
    assert lexicon.payload_in("转移泄漏桶（桶重50公斤左右）") == 50.0
    assert lexicon.payload_in("每盘12公斤以内") == 12.0


def test_a_place_the_next_clause_keeps_the_robot_out_of_is_no_site_condition():
    assert lexicon.site_conditions_in("厨房是高温区域，机器人不用进去。") == lexicon.SiteConditions((), ())
    assert lexicon.site_conditions_in("厨房是高温区域，需要机器人进去送菜。").required == (
        "high_temperature",
    )


def test_a_place_left_out_of_this_round_is_no_site_condition():
    for text in ("酒店在山里，户外步道送物不在本次范围。", "室外广场不在本次范围。", "冷库不在此次范围内"):
        assert lexicon.site_conditions_in(text) == lexicon.site_conditions_in(""), text
    assert lexicon.site_conditions_in("室外广场也要巡。").required == ("outdoor",)


def test_a_need_refusing_robot_dogs_and_an_offering_that_is_one():
    assert lexicon.refuses_quadruped("地面平整，不要四足的（试过，太贵还爱摔）。")
    assert lexicon.refuses_quadruped("只要人形，不要四足机器狗。")
    assert lexicon.refuses_quadruped("Wheeled is fine, no robot dogs please.")
    assert not lexicon.refuses_quadruped("四足的可以，户外爬坡。")
    assert lexicon.is_quadruped("跃影 Q5 四足巡检机器人")
    assert lexicon.is_quadruped("Sentinel Q4 quadruped patrol robot")
    assert not lexicon.is_quadruped("户外导览机器人（商业街/景区）")


def test_a_need_asking_for_a_robot_dog_beside_its_work():
    assert lexicon.asks_quadruped("消防宣传月，想请消防机器人、机器狗来现场演示，半天。")
    assert lexicon.asks_quadruped("山区搜救 想租机器狗 汛期3个月")
    assert lexicon.asks_quadruped("工地 巡检+三维扫描 四足机器人")
    # One form among others that will do, before or after it, says nothing of the form.
    assert not lexicon.asks_quadruped("想要能在山里巡查的设备，机器狗、无人机都可以考虑。")
    assert not lexicon.asks_quadruped("需要户外轮式或四足巡检机器人1台，做表计识别。")
    assert not lexicon.asks_quadruped("We need 3 patrol robots (quadruped or wheeled, either is fine).")
    assert not lexicon.asks_quadruped("需要能爬坡的，四足的可以。")
    # Nor does an example, one it has already, one it leaves open or turns away.
    assert not lexicon.asks_quadruped("想摆几台机器人：比如防爆机器人、巡检机器狗这一类。")
    assert not lexicon.asks_quadruped("园区已有6台防爆四足，需要一个统一调度平台。")
    assert not lexicon.asks_quadruped("不一定要四足，能上台阶就行。")
    assert not lexicon.asks_quadruped("四足机器狗观众会围观拍照影响疏散，这次不考虑。")
    assert not lexicon.asks_quadruped("只要人形，不要四足机器狗。")


def test_a_need_asking_for_a_rail_mounted_robot_and_offerings_that_run_on_one():
    assert lexicon.asks_rail("管廊约4公里，需4台挂轨巡检机器人。")
    assert lexicon.asks_rail("城区室内变电站（10kV开关室）想上挂轨式巡检机器人，读表测温。")
    assert lexicon.asks_rail("The cable tunnel needs 2 rail-mounted inspection robots.")
    # One form among others that will do, one negated or refused, says nothing of the form.
    assert not lexicon.asks_rail("测可燃气和有毒气体，挂轨的也行。要买。")
    assert not lexicon.asks_rail("想租轨道式或爬行式焊接机器人。")
    assert not lexicon.asks_rail("四足或挂轨巡检机器人都可以。")
    assert not lexicon.asks_rail("不要挂轨的，要轮式。")
    assert not lexicon.asks_rail("现有挂轨巡检机器人，需要一个统一调度平台。")
    assert not lexicon.asks_rail("地铁天窗期轨道巡检机器人")  # inspecting the track is no rail form
    assert lexicon.is_rail("GL-3 综合管廊挂轨巡检机器人")
    assert lexicon.is_rail("隧道巡检机器人\n采用挂轨式设计，IP65。")
    assert lexicon.is_rail("Rail-mounted inspection robot for utility tunnels")
    assert not lexicon.is_rail("轮式巡检机器人，无需挂轨，部署快。")
    assert not lexicon.is_rail("非挂轨式，落地即用。")
    assert not lexicon.is_rail("户外轮式巡检机器人")


def test_an_offering_built_for_the_outdoors_and_a_need_naming_a_place_open_to_the_weather():
    assert lexicon.made_for_outdoors("导购宝 G7-Outdoor 户外街区/景区导览机器人")
    assert lexicon.made_for_outdoors("洁途 S80 室外无人清扫车")
    assert lexicon.made_for_outdoors("Outdoor security patrol robot WJ-O2")
    # Built for both, or an air conditioner's outdoor unit, is not built for the outdoors.
    assert not lexicon.made_for_outdoors("洁能 户外/地库两用无人清扫车")
    assert not lexicon.made_for_outdoors("室内外通用巡检机器人")
    assert not lexicon.made_for_outdoors("巡逻机器人（室内/户外）")
    assert not lexicon.made_for_outdoors("Indoor/outdoor delivery robot")
    assert not lexicon.made_for_outdoors("空调室外机清洗机器人")
    assert not lexicon.made_for_outdoors("商用洗地机器人")
    assert lexicon.names_outdoor_place("需要清扫院子落叶和海边步道的机器人，买一台。")
    assert lexicon.names_outdoor_place("商场地下车库日常巡检")
    assert lexicon.names_outdoor_place("厂房屋顶5MW分布式光伏，想用机器人巡检热斑。")
    assert lexicon.names_outdoor_place("We need a greeter for the plaza in front of our mall.")
    assert not lexicon.names_outdoor_place("购物中心四层，需要4台导购机器人，带顾客找店。")
    assert not lexicon.names_outdoor_place("Reception robot at the door of our steakhouse.")


def test_an_edition_for_teaching_or_research_and_a_need_that_speaks_of_study_or_showing():
    assert lexicon.study_edition("星火 S1 人形机器人（教育科研版）")
    assert lexicon.study_edition("QJ-H1 全尺寸人形机器人 科研版")
    assert lexicon.study_edition("云行 CX-1 EDU 科研教育版")
    assert lexicon.study_edition("Humanoid research edition, open SDK")
    # A machine for teaching or training courses, however its title puts it.
    assert lexicon.study_edition("启智 智能物流教学实训平台")
    assert lexicon.study_edition("童智 教学服务机器人套件")
    assert lexicon.study_edition("启智K1 小学AI课程套装（单台价）")
    assert not lexicon.study_edition("云行 CX-1 通用人形机器人（公版平台）")
    assert not lexicon.study_edition("科普星“小安”安全教育人形讲解机器人")  # safety education is its topic
    assert lexicon.asks_study("智能制造专业采购人形机器人教学设备（2台），用于实训课程。")
    assert lexicon.asks_study("家务操作研究 租 4 台全尺寸人形 6 个月")
    assert lexicon.asks_study("未来社区样板间，展示家用机器人做家务。")
    assert lexicon.asks_study("Two humanoids for our university lab.")
    assert not lexicon.asks_study("门诊大厅需要2台导诊机器人，分诊问询、科室指引。")
    assert not lexicon.asks_study("Reception robots for the mall entrance, greeting guests.")


def test_a_need_whose_robot_must_ride_the_lifts_and_offerings_that_can_or_cannot():
    assert lexicon.asks_lifts("老年公寓三餐送到房间，要能自己坐电梯。")
    assert lexicon.asks_lifts("写字楼夜间巡逻机器人（需自主乘梯）")
    assert lexicon.asks_lifts("跨楼层送药，每天约300趟。")
    assert lexicon.asks_lifts("The robot must ride the elevators between floors.")
    assert not lexicon.asks_lifts("只在一楼大厅用，不需要乘梯。")
    assert not lexicon.asks_lifts("大厅有4部电梯，想要迎宾机器人。")
    assert lexicon.no_lifts("单层平面使用，不能乘电梯。")
    assert lexicon.no_lifts("Tray robot for restaurants, single floor only.")
    assert not lexicon.no_lifts("标准版不支持乘梯（可选配梯控模块，另加5000元）")  # it can, with a module
    assert lexicon.rides_lifts("飞递S2 酒店送物机器人（梯控版）") and lexicon.rides_lifts(
        "可自主乘梯、过门禁"
    )
    assert not lexicon.rides_lifts("四层托盘送餐，不支持乘梯。") and not lexicon.rides_lifts("四层托盘送餐")
    assert lexicon.rides_lifts("Lockable drawers, lift and door integration, barcode hand-over.")
    assert not lexicon.rides_lifts("Transfer robot to lift patients from bed to wheelchair.")
    # Only with a module to add: it neither cannot nor says it can.
    assert not lexicon.rides_lifts("标准版不支持乘梯（可选配梯控模块，另加5000元）")
    # Working with the lifts as a hospital's logistics does: it rides them.
    assert lexicon.rides_lifts("与电梯、门禁、气动物流系统联动，最大载重300kg")
    assert lexicon.rides_lifts("对接电梯，自动呼梯") and not lexicon.rides_lifts("不能与电梯联动")
    assert not lexicon.rides_lifts("在电梯口停靠等候")


def test_an_offering_title_naming_a_humanoid():
    assert lexicon.is_humanoid("袜业旺季 共享人形打包分拣")
    assert lexicon.is_humanoid("Humanoid RaaS for malls")
    assert not lexicon.is_humanoid("非人形轮式配送服务")
    assert not lexicon.is_humanoid("商场清洁机器人托管服务")


def test_an_offering_built_without_cameras_watches_through_none():
    assert not lexicon.uses_camera("小迎 G3-Lite 无摄像头版导览机器人")
    assert not lexicon.uses_camera("专为不允许拍摄的场所做的版本：拆掉了全部摄像头，避障靠激光雷达。")
    assert lexicon.uses_camera("导览机器人，头部摄像头识别来客")


def test_pounds_of_weight_are_not_money():
    text = "把老人从床上挪到轮椅上，老人最重160斤左右。要2台，买或者租都行，买的话每台8万以内。"
    assert lexicon.budgets_in(text) == {"purchase": 80000.0}


def test_a_smoky_hot_zone_is_a_hot_site_and_a_drill_said_aside_makes_no_drill_of_the_need():
    text = "想要一台灭火机器人，能进高温浓烟区。预算70万。另外11月跟化工园区有一次联合演练，到时也会拉去用。"
    assert lexicon.site_conditions_in(text).required == ("high_temperature",)
    drill = "年底要办一场应急演练，想租一台能进高温浓烟区的机器人。"
    assert lexicon.site_conditions_in(drill).mentioned == ("high_temperature",)


def test_a_trial_paid_by_subscription_or_by_the_hour_is_no_lease_besides():
    assert lexicon.modes_in("想先试用 3 台导购机器人，按月订阅，每台每月 1 万以内") == ["raas"]
    assert lexicon.modes_in("想先试用几台看看效果，按小时付都行。") == ["sharing"]
    assert lexicon.modes_in("先试用两台看看效果，满意再采购") == ["purchase", "lease"]
    assert lexicon.modes_in("We would like to trial one unit for 6 months.") == ["lease"]


def test_visits_a_day_are_not_money():
    text = (
        "An outpatient clinic (about 180 visits a day). Lease preferred, at most around 3,000 RMB per month."
    )
    assert lexicon.budgets_in(text) == {"lease": 3000.0, "raas": 3000.0}


def test_a_place_the_next_clause_turns_to_keep_the_robot_out_of():
    for text in (
        "锅炉房和蒸箱区温度很高，但那边不需要机器人进去。",
        "浴室地面经常有水，但浴室机器人不用进。",
    ):
        assert lexicon.site_conditions_in(text) == lexicon.site_conditions_in(""), text
    assert lexicon.site_conditions_in("洗衣房潮湿，但机器人要进去收车。").mentioned == ("wet",)


def test_a_humanoid_offered_with_another_form_or_already_had_is_not_asked_for():
    assert not lexicon.asks_humanoid("冲压线首尾上下料，求人形或机器人方案")
    assert not lexicon.asks_humanoid("人形还是别的机器人都可以，只要能干活")
    assert not lexicon.asks_humanoid("温岭泵厂，有8台人形和AMR，现在排产靠Excel")
    assert lexicon.asks_humanoid("想租两台人形机器人做迎宾")
    assert lexicon.asks_humanoid("要人形的，轮式那种导览机我们已经有了")


def test_a_scheduling_system_the_prose_asks_for_is_software():
    text = "有8台人形和AMR，机器人任务靠人工派。想要一套和MES打通的排程调度系统，一次性买断。"
    assert lexicon.software_asked("排程和机器人调度打通MES", text) == "fleet"
    assert lexicon.software_asked("车间搬运", "需要一套AGV搬运系统") is None


def test_a_total_price_for_the_units_wanted_is_a_budget_shared_out():
    assert lexicon.budgets_in("古镇商业街户外导览。买2台，总价40万。") == {"purchase": 200000.0}
    assert lexicon.budgets_in("买3台，一共30万") == {"purchase": 100000.0}
    assert lexicon.budgets_in("一共3层楼，每层20个房间") == {}


def test_household_chores_in_chinese_are_cleaning():
    text = "在家里干活的人形：叠衣服、收拾桌面、把碗放进洗碗机、给老人拿东西。"
    assert "cleaning" in lexicon.tasks_in(text, ["household"])
    assert "cleaning" not in lexicon.tasks_in("童装后道：成衣叠衣、套袋、装箱", ["manufacturing"])


def test_moving_an_old_person_from_bed_to_wheelchair_is_mobility_assistance():
    assert lexicon.tasks_in("想找能帮忙把老人从床上挪到轮椅上的机器人") == ["mobility_assist"]
    assert lexicon.tasks_in("护工腰都坏了，想找能帮忙抱老人的设备") == ["mobility_assist"]


def test_humanoid_only_or_other_forms_had_already_require_a_humanoid():
    assert lexicon.requires_humanoid("只要人形，不要四足机器狗")
    assert lexicon.requires_humanoid("Humanoid only——轮式带屏幕的那种我们已经有了。")
    assert lexicon.requires_humanoid("要人形的，轮式那种导览机我们已经有了，效果一般。")
    assert not lexicon.requires_humanoid("想租两台人形机器人做迎宾，轮式的也行")
    assert not lexicon.requires_humanoid("只要能干活，人形也行")


def test_the_languages_a_text_names_a_robot_speaking():
    assert lexicon.languages_in("能用阿拉伯语、西班牙语、英语、俄语回答") == ["en", "ru", "ar", "es"]
    assert lexicon.languages_in("支持中/英/日/韩四种语言语音交互") == ["en", "ja", "ko", "multi"]
    assert lexicon.languages_in("多语种（中英日韩阿西）") == ["en", "ja", "ko", "ar", "es", "multi"]
    assert lexicon.languages_in("只支持普通话和杭州话") == ["hangzhou"]
    assert lexicon.language_count("12 languages incl. Russian") == 12
    assert lexicon.languages_in("中西部地区的中德合资企业") == []
    assert lexicon.languages_in("不支持英语") == []


def test_a_place_the_sentence_says_the_robot_does_not_go_to_is_no_site_condition():
    text = "外面装卸场是露天的，那块由环卫负责，机器人不用去。"
    assert lexicon.site_conditions_in(text) == lexicon.site_conditions_in("")
    assert lexicon.site_conditions_in("车间潮湿，机器人要进去巡检。").mentioned == ("wet",)


def test_an_offering_that_does_not_depend_on_the_cloud_works_without_it():
    assert not lexicon.needs_cloud("算法在本地工控机运行，不依赖云端，数据不出厂。")
    assert lexicon.needs_cloud("语音交互走云端大模型")
    assert lexicon.refuses_cloud("开关柜、GIS室巡检。数据必须走内网。")


def test_an_english_total_for_the_units_wanted_is_shared_out():
    text = "We need 4 robots to pick parcels. Purchase only, total budget CNY 1.2 million for the 4 units."
    assert lexicon.units_wanted_in(text) == 4
    assert lexicon.budgets_in(text) == {"purchase": 300000.0}


def test_data_uploaded_to_a_vendors_cloud_and_a_cloud_one_may_decline():
    assert lexicon.needs_cloud("桌面陪伴机器人，语音聊天，数据上传伴老云。")
    assert not lexicon.needs_cloud("头部摄像头识别跌倒，可本地存储，可选择不上传云端。")
    assert not lexicon.needs_cloud("上传照片到系统")


def test_a_place_the_next_clause_leaves_out_of_this_round_and_ammonia_an_offering_works_in():
    assert lexicon.site_conditions_in("外立面施工为户外，不在本次范围。") == lexicon.site_conditions_in("")
    assert lexicon.site_conditions_in("外立面施工为户外。").required == ("outdoor",)
    assert "toxic" in lexicon.ratings([], [], "挂轨冷库巡检，耐-30℃、可在含氨环境运行").rated


def test_heat_withstood_in_degrees_and_a_hazard_worked_in_rate_the_robot():
    assert (
        "high_temperature"
        in lexicon.ratings([], [], "隧道挂轨巡检灭火一体机器人。机身耐火 300℃/30min。").rated
    )
    assert "high_temperature" in lexicon.ratings([], [], "火场侦察，耐温300℃持续30分钟，可户外。").rated
    assert "high_temperature" not in lexicon.ratings([], [], "耐温 60℃ 的线缆").rated
    rated = lexicon.ratings([], [], "浓烟、高温、有毒气体环境中的侦检与搜救，生命探测+热成像。").rated
    assert {"high_temperature", "toxic"} <= rated


def test_ratings_a_need_says_it_has_no_use_for_are_not_its_site():
    text = "成品仓空调外机整托搬运，普通常温仓库。之前有厂商推荐冷库型和防爆型，我们用不上。"
    site = lexicon.site_conditions_in(text)
    assert site.required == () and site.mentioned == ()


def test_a_field_ticked_a_place_handed_to_others_and_a_rating_this_robot_does_without():
    text = "特别说明：勾选“有毒有害”是按医废性质填的，机器人运的是密封的医废周转箱，并不在有毒环境里作业。"
    site = lexicon.site_conditions_in(text)
    assert site == lexicon.site_conditions_in("") and lexicon.site_conditions_ruled_out(text, site) == [
        "toxic"
    ]
    text = "需耐高温灭火侦察机器人。煤气区域由专业防爆设备负责，本次不要求防爆。"
    site = lexicon.site_conditions_in(text)
    assert "toxic" not in site.required + site.mentioned and "explosive" not in site.required + site.mentioned
    text = "辖区里另有一家化工企业，有防爆要求，但那里有他们自己的防爆设备，这台不考虑防爆。"
    assert "explosive" not in lexicon.site_conditions_in(text).required
    assert lexicon.site_conditions_in("冷柜区、冷冻区里面不用管，只看常温货架。").required == ()
    assert lexicon.site_conditions_in("车间有易燃易爆气体，必须防爆。").required == ("explosive",)


def test_a_place_handed_to_others_is_not_the_site_where_the_text_names_it_before():
    """高炉出铁场、煤气区域发生火灾时……煤气区域由专业防爆设备负责: the gas area named first is
    the one the text then hands to others, not a toxic site this robot must be rated for."""
    text = (
        "高炉出铁场、煤气区域发生火灾时热辐射强，人员难以靠近。需耐高温灭火侦察机器人，户外，"
        "采购预算50万。煤气区域由专业防爆设备负责，本次不要求防爆。"
    )
    site = lexicon.site_conditions_in(text)
    assert site.required == ("high_temperature",) and "toxic" not in site.mentioned
    # Named without handing it to anyone, the gas area is the site, firmly.
    kept = "高炉出铁场、煤气区域发生火灾时热辐射强，人员难以靠近。需耐高温灭火侦察机器人。"
    assert "toxic" in lexicon.site_conditions_in(kept).required


def test_a_robot_said_never_to_go_in_keeps_the_place_out_whatever_the_adverb():
    """特气房有硅烷，是防爆区域……机器人完全不进特气房: the hazard is another building's."""
    text = "背景补充：一期厂房的特气房有硅烷，是防爆区域，但那由厂务另行管理，机器人完全不进特气房，只在洁净区内跑。"
    assert "explosive" not in lexicon.site_conditions_in(text).required
    assert (
        "explosive" in lexicon.site_conditions_in("特气房有硅烷，是防爆区域，机器人要进特气房巡检。").required
    )


def test_the_next_clause_pointing_back_at_a_place_keeps_the_robot_out():
    """旁边是液氮罐区，这个不用机器人管: the tank farm is not this robot's site."""
    text = "样本库在 -20℃ 冷库里，设备要能在低温环境里工作。旁边是液氮罐区，这个不用机器人管。采购。"
    assert lexicon.site_conditions_in(text).required == ("low_temperature",)
    assert "explosive" in lexicon.site_conditions_in("旁边是罐区，这个也要机器人巡。").required


def test_damp_air_over_a_dry_floor_is_no_wet_site():
    """泵房比较潮湿（返潮，不是积水，地面是干的）: the experts read no wet site; nor where
    the robot keeps clear of the water (走轨道就不碰水). Required, it stays."""
    for text in (
        "二级送水泵房巡检。泵房比较潮湿（返潮，不是积水，地面是干的）。",
        "水泵房地面偶尔有积水，机器人走轨道就不碰水。",
    ):
        site = lexicon.site_conditions_in(text)
        assert "wet" in site.mentioned and lexicon.site_conditions_ruled_out(text, site) == ["wet"]
    required = "印染车间潮湿，设备必须防水，地面是干的但经常溅水。"
    site = lexicon.site_conditions_in(required)
    assert "wet" in site.required and "wet" not in lexicon.site_conditions_ruled_out(required, site)
    wet = "地面湿滑，经常有积水。"
    assert lexicon.site_conditions_ruled_out(wet, lexicon.site_conditions_in(wet)) == []


def test_a_field_ticked_and_explained_away_is_ruled_out():
    for text, code in (
        (
            "系统默认勾了“洁净车间”，请忽略：手术室层流净化由净化厂家负责，机器人只在普通病区使用。",
            "cleanroom",
        ),
        ("表单里“易燃易爆”是按企业性质勾的，请忽略。买断，8万元以内。", "explosive"),
        ("表单里勾了“质检”和“户外”：户外指的是车间门口的露天堆场，焊接全部在车间里。", "outdoor"),
    ):
        site = lexicon.site_conditions_in(text)
        assert code not in site.required and lexicon.site_conditions_ruled_out(text, site) == [code]
    # Ticked and explained as what the site is: required, not ruled out.
    text = "环境那栏勾了“易燃易爆”，说明一下：车间有溶剂挥发，必须防爆。"
    site = lexicon.site_conditions_in(text)
    assert site.required == ("explosive",) and lexicon.site_conditions_ruled_out(text, site) == []
    # A drill whose site will have nothing real.
    drill = "11月举办危化品泄漏综合应急演练，想安排机器人搜救科目。演练是模拟泄漏，现场不会有真实有毒气体。"
    assert "toxic" in lexicon.site_conditions_ruled_out(drill, lexicon.site_conditions_in(drill))


def test_indoors_only_and_a_tick_corrected_leave_out_the_open_air():
    text = "Outpatient lobby. Indoor only — the robot never needs to go outdoors, so no weatherproofing is needed."
    site = lexicon.site_conditions_in(text)
    assert site.required == () and lexicon.site_conditions_ruled_out(text, site) == ["outdoor"]
    text = "更正：环境那里勾了“户外”是勾错了。天气好的时候会在院子里搞活动，但机器人就放室内大厅，不用出去。"
    assert lexicon.site_conditions_ruled_out(text, lexicon.site_conditions_in(text)) == ["outdoor"]
    assert lexicon.site_conditions_in("The patrol must go outdoors between buildings.").required == (
        "outdoor",
    )


def test_indoors_and_out_and_light_rain_rate_for_the_open_air():
    assert lexicon.ratings([], [], "泳池清洁机器人，室内外泳池都能用，IP68水下作业。").rated == {
        "wet",
        "outdoor",
    }
    assert "outdoor" in lexicon.ratings([], [], "消杀机器人上门作业，设备IP65，小雨也能作业。").rated
    assert "outdoor" not in lexicon.ratings([], [], "室内使用，不能在小雨中作业").rated


def test_a_hazardous_area_stated_by_its_gas_group_or_zone_is_explosive():
    text = "厌氧罐、沼气柜周边巡检，沼气（甲烷为主）按IIA T3考虑，罐顶为1区；户外。"
    assert "explosive" in lexicon.site_conditions_in(text).required
    assert lexicon.site_conditions_in("注液机上下料，电解液挥发，区域按IIB T4防爆设计。").required == (
        "explosive",
    )
    assert lexicon.site_conditions_in("商场B1区是停车场，地面干燥。").required == ()
    assert "explosive" not in lexicon.site_conditions_in("办公楼不需要IIB防爆。").required


def test_a_place_left_out_of_this_round_later_in_its_sentence_is_not_the_site():
    site = lexicon.site_conditions_in(
        "要巡检。另外厂区另一头有煤气柜，那边有专门的防爆巡检，不在这次范围内。"
    )
    assert "toxic" not in site.required + site.mentioned
    assert "toxic" in lexicon.site_conditions_in("另外厂区另一头有煤气柜，那边要巡检。").required
    # Another place between: the round leaves that one out, not the first.
    kept = lexicon.site_conditions_in("车间地面有积水，东侧户外的堆场那部分都不在这次范围内。")
    assert "wet" in kept.mentioned and "outdoor" not in kept.required + kept.mentioned


def test_an_amount_for_an_occasion_of_some_hours_is_shared_out_by_the_hour():
    assert lexicon.budgets_in("想请消防机器人到操场做演示。演示 3 小时，一次 3000 元以内。") == {
        "sharing": 1000.0
    }
    text = "想租个人形机器人来跳跳舞，3个小时左右，总共一千块左右。"
    assert lexicon.budgets_in(text) == {"sharing": 1000.0 / 3}
    assert lexicon.budgets_in("每天工作8小时，每次500元以内") == {"sharing": 500.0}
    assert lexicon.budgets_in("想租两台机器人做活动，租三个月，总共不超过1万") == {}


def test_a_robot_that_must_stand_in_water_asks_for_a_wet_rating():
    assert lexicon.site_conditions_in("进去巡一下，看水位。要能泡水的。").required == ("wet",)


def test_a_place_the_robot_goes_into_is_kept_whatever_the_sentence_says_after():
    text = "仓库有冷库区和常温区，冷库区机器人要进，常温区机器人不用管。"
    assert lexicon.site_conditions_in(text).required == ("low_temperature",)
    assert lexicon.site_conditions_in("需要在冷库作业，不考虑租赁，只买断").required == ("low_temperature",)


def test_humanoids_a_need_asks_to_have_are_asked_for():
    assert lexicon.asks_humanoid("需要有2台人形机器人做迎宾")
    assert not lexicon.requires_humanoid("人形机器人仅限展厅内活动")


@pytest.mark.parametrize("code", list(lexicon.LANGUAGES))
def test_every_language_is_read_by_its_own_chinese_name(code):
    zh, _en, _words = lexicon.LANGUAGES[code]
    assert code in lexicon.languages_in(f"机器人支持{zh}交流")


def test_volume_prices_a_components_vendor_states():
    tiers = "阶梯价：1–99台1350元；100–499台1150元；500台以上980元/台。MOQ 20台"
    assert lexicon.volume_prices_in(tiers) == [(100, 1150.0), (500, 980.0)]
    assert lexicon.volume_prices_in("单价6800元（500套以上），样品价9800元") == [(500, 6800.0)]
    assert lexicon.volume_prices_in("批量价 5800 元/套（300 套起），交期 6 周") == [(300, 5800.0)]
    assert lexicon.volume_prices_in("480元/个，1000个以上420元") == [(1000, 420.0)]
    assert lexicon.volume_prices_in("CNY 420 for 1,000+ pcs") == [(1000, 420.0)]
    assert lexicon.volume_prices_in("3台以上每台9.5万元") == [(3, 95000.0)]
    # Units and a price side by side are no volume price: a package's, a month's.
    for text in ("需要3台，30万元", "2台G2+工装夹具，138万元/线", "含1台送餐机器人+调度平台，1700元/月"):
        assert lexicon.volume_prices_in(text) == [], text


def test_counted_things_are_no_money_and_a_target_price_is_a_budget():
    text = "Five fingertips per hand, about 200 hands next year, so roughly 1000 pieces. Target price 600 CNY per module."
    assert lexicon.budgets_in(text) == {"purchase": 600.0}
    assert lexicon.budgets_in("批量目标价每台1100元以内") == {"purchase": 1100.0}
    assert "toxic" in lexicon.site_conditions_in(
        "Electroplating line: acid mist and splashing everywhere"
    ).mentioned + (
        lexicon.site_conditions_in("Electroplating line: acid mist and splashing everywhere").required
    )


def test_a_budget_by_the_day_is_shared_use_over_the_days_hours_and_by_the_week_a_lease():
    text = "每天开馆10小时。预算按天算每台不超过1500元；如果按月租每台不超过2万元也能接受。"
    assert lexicon.budgets_in(text) == {"sharing": 150.0, "lease": 20000.0, "raas": 20000.0}
    assert lexicon.budgets_in("按天租，每台每天不超过2000元") == {"sharing": 2000 / lexicon.WORKING_DAY_HOURS}
    weekly = lexicon.budgets_in(
        "We need to rent one humanoid for one week. Weekly budget about CNY 5,000. We cannot buy."
    )
    assert round(weekly["lease"]) == 21429
    # A total for an occasion of a few hours, no way named: by the hour.
    host = "One humanoid to welcome guests, for about 3 hours. Total budget CNY 3,000 including an operator."
    assert lexicon.budgets_in(host) == {"sharing": 1000.0}
    # Orders a day are no money.
    assert lexicon.budgets_in("每天3万单左右，想要分拣机器人，直接买也行，预算20万") == {"purchase": 200000.0}


def test_packing_and_labelling_are_sorting_work_and_vacuum_packed_goods_need_no_cleaner():
    text = "We sell vacuum-packed shaobing and need help bagging, sealing and sticking shipping labels."
    assert lexicon.tasks_in(text) == ["sorting"]
    assert lexicon.tasks_in("电商村打包贴单机器人共享（按小时）") == ["sorting"]
    assert lexicon.tasks_in("robot vacuum for the lobby, vacuuming every night") == ["cleaning"]
    assert "sorting" not in lexicon.tasks_in("成品纸箱打包后码垛，每包25公斤"), "packed already: palletizing"


def test_a_curtain_wall_is_where_work_happens_and_a_planning_system_is_software():
    text = "幕墙清洗服务 按小时\n机器人+2名操作员，纯水清洗，适用 300 m 以下幕墙。"
    assert lexicon.tasks_in(text, ["construction"]) == ["cleaning"]
    assert "construction_work" in lexicon.tasks_in("幕墙单元板吊装就位", ["construction"])
    assert lexicon.asks_software("基于 BIM 的施工机器人导航与任务规划系统")
    assert lexicon.asks_software(
        "BIM", "想要一套基于 BIM 模型自动生成作业路径、分配任务的软件系统，支持 IFC 导入。"
    )


def test_a_humanoid_or_another_form_that_will_do_asks_for_no_humanoid_and_a_load_carried_is_a_payload():
    assert not lexicon.asks_humanoid("人形或AGV+机械臂都可以")
    assert not lexicon.asks_humanoid("想短租2台机器人，人形或者协作机械臂都行")
    assert not lexicon.asks_humanoid("A humanoid or an AGV with an arm will do")
    assert lexicon.asks_humanoid("需要人形机器人做上下料，或者先试用一台")
    assert lexicon.payload_in("满筒单个约2.5kg，但要一次把整盘（10个一盘，约25kg）搬到推车上") == 25.0


def test_thai_and_sign_language_a_voice_pack_and_answering_questions_open_water_outdoors():
    assert lexicon.languages_in("in at least Chinese, English, Japanese, Korean and Thai") == [
        "en",
        "ja",
        "ko",
        "th",
    ]
    assert lexicon.languages_in("支持中英日韩越") == ["en", "ja", "ko", "vi"]
    assert lexicon.languages_in("需要能用国家通用手语讲解") == ["sign"]
    assert "sign" not in lexicon.MAJOR_LANGUAGES, "twelve languages spoken say nothing of signing"
    assert lexicon.asks_software("讲解机器人离线多语种语音包（数据不出馆）")
    assert lexicon.tasks_in("robots that answer questions about customs and shuttle buses") == ["reception"]
    lifebuoy = lexicon.ratings([], [], "水面救生机器人（遥控救生圈）\n遥控动力救生圈，海边、水库都能用")
    assert {"wet", "outdoor"} <= lifebuoy.rated
    assert "outdoor" not in lexicon.ratings([], [], "泳池清洁机器人\n防水").rated
    rov = lexicon.ratings([], [], "观察级水下机器人 HZ-ROV300\n300m级，声呐+高清，桥墩冲刷检测，落水搜寻")
    assert "outdoor" not in rov.rated, "under the water is not in the open air"


def test_a_robot_that_works_under_water_is_rated_for_wet_sites_and_the_sea_is_open_air():
    pool = lexicon.ratings([], [], "家境 泳池清洁机器人\n水下自动清洁池底池壁和水线，家庭泳池适用。")
    assert pool.rated == {"wet"}
    rov = lexicon.ratings(
        [], [], "九援 水下救援机器人（ROV）\n落水人员搜寻，下潜150米。海上和内河都能用，船上或岸上布放。"
    )
    assert {"wet", "outdoor"} <= rov.rated
    assert "wet" not in lexicon.ratings([], [], "巡检机器人，不能在水下使用").rated


def test_things_counted_in_english_are_not_money():
    text = "Our pharmacy handles about 3,000 prescriptions a day. Purchase; budget up to RMB 2 million."
    assert lexicon.budgets_in(text) == {"purchase": 2000000.0}
    assert lexicon.budgets_in("Budget RMB 5,000 plus tax per month") == {"lease": 5000.0, "raas": 5000.0}


def test_an_assembly_line_is_a_place_and_carrying_is_handling():
    text = (
        "Need robot to carry chair bases and seats from assembly line to packing area, heaviest part 12 kg."
    )
    assert lexicon.tasks_in(text) == ["handling"]
    assert "handling" not in lexicon.tasks_in("We carry out daily inspection rounds of the pumps")
    assert lexicon.tasks_in("想弄个能把他从床上弄到轮椅、马桶上的机器") == ["mobility_assist"]


def test_a_device_for_the_shower_and_a_fryer_floor_it_was_made_for_rate_it_for_wet_sites():
    radar = lexicon.ratings([], [], "跌倒监测雷达\n卫生间版IP65防水，可直接装在淋浴区。")
    assert "wet" in radar.rated
    assert "wet" not in lexicon.ratings([], [], "跌倒监测雷达\n卧室用，IP54").rated
    assert "wet" not in lexicon.ratings([], [], "卫生间不能装").rated
    hotpot = lexicon.ratings([], [], "传菜人形机器人\n防滑轮，专为地面湿滑油腻、蒸汽大的火锅店设计")
    assert "wet" in hotpot.rated
    assert "wet" in lexicon.ratings([], [], "A delivery robot designed for wet kitchen floors").rated


def test_no_cameras_said_plainly_a_preference_after_the_rating_and_a_robot_that_must_go_outdoors():
    assert lexicon.refuses_camera("设备要装在卫生间里，而且不能用摄像头，老人不接受")
    assert not lexicon.refuses_camera("已有摄像头能用")
    wished = lexicon.site_conditions_in("需要四合一气体模组，RS485接口。能做本安的更好，不是必须。")
    assert "explosive" not in wished.required and "explosive" in wished.mentioned
    assert "explosive" in lexicon.site_conditions_in("模组必须是本安型").required
    outdoors = lexicon.site_conditions_in("中间是露天步道，想找一个能在户外走的送餐机器人")
    assert "outdoor" in outdoors.required


def test_inspecting_weld_seams_is_quality_inspection_and_a_vision_model_is_software():
    assert lexicon.tasks_in("Vision AI for weld-seam inspection") == ["quality_inspection"]
    assert lexicon.tasks_in("焊缝检测：咬边、气孔") == ["quality_inspection"]
    assert lexicon.tasks_in("焊接机器人，带焊缝跟踪") == ["welding"]
    assert lexicon.asks_software("Vision AI for weld-seam inspection (subscription)")
    assert lexicon.asks_software("布面瑕疵识别算法")
    assert not lexicon.asks_software("Welding robot for compressor housings")


def test_budgets_in_a_posts_shorthand():
    assert lexicon.budgets_in("病区夜班 送水送药 租半年 1w/月") == {"lease": 10000.0, "raas": 10000.0}
    shorthand = lexicon.budgets_in("门诊大厅 导诊 问路。买10w内 or 租5k/月")
    assert shorthand == {"purchase": 100000.0, "lease": 5000.0, "raas": 5000.0}
    assert lexicon.modes_in("买 25w以内") == ["purchase"]
    assert lexicon.modes_in("不买10w的") == []
    weekly = lexicon.budgets_in("租一周 2k/周 按小时也行300/h")
    assert weekly["sharing"] == 300.0 and round(weekly["lease"]) == round(2000 * 30 / 7)
    assert lexicon.budgets_in("5年内交付，室内外都能用") == {}


def test_buying_so_many_units_or_buying_outright_asks_to_purchase():
    """买3台，每台不超过30万: the experts read a purchase; so 买，10万以内 and 直接买."""
    assert lexicon.modes_in("托盘800公斤。买3台，每台不超过30万。") == ["purchase"]
    assert lexicon.modes_in("给会员家庭配，买 50 台，单价 5000 以内。") == ["purchase"]
    assert lexicon.modes_in("柑橘园200亩，坡度大。买，10万以内。") == ["purchase"]
    assert lexicon.modes_in("要能拖地的，每台5000元以内，直接买。") == ["purchase"]
    assert lexicon.modes_in("不买3台，先租一台。") == ["lease"]
    assert lexicon.modes_in("采购3台，每台30万以内。") == ["purchase"]  # its own word, as before
    # A way the clause calls not worth it is turned down, not asked for.
    assert lexicon.modes_in("病区只有两层，买一台消毒机器人不划算。希望有服务商每次带机器人来") == []
    assert lexicon.modes_in("一天也就几个小时，买和长租都不划算。想按小时付费") == ["sharing"]


def test_ways_a_list_turns_down_are_not_asked_for_anywhere_in_the_text():
    """我不想再办什么会员、订阅、按月付……之前被一个净水器的订阅坑过，就一次买断: bought
    outright; the subscription named again later is the one that burned her."""
    text = "我不想再办什么会员、订阅、按月付，之前被一个净水器的订阅坑过，就一次买断，三千块以内。"
    assert lexicon.modes_in(text) == ["purchase"]
    assert lexicon.modes_in("或者按小时付费都行，不想签月租。") == ["sharing"]
    # More vehicles turned down is not buying turned down: the software is bought.
    assert lexicon.modes_in("车够用了，不想再买车，想要一套调度软件，预算二十万以内买断。") == ["purchase"]


def test_grams_are_no_money_a_monthly_total_is_a_rate_and_a_rent_said_after_a_units_price():
    assert lexicon.budgets_in("灵巧手重量500克以内，每只不超过5万。") == {"purchase": 50000.0}
    monthly = lexicon.budgets_in("每个月总共不超过2000元，租或者按月付都行，买不起")
    assert monthly == {"lease": 2000.0, "raas": 2000.0}
    both = lexicon.budgets_in("单台预算不超过130万元；也可以考虑租赁，月租4万以内。")
    assert both == {"purchase": 1300000.0, "lease": 40000.0, "raas": 40000.0}
    assert lexicon.budgets_in("想租赁，每台不超过3000") == {"lease": 3000.0, "raas": 3000.0}


def test_running_in_all_weathers_is_required_and_a_kitchens_exhaust_is_no_firefighting():
    port = lexicon.site_conditions_in("港区户外，台风季、下雨天都要跑。")
    assert "outdoor" in port.required
    assert lexicon.tasks_in("厨房高温油烟大，但我们有排烟设备。") == []
    assert lexicon.tasks_in("隧道火灾排烟机器人") == ["firefighting"]


def test_a_tenders_headings_ask_for_no_purchase_and_a_service_procured_is_a_subscription():
    tender = "采购内容：演练中使用配送机器人 2 台。预算金额：每台每小时不超过 800 元。"
    assert lexicon.modes_in(tender) == []
    assert lexicon.budgets_in(tender) == {"sharing": 800.0}
    assert lexicon.modes_in("采购内容：租赁建筑机器人 4–6 台") == ["lease"]
    assert lexicon.modes_in("计划采购2台") == ["purchase"]
    assert lexicon.modes_in("居家安全看护监测服务采购") == ["raas"]
    assert lexicon.modes_in("Monthly fee preferred, max 8,000 RMB/month.") == ["raas"]
    assert lexicon.budgets_in("想买一台人形机器人陪老人聊天。经费只有2万元。") == {"purchase": 20000.0}
    # 按小时计费每台: a rate by the hour for each unit, not a unit's price.
    hourly = "预算金额：按小时计费每台不超过 2000 元；如按月租赁，每台不超过 4 万元/月。"
    assert lexicon.budgets_in(hourly) == {"sharing": 2000.0, "lease": 40000.0, "raas": 40000.0}


def test_each_way_named_with_its_own_amount_keeps_it():
    # 月租 stands for a subscription too, until the subscription's own amount is said.
    assert lexicon.budgets_in("按月付费，月租1800或者订阅1500以内。") == {"lease": 1800.0, "raas": 1500.0}
    assert lexicon.budgets_in("订阅1500以内或者月租1800") == {"raas": 1500.0, "lease": 1800.0}
    assert lexicon.budgets_in("月租预算3500元") == {"lease": 3500.0, "raas": 3500.0}


def test_budgets_said_as_posters_say_them():
    assert lexicon.budgets_in("月租五千以内，或者按钟头八十以内。")["sharing"] == 80.0
    assert lexicon.budgets_in("财政批了100万，采购一台。") == {"purchase": 1_000_000.0}
    yearly = lexicon.budgets_in("钱的话院里一年大概能拿出十来万，买的租的都可以谈。")
    assert round(yearly["lease"]) == round(100_000 / 12)
    # A unit's amount in a text naming another way only as a second choice is a purchase.
    served = "预算按每台40万以内考虑，也可以接受按月服务。"
    assert lexicon.budgets_in(served) == {"purchase": 400_000.0}
    assert lexicon.modes_in(served) == ["purchase", "raas"]
    assert lexicon.budgets_in("每台不超过3000，想租") == {"lease": 3000.0, "raas": 3000.0}
    assert lexicon.modes_in("不买，也可以接受按月服务") == ["raas"]


def test_a_cap_on_the_price_is_a_budget():
    text = "We only do subscription (RaaS), cap 25k per robot per month."
    assert lexicon.budgets_in(text) == {"lease": 25000.0, "raas": 25000.0}
    assert lexicon.budgets_in("Budget capped at 300k for the purchase") == {"purchase": 300000.0}
    assert lexicon.budgets_in("月租顶多八千") == {"lease": 8000.0, "raas": 8000.0}
    # Not a capacity, nor a cap on something else than money.
    assert lexicon.budgets_in("The gripper capacity is 5000 g") == {}
    assert lexicon.budgets_in("payload cap 20 kg") == {}


def test_robots_of_several_makers_that_do_not_work_together_ask_for_a_platform_over_them():
    agv = "陆续买了三家的AGV，每家都有自己的调度系统，互相看不见。有没有办法让它们统一听一个系统指挥？"
    assert lexicon.software_asked("厂里几家AGV各管各的", agv) == "fleet"
    lifts = (
        "三家公司的配送机器人，梯控只接了一家。能不能有一个平台统一调度、统一乘梯？我们不打算再买新机器人。"
    )
    assert lexicon.software_asked("物流机器人和电梯打不通", lifts) == "fleet"
    assert lexicon.software_asked("配送机器人10台", "需要10台配送机器人，支持统一调度") is None
    # Each with its own scheduler, the trouble said to be the scheduling; each hotel
    # watching its own app, a group-wide view asked for (想要一个集团级平台：...).
    jams = "3 个品牌共 27 台 AGV，各用各的调度系统，路口经常堵车。我们觉得根本问题是调度。"
    assert lexicon.software_asked("厂内 AGV 老堵车，要不要再买机器人？", jams) == "fleet"
    hotels = (
        "送物机器人14台（两个品牌），现在每家酒店各看各的APP。想要一个集团级平台：实时看在线状态、故障告警。"
    )
    assert lexicon.software_asked("酒店集团送物机器人运营", hotels) == "fleet"
    assert lexicon.asks_software("酒店集团送物机器人统一监控看板")
    assert lexicon.asks_software("Fleet dashboard for our delivery robots")
    # No more robots added, the ones had brought under one scheduler.
    grown = (
        "三个厂家的配送机器人抢电梯。\n信息科的意见是不再增加机器人数量，先把现有设备统一调度、统一管电梯。"
    )
    assert lexicon.software_asked("院内物流机器人抢电梯", grown) == "fleet"
    assert lexicon.software_asked("配送机器人", "不增加机器人，只换电池") is None
    # Robots each doing their own work ask for no platform.
    assert lexicon.software_asked("两个车间的焊接机器人", "两个车间各用各的焊接机器人，想再加2台") is None


def test_tasks_asked_for_are_those_of_a_sentence_asking_not_those_naming_the_place():
    from marketplace.search.readings import read_demand

    tour = (
        "集团整车厂今年开放工业旅游，参观路线是展厅→总装车间参观通道。展厅里想放一个人形机器人做迎宾讲解，"
        "讲企业历史和产品。焊装车间旁边的参观通道有玻璃隔断，焊接飞溅、高温都在隔断另一侧。"
    )
    assert read_demand("工厂开放日讲解机器人", tour, "manufacturing")["tasks"] == ["reception"]
    # The title's tasks stay asked for, whichever sentence names them; a final
    # assembly shop (总装车间) names the place, and loads no lorry (装车).
    assert lexicon.tasks_in("总装车间") == []
    assert read_demand("总装车间参观讲解机器人", tour, "manufacturing")["tasks"] == ["reception"]
    assert read_demand("讲解兼巡检机器人", tour, "manufacturing")["tasks"] == [
        "patrol_inspection",
        "reception",
    ]
    # Two robots asked for in one sentence (its parts split by ；) are both asked for.
    two = "需要两类机器人：一台迎宾讲解机器人，带参观者走展线；一台能遥控喷水雾演示的消防机器人。"
    assert set(read_demand("科普馆机器人", two, "emergency")["tasks"]) == {"reception", "firefighting"}
    # A text where no sentence asks keeps every task it names.
    plain = "车间上下料和搬运全靠人工。两班倒。"
    assert lexicon.tasks_asked_in(plain, ["loading", "handling"]) == ["loading", "handling"]
    # An English cue is a word of its own: a plant is no plan.
    plant = "We run a welding plant. We want robots for loading and unloading."
    assert lexicon.tasks_asked_in(plant, ["loading", "welding"]) == ["loading"]
    needed = "We run a welding plant. Robots for loading and unloading are needed."
    assert lexicon.tasks_asked_in(needed, ["loading", "welding"]) == ["loading"]
    # A bonus wished for is in a sentence that asks (顺带扫扫地更好).
    home = "想找个机器人陪她说说话、提醒吃药。顺带扫扫地更好，不扫也行。"
    assert lexicon.tasks_asked_in(home, ["companionship", "cleaning"]) == ["companionship", "cleaning"]
    assert lexicon.tasks_asked_in(
        "We would like a robot to greet guests. The hall hosts welding shows.",
        [
            "welding",
            "reception",
        ],
    ) == ["reception"]


def test_managed_hire_is_a_subscription_and_hire_by_the_session_is_shared_use():
    assert lexicon.modes_in("只租三个月，租赁或按月托管都行") == ["lease", "raas"]
    assert "raas" not in lexicon.modes_in("我们自己的人操作，只要月租，不要托管服务")
    assert lexicon.modes_in("开业三天，按场租") == ["sharing"]
    assert lexicon.budgets_in("按场租，每场预算5000元（含运输和操作员）") == {"sharing": 5000.0}


def test_a_hospital_lab_is_a_place_and_pulling_carts_is_handling():
    # 检验科 is the department, not quality inspection work.
    assert lexicon.tasks_in("检验科标本前处理，离心、开盖、分杯全部人工") == []
    assert lexicon.tasks_in("想找机器人把推车拉过去，买或租都行") == ["handling"]
    assert lexicon.tasks_in("仓库拉货") == ["handling"]


def test_an_isolator_and_a_clean_operating_suite_are_clean_sites_and_resisting_disinfectant_is_no_task():
    # Inside an isolator is a clean site; 无菌 (sterile) negates nothing after it.
    assert lexicon.site_conditions_in("无菌灌装线隔离器（A级）内取样、剔废").required == ("cleanroom",)
    suite = "机器人必须能在洁净手术部内使用（低发尘、耐消毒擦拭）"
    assert lexicon.site_conditions_in(suite).required == ("cleanroom",)
    assert lexicon.tasks_in(suite) == []
    assert lexicon.tasks_in("每天对扶手消毒擦拭") == ["disinfection"]


def test_wet_places_posters_describe():
    assert lexicon.site_conditions_in("机器人得能进卫生间、污物间这种湿的地方。").required == ("wet",)
    assert lexicon.site_conditions_in("去污区清洗机旁边地面常年有水").mentioned == ("wet",)


def test_a_site_that_becomes_clean_only_when_built_is_no_clean_site_yet():
    renovation = "百级/万级洁净手术室改造，目前是毛坯施工现场（还不是洁净区，竣工后才做洁净检测）。"
    assert lexicon.site_conditions_in(renovation).required == ()
    assert lexicon.site_conditions_in("百级洁净手术室内配送，机器人必须低发尘。").required == ("cleanroom",)


def test_wander_detection_and_a_nurse_call_are_care_monitoring():
    from marketplace.search.readings import read_demand

    text = "Need 2 night-patrol robots for our dementia wing, wander detection + call nurse. lease ok, 4k/month each."
    assert "care_monitoring" in read_demand("Night robots for the dementia wing", text, "eldercare")["tasks"]
    assert lexicon.tasks_in("夜间识别老人游走、走失并呼叫护士", ["eldercare"]) == ["care_monitoring"]


def test_a_hazard_next_door_or_of_a_building_yet_to_be_finished_is_not_the_sites():
    shell = "业主说以后车间是洁净车间，但我们施工时还是毛坯，现场只有粉尘。"
    assert lexicon.site_conditions_in(shell).required == ()
    paint = "隔壁是喷漆车间（有防爆要求），但我们装配车间是普通环境。"
    assert lexicon.site_conditions_in(paint).required == ()
    assert lexicon.site_conditions_in("喷漆车间有防爆要求。").required == ("explosive",)


def test_an_unenclosed_floor_is_no_negation_of_the_open_air():
    slab = "整机IP54，可在已浇筑未封闭的露天楼面作业（中雨以上暂停）"
    assert "outdoor" in lexicon.ratings([], [], slab).rated
    assert "outdoor" not in lexicon.ratings([], [], "仅限室内使用，非露天").rated


def test_a_piece_that_weighs_is_no_yuan_and_a_bare_amount_gives_way_to_a_rent_said_after():
    # 块 counts pieces when a weight follows (一块最重45kg), not yuan.
    mould = "边模+磁盒一块最重45kg左右，工人一天弯腰几百次。想上自动布模机器人，直接买断，预算150万以内。"
    assert lexicon.budgets_in(mould) == {"purchase": 1500000.0}
    assert lexicon.budgets_in("砖一块 15 公斤左右。想租一台砌砖机器人，月租 3 万以内。")["lease"] == 30000.0
    assert lexicon.budgets_in("预算一千块") == {"purchase": 1000.0}
    # A bare amount taken for the only way asked (租) gives way to the rent said after it.
    rehab = "中心规模不大，预算20万以内，也可以租，租的话每月不超过9000。"
    assert lexicon.budgets_in(rehab)["lease"] == 9000.0
    assert lexicon.budgets_in("想租用，预算3000以内")["lease"] == 3000.0


def test_a_rack_or_a_trip_carries_its_weight():
    assert lexicon.payload_in("灭菌架连器械包一架大概50–60公斤。") == 60.0
    assert lexicon.payload_in("每趟最多送20公斤") == 20.0


def test_a_training_room_or_a_drill_acts_out_its_hazards_and_a_show_is_held_where_it_is():
    """实训 and 比武 are trainings and drills as 演练 is: the leak they act out is no
    condition of the site. A show (开业表演) is held at a real place: the open-air plaza
    it names is where the robot performs."""
    classroom = "拟建消防机器人实训教室，实训科目模拟石化储罐火灾、危化品泄漏等易燃易爆场景。需要4台实训用消防机器人。"
    assert lexicon.site_conditions_in(classroom).required == ()
    assert set(lexicon.site_conditions_in(classroom).mentioned) >= {"toxic", "explosive"}
    assert "toxic" in lexicon.site_conditions_in("储罐区危化品泄漏处置，需要4台机器人。").required
    show = "新店开业3天，主舞台在门口露天广场，表演机器人要能在小雨里照常上。"
    assert "outdoor" in lexicon.site_conditions_in(show).required


def test_a_robot_said_to_stay_indoors_drops_the_outdoors_its_text_names():
    pier = "想在码头候船厅放两台导览机器人。海边空气潮，盐分大，不过机器人在室内。"
    assert lexicon.site_conditions_in(pier) == lexicon.SiteConditions((), ())
    assert lexicon.site_conditions_in("梅雨季馆内比较潮，但都是室内。").mentioned == ()
    assert lexicon.site_conditions_in("想在码头候船厅放两台导览机器人。海边空气潮。").mentioned == (
        "outdoor",
    )
    assert lexicon.site_conditions_in("码头堆场巡检，室内外都要巡。").mentioned == ("outdoor",)


def test_a_hazard_of_a_later_phase_or_across_the_road_is_not_the_sites():
    later = "一期中控楼夜间巡查。二期罐区明年才投产，到时候另外采购防爆设备，这次只管楼内。"
    assert lexicon.site_conditions_in(later).required == ()
    assert (
        lexicon.site_conditions_in("药房到病区送药。医院大门对面就是加油站，罐区可燃气体多。").required == ()
    )
    assert lexicon.site_conditions_in("罐区可燃气体多，巡检机器人。").required == ("explosive",)


def test_a_hazard_another_crew_works_in_is_not_the_robots_site():
    site = "工地露天，要搬运砌块、砂浆。地下室防水施工用的涂料有毒，但那是另外的班组，不归机器人管。"
    assert "toxic" not in {
        *lexicon.site_conditions_in(site).required,
        *lexicon.site_conditions_in(site).mentioned,
    }
    own = lexicon.site_conditions_in("地下室防水施工，涂料有毒，机器人要进地下室。")
    assert "toxic" in {*own.required, *own.mentioned}


def test_an_offering_suited_to_toxic_surroundings_is_rated_for_them():
    rail = "本安型 Ex ib IIB T4，挂轨运行。外壳316不锈钢，防腐，适合化工园区及城市管廊有毒介质环境。"
    assert lexicon.ratings(["explosive"], [], rail).rated == {"explosive", "toxic"}
    assert "toxic" not in lexicon.ratings(["explosive"], [], "本安型挂轨，适合城市管廊。").rated
    humanoid = "防爆人形，双臂 15kg，可开关阀门、取样、读表，机身耐一般有机溶剂蒸气。"
    assert "toxic" in lexicon.ratings(["explosive"], [], humanoid).rated
    assert "toxic" not in lexicon.ratings([], [], "喷涂车间用，溶剂型涂料。").rated


def test_an_offering_measuring_a_toxic_gas_and_guarded_against_corrosion_is_rated_for_it():
    barn = "吊轨式，测氨气、硫化氢、温湿度，AI盘点猪只，防腐蚀IP66，可承受冲栏水雾。"
    assert "toxic" in lexicon.ratings([], [], barn).rated
    kit = "四足巡检，整机IP67；可选配H2S、NH3、VOC气体检测和防腐涂层，适用污水站。"
    assert "toxic" in lexicon.ratings(["outdoor"], [], kit).rated
    # Either alone is not enough, nor a gas it says it does not measure.
    assert "toxic" not in lexicon.ratings([], [], "测氨气、硫化氢、温湿度，IP66。").rated
    assert "toxic" not in lexicon.ratings([], [], "316不锈钢机身，防腐涂层，IP67。").rated
    lng = "海边盐雾防腐，IP66。仅配甲烷检测，不检测H2S等有毒气体。"
    assert "toxic" not in lexicon.ratings(["explosive"], [], lng).rated


def test_a_platform_to_be_set_up_or_over_robots_each_with_its_own_back_end_is_software():
    park = "化工园区要上一个有毒可燃气体监测预警平台，把企业的探测器接进来。订阅制。"
    assert lexicon.asks_software("化工园区气体监测预警", park)
    assert lexicon.asks_software("智慧消防", "今年建设智慧消防综合管理平台，接入全区消防设施。")
    assert not lexicon.asks_software(
        "实训室", "要建一个40人实训室：6台教学协作臂、2台人形机器人、配套课程和考核平台。"
    )
    hotel = (
        "我们酒店有12台机器人，三个牌子，各有各的后台，经常抢电梯。想要一套平台把它们统一调度管起来。"
        "不考虑再买新机器人。"
    )
    assert lexicon.software_asked("酒店现有机器人统一调度", hotel) == "fleet"


def test_a_rainy_season_is_a_time_of_year_not_the_open_air():
    damp = "3万平方成品仓库，晚上想找个robot夜里自己巡。仓库梅雨季比较潮，但不会淋水，也不是防爆区。"
    assert "outdoor" not in lexicon.site_conditions_in(damp).mentioned
    assert lexicon.site_conditions_in("雨季堆场也要照常巡检。").required == ("outdoor",)


def test_a_wet_room_another_machine_is_sought_for_is_not_this_sites():
    damp = "敬老院房间地面拖干。就是潮，不是积水，不用冲洗（卫生间浴室那台另外在找）。一台五千以内。"
    assert lexicon.site_conditions_in(damp) == lexicon.SiteConditions((), ())
    assert "wet" in lexicon.site_conditions_in("卫生间浴室也必须覆盖，每天冲洗。").required


def test_a_wage_a_worker_cannot_be_hired_for_is_no_budget():
    text = "验布工一个月8000还招不到人。想上AI验布，先试用一个月，按月付费，每台每月5000以内。"
    assert lexicon.budgets_in(text) == {"lease": 5000.0, "raas": 5000.0}
    assert lexicon.budgets_in("预算不到5万，想买一台") == {"purchase": 50000.0}


def test_a_total_budget_is_shared_by_the_units_it_buys():
    tender = "采购内容：智能配送机器人8台及配套调度管理平台1套。四、项目预算：人民币160万元（含5年维保）。"
    assert lexicon.units_wanted_in(tender) == 8
    assert lexicon.budgets_in(tender) == {"purchase": 200000.0}
    assert lexicon.budgets_in("3台，项目总预算18万元。") == {"purchase": 60000.0}
    assert lexicon.budgets_in("预算金额：180 万元（2 台，含安装调试及首年运维）") == {"purchase": 900000.0}
    assert lexicon.budgets_in("Purchase only, total budget CNY 360,000 for all 6 units.") == {
        "purchase": 60000.0
    }
    # A unit's amount said beside the total is the one to take.
    assert lexicon.budgets_in("总预算40万左右（每台20万上下）") == {"purchase": 200000.0}
    # Machines the plant has already are not the units it wants.
    assert lexicon.units_wanted_in("现有立式加工中心16台，预算30万") is None


def test_a_bare_amount_for_an_occasion_of_known_hours_is_shared_by_its_hours():
    show = "演练半天（4小时），按次/按小时付费，预算一万二以内。"
    assert lexicon.budgets_in(show) == {"sharing": 3000.0}
    assert lexicon.budgets_in("活动3小时，按小时租，每小时800以内") == {"sharing": 800.0}
    # A day's amount is made an hourly rate once, not twice.
    day = "演练2天，按小时计费，每天预算1万元（按8小时算）。"
    assert lexicon.budgets_in(day) == {"sharing": 1250.0}


def test_a_few_of_a_unit_is_read_as_about_five_of_it():
    assert lexicon.budgets_in("一个月几千块能接受，按月付或者租") == {"lease": 5000.0, "raas": 5000.0}
    assert lexicon.budgets_in("每月几百块能接受") == {"lease": 500.0, "raas": 500.0}
    assert lexicon.budgets_in("预算几十万") == {"purchase": 500000.0}
    assert lexicon.budgets_in("预算十几万") == {"purchase": 150000.0}
    assert lexicon.budgets_in("预算二十几万") == {"purchase": 250000.0}
    # A figure said exactly stays as it is.
    assert lexicon.budgets_in("预算3千") == {"purchase": 3000.0}
    assert lexicon.budgets_in("一台一两万") == {"purchase": 20000.0}


def test_a_total_for_a_show_of_several_days_is_shared_by_its_hours_and_units():
    assert lexicon.budgets_in("展会上做装配动作演示，顺便迎宾。就两天，每天 8 小时，总预算三万以内。") == {
        "sharing": 1875.0
    }
    # A working day's hours when the text does not say them; each unit's share of a total.
    assert lexicon.budgets_in("年会演出，一共3天。按天或按小时都行，两台三天总计8万以内。") == {
        "sharing": 80000 / 2 / 24
    }
    # A rate by the hour stays one, even summed over units; an amount by the show is by its hours.
    assert lexicon.budgets_in("开放日就一天，按小时租，两台合计每小时1000元以内。") == {"sharing": 1000.0}
    assert (
        lexicon.budgets_in("科普剧场演一场（2 小时左右），每场每台 4000 元以内（相当于每小时 2000）。")[
            "sharing"
        ]
        == 2000.0
    )
    # Days that are no occasion's: a lead time.
    assert lexicon.budgets_in("交货期45天，预算30万") == {"purchase": 300000.0}


def test_hundreds_of_steps_are_no_class_100_cleanroom():
    steps = "从停车点到客栈要走几百级石台阶，游客的行李全靠挑夫"
    assert lexicon.site_conditions_in(steps) == lexicon.SiteConditions((), ())
    assert lexicon.site_conditions_in("百级洁净车间，必须满足").required == ("cleanroom",)
    assert lexicon.site_conditions_in("车间为千级洁净区").required == ("cleanroom",)


@pytest.mark.parametrize(
    "text, first",
    [
        ("希望先租后买。", True),
        ("先租6个月看效果，满意再买断。", True),
        ("想先租一台试三个月，没问题再买。", True),
        ("Lease first, then buy if it works.", True),
        ("We lease for three months, then purchase.", True),
        ("可以采购，也可以先租后买。", False),  # one way among others
        ("We would also accept a 3-month lease first.", False),
        ("不考虑先租后买，直接采购。", False),  # declined
        ("先试用两台一个月，满意再买。", False),  # a trial: vendors lend for one
        ("先买一台，好用再加。", False),
    ],
)
def test_a_need_that_leases_before_it_buys(text, first):
    assert lexicon.leases_first(text) is first


def test_inspecting_for_fire_hazards_is_patrol_not_firefighting():
    """A patrol that checks extinguishers and fire hazards (灭火器缺失, 火灾隐患巡查,
    烟火识别) asks for inspection; a robot that puts out fires is another trade."""
    text = "面料库房夜间火灾隐患巡查：检查电气线路过热、烟火识别、灭火器缺失。"
    assert lexicon.tasks_in(text, ["emergency"]) == ["patrol_inspection"]
    assert "firefighting" in lexicon.tasks_in("仓库着火时进去灭火，要能出水炮。", ["emergency"])


def test_a_robot_kept_off_the_burning_floor_does_not_need_a_heat_rating():
    text = "高层建筑火灾时，到火场时消防员体力已消耗一大半。机器人只在已排烟的安全楼梯间里走，不进着火楼层。"
    assert lexicon.site_conditions_in(text).required == ()
    assert "high_temperature" in lexicon.site_conditions_in(text).mentioned
    assert lexicon.site_conditions_in("机器人要能进入着火楼层侦察。").required == ("high_temperature",)


def test_what_a_robot_is_to_carry_each_trip_is_its_payload():
    assert lexicon.payload_in("想找能爬楼梯运送器材的机器人，每次至少运80公斤。") == 80.0
    assert lexicon.payload_in("每次至少运送80公斤器材") == 80.0
    assert lexicon.payload_in("运送距离80米") is None


@pytest.mark.parametrize(
    "text, asked",
    [
        ("门店货架缺货识别（不要机器人）", "software"),
        ("想建一套沉浸式演练推演系统。不需要实体机器人，也不进真实火场。", "software"),
        ("We want crowding alerts. We do not want robots roaming the galleries.", "software"),
        ("夜里扫货架看缺货。不需要机器人真的上架，能扫就行。", None),  # a job it is kept from
        ("超市理货，冷冻区不用机器人。", None),  # a place it is kept from
    ],
)
def test_a_need_refusing_robots_themselves_asks_for_software(text, asked):
    assert lexicon.software_asked("需求", text) == asked


def test_a_dash_turning_to_the_amounts_ends_the_way_before_it():
    text = "先租2台用3个月，效果好就买断——月租每台8000元以内，买的话每台15万上下能接受。"
    assert lexicon.budgets_in(text) == {"lease": 8000.0, "raas": 8000.0, "purchase": 150000.0}
    # Elsewhere a dash joins a requirement to what it requires.
    text = "补充说明：新增要求——需陪同长者在院内花园步道散步（户外，需防雨）。"
    assert "outdoor" in lexicon.site_conditions_in(text).required


def test_some_ten_kilograms_is_about_fifteen():
    assert lexicon.payload_in("想要能跑腿的机器人，一次最多送十几公斤。") == 15.0
    assert lexicon.payload_in("单件二十几公斤") == 25.0
    assert lexicon.payload_in("老人最重的九十多公斤。") == 90.0


def test_heat_upstream_of_work_said_to_be_at_room_temperature_is_not_the_sites():
    text = (
        "热处理线清洗机—检测台之间上下料（常温段）\n热处理分厂，齿轮件从回火炉出来要经过冷却段，"
        "到清洗机前已经是常温了。机器人只在清洗机和检测台之间上下料。"
    )
    assert lexicon.site_conditions_in(text) == lexicon.SiteConditions((), ())
    assert lexicon.site_conditions_in("热处理车间上下料。").required == ("high_temperature",)
    # Stated in so many words, it stays.
    assert lexicon.site_conditions_in("热处理工位，必须耐高温，工件冷却到室温后再检测").required == (
        "high_temperature",
    )


def test_cameras_named_by_their_technique_are_vision_sensors():
    assert lexicon.parts_in("工业3D结构光相机，工作距离1–3.5米") == ["vision_sensor"]
    assert lexicon.parts_in("Industrial 3D ToF camera, 0.5–4 m") == ["vision_sensor"]


def test_a_few_cameras_and_software_would_do_asks_for_software():
    prose = "老板不想动线体，最好装几个相机加个软件就能搞定。预算二十万上下。"
    assert lexicon.asks_software("总装线末端外观检查老漏检", prose)
    assert not lexicon.asks_software("焊接机器人", "机器人配个系统就行")


@pytest.mark.parametrize(
    "title, prose, asked",
    [
        (
            "辖区高层建筑消防设施远程监测",
            "想要一个系统能远程看到各单位消防主机报警、喷淋水压、消火栓压力，有问题自动推送。",
            "software",
        ),
        (
            "景区高点摄像头加AI烟火识别",
            "山头已经装了20个高点摄像头，值班员盯不过来，想加AI自动识别烟点火点报警。",
            "software",
        ),
        (
            "支队多品牌消防机器人接入指挥中心",
            "现有机器人12台，来自4个厂家，各用各的遥控终端。想把这些机器人的视频、位置接到指挥中心一个平台上。",
            "fleet",
        ),
        ("仓库巡检", "想要一个能自己巡检仓库的机器人。", None),
        (
            "厂区现有摄像头AI识别，不想再往装置区放机器人",
            "厂区已经装了800多路防爆摄像头，中控室看不过来。想用AI自动识别跑冒滴漏、烟火。"
            "我们不想再往装置区放机器人了（防爆审批麻烦）。",
            "software",
        ),
        ("仓库巡检", "不想上机器人巡检，人工就行", None),
        ("200台机床想联网看开机率（SaaS）", "想知道每台设备开机率、停机原因，车间装个大屏看板。", "software"),
        ("送餐机器人", "要能按月付的RaaS", None),
        ("展厅讲解", "因园区数据安全审查，不接受任何公有云/SaaS方案，必须私有化本地部署。", None),
    ],
)
def test_a_system_that_does_cameras_had_and_fleets_on_one_platform_ask_for_software(title, prose, asked):
    assert lexicon.software_asked(title, prose) == asked


def test_fire_safety_equipment_checked_names_no_firefighting():
    assert lexicon.tasks_in("消防设施远程监测：消防主机报警、消火栓压力、消防水箱液位") == []
    assert lexicon.tasks_in("高层建筑消防灭火机器人") == ["firefighting"]


def test_a_rating_the_text_waives_rules_out_the_ticked_condition():
    text = (
        "我在环境里勾了“易燃易爆”，后来跟厂家聊了一下，训练场是露天的，不属于爆炸危险区域，"
        "防爆其实不是必须的，不用为了防爆多花钱。"
    )
    assert lexicon.site_conditions_ruled_out(text, lexicon.site_conditions_in(text)) == ["explosive"]
    text = "车间有易燃易爆粉尘，必须防爆。"
    assert lexicon.site_conditions_ruled_out(text, lexicon.site_conditions_in(text)) == []


def test_a_ticked_hazard_the_text_places_next_door_and_denies_here_is_ruled_out():
    text = (
        "环境那栏勾了“易燃易爆”，解释一下：院子隔壁是加油站，消防检查时被提过。"
        "但机器人只在楼里用，楼里不是防爆场所，不需要防爆机型。"
    )
    site = lexicon.site_conditions_in(text)
    assert "explosive" not in site.required + site.mentioned
    assert lexicon.site_conditions_ruled_out(text, site) == ["explosive"]
    text = "罐区有易燃易爆气体，办公楼不需要防爆。"
    assert lexicon.site_conditions_ruled_out(text, lexicon.site_conditions_in(text)) == []


def test_a_load_only_wished_for_is_no_payload():
    text = "想配一台能钻进废墟的搜救机器人。如果还能把伤员拖出来更好（按一个成年人80公斤算），不能也没关系。"
    assert lexicon.payload_in(text) is None
    assert lexicon.payload_in("单件最重15kg，能搬更好的") == 15.0
    assert lexicon.payload_in("伤员体重按80公斤算，必须能拖出来。") == 80.0


@pytest.mark.parametrize(
    "text, modes, budgets",
    [
        ("经费是社会捐赠，三十万左右，能租也行。", ["purchase", "lease"], {"purchase": 300000.0}),
        ("预算三十万，也可以租", ["purchase", "lease"], {"purchase": 300000.0}),
        ("Budget 300k; leasing is fine too.", ["purchase", "lease"], {"purchase": 300000.0}),
        # buying turned down: leasing is the way, not an alternative to it
        ("不想一次性投入买设备。也可以租，每月5000以内。", ["lease"], {"lease": 5000.0, "raas": 5000.0}),
    ],
)
def test_leasing_acceptable_too_leaves_buying_the_first_way(text, modes, budgets):
    assert lexicon.modes_in(text) == modes
    assert lexicon.budgets_in(text) == budgets


def test_a_place_the_robot_is_kept_out_of_anywhere_is_not_the_site():
    text = "爬二三十层，到火场楼层人已经没劲了。有没有能爬楼梯驮装备的机器人？不用进火场，在防烟楼梯间就行。"
    assert lexicon.site_conditions_in(text) == lexicon.SiteConditions((), ())
    assert lexicon.site_conditions_in("到火场楼层人已经没劲了，机器人要进火场。").required == (
        "high_temperature",
    )


def test_a_robot_that_never_goes_somewhere_is_not_asked_to():
    text = "Everything is indoors — the buildings are connected and the robots never go outdoors."
    assert lexicon.site_conditions_in(text) == lexicon.SiteConditions((), ())
    assert lexicon.site_conditions_in("The robots do not go into the cold store.") == lexicon.SiteConditions(
        (), ()
    )
    assert lexicon.site_conditions_in("The robots go outdoors between the buildings.").mentioned == (
        "outdoor",
    )


def test_an_alarm_pushed_to_the_property_office_delivers_nothing():
    assert lexicon.tasks_in("电池异常升温或冒烟时现场声光报警，并推送物业和街道值班手机。") == []
    assert lexicon.tasks_in("从一楼库房送物到各楼层") == ["delivery"]


def test_carrying_kit_by_stairs_is_handling():
    assert lexicon.tasks_in("工地楼梯运输，驮装备上楼", ["construction"]) == ["handling"]


def test_a_shows_total_is_shared_by_the_units_it_puts_up_and_their_hours():
    text = "公众开放日，想在展厅放2台机器人做讲解和互动。活动两天，每天8小时，总共两万以内。"
    assert lexicon.budgets_in(text) == {"sharing": 20000 / 2 / 16}
    text = "博览会展期3天，主展台想放3台人形机器人迎宾。按天或按小时租都行，3台3天总价8万以内。"
    assert lexicon.budgets_in(text) == {"sharing": 80000 / 3 / 24}
    assert lexicon.units_wanted_in("3台3天总价8万以内") == 3
    # Robots the site has are not units it wants.
    assert lexicon.units_wanted_in("站里本来有2台灭火机器人") is None


def test_a_robot_that_stays_inside_works_nowhere_outdoors():
    text = "Laowaitan has a small outdoor terrace but the robots will stay inside."
    assert lexicon.site_conditions_in(text) == lexicon.SiteConditions((), ())
    assert lexicon.site_conditions_in("门口有个露天平台，机器人只待在店里。") == lexicon.SiteConditions(
        (), ()
    )
    # "a small outdoor terrace" is no "all outdoor": a terrace named, not a rating asked for.
    assert lexicon.site_conditions_in("Laowaitan has a small outdoor terrace.").mentioned == ("outdoor",)
    assert lexicon.site_conditions_in("The site is all outdoor.").required == ("outdoor",)


def test_what_an_english_post_does_not_need_or_like_is_negated():
    booth = (
        "We make wafer-handling equipment and will exhibit at an industrial tech expo in Hangzhou (indoor "
        "hall, 4 days, 8 hours/day). Our booth is styled to look like a cleanroom — white panels, a fake "
        "gowning area — but it's a normal exhibition hall and the robot doesn't need any cleanroom rating."
    )
    assert "cleanroom" not in lexicon.site_conditions_in(booth).required
    assert lexicon.site_conditions_in(
        "The robot doesn't need any cleanroom rating."
    ) == lexicon.SiteConditions((), ())
    text = "Budget is RMB 25,000 per robot, outright purchase (our finance team doesn't like leases)."
    assert lexicon.modes_in(text) == ["purchase"]


def test_greeting_shoppers_and_showing_the_way_are_reception_and_guiding():
    text = "想搞几台机器人在中庭和几个出入口跟顾客打招呼、指路、查店铺位置和优惠活动"
    assert lexicon.tasks_in(text, ["retail"]) == ["reception", "shopping_guide"]


def test_a_heading_naming_the_ways_gives_each_amount_its_own():
    text = "采购或按月服务均可：采购单台35万以内（不含轨道），服务每台每月1.5万以内。"
    assert lexicon.budgets_in(text) == {"purchase": 350000.0, "lease": 15000.0, "raas": 15000.0}
    text = "按月租或者按小时都行：月租每台不超过2万，或每小时不超过500元。"
    assert lexicon.budgets_in(text) == {"lease": 20000.0, "raas": 20000.0, "sharing": 500.0}
    # A heading that is the budget's own word stays with its amount.
    assert lexicon.budgets_in("预算：30万以内") == {"purchase": 300000.0}


def test_some_more_after_ten_thousands_is_half_of_one_more():
    assert lexicon.budgets_in("先租3个月试试，每月3万多能接受") == {"lease": 35000.0, "raas": 35000.0}
    assert lexicon.budgets_in("两万多的预算") == {"purchase": 25000.0}
    assert lexicon.budgets_in("预算三万五") == {"purchase": 35000.0}


def test_a_maintenance_window_is_when_the_work_is_done_not_upkeep_asked_for():
    assert not lexicon.names_upkeep("Metro tunnel structural inspection during night maintenance window")
    assert not lexicon.names_upkeep("地铁隧道检修窗口结构巡检")
    assert lexicon.names_upkeep("Robot maintenance contract for 20 delivery robots")
    assert lexicon.names_upkeep("配送机器人包年维保")


def test_a_place_the_robot_only_goes_up_to_is_not_its_site():
    text = "手术室区域是洁净区，不过机器人只送到洁净区缓冲间门口，不进去。"
    assert lexicon.site_conditions_in(text) == lexicon.site_conditions_in("")
    assert lexicon.site_conditions_in(
        "The theatre suite is a cleanroom, but the robot only goes to the airlock."
    ) == (lexicon.site_conditions_in(""))
    # Going in is going in.
    assert lexicon.site_conditions_in("手术室是洁净区，机器人要送到里面。").required == ("cleanroom",)


def test_english_words_of_a_task_joined_by_hyphens_read_as_the_words():
    assert lexicon.tasks_in("we need an AI shopping-guide / Q&A brain on our kiosks", ["retail"]) == [
        "shopping_guide"
    ]
    assert "cleaning" in lexicon.tasks_in("Night floor scrubbing; autonomous scrubber-dryers for the lobby")
    assert lexicon.tasks_in("we need a shopping-mall greeter", ["retail"]) == ["reception"]


def test_a_need_keeping_its_hardware_asks_for_software():
    assert lexicon.asks_software(
        "AI shopping-guide for our outlet kiosks",
        "We already have 12 touch kiosks. Software subscription is fine. No hardware purchase, no new robots.",
    )
    assert lexicon.asks_software(
        "市民中心导办「大脑」升级", "硬件还行，问答很笨。只想升级软件：政务事项问答，不再买硬件。"
    )
    assert not lexicon.asks_software("Floor scrubbers for the mall", "Two robots, no new hires needed.")


@pytest.mark.parametrize(
    ("text", "modes"),
    [
        ("Subscription (RaaS) only, 3 units, total budget RMB 12,000 per month.", ["raas"]),
        ("Rent only — monthly rental or a monthly subscription is fine.", ["lease", "raas"]),
        ("No purchase in the first year: monthly lease or subscription only.", ["lease", "raas"]),
        ("我们只接受按月订阅或者租赁，不想一次性投入太多，每台每月6000以内", ["lease", "raas"]),
        ("只能采购，每台预算40万以内。", ["purchase"]),
        ("周末两天在店门口做导购，只要按小时的。", ["sharing"]),
        # "only" about something else leaves the ways as they are
        ("买的话30万以内，只要能用就行，租也行。", ["purchase", "lease"]),
    ],
)
def test_a_way_said_to_be_the_only_one_is_the_only_one(text, modes):
    assert lexicon.modes_in(text) == modes


@pytest.mark.parametrize(
    ("text", "modes"),
    [
        # A hire with no term beside an hourly or daily rate is that rate's.
        ("想租 2 台消防机器人到场演示，按小时或按天都行，每台每小时一千五以内。", ["sharing"]),
        ("想租三四台物流机器人现场跑演示，一共三天，按小时付费，一台一小时别超过三百。", ["sharing"]),
        # A term of weeks or months, or a hire offered as one choice of two, is a lease too.
        ("想租2台排涝机器人，租4个月，每台每月两万五以内。如果能按小时临时调用更好。", ["lease", "sharing"]),
        ("租或者按小时计费都行，每小时400元以内。", ["lease", "sharing"]),
        ("按小时收费的话每台不超过500元/小时，租用也行，一个月3000元以内。", ["lease", "sharing"]),
        ("租一周，按小时也行300/h", ["lease", "sharing"]),
        # A lease by name (租赁) stays one.
        ("短期租赁或按小时共享都可以。", ["lease", "sharing"]),
    ],
)
def test_a_hire_for_hours_is_shared_use_not_a_lease(text, modes):
    assert lexicon.modes_in(text) == modes


def test_an_amount_it_would_take_to_solve_the_problem_is_a_budget():
    assert lexicon.budgets_in("十几二十万能解决最好，一次买断") == {"purchase": 200000.0}
    assert lexicon.budgets_in("钱的话十来万能拿下最好，买断。") == {"purchase": 100000.0}
    assert lexicon.budgets_in("这个问题能解决就行，3台") == {}
    # A year's budget paid by the month is a twelfth a month.
    assert lexicon.budgets_in("年度预算每台四万八，倾向按月付服务费的方式") == {"raas": 4000.0}


def test_a_monthly_total_for_several_units_is_shared_out_per_unit():
    assert lexicon.budgets_in("3台总价1.2万每月，只接受订阅")["raas"] == 4000
    assert lexicon.budgets_in("每台每月4000以内，要3台")["raas"] == 4000


def test_a_need_for_a_fleet_layer_or_a_digital_twin_asks_for_software():
    assert lexicon.asks_software(
        "三个品牌 AMR 统一调度", "45 AMRs from three vendors. Looking for one unified fleet scheduling layer."
    )
    assert lexicon.asks_software("总装车间数字孪生", "两个总装车间做数字孪生，要接 MES 和 PLC。")
    # A platform of robots is robots.
    assert not lexicon.asks_software("Parcel sorting", "We want a robot sorting platform with ~200 robots.")


def test_what_a_hand_must_hold_is_its_payload():
    assert lexicon.payload_in("五指，指尖必须要有触觉，单手能稳定拿住 2kg 的东西。") == 2
    assert lexicon.payload_in("单手持重不低于2kg，通信CAN/EtherCAT") == 2
    assert lexicon.payload_in("12自由度灵巧手，单手持握只有1.5kg") == 1.5


def test_an_event_seen_or_held_before_is_not_what_the_need_is_for():
    assert (
        lexicon.event_kinds_in(
            "Lathe tending, 9 kg castings. We saw several robots at the CIIF exhibition last year."
        )
        == []
    )
    assert (
        lexicon.event_kinds_in("去年市里隧道综合演练暴露出排烟能力不足的短板。现采购排烟消防机器人1台。")
        == []
    )
    assert lexicon.event_kinds_in("下个月开放日要租个机器人表演") == ["show"]


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("assembly and moving parts between stations, heaviest part about 12 kg.", 12),
        ("细纱机下来的筒纱装进料框，一框连纱大约 12 公斤。", 12),
        ("每天入库出库大约200托，单托600公斤。", 600),
        ("想要搬运机器人把布草车送到各楼，满车约150kg。", 150),
        ("冷库分拣水产品箱子，单箱 20 到 25 公斤。", 25),
        ("递给器械护士，物品 ≤3kg，不接触患者。", 3),
    ],
)
def test_loads_named_by_what_holds_them(text, kg):
    assert lexicon.payload_in(text) == kg


def test_an_offering_protected_against_toxic_gas_is_rated_for_toxic_sites():
    rated = readings.read_offering(
        "应急救援机器人托管出动服务", "防爆型侦察四足（Ex ib、耐温、有毒气体防护）。", [], [], []
    )["rated"]
    assert "toxic" in rated and "explosive" in rated


def test_a_site_in_typhoon_weather_is_wet_to_be_confirmed():
    site = lexicon.site_conditions_in("码头堆场巡检，台风天也要能扛，全年户外。")
    assert "wet" in site.mentioned and "wet" not in site.required
    assert "wet" in lexicon.site_conditions_in("Coastal yard; typhoon season matters.").mentioned
    assert "wet" not in lexicon.site_conditions_in("码头堆场巡检，全年户外。").mentioned


def test_rehabilitation_joints_name_their_limb():
    assert lexicon.limbs_in("踝关节康复机器人，踝关节背屈跖屈训练") == ["lower"]
    assert lexicon.limbs_in("Wrist and elbow rehabilitation robot") == ["upper"]
    assert lexicon.limbs_in("肩肘腕上肢康复") == ["upper"]


def test_the_weight_of_a_person_to_lift_is_a_payload():
    assert lexicon.payload_in("扶老人从床上起来，老人 70 公斤左右。") == 70
    assert lexicon.payload_in("移位机，患者最重 90kg。") == 90


def test_a_cold_area_worked_only_at_its_door_is_not_the_site():
    text = "晚上闭店后补货上架和盘点。冷冻柜区也要去，但只是在冷柜门口作业，不进冷库。"
    assert "low_temperature" not in lexicon.site_conditions_in(text).required


def test_a_floor_always_wet_and_an_offering_going_into_toxic_leaks():
    assert "wet" in lexicon.site_conditions_in("前处理和染色车间地面常年是湿的，染缸一开蒸汽很大。").mentioned
    went = readings.read_offering("防爆四足", "本安型四足，可以进有毒气体泄漏区域巡检。", [], [], [])["rated"]
    kept = readings.read_offering("防爆轮式", "防爆轮式，不建议进入有毒气体泄漏区（只做报警）。", [], [], [])[
        "rated"
    ]
    assert "toxic" in went and "toxic" not in kept


def test_a_weight_after_the_container_it_fills_is_a_payload():
    assert lexicon.payload_in("每趟一个标本转运箱，差不多 8 公斤，一天 60 趟左右。") == 8
    assert lexicon.payload_in("配电箱在墙上，机器人自重120kg。") is None


def test_laminar_flow_and_clean_areas_are_cleanrooms():
    text = "UV-C robots for our theatre suite (4 laminar-flow theatres, ISO Class 5 / Class 7 clean areas)."
    assert lexicon.site_conditions_in(text).required == ("cleanroom",)
    site = lexicon.site_conditions_in("层流手术间里递送耗材，想试点一台机器人。")
    assert "cleanroom" in site.required + site.mentioned


def test_a_site_said_to_be_fifty_degrees_or_more_is_hot_to_be_confirmed():
    assert (
        "high_temperature" in lexicon.site_conditions_in("压铸岛边上温度夏天五六十度，工人待不住。").mentioned
    )
    assert "high_temperature" not in lexicon.site_conditions_in("车间夏天三十五度上下，有点闷。").mentioned
    # A thing's heat is not the site's (锻坯出炉1100度).
    assert (
        "high_temperature" not in lexicon.site_conditions_in("锻坯出炉1100度左右，要夹到压机上。").mentioned
    )


def test_fire_safety_rounds_and_smoke_detection_are_patrol_not_firefighting():
    assert lexicon.tasks_in("商场闭店后消防巡查机器人") == ["patrol_inspection"]
    assert lexicon.tasks_in("AI视频烟火识别算法，利旧摄像头") == ["patrol_inspection"]
    assert set(lexicon.tasks_in("消防巡检机器人，发现火情能初期灭火")) == {
        "firefighting",
        "patrol_inspection",
    }


def test_a_clause_saying_only_indoors_keeps_a_named_outdoor_place_out():
    text = "码头有十几个10kV配电房。想试点一台能操作开关柜的机器人，室内。预算100万以内。"
    assert "outdoor" not in lexicon.site_conditions_in(text).mentioned
    assert "outdoor" in lexicon.site_conditions_in("码头有十几个配电房，室内外都要巡。").mentioned


def test_the_area_goods_are_taken_to_for_inspection_is_no_inspection_task():
    text = "定型机出布口布卷搬运。布卷每卷约35公斤，要搬到质检区。"
    assert lexicon.tasks_in(text, ["manufacturing"]) == ["handling"]
    assert "quality_inspection" in lexicon.tasks_in("布面疵点质检，想上视觉检测", ["manufacturing"])


@pytest.mark.parametrize(
    "title, text, instead",
    [
        ("人形小腿/踝直线执行器 60套（或行星滚柱丝杠）", "峰值推力≥6kN，行程≥50mm。", ["mechanical_part"]),
        (
            "直线执行器 60套",
            "也可以只买行星滚柱丝杠（导程2mm，动载≥8kN），我们自己集成电机。",
            ["mechanical_part"],
        ),
        ("低噪关节模组 500 套", "如果只有减速器也可以，我们自己集成电机和驱动。", ["reducer"]),
        (
            "Joint modules, 200 sets",
            "Harmonic reducers alone would also do; we fit our own motors.",
            ["reducer"],
        ),
        # Turned away, or another thing accepted (磁电或光电), or a part wanted beside: none.
        ("关节模组 100套", "只卖减速器或电机的就不用联系了。", []),
        ("伺服电机配套 编码器", "伺服电机配套，找23位绝对值多圈编码器，磁电或光电都行。", []),
        ("四足整机配套 3D激光雷达", "必须IP67，单价五千以内。深度相机也可以一起报。", []),
        # One it makes itself is no part it takes.
        ("关节模组 100套", "如果只有电机也可以，电机我们自己做。", []),
    ],
)
def test_parts_a_component_need_takes_instead(title, text, instead):
    asked = lexicon.asked_parts_in(title, text)
    assert asked and lexicon.parts_instead_in(title, text, asked) == instead


@pytest.mark.parametrize(
    "text, load",
    [
        ("单个纱筒4.5kg左右，一次要抓两个。", 9.0),
        ("每趟两桶菜，一桶12公斤左右。", 24.0),
        ("We carry 2 boxes per trip, 20 kg each.", 40.0),
        # The trip's load stated too: read as it is, not multiplied again.
        ("纱筒一个大概6公斤，希望一次抓4个，所以一次要抓得起24公斤。", 24.0),
        # A count of months or hours is no count of pieces.
        ("人工盘点一次要2个月，单本最重2公斤。", 2.0),
        ("一次3个小时，最重5公斤一箱。", 5.0),
        # A weight reckoned with, a load per trip, what a thing is said to weigh.
        ("餐车装满连车一百八九十斤，保险点按200公斤算吧。", 200.0),
        ("A typical trip is 2–3 boxes, so call it 60 kg per load.", 60.0),
        ("扭锁单件约8公斤，但绑扎杆有25公斤。", 25.0),
        # What one trip takes, a range said as posters say it (一两百: up to 200).
        ("石膏板、瓷砖从堆场运到楼栋，一次一两百公斤，露天道路加楼内坡道。", 200.0),
        ("食堂到各楼层送餐（每次约 30kg），要能坐电梯。", 30.0),
        ("每次送餐约20公斤。", 20.0),
        # A little over a weight (二十公斤出头) is more than it.
        ("包裹最重的二十公斤出头（整箱工具）。", 22.0),
        # One piece with its measure word first; a person the robot is to lift.
        ("黄酒坛一坛50斤，上下发酵架、码垛全靠人搬。", 25.0),
        ("站里一盘水带20公斤左右，队员很累。", 20.0),
        ("老人脑梗后瘫痪在床，一百四十斤，老伴七十多岁抱不动。", 70.0),
        # A package's size; what is carried, added up.
        ("车间内需要把 25kg 装的危化品小桶从暂存间转运到反应釜。", 25.0),
        ("背两盘水带+分水器+空呼备用瓶，加起来三十多公斤，爬二三十层。", 30.0),
    ],
)
def test_a_needs_load_is_its_trips(text, load):
    assert lexicon.payload_in(text) == load


def test_an_offerings_load_is_what_it_holds_at_once():
    assert lexicon.payload_in("机器人装好后重50kg。") is None, "assembled, not a package"
    assert lexicon.payload_in("酒坛一坛50斤的也能码。", offering=True) is None  # a need's measure word only
    assert lexicon.payload_in("单个纱筒4.5kg左右，一次要抓两个。", offering=True) == 4.5
    # 有 before kilograms is no load of an offering (电池组有12公斤: what it weighs).
    assert lexicon.payload_in("电池组有12公斤，单件最重10公斤。", offering=True) == 10.0


@pytest.mark.parametrize(
    "text, budgets",
    [
        # A most said after an amount given or taken is the budget.
        ("想租3台商用洗地机器人，每台每月4000左右，最多4500。", {"lease": 4500.0, "raas": 4500.0}),
        ("想采购一台，预算五十万左右，最多不超过六十万。", {"purchase": 600000.0}),
        # ... not a smaller amount of something else, nor after an exact one.
        ("月租每台4000左右。配件最多2000元。", {"lease": 4000.0, "raas": 4000.0}),
        ("月租每台4000以内，最多租半年，押金最多5000。", {"lease": 4000.0, "raas": 4000.0}),
        # An amount and a little over (出头): a fifth more.
        ("按月付费，一台一个月一万出头能接受。", {"lease": 12000.0, "raas": 12000.0}),
        ("想买一台炒菜机器人，预算一万出头。", {"purchase": 12000.0}),
        # 万把块: about ten thousand; what the buyer can put up (能出), or pay if it buys (买的话).
        ("想买个能助力、防摔的助行车，万把块以内。", {"purchase": 10000.0}),
        ("想搞一个放活动室。村里能出两万块，买断。", {"purchase": 20000.0}),
        (
            "可以买也可以按月服务，买的话一台 50 万，服务每月 2 万以内。",
            {"purchase": 500000.0, "lease": 20000.0, "raas": 20000.0},
        ),
    ],
)
def test_budgets_given_or_taken_and_topped(text, budgets):
    assert lexicon.budgets_in(text) == budgets


def test_a_workshop_named_for_its_work_asks_for_none_of_it():
    # 组装车间 names the place (and 装车 inside it loads no truck); 组装好 is done already.
    text = "竹椅组装好装箱后码垛，纸箱15公斤以内。按月租，每月5000以内。"
    said = readings.read_demand("组装车间纸箱码垛（租）", text, "manufacturing")
    assert said["tasks"] == ["handling"]
    assert said["crafts"] == ["handling/palletizing"]
    assert lexicon.crafts_in("厢式货车装车，每天40车") == ["handling/truck"]


def test_a_hazard_of_next_year_s_building_is_not_this_round_s_site():
    text = (
        "竹椅组装好装箱后码垛。说明：明年新厂房会建溶剂漆喷漆房，那边到时候可能要防爆设备，"
        "但这次只管现在的组装车间，普通环境。"
    )
    site = lexicon.site_conditions_in(text)
    assert "explosive" not in site.required + site.mentioned
    assert lexicon.site_conditions_in("喷漆房有溶剂漆，要防爆设备。").required == ("explosive",)


def test_washing_down_the_floor_and_the_machines_is_a_wet_site():
    assert "wet" in lexicon.site_conditions_in("盐卤滴得到处都是，每天收工要冲地冲设备。").mentioned
    site = lexicon.site_conditions_in("发酵间常年湿度80%上下（不用水冲）。")
    assert "wet" not in site.required + site.mentioned


def test_software_subscribed_to_is_software_asked_for():
    prose = (
        "想实时看温度、氨浓度、库门有没有关好。以后买的巡检机器人、叉车也想接进来统一看。软件按月订阅就行。"
    )
    assert lexicon.software_asked("冷库群在线监测 + 统一管理", prose) == "fleet"
    assert not lexicon.asks_software("冷库码垛机器人", "机器人自带调度，不用另配。按月租就行。")


def test_no_more_robots_added_asks_for_software():
    prose = "分拨中心有一百多个摄像头，但是没人盯。想要个能自动识别抛扔包裹的东西，不想再加机器人了。"
    assert lexicon.software_asked("分拨中心 暴力分拣和滞留监控", prose) == "software"
    assert lexicon.software_asked("分拣机器人", "旺季缺人，想再加机器人，租两个月。") is None


def test_goods_to_person_is_handling_and_a_pump_house_delivers_nothing():
    assert "handling" in lexicon.tasks_in("现在全靠人走着拣，想上货到人。")
    assert "shelf_stocking" not in lexicon.tasks_in("想上货到人。")
    assert lexicon.tasks_in("二级送水泵房巡检 8 台水泵") == ["patrol_inspection"]
    assert "delivery" in lexicon.tasks_in("病区送水送药")


def test_brands_at_odds_ask_for_a_platform_over_them():
    prose = "院里已经有二十多台配送机器人，三个牌子，抢电梯、互相堵，各用各的后台，护士长天天投诉。"
    assert lexicon.software_asked("配送机器人抢电梯", prose) == "fleet"
    assert lexicon.software_asked("配送机器人", "想买三台配送机器人，两个品牌都可以考虑。") is None


def test_a_gas_that_may_gather_is_to_confirm_and_a_fall_said_plainly_is_care_monitoring():
    text = "管廊内部高湿，有限空间可能积聚有害气体（机器人要能检测，不要求防爆）。"
    site = lexicon.site_conditions_in(text)
    assert "toxic" in site.mentioned and "toxic" not in site.required
    assert "toxic" in lexicon.site_conditions_in("污泥脱水机房有害气体多，设备必须耐腐蚀防毒。").required
    assert lexicon.tasks_in("晚上老人起夜摔了经常早上才发现") == ["care_monitoring"]


def test_checking_for_missed_screws_is_inspection_and_an_assembly_line_names_the_place():
    text = "装配线最后一道是人工看螺丝有没有打全、把手装没装好，上季度被客户投诉两次漏螺丝。"
    assert lexicon.tasks_in(text) == ["quality_inspection"]
    assert lexicon.tasks_in("SMT到组装线送料盒，AMR 2台") == ["loading", "handling"]
    assert lexicon.tasks_in("洗衣机后盖锁螺丝，M4×8颗") == ["assembly"]


def test_talking_with_children_and_posing_for_photos_is_greeting_work():
    text = "想请两台机器人来支队现场给市民和小朋友做科普互动，讲消防知识、和小朋友合影。"
    assert lexicon.tasks_in(text) == ["reception"]
    assert lexicon.tasks_in("在户外街区跟游客合影、互动") == ["reception"]


def test_a_fire_training_ground_names_the_place_not_fire_fighting():
    text = "演练地点在园区消防训练场（空地），不进装置区。想请一台机器人现场演示侦检、靠近泄漏点。"
    assert "firefighting" not in lexicon.tasks_in(text)
    assert lexicon.tasks_in("化工园区火灾，要灭火机器人") == ["firefighting"]


def test_fingertip_pressure_sensing_as_an_option_is_a_sense_of_touch():
    text = "五指、6个主动自由度。指尖压力传感为选配（单点压阻式，每指一个点），不是阵列触觉。"
    assert lexicon.touch_in(text)[0] is True
    assert lexicon.touch_in("五指、6个主动自由度，无触觉。")[0] is False


def test_a_fire_station_s_open_day_asks_for_a_talk_not_fire_fighting():
    title = "消防站开放日想借个机器人"
    text = "会有很多小朋友来参观，想弄个机器人给小朋友讲讲防火知识、互动一下，不需要真的去灭火。"
    assert readings.read_demand(title, text, "emergency")["tasks"] == ["reception"]
    assert lexicon.tasks_in("消防站要一台灭火机器人") == ["firefighting"]


@pytest.mark.parametrize(
    "text, task",
    [
        ("换毛季床底下全是一团一团的毛，天天拿吸尘器也来不及。", "cleaning"),
        ("流感季卫健委要求每天至少两遍，以前是保洁员背着喷壶一排一排走。", "disinfection"),
        (
            "每条线末端两个人看外壳：缩痕、色差、银纹，想用机器替代人眼，看完自动分好坏。",
            "quality_inspection",
        ),
    ],
)
def test_work_said_by_its_tools_and_its_defects(text, task):
    assert task in lexicon.tasks_in(text)


def test_a_machine_that_may_be_hosed_down_is_rated_for_wet_sites():
    text = "医废/危废焚烧线上料，耐 150 ℃ 辐射热，全密闭防护罩可冲洗；负载 50kg。"
    assert "wet" in lexicon.ratings([], [], text).rated
    assert "wet" not in lexicon.ratings([], [], "负载 50kg，室内使用。").rated


def test_an_outdoor_robot_asked_for_requires_the_open_air():
    text = "想配一台户外巡逻机器人，夜间巡查围墙、停车场、电动车充电棚，发现烟火立刻报警。"
    assert lexicon.site_conditions_in(text).required == ("outdoor",)
    # Mentioned only where no robot is named for it; a show's hazard robots are exhibits.
    assert "outdoor" in lexicon.site_conditions_in("门口有一小块户外空地，偶尔也去转转。").mentioned
    fair = "展会期间展台迎宾讲解，展出内容包括防爆巡检机器人和消防机器人，展馆为普通室内展厅。"
    assert "explosive" not in lexicon.site_conditions_in(fair).required


def test_a_robot_guided_by_vision_or_a_laser_guides_no_visitors():
    # 视觉引导, 激光引导: how a robot finds its way or its parts, not greeting (引导顾客).
    # And picking parts from a heap (无序分拣, bin picking) is sorting, not one declined (无).
    assert lexicon.tasks_in("3D 视觉引导无序分拣工作站") == ["sorting"]
    assert lexicon.tasks_in("不做无序分拣") == []
    assert lexicon.tasks_in("激光引导AGV") == ["handling"]
    # The work it is guided to do is still read, and guiding visitors still is greeting.
    assert lexicon.tasks_in("视觉引导焊接，另需迎宾引导") == ["welding", "reception"]
    assert lexicon.tasks_in("展厅讲解引导") == ["reception"]


def test_the_time_place_or_firm_of_building_work_is_not_the_work():
    # 施工期, 施工现场, 施工电梯, 施工总承包: when, where and by whom a site is built,
    # not building work asked or done (a tunnel patrol robot for the building phase).
    text = "吊挂在隧道管片上部轨道运行，适用施工期或运营隧道的渗漏、裂缝巡检"
    assert lexicon.tasks_in(text, ["construction"]) == ["patrol_inspection"]
    assert lexicon.tasks_in("施工现场物料搬运，负载200kg", ["construction"]) == ["handling"]
    assert lexicon.tasks_in("可进施工电梯，跨楼层运送砂浆", ["construction"]) == ["delivery"]
    # The building work itself still is read, whoever asks for it.
    text = "我们是房建施工总承包企业，想找墙面腻子打磨施工的机器人"
    assert lexicon.tasks_in(text, ["construction"]) == ["construction_work"]


def test_places_bodies_and_routines_named_after_work_are_not_the_work():
    # A testing body or a lab's specimens (检验中心, 检验标本), a paint shop (喷涂车间), a
    # hazmat store (危化品仓库), a grinder's dust extraction (负压吸尘), a weld's test
    # (焊缝相控阵) and a site's daily wash-down (冲洗消毒) name no task of their own.
    assert "quality_inspection" not in lexicon.tasks_in("通过国家消防装备质量监督检验中心认证")
    assert lexicon.tasks_in("检验标本转运机器人") == ["delivery"]
    assert lexicon.tasks_in("适用喷涂车间、溶剂库") == []
    assert lexicon.tasks_in("危化品仓库巡检") == ["patrol_inspection"]
    assert "cleaning" not in lexicon.tasks_in("墙面打磨机器人，自带负压吸尘", ["construction"])
    assert "welding" not in lexicon.tasks_in("管道焊缝相控阵检测机器人")
    assert lexicon.tasks_in("分割间地面湿，每天下班后冲洗消毒。") == []
    # The work itself still is read.
    assert lexicon.tasks_in("核生化洗消作业机器人") == ["hazmat_handling"]
    assert set(lexicon.tasks_in("危化品搬运机器人")) == {"hazmat_handling", "handling"}


@pytest.mark.parametrize(
    "text, not_task",
    [
        ("布面疵点检测一体机", "patrol_inspection"),  # 疵点检测 holds 点检, an inspection round
        ("机器人施工分包服务", "sorting"),  # a subcontract (分包), not packing
        ("织机下来的布卷运到验布间", "quality_inspection"),  # the room, not the inspection
        ("展位旁边是焊接展区", "welding"),
        ("整机IP67，冲洗地面也不怕", "cleaning"),  # it withstands a wash-down
        ("防爆版本正在送检", "delivery"),  # a certificate being tested, nothing delivered
        ("动火作业监护，告警联动", "care_monitoring"),  # a hot-work watch, not care
        ("地铁牵引变电所巡检", "handling"),  # a traction substation, nothing towed
        ("需要带自吸尘的打磨机器人", "cleaning"),  # the grinder's dust extraction
        ("Robot to carry crates from the loading bay", "loading"),
        ("Humanoid robot for welding-fixture loading", "welding"),  # the fixture, not welding
        ("焊接车间上下料", "welding"),  # the welding shop is where, not what
        ("闭店后用机器人把周转箱里的商品上架到货架", "handling"),  # a tote holds the goods
    ],
)
def test_words_holding_a_task_word_that_name_no_task(text, not_task):
    assert not_task not in lexicon.tasks_in(text)


def test_a_fire_brigade_or_fire_rules_named_ask_for_no_firefighting():
    # The poster (专职消防队), a vendor's name (消防装备有限公司) or fire rules (消防管得严)
    # name no firefighting work; the work named beside them is what is asked.
    assert lexicon.tasks_in("我们是化工园区专职消防队，储罐区夜间要巡检") == ["patrol_inspection"]
    assert lexicon.tasks_in("是油库，消防管得严，想找巡检机器人") == ["patrol_inspection"]
    assert lexicon.tasks_in("浙江赤焰消防装备有限公司 轮式巡检机器人") == ["patrol_inspection"]
    assert lexicon.tasks_in("专职消防队要一台灭火机器人") == ["firefighting"]


def test_moving_a_patient_is_transfer_not_material_handling():
    # 病人转运, 患者平移, 过床: a patient moved between bed, trolley and scanner is
    # transfer assistance; goods moved the same way are still handling.
    assert lexicon.tasks_in("ICU病人转运（病床到CT室）", ["healthcare"]) == ["mobility_assist"]
    assert lexicon.tasks_in("重症患者平移转运机器人", ["healthcare"]) == ["mobility_assist"]
    assert lexicon.tasks_in("药品转运机器人", ["healthcare"]) == ["handling"]


def test_the_work_beside_such_words_is_still_read():
    assert lexicon.tasks_in("地铁牵引变电所巡检") == ["patrol_inspection"]
    assert lexicon.tasks_in("需要带自吸尘的打磨机器人") == ["construction_work"]
    assert lexicon.tasks_in("Robot to carry crates from the loading bay") == ["handling"]
    assert "cleaning" in lexicon.tasks_in("商场洗地机器人")
    assert lexicon.tasks_in("周转箱搬运到产线") == ["handling"]


@pytest.mark.parametrize(
    "text, task",
    [
        ("老屋门口石台阶，想租个能带轮椅爬台阶的爬楼机", "mobility_assist"),
        ("Assisted bathing robot, wet room", "mobility_assist"),
        ("隧道初支湿喷机械手租赁", "construction_work"),
        ("泥水盾构带压换刀机器人", "construction_work"),
        ("水库溺水者水下搜寻设备，辅助打捞", "rescue"),
        ("地下车库积水抢排", "rescue"),
        ("Fire reconnaissance robot for smoke-filled warehouses", "firefighting"),
        ("堆场水平运输 无人集卡", "handling"),
    ],
)
def test_work_as_posters_name_it_in_their_own_trades(text, task):
    # Stair climbers, shotcrete (湿喷) and cutter changes (换刀), searching water for the
    # drowned (搜寻, 打捞), pumping floods out (抢排), fire reconnaissance, yard haulage.
    assert lexicon.tasks_in(text) == [task]


def test_a_robot_that_carries_racks_stocks_no_shelves():
    # 货架搬运, 顶升货架, 货架到人: an AMR moving whole racks (goods to person) carries
    # them; it puts no goods on a shop's shelves (理货上架).
    assert lexicon.tasks_in("潜伏顶升式AMR，额定负载1000kg，适合料车、货架搬运。") == ["handling"]
    assert "shelf_stocking" not in lexicon.tasks_in("顶升货架600kg，适合货架到人拣选")
    assert "shelf_stocking" not in lexicon.tasks_in("适合仓库高位货架、窄巷道货架")
    # Goods put onto shelves, and the shelves of a shop, still are stocking work.
    assert "shelf_stocking" in lexicon.tasks_in("从周转箱拿货放到货架上")
    assert lexicon.tasks_in("门店夜间补货上架，单件最重5kg") == ["shelf_stocking"]


@pytest.mark.parametrize(
    "text, task",
    [
        ("无死角巡检", "patrol_inspection"),
        ("无盲区巡检", "patrol_inspection"),
        ("24小时无休巡逻", "patrol_inspection"),
        ("不分昼夜巡逻", "patrol_inspection"),
        ("无接触配送", "delivery"),
        ("非接触配送", "delivery"),
        ("无感监测跌倒", "care_monitoring"),
        ("无差别消毒", "disinfection"),
        # Nobody to do the work (没有人巡查, 招不到人搬运) is why a robot is asked for.
        ("夜里没有人巡查", "patrol_inspection"),
        ("现在没有人做消毒", "disinfection"),
        ("招不到人搬运", "handling"),
        ("不够人巡检", "patrol_inspection"),
        ("缺人搬运", "handling"),
    ],
)
def test_words_beginning_with_a_negation_that_negate_nothing_leave_the_work_asked(text, task):
    # 无死角 (no blind spot), 无接触 (contactless), 没有人巡查 (nobody patrols): the work
    # is asked for, not declined.
    assert lexicon.tasks_in(text) == [task]
    assert lexicon.tasks_in("不需要配送") == []


def test_a_ratio_or_a_date_is_no_budget():
    """减速比100左右 is a gear ratio and 【2025-03-10 更新】 a date, not sums: the budget is the
    amount the text gives one (单价1600元以内), and none where it gives none."""
    spec = "需要25型谐波减速器，减速比100左右，回差≤30角秒，年用量约2000台。单价1600元以内。"
    assert lexicon.budgets_in(spec) == {"purchase": 1600.0}
    dated = "【2025-03-10 更新】经费没批下来，不买了！改成租三个月做展示，月租一万以内。"
    assert lexicon.budgets_in(dated) == {"lease": 10000.0, "raas": 10000.0}
    assert lexicon.budgets_in("转速3000左右，预算1500元以内。") == {"purchase": 1500.0}
    # A sum stays a sum: 100万左右 has its unit, 年费 is a fee.
    assert lexicon.budgets_in("预算100万左右。") == {"purchase": 1000000.0}
