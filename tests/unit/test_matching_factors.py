"""Each factor of the matcher on its own (`scoring.fit`, `focus`, `category`, ...),
and each class of issue 13 on plain records: implied vs stated conditions, modes
and budgets read from prose, specificity, platforms graded, posters' words, and
reasons rendered in both languages. No database, no index."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from marketplace.matching import scoring
from marketplace.matching.reasons import MESSAGES, closest_heading, reason
from marketplace.matching.scoring import demand_facts, offering_facts, score
from marketplace.search import amendments, lexicon, specs


def demand(**kw):
    values = {
        "ref": "dem-f",
        "kind": "scenario",
        "title": "车间物料搬运",
        "description": "",
        "domain": "manufacturing",
        "tasks": ["handling"],
        "environments": [],
        "payload_kg": None,
        "quantity": 1,
        "modes": [],
        "budget": {},
        "city": "hangzhou",
        "status": "open",
    }
    values.update(kw)
    return SimpleNamespace(**values)


def offering(verified: bool = False, **kw):
    values = {
        "ref": "off-f",
        "category": "robot",
        "title": "搬运机器人",
        "description": "",
        "domains": ["manufacturing"],
        "tasks": ["handling"],
        "environments": [],
        "payload_kg": None,
        "units_available": 5,
        "service_cities": [],
        "modes": [{"mode": "purchase", "price": 100000}],
        "certifications": [],
        "status": "active",
        "organization": SimpleNamespace(verified=verified),
    }
    values.update(kw)
    return SimpleNamespace(**values)


def facts(d=None, o=None):
    return demand_facts(d or demand()), offering_facts(o or offering())


def codes(factor_or_match) -> list[str]:
    return [r.code for r in factor_or_match.reasons]


# ---------------------------------------------------------------- one test group per factor


def test_status_rules_out_withdrawn_offerings_and_closed_needs():
    assert codes(scoring.status(*facts())) == []
    assert codes(scoring.status(*facts(o=offering(status="withdrawn")))) == ["offering_withdrawn"]
    assert codes(scoring.status(*facts(d=demand(status="closed")))) == ["demand_closed"]
    assert scoring.status(*facts()).value is None


def test_fit_is_the_share_of_needed_tasks_covered():
    f = scoring.fit(*facts(demand(tasks=["handling", "welding"]), offering(tasks=["handling"])))
    assert f.value == pytest.approx(0.5**scoring.FIT_CREDIT) and codes(f) == [
        "tasks_covered",
        "tasks_missing",
    ]
    assert scoring.fit(*facts(o=offering(tasks=[], title="机器人"))).value == scoring.FIT_UNKNOWN


def test_fit_a_specialist_doing_part_of_the_work_counts_more_than_its_share():
    """Half the work asked for (a scrubber for 清洁+消毒) is a match with a gap, not half
    a match: the fit credits the share above itself, and the gate keeps most of the
    other points. Linear shares would put the scrubber at 0.5 fit and 0.7 gate."""
    need = demand(title="养老院清洁消毒", domain="eldercare", tasks=["cleaning", "disinfection"])
    scrubber = offering(domains=["eldercare"], tasks=["cleaning"])
    both = offering(domains=["eldercare"], tasks=["cleaning", "disinfection"])
    none = offering(domains=["eldercare"], tasks=["delivery"])
    assert scoring.fit(*facts(need, scrubber)).value > 0.7
    full, half, zero = (score(need, o).score for o in (both, scrubber, none))
    assert full > half > zero
    assert half - zero > 0.7 * (full - zero)  # linear shares give 0.5 of the way


def test_fit_a_robot_dog_asked_for_beside_the_work_is_part_of_it():
    """A fire open day asking for a firefighting robot and a robot dog: a robot dog
    show covers the dog, a firefighting robot the firefighting; each is half the
    work, where without the dog's words the dog show would do none of it."""
    words = "消防宣传月，商场门口做消防科普，想请消防机器人、机器狗来现场演示，每小时1000以内。"
    need = demand(
        title="消防宣传月 机器人展示", description=words, domain="emergency", tasks=["firefighting"]
    )
    plain = demand(title="消防宣传月 机器人展示", description="", domain="emergency", tasks=["firefighting"])
    dog = offering(title="灵犬 四足机器狗 商演共享租用", domains=["retail"], tasks=["reception"])
    fire = offering(title="灭火机器人演示服务", domains=["emergency"], tasks=["firefighting"])
    assert scoring.demand_facts(need).quadruped_asked and not scoring.demand_facts(plain).quadruped_asked
    assert "quadruped_as_asked" in codes(scoring.fit(*facts(need, dog)))
    assert "quadruped_not" in codes(scoring.fit(*facts(need, fire)))
    assert scoring.fit(*facts(need, dog)).value > 0 == scoring.fit(*facts(plain, dog)).value
    assert score(need, dog).score > score(plain, dog).score
    assert "四足机器人，符合需求所要" in score(need, dog).texts("zh")
    assert "not a four-legged robot, which the need asks for" in score(need, fire).texts("en")
    # A need that only allows one (四足的可以) asks for no dog: the fire robot does it all.
    allowed = demand(
        title="山区搜救", description="需要能爬坡的，四足的可以。", domain="emergency", tasks=["rescue"]
    )
    assert scoring.QUADRUPED not in scoring._needed(scoring.demand_facts(allowed))


def test_outdoors_a_machine_built_for_the_outdoors_counts_less_where_the_need_names_no_outdoor_place():
    """A mall's indoor guide robots: an outdoor guide robot doing the same work may
    serve, but is built for somewhere else, and says so; for a scenic area's visitor
    centre, or a need whose site is outdoors, it counts as any other."""
    kw = {"domain": "retail", "tasks": ["reception", "shopping_guide"]}
    mall = demand(title="商场导购机器人", description="购物中心四层，需要导购机器人带顾客找店。", **kw)
    scenic = demand(title="景区游客中心迎宾问路", description="节假日游客多，想放导览机器人。", **kw)
    outside = demand(title="商业街导览", description="户外商业街，需要导览机器人。", **kw)
    okw = {"domains": ["retail"], "tasks": ["reception", "shopping_guide"]}
    outdoor = offering(title="YK-G5 户外导览机器人", description="带路、讲解、活动推送。", **okw)
    indoor = offering(title="YK-R 导览机器人", description="带路、讲解、活动推送。", **okw)
    both = offering(title="YK-X 室内外两用导览机器人", description="带路、讲解、活动推送。", **okw)
    assert offering_facts(outdoor).outdoor_made and not offering_facts(both).outdoor_made
    assert demand_facts(scenic).outdoor_place and not demand_facts(mall).outdoor_place
    assert codes(scoring.outdoors(*facts(mall, outdoor))) == ["outdoor_made"]
    assert codes(scoring.outdoors(*facts(mall, both))) == []
    assert codes(scoring.outdoors(*facts(scenic, outdoor))) == []
    assert codes(scoring.outdoors(*facts(outside, outdoor))) == []
    assert score(mall, outdoor).score < score(mall, indoor).score
    assert score(scenic, outdoor).score == score(scenic, indoor).score
    assert score(mall, outdoor).ok  # a gap, not a broken condition
    assert "户外型产品：需求未提户外场地" in score(mall, outdoor).texts("zh")
    assert "built for outdoor use: the need names no outdoor site" in score(mall, outdoor).texts("en")


def test_study_an_edition_for_teaching_or_research_counts_less_for_a_need_to_put_one_to_work():
    """A hospital lobby's guide robots: a humanoid's teaching-and-research edition
    may greet, but is made to learn and build on, and says so; a training room's need,
    or a show's, counts it as any other."""
    kw = {"domain": "healthcare", "tasks": ["reception"]}
    lobby = demand(title="门诊大厅导诊机器人", description="需要导诊机器人，分诊问询、科室指引。", **kw)
    lab = demand(title="实训室人形机器人", description="高校实训课程用，迎宾讲解教学。", **kw)
    show = demand(title="开放日迎宾", description="开放日现场展示，迎宾讲解。", **kw)
    okw = {"domains": ["healthcare"], "tasks": ["reception"]}
    edu = offering(title="星火 S1 人形机器人 教育科研版", description="迎宾讲解。", **okw)
    plain = offering(title="星火 S2 人形机器人", description="迎宾讲解。", **okw)
    assert offering_facts(edu).study_edition and not offering_facts(plain).study_edition
    assert demand_facts(lab).study and not demand_facts(lobby).study
    assert codes(scoring.study(*facts(lobby, edu))) == ["study_edition"]
    assert codes(scoring.study(*facts(lobby, plain))) == []
    assert codes(scoring.study(*facts(lab, edu))) == codes(scoring.study(*facts(show, edu))) == []
    assert score(lobby, edu).score < score(lobby, plain).score
    assert score(lab, edu).score >= score(lab, plain).score  # made for a training, if anything more
    assert score(lobby, edu).ok
    assert "教学科研版：需求是实际作业" in score(lobby, edu).texts("zh")
    assert "an edition for teaching and research: the need is for work" in score(lobby, edu).texts("en")


def test_rail_a_need_asking_for_a_rail_mounted_robot_prefers_one_that_runs_on_a_rail():
    """A tunnel asking for rail-mounted inspection robots: a wheeled patrol robot
    doing the same work is another machine than the one meant, and says so; a need
    leaving the form open counts both alike."""
    words = "绕城高速隧道需要挂轨巡检机器人，巡查照明、风机和渗漏水，采购预算每台40万。"
    need = demand(title="隧道巡检", description=words, domain="construction", tasks=["patrol_inspection"])
    open_form = demand(
        title="隧道巡检",
        description="绕城高速隧道需要巡检机器人，巡查照明、风机和渗漏水，采购预算每台40万。",
        domain="construction",
        tasks=["patrol_inspection"],
    )
    kw = {"domains": ["construction"], "tasks": ["patrol_inspection"]}
    hung = offering(title="GL-3 隧道巡检机器人", description="挂轨式设计，自动巡查。", **kw)
    wheeled = offering(title="WS-1 隧道巡检机器人", description="轮式底盘，自动巡查。", **kw)
    assert demand_facts(need).rail_asked and not demand_facts(open_form).rail_asked
    assert offering_facts(hung).rail and not offering_facts(wheeled).rail
    assert codes(scoring.rail(*facts(need, hung))) == ["rail_as_asked"]
    assert codes(scoring.rail(*facts(need, wheeled))) == ["rail_other"]
    assert score(need, hung).score > score(need, wheeled).score
    assert score(open_form, hung).score == score(open_form, wheeled).score
    assert score(need, wheeled).ok  # a gap, not a broken condition
    assert "需求要挂轨式机器人，此项未写明挂轨" in score(need, wheeled).texts("zh")
    assert "runs on a rail, as the need asks" in score(need, hung).texts("en")


def test_lifts_a_robot_that_cannot_ride_them_is_a_gap_for_a_need_whose_robot_must():
    need = demand(
        title="老年公寓送餐",
        description="三餐送到房间，要能自己坐电梯。",
        domain="eldercare",
        tasks=["delivery"],
    )
    plain = demand(
        title="老年公寓送餐", description="三餐送到一楼餐厅。", domain="eldercare", tasks=["delivery"]
    )
    kw = {"domains": ["eldercare"], "tasks": ["delivery"]}
    rides = offering(title="送物机器人（梯控版）", description="自主乘梯，锁仓。", **kw)
    silent = offering(title="送物机器人", description="四层托盘，载重40kg。", **kw)
    cannot = offering(title="送餐机器人", description="单层平面使用，不能乘电梯。", **kw)
    assert codes(scoring.lifts(*facts(need, rides))) == ["lifts_ridden"]
    assert codes(scoring.lifts(*facts(need, silent))) == ["lifts_unstated"]
    assert codes(scoring.lifts(*facts(need, cannot))) == ["lifts_missing"]
    assert score(need, rides).score > score(need, silent).score > score(need, cannot).score
    assert score(need, cannot).ok, "a gap read from prose, never a broken condition"
    assert "说明不能乘梯，需求要求乘梯" in score(need, cannot).texts("zh")
    assert "rides lifts, as the need asks" in score(need, rides).texts("en")
    # A service may bring a robot that can: saying nothing of lifts is no gap for it.
    service = offering(category="service", title="送餐服务", description="按月服务", **kw)
    assert scoring.lifts(*facts(need, service)).reasons == ()
    # A need whose robot stays on one floor: no word on lifts counts.
    assert all(scoring.lifts(*facts(plain, o)).reasons == () for o in (rides, silent, cannot))


def test_limb_a_rehabilitation_robot_for_the_other_limb_is_a_gap():
    """A gait-training need (下肢) and an upper-limb robot: both rehabilitation, the
    wrong limb. The whole score counts LIMB_MISSED; no limb said, or both, says nothing."""
    gait = demand(title="康复科下肢步态训练机器人", domain="healthcare", tasks=["rehab_assist"])
    kw = {"domains": ["healthcare"], "tasks": ["rehab_assist"]}
    upper = offering(title="上肢康复训练机器人", **kw)
    lower = offering(title="Lower-limb rehabilitation exoskeleton", **kw)
    both = offering(title="上下肢康复训练机器人", **kw)
    unsaid = offering(title="康复机器人", **kw)
    assert codes(scoring.limb(*facts(gait, upper))) == ["limb_other_lower"]
    for fits in (lower, both, unsaid):
        assert scoring.limb(*facts(gait, fits)).reasons == ()
    assert score(gait, upper).score < score(gait, unsaid).score
    m = score(gait, upper)
    assert "用于上肢康复，需求是下肢康复" in m.texts("zh") and m.ok
    assert "made for the upper limbs: the need is for the lower limbs" in m.texts("en")
    # Not a rehabilitation need: a component buyer's 上肢关节 names no patient's limb.
    joints = demand(title="上肢关节谐波减速器", kind="component", tasks=[])
    assert scoring.demand_facts(joints).limbs == ()


# Each refusal (the cloud, cameras, robot dogs): the need's words, an offering that
# has what it refuses and one that does not, and the reason said in both languages.
REFUSALS = [
    pytest.param(
        "cloud",
        (
            "政务大厅导办机器人",
            "引导取号、办事指南问答。所有数据不得出政务外网，不接受公有云。",
            "retail",
            "reception",
        ),
        ("导办机器人", "问答走云端，对接SaaS后台。"),
        ("导办机器人", "本地私有化部署，数据不出政务外网。"),
        (
            "只能通过云端使用，需求方不接受上云",
            "works only through the cloud, which the need does not accept",
        ),
        id="cloud",
    ),
    pytest.param(
        "camera",
        (
            "家里老人没人看着",
            "摔倒了能马上通知我们手机。不想装摄像头拍他，老人不乐意。",
            "household",
            "care_monitoring",
        ),
        ("看护小车", "移动摄像头，远程看护，跌倒提醒"),
        ("跌倒监测", "毫米波雷达，无摄像头，跌倒提醒"),
        ("使用摄像头，需求方不希望装摄像头", "watches through a camera, which the need does not want"),
        id="camera",
    ),
    pytest.param(
        "quadruped",
        (
            "户外商业街导览机器人",
            "古镇商业街户外导览。不要机器狗，游客有小孩会怕。",
            "retail",
            "shopping_guide",
        ),
        ("四足导览机器狗", "景区导览、讲解"),
        ("户外导览机器人", "轮式，景区导览、讲解"),
        ("四足机器人，需求方明确不要四足", "a four-legged robot, which the need does not want"),
        id="quadruped",
    ),
]


@pytest.mark.parametrize(("factor", "need", "refused", "kept", "said"), REFUSALS)
def test_a_refusal_counts_an_offering_that_has_what_the_need_refuses_less(factor, need, refused, kept, said):
    title, description, domain, task = need
    asking = demand(title=title, description=description, domain=domain, tasks=[task])
    kw = {"domains": [domain], "tasks": [task]}
    bad = offering(title=refused[0], description=refused[1], **kw)
    good = offering(title=kept[0], description=kept[1], **kw)
    judge = getattr(scoring, factor)
    assert codes(judge(*facts(asking, bad))) == [f"{factor}_refused"]
    assert judge(*facts(asking, good)).reasons == ()
    assert score(asking, bad).score < score(asking, good).score and score(asking, bad).ok
    assert said[0] in score(asking, bad).texts("zh")
    assert said[1] in score(asking, bad).texts("en")
    # The same offering against a need that refuses nothing: no gap.
    plain = demand(title=title, description="", domain=domain, tasks=[task])
    assert judge(*facts(plain, bad)).reasons == ()


def test_environments_a_water_rescue_robot_is_rated_for_the_wet_site_it_works_in():
    need = demand(
        title="海岛落水救援设备",
        description="想配几台水面救援机器人，浪里能用。",
        domain="emergency",
        tasks=["rescue"],
        environments=["wet"],
    )
    kw = {"domains": ["emergency"], "tasks": ["rescue"]}
    buoy = offering(
        title="水面救生机器人（遥控救生圈）", description="浪高1.5m可用，海边、水库都能用。", **kw
    )
    drone = offering(title="消防侦察无人机", description="可挂载抛投救生圈", **kw)
    assert score(need, buoy).ok
    assert not score(need, drone).ok


def test_languages_a_need_naming_languages_prefers_a_robot_that_says_it_speaks_them():
    need = demand(
        title="国际商贸城多语种导购",
        description="外国采购商多，要能用阿拉伯语、西班牙语、英语回答商铺位置问题。",
        domain="retail",
        tasks=["shopping_guide"],
    )
    kw = {"domains": ["retail"], "tasks": ["shopping_guide"]}
    all_three = offering(title="导购机器人", description="多语种（中英日韩阿西）语音导购", **kw)
    many = offering(title="导购机器人", description="支持 40 种语言语音交互", **kw)
    two = offering(title="导购机器人", description="中英双语导购", **kw)
    silent = offering(title="导购机器人", description="商场导购、带路", **kw)
    assert codes(scoring.languages(*facts(need, all_three))) == ["languages_spoken"]
    assert codes(scoring.languages(*facts(need, many))) == ["languages_spoken"]
    assert codes(scoring.languages(*facts(need, two))) == ["languages_missing"]
    assert codes(scoring.languages(*facts(need, silent))) == ["languages_unstated"]
    assert score(need, all_three).score > score(need, silent).score > score(need, two).score
    assert "未说明支持需求所要的阿拉伯语和西班牙语" in score(need, two).texts("zh")
    assert "does not say it speaks Arabic and Spanish, which the need asks for" in score(need, two).texts(
        "en"
    )
    # A dialect is no major language: forty languages do not say 温州话.
    elders = demand(
        title="陪伴机器人", description="老人大多只会讲温州话。", domain="eldercare", tasks=["companionship"]
    )
    chat = offering(
        title="陪伴机器人", description="支持 40 种语言", domains=["eldercare"], tasks=["companionship"]
    )
    assert codes(scoring.languages(*facts(elders, chat))) == ["languages_missing"]
    # Languages named by a need for other work (a German-made line) ask nothing of a robot's speech.
    line = demand(title="车床上下料", description="德语操作界面的进口机床", tasks=["loading"])
    assert scoring.languages(*facts(line, two)).reasons == ()


def test_environments_a_freezer_robot_a_few_degrees_short_of_the_site_is_still_rated():
    need = demand(
        title="冷库拣选",
        description="-20℃冷冻库拆零拣选，每班4小时。",
        tasks=["sorting"],
        environments=["low_temperature"],
    )
    kw = {"tasks": ["sorting"], "environments": ["low_temperature"]}
    near = offering(title="冷库拣选人形", description="-18℃冷冻库连续4小时拣选", **kw)
    far = offering(title="冷库拣选人形", description="-10℃冷藏库可用", **kw)
    assert score(need, near).ok
    assert not score(need, far).ok


def test_fit_reads_an_offerings_tasks_from_its_prose():
    o = offering(tasks=[], title="AMR", description="线边料箱搬运，潜伏顶升。")
    assert scoring.fit(*facts(o=o)).value == 1.0


def test_software_listing_its_tasks_is_not_read_for_more_in_its_prose():
    """A platform's prose names what it watches for and what it connects (离床、翻身监测;
    焊缝; 接入陪伴机器人): with tasks in its field, those are its own; a robot's prose
    adds tasks, and so does software's when its field lists none."""
    mattress = dict(
        title="智能床垫监测系统", description="床垫下的传感带：离床、翻身、呼吸心率监测，告警推送护理员。"
    )
    software = offering_facts(offering(category="software", tasks=["care_monitoring"], **mattress))
    assert software.tasks == ("care_monitoring",)
    robot = offering_facts(offering(category="robot", tasks=["care_monitoring"], **mattress))
    assert "mobility_assist" in robot.tasks
    untagged = offering_facts(offering(category="software", tasks=[], **mattress))
    assert "mobility_assist" in untagged.tasks and "care_monitoring" in untagged.tasks
    night = demand(title="夜间离床监测", domain="eldercare", tasks=["care_monitoring"])
    assert (
        codes(
            scoring.focus(*facts(night, offering(category="software", tasks=["care_monitoring"], **mattress)))
        )
        == []
    )


def test_a_task_covered_by_its_kin_counts_in_part_and_says_so():
    """A pier's 导览 (shopping guidance) and a station's 客流引导 robot (reception): the
    same machines do both, so it covers the guidance in part (KINDRED_CREDIT), below
    one listing it and above one doing other work; its reason says it does not list it."""
    pier = demand(title="码头候船厅导览机器人", domain="retail", tasks=["shopping_guide"])
    station = offering(title="车站客流引导机器人", domains=["retail"], tasks=["reception"])
    guide = offering(title="商场导览机器人", domains=["retail"], tasks=["shopping_guide"])
    cleaner = offering(title="洗地机器人", domains=["retail"], tasks=["cleaning"])
    kin = scoring.fit(*facts(pier, station))
    assert kin.value == pytest.approx(scoring.KINDRED_CREDIT**scoring.FIT_CREDIT)
    assert codes(kin) == ["task_kindred"]
    assert "未列出" in kin.reasons[0].text("zh") and "does not list" in kin.reasons[0].text("en")
    assert score(pier, guide).score > score(pier, station).score > score(pier, cleaner).score
    both = demand(title="大堂接待+导览", domain="retail", tasks=["reception", "shopping_guide"])
    assert codes(scoring.fit(*facts(both, guide))) == ["tasks_covered", "task_kindred"]


def test_a_machine_moving_goods_covers_sorting_and_shelf_stocking_in_part_not_the_reverse():
    """A library's returned books to sort and carry to each floor, a shop's cases to put
    on the shelves: an AMR moving goods does part of that work; a sorter does not carry
    what a need to move goods asks."""
    books = demand(title="还书分拣自动化", domain="retail", tasks=["sorting"])
    shelves = demand(title="夜间理货上架", domain="retail", tasks=["shelf_stocking"])
    moving = demand(title="仓库搬运", domain="retail", tasks=["handling"])
    amr = offering(title="物流AMR", domains=["retail"], tasks=["handling"])
    sorter = offering(title="交叉带分拣机", domains=["retail"], tasks=["sorting"])
    for need in (books, shelves):
        kin = scoring.fit(*facts(need, amr))
        assert codes(kin) == ["task_kindred"]
        assert kin.value == pytest.approx(scoring.KINDRED_CREDIT**scoring.FIT_CREDIT)
    assert "task_kindred" not in codes(scoring.fit(*facts(moving, sorter)))
    assert scoring.fit(*facts(moving, sorter)).value < scoring.fit(*facts(books, amr)).value


def test_focus_prefers_a_specialist_to_a_generalist():
    everything = ["handling", "sorting", "assembly", "loading", "welding", "quality_inspection"]
    generalist = scoring.focus(*facts(o=offering(category="humanoid", tasks=everything)))
    specialist = scoring.focus(*facts(o=offering(tasks=["handling"])))
    assert specialist.value == 1.0 and codes(specialist) == []
    # One asked of six listed, smoothed by one on both sides (`FOCUS_PRIOR`).
    assert generalist.value == pytest.approx(2 / 7) and codes(generalist) == ["generalist"]
    # Two listed, one asked: more than half as specific, and no generalist.
    pair = scoring.focus(*facts(o=offering(tasks=["handling", "loading"])))
    assert pair.value == pytest.approx(2 / 3) and codes(pair) == []
    assert generalist.value < pair.value < specialist.value


def test_focus_gives_nothing_for_a_special_rating_the_site_does_not_need():
    plain = scoring.focus(*facts())
    ex = scoring.focus(*facts(o=offering(environments=["explosive"])))
    assert ex.value == plain.value * scoring.UNNEEDED_RATING_FOCUS and codes(ex) == ["rated_unneeded"]
    needed = scoring.focus(*facts(demand(environments=["explosive"]), offering(environments=["explosive"])))
    assert needed.value == plain.value and codes(needed) == []
    outdoor = scoring.focus(*facts(o=offering(environments=["outdoor"])))
    assert outdoor.value == plain.value, "an ordinary rating (outdoor) is not a special one"


def test_category_is_graded_for_platforms_that_serve_the_need():
    assert scoring.category(*facts()).value == 1.0
    checks = demand(title="注塑件外观检测", tasks=["quality_inspection"])
    platform = scoring.category(*facts(checks, offering(category="software", tasks=["quality_inspection"])))
    assert platform.value == scoring.PLATFORM_CATEGORY and codes(platform) == ["platform_serves"]
    unrelated = scoring.category(
        *facts(checks, offering(category="software", title="焊接工艺软件", tasks=["welding"]))
    )
    # Software naming none of the need's tasks: graded low and to be confirmed, never ruled out.
    assert unrelated.value == scoring.PLATFORM_UNPROVEN < platform.value
    assert codes(unrelated) == ["platform_unproven"] and not unrelated.reasons[0].hard
    assert codes(scoring.category(*facts(o=offering(category="component")))) == ["not_a_robot"]
    part_need = demand(kind="component", title="谐波减速器采购", tasks=[])
    assert codes(scoring.category(*facts(part_need, offering()))) == ["not_a_component"]
    assert scoring.category(*facts(part_need, offering(category="component"))).value == 1.0


def test_text_is_neutral_unknown_and_said_when_close():
    assert scoring.text(None).value == scoring.TEXT_UNKNOWN
    assert codes(scoring.text(0.8)) == ["text_close"] and scoring.text(1.7).value == 1.0
    assert codes(scoring.text(0.3)) == []


def test_domain():
    assert scoring.domain(*facts()).value == 1.0
    f = scoring.domain(*facts(o=offering(domains=["retail"])))
    assert f.value == 0.0 and codes(f) == ["domain_missing"]


def test_environments_required_rule_out_mentioned_lower_and_ask_to_confirm():
    required = scoring.environments(*facts(demand(environments=["explosive"]), offering()))
    assert codes(required) == ["env_not_rated"] and required.reasons[0].hard
    drill = demand(
        title="消防应急演练", description="在化工园区组织演练，模拟易燃易爆场景下的灭火救援。", tasks=[]
    )
    mentioned = scoring.environments(*facts(drill, offering()))
    assert codes(mentioned) == ["env_to_confirm"] and not mentioned.reasons[0].hard
    assert mentioned.value == scoring.MENTIONED_UNRATED
    rated = scoring.environments(*facts(drill, offering(certifications=["Ex d IIB T4"])))
    assert codes(rated) == ["env_rated_by"] and rated.value == 1.0
    assert scoring.environments(*facts()).value is None


def test_a_site_that_states_its_heat_against_an_offering_that_states_how_hot_it_may_work():
    hot_shop = demand(
        title="印染车间布卷转运",
        description="车间常年35°C以上，地面有水，设备必须防水（IP67）、耐湿热。",
        environments=["wet", "high_temperature"],
    )
    made_for_it = offering(
        description="防水IP67，车间湿热环境（耐温55°C、湿度95%）长期运行", environments=["wet"]
    )
    ordinary = offering(description="防水IP67，工作温度 0～40℃", environments=["wet"])
    env = scoring.environments(*facts(hot_shop, made_for_it))
    assert env.value == 1.0 and "env_not_rated" not in codes(env)
    assert any(r.code == "env_rated_by" and "55°C" in r.text("zh") for r in env.reasons)
    assert score(hot_shop, made_for_it).ok
    assert not score(hot_shop, ordinary).ok, "40 °C is not 10 °C above a 35 °C shop"
    fire = demand(title="火场侦察", description="石化火场侦察", environments=["high_temperature"])
    assert not score(fire, made_for_it).ok, "a fire scene names no temperature: it needs a heat rating"


@pytest.mark.parametrize(
    ("text", "hottest"),
    [
        ("耐温55°C、湿度95%", 55.0),
        ("车间常年35°C以上", 35.0),
        ("工作温度 -20～60℃", 60.0),
        ("工作温度：-10℃~45℃", 45.0),
        ("Operating range -10 °C to 50 °C", 50.0),
        ("旋转180度，湿度95%", None),
        ("零下二十度可用", None),
        ("夏天场地地面温度能到60多度，冬天偶尔零下几度", 60.0),  # 度 after a word for heat
        ("车间常年40多℃", 40.0),
        ("可上下45度楼梯、跨越20cm障碍", None),  # an angle
    ],
)
def test_the_hottest_temperature_a_text_states(text, hottest):
    assert lexicon.hottest_in(text) == hottest


def test_an_offerings_bound_said_with_以下_is_how_hot_it_may_work_a_sites_is_no_heat():
    offering_text = "焊接区环境温度55°C以下可长期运行（已通过高温连续运行测试）"
    assert lexicon.hottest_in(offering_text, up_to=True) == 55.0
    assert lexicon.hottest_in("车间温度一般35°C以下") is None
    o = offering(description="焊接区环境温度65°C以下可长期运行", environments=[])
    hot = demand(description="夏季焊接工位环境温度50°C以上，必须耐高温", environments=["high_temperature"])
    assert score(hot, o).ok


def test_a_heat_an_offering_says_it_bears_needs_no_margin_the_top_of_its_range_does():
    """A machine said to bear 65℃ (耐受65℃, 最高50℃可连续工作) serves a site said to be
    60℃ or more; one whose operating range only tops out there (工作温度0～65℃: a spec
    sheet's envelope, not a claim about heat) needs HEAT_MARGIN above a floor, and none
    against the top of a range the site keeps within (窑内55-65℃)."""
    bears = offering(description="关键电气件耐受窑内65℃、湿度95%以上的蒸汽环境", environments=[])
    ranged = offering(description="工作温度 0～65℃，IP54", environments=[])
    kiln = demand(description="立体窑内温度55-65℃，模台出入库。", environments=["high_temperature"])
    floor = demand(description="窑内温度60℃以上，模台出入库。", environments=["high_temperature"])
    assert score(kiln, bears).ok and score(floor, bears).ok
    assert score(kiln, ranged).ok, "the top of the site's range is the most it gets"
    assert not score(floor, ranged).ok, "65 °C is not 10 °C above a site of 60 °C or more"
    summer = offering(description="夏季高温（最高50℃）可连续工作，语音讲解", environments=[])
    beach = demand(description="全部户外，午后地表温度常超过45℃", environments=["high_temperature"])
    assert score(beach, summer).ok
    assert lexicon.hottest_ranged("工作温度 0～65℃，IP54", 65.0)
    assert lexicon.hottest_ranged("Operating range -10 °C to 50 °C", 50.0)
    assert lexicon.hottest_ranged("工作温度：-10℃~45℃", 45.0) and lexicon.hottest_bounded(
        "窑内50℃～60℃", 60.0
    )
    assert not lexicon.hottest_ranged("耐受窑内65℃", 65.0) and not lexicon.hottest_ranged("最高50℃", 50.0)
    assert lexicon.hottest_in("窑内温度55-65℃") == 65.0 and lexicon.hottest_bounded("窑内温度55-65℃", 65.0)
    assert lexicon.hottest_in("温度 45 – 55℃") == 55.0
    assert not lexicon.hottest_bounded("车间常年35°C以上", 35.0) and not lexicon.hottest_bounded(
        "车间温度50℃", 50.0
    )
    assert lexicon.hottest_in("-25℃冷库") is None


def test_a_machine_said_to_work_at_a_fires_heat_is_rated_for_a_fire_that_names_none():
    """A tunnel fire (火灾时隧道内高温) names no temperature: a rail robot said to work at 300℃
    for 30 minutes is made for it, with the figure as evidence; one said to bear 55°C is not."""
    tunnel = demand(
        title="过江隧道火灾侦测", description="火灾时隧道内高温、浓烟。", environments=["high_temperature"]
    )
    rail = offering(description="隧道挂轨巡检。耐受火灾烟气，并可在 300℃ 下工作 30 分钟。", environments=[])
    env = scoring.environments(*facts(tunnel, rail))
    assert codes(env) == ["env_rated_by"] and "300°C" in env.reasons[0].text("en")
    assert score(tunnel, rail).ok
    warm = offering(description="车间湿热环境（耐温55°C）长期运行", environments=[])
    assert not score(tunnel, warm).ok


@pytest.mark.parametrize(
    "text",
    [
        "可在火场高温辐射区持续出水",  # working in a fire's radiant heat
        "自带水幕降温，可抵近火点灭火",  # cooling itself with a water curtain
        "喷淋降温，履带底盘，流量80L/s",
    ],
)
def test_a_fire_robot_said_to_work_in_a_fires_heat_is_rated_for_it(text):
    assert "high_temperature" in lexicon.ratings([], [], text).rated
    fire = demand(
        title="仓库火灾扑救", description="物流仓库火灾时高温浓烟。", environments=["high_temperature"]
    )
    assert score(fire, offering(title="消防灭火机器人", description=text, environments=[])).ok


def test_a_heat_said_as_the_most_there_is_needs_no_margin():
    """A tunnel fire said to reach 300℃ (可达300℃, 二三百度: two to three hundred) is
    met by a machine whose range tops out at 300℃; one said to be 300℃ or more is not."""
    o = offering(description="机身工作温度-20～300℃（30分钟）。非防爆。", environments=[])
    for most in (
        "火点附近温度可达300℃，设备须能在高温下持续工作。",
        "火点附近温度很高（二三百度），机器要扛得住。",
    ):
        assert lexicon.hottest_bounded(most, lexicon.hottest_in(most)), most
        assert score(demand(description=most, environments=["high_temperature"]), o).ok, most
    floor = "火点附近温度300℃以上，设备须能在高温下持续工作。"
    assert not score(demand(description=floor, environments=["high_temperature"]), o).ok
    assert lexicon.hottest_bounded("夏天车间温度最高到45度", 45.0)
    assert not lexicon.hottest_bounded("炉前40℃", 40.0)


def test_payload():
    assert scoring.payload(*facts()).value is None
    assert codes(scoring.payload(*facts(demand(payload_kg=10), offering(payload_kg=20)))) == ["payload_ok"]
    assert codes(scoring.payload(*facts(demand(payload_kg=10), offering()))) == ["payload_unknown"]
    short = scoring.payload(*facts(demand(payload_kg=30), offering(payload_kg=20)))
    assert codes(short) == ["payload_short"] and short.reasons[0].hard


def test_a_machine_built_for_loads_far_beyond_the_need_is_another_class_of_machine():
    """A 2 t AGV carries 30 kg cartons, but is not the palletiser the need is for: it
    meets the condition (no rule-out) and its score is scaled by OVERSIZED_MISSED."""
    cartons = demand(payload_kg=30)
    agv, palletiser = offering(payload_kg=2000), offering(payload_kg=50)
    big = scoring.payload(*facts(cartons, agv))
    assert codes(big) == ["payload_oversized"] and not big.reasons[0].hard and big.value == 1.0
    assert codes(scoring.payload(*facts(cartons, palletiser))) == ["payload_ok"]
    assert score(cartons, agv).ok
    assert score(cartons, agv).score < score(cartons, palletiser).score
    # Ten times a light load is no class apart below OVERSIZED_FLOOR (a 20 kg arm for 2 kg).
    assert codes(scoring.payload(*facts(demand(payload_kg=2), offering(payload_kg=20)))) == ["payload_ok"]
    assert "2,000 kg" in reason("payload_oversized", scoring.WEAK, offered=2000.0, needed=30.0).text("en")


def test_payload_is_what_the_offering_carries_continuously_beside_a_peak():
    """A humanoid's field says 10 kg; its text says that is a peak for 30 seconds and
    3 kg per arm is what it carries at work: an 8 kg part is too heavy for it."""
    peak = "单臂持续负载3kg，双臂峰值10kg（持续不超过30秒）。"
    short = scoring.payload(*facts(demand(payload_kg=8), offering(payload_kg=10, description=peak)))
    assert codes(short) == ["payload_short"] and dict(short.reasons[0].params)["offered"] == 3.0
    # Without a peak, a load per arm beside one for both arms is no lesser rating.
    both = "单臂持续负载5kg、双臂协同搬运10kg。"
    assert codes(
        scoring.payload(*facts(demand(payload_kg=8), offering(payload_kg=10, description=both)))
    ) == ["payload_ok"]
    assert lexicon.sustained_payload_in("单臂峰值负载20kg（连续作业建议5kg以内）") == 5.0
    assert lexicon.sustained_payload_in("continuous payload 4 kg, peak 12 kg") == 4.0
    assert lexicon.sustained_payload_in("峰值负载20kg，可连续工作8小时") is None
    # A rating beside a peak or a static load, the peak's figure in brackets left out.
    assert lexicon.sustained_payload_in("额定负载5kg（20kg为短时峰值）。") == 5.0
    assert lexicon.sustained_payload_in("额定500kg（动载），1000kg为静载顶升能力。") == 500.0
    assert lexicon.sustained_payload_in("最大承重60kg！长时间连续运行建议总重≤25kg，超重会减速。") == 25.0
    # Advice alone counts (坡地持续作业建议150kg以内), as does a second, lesser rating.
    assert lexicon.sustained_payload_in("额定载重300kg（平地），坡地持续作业建议150kg以内。") == 150.0
    assert lexicon.sustained_payload_in("额定负载60kg（为搀扶时的支撑力）；手臂持续搬运负载5kg。") == 5.0
    # One cue for one arm and both is one rating, the larger; one arm's beside both arms' too.
    assert lexicon.sustained_payload_in("双臂峰值负载20kg（持续作业建议单臂≤4kg、双臂≤8kg）") == 8.0
    assert lexicon.sustained_payload_in("负载：单臂额定3kg，双臂协同持续搬运5kg，峰值20kg（短时）。") == 5.0
    # A rated load with nothing beside it is the field's to state.
    assert lexicon.sustained_payload_in("额定负载20kg，续航3小时。") is None
    rated = offering(payload_kg=20, description="额定负载5kg（20kg为短时峰值）。")
    assert codes(scoring.payload(*facts(demand(payload_kg=8), rated))) == ["payload_short"]


def test_payload_a_workpiece_the_robot_does_not_carry_is_no_payload():
    """焊件最重18kg for a welding cell: the worker puts it on the fixture; the weight
    counts as a payload only for a need whose tasks carry something."""
    text = "摩托车车架支架焊接，焊件单件最重18kg，由工人上件到工装上。"
    welding = demand(title="焊接工作站", description=text, tasks=["welding"])
    handling = demand(title="上下料", description="单件最重18kg", tasks=["loading"])
    untagged = demand(title="搬运", description="单件最重18kg", tasks=[])
    assert demand_facts(welding).payload_kg is None
    assert demand_facts(handling).payload_kg == 18.0 and demand_facts(untagged).payload_kg == 18.0
    assert demand_facts(demand(tasks=["welding"], payload_kg=8)).payload_kg == 8.0  # a field is kept
    cobot = offering(tasks=["welding"], payload_kg=10)
    assert score(welding, cobot).ok and not score(handling, offering(tasks=["loading"], payload_kg=10)).ok


def test_torque_of_components_read_from_both_texts():
    need = demand(
        kind="component", title="腿部一体化关节模组", description="髋、膝关节，峰值扭矩 ≥100Nm", tasks=[]
    )
    strong = offering(category="component", description="一体化关节，峰值扭矩 120Nm", tasks=[])
    weak = offering(category="component", description="轻量关节模组，峰值 30 N·m，手臂用", tasks=[])
    silent = offering(category="component", description="一体化关节模组", tasks=[])
    assert codes(scoring.torque(*facts(need, strong))) == ["torque_ok"]
    short = scoring.torque(*facts(need, weak))
    assert codes(short) == ["torque_short"] and short.reasons[0].hard
    assert scoring.torque(*facts(need, silent)).reasons == (), "nothing said when the offering states none"
    assert not score(need, weak).ok and score(need, strong).ok
    scenario = demand(description="拧紧扭矩 5Nm 的锁螺丝工位")
    assert scoring.torque(*facts(scenario, weak)).reasons == (), "a site need's torque is about its work"
    assert lexicon.torque_in("905nm 激光雷达") is None, "nanometres are not newton metres"
    assert (
        reason("torque_short", "bad", offered=30.0, needed=100.0).text("zh") == "扭矩30 N·m，低于所需100 N·m"
    )


def test_commercial_a_volume_price_counts_for_a_need_wanting_that_many():
    need = demand(
        kind="component",
        title="17型谐波减速器",
        tasks=[],
        quantity=2000,
        modes=["purchase"],
        budget={"purchase": 1100},
    )
    tiered = offering(
        category="component",
        tasks=[],
        description="阶梯价：1–99台1350元；100–499台1150元；500台以上980元/台。",
        modes=[{"mode": "purchase", "price": 1350}],
    )
    factor = scoring.commercial(*facts(need, tiered))
    assert codes(factor) == ["volume_price", "price_within"] and factor.value == 1.0
    assert "980" in factor.reasons[0].text("en") and "1,350" in factor.reasons[0].text("en")
    # Too few wanted for a tier: the list price, over the budget.
    few = demand(**{**vars(need), "quantity": 20})
    assert codes(scoring.commercial(*facts(few, tiered))) == ["price_over"]
    # A "volume price" far below the list price is another product's, not this one's.
    odd = offering(
        category="component",
        tasks=[],
        description="配件100个以上120元",
        modes=[{"mode": "purchase", "price": 1350}],
    )
    assert codes(scoring.commercial(*facts(need, odd))) == ["price_over"]
    assert score(need, tiered).score > score(need, odd).score


def test_spec_a_component_that_misses_the_bus_weight_or_width_its_need_states_counts_less():
    need = demand(
        kind="component",
        title="手臂关节模组 200台",
        description="峰值扭矩≥100N·m，48V，EtherCAT，带抱闸，单个重量≤2.2kg，外径不超过100mm。",
        tasks=[],
    )
    kw = {"category": "component", "tasks": []}
    fits = offering(description="一体化关节，峰值120N·m，EtherCAT，重量1.9kg，外径98mm", **kw)
    other_bus = offering(description="一体化关节，峰值150N·m，CANopen，重量1.8kg", **kw)
    heavy = offering(description="一体化关节，峰值200N·m，EtherCAT，重2.6kg，外径110mm", **kw)
    silent = offering(description="一体化关节模组，峰值120N·m", **kw)
    assert codes(scoring.spec(*facts(need, fits))) == ["bus_ok", "weight_ok", "diameter_ok"]
    assert codes(scoring.spec(*facts(need, other_bus))) == ["bus_other", "weight_ok"]
    assert codes(scoring.spec(*facts(need, heavy))) == ["bus_ok", "weight_over", "diameter_over"]
    assert scoring.spec(*facts(need, silent)).reasons == (), "nothing said when the offering states none"
    ranked = sorted((fits, other_bus, heavy, silent), key=lambda o: -score(need, o).score)
    assert ranked[0] is fits and ranked[-1] is heavy
    assert score(need, other_bus).ok, "a missed limit lowers the score, it does not rule out"
    # Several buses named are alternatives; CAN on its own is met by any of its kind.
    either = demand(
        kind="component", title="指尖触觉模组", description="digital output over SPI or I2C", tasks=[]
    )
    i2c = offering(description="触觉阵列，I2C输出", **kw)
    assert codes(scoring.spec(*facts(either, i2c))) == ["bus_ok"]
    assert specs.bus_met(("can",), ("canfd",)) and not specs.bus_met(("canopen",), ("canfd",))
    # A site need's buses and weights are about its site, not a part.
    site = demand(description="AGV走廊，CANopen总线，重量≤50kg的料箱", tasks=["handling"])
    assert scoring.spec(*facts(site, other_bus)).reasons == ()
    assert (
        specs.weight_of("负重20kg，整机重量63kg") == 63.0 and specs.diameter_of("中空Φ20，外径70mm") == 70.0
    )
    # How loud a robot runs counts for any need that states the quiet it needs.
    ward = demand(
        domain="healthcare",
        title="病区夜间配送",
        description="夜间噪音必须低（45分贝以下）",
        tasks=["delivery"],
    )
    quiet = offering(domains=["healthcare"], tasks=["delivery"], description="运行噪声≤42dB")
    loud = offering(domains=["healthcare"], tasks=["delivery"], description="夜间运行噪音约62dB")
    assert codes(scoring.spec(*facts(ward, quiet))) == ["noise_ok"]
    assert codes(scoring.spec(*facts(ward, loud))) == ["noise_over"]
    assert score(ward, loud).score < score(ward, quiet).score
    assert (
        specs.noise_limit("大厅噪音大（85–90分贝）") is None
        and specs.noise_of("90dB噪声下唤醒率≥95%") is None
    )
    assert specs.noise_limit("noise must stay below 55 dB") == 55.0
    assert (
        reason("bus_other", "weak", offered="CANopen", needed="EtherCAT").text("zh")
        == "接口为CANopen，不是需求要的EtherCAT"
    )


def test_spec_a_research_need_for_open_control_prefers_a_robot_that_opens_it():
    lab = demand(
        title="4 quadruped robots with a manipulator arm for research",
        description="We must run our own controllers through a low-level joint API; a closed, app-only product is no use.",
        tasks=[],
    )
    kw = {"category": "robot", "tasks": []}
    research = offering(title="四足Q2-Arm", description="带机械臂四足，开放底层关节API，支持ROS2", **kw)
    industry = offering(
        title="四足Q2-Arm 行业版", description="带机械臂四足，APP操作，仅开放高层任务接口", **kw
    )
    kit = offering(title="四足Q2-Arm 教育版", description="带机械臂四足，提供Python SDK", **kw)
    assert codes(scoring.spec(*facts(lab, research))) == ["open_low_ok"]
    assert codes(scoring.spec(*facts(lab, industry))) == ["open_low_missing"]
    assert scoring.spec(*facts(lab, kit)).reasons == (), "an SDK named: low-level access to be confirmed"
    assert score(lab, research).score >= score(lab, kit).score > score(lab, industry).score
    # A teaching need asking to program the robot is met by an SDK, not by a closed one.
    school = demand(title="实训室采购人形机器人", description="用于教学和学生二次开发", tasks=[])
    assert codes(scoring.spec(*facts(school, kit))) == ["open_kit_ok"]
    closed = offering(description="迎宾机器人，封闭系统，不支持二次开发", **kw)
    assert codes(scoring.spec(*facts(school, closed))) == ["open_kit_missing"]
    # Its own controllers are not what it buys; 高层 (high-rise) says nothing of openness.
    assert demand_facts(lab).parts == ()
    assert specs.openness_of("高层外墙喷涂机器人") is None


def test_protection_a_code_below_the_one_the_site_asks_for_is_ruled_out():
    tunnel = demand(
        domain="construction",
        title="地铁隧道运营期巡检",
        description="识别衬砌裂缝、渗漏水，隧道内潮湿，要求IP67。",
        tasks=["patrol_inspection"],
        environments=["wet"],
    )
    kw = {"domains": ["construction"], "tasks": ["patrol_inspection"]}
    ip66 = offering(description="四足巡检，防护等级IP66", **kw)
    ip67 = offering(description="挂轨巡检", certifications=["IP67"], **kw)
    ip68 = offering(description="防水IP68，可短时浸水", **kw)
    silent = offering(description="隧道巡检机器人，防水", environments=["wet"], **kw)
    short = scoring.protection(*facts(tunnel, ip66))
    assert codes(short) == ["ip_short"] and short.reasons[0].hard and not score(tunnel, ip66).ok
    for fits in (ip67, ip68):
        assert scoring.protection(*facts(tunnel, fits)).reasons == ()
    assert scoring.protection(*facts(tunnel, silent)).reasons == (), "no code stated: the rating decides"
    assert score(tunnel, silent).ok
    # A wet site that names its code is met by that code, not by a lesser one.
    pump = demand(
        description="测试工位到处是水，要求设备必须防水IP65以上。", tasks=["assembly"], environments=[]
    )
    line = dict(domains=["manufacturing"], tasks=["assembly"], environments=[])
    env = scoring.environments(*facts(pump, offering(description="试验工位IP65", **line)))
    assert codes(env) == ["env_rated_by"] and "IP65" in env.reasons[0].text("zh")
    assert not score(pump, offering(description="整机IP54", **line)).ok
    # A wet site asking for splash protection in words (必须防溅水) asks for IPX4: met by
    # an offering stating IPX4, not by one keeping out only dripping water.
    garage = demand(
        description="车库地面经常有积水，设备必须防溅水。", tasks=["cleaning"], environments=["wet"]
    )
    floor = dict(domains=["services"], tasks=["cleaning"], environments=[])
    assert demand_facts(garage).ip_code == "IPX4"
    assert score(garage, offering(description="洗地机器人，整机IPX4", **floor)).ok
    assert not score(garage, offering(description="洗地机器人，整机IPX2", **floor)).ok
    assert lexicon.protection_asked("设备必须 IP69K，不是“防溅”那种。") == "IP69"
    # Dust counts where both state it; an X states nothing of dust.
    assert lexicon.ip_code_short("IP65", "IP54") and not lexicon.ip_code_short("IP67", "IPX7")
    assert lexicon.ip_code_short("IPX7", "IP55") and lexicon.ip_code_in("机身IP54，电池仓IP67") == "IP67"
    # At a drill or a show, a code in the text asks nothing of the site.
    drill = demand(title="防汛演练", description="演练现场展示IP67机器人涉水", tasks=["rescue"])
    assert demand_facts(drill).ip_code is None
    assert (
        reason("ip_short", "bad", offered="IP66", needed="IP67").text("zh") == "防护等级IP66，低于所需的IP67"
    )


def test_gas_group_an_offering_protected_to_a_lower_group_than_the_site_is_ruled_out():
    kw = {"domain": "emergency", "tasks": ["patrol_inspection"], "environments": ["explosive"]}
    hydrogen_stated = demand(title="制氢站防爆巡检", description="爆炸危险2区，气体组别须为IIC（氢气）", **kw)
    tank_farm = demand(title="罐区巡检", description="防爆证要有，Ex d IIB T4 就够了（没有氢气）", **kw)
    hydrogen_unit = demand(title="加氢装置区巡检", description="爆炸危险2区为主，需要防爆巡检机器人", **kw)
    either = demand(
        title="LNG terminal patrol", description="Zone 1, Ex certificate IIB/IIC T4 or better", **kw
    )
    ok = {"domains": ["emergency"], "tasks": ["patrol_inspection"], "environments": ["explosive"]}
    iib = offering(description="隔爆型轮式巡检，Ex d IIB T4 Gb，适用于IIA/IIB类气体场所", **ok)
    iic = offering(description="防爆四足，ExdⅡCT6", **ok)
    silent = offering(description="防爆巡检机器人，取得防爆合格证", **ok)
    short = scoring.gas_group(*facts(hydrogen_stated, iib))
    assert (
        codes(short) == ["gas_group_short"] and short.reasons[0].hard and not score(hydrogen_stated, iib).ok
    )
    assert codes(scoring.gas_group(*facts(hydrogen_stated, iic))) == ["gas_group_ok"]
    assert scoring.gas_group(*facts(hydrogen_stated, silent)).reasons == (), (
        "no group stated: the rating decides"
    )
    # A site stating IIB, saying it has no hydrogen, takes IIB and IIC alike; one naming
    # several groups accepts the lowest.
    for need in (tank_farm, either):
        assert codes(scoring.gas_group(*facts(need, iib))) == ["gas_group_ok"]
        assert score(need, iib).ok
    # Told only by the hydrogen it holds, a site's group is to be confirmed, not a rule.
    doubt = score(hydrogen_unit, iib)
    assert doubt.ok and "gas_group_doubt" in codes(doubt)
    assert doubt.score < score(hydrogen_unit, iic).score
    assert lexicon.gas_group_in("ExdIIBT4") == "IIB" and lexicon.gas_group_in("Ex d IIB+H2 T4") == "IIB+H2"
    assert lexicon.gas_group_in("乙炔站", site=True) == "IIC" and lexicon.gas_group_in("乙炔站") is None
    # A coal mine's group I and the surface's group II do not stand in for each other.
    tunnel = demand(
        title="高瓦斯公路隧道施工巡检",
        description="穿越煤系地层，设备必须取得矿用防爆（Ex d I Mb）及煤安认证，普通 IIB/IIC 类防爆不接受。",
        **kw,
    )
    mine = offering(description="矿用本安型巡检机器人，MA煤安标志，Ex ib I Mb", **ok)
    assert codes(scoring.gas_group(*facts(tunnel, iic))) == ["gas_group_short"] and score(tunnel, mine).ok
    assert codes(scoring.gas_group(*facts(tank_farm, mine))) == ["gas_group_short"]
    assert lexicon.gas_group_in("MIIC") is None, "a model name holding IIC is no group"
    assert (
        reason("gas_group_short", "bad", offered="IIB", needed="IIC").text("zh")
        == "防爆气体组别仅为IIB，现场需要IIC"
    )


def test_protection_a_cleanroom_class_less_clean_than_the_sites_is_ruled_out():
    theatre = demand(
        domain="healthcare",
        title="层流手术间递送耗材",
        description="百级（ISO 5）层流手术间，物品≤3kg，不接触患者。",
        tasks=["delivery"],
        environments=["cleanroom"],
    )
    kw = {"domains": ["healthcare"], "tasks": ["delivery"], "environments": ["cleanroom"]}
    iso7 = offering(description="洁净配送机器人，通过ISO 14644-1 Class 7 洁净度测试", **kw)
    iso5 = offering(description="洁净人形，通过ISO 5级（百级）洁净室适用性测试", **kw)
    silent = offering(description="洁净区配送机器人，低发尘", **kw)
    short = scoring.protection(*facts(theatre, iso7))
    assert codes(short) == ["clean_class_short"] and not score(theatre, iso7).ok
    assert codes(scoring.protection(*facts(theatre, iso5))) == ["clean_class_ok"] and score(theatre, iso5).ok
    assert scoring.protection(*facts(theatre, silent)).reasons == ()
    # A site naming several zones is taken at its least clean; GMP grades count beside a clean area.
    corridor = demand(**{**vars(theatre), "description": "手术部洁净区（百级/万级）内器械包配送"})
    assert score(corridor, iso7).ok
    assert specs.clean_class_in("适用于制药C/D级洁净区（ISO 7/8级）") == 7
    assert specs.clean_class_in("A级景区导览，ISO 9001") is None
    assert specs.clean_class_in("a Grade A isolator in a Grade B / ISO 7 cleanroom background") == 5
    assert (
        reason("clean_class_short", "bad", offered=7, needed=5).text("zh")
        == "洁净等级ISO 7级，达不到所需的ISO 5级"
    )


def test_dexterity_degrees_of_freedom_and_touch_a_hand_need_states():
    need = demand(
        kind="component",
        title="采购灵巧手（≥12自由度，带触觉）",
        description="灵巧手主动自由度≥12，指尖必须有触觉，年需300只。",
        tasks=[],
    )
    kw = {"category": "component", "tasks": []}
    full = offering(title="灵巧手 LQ-20", description="20主动自由度，指尖与指腹触觉阵列", **kw)
    numb = offering(title="灵巧手 LQ-12（12自由度，无触觉）", description="力控抓取", **kw)
    few = offering(title="灵巧手 LQ-5（6自由度）", description="5指6主动自由度，指尖力10N", **kw)
    silent = offering(title="五指灵巧手", description="腱绳驱动", **kw)
    assert codes(scoring.dexterity(*facts(need, full))) == ["dof_ok", "touch_ok"]
    assert codes(scoring.dexterity(*facts(need, numb))) == ["dof_ok", "touch_missing"]
    assert codes(scoring.dexterity(*facts(need, few))) == ["dof_short"]
    assert scoring.dexterity(*facts(need, silent)).reasons == (), (
        "nothing said when the offering states neither"
    )
    assert score(need, full).ok and score(need, silent).ok
    assert not score(need, numb).ok and not score(need, few).ok
    # Only wished for (最好): a shortfall lowers the score, it does not rule out.
    wish = demand(
        kind="component",
        title="服务型人形配套灵巧手",
        description="需要灵巧手，最好 5 自由度以上、指尖有触觉，单只 5 万以内。",
        tasks=[],
    )
    basic = offering(title="三指夹持手", description="3 自由度，无触觉", **kw)
    m = score(wish, basic)
    assert m.ok and codes(scoring.dexterity(*facts(wish, basic))) == ["dof_short", "touch_missing"]
    assert score(wish, silent).score > m.score
    # A site need's degrees of freedom are the robot's, not a component's.
    assert scoring.dexterity(*facts(demand(description="六自由度机械臂，12自由度以上"), few)).reasons == ()
    assert reason("dof_short", "bad", offered=6.0, needed=12.0).text("zh") == "自由度6，低于所需12"


@pytest.mark.parametrize(
    ("text", "dof", "touch"),
    [
        ("五指灵巧手，6个主动自由度、11个关节，指尖触觉传感器", (6.0, False), (True, True)),
        ("研发样机需要五指灵巧手，最好带指尖触觉传感，自由度不少于6个", (6.0, False), (True, True)),
        ("整机配套灵巧手，必须≥12个主动自由度并带指尖触觉", (12.0, False), (True, False)),
        ("6自由度，无触觉，适合简单抓取。", (6.0, False), (False, False)),
        ("11 主动自由度。标配无触觉，可选配指尖触觉模组（+12000 元/只）", (11.0, False), (True, True)),
        ("采购带触觉的灵巧手。最好 5 自由度以上、指尖有触觉", (5.0, True), (True, True)),
        ("要求自由度不少于6，单手重量≤1.2kg，带指尖触觉更佳。", (6.0, False), (True, True)),
        ("A 12-DoF hand with tactile fingertips", (12.0, False), (True, True)),
        ("谐波减速器，传动精度≤20弧秒", (None, False), (None, False)),
    ],
)
def test_dexterity_read_from_text(text, dof, touch):
    # touch: (stated, asked only softly: wished for or without a firm word such as 必须)
    assert lexicon.dof_in(text) == dof and lexicon.touch_in(text) == touch


def test_a_component_needs_own_weight_is_no_load_to_carry():
    need = demand(
        kind="component",
        title="采购一体化关节模组（峰值扭矩≥120Nm）",
        description="膝关节/髋关节一体化关节模组：峰值扭矩≥120Nm，48V，重量≤2.0kg。",
        tasks=[],
    )
    module = offering(
        category="component", tasks=[], title="JM-150 一体化关节模组", description="峰值扭矩150Nm，重量1.8kg"
    )
    assert demand_facts(need).payload_kg is None
    assert scoring.payload(*facts(need, module)).reasons == () and score(need, module).ok


def test_a_need_to_keep_robots_running_is_served_by_upkeep_not_by_more_robots():
    """包年维保 for a shop's welding robots: the welding its text names is its robots'
    work, not the work asked for. A maintenance service covers it; a new welding
    cell does not, and a robot that mentions its own maintenance is still a robot."""
    need = demand(
        title="厂里十几台焊接机器人老化，找包年维保",
        description="车间有14台焊接机器人，用了六七年，老是停机。想找包年维保，定期保养+4小时到场。",
        tasks=[],
    )
    d = demand_facts(need)
    assert d.upkeep and scoring._needed(d) == (scoring.UPKEEP,)
    upkeep = offering(
        category="service",
        tasks=[],
        title="工业机器人包年维保服务",
        description="发那科、松下等品牌定期保养，4小时到场。",
    )
    cell = offering(tasks=["welding"], title="双工位弧焊机器人工作站", description="含一年免费维保")
    f = scoring.fit(*facts(need, upkeep))
    assert f.value == 1.0 and codes(f) == ["upkeep_made_for"]
    assert codes(scoring.fit(*facts(need, cell))) == ["upkeep_not_made_for"]
    assert score(need, upkeep).score > score(need, cell).score
    # A need for robots that asks for maintenance in its text is still a need for robots.
    buy = demand(title="焊接机器人采购", description="采购焊接工作站2套，要求含三年维保。", tasks=["welding"])
    assert not demand_facts(buy).upkeep and score(buy, cell).score > score(buy, upkeep).score


def test_city():
    assert codes(scoring.city(*facts())) == ["city_all"]
    assert codes(scoring.city(*facts(o=offering(service_cities=["hangzhou"])))) == ["city_served"]
    out = scoring.city(*facts(o=offering(service_cities=["wenzhou"])))
    assert codes(out) == ["city_not_served"] and out.reasons[0].hard


def test_commercial_with_field_modes_and_budget():
    d = demand(modes=["lease"], budget={"lease": 5000})
    f = scoring.commercial(*facts(d, offering(modes=[{"mode": "lease", "price": 4000}])))
    assert f.value == 1.0 and codes(f) == ["price_within"]
    over = scoring.commercial(*facts(d, offering(modes=[{"mode": "lease", "price": 7000}])))
    assert over.value == 0.35 and codes(over) == ["price_over"]
    none = scoring.commercial(*facts(d, offering()))
    assert codes(none) == ["modes_none"] and none.reasons[0].hard


def test_a_price_far_over_the_budget_weighs_on_the_whole_score():
    """Over by half again or more: out of reach, not merely dear (a generalist at
    three times the budget falls below a specialist that covers part of the need)."""
    need = demand(modes=["lease"], budget={"lease": 6000})

    def leased(price: int):
        return offering(modes=[{"mode": "lease", "price": price}])

    dear, far = score(need, leased(8800)), score(need, leased(9100))  # 1.47x and 1.52x
    assert dict(dear.points)["commercial"] == 0.35 and dict(far.points)["commercial"] == 0.0

    def expected(match, scale: float) -> int:
        points = sum(scoring.WEIGHTS[k] * v for k, v in match.points)
        return scoring.COMPLIANT_FLOOR + int((100 - scoring.COMPLIANT_FLOOR) * points * scale / 100 + 1e-9)

    assert dear.score == expected(dear, 1.0), "dear: the commercial factor alone"
    assert far.score == expected(far, scoring.PRICE_FAR_OVER) < expected(far, 1.0)


def test_commercial_reads_modes_and_budget_from_the_prose_and_says_so():
    d = demand(description="希望按月租用两台，月租预算每台3500元以内。")
    f = scoring.commercial(*facts(d, offering(modes=[{"mode": "lease", "price": 3000}])))
    assert codes(f) == ["modes_from_text", "price_within", "budget_from_text"] and f.value == 1.0
    over = scoring.commercial(*facts(d, offering(modes=[{"mode": "lease", "price": 5000}])))
    assert "price_over" in codes(over) and over.value < 1.0
    buy_only = scoring.commercial(*facts(d, offering()))
    assert codes(buy_only) == ["modes_from_text", "modes_none_text", "sold_only"] and buy_only.value == 0.0
    assert not any(r.hard for r in buy_only.reasons), "a way read from prose lowers, never rules out"


def test_a_budget_for_one_way_reaches_the_prices_of_the_others_when_the_need_names_no_way():
    """单价80万元以内 names no way: a robot leased at 15万 a month is as far beyond that
    budget as one sold at 188万 (the experts: 远超预算), not a price with no budget."""
    need = demand(description="堆场户外防爆气体检测，2台，单价80万元以内。")
    dear = offering(modes=[{"mode": "lease", "price": 150000}])
    near = offering(modes=[{"mode": "lease", "price": 30000}])
    far = scoring.commercial(*facts(need, dear))
    assert codes(far) == ["price_far_beyond", "budget_from_text"] and far.value == 0.0
    assert far.reasons[0].tone == "weak" and not far.reasons[0].hard
    assert far.reasons[0].text("zh") == "短期租赁 150,000 元/台·月，远超需求的采购预算800,000"
    assert far.reasons[0].text("en") == (
        "short-term lease at 150,000 CNY per unit per month: far beyond the 800,000 budget stated for purchase"
    )
    within_reach = scoring.commercial(*facts(need, near))  # 3万 a month: an 80万 budget can reach it
    assert codes(within_reach) == ["price_no_budget"] and within_reach.value == scoring.PRICE_NO_BUDGET
    # Out of reach weighs on the whole score, as a price far over its own budget does.
    assert score(need, dear).score < score(need, near).score
    # The budget's own way still answers for itself first.
    both = offering(modes=[{"mode": "purchase", "price": 700000}, {"mode": "lease", "price": 150000}])
    assert codes(scoring.commercial(*facts(need, both)))[0] == "price_within"


def test_a_way_the_need_invites_is_weighed_on_its_own_not_against_another_ways_budget():
    """预算两万以内买断，也可以先按月租几个月试试: the lease is invited, its price has no
    budget of its own (the experts grade a 1,800-a-month lease 2 for it)."""
    invited = demand(description="预算两万以内买断，也可以先按月租几个月试试。")
    leased = offering(modes=[{"mode": "lease", "price": 1800}])
    assert codes(scoring.commercial(*facts(invited, leased)))[-1] == "price_no_budget"
    fielded = demand(modes=["purchase", "lease"], budget={"purchase": 20000})
    assert codes(scoring.commercial(*facts(fielded, leased))) == ["price_no_budget"]
    # Without a budget there is nothing to be beyond.
    assert codes(scoring.commercial(*facts(demand(), leased))) == ["price_no_budget"]


def test_an_invited_way_far_dearer_than_another_ways_budget_allows_counts_less():
    """计划采购4台，每台6万以内，也可以先租: a 9,000-a-month lease is more than a 60,000
    purchase budget allows (the experts: 超出预算一倍多), though the need invites leasing;
    20,000 a month, for an open day paying 200 an hour, likewise. Each says so in both
    languages, and ranks below a lease the budget allows."""
    need = demand(modes=["purchase", "lease"], budget={"purchase": 60000}, quantity=4)
    dear = offering(modes=[{"mode": "purchase", "price": 135000}, {"mode": "lease", "price": 9000}])
    cheap = offering(modes=[{"mode": "purchase", "price": 135000}, {"mode": "lease", "price": 2500}])
    over = scoring.commercial(*facts(need, dear))
    assert codes(over) == ["price_beyond_other"] and over.value < scoring.PRICE_NO_BUDGET
    assert over.reasons[0].tone == "weak" and not over.reasons[0].hard
    assert over.reasons[0].text("zh") == "短期租赁 9,000 元/台·月，按需求的采购预算60,000折算，超出"
    assert over.reasons[0].text("en") == (
        "short-term lease at 9,000 CNY per unit per month: more than the 60,000 budget stated for purchase allows"
    )
    allowed = scoring.commercial(*facts(need, cheap))
    assert codes(allowed) == ["price_no_budget"] and allowed.value == scoring.PRICE_NO_BUDGET
    assert score(need, cheap).score > score(need, dear).score
    hourly = demand(modes=["sharing", "lease"], budget={"sharing": 200})
    monthly = offering(modes=[{"mode": "lease", "price": 20000}])
    assert codes(scoring.commercial(*facts(hourly, monthly))) == ["price_beyond_other"]


def test_commercial_a_robot_only_sold_is_farther_off_for_a_need_that_would_not_buy():
    """A drill asking to hire by the hour: a subscription misses the way asked for, a
    robot only sold misses it further; for a need that would buy too, being sold is no gap."""
    hourly = demand(description="演练两天，按小时付费，每小时2000元以内。")
    sold = offering(modes=[{"mode": "purchase", "price": 300000}])
    subscribed = offering(modes=[{"mode": "raas", "price": 30000}])
    assert "sold_only" in codes(scoring.commercial(*facts(hourly, sold)))
    assert "sold_only" not in codes(scoring.commercial(*facts(hourly, subscribed)))
    assert score(hourly, sold).score < score(hourly, subscribed).score
    assert "只售不租，需求方不打算购买" in score(hourly, sold).texts("zh")
    either = demand(description="可以买，也可以按小时共享，每小时2000元以内。")
    assert "sold_only" not in codes(scoring.commercial(*facts(either, sold)))


def test_a_total_budget_for_units_the_text_does_not_count_is_shared_over_the_quantity_field():
    text = "给保洁阿姨配上门用的清洁机器人（吸尘拖地），总价 15 万以内。"
    assert dict(demand_facts(demand(description=text, quantity=20)).budget) == {"purchase": 7500.0}
    assert dict(demand_facts(demand(description=text, quantity=1)).budget) == {"purchase": 150000.0}
    # A count in the text is its own share already (想买3台，三台总共预算150万): the field
    # does not divide it again; nor a budget said for each unit.
    counted = demand(description="想买3台，三台总共预算150万", quantity=3)
    assert dict(demand_facts(counted).budget) == {"purchase": 500000.0}
    each = demand(description="采购，每台预算30万以内", quantity=4)
    assert dict(demand_facts(each).budget) == {"purchase": 300000.0}
    # A monthly total for several units, and the hours of a show for two robots.
    monthly = "Subscription (RaaS) only, total budget RMB 12,000 per month."
    assert dict(demand_facts(demand(description=monthly, quantity=3)).budget)["raas"] == 4000.0
    show = "周年庆在中庭搞一场机器人跳舞表演，演 2 个小时。总共预算 5000 块，按小时租。"
    assert dict(demand_facts(demand(description=show, quantity=2)).budget) == {"sharing": 1250.0}
    # The reasons say the budget is a share of the text's total.
    need = demand(description=text, quantity=20)
    within = scoring.commercial(*facts(need, offering(modes=[{"mode": "purchase", "price": 6999}])))
    assert codes(within) == ["price_within", "budget_from_text", "budget_shared"]
    assert within.reasons[-1].text("en") == "the description's total budget, shared over the 20 units wanted"
    over = scoring.commercial(*facts(need, offering(modes=[{"mode": "purchase", "price": 9999}])))
    assert "price_over" in codes(over) and over.value < within.value
    # A budget in the field is the poster's own figure: never divided.
    given = demand(description=text, quantity=20, modes=["purchase"], budget={"purchase": 150000})
    assert dict(demand_facts(given).budget) == {"purchase": 150000.0}


def test_quantity():
    assert scoring.quantity(*facts()).value == 1.0
    f = scoring.quantity(*facts(demand(quantity=10), offering(units_available=5)))
    assert f.value == 0.5 and codes(f) == ["units_short"]


def test_quantity_counts_the_units_the_text_wants_where_the_field_is_left_at_one():
    """想先租3台试用 with the units field left at one wants three: two available fall
    short; a field of its own (2) is the poster's figure, whatever the text says."""
    text = "病区标本转运，想先租3台试用半年。"
    left = demand(description=text, quantity=1)
    given = demand(description=text, quantity=2)
    two = offering(units_available=2)
    assert demand_facts(left).quantity == 3 and demand_facts(given).quantity == 2
    assert codes(scoring.quantity(*facts(left, two))) == ["units_short"]
    assert scoring.quantity(*facts(given, two)).value == 1.0
    assert demand_facts(demand(description="车间需要上下料机器人。", quantity=1)).quantity == 1


def test_trust_counts_a_certification_only_when_the_site_can_use_it():
    assert scoring.trust(*facts(o=offering(verified=True))).value == scoring.TRUST_VERIFIED
    assert scoring.trust(*facts(o=offering(certifications=["CE"]))).value == scoring.TRUST_CERTIFIED
    ex_only = offering(certifications=["GB 3836 防爆"])
    assert scoring.trust(*facts(o=ex_only)).value == 0.0
    needs_ex = demand(environments=["explosive"])
    assert scoring.trust(*facts(needs_ex, ex_only)).value == scoring.TRUST_CERTIFIED


def test_conditions_share_confirmed():
    d = demand(payload_kg=10, environments=["outdoor"])
    assert scoring.score(d, offering(payload_kg=20, environments=["outdoor"])).points[-1] == (
        "conditions",
        1.0,
    )
    assert dict(score(d, offering(environments=["outdoor"])).points)["conditions"] == 0.5


def test_every_factor_is_in_the_score_points():
    assert [k for k, _v in score(demand(), offering()).points] == list(scoring.WEIGHTS)


# ---------------------------------------------------------------- the classes of issue 13


def test_class1_a_hazard_mentioned_by_a_drill_lowers_never_rules_out():
    drill = demand(
        domain="emergency",
        title="化工园区消防演练",
        description="每季度一次应急演练，场景为油气罐区易燃易爆泄漏起火，需要灭火机器人参演。",
        tasks=[],
    )
    service = offering(
        category="service", domains=["emergency"], tasks=["firefighting"], title="演练保障服务"
    )
    m = score(drill, service)
    assert m.ok and "env_to_confirm" in codes(m)
    assert "待确认" in " ".join(m.texts("zh")) and "to be confirmed" in " ".join(m.texts("en"))
    stated = demand(
        domain="emergency",
        title="油库巡检",
        description="罐区必须使用防爆型设备。",
        tasks=["patrol_inspection"],
    )
    assert not score(stated, offering(domains=["emergency"], tasks=["patrol_inspection"])).ok


def test_class1_a_hazard_seldom_the_sites_own_asks_to_confirm_without_scaling_the_score():
    """Outside an event, a wet site only mentioned scales the whole score of an unrated
    offering (likely real); a toxic or explosive one only mentioned (a leak next door,
    a gas measured) lowers the environment factor and asks to confirm, no more."""
    robot = offering(tasks=["patrol_inspection"])
    plain = demand(title="污水厂巡检", description="巡检泵房和加药间。", tasks=["patrol_inspection"])
    for said, scaled in (("地面有点潮湿。", True), ("巡检时顺便检测有毒气体浓度。", False)):
        need = demand(
            title="污水厂巡检", description="巡检泵房和加药间。" + said, tasks=["patrol_inspection"]
        )
        m = score(need, robot)
        assert m.ok and "env_to_confirm" in codes(m)
        unscaled = score(plain, robot).score
        assert (m.score < unscaled - 5) == scaled, (said, m.score, unscaled)


def test_class1_exhibitions_and_trainings_are_events_too():
    for text in ("展会上展示防爆机器人，展厅为普通室内", "防爆巡检机器人操作培训，学员20人"):
        conditions = lexicon.site_conditions_in(text)
        assert conditions.required == () and "explosive" in conditions.mentioned


def test_class1_requirements_are_read_from_cues_ratings_and_firm_site_words():
    assert lexicon.site_conditions_in("须满足GB 3836防爆要求").required == ("explosive",)
    # A protection code asked for is protection from water; the outdoors only beside a word for it.
    assert lexicon.site_conditions_in("设备防护等级需达到IP67，长期涉水").required == ("wet",)
    assert lexicon.site_conditions_in("户外堤防，设备防护等级需达到IP67").required == ("outdoor", "wet")
    assert lexicon.site_conditions_in("管廊沿线有可燃气体").required == ("explosive",)
    assert lexicon.site_conditions_in("车间有点潮湿").mentioned == ("wet",)
    assert lexicon.site_conditions_in("无需防爆，普通仓库") == lexicon.SiteConditions((), ())


def test_class1_a_drill_saying_nothing_of_its_hazard_is_real_doubts_the_ticked_hazard():
    text = "消防宣传月应急演练，科目为模拟易燃易爆储罐泄漏起火，在训练场进行，无真实易燃物。"
    drill = demand(
        domain="emergency",
        title="演练借用消防机器人",
        description=text,
        tasks=["firefighting"],
        environments=["explosive", "high_temperature", "outdoor"],
    )
    d = demand_facts(drill)
    # The staged fire and leak are the scenario's, to be confirmed; the venue's outdoors is real.
    assert d.environments == ("outdoor",)
    assert set(d.mentioned) == {"explosive", "high_temperature"}
    unrated = offering(domains=["emergency"], tasks=["firefighting"], environments=["outdoor"])
    m = score(drill, unrated)
    assert m.ok and "env_to_confirm" in codes(m)
    # Without the words that nothing is real, what the drill's poster ticked holds.
    ticked = demand_facts(
        demand(
            domain="emergency",
            title="演练借用消防机器人",
            description="应急演练，科目为易燃易爆储罐泄漏起火。",
            tasks=["firefighting"],
            environments=["explosive", "high_temperature", "outdoor"],
        )
    )
    assert set(ticked.environments) == {"explosive", "high_temperature", "outdoor"}
    assert not score(ticked, unrated).ok
    # Said of a show's venue in general words: the hazard it is about is to be confirmed.
    show = lexicon.site_conditions_in(
        "安全装备展借防爆巡检机器人演示，主题是易燃易爆场所巡检，场馆本身没有任何危险环境。"
    )
    assert show.required == () and show.mentioned == ("explosive",)


def test_class1_what_a_robot_reconnoitres_is_no_condition_of_its_site():
    recon = lexicon.site_conditions_in("用于火场内部侦察（温度场、有毒气体、被困人员），耐高温。")
    assert "toxic" not in recon.required and "toxic" in recon.mentioned
    assert lexicon.site_conditions_in("车间有毒气体，必须防护").required == ("toxic",)


def test_class1_plain_words_state_a_requirement_outside_an_event_only():
    assert lexicon.site_conditions_in("车间每天用水冲洗，机器人得防水").required == ("wet",)
    assert lexicon.site_conditions_in("喷漆车间属于防爆区，一定要用防爆的设备").required == ("explosive",)
    assert lexicon.site_conditions_in("机器人要在积水里作业").required == ("wet",)
    # In a need, 雨天 is the site's weather (outdoor); in an offering, 雨天可用 rates it for wet.
    rain = lexicon.site_conditions_in("露天作业，下雨天也必须能干活")
    assert rain.required == ("outdoor",) and rain.mentioned == ("wet",)
    assert "wet" in lexicon.ratings([], [], "雨天照常作业").rated
    # An offering made for corrosive, toxic air says so in its own words.
    for said in (
        "整机防腐蚀，可在酸碱雾、含硫化物气味的有害环境中长期作业",
        "耐腐蚀涂层，可用于有毒、腐蚀性化学品库",
    ):
        assert "toxic" in lexicon.ratings([], [], said).rated, said
    assert "toxic" not in lexicon.ratings([], [], "热成像、可燃气体检测，户外全地形").rated
    assert lexicon.site_conditions_in("制剂室洁净区物料转运，需满足GMP要求").required == ("cleanroom",)
    # The same plain words in a drill describe the drill's scenario, not the site.
    drill = lexicon.site_conditions_in("演练科目：机器人要在积水里作业，一定要模拟易燃易爆泄漏")
    assert drill.required == () and set(drill.mentioned) == {"explosive", "wet"}


def test_class1_an_implied_condition_of_the_site_itself_weighs_more_than_a_drill_s():
    humid = demand(title="车间搬运", description="车间比较潮湿")
    drill = demand(title="车间搬运", description="应急演练，模拟车间潮湿积水")
    rated, unrated = offering(environments=["wet"]), offering()
    for need in (humid, drill):
        assert score(need, rated).ok and score(need, unrated).ok, "implied: never ruled out"
    gap_site = score(humid, rated).score - score(humid, unrated).score
    gap_drill = score(drill, rated).score - score(drill, unrated).score
    assert gap_site > gap_drill > 0
    # More than the conditions factor alone could take: the whole score counts less.
    plain = demand(title="车间搬运", description="")
    alone = scoring.WEIGHTS["conditions"] * (1 - scoring.MENTIONED_UNRATED)
    assert score(plain, unrated).score - score(humid, unrated).score > alone


def test_class1_a_need_for_an_event_is_served_by_what_is_made_for_one():
    training = demand(
        domain="emergency",
        title="应急管理培训课程",
        description="给企业安全员开一期培训，讲特种机器人在防爆场所的应用，需要厂家带设备现场演示。",
        tasks=[],
    )
    d = demand_facts(training)
    assert d.event and d.environments == () and d.mentioned == ("explosive",)
    demo = offering(
        category="service",
        domains=["emergency"],
        tasks=[],
        title="应急机器人培训演示服务",
        description="为应急管理部门提供特种机器人操作培训和现场演示。",
    )
    robot = offering(
        domains=["emergency"],
        tasks=["hazmat_handling"],
        title="防爆防化处置机器人",
        environments=["explosive", "toxic"],
    )
    f = scoring.fit(d, offering_facts(demo))
    assert f.value == 1.0 and codes(f) == ["event_made_for"]
    assert codes(scoring.fit(d, offering_facts(robot))) == ["event_not_made_for"]
    assert score(training, demo).score > score(training, robot).score
    # An event counts less than a task the need names: a reception robot for an
    # exhibition's stand covers more of it than a drill service does.
    expo = demand(domain="retail", title="展会展台迎宾讲解", description="", tasks=["reception"])
    drill_service = offering(category="service", domains=["retail"], tasks=[], description="参加消防演练")
    reception = offering(domains=["retail"], tasks=["reception"])
    assert scoring.fit(*facts(expo, reception)).value > scoring.fit(*facts(expo, drill_service)).value


def test_a_show_service_of_another_domain_does_not_do_the_work_of_a_drill_that_names_it():
    """A firefighting drill that names its task: a mall's show service (made for
    events, not for fighting fires, not of the emergency domain) is gated as doing
    none of the work, below a firefighting robot with no hourly price and a rating
    the drill does not need; a drill service of the need's own domain is not gated."""
    drill = demand(
        domain="emergency",
        title="联合消防演练，请厂家带灭火机器人配合",
        description="石化企业联合消防演练，请厂家带灭火机器人来现场配合演示，按小时付费。",
        tasks=["firefighting"],
    )
    assert demand_facts(drill).event

    def service(domain: str, title: str, description: str):
        hourly = [{"mode": "sharing", "price": 1800}]
        return offering(
            category="service", domains=[domain], tasks=[], title=title, description=description, modes=hourly
        )

    show = service("retail", "发布会/展会 人形机器人表演包场", "展会、发布会人形机器人表演与迎宾。")
    own = service("emergency", "应急演练机器人租赁", "为应急演练提供机器人和操作员。")
    firefighter = offering(
        domains=["emergency"], tasks=["firefighting"], title="防爆灭火机器人", environments=["explosive"]
    )
    # A show is not the kind of event a drill is: the show service is not made for it.
    assert scoring.fit(*facts(drill, show)).value == 0 < scoring.fit(*facts(drill, own)).value
    assert score(drill, firefighter).score > score(drill, show).score
    assert score(drill, own).score > score(drill, firefighter).score


def test_class1_a_training_room_that_names_no_task_is_not_a_missing_task_for_a_humanoid():
    """A need for an event that names no task: a robot not said to be made for one
    is unknown (neither covered nor missing), as one that lists no task is."""
    lab = demand(
        title="人形机器人实训室建设",
        description="学院建人形机器人实训室，需要教学用人形机器人整机和配套开发平台、课程。",
        tasks=[],
    )
    humanoid = offering(
        category="humanoid", tasks=["handling", "assembly", "reception"], title="通用人形机器人"
    )
    silent = offering(category="humanoid", tasks=[], title="人形机器人整机")
    f = scoring.fit(*facts(lab, humanoid))
    assert f.value == scoring.FIT_UNKNOWN and codes(f) == ["event_not_made_for"]
    assert score(lab, humanoid).score >= score(lab, silent).score, "listing tasks is no penalty here"


def test_an_offering_that_names_none_of_the_work_does_not_outrank_one_that_does_part_of_it():
    """Saying nothing is no better than covering half: an offering that names no
    part (an IMU) for a need of encoders and servo drives is judged by its text,
    and ranks below an encoder that covers one of the two."""
    need = demand(
        kind="component",
        title="Encoders and servo drives for leg joints",
        description="Absolute encoders and compact 48 V servo drives for the leg joints of our biped.",
        tasks=[],
        modes=["purchase"],
        budget={"purchase": 2000},
        quantity=200,
    )
    kw = {"category": "component", "tasks": [], "units_available": 10000}
    encoder = offering(title="23位绝对值双编码器", description="电机端+输出端双编码器", **kw)
    imu = offering(title="MEMS惯性测量单元 IMU", description="六轴IMU，姿态解算", **kw)
    assert scoring.fit(*facts(need, imu)).value == scoring.FIT_UNKNOWN
    assert score(need, encoder).score > score(need, imu).score


def test_an_event_word_that_only_says_when_is_no_event():
    assert not lexicon.names_event("大型展会期间公共区域消毒和地面清洁")
    assert not lexicon.names_event("Floor cleaning during the trade fair, one month")
    assert lexicon.names_event("展会讲解互动人形机器人") and lexicon.names_event(
        "Robots for a trade fair stand"
    )


def test_class6_ratings_the_prose_names_like_a_certificate():
    wading = lexicon.ratings([], [], "防汛排涝，涉水深度0.8米，IP67防护")
    assert {"outdoor", "wet"} <= wading.rated and wading.evidence["wet"] in ("IP67", "涉水")
    assert lexicon.ratings([], [], "履带底盘，Ex d IIB T4 隔爆电机").rated >= {"explosive"}
    assert "explosive" not in lexicon.ratings([], [], "非防爆型，不具备Ex d认证").rated
    # 防水 next to an IP code: the code says how waterproof (IP65 is not wet-rated).
    ip65 = lexicon.ratings([], [], "外墙喷涂，防水等级IP65")
    assert "outdoor" in ip65.rated and "wet" not in ip65.rated
    assert "wet" in lexicon.ratings([], [], "整机防水，可冲洗").rated


def test_class3_modes_in_both_languages():
    # Renting by the month accepts a monthly subscription (robots as a service) too.
    assert lexicon.modes_in("按月租用三台") == ["lease", "raas"]
    assert lexicon.modes_in("短租三个月") == ["lease"]
    assert lexicon.modes_in("先租后买") == ["purchase", "lease"]
    assert lexicon.modes_in("按次付费即可") == ["sharing", "raas"]
    assert lexicon.modes_in("按小时计费") == ["sharing"]
    assert lexicon.modes_in("先试用几台") == ["lease"]
    assert lexicon.modes_in("We would rent two units, monthly") == ["lease"]
    assert lexicon.modes_in("不买，只租") == ["lease"]


def test_class3_budgets_in_both_languages_and_in_chinese_numerals():
    assert lexicon.budgets_in("月租预算3500元") == {"lease": 3500.0, "raas": 3500.0}
    assert lexicon.budgets_in("按小时，每小时两千以内") == {"sharing": 2000.0}
    assert lexicon.budgets_in("买断，预算5万元每台") == {"purchase": 50000.0}
    assert lexicon.budgets_in("budget under 4,000 per month".replace(",", "")) == {
        "lease": 4000.0,
        "raas": 4000.0,
    }
    assert lexicon.budgets_in("需要3台，尽快") == {}
    # An hour's rate under a hundred, said as posters say it (按钟头算，一个钟头八十以内) ...
    assert lexicon.budgets_in("按钟头算，一个钟头八十以内") == {"sharing": 80.0}
    assert lexicon.modes_in("想周末叫个机器人来帮忙，按钟头算") == ["sharing"]
    assert lexicon.budgets_in("每小时不超过60") == {"sharing": 60.0}
    assert lexicon.budgets_in("Hourly hire, roughly up to 1,000 RMB per machine-hour.") == {"sharing": 1000.0}
    # ... but a small bare number elsewhere is no money (载重8公斤, 80以内 with no rate).
    assert lexicon.budgets_in("载重8公斤，预算80以内") == {}


def test_class3_a_field_wins_over_the_prose():
    d = demand_facts(demand(modes=["purchase"], budget={"purchase": 90000}, description="月租预算3500元"))
    assert d.modes == ("purchase",) and dict(d.budget) == {"purchase": 90000.0}
    assert not d.modes_from_text and not d.budget_from_text


def test_an_amending_text_overrides_the_fields_it_left_stale():
    # 原计划采购 … 【补充说明】改为租赁: the fields still say purchase, 500,000 and 15 kg.
    stamping = demand(
        title="冲压线上下料人形机器人需求（已更新：改为租赁试用）",
        description="原计划采购2台，单台预算50万元以内，工件最重约15kg。【补充说明】经公司评审，暂不采购，"
        "改为短期租赁2台试用6个月，月租每台不超过2万元。另经工艺复核，最重的加强板为22kg，原“15kg”有误。",
        tasks=["loading"],
        modes=["purchase"],
        budget={"purchase": 500000},
        payload_kg=15,
    )
    d = demand_facts(stamping)
    assert d.modes == ("lease",) and dict(d.budget) == {"lease": 20000.0} and d.payload_kg == 22
    # Ways an amendment states are as firm as the field they replace.
    bought = offering(tasks=["loading"], modes=[{"mode": "purchase", "price": 300000}])
    assert not score(stamping, bought).ok and "modes_none" in codes(score(stamping, bought))
    # A condition it withdraws is gone, though still ticked in the field.
    moulding = demand(
        title="注塑机取件（补充说明：高温要求取消）",
        description="原帖要求“耐高温（模具区60℃）”，经现场实测，取件位环境温度不超过38℃，故耐高温要求取消。",
        tasks=["loading"],
        environments=["high_temperature"],
    )
    assert (
        demand_facts(moulding).environments == ()
        and "high_temperature" not in demand_facts(moulding).mentioned
    )
    assert score(moulding, offering(tasks=["loading"])).ok
    # The new side of "from … to" counts; a plain text is read as it is.
    raised = demand(
        description="Update 2: the budget is raised from CNY 130,000 to CNY 160,000 per unit. Purchase only."
    )
    assert dict(demand_facts(raised).budget) == {"purchase": 160000.0}
    plain = demand(description="把鞋盒从流水线分拣到周转箱，原有设备保留，月租预算3500元")
    assert amendments.current(plain.description) == plain.description
    assert not amendments.amended(plain.description)
    # A correction that adds a condition the fields lack: the wrong old words go, the rest stays.
    corrected = "【更正公告】原帖写“普通车间”有误：注液间属爆炸性气体环境，设备须取得防爆合格证。"
    assert "explosive" in lexicon.site_conditions_in(amendments.current(corrected)).required


def test_an_amendment_that_says_which_ways_are_now_the_only_ones_asks_for_all_of_them():
    """改为“购买服务”方式拨付 reads a subscription; the same sentence goes on 现在只能按月租用
    或者按月付服务费: a lease is as welcome, and a machine leased by the month fits."""
    welfare = demand(
        title="公共区域清洁与消毒机器人",
        description="福利院走廊每天要拖地和消毒。原计划采购 1 台，预算 5 万元。 补充说明（5 月）："
        "民政补助资金改为“购买服务”方式拨付，现在只能按月租用或者按月付服务费，每台每月不超过 2500 元，不再走采购。",
        tasks=["cleaning", "disinfection"],
        modes=["purchase"],
        budget={"purchase": 50000},
    )
    assert demand_facts(welfare).modes == ("lease", "raas")
    leased = offering(tasks=["cleaning", "disinfection"], modes=[{"mode": "lease", "price": 1800}])
    assert score(welfare, leased).ok
    assert lexicon.only_modes_in("现在只能按月租用或者按月付服务费") == ["lease", "raas"]
    assert lexicon.only_modes_in("按月租用或者按月付服务费都行") == []


def test_an_amendment_asks_for_the_ways_it_changes_to_not_those_it_left():
    # The old need's way is still in the text, not set aside (拟采购2台): the change says what holds.
    materials = demand(
        title="高层住宅楼层材料转运机器人",
        description="单托最重约300公斤。拟采购2台，预算每台20万以内。\n"
        "补充说明：公司决定不走固定资产采购，改为租赁，租期8个月，每台月租不超过1.2万元。",
        tasks=["handling"],
        modes=["purchase"],
        budget={"purchase": 200000},
    )
    d = demand_facts(materials)
    assert d.modes == ("lease",) and d.modes_firm and dict(d.budget) == {"lease": 12000.0}
    bought = offering(tasks=["handling"], modes=[{"mode": "purchase", "price": 150000}])
    assert "modes_none" in codes(score(materials, bought))
    # Changed back to a purchase; a second change (数量改为4台) names no way and adds none.
    assert amendments.changed_to("去年租赁效果不错，今年改为直接采购2台，不再租赁。") == "直接采购2台"
    forklifts = demand(
        description="需无人叉车10台，采购每台40万以内。\n补充：数量改为4台，改为按小时共享使用，每台每小时不超过220元。",
        modes=["purchase"],
    )
    assert demand_facts(forklifts).modes == ("sharing",)
    # A change the title states (采购改租赁) and a marker with its date (【补充 3/12】 … 改成按月租).
    assert lexicon.modes_in(amendments.changed_to("商场迎宾导购机器人（更正：采购改租赁）")) == ["lease"]
    cleaning = demand(
        description="想采购清洁消毒机器人。\n【补充 3/12】资金没批下来，不买断了，改成按月租，每台月租2500以内。",
        modes=["purchase"],
    )
    assert "purchase" not in demand_facts(cleaning).modes and demand_facts(cleaning).modes_firm
    # What the whole text says narrows the change where they agree: a monthly lease only.
    only = (
        "原计划采购1台。更新：现改为按月租用，月租每台不超过4000元。Update: we now need a monthly lease only."
    )
    assert demand_facts(demand(description=only, modes=["purchase"])).modes == ("lease",)
    # A text with no change word is read whole, as before.
    assert amendments.changed_to("想采购或租赁2台，月租预算3500元") == ""


def test_class4_a_dedicated_product_outranks_a_humanoid_listing_every_task():
    need = demand(domain="healthcare", title="病区送药", tasks=["delivery"])
    humanoid = offering(
        category="humanoid",
        domains=["healthcare", "eldercare", "retail"],
        tasks=["delivery", "reception", "companionship", "cleaning", "disinfection", "handling"],
        verified=True,
        certifications=["CE"],
    )
    dedicated = offering(title="送药机器人", domains=["healthcare"], tasks=["delivery"])
    assert score(need, dedicated).score > score(need, humanoid).score


def test_class4_an_unneeded_special_rating_adds_nothing():
    ordinary = demand(title="仓库搬运")
    plain = offering()
    ex = offering(environments=["explosive"], certifications=["Ex d IIB T4"], verified=False)
    assert score(ordinary, plain).score > score(ordinary, ex).score


def test_an_offering_naming_no_task_is_judged_by_its_text():
    need = demand(domain="household", title="家务机器人试用", tasks=["cleaning"], modes=["lease"])
    elsewhere = offering(
        title="鞋面喷胶工作站", domains=["manufacturing"], tasks=[], modes=[{"mode": "lease", "price": 8000}]
    )
    same_domain = offering(
        title="家庭服务机器人", domains=["household"], tasks=[], modes=[{"mode": "lease", "price": 8000}]
    )
    assert score(need, elsewhere, 0.1).score < score(need, same_domain, 0.1).score
    # Its text can still say it does the work, in the need's domain or not.
    for o in (elsewhere, same_domain):
        assert score(need, o, 1.0).score > score(need, o, 0.1).score + 10


def test_text_in_two_languages_counts_what_the_glossary_carries_over():
    # The need's words are put into the other language (the glossary), so a fit of
    # two languages counts; only one near nothing is floored, and said so.
    assert scoring.text(0.02, same_language=False).value == scoring.TEXT_OTHER_FLOOR
    assert codes(scoring.text(0.02, same_language=False)) == ["text_other_language"]
    assert scoring.text(0.2, same_language=False).value == 0.2 and not codes(
        scoring.text(0.2, same_language=False)
    )
    assert scoring.text(0.9, same_language=False).value == 0.9, "a close fit through the codes stands"
    assert scoring.text(0.02).value == 0.02 and not codes(scoring.text(0.02))
    need = demand(title="家务机器人长租", description="想长租一台做家务的机器人。", tasks=["cleaning"])
    english = offering(
        title="Home assistant robot", description="Tidies and cleans homes.", tasks=["cleaning"]
    )
    chinese = offering(title="家庭清洁机器人", description="家庭清洁。", tasks=["cleaning"])
    assert demand_facts(need).lang == "zh" and offering_facts(english).lang == "en"
    assert "text_other_language" in codes(score(need, english, 0.02))
    text_of = lambda o, fit: dict(score(need, o, fit).points)["text"]  # noqa: E731
    assert text_of(english, 0.02) == scoring.TEXT_OTHER_FLOOR > text_of(chinese, 0.02)
    assert text_of(english, 0.2) == text_of(chinese, 0.2) == 0.2


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("仓库料箱搬运", "zh"),
        ("Overnight shelf-restocking robot RM-2", "en"),
        ("H7 人形机器人 for assembly lines", "zh"),  # a fifth of the letters or more are Chinese
        ("AMR with 20 kg payload, IP54, 4G, ROS2 SDK, 续航8小时", "en"),
        ("", "en"),
    ],
)
def test_written_in(text, lang):
    assert lexicon.written_in(text) == lang


def test_a_fire_brigades_open_day_service_is_no_show_for_a_party():
    def hourly_service(title, description, domain, task, price):
        return offering(
            category="service",
            title=title,
            description=description,
            domains=[domain],
            tasks=[task],
            modes=[{"mode": "sharing", "price": price}],
        )

    demo = hourly_service(
        "消防机器人演练/开放日演示服务（按小时）",
        "派操作员携灭火机器人到现场，配合消防宣传开放日、应急演练，按小时计费。",
        "emergency",
        "firefighting",
        1200,
    )
    party = demand(
        title="孩子生日派对想租个机器人来表演",
        description="周末在家里办生日派对，想租个机器人跳舞、和小朋友互动，三个小时左右。",
        domain="household",
        tasks=[],
    )
    d, o = facts(party, demo)
    assert d.event and o.event and d.event_kinds == ("show",)
    # Playing with the children (和小朋友互动) is greeting work the fire demo does not do.
    assert d.tasks == ("reception",)
    assert scoring.fit(d, o).value < scoring.FIT_UNKNOWN, "not made for this kind of event"
    show = hourly_service(
        "人形机器人表演租赁（生日会、年会、商场活动）",
        "按小时出租人形机器人表演跳舞、互动合影，派对、年会均可。",
        "retail",
        "reception",
        800,
    )
    assert score(party, show).score > score(party, demo).score
    # A school's fire-safety day that names fire fighting is met by it.
    school = demand(
        title="校园消防安全教育日", description="想请灭火机器人来做演示", domain="retail", tasks=[]
    )
    assert scoring.fit(*facts(school, demo)).value == 1.0


def test_service_cities_said_only_in_the_prose_are_held_to():
    only_south = offering(
        description="按月订阅含维护。目前仅在温州、台州、丽水设有运维网点，其他城市暂不接单。"
    )
    d, o = facts(demand(city="hangzhou"), only_south)
    assert o.service_cities == ("wenzhou", "taizhou", "lishui")
    assert (
        codes(scoring.city(d, o)) == ["city_not_served"] and not score(demand(city="hangzhou"), only_south).ok
    )
    assert score(demand(city="taizhou"), only_south).ok
    # The field, when given, is what counts.
    listed = offering(description="目前仅在温州设有网点。", service_cities=["hangzhou", "wenzhou"])
    assert offering_facts(listed).service_cities == ("hangzhou", "wenzhou")


def test_an_offering_naming_no_work_outside_the_needs_domain_counts_only_by_its_text():
    alarm = demand(title="独居老人跌倒报警", domain="eldercare", tasks=["care_monitoring"])
    mower = offering(
        title="割草机器人", description="草坪自动修剪，需埋线。", domains=["household"], tasks=[]
    )
    d, o = facts(alarm, mower)
    assert scoring.fit(d, o).value == scoring.FIT_UNKNOWN
    assert dict(score(alarm, mower, text_fit=0.0).points)["fit"] == 0.0
    assert dict(score(alarm, mower, text_fit=0.3).points)["fit"] == 0.3
    # Of the need's domain, it stays unknown: it may do the work.
    kit = offering(title="适老化智能套装", domains=["eldercare"], tasks=[])
    assert dict(score(alarm, kit, text_fit=0.0).points)["fit"] == scoring.FIT_UNKNOWN


def test_software_does_none_of_the_hands_on_work_it_lists():
    fleet = offering(category="software", title="多品牌机器人调度平台", tasks=["delivery", "handling"])
    need = demand(title="住院楼送药机器人", domain="healthcare", tasks=["delivery"])
    d, o = facts(need, fleet)
    # It runs the robots that deliver: the work is missing, not unknown, and it is no platform serving it.
    assert scoring.fit(d, o).value == 0.0 and codes(scoring.fit(d, o)) == ["tasks_missing"]
    assert codes(scoring.category(d, o)) == ["platform_unproven"]
    robot = offering(title="医院物流配送机器人", domains=["healthcare"], tasks=["delivery"])
    assert score(need, robot).score > score(need, fleet).score
    # Its focus still counts every task it lists (a platform listing many is no specialist).
    many = offering(category="software", tasks=["quality_inspection", "handling", "sorting", "loading"])
    checks = demand(title="外观检测", tasks=["quality_inspection"])
    assert scoring.focus(*facts(checks, many)).value == pytest.approx(2 / 5)
    assert scoring.fit(*facts(checks, many)).value == 1.0, "what software does itself still counts"
    # Asked for software (统一调度平台), or at a drill or a training (a simulator), it serves.
    asked = demand(title="多品牌配送机器人统一调度平台", domain="healthcare", tasks=["delivery"])
    assert scoring.fit(*facts(asked, fleet)).value == 1.0
    drill = demand(title="消防员灭火机器人操作培训", domain="emergency", tasks=["firefighting"])
    simulator = offering(
        category="software", title="消防机器人VR实训平台", domains=["emergency"], tasks=["firefighting"]
    )
    assert "firefighting" in [c for _k, c in scoring._offered(offering_facts(simulator), demand_facts(drill))]


def test_form_a_title_asking_for_software_prefers_it_to_robots_and_workstations():
    need = demand(title="注塑件外观缺陷AI检测软件", tasks=["quality_inspection"], domain="manufacturing")
    software = offering(category="software", tasks=["quality_inspection"], title="AI视觉质检软件")
    station = offering(category="solution", tasks=["quality_inspection"], title="AI视觉+机械臂 质检工作站")
    robot = offering(category="humanoid", tasks=["quality_inspection"], title="洁净室版人形机器人")
    m = score(need, software)
    assert m.ok and "software_asked" in codes(m) and "software_other" not in codes(m)
    for other in (station, robot):
        theirs = score(need, other)
        assert theirs.ok and "software_other" in codes(theirs), "a gap, not a broken condition"
        assert theirs.score < m.score
    # Without the title asking for it, software serves a site need less directly.
    plain = demand(title="注塑件外观缺陷检测", tasks=["quality_inspection"])
    assert "software_other" not in codes(score(plain, station))
    assert score(plain, station).score > score(plain, software).score
    # A research platform named after a robot asks for the robot.
    assert not lexicon.asks_software("具身智能实验室采购人形机器人科研平台 x2")
    assert lexicon.asks_software("多品牌 AGV + 人形机器人 统一调度平台（按年订阅）")
    assert lexicon.asks_software("AI inspection software for molded parts")
    # English titles with a dash or quotes are still English; a scheduler is software.
    assert (
        lexicon.software_asked("We already have the robots — need one scheduler for all of them") == "fleet"
    )
    assert lexicon.software_asked("“Smart” dispatch system for our AMRs") == "fleet"


def test_form_a_platform_over_the_robots_a_need_has_runs_robots():
    need = demand(
        title="支队多品牌消防机器人接入指挥中心",
        description="现有灭火、侦察机器人12台，来自4个厂家，各用各的遥控终端，想接到指挥中心一个平台上，多机协同。",
        domain="emergency",
    )
    assert demand_facts(need).software == scoring.FLEET
    platform = offering(category="software", title="多品牌巡检机器人统一调度平台", domains=["emergency"])
    vr = offering(category="software", title="消防VR灭火与逃生实训系统", domains=["emergency"])
    assert "software_runs_no_robots" in codes(score(need, vr))
    assert "software_runs_no_robots" not in codes(score(need, platform))
    assert score(need, vr).score < score(need, platform).score
    assert score(need, vr).ok, "a gap, not a broken condition"
    # Software asked to do the work itself (AI defect detection) need not speak of robots.
    checks = demand(title="注塑件外观缺陷AI检测软件", tasks=["quality_inspection"])
    vision = offering(category="software", title="AI视觉质检软件", tasks=["quality_inspection"])
    assert "software_runs_no_robots" not in codes(score(checks, vision))


def test_form_a_need_for_a_humanoid_prefers_one_and_says_so():
    need = demand(title="总装线人形机器人示范", tasks=["assembly"])
    amr = offering(tasks=["assembly"])
    humanoid = offering(category="humanoid", tasks=["assembly"])
    m = score(need, amr)
    assert m.ok and "form_other" in codes(m) and "form_other" not in codes(score(need, humanoid))
    assert score(need, humanoid).score > m.score
    # A need that does not ask for one, or says any form will do, ranks both alike.
    for title in ("总装线装配自动化", "总装线装配，不限人形"):
        plain = demand(title=title, tasks=["assembly"])
        assert "form_other" not in codes(score(plain, amr))
        assert score(plain, amr).score == score(plain, humanoid).score
    # Services and platforms may bring either form.
    assert "form_other" not in codes(score(need, offering(category="service", tasks=["assembly"])))


def test_form_a_service_that_names_no_humanoid_is_another_form_for_a_need_asking_for_one():
    """展位要人形机器人迎宾: hiring out wheeled screen greeters serves it less well than
    hiring out humanoids (the experts: 只是轮式屏幕迎宾机，不是人形外观), and says why."""
    need = demand(title="展会展位人形机器人迎宾", tasks=["reception"])
    wheeled = offering(category="service", title="迎宾导引机器人按小时出租", tasks=["reception"])
    humanoids = offering(
        category="service",
        title="会展活动机器人出租",
        description="多品牌人形机器人出租，含操控员。",
        tasks=["reception"],
    )
    m = score(need, wheeled)
    assert m.ok and codes(scoring.form(*facts(need, wheeled))) == ["form_unsaid"]
    assert scoring.form(*facts(need, humanoids)).reasons == ()
    assert m.score < score(need, humanoids).score
    assert "需求要的是人形机器人：此服务未写明提供人形机器人" in m.texts("zh")
    assert "the need asks for a humanoid: this service does not say it brings one" in m.texts("en")
    # Required (必须是人形), a service may still bring one: a gap, never a break.
    required = demand(title="展会展位迎宾", description="必须是人形机器人。", tasks=["reception"])
    assert score(required, wheeled).ok and "form_unsaid" in codes(score(required, wheeled))
    # A need not asking for a humanoid ranks both alike.
    plain = demand(title="展会展位迎宾", tasks=["reception"])
    assert scoring.form(*facts(plain, wheeled)).reasons == ()


def test_form_a_need_that_does_not_want_a_humanoid_counts_one_as_a_gap():
    need = demand(title="酒店客房送物机器人，不要人形", tasks=["delivery"], domain="retail")
    humanoid = offering(category="humanoid", tasks=["delivery"], domains=["retail"])
    robot = offering(tasks=["delivery"], domains=["retail"])
    m = score(need, humanoid)
    assert m.ok and "form_refused" in codes(m) and "form_refused" not in codes(score(need, robot))
    assert score(need, robot).score > m.score
    # Leaving the form open refuses nothing.
    for title in (
        "酒店客房送物，不一定要人形",
        "酒店客房送物，不要求人形",
        "Room delivery; a humanoid is not required",
    ):
        open_form = demand(title=title, tasks=["delivery"], domain="retail")
        assert score(open_form, humanoid).score == score(open_form, robot).score


def test_form_a_service_or_solution_built_on_a_humanoid_is_refused_with_one():
    need = demand(title="酒店客房送物机器人，不要人形", tasks=["delivery"], domain="retail")
    shared = offering(
        category="service", title="共享人形机器人按小时租用", tasks=["delivery"], domains=["retail"]
    )
    cell = offering(category="solution", title="人形送物工作站", tasks=["delivery"], domains=["retail"])
    wheeled = offering(
        category="service", title="轮式送物机器人按小时租用", tasks=["delivery"], domains=["retail"]
    )
    for built_on_one in (shared, cell):
        assert "form_refused" in codes(score(need, built_on_one))
        assert score(need, wheeled).score > score(need, built_on_one).score
    assert "form_refused" not in codes(score(need, wheeled))
    # A need that does not refuse the form takes a humanoid service as any other.
    open_form = demand(title="酒店客房送物机器人", tasks=["delivery"], domain="retail")
    assert "form_refused" not in codes(score(open_form, shared))


@pytest.mark.parametrize(
    ("text", "refuses"),
    [
        ("家里地方小，不要那种一人高的人形机器人。", True),
        ("不需要人形机器人，那种太贵也没必要。", True),
        ("Companion for my mother living alone — not humanoid please", True),
        ("Small eyeglass plant; we do NOT want a humanoid (too expensive)", True),
        ("院感和安全科明确：不考虑人形机器人（担心跌倒风险），要底盘低的", True),
        ("★ 不接受人形机器人方案：线体空间紧凑", True),
        ("不一定非要人形，能稳定干活就行", False),
        ("人形或非人形都行", False),
        ("想租一台做家务的人形机器人", False),
        # refused after the word
        ("要那种每台两三万的，太贵的不要，人形机器人什么的就别推了。", True),
        ("人形的就不要了，预算不够", True),
        ("Humanoids need not apply.", True),
        ("人形机器人，不要轮式的", False),
    ],
)
def test_form_refuses_humanoid_reads_what_the_poster_does_not_want(text, refuses):
    assert lexicon.refuses_humanoid(text) is refuses


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("想租一台做家务的人形机器人", True),
        ("Looking for a humanoid robot for the front desk", True),
        ("不需要人形机器人，AGV即可", False),
        ("形态不限人形，能搬运就行", False),
        ("A humanoid is not required; a cobot cell is fine", False),
        ("人形不是必须的，能搬运就行", False),
        ("车间料箱搬运", False),
        ("人形机器人什么的就别推了", False),
        ("我们要人形机器人不要轮式", True),
        # named second of two forms that will both do
        ("工件最重12kg，想上复合机器人或者人形的都可以，关键是稳定。", False),
        ("AMR+机械臂或者人形都可以", False),
        ("最好是人形或者双臂的", True),
    ],
)
def test_form_asks_humanoid_reads_negations(text, asks):
    assert lexicon.asks_humanoid(text) is asks


@pytest.mark.parametrize(
    ("text", "required"),
    [
        ("陪护示范要一台人形机器人，必须是人形的，领导要求有展示效果", True),
        ("我们只考虑人形机器人", True),
        ("It must be a humanoid, for the showroom", True),
        ("想要一台人形机器人陪老人聊天", False),  # asked for, not required
        ("人形机器人必须防水", False),  # the requirement is of something else
        ("必须防水的人形机器人", False),
        ("不必须是人形，能干活就行", False),
    ],
)
def test_form_requires_humanoid_only_where_the_text_says_so(text, required):
    assert lexicon.requires_humanoid(text) is required


def test_form_a_need_that_requires_a_humanoid_rules_out_other_forms_and_software():
    need = demand(
        domain="eldercare",
        title="养老陪护示范场景要一台人形机器人",
        description="能陪老人聊天、晚上巡房，必须是人形的。",
        tasks=["companionship", "care_monitoring"],
    )
    kw = {"domains": ["eldercare"], "tasks": ["companionship", "care_monitoring"]}
    robot, platform = offering(**kw), offering(category="software", **kw)
    humanoid, service = offering(category="humanoid", **kw), offering(category="service", **kw)
    for other in (robot, platform):
        m = score(need, other)
        assert not m.ok and "form_required" in codes(m)
    for fits in (humanoid, service):
        assert score(need, fits).ok and "form_required" not in codes(score(need, fits))
    # Asked for without a requirement: the other form is weaker, not ruled out.
    asked = demand(domain="eldercare", title="想要一台人形机器人陪老人", tasks=["companionship"])
    assert score(asked, robot).ok and score(asked, platform).ok


def test_class5_a_platform_that_serves_a_site_need_is_proposed():
    need = demand(domain="eldercare", title="养老院夜间看护", tasks=["care_monitoring"])
    platform = offering(
        category="software", title="夜间看护", domains=["eldercare"], tasks=["care_monitoring"]
    )
    m = score(need, platform)
    assert m.ok and "platform_serves" in codes(m)
    robot = offering(title="夜间看护", domains=["eldercare"], tasks=["care_monitoring"])
    assert score(need, robot).score > m.score, "a platform serves less directly, all else equal"


def test_class5_a_platform_asked_for_is_not_held_to_the_hazards_of_the_site_it_watches():
    need = demand(
        domain="emergency",
        title="园区危化品泄漏监测预警平台",
        description="园区多为精细化工，易燃易爆和有毒介质多。指挥中心需要一个平台接入各企业的气体探测器和视频，AI识别泄漏。不采购机器人。",
        tasks=["patrol_inspection"],
    )
    d = demand_facts(need)
    assert d.software and d.environments == () and set(d.mentioned) == {"explosive", "toxic"}
    platform = offering(category="software", domains=["emergency"], tasks=["patrol_inspection"])
    assert score(need, platform).ok
    # The same words in a need for a robot on site are its requirement.
    robot_need = demand(
        domain="emergency",
        title="罐区巡检机器人",
        description="园区多为精细化工，易燃易爆和有毒介质多，机器人要进装置区巡检。",
        tasks=["patrol_inspection"],
    )
    assert "explosive" in demand_facts(robot_need).environments


def test_class5_software_naming_none_of_the_tasks_is_graded_low_not_ruled_out():
    need = demand(domain="construction", title="工地安全帽识别", description="利用现有摄像头", tasks=[])
    platform = offering(category="software", domains=["construction"], tasks=[], title="智慧工地AI视频平台")
    m = score(need, platform)
    assert m.ok and "platform_unproven" in codes(m)
    assert "待确认" in " ".join(m.texts("zh"))
    assert not score(need, offering(category="component", domains=["construction"], tasks=[])).ok


def test_class7_a_task_of_another_domain_is_read_when_the_text_names_none_of_its_own():
    hospital = demand_facts(demand(domain="healthcare", title="门诊大厅导诊分诊", tasks=[]))
    assert hospital.tasks == ("reception",)
    mall = demand_facts(demand(domain="retail", title="Night security patrol for the mall", tasks=[]))
    assert mall.tasks == ("patrol_inspection",)


@pytest.mark.parametrize(
    ("text", "domain", "task"),
    [
        ("各病区之间标本转运和送药", "healthcare", "delivery"),
        ("门诊大厅导诊分诊", "retail", "reception"),
        ("酒店客房送物，乘梯配送", "retail", "delivery"),
        ("护理院夜间巡房，防走失", "eldercare", "care_monitoring"),
        ("失能老人助浴、床椅转移", "eldercare", "mobility_assist"),
        ("纺纱车间落纱、换纱", "manufacturing", "handling"),
        ("产线锁螺丝和点胶", "manufacturing", "assembly"),
        ("消防支队火场侦察、排烟", "emergency", "firefighting"),
        ("汛期抢险排涝", "emergency", "rescue"),
        ("化工厂关阀堵漏", "emergency", "hazmat_handling"),
        ("超市补货、理货", "retail", "shelf_stocking"),
        ("病房空气消毒", "healthcare", "disinfection"),
        ("天花打孔安装吊杆", "construction", "construction_work"),
    ],
)
def test_class7_words_posters_use(text, domain, task):
    assert task in lexicon.tasks_in(text, [domain])


def test_reasons_render_in_both_languages():
    samples = {
        "env_to_confirm": reason("env_to_confirm", "weak", env=("env", "explosive")),
        "modes_none_text": reason("modes_none_text", "weak", modes=(("mode", "lease"),)),
        "sold_only": reason("sold_only", "weak"),
        "lifts_missing": reason("lifts_missing", "weak"),
        "lifts_unstated": reason("lifts_unstated", "weak"),
        "quadruped_as_asked": reason("quadruped_as_asked", "good"),
        "modes_from_text": reason("modes_from_text", "info", modes=(("mode", "lease"), ("mode", "sharing"))),
        "budget_from_text": reason("budget_from_text", "info"),
        "budget_shared": reason("budget_shared", "info", units=20),
        "platform_serves": reason("platform_serves", "info", tasks=(("task", "care_monitoring"),)),
        "generalist": reason("generalist", "weak", count=6, asked=1),
        "form_other": reason("form_other", "weak"),
        "form_required": reason("form_required", "bad"),
        "upkeep_made_for": reason("upkeep_made_for", "good"),
        "text_other_language": reason("text_other_language", "info"),
        "rated_unneeded": reason("rated_unneeded", "info", envs=(("env", "cleanroom"),)),
        "parts_instead": reason(
            "parts_instead", "weak", parts=(("part", "reducer"),), asked=(("part", "joint_module"),)
        ),
    }
    assert set(samples) <= set(MESSAGES)
    for code, r in samples.items():
        zh, en = r.text("zh"), r.text("en")
        assert zh != en and "%(" not in zh and "%(" not in en, code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), code
    assert samples["budget_from_text"].text("zh") == "预算读自描述"
    assert (
        samples["modes_from_text"].text("en")
        == "ways to acquire read from the description: short-term lease and shared use (time slots)"
    )
    assert closest_heading("zh").startswith("暂无") and closest_heading("en").startswith("Nothing meets")


def test_a_component_need_reads_no_task_from_its_prose():
    """为人形机器人装配线配套: the buyer's own assembly, not a task a supplier performs."""
    d = demand_facts(
        demand(
            kind="component",
            title="谐波减速器采购",
            description="为人形机器人装配线配套，月用量500台。",
            tasks=[],
        )
    )
    assert d.tasks == () and d.parts == ("reducer",)
    scenario = demand_facts(demand(title="装配线", description="人形机器人装配线拧螺丝。", tasks=[]))
    assert "assembly" in scenario.tasks


def test_fit_an_accessory_named_after_a_part_does_not_supply_that_part():
    need = demand(kind="component", title="灵巧手配套需求", description="工业人形用五指灵巧手", tasks=[])
    hand = offering(category="component", tasks=[], title="五指灵巧手 LZ-6", description="6自由度")
    screw = offering(
        category="component", tasks=[], title="灵巧手微型滚珠丝杠", description="用于灵巧手手指驱动"
    )
    m = score(need, screw)
    assert "parts_missing" in codes(m) and "parts_covered" not in codes(m)
    assert score(need, hand).score > m.score


def part_need(title: str, description: str = ""):
    """A component need: what its title asks for is the part it buys."""
    return demand(kind="component", title=title, description=description, tasks=[])


def part_offer(title: str, description: str = ""):
    return offering(category="component", tasks=[], title=title, description=description)


def test_fit_a_servo_drive_does_not_supply_the_motor_a_need_asks_for():
    """A drive runs a motor; it is not one (伺服驱动器 for 无框力矩电机: graded 0-1 in
    32 of 34 such tuning pairs). Each is its own part, and a need for both finds both."""
    assert lexicon.parts_in("无框力矩电机") == ["servo_motor"]
    assert lexicon.parts_in("48V低压伺服驱动器") == ["servo_drive"]
    need = part_need(
        "无框力矩电机 + 绝对值编码器配套", "关节国产化，需要无框力矩电机及配套绝对值编码器，年需1000套。"
    )
    drive = part_offer("JS-48 低压伺服驱动器", "48V，EtherCAT")
    motor = part_offer("无框力矩电机（人形关节系列）")
    assert "parts_covered" not in codes(score(need, drive)) and "parts_missing" in codes(score(need, drive))
    assert "parts_covered" in codes(score(need, motor))
    assert score(need, motor).score > score(need, drive).score
    assert "parts_covered" in codes(score(part_need("伺服驱动器+绝对值编码器 配套500套"), drive))


def test_fit_a_sensor_or_an_actuator_of_another_kind_does_not_supply_the_part_asked():
    tactile = part_need("Fingertip tactile sensor arrays", "4x4 taxels, SPI")
    array, load_cell = part_offer("指尖触觉阵列 8×8（SPI）"), part_offer("单轴拉压力传感器")
    assert "parts_covered" in codes(score(tactile, array))
    assert "parts_missing" in codes(score(tactile, load_cell))
    assert "parts_covered" not in codes(score(tactile, load_cell))
    joints = part_need("一体化关节模组 年用量两千套", "峰值扭矩120Nm")
    linear, rotary = part_offer("行星滚柱丝杠直线执行器"), part_offer("OJ-150 一体化关节模组")
    assert "parts_covered" not in codes(score(joints, linear))
    assert score(joints, rotary).score > score(joints, linear).score


def test_a_part_of_another_kind_than_the_title_asks_is_a_gap():
    """谐波减速器 asked, an RV reducer offered: the part is covered, not as asked (none
    of 164 such tuning pairs graded relevant); a need for any 减速器 takes either."""
    assert lexicon.part_kinds_in("RV减速器 RV-20E", ["reducer"]) == ["reducer:rv"]
    assert lexicon.part_kinds_in("Harmonic drive CSF-17", ["reducer"]) == ["reducer:harmonic"]
    assert lexicon.part_kinds_in("绝对值编码器", []) == []  # only kinds of the parts named
    harmonic = part_need("谐波减速器 年采购500台", "用于协作臂关节")
    rv, hd = part_offer("RV减速器 RV-20E"), part_offer("HD系列谐波减速器")
    m = score(harmonic, rv)
    assert "part_kind_other" in codes(m) and "parts_covered" in codes(m) and m.ok
    assert "part_kind_other" not in codes(score(harmonic, hd))
    assert score(harmonic, hd).score > m.score
    said = [r for r in m.reasons if r.code == "part_kind_other"][0].text("zh")
    assert "谐波减速器" in said and "RV" in said
    assert "part_kind_other" not in codes(score(part_need("减速器 年采购500台"), rv))
    incremental = part_offer("增量光电编码器 2500线")
    assert "part_kind_other" in codes(score(part_need("关节用绝对值编码器 3000只"), incremental))


def test_a_part_named_only_beside_what_an_offering_sells_is_a_gap():
    """编码器选装 under a coreless motor, a gearbox inside a geared motor: the part is
    named, not sold (6 of 191 such tuning pairs graded relevant)."""
    encoders = part_need("关节用绝对值编码器 3000只")
    motor = part_offer("10mm 空心杯电机（无编码器）", "10mm 空心杯+减速箱，60 元；编码器选装 +25 元。")
    encoder = part_offer("QB-19 中空磁编码器", "19bit，BiSS-C")
    m = score(encoders, motor)
    assert "parts_aside" in codes(m) and "parts_covered" in codes(m) and m.ok
    assert "parts_aside" not in codes(score(encoders, encoder))
    said = [r for r in m.reasons if r.code == "parts_aside"][0]
    assert "编码器" in said.text("zh") and "motor" in said.text("en")
    # A title selling the part among others is selling it.
    kit = part_offer("伺服驱动器+17位绝对值编码器套件")
    assert "parts_aside" not in codes(score(encoders, kit))
    # What the title says a part is for is not sold; a kind of the part named is the part.
    reducers = part_need("谐波减速器 年采购500台")
    geared = part_offer("空心杯电机（灵巧手用）", "空心杯电机+行星减速器一体")
    said = [r for r in score(reducers, geared).reasons if r.code == "parts_aside"][0].text("en")
    assert "servo motors" in said and "dexterous" not in said
    module = part_offer("一体化关节模组（电机+谐波+双编码器）", "内置谐波减速器，中空走线")
    assert "parts_aside" not in codes(score(reducers, module))


def test_form_a_need_for_a_whole_solution_prefers_a_solution():
    text = "在商场建人形机器人体验中心，需要整体设计、设备配置和开业后的运营"
    need = demand(title="人形机器人体验中心", description=text, domain="retail", tasks=["reception"])
    solution = offering(category="solution", domains=["retail"], tasks=["reception"], title="体验中心方案")
    robot = offering(category="humanoid", domains=["retail"], tasks=["reception"], title="迎宾人形机器人")
    assert "solution_other" in codes(score(need, robot)) and score(need, robot).ok
    assert "solution_other" not in codes(score(need, solution))
    assert score(need, solution).score > score(need, robot).score
    plain = demand(title="迎宾人形机器人", domain="retail", tasks=["reception"])
    assert score(plain, robot).score >= score(plain, solution).score


def test_fit_a_platform_asked_for_runs_the_robots_work_without_listing_it():
    need = demand(
        title="两个品牌的配送机器人想统一调度",
        description="想找一个能把不同品牌机器人统一调度的平台。",
        domain="healthcare",
        tasks=["delivery"],
    )
    platform = offering(category="software", domains=["healthcare"], tasks=[], title="多品牌机器人调度平台")
    robot = offering(category="robot", domains=["healthcare"], tasks=["delivery"], title="物流配送机器人")
    assert scoring.fit(*facts(d=need, o=platform)).value == scoring.FIT_UNKNOWN
    assert "tasks_missing" not in codes(score(need, platform))
    assert "software_other" in codes(score(need, robot))
    # Software asked to do the work itself must name it: video patrols do no AI inspection.
    inspect = demand(
        title="已有相机，想上AI缺陷检测", description="想找一套AI视觉检测软件", tasks=["quality_inspection"]
    )
    patrol = offering(category="software", tasks=["patrol_inspection"], title="厂区视频AI巡检平台")
    assert scoring.fit(*facts(d=inspect, o=patrol)).value == 0.0


def test_fit_a_rescue_robot_for_water_does_no_rescue_on_land():
    need = demand(
        title="山区滑坡搜救机器人",
        description="进入滑坡废墟搜寻被困人员",
        domain="emergency",
        tasks=["rescue"],
    )
    boat = offering(
        domains=["emergency"],
        tasks=["rescue"],
        title="遥控水面救生机器人",
        description="动力救生圈，落水救援",
    )
    quadruped = offering(
        domains=["emergency"], tasks=["rescue"], title="救援四足机器人", description="废墟搜救"
    )
    m = score(need, boat)
    assert "rescue_on_water" in codes(m) and "tasks_missing" in codes(m) and m.ok
    assert "rescue_on_water" not in codes(score(need, quadruped))
    assert score(need, quadruped).score > m.score
    # A rescue need that does not say where keeps both.
    plain = demand(title="救援机器人", domain="emergency", tasks=["rescue"])
    assert "tasks_covered" in codes(score(plain, boat))


def test_certificates_a_required_registration_not_stated_lowers_the_score_and_says_so():
    need = demand(
        title="下肢外骨骼采购",
        description="必须有二类医疗器械注册证",
        domain="healthcare",
        tasks=["rehab_assist"],
    )
    held = offering(domains=["healthcare"], tasks=["rehab_assist"], certifications=["二类医疗器械注册证"])
    unsaid = offering(domains=["healthcare"], tasks=["rehab_assist"], description="下肢康复训练")
    m = score(need, unsaid)
    assert "certificate_missing_medical_device" in codes(m) and m.ok
    assert "certificate_missing_medical_device" not in codes(score(need, held))
    assert score(need, held).score > m.score


def test_environments_a_robot_for_minus_ten_is_not_rated_for_a_minus_eighteen_store():
    need = demand(
        title="冷冻区理货",
        description="冷库零下18度，要能长时间工作",
        domain="retail",
        tasks=["shelf_stocking"],
    )
    mild = offering(domains=["retail"], tasks=["shelf_stocking"], description="耐寒型，-10℃~45℃工作")
    cold = offering(domains=["retail"], tasks=["shelf_stocking"], description="耐低温，-25℃~40℃工作")
    assert "low_temperature" in scoring.demand_facts(need).environments
    assert not score(need, mild).ok and "env_not_rated" in codes(score(need, mild))
    assert score(need, cold).ok


def test_fit_a_task_named_as_a_bonus_counts_less():
    text = "想买一台消毒机器人，能顺便拖地最好"
    need = demand(title="消毒机器人", description=text, domain="eldercare", tasks=[])
    disinfect = offering(domains=["eldercare"], tasks=["disinfection"])
    mop = offering(domains=["eldercare"], tasks=["cleaning"])
    assert scoring.demand_facts(need).optional_tasks == ("cleaning",)
    assert scoring.fit(*facts(d=need, o=disinfect)).value > scoring.fit(*facts(d=need, o=mop)).value
    assert score(need, disinfect).score > score(need, mop).score


def test_fit_a_task_the_title_adds_to_the_ticked_ones_is_wished_for():
    """A need ticking patrol whose title asks for patrol and enquiries (巡逻+问询) wishes
    for both: an offering doing both ranks above one that only patrols, which still
    fits better than where both were ticked. Tasks only its description names beside
    the ticked ones stay unread (the field wins over the prose)."""
    ticked = {"domain": "emergency", "tasks": ["patrol_inspection"]}
    need = demand(title="候车室巡逻+问询机器人", description="候车室室内巡逻，旅客问询。", **ticked)
    both_ticked = demand(
        title="候车室巡逻+问询机器人",
        description="候车室室内巡逻，旅客问询。",
        domain="emergency",
        tasks=["patrol_inspection", "reception"],
    )
    both = offering(
        title="站厅巡逻问询机器人", domains=["emergency"], tasks=["patrol_inspection", "reception"]
    )
    patrol = offering(title="室内安防巡逻机器人", domains=["emergency"], tasks=["patrol_inspection"])
    d = scoring.demand_facts(need)
    assert d.tasks == ("patrol_inspection", "reception") and d.optional_tasks == ("reception",)
    assert score(need, both).score > score(need, patrol).score
    assert scoring.fit(*facts(need, patrol)).value > scoring.fit(*facts(both_ticked, patrol)).value
    described = demand(title="候车室巡逻机器人", description="室内巡逻，顺带旅客问询。", **ticked)
    assert scoring.demand_facts(described).tasks == ("patrol_inspection",)


def test_fit_gate_a_text_described_like_the_need_counts_as_work_done():
    """An offering whose tags name none of the tasks asked for, described much like
    the need (a show humanoid for an open day asking for 带操、唱歌), keeps most of
    its other points; one whose text is far keeps FIT_GATE_FLOOR of them. Only a
    measured text fit counts: none given, or texts in two languages, say nothing."""
    need = demand(title="重阳节活动", domain="eldercare", tasks=["companionship"])
    show = offering(domains=["eldercare"], tasks=["reception"], title="表演人形机器人")
    close, far = score(need, show, 1.0), score(need, show, 0.0)
    assert close.score - far.score >= 10
    assert score(need, show, None).score - far.score < 5
    english = offering(
        domains=["eldercare"], tasks=["reception"], title="Show humanoid", description="Dancing and singing"
    )
    assert score(need, english, 1.0).score - score(need, english, 0.0).score < 5


def test_fit_an_event_is_served_by_what_is_made_for_its_kind():
    """A training course serves no open day, a show serves no drill; an offering made
    for every kind (面向演练、培训和展会) or naming none serves any."""
    assert lexicon.event_kinds_in("重阳节办开放日，想请机器人来表演节目") == ["show"]
    assert lexicon.event_kinds_in("面向演练、培训和展会") == ["show", "drill", "training"]
    need = demand(
        title="重阳节开放日想请机器人来表演", description="院里办开放日", domain="eldercare", tasks=[]
    )

    def service(title: str, description: str):
        return offering(
            category="service", domains=["eldercare"], tasks=[], title=title, description=description
        )

    course = service("机器人操作与运维培训", "面向企业员工的培训")
    show = service("人形机器人演出服务", "展会、开放日表演")
    every = service("机器人活动服务", "面向演练、培训和展会")
    assert "event_made_for" not in codes(score(need, course))
    assert "event_made_for" in codes(score(need, show)) and "event_made_for" in codes(score(need, every))
    assert score(need, show).score > score(need, course).score


def test_a_site_said_to_get_hot_in_degrees_is_a_hot_site_to_confirm():
    """地面温度能到60多度 names no 高温, yet the site is hot: an offering working only to
    45 °C is to be confirmed there, one working to 80 °C is rated by its text."""
    substation = demand(
        title="户外变电站巡检机器人",
        description="220kV户外变电站，夏天场地地面温度能到60多度。",
        tasks=["patrol_inspection"],
    )
    warm = offering(tasks=["patrol_inspection"], description="工作温度-10~45℃，IP66。")
    hot = offering(tasks=["patrol_inspection"], description="工作温度-20~80℃，IP66。")
    assert "high_temperature" in demand_facts(substation).mentioned
    assert "env_to_confirm" in codes(scoring.environments(*facts(substation, warm)))
    assert "env_rated_by" in codes(scoring.environments(*facts(substation, hot)))
    assert score(substation, hot).score > score(substation, warm).score
    mild = demand(title="车间巡检", description="车间常年35°C以上", tasks=["patrol_inspection"])
    assert "high_temperature" not in demand_facts(mild).mentioned


def test_a_person_to_be_lifted_is_a_payload():
    text = "移位那个必须能抱得动七八十公斤的老人，不能出安全事故。"
    assert lexicon.payload_in(text) == 80.0
    need = demand(title="失能老人移位", description=text, domain="eldercare", tasks=["mobility_assist"])
    light = offering(domains=["eldercare"], tasks=["mobility_assist"], payload_kg=10)
    assert not score(need, light).ok


def test_a_rating_whose_certificate_is_pending_is_not_held_even_where_listed():
    text = "行者Q2-Ex 四足巡检机器人（防爆版）\n基于Q2平台的防爆版本，防爆认证正在办理中（预计2026年二季度取得），目前可先试用。"
    rated = lexicon.ratings(["explosive", "outdoor"], [], text)
    assert "explosive" not in rated.rated and "explosive" in rated.not_rated and "outdoor" in rated.rated
    # A certificate in the certifications field is held, whatever the prose says.
    assert "explosive" in lexicon.ratings(["explosive"], ["Ex d IIB T4 Gb"], "防爆认证正在办理中").rated
    assert "explosive" in lexicon.ratings(["explosive"], [], "防爆版本，已取得防爆合格证").rated


@pytest.mark.parametrize(
    ("text", "explosive"),
    [
        ("Ex d IIB T4 Gb", True),
        ("Ex db ib IIC T4 Gb", True),
        ("ExdIIBT4", True),
        ("Exia IIC T4", True),
        ("We have experience in exhibitions. Expected delivery in March.", False),
        ("Great for Expo halls, exits and exercise rooms", False),
    ],
)
def test_an_ex_marking_is_a_rating_and_english_words_starting_ex_are_not(text, explosive):
    assert ("explosive" in lexicon.ratings([], [], text).rated) is explosive


def test_a_hand_without_touch_for_a_need_that_asks_for_it_plainly_ranks_lower_not_out():
    plain = demand(
        kind="component",
        title="采购带触觉的灵巧手",
        description="五指灵巧手，自由度≥6，指尖要有触觉/压力反馈，单价 5 万以内。",
        tasks=[],
    )
    kw = {"category": "component", "tasks": []}
    numb = offering(title="灵巧手 LH-6 六自由度灵巧手", description="五指六自由度，无指尖触觉", **kw)
    touch = offering(title="灵巧手 LH-6T 六自由度灵巧手", description="五指六自由度，指尖触觉", **kw)
    m = score(plain, numb)
    assert m.ok and "touch_missing" in codes(m)
    assert score(plain, touch).ok and score(plain, touch).score > m.score


def test_a_condition_ticked_in_the_field_that_the_text_rules_out_is_only_to_confirm():
    need = demand(
        title="被服车、餐车牵引机器人",
        description="洗衣房到病区的被服车，单车满载约280kg。注意：机器人不用进冷库（冷库由食堂自己管）。",
        domain="healthcare",
        tasks=["handling"],
        environments=["low_temperature"],
    )
    d = scoring.demand_facts(need)
    assert d.environments == () and d.mentioned == ("low_temperature",)
    tug = offering(
        title="牵引机器人", description="牵引400kg，可乘货梯", domains=["healthcare"], tasks=["handling"]
    )
    assert score(need, tug).ok
    assert "env_to_confirm" in codes(scoring.environments(*facts(need, tug)))
    # Ticked and not ruled out, it is required.
    cold = demand(
        title="冷库搬运",
        description="冷库内托盘搬运",
        domain="manufacturing",
        environments=["low_temperature"],
    )
    assert scoring.demand_facts(cold).environments == ("low_temperature",)


def test_parts_a_humanoid_need_names_in_its_prose_are_what_the_robot_is_for():
    """A training room buying humanoids for 编程、运动控制教学 asks for the robot, not
    for motion-control software; a component named in the title is still bought."""
    text = "学院实训室采购，用于编程、运动控制和安全规范教学。每台12万以内。"
    classroom = demand(title="实训室采购教学用人形机器人2台", description=text, tasks=[])
    assert demand_facts(classroom).parts == ()
    # Without a humanoid asked for, the prose's part is what is wanted.
    software = demand(title="实训室教学软件", description=text, tasks=[])
    assert demand_facts(software).parts == ("motion_software",)
    hands = demand(title="人形机器人灵巧手 20 只", description="五指灵巧手，6 个主动自由度", tasks=[])
    assert demand_facts(hands).parts == ("dexterous_hand",)


def test_environments_a_jet_proof_code_for_a_site_that_must_be_wet_rated_is_to_confirm():
    """IP55/IP65 keeps out jets of water, not standing water: for a site whose field
    says wet, an offering stating only that code may serve (to be confirmed, scored
    below one rated for wet sites), one stating IP54 or no code is ruled out."""
    need = demand(
        title="隧道巡检机器人", domain="construction", tasks=["patrol_inspection"], environments=["wet"]
    )
    kw = {"domains": ["construction"], "tasks": ["patrol_inspection"]}
    jets = offering(title="轨道巡检机器人", description="防护IP65，工作温度-20℃～60℃。", **kw)
    rated = offering(title="轨道巡检机器人", description="防护IP67，隧道渗水环境可长期运行。", **kw)
    splash = offering(title="轨道巡检机器人", description="防护IP54。", **kw)
    unsure = score(need, jets)
    assert unsure.ok
    assert "env_rating_unsure" in [r.code for r in unsure.reasons]
    assert "未标明适用于潮湿涉水环境，但描述写明IP65：待确认" in unsure.texts("zh")
    assert "but its text states IP65: to be confirmed" in " ".join(unsure.texts("en"))
    assert score(need, rated).ok and score(need, rated).score > unsure.score
    assert not score(need, splash).ok
    # A wet site only mentioned in the text is weighed as before: a mention to confirm.
    mentioned = demand(
        title="隧道巡检机器人",
        description="隧道内有渗水。",
        domain="construction",
        tasks=["patrol_inspection"],
    )
    assert "env_rating_unsure" not in [r.code for r in score(mentioned, jets).reasons]


def test_commercial_a_need_that_leases_before_it_buys_prefers_what_can_be_leased():
    need = demand(
        title="病区消毒机器人",
        description="先租6个月看效果，满意再买断。租期每月5000元以内，买断15万元以内。",
        domain="healthcare",
        tasks=["disinfection"],
        modes=["lease", "purchase"],
    )
    kw = {"domains": ["healthcare"], "tasks": ["disinfection"]}
    sold = offering(title="紫外消毒机器人", modes=[{"mode": "purchase", "price": 138000}], **kw)
    leased = offering(
        title="紫外消毒机器人",
        modes=[{"mode": "purchase", "price": 138000}, {"mode": "lease", "price": 5000}],
        **kw,
    )
    gap = scoring.commercial(*facts(need, sold))
    assert "lease_first_missing" in codes(gap)
    assert "lease_first_missing" not in codes(scoring.commercial(*facts(need, leased)))
    assert score(need, sold).ok and score(need, sold).score < score(need, leased).score
    assert "仅可采购，而需求希望先租后买" in score(need, sold).texts("zh")
    assert "only sold, while the need would lease before it buys" in score(need, sold).texts("en")
    # The same offering for a need that buys outright: no gap.
    outright = demand(
        title="病区消毒机器人", description="买断15万元以内。", domain="healthcare", tasks=["disinfection"]
    )
    assert "lease_first_missing" not in codes(scoring.commercial(*facts(outright, sold)))


def test_class4_other_work_of_the_same_task_counts_partly():
    # Both name construction work; the need ties rebar, one offering sprays walls:
    # it covers the task in name only, and says so.
    need = demand(domain="construction", title="桥面钢筋网绑扎", tasks=["construction_work"])
    tying = offering(title="钢筋绑扎机器人", domains=["construction"], tasks=["construction_work"])
    spraying = offering(title="外墙喷涂机器人", domains=["construction"], tasks=["construction_work"])
    d, o = facts(need, spraying)
    assert d.crafts == ("construction_work/rebar",) and o.crafts == ("construction_work/painting",)
    assert "craft_other" in codes(scoring.fit(d, o))
    assert scoring.fit(*facts(need, spraying)).value < scoring.fit(*facts(need, tying)).value
    assert "craft_other" not in codes(scoring.fit(*facts(need, tying)))
    assert score(need, tying).score > score(need, spraying).score


def test_a_kind_of_work_said_on_one_side_only_or_shared_is_no_gap():
    need = demand(domain="retail", title="生鲜区地面清洁", tasks=["cleaning"])
    # An offering naming no kind of cleaning, or naming the floor among others, covers it.
    for title in ("清洁机器人", "擦窗+洗地两用机器人"):
        d, o = facts(need, offering(title=title, domains=["retail"], tasks=["cleaning"]))
        assert "craft_other" not in codes(scoring.fit(d, o)), title
        assert scoring.fit(d, o).value == 1.0
    # A need naming no kind takes any kind.
    d, o = facts(demand(domain="retail", title="商场保洁", tasks=["cleaning"]), offering(title="擦窗机器人"))
    assert scoring.fit(d, o).value == 1.0
    # A kind named for a task neither side does is no kind of its work.
    d, o = facts(demand(title="车间搬运，地面平整"), offering(title="搬运机器人，配泳池清洁模块"))
    assert d.crafts == () and o.crafts == ()


def test_kinds_of_work_are_read_in_both_languages_and_not_when_denied():
    assert lexicon.crafts_in("Rebar tying robot for bridge decks") == ["construction_work/rebar"]
    assert lexicon.crafts_in("AI 验布系统，坯布瑕疵") == ["quality_inspection/fabric"]
    assert lexicon.crafts_in("泳池周边也能用的防水机器人") == []  # a place, not pool cleaning
    assert lexicon.crafts_in("不做擦窗") == []


def test_a_component_need_s_torque_range_asks_for_its_low_end():
    need = demand(
        kind="component",
        domain="retail",
        title="服务型人形 低噪关节模组",
        description="想找低噪声的一体化关节模组，额定扭矩30–50Nm，噪声45分贝以下。",
        tasks=[],
    )
    forty = offering(category="component", description="一体化关节，额定扭矩40Nm，运行噪声≤42dB", tasks=[])
    twenty = offering(category="component", description="一体化关节，额定扭矩20Nm", tasks=[])
    assert demand_facts(need).torque_nm == 30.0
    assert codes(scoring.torque(*facts(need, forty))) == ["torque_ok"]
    assert codes(scoring.torque(*facts(need, twenty))) == ["torque_short"]
    # An offering's range states the most it gives.
    assert lexicon.torque_in("扭矩范围 30~50 N·m") == 50.0
    assert lexicon.torque_in("torque 30 to 50 Nm", least=True) == 30.0


def test_class1_a_show_staged_with_no_real_fire_mentions_no_heat():
    show = demand(
        domain="retail",
        title="消防宣传月主题展 迎宾讲解机器人",
        description="我们在商场中庭办消防安全主题展，展区摆灭火器、VR火场逃生体验，不涉及真实明火。"
        "想租一两台机器人在展区迎宾、讲解消防知识。",
        tasks=["reception"],
    )
    d = demand_facts(show)
    assert "high_temperature" not in d.mentioned and d.environments == ()
    guide = offering(domains=["retail"], title="迎宾讲解机器人", tasks=["reception"])
    assert "env_to_confirm" not in codes(score(show, guide))
    assert scoring.environments(*facts(show, guide)).value is None, "no condition left to confirm"


def test_class1_an_operating_range_confirms_a_cold_the_site_only_mentions():
    substation = demand(
        domain="construction",
        title="户外变电站巡检机器人",
        description="站内道路为硬化道路，冬天偶尔零下。",
        tasks=["patrol_inspection"],
        environments=["outdoor"],
    )
    ranged = offering(
        domains=["construction"],
        title="变电站户外轮式巡检机器人",
        description="IP55，工作温度-25~+60℃。",
        tasks=["patrol_inspection"],
        environments=["outdoor"],
    )
    unstated = offering(
        domains=["construction"], title="巡检机器人", tasks=["patrol_inspection"], environments=["outdoor"]
    )
    d = demand_facts(substation)
    assert "low_temperature" in d.mentioned
    assert offering_facts(ranged).coldest == -25.0
    env = scoring.environments(*facts(substation, ranged))
    assert "env_rated_by" in codes(env) and env.value == 1.0
    assert "env_to_confirm" in codes(scoring.environments(*facts(substation, unstated)))
    assert score(substation, ranged).score > score(substation, unstated).score
    # The range is no rating for cold sites: not built for one, nor enough for a cold store.
    assert "low_temperature" not in offering_facts(ranged).rated
    store = demand(title="冷库搬运", tasks=["patrol_inspection"], environments=["low_temperature"])
    assert "env_not_rated" in codes(scoring.environments(*facts(store, ranged)))


@pytest.mark.parametrize(
    ("text", "coldest", "as_rating"),
    [
        ("工作温度-25~+60℃", -25.0, None),
        ("工作温度 -20 至 50°C", -20.0, None),
        ("温度范围-5-40℃", -5.0, None),
        ("工作温度 -25°C～+60°C", -25.0, -25.0),  # a unit on each end reads as before
        ("温度范围 0～40℃", None, None),
    ],
)
def test_a_range_of_temperatures_with_one_unit_reads_its_low_end(text, coldest, as_rating):
    assert lexicon.coldest_operating(text) == coldest
    assert lexicon.coldest_operating(text, ranges=False) == as_rating


@pytest.mark.parametrize(
    "domain, task, need, craft, fits, other, other_craft",
    [
        # Class 4: kinds of handling. Loading a lorry is not lashing containers.
        (
            "manufacturing",
            "handling",
            ("袋装大米装车，想找机器人代替人工", "大米50公斤一包，要从码垛区拿出来装到厢式货车上。"),
            "handling/truck",
            ("移动式袋装货物装车机器人", "直接把50kg袋装货码进厢式货车"),
            ("集装箱锁销自动拆装机器人", "岸桥下锁销（扭锁）自动拆装工作站"),
            "handling/lashing",
        ),
        # A mobile robot moves goods about (AMR, 叉车); a palletizing cell stacks them.
        (
            "manufacturing",
            "handling",
            ("椅子纸箱码垛 2套", "办公椅包装后纸箱码垛，单箱18公斤左右，纸箱有3种规格。"),
            "handling/palletizing",
            ("四轴码垛机器人 180kg", "纸箱、袋装码垛，负载180kg"),
            ("织造车间布卷AMR", "潜伏顶升AMR，自动把布卷送到仓库，负载500kg"),
            "handling/transport",
        ),
        # Carts of reels pushed from the store to the lines (料车, 推到) are moved about, not stacked.
        (
            "manufacturing",
            "handling",
            ("SMT 车间料车配送", "料车满载 15 kg 料盘，每天从仓库推到 4 条 SMT 线，对接 MES。"),
            "handling/transport",
            ("潜伏顶升 AMR 600 kg", "潜伏顶升，支持料车牵引，对接 MES。"),
            ("轻型协作码垛机器人", "纸箱码垛，负载20kg"),
            "handling/palletizing",
        ),
        # Folding laundry and tidying up is not cleaning the floor.
        (
            "household",
            "cleaning",
            (
                "Laundry folding + tidying robot for a family",
                "They want a robot that folds laundry and tidies up toys in the kids' room.",
            ),
            "cleaning/tidying",
            ("衣物自动折叠机器人", "放入衣物自动折叠，每件约30秒。"),
            ("扫拖一体机器人", "扫地拖地一体，自动集尘。"),
            "cleaning/floor",
        ),
        # Turning a valve in a gas leak is not carrying drums of chemicals.
        (
            "emergency",
            "hazmat_handling",
            (
                "燃气舱泄漏应急处置，求能关阀的防爆机器人",
                "有几处手动阀需要人进舱去关，想配一台能拧手轮阀门的防爆机器人。",
            ),
            "hazmat_handling/valves",
            ("防爆巡检人形机器人", "双手可操作手轮阀门（扭矩≤60Nm）。"),
            ("防爆无人叉车", "可换装桶夹属具搬运200L油桶。"),
            "hazmat_handling/drums",
        ),
        # Restocking shelves is not counting them: a scanner that only lists what to restock.
        (
            "retail",
            "shelf_stocking",
            ("门店夜间理货上架机器人（3台）", "夜间闭店后补货上架、整理排面，单件商品不超过5公斤。"),
            "shelf_stocking/restock",
            ("双臂理货上架人形机器人", "夜间自动补货上架，单臂负载5kg。"),
            ("货架巡检盘点机器人", "夜间自主巡航拍照，识别缺货、错价，推送补货清单。"),
            "shelf_stocking/stocktake",
        ),
        # Moving a person from bed to wheelchair is not helping one walk, nor bathing one.
        (
            "eldercare",
            "mobility_assist",
            ("失能老人床椅转移 4 台", "护理员抱老人上下床腰都伤了，需要床椅转移设备。"),
            "mobility_assist/transfer",
            ("床椅转移移位机器人", "电动移位，承重150kg。"),
            ("智能助行机器人", "行走辅助，防跌倒扶手。"),
            "mobility_assist/walking",
        ),
        (
            "eldercare",
            "mobility_assist",
            ("失能老人床椅转移 4 台", "护理员抱老人上下床腰都伤了，需要床椅转移设备。"),
            "mobility_assist/transfer",
            ("床椅转移移位机器人", "电动移位，承重150kg。"),
            ("智能助浴机器人", "卧式助浴，一人即可完成。"),
            "mobility_assist/bathing",
        ),
        # A pharmacy's dispensing is not an e-commerce warehouse's order picking.
        (
            "healthcare",
            "sorting",
            ("门诊药房自动发药机器人", "门诊药房每天4000张处方，想用机器人拣药、发药。"),
            "sorting/pharmacy",
            ("药房自动拣药机器人", "盒装药自动拣药、发药到窗口。"),
            ("电商仓拣货机器人", "货到人拣货，订单拣选每小时600行。"),
            "sorting/orders",
        ),
        # Pumping a flooded garage dry is not finding people in a collapsed building.
        (
            "emergency",
            "rescue",
            ("倒塌建筑搜救机器人", "台风季房屋倒塌，需要能钻进废墟找被困人员的机器人。"),
            "rescue/search",
            ("蛇形废墟搜救机器人", "可钻入废墟缝隙，生命探测。"),
            ("履带式排涝抢险机器人", "流量3000m³/h，用于城市内涝、地下车库排水抢险。"),
            "rescue/flood",
        ),
    ],
)
def test_another_kind_of_the_work_asked_is_a_gap(domain, task, need, craft, fits, other, other_craft):
    need = demand(domain=domain, title=need[0], description=need[1], tasks=[task])
    fits = offering(title=fits[0], description=fits[1], domains=[domain], tasks=[task])
    other = offering(title=other[0], description=other[1], domains=[domain], tasks=[task])
    d, o = facts(need, other)
    assert craft in d.crafts and other_craft in o.crafts
    assert "craft_other" in codes(scoring.fit(d, o))
    assert "craft_other" not in codes(scoring.fit(*facts(need, fits)))
    assert score(need, fits).score > score(need, other).score


def test_a_need_asking_two_kinds_of_the_work_is_met_by_either():
    both = demand(
        domain="manufacturing",
        title="冻品箱码垛、入库",
        description="冻品箱码到托盘上，再送进冷库库位。",
        tasks=["handling"],
    )
    carrier = offering(title="织造车间布卷AMR", description="潜伏顶升AMR，自动把布卷送到仓库，负载500kg")
    assert set(facts(both, carrier)[0].crafts) == {"handling/palletizing", "handling/transport"}
    assert "craft_other" not in codes(scoring.fit(*facts(both, carrier)))


def test_a_least_load_said_as_one_is_asked_of_a_component_and_of_work_that_carries_nothing():
    # A hand's grip (单手负载不低于3公斤) is a load to hold; its weight (重量≤1.2kg) is not.
    need = demand(
        kind="component",
        title="五指灵巧手 20只",
        description="主动自由度≥6，指尖触觉，单手负载不低于3公斤，重量≤1.2kg。",
        tasks=[],
    )
    assert scoring.demand_facts(need).payload_kg == 3.0
    kw = {"category": "component", "tasks": []}
    strong = offering(description="五指灵巧手，6个主动自由度，单手负载5kg，重量1.1kg", **kw)
    weak = offering(description="五指灵巧手，6个主动自由度，单手负载1.5kg，重量0.9kg", **kw)
    assert codes(scoring.payload(*facts(need, strong))) == ["payload_ok"]
    assert codes(scoring.payload(*facts(need, weak))) == ["payload_short"]
    assert not score(need, weak).ok
    # Only its weight said: no load asked.
    light = demand(kind="component", title="灵巧手", description="重量≤1.2kg，带触觉。", tasks=[])
    assert scoring.demand_facts(light).payload_kg is None
    # Work that carries nothing (cleaning) with an arm's least load said as one.
    chores = demand(description="家务操作研究，单臂负载≥2kg，要能开放遥操作接口。", tasks=["cleaning"])
    assert scoring.demand_facts(chores).payload_kg == 2.0


def test_a_load_said_loosely_is_the_need_s_when_none_is_stated_as_one():
    need = demand(description="压铸岛取件，铝件连料饼大概25公斤，想买断。", tasks=["loading"])
    assert scoring.demand_facts(need).payload_kg == 25.0
    short = offering(description="六轴机器人，额定负载20kg", tasks=["loading"])
    enough = offering(description="六轴机器人，额定负载35kg", tasks=["loading"])
    assert codes(scoring.payload(*facts(need, short))) == ["payload_short"]
    assert codes(scoring.payload(*facts(need, enough))) == ["payload_ok"]
    # A load stated as one wins over a loose figure; work that carries nothing reads none.
    stated = demand(description="额定负载不小于30kg，毛坯大概25公斤。", tasks=["loading"])
    assert scoring.demand_facts(stated).payload_kg == 30.0
    reception = demand(
        title="迎宾机器人", description="迎宾机器人，重量大概50公斤以内。", tasks=["reception"]
    )
    assert scoring.demand_facts(reception).payload_kg is None


def test_a_part_the_need_takes_instead_is_scored_as_asked_a_step_below():
    """如果只有减速器也可以: a reducer serves a need for joint modules, below a joint
    module and above a part the need never named; one turned away does not."""
    need = demand(
        kind="component",
        title="服务型人形 低噪关节模组 500 套",
        description="想找低噪声的一体化关节模组，每套8000以内。如果只有减速器也可以，我们自己集成电机和驱动。",
        tasks=[],
        domain="retail",
    )
    parts = {
        "joint": ("一体化关节模组 QJ-40", "电机+谐波减速器+编码器一体"),
        "reducer": ("谐波减速器 QH-17", "17型，背隙≤20弧秒"),
        "encoder": ("绝对值编码器 E23", "23位多圈"),
    }
    offers = {
        name: offering(category="component", title=t, description=text, tasks=[], domains=["manufacturing"])
        for name, (t, text) in parts.items()
    }
    assert demand_facts(need).parts_instead == ("reducer",)
    scored = {name: score(need, o) for name, o in offers.items()}
    codes_of = {name: [r.code for r in m.reasons] for name, m in scored.items()}
    assert "parts_instead" in codes_of["reducer"] and "parts_missing" not in codes_of["reducer"]
    assert "parts_instead" not in codes_of["joint"] and "parts_instead" not in codes_of["encoder"]
    assert scored["joint"].score > scored["reducer"].score > scored["encoder"].score
    said = next(r for r in scored["reducer"].reasons if r.code == "parts_instead")
    assert "减速器" in said.text("zh") and "关节模组" in said.text("zh")
    assert said.text("en").startswith("supplies ")

    # Those selling only reducers are turned away: a reducer supplies nothing asked.
    refused = demand(
        kind="component",
        title="关节模组 100套",
        description="一体化关节模组，峰值扭矩≥100Nm。只卖减速器或电机的就不用联系了。",
        tasks=[],
    )
    assert demand_facts(refused).parts_instead == ()
    assert "parts_missing" in [r.code for r in score(refused, offers["reducer"]).reasons]


def test_the_open_air_of_a_parts_robot_is_to_be_confirmed_of_the_part():
    """户外型人形机器人用IP67关节模组: the robot works outdoors; the part must be sealed
    (IP67: wet, required) and its open air is to be confirmed, not a rating that
    rules out a washable IP67 module. A field ticking it, or a site need, requires it."""
    text = dict(
        title="户外人形机器人用IP67关节模组",
        description="户外型人形机器人批量，需要IP67防水一体化关节模组，峰值扭矩≥100Nm，年需求500个。",
    )
    need = demand(kind="component", tasks=[], **text)
    d = demand_facts(need)
    assert "wet" in d.environments and "outdoor" not in d.environments and "outdoor" in d.mentioned
    module = offering(
        category="component",
        title="防水一体化关节模组 IP67",
        description="IP67防水，可整机冲洗，峰值扭矩120Nm。",
        tasks=[],
    )
    assert not [r for r in score(need, module).reasons if r.hard]
    ticked = demand_facts(demand(kind="component", tasks=[], environments=["outdoor"], **text))
    assert "outdoor" in ticked.environments
    assert "outdoor" in demand_facts(demand(**text)).environments


def test_a_site_forty_degrees_hot_is_a_hot_site_thirty_five_is_not():
    """车间夏天四十多度: the experts read a hot site from 40 °C (10 of 13 needs in the
    tuning sets), none from 35–39 °C (0 of 12)."""
    hot = demand_facts(demand(description="焊装车间夏天四十多度，火花飞溅多。"))
    warm = demand_facts(demand(description="包装车间常年35°C以上，通风一般。"))
    assert "high_temperature" in hot.mentioned and "high_temperature" not in hot.environments
    assert "high_temperature" not in (*warm.mentioned, *warm.environments)


def test_a_service_only_keeping_robots_running_does_not_do_their_work():
    assert lexicon.only_upkeep("多品牌机器人运维保养服务")
    assert lexicon.only_upkeep("机器人维保服务（月包）")
    assert not lexicon.only_upkeep("港区巡检代运维服务"), "it inspects"
    assert not lexicon.only_upkeep("甬智人形机器人月租（宁波本地驻场运维）"), "it leases a robot"
    assert not lexicon.only_upkeep("清洁消毒一体机器人")
    need = demand(domain="eldercare", title="公共区域清洁+消毒机器人", tasks=["cleaning", "disinfection"])
    upkeep = offering(
        category="service",
        domains=["eldercare"],
        tasks=["cleaning", "disinfection"],
        title="多品牌机器人运维保养服务",
        description="年度运维合同：定期保养、故障上门，支持物流、清洁、消毒等多品牌机器人。",
    )
    assert "tasks_covered" not in codes(score(need, upkeep))
    # ... the same service covers a need for upkeep, and a cleaning service does the cleaning.
    kept = demand(domain="eldercare", title="养老院机器人包年维保", tasks=["cleaning"])
    assert "upkeep_made_for" in codes(score(kept, upkeep))
    cleaning = offering(
        category="service",
        domains=["eldercare"],
        tasks=["cleaning", "disinfection"],
        title="清洁消毒外包服务",
    )
    assert "tasks_covered" in codes(score(need, cleaning))


def test_upkeep_that_comes_with_the_work_asked_for_is_not_all_that_is_asked():
    assert lexicon.asks_upkeep("厂里十几台焊接机器人老化，找包年维保")
    assert not lexicon.asks_upkeep("商场夜间洗地，订阅含运维")
    assert not lexicon.asks_upkeep("浇钢平台高温岗位机器人替人（带运维）")
    need = demand(domain="retail", title="商场夜间洗地，订阅含运维", tasks=["cleaning"])
    washer = offering(domains=["retail"], tasks=["cleaning"], title="商用洗地机器人")
    m = score(need, washer)
    assert "tasks_covered" in codes(m) and "upkeep_not_made_for" not in codes(m)


def test_a_way_the_text_allows_besides_the_fields_with_its_own_budget_is_acceptable():
    assert lexicon.ways_also("采购25万元以内，也可以月租，每月8000元以内。") == ["lease"]
    assert lexicon.ways_also("如厂家有订阅模式，每台每月5000元以内也可以。") == ["raas"]
    assert lexicon.ways_also("买的话30万以内；如果能租，每月1.2万以内也行。") == ["lease"]
    assert lexicon.ways_also("不租，买断") == []
    text = "病区想要一台白天送药、夜里消毒的机器人。采购25万元以内，也可以月租，每月8000元以内。"
    need = demand_facts(
        demand(domain="healthcare", title="配送消毒一体机器人", description=text, modes=["purchase"])
    )
    assert need.modes == ("purchase", "lease")
    assert dict(need.budget) == {"purchase": 250000.0, "lease": 8000.0}
    # A monthly rent named beside a field that has the lease adds no subscription.
    hire = "按小时收费最好，按月租一个月也行，每月不超过2万。"
    assert demand_facts(demand(description=hire, modes=["sharing", "lease"])).modes == ("lease", "sharing")
    # Without a budget of its own, the way the text allows is not added.
    plain = demand_facts(demand(description="采购为主，也可以月租。", modes=["purchase"]))
    assert plain.modes == ("purchase",)


def test_a_condition_ticked_by_mistake_is_ruled_out_by_the_text():
    text = "说明：表单里误选了“洁净车间”，我们是普通恒温恒湿车间，不是洁净室，不需要洁净认证的设备。"
    site = lexicon.site_conditions_in(text)
    assert "cleanroom" not in site.required and "cleanroom" not in site.mentioned
    assert lexicon.site_conditions_ruled_out(text, site) == ["cleanroom"]
    need = demand(title="SMT车间料车搬运", description=text, environments=["cleanroom"])
    assert score(need, offering()).ok, "an AMR not rated for cleanrooms serves the ordinary workshop"


def test_a_product_made_for_children_is_a_gap_for_a_need_about_the_old():
    need = demand(
        domain="household",
        title="给独居的妈妈找个说话的伴",
        description="我妈82岁，一个人住。想给她买个能陪她说说话、到点提醒她吃药的小机器人。",
        tasks=["companionship"],
    )
    kids = offering(
        title="小童 Mini 儿童陪伴机器人", description="陪孩子聊天、讲故事、背古诗。", tasks=["companionship"]
    )
    both = offering(
        title="小童 陪伴机器人", description="陪老人和孩子聊天、提醒吃药。", tasks=["companionship"]
    )
    d, o = facts(need, kids)
    assert d.elderly and o.children
    assert codes(scoring.audience(d, o)) == ["for_children"]
    assert not facts(need, both)[1].children
    assert score(need, both).score > score(need, kids).score
    # The old said otherwise: a grandmother, a parent who lives alone, in either language.
    for said in (
        "奶奶今年85了，想给她找个陪着说话的",
        "My dad is 78 and lives alone.",
        "A robot for my grandma.",
    ):
        assert facts(demand(domain="household", title="陪伴机器人", description=said), kids)[0].elderly, said
    # A need about children is no gap for a product made for them.
    nursery = demand(domain="household", title="给孩子找个学伴", description="孩子6岁，想要个陪读的机器人。")
    assert not facts(nursery, kids)[0].elderly


# Who a product is made for against whom a need is for, as the experts grade it: each case
# a need, the product made for someone else, the same product said plainly, and the gap.
_INSTITUTION_NEED = {
    "domain": "eldercare",
    "title": "夜班人手不够，老人起夜摔倒怎么办",
    "description": "我们院120张床，夜班就3个护工。想找能夜里看着的东西，老人一摔倒就报警到护工手机上。",
    "tasks": ["care_monitoring"],
}
_HOME_NEED = {
    "domain": "eldercare",
    "title": "独居老人居家安全监测",
    "description": "街道有300户独居、空巢老人，想给每户装跌倒、久不活动监测。",
    "tasks": ["care_monitoring"],
}
_LOBBY_NEED = {
    "domain": "healthcare",
    "title": "门诊大厅导诊机器人",
    "description": "门诊大厅想放两台导诊机器人：回答常见问题、分诊引导、带病人到科室。",
    "tasks": ["reception"],
}


@pytest.mark.parametrize(
    ("need", "made_for", "plain", "gap"),
    [
        # 一台只能看一户，不适合120床机构: a home product for an institution.
        (_INSTITUTION_NEED, "守护者 家庭看护机器人", "守护者 看护机器人", "for_homes"),
        # 机构版平台按床计费，不面向单户家庭: an institution's product for homes.
        (
            _HOME_NEED,
            "守望者 毫米波雷达跌倒监测系统（机构版）",
            "守望者 毫米波雷达跌倒监测系统",
            "for_institutions",
        ),
        # A business's product (商用洗地机器人) for a home.
        (_HOME_NEED, "守望者 商用跌倒监测系统", "守望者 毫米波雷达跌倒监测系统", "for_business"),
        # 分诊大模型软件，需另配机器人: a model for robots' minds, for a need asking work done.
        (
            _LOBBY_NEED,
            "预问诊 / 智能分诊 医疗大模型（私有化部署）",
            "预问诊 / 智能分诊 导诊（私有化部署）",
            "mind_unasked",
        ),
    ],
    ids=["home-for-institution", "institution-for-home", "business-for-home", "mind-for-work"],
)
def test_a_product_made_for_someone_else_is_a_gap(need, made_for, plain, gap):
    category = "software" if gap == "mind_unasked" else "solution"
    tasks = need["tasks"]
    other = offering(category=category, title=made_for, description="跌倒识别，分诊问答。", tasks=tasks)
    same = offering(category=category, title=plain, description="跌倒识别，分诊问答。", tasks=tasks)
    wanted = demand(**need)
    assert codes(scoring.audience(*facts(wanted, other))) == [gap]
    assert codes(scoring.audience(*facts(wanted, same))) == []
    assert gap in codes(score(wanted, other))
    assert score(wanted, same).score > score(wanted, other).score


def test_products_made_for_both_or_needs_that_say_so_are_no_gap():
    """家用/机构两用 and 家用/商用两用 are for both; a need about people's homes takes a home
    product; a 居家养老服务中心's own canteen and rooms are no homes; a need that speaks of
    models or software (接入大模型) asks for one."""
    home = offering(title="守护者 家庭看护机器人", description="跌倒识别。", tasks=["care_monitoring"])
    assert not facts(demand(**_INSTITUTION_NEED), offering(title="扶康 看护机器人（家用/机构两用）"))[1].homes
    assert not facts(demand(**_HOME_NEED), offering(title="洁源 扫拖机器人（家用/商用两用）"))[1].business
    assert codes(scoring.audience(*facts(demand(**_HOME_NEED), home))) == []
    centre = demand(
        domain="eldercare",
        title="社区养老中心送餐",
        description="居家养老服务中心，从食堂到各楼层送餐，一次最多20公斤。",
        tasks=["delivery"],
    )
    canteen = offering(
        title="送餐配送机器人（餐厅/养老院食堂）", description="负载20kg。", tasks=["delivery"]
    )
    assert not facts(centre, canteen)[0].homes
    assert codes(scoring.audience(*facts(centre, canteen))) == []
    model = offering(category="software", title="医疗大模型（私有化部署）", tasks=["reception"])
    software = demand(**{**_LOBBY_NEED, "description": "已有导诊屏，想接入大模型做分诊问答软件。"})
    assert facts(software, model)[0].mind_asked
    assert codes(scoring.audience(*facts(software, model))) == []


# What an inspection product is made to inspect against what the need names, as the
# experts grade it (布面检测，不对口; 只检焊缝，不对口; PCB AOI，不是EL).
_BRAKE_DISCS = {
    "title": "刹车盘外观和尺寸检测",
    "description": "瑞安做刹车盘的，出口件，客户投诉划痕和砂眼。想上视觉质检，能自动上下料最好。",
    "tasks": ["quality_inspection"],
}


@pytest.mark.parametrize(
    ("need", "title", "things"),
    [
        (_BRAKE_DISCS, "瓯越 布面瑕疵在线检测系统", "布面"),
        (
            {**_BRAKE_DISCS, "title": "阀体外观检测", "description": "阀门外观目检漏检多。"},
            "焊缝视觉检测站",
            "焊缝",
        ),
        (
            {"title": "Stator visual inspection", "description": "Stator windings, looking for nicks."},
            "Solar cell EL defect inspection cloud",
            "光伏",
        ),
    ],
    ids=["fabric-for-brake-discs", "welds-for-valves", "solar-for-stators"],
)
def test_an_inspection_product_made_for_other_things_is_a_gap(need, title, things):
    wanted = demand(**{"tasks": ["quality_inspection"], **need})
    other = offering(
        category="solution", title=title, description="AI视觉缺陷检测。", tasks=["quality_inspection"]
    )
    plain = offering(
        category="solution",
        title="视觉缺陷检测系统",
        description="AI视觉缺陷检测。",
        tasks=["quality_inspection"],
    )
    assert codes(scoring.inspected(*facts(wanted, other))) == ["inspects_other"]
    assert codes(scoring.inspected(*facts(wanted, plain))) == []
    m = score(wanted, other)
    assert m.ok and score(wanted, plain).score > m.score
    said = [r for r in m.reasons if r.code == "inspects_other"][0]
    assert things in said.text("zh") and "需求未提及" in said.text("zh")
    assert "which the need does not name" in said.text("en")


def test_an_inspection_product_for_what_the_need_names_is_no_gap():
    """The need names the thing in its own words (纱布 is fabric, 组件EL is solar, AOI误报 is
    circuit boards); a title naming no such thing, or selling no inspection, is no gap."""
    cases = [
        ("纱布/无纺布卷材表面瑕疵在线视觉检测", "AI验布系统（坯布/色布瑕疵检测）"),
        ("组件EL检测工作站", "光伏组件EL+VI自动检测工作站"),
        ("AOI误报太多，找AI复判", "AOI智能复判平台（PCB/PCBA）"),
        ("Hinge screws on eyeglass frames, with a visual check", "小五金装配+检测自动化工作站"),
    ]
    for need_title, title in cases:
        wanted = demand(title=need_title, description="想上视觉。", tasks=["quality_inspection"])
        product = offering(category="solution", title=title, tasks=["quality_inspection"])
        assert facts(wanted, product)[1].inspects, title
        assert codes(scoring.inspected(*facts(wanted, product))) == [], (need_title, title)
    # AOI alone is optical inspection of anything; a fabric supplier sells no inspection.
    assert lexicon.inspects("瓯越 AOI 汽车零部件视觉质检工作站") == []
    assert lexicon.inspects("坯布面料批发") == []
    assert lexicon.inspects("药房/检验科小型配送机器人 MT-40") == []  # a laboratory, not an inspection


def test_software_for_running_robots_is_a_gap_for_a_need_asking_for_robots():
    """调度平台，没有机器人本身: a platform for robots one has, for a need asking for the
    robots, is a gap; for a need asking for such software (两个品牌的配送机器人想统一调度)
    it is what is asked, and a training platform (仿真实训平台) runs no robots."""
    need = demand(
        domain="healthcare",
        title="院内物流配送机器人 6 台",
        description="药房到各病区送药、标本，24小时。",
        tasks=["delivery"],
    )
    fleet = offering(category="software", title="RoboFleet 多品牌机器人调度平台", tasks=["delivery"])
    plain = offering(category="software", title="RoboFleet 院内物流平台", tasks=["delivery"])
    assert codes(scoring.audience(*facts(need, fleet))) == ["robots_not_had"]
    assert codes(scoring.audience(*facts(need, plain))) == []
    assert score(need, plain).score > score(need, fleet).score
    said = [r for r in score(need, fleet).reasons if r.code == "robots_not_had"][0]
    assert said.text("zh") == "用于调度或管理已有机器人的软件，而需求要的是机器人本身"
    asked = demand(
        domain="healthcare",
        title="配送机器人统一调度平台",
        description="院里有两个品牌的配送机器人，想统一调度。",
        tasks=["delivery"],
    )
    assert codes(scoring.audience(*facts(asked, fleet))) == []
    assert not lexicon.runs_robots("知行 人形机器人仿真实训平台（教学版）")
    assert lexicon.runs_robots("展厅/门店讲解导览 Agent（多语种，装到已有机器人上）")
    # Only software: a robot whose title names its scheduling is a robot.
    robot = offering(category="robot", title="配送机器人（含多机调度）", tasks=["delivery"])
    assert not facts(need, robot)[1].runs_robots
