"""How well an offering fits a demand: `score(demand, offering) -> Match`.

A pure function: no database, no index, no clock. It reads both records, including
what their free text says (tasks named only in the description, ratings stated
only in the text or in a certification, a payload written as 单件最重15kg, a way
to acquire and a budget written as 按月租用、月租预算3500元), and returns a score
from 0 to 100 with the reasons behind it.

Each factor is one small function below (`fit`, `focus`, `category`, `text`,
`domain`, `environments`, `payload`, `torque`, `dexterity`, `protection`, `city`,
`commercial`, `quantity`, `trust`, `certificates`, `conditions`, `form`,
`status`): it takes the facts of both records and returns a `Factor`, its value
from 0 to 1 (or None when it carries no points) and its reasons. `score` adds
them up; a few gaps scale the whole score instead (`_SCALED_ONCE`,
`_SCALED_EACH`: the form or the software asked for, a wished specification, a
required certificate not stated).

Hard conditions rule a pair out: the site's environments as a field gives them
or as the text states them as a requirement, payload, service cities, the ways
to acquire a field accepts, a category that cannot serve the kind of need, and
withdrawn or closed records. What the text only implies (a drill in a tank farm,
按月租 in the prose) lowers the score with a reason saying it needs confirming,
and never rules a pair out. A pair that breaks a hard condition scores 0–29; a
pair that breaks none scores 30–100.

Everything else is weighted in WEIGHTS below, with the constants after it: the
places to tune the matcher."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from ..search import lexicon, readings, specs
from .reasons import BAD, GOOD, INFO, WEAK, Reason, reason

# ---------------------------------------------------------------- the weights
#
# Each factor gives a value from 0 to 1; the weights turn them into points (they
# sum to 100), the points of every factor but fit scaled by how much of the work
# asked for the offering does (FIT_GATE_FLOOR below). The score of a pair that
# breaks no hard condition is
# COMPLIANT_FLOOR + (100 - COMPLIANT_FLOOR) * points / 100; of a pair that
# breaks one, VIOLATION_CEILING * points / 100, rounded down.
WEIGHTS = {
    "fit": 28,  # share of the needed tasks (or components) the offering covers
    "focus": 10,  # share of the offering's tasks the need asks for (a specialist over a generalist)
    "category": 4,  # what the offering is against what the need is (a platform serves less directly)
    "text": 13,  # how close the two texts are (`text_fit`, given by the caller; else neutral)
    "domain": 8,  # the offering lists the demand's domain
    "commercial": 17,  # best price in an acceptable mode against the budget for that mode
    "quantity": 6,  # units available against units wanted
    "trust": 6,  # verified organization (0.6), a certification the site can use (0.4)
    "conditions": 8,  # the demand's conditions confirmed rather than unknown (payload stated)
}
COMPLIANT_FLOOR = 30
VIOLATION_CEILING = 29

# Values for what cannot be judged.
FIT_UNKNOWN = 0.5  # no task named by the demand (nor its text), or none by the offering
FOCUS_UNKNOWN = 0.5
# The other factors count in full when every needed task is covered, and for
# FIT_GATE_FLOOR of their points when none is.
FIT_GATE_FLOOR = 0.4
# A share of the work asked for counts more than its share: a specialist doing one
# of two tasks named (a scrubber for 清洁+消毒) is worth proposing with a gap, not
# half a match. The fit is the share to the power FIT_CREDIT (half: 0.71) and the
# gate counts the fit to the power GATE_CREDIT as the work done (half the tasks: 0.84).
FIT_CREDIT = 0.5
GATE_CREDIT = 0.5
# A text described much like the need's says the offering likely does the work its
# tags do not name (a show humanoid for an open day that asks for 带操、唱歌): for
# the gate, a text fit counts for this much of the work done.
TEXT_AS_WORK = 0.8
TEXT_UNKNOWN = 0.5  # no text similarity given
# Texts in two languages: the least a fit counts (`text`).
TEXT_OTHER_FLOOR = 0.1
TEXT_CLOSE = 0.7  # from this text fit on, "described much like the need" is said
PRICE_NO_BUDGET = 0.6  # an acceptable mode, but no budget given for it
# Price over budget: ratio -> value (first bound not exceeded).
PRICE_STEPS = ((1.0, 1.0), (1.15, 0.75), (1.5, 0.35), (math.inf, 0.0))
# Even the best acceptable price is more than half again over the budget (the last
# step above): out of reach, not merely dear; the whole score counts this much.
PRICE_FAR_OVER = 0.85
FAR_OVER = PRICE_STEPS[-2][0]  # a price more than this times the budget is out of reach
# A need naming its ways weighs a price in a way it gives no budget for against its
# budget for another, converted (`IN_WAY`) and allowed this many times over: a way it
# invites is weighed on its own (a 1,800 lease for 20,000 to buy), a price far off is
# not (a 9,000 lease for 60,000 to buy; 20,000 a month for 200 an hour).
OTHER_WAY_ALLOWANCE = 2
# What a price in one way comes to in another, roughly and generously (a month's lease
# about a twentieth of the purchase, an hour about a twentieth of a month), so that only
# a price far beyond a budget stated for another way counts against it.
PERIOD = {"purchase": "once", "lease": "month", "raas": "month", "sharing": "hour"}
IN_WAY = {
    ("once", "once"): 1,
    ("once", "month"): 1 / 20,
    ("once", "hour"): 1 / 400,
    ("month", "once"): 30,
    ("month", "month"): 1,
    ("month", "hour"): 1 / 20,
    ("hour", "once"): 900,
    ("hour", "month"): 30,
    ("hour", "hour"): 1,
}
# A volume price (500台以上980元) counts for a need wanting that many; one below this
# share of the listed price is taken for another product's, not this one's.
VOLUME_PRICE_FLOOR = 0.4
# Certifications count once: listing many is not more trustworthy than listing one.
TRUST_VERIFIED, TRUST_CERTIFIED = 0.6, 0.4
# A condition the text only mentions, and the offering is not rated for: counts
# this much of a confirmed condition (it lowers the score, it does not rule out).
MENTIONED_UNRATED = 0.4
# Outside a drill, a training or an exhibition, a condition the text implies for
# the site itself (潮湿, 雨天) is likely real: the whole score counts this much for
# each such condition the offering is not rated for.
MENTIONED_MISSED = 0.85
# An offering whose title says it is built for the outdoors (户外导览机器人), for a
# need naming no outdoor site nor a place open to the weather: the expert finds 21
# of 239 such pairs in the tuning sets relevant (9 %, against 25 % where the need
# names such a place); the whole score counts this much.
OUTDOOR_MADE_MISSED = 0.9
# An edition for teaching or research (教育科研版人形, EDU) for a need that speaks of
# no teaching, research, development or showing: the expert finds 4 of 108 such
# pairs in the tuning sets relevant; the whole score counts this much.
STUDY_MISSED = 0.85
# ... but not the hazards a text names that are seldom the site's own (a leak next
# door, a drill's scenario, a gas the robot measures): in the tuning sets the expert
# reads the site as toxic for 25 of 80 needs whose text only mentions it, and as
# explosive for 6 of 67 (outdoor: 204 of 245, wet: 193 of 283). Those lower the
# environment factor and are said to need confirming, no more.
MENTIONED_UNLIKELY = frozenset({"explosive", "toxic"})
# A site that must be wet-rated, against an offering whose text states only a code
# that keeps out jets of water (IP55, IP65) and no rating for wet sites: it may
# well serve (experts split about evenly), so the pair is not ruled out; the
# rating is to be confirmed and the whole score counts this much.
RATING_DOUBT = 0.7
# An offering whose operating range (工作温度0～40℃, an ordinary spec sheet's) tops out this many
# degrees above the heat a site states is rated for it; one saying it bears a heat (耐温55°C,
# 最高50℃可连续工作) is rated for a site up to that heat.
HEAT_MARGIN = 10.0
# An offering said to work at this heat (°C) or more (可在300℃下工作30分钟) is made for heat: rated
# for a hot site that names no temperature (a fire scene, 火灾时高温).
HEAT_RATED = 100.0
# An offering that may work down to this many degrees above the cold a site states
# (-18℃ for a -20℃ freezer, on four-hour shifts) is still rated for it.
COLD_MARGIN = 3.0
# An offering built for special sites (explosion-proof, cleanroom, cold store...)
# the need's site is not: its focus counts this much.
SPECIAL_ENVIRONMENTS = frozenset({"explosive", "cleanroom", "low_temperature", "high_temperature", "toxic"})
UNNEEDED_RATING_FOCUS = 0.35
# Added to the asked and the listed tasks of the focus: a share smoothed by one.
FOCUS_PRIOR = 1
# A share of asked tasks under this is said ("a generalist").
GENERALIST_BELOW = 0.5
# A way to acquire the description asks for (按月租用, 按天租用) that the offering
# does not offer: not a broken condition (it was read, not given), but the whole
# score counts this much.
TEXT_MODES_MISSED = 0.85
# ... and, when the offering is only sold and the need would not buy, this much again.
SOLD_ONLY_MISSED = 0.85
# A part of another kind than the need's title asks for (an RV reducer for 谐波减速器:
# none of 164 such tuning pairs graded relevant): the whole score counts this much.
PART_KIND_MISSED = 0.7
# A part asked for that the offering names only in its description while its title sells
# others (编码器选装 under 空心杯电机: 6 of 191 such tuning pairs graded relevant).
PARTS_ASIDE_MISSED = 0.85
# A robot that cannot ride lifts, for a need whose robot must (要能自己坐电梯): the whole score counts this much.
LIFTS_MISSED = 0.8
# ... and a robot that does not say it can: this much.
LIFTS_UNSTATED = 0.9
# A need that would lease before it buys (先租后买), against an offering only
# sold: it cannot take the first step; the whole score counts this much.
LEASE_FIRST_MISSED = 0.92
FORM_MISSED = 0.85  # another form than the humanoid, or than the whole solution, the need asks for
# A machine built for loads ten times the need's and of 100 kg or more (a 2 t AGV for
# 30 kg cartons, a 600 kg lifting AMR for 3 kg boards) is another class of machine:
# it carries the load, and the score is scaled by OVERSIZED_MISSED.
OVERSIZED_RATIO, OVERSIZED_FLOOR, OVERSIZED_MISSED = 10.0, 100.0, 0.85
NO_ROBOTS_RUN = 0.7  # software that speaks of no robots, for a need asking a platform over its robots
SOFTWARE_MISSED = 0.6  # anything but the software or platform the need asks for (不需要再买机器人)
CERTIFICATE_MISSED = 0.7  # a certificate the need requires that the offering does not state
WISH_MISSED = 0.85  # a specification the need only wishes for (最好 5 自由度以上) that the offering lacks
# A rehabilitation robot for another limb than the need's (上肢 for 下肢康复): the
# whole score counts this much.
LIMB_MISSED = 0.7
# A need that refuses cameras (不想装摄像头拍他) and an offering that watches through
# one: the whole score counts this much.
CAMERA_MISSED = 0.7
# A need that refuses the cloud (不接受公有云, on-premise only) and an offering that
# works only through it (仅提供云端API, SaaS): the whole score counts this much.
CLOUD_MISSED = 0.7
# Work in which the robot talks with people: a need for it may name the languages
# or dialects it must speak (俄语, 温州话, 多语种).
SPEAKING_TASKS = frozenset({"reception", "shopping_guide", "companionship"})
# An offering that says it speaks this many languages (12种语言) speaks the major ones.
MANY_LANGUAGES = 8
# The languages a need names against those an offering states: one it does not state
# it speaks, or one that states none at all, scales the whole score this much.
LANGUAGES_MISSED = 0.8
LANGUAGES_UNSTATED = 0.9
# A need that refuses four-legged robots (不要四足的——试过，容易摔) and an offering
# that is one: the whole score counts this much.
QUADRUPED_MISSED = 0.7
# A need asking for a rail-mounted robot (挂轨巡检机器人) against one that does not say
# it runs on a rail: another machine than the one meant; the whole score counts this.
RAIL_MISSED = 0.9
# An explosion group below the one the site's gases call for (IIB where 加氢装置 names
# hydrogen), the site stating none itself: to be confirmed.
GAS_GROUP_DOUBT = 0.85
AUDIENCE_MISSED = 0.85  # a product made for children, for a need about the old
# A product made for people's homes, for an institution's need (养老院120张床); one made
# for institutions or businesses (机构版, 商用洗地机器人), for a need in people's homes.
HOMES_MISSED = 0.9
# A model or a kit for robots' minds, for a need speaking of no software (具身大模型 for 导诊).
MIND_MISSED = 0.85
# Software for running robots one has (多品牌机器人调度平台), for a need asking for robots:
# the experts grade it marginal (调度平台，没有机器人本身), above what does not serve at all.
ROBOTS_NOT_HAD = 0.93
# An inspection product made for other things than the need names (布面瑕疵检测 for 刹车盘).
INSPECTS_MISSED = 0.85
# A component that misses a limit its need states (speaks CANopen for EtherCAT, weighs
# 2.6 kg for ≤2.2 kg, Φ60 for ≤50 mm): the whole score counts this much, each.
SPEC_MISSED = 0.7
# Tasks in which the robot carries what it works on. A weight the prose gives for a
# need of none of them is the workpiece's (焊件最重18kg, put on the fixture by hand;
# 工件18公斤 passing under a camera), not a load the robot must lift.
CARRYING_TASKS = frozenset(
    {"loading", "handling", "sorting", "delivery", "shelf_stocking", "mobility_assist", "assembly"}
    | {"hazmat_handling", "rescue", "construction_work"}
)
# Work done with hands or wheels: a program does none of it itself.
HANDS_ON_TASKS = frozenset(CARRYING_TASKS - {"shelf_stocking"}) | {
    "welding",
    "disinfection",
    "firefighting",
    "cleaning",
    "rehab_assist",
}
UPKEEP_CATEGORIES = frozenset({"service", "software", "solution"})  # what can keep others' robots running
FORMS_NOT_HUMANOID = frozenset({"robot", "software"})  # what cannot be the humanoid asked for
ROBOT_CATEGORIES = frozenset({"robot", "humanoid"})  # a machine itself, not a service bringing one
# Software and platforms serving a site need through a task it names.
PLATFORM_CATEGORY = 0.5
# Software and platforms for a site need that names no task they list: graded
# low, not ruled out (a platform on existing cameras may be just what is asked).
PLATFORM_UNPROVEN = 0.2

# Which offering categories serve each kind of demand directly, and which can
# plausibly serve it (graded, not ruled out) when they cover a task it names.
CATEGORIES_FOR_KIND = {
    "scenario": frozenset({"humanoid", "robot", "solution", "service"}),
    "component": frozenset({"component", "software"}),
}
PLAUSIBLE_FOR_KIND = {"scenario": frozenset({"software"}), "component": frozenset()}
ALL_MODES = ("purchase", "lease", "sharing", "raas")
TRIED_BY = frozenset({"lease", "sharing", "raas"})  # ways to use a robot before buying it

assert sum(WEIGHTS.values()) == 100


def categories_for(kind: str) -> frozenset[str]:
    """Every category that may be proposed for a kind of need (directly or plausibly)."""
    k = kind if kind in CATEGORIES_FOR_KIND else "scenario"
    return CATEGORIES_FOR_KIND[k] | PLAUSIBLE_FOR_KIND[k]


# ---------------------------------------------------------------- what the records say


@dataclass(frozen=True)
class DemandFacts:
    ref: str
    kind: str
    domain: str
    tasks: tuple[str, ...]  # given, or read from the text
    parts: tuple[str, ...]  # components the text names (component demands)
    environments: tuple[
        str, ...
    ]  # the site's required conditions: the field, and what the text states as required
    payload_kg: float | None
    quantity: int
    modes: tuple[str, ...]  # acceptable; empty = any
    budget: tuple[tuple[str, float], ...]
    city: str
    status: str
    mentioned: tuple[str, ...] = ()  # conditions the text only mentions (to be confirmed)
    modes_from_text: bool = False  # `modes` read from the description, not a field
    budget_from_text: bool = False  # `budget` read from the description, not a field
    event: bool = False  # a need for a drill, a training or an exhibition
    torque_nm: float | None = None  # the torque a component need states (峰值扭矩 ≥100Nm)
    humanoid: bool = False  # the need asks for a humanoid (人形机器人, humanoid)
    lang: str = "zh"  # the language its text is written in ("zh" or "en")
    hottest: float | None = None  # how hot the site gets, as its text states (常年35°C以上)
    humanoid_required: bool = False  # ... and states it as a requirement (必须是人形)
    ip_code: str | None = None  # the protection code its text asks for (要求IP67)
    dof: float | None = None  # the degrees of freedom a component need asks for (≥12个主动自由度)
    dof_wished: bool = False  # ... only wished for (最好 5 自由度以上)
    touch: bool | None = None  # it asks for a sense of touch (指尖必须有触觉); False: it says none
    touch_wished: bool = False  # ... only softly: wished for (最好带) or without a firm word (要有触觉)
    upkeep: bool = False  # its title asks for keeping robots running (包年维保, 远程运维平台)
    # It asks for software (AI检测软件: "software"), or a platform for its robots (统一调度平台: FLEET).
    software: str | None = None
    solution: bool = False  # its text asks for a whole solution (整体设计、设备配置和运营, turnkey)
    theatre: str | None = None  # a rescue on "water" (落水) or on "land" (废墟, 滑坡), as its text says
    certificates: tuple[str, ...] = ()  # certificates its text requires (必须有医疗器械注册证)
    coldest: float | None = None  # how cold its site gets, as its text states (零下18度)
    optional_tasks: tuple[str, ...] = ()  # tasks its text names only as a bonus (能顺便拖地最好)
    event_kinds: tuple[str, ...] = ()  # the kinds of event it is for: "show", "drill", "training"
    humanoid_refused: bool = False  # its text says it does not want a humanoid (不要人形的那种)
    limbs: tuple[str, ...] = ()  # a rehabilitation need's limbs: "upper" (上肢), "lower" (下肢, 步态)
    camera_refused: bool = False  # its text refuses cameras (不想装摄像头, no cameras)
    cloud_refused: bool = False  # its text refuses the cloud (不接受公有云, 数据不出院, on-premise only)
    quadruped_refused: bool = False  # its text refuses four-legged robots (不要四足的, no robot dogs)
    languages: tuple[str, ...] = ()  # languages its robot must speak (俄语, 温州话: `lexicon.LANGUAGES`)
    modes_firm: bool = False  # its text's ways replace the field's in an amendment (改为租赁): as firm
    gas_group: str | None = None  # the explosion group its site calls for (IIC, 加氢: IIB+H2)
    gas_group_inferred: bool = False  # ... told only by the gases it names (加氢装置), not stated
    buses: tuple[str, ...] = ()  # a component need's field buses, any of them (EtherCAT; SPI or I2C)
    weight_max: float | None = None  # ... the most its part may weigh, kg (单个重量≤2.2kg)
    diameter_max: float | None = None  # ... its largest outer diameter, mm (外径≤50mm)
    noise_max: float | None = None  # the loudest its robot may run, dB (夜间噪音45分贝以下)
    openness: str | None = None  # how open to its own software: "low" (底层关节接口) or "kit" (二次开发)
    clean_class: int | None = None  # the cleanroom class its site is, as an ISO number (百级: 5)
    hottest_bounded: bool = False  # `hottest` is the most its site gets: a range's top (窑内55-65℃), 可达300℃
    lease_first: bool = False  # it would lease before it buys (先租后买, 先租半年再买断)
    crafts: tuple[str, ...] = ()  # kinds of its tasks' work it names (钢筋绑扎: construction_work/rebar)
    quadruped_asked: bool = False  # its text asks for a four-legged robot (想请消防机器人、机器狗来演示)
    lifts: bool = False  # its robot must ride the lifts (要能自己坐电梯, 跨楼层配送)
    budget_shared: tuple[str, ...] = ()  # ways whose budget is a text's total over `quantity` units
    parts_instead: tuple[str, ...] = ()  # parts it takes in place of `parts` (如果只有减速器也可以)
    elderly: bool = False  # it is about the old (独居老人, 养老院) and no children
    rail_asked: bool = False  # its text asks for a rail-mounted robot (需挂轨巡检机器人4台)
    # The kinds of the parts its title asks for (谐波减速器: reducer:harmonic).
    part_kinds: tuple[str, ...] = ()
    outdoor_place: bool = False  # its text names a place open to the weather (院子, 景区, 地下车库)
    study: bool = False  # its text speaks of teaching, research or development (实训, 科研, 二次开发)
    institution: bool = False  # it is for an institution keeping many (养老院, 120张床), no one's home
    homes: bool = False  # it is for people in their own homes (独居老人, 200户), no institution
    mind_asked: bool = True  # its text speaks of models, kits, software or algorithms (大模型, SDK)
    inspected: tuple[str, ...] = ()  # what its text names that an inspection may be of (刹车盘: metal)


@dataclass(frozen=True)
class OfferingFacts:
    ref: str
    category: str
    domains: tuple[str, ...]
    tasks: tuple[str, ...]  # given and read from the text
    parts: tuple[str, ...]
    rated: frozenset[str]
    evidence: tuple[tuple[str, str], ...]  # environment -> certification or word that rates it
    payload_kg: float | None
    units_available: int
    service_cities: tuple[str, ...]  # empty = all of Zhejiang
    prices: tuple[tuple[str, float], ...]  # (mode, price) in the offering's order
    certifications: tuple[str, ...]
    verified: bool
    status: str
    event: bool = False  # made for drills, trainings or exhibitions (its text says so)
    torque_nm: float | None = None  # the largest torque its text states
    lang: str = "zh"  # the language its text is written in ("zh" or "en")
    hottest: float | None = None  # how hot it may work, as its text states (耐温55°C)
    ip_code: str | None = None  # its best protection code (text or certificates: IP66)
    dof: float | None = None  # the degrees of freedom its text states (6个主动自由度)
    touch: bool | None = None  # a sense of touch: stated (指尖触觉), negated (无触觉) or unsaid
    upkeep: bool = False  # a service or platform that keeps robots running (维保, 运维)
    theatre: str | None = None  # made for rescue on "water" (救生圈, 无人艇) or on "land" (废墟)
    certificates: tuple[str, ...] = ()  # kinds of certificate it states it holds (医疗器械注册证, CCCF)
    coldest: float | None = None  # how cold it may work, as its text states (-10℃~45℃工作)
    event_kinds: tuple[str, ...] = ()  # the kinds of event it is made for: "show", "drill", "training"
    limbs: tuple[str, ...] = ()  # the limbs its text is about (上肢康复, gait training)
    camera: bool = False  # its text says it watches through a camera (移动摄像头)
    cloud: bool = False  # it works only through the cloud (仅提供云端API, SaaS, 需联网)
    quadruped: bool = False  # its title names a four-legged robot (四足巡检机器人, 机器狗)
    languages: tuple[str, ...] = ()  # languages its text says it speaks (中英日韩, 支持温州话)
    language_count: int | None = None  # how many, where it says (12种语言, 30+ languages)
    gas_group: str | None = None  # the explosion group it is protected to (Ex d IIB T4: IIB)
    volume_prices: tuple[tuple[int, float], ...] = ()  # (from so many units, unit price): 500台以上980元
    buses: tuple[str, ...] = ()  # the field buses its text names (EtherCAT, CANopen)
    weight_kg: float | None = None  # what its text says it weighs (重量1.9kg)
    diameter_mm: float | None = None  # its outer diameter (外径70mm, Φ45)
    noise_db: float | None = None  # how loud it runs (运行噪音52dB)
    openness: str | None = None  # "low", "kit", "high" (仅开放高层), "closed" (app-only)
    clean_class: int | None = None  # the cleanest class it is rated for, as an ISO number (ISO 5)
    humanoid_based: bool = False  # a service or solution whose title names a humanoid (共享人形, 人形工作站)
    crafts: tuple[str, ...] = ()  # kinds of its tasks' work it names (擦窗: cleaning/windows)
    no_lifts: bool = False  # its text says it cannot ride lifts (单层平面使用，不能乘电梯)
    lifts: bool = False  # ... or that it can (自主乘梯, 梯控版)
    upkeep_only: bool = False  # a service only keeping others' robots running (多品牌机器人运维保养服务)
    robots: bool = True  # its text speaks of robots (机器人, AGV): software that runs some
    children: bool = False  # its title says it is made for children (儿童陪伴, AI学伴), for no old
    hottest_ranged: bool = False  # `hottest` is the top of an operating range (工作温度0～40℃)
    rail: bool = False  # its text says it runs on a rail (挂轨巡检机器人, 轨道式, rail-mounted)
    humanoid_said: bool = False  # its text names a humanoid (多品牌人形机器人出租, 人形迎宾演出)
    part_kinds: tuple[str, ...] = ()  # the kinds of the parts its title names (RV减速器: reducer:rv)
    title_parts: tuple[str, ...] = ()  # the parts its title names: what it sells
    outdoor_made: bool = False  # its title says it is built for the outdoors (户外导览机器人)
    study_edition: bool = False  # its title names an edition for teaching or research (教育科研版, EDU)
    homes: bool = False  # its title says it is made for people's own homes (居家看护套装, 家用)
    institutions: bool = False  # ... or for institutions (机构版, 养老院送餐机器人, 医院版)
    business: bool = False  # ... or for businesses or plants (商用洗地机器人, 工业人形（产线版）)
    mind: bool = False  # its title sells a model or a kit for robots' minds (具身大模型, 语音大模型SDK)
    inspects: tuple[str, ...] = ()  # what its title says it inspects (布面瑕疵检测系统: fabric)
    runs_robots: bool = False  # software whose title runs robots one has (多品牌机器人调度平台)


# The two ways priced by the month, which words like 按月租 stand for both of.
_MONTHLY_TWIN = {"lease": "raas", "raas": "lease"}


def _float(value) -> float | None:
    return None if value is None else float(value)


def _optional_tasks(said: dict, tasks: tuple[str, ...], titled: tuple[str, ...]) -> tuple[str, ...]:
    """Tasks a need names only as a bonus (能顺便拖地最好), and those its title adds to
    the tasks it ticked (`titled`: 巡逻+问询 where the field says patrol): wished, not required."""
    wished = [t for t in said.get("optional_tasks", ()) if t in tasks and len(tasks) > 1]
    return tuple(dict.fromkeys([*wished, *titled]))


def demand_facts(d) -> DemandFacts:
    """Facts of a demand (a model or anything with the same attributes)."""
    if isinstance(d, DemandFacts):
        return d
    said = readings.demand_reading(d)
    kind = d.kind or "scenario"
    # A component buyer's prose names the tasks of the robot it builds (为人形机器人
    # 装配线配套), not tasks a supplier performs: only its parts count.
    # A need's ticked tasks win over its prose, but a task its title names beside
    # them (巡逻+问询人形机器人, ticked patrol) is wished for too (`_optional_tasks`).
    titled: tuple[str, ...] = ()
    if d.tasks:
        if kind != "component":
            titled = tuple(t for t in said.get("title_tasks", ()) if t not in d.tasks)
        tasks = tuple(dict.fromkeys([*d.tasks, *titled]))
    else:
        tasks = tuple(said["tasks"]) if kind != "component" else ()
    # A condition ticked in the field that the text rules out (机器人不用进冷库) is to be
    # confirmed, not required: the poster said both.
    ruled_out = set(said.get("ruled_out", ()))
    # A text amending the need (补充说明, 更正) says what holds now: a condition it
    # withdrew is gone, and the ways, budgets and load it states replace the fields.
    amended = bool(said.get("amended"))
    withdrawn = set(said.get("withdrawn", ()))
    ticked = [e for e in d.environments if e not in ruled_out and e not in withdrawn]
    doubted = [e for e in d.environments if e in ruled_out and e not in withdrawn]
    # A part's own outdoor needs are its sealing and its cold (IP67: wet; -20℃), read
    # as such: the open air its text names is its robot's (户外型人形机器人用关节模组),
    # to be confirmed of the part, unless the field ticks it.
    robots_site = {"outdoor"} - set(ticked) if kind == "component" else set()
    envs = tuple(dict.fromkeys([*ticked, *(e for e in said["required"] if e not in robots_site)]))
    mentioned = tuple(
        e
        for e in dict.fromkeys(
            [*said["mentioned"], *(e for e in said["required"] if e in robots_site), *doubted]
        )
        if e not in envs
    )
    # A component need's kilograms are its own weight (重量≤2.0kg), not a load to carry;
    # nor are a workpiece's for a need that names only tasks carrying nothing.
    carries = not tasks or bool(CARRYING_TASKS.intersection(tasks))
    # A least load said as one (单手负载不低于3公斤) is asked of any need, a component's too.
    read_payload = said["payload"] if kind != "component" and carries else said.get("least_load")
    if read_payload is None and kind != "component" and carries:
        read_payload = said.get("loose_load")  # 铝件连料饼大概25公斤, 锅体3-6kg, parts under 1 kg
    payload = (amended and read_payload) or _float(d.payload_kg) or read_payload
    modes, modes_from_text = tuple(d.modes or ()), False
    # Ways an amendment states in place of the field's are as firm as the field was.
    modes_firm = amended and bool(modes) and bool(said["modes"])
    if not modes or modes_firm:
        modes = tuple(said["modes"])
        modes_from_text = bool(modes)
    else:
        # 采购25万元以内，也可以月租，每月8000元以内: a way the text allows besides the
        # field's, with a budget of its own, is acceptable too; not the subscription a
        # monthly rent also stands for where the field has the lease (or the other way).
        also = [
            m
            for m in said.get("modes_also", ())
            if m in said["budgets"] and m not in modes and _MONTHLY_TWIN.get(m) not in modes
        ]
        modes = tuple(m for m in ALL_MODES if m in modes or m in also)
    given = {m: float(a) for m, a in dict(d.budget or {}).items() if not modes or m in modes}
    if amended and said["budgets"]:
        given = {}
    # 配20套清洁机器人，总价15万以内 with 20 in the quantity field: each unit's share.
    quantity = int(d.quantity or 1)
    shares = max(quantity, 1)
    if quantity <= 1 and (said.get("units") or 0) > 1:  # the field left at one, the text says 想买3台
        quantity = int(said["units"])
    totals = set(said.get("budget_totals", ()))
    read = {
        m: a / shares if m in totals else a
        for m, a in said["budgets"].items()
        if m not in given and (not modes or m in modes)
    }
    budget = tuple(sorted({**read, **given}.items()))
    # What is bought is named in the title; the description also says what it is for
    # (谐波减速器 "为关节模组配套" needs reducers, not joint modules). A need for a
    # humanoid buys the robot: the parts its prose names are what the robot is for
    # (实训室用于编程、运动控制教学), not what it asks to buy.
    bought_whole = kind != "component" and said["humanoid"]
    parts = tuple(said["title_parts"]) or (() if bought_whole else tuple(said["parts"]))
    return DemandFacts(
        d.ref,
        kind,
        d.domain,
        tasks,
        parts,
        envs,
        payload,
        quantity,
        modes,
        budget,
        d.city,
        d.status,
        mentioned,
        modes_from_text,
        bool(read) and not given,
        bool(said["event_kinds"]),  # a drill, a training or an exhibition
        said.get("torque"),
        kind == "scenario" and said["humanoid"],
        said["lang"],
        said.get("hottest"),
        kind == "scenario" and said["humanoid"] and bool(said.get("humanoid_required")),
        said.get("ip"),
        *_stated(said.get("dof")),
        *_stated(said.get("touch")),
        kind == "scenario" and bool(said.get("upkeep")),
        (said.get("software") or None) if kind == "scenario" else None,
        kind == "scenario" and bool(said.get("solution")),
        said.get("theatre"),
        tuple(said.get("certificates", ())),
        said.get("coldest"),
        _optional_tasks(said, tasks, titled),
        tuple(said.get("event_kinds", ())),
        kind == "scenario" and bool(said.get("humanoid_refused")),
        tuple(said.get("limbs", ())) if "rehab_assist" in tasks else (),
        bool(said.get("camera_refused")),
        bool(said.get("cloud_refused")),
        kind == "scenario" and bool(said.get("quadruped_refused")),
        tuple(said.get("languages", ())) if SPEAKING_TASKS.intersection(tasks) else (),
        modes_firm,
        said.get("gas_group") if "explosive" in (*envs, *mentioned) else None,
        not said.get("gas_group_stated"),
        tuple(said.get("buses", ())) if kind == "component" else (),
        said.get("weight_limit") if kind == "component" else None,
        said.get("diameter_limit") if kind == "component" else None,
        said.get("noise_limit"),
        said.get("openness") if not said.get("software") else None,
        said.get("clean_class") if "cleanroom" in (*envs, *mentioned) else None,
        bool(said.get("hottest_bounded")),
        bool(said.get("lease_first")),
        _crafts_of(said, tasks),
        kind == "scenario" and bool(said.get("quadruped_asked")),
        kind == "scenario" and bool(said.get("lifts")),
        tuple(sorted(m for m in read if m in totals and shares > 1)),
        tuple(said.get("parts_instead", ())) if kind == "component" and parts else (),
        kind == "scenario" and bool(said.get("elderly")),
        kind == "scenario" and bool(said.get("rail_asked")),
        tuple(said.get("title_part_kinds", ())) if kind == "component" else (),
        bool(said.get("outdoor_place")),
        bool(said.get("study")),
        kind == "scenario" and bool(said.get("institution")),
        kind == "scenario" and bool(said.get("homes")),
        kind != "scenario" or bool(said.get("mind_asked", True)),
        tuple(said.get("inspected", ())),
    )


def _crafts_of(said: dict, tasks: tuple[str, ...]) -> tuple[str, ...]:
    """The kinds of work a text names (`lexicon.crafts_in`) of the tasks it does or asks for."""
    return tuple(c for c in said.get("crafts", ()) if _task_of(c) in tasks)


def _task_of(craft: str) -> str:
    """The task a kind of work is of ("construction_work/rebar": construction_work)."""
    return craft.split("/", 1)[0]


def _stated(value) -> tuple[Any, bool]:
    """A need's (what it states, only wished for) reading; (None, False) when absent."""
    stated, wished = value if value else (None, False)
    return stated, bool(wished)


def _carried(payload: float | None, sustained: float | None) -> float | None:
    """What an offering carries at work: the load its text says it holds continuously
    where that is less than the one stated (a peak of 10 kg for 30 seconds)."""
    return min(payload, sustained) if payload and sustained else payload


def offering_facts(o) -> OfferingFacts:
    """Facts of an offering (a model or anything with the same attributes)."""
    if isinstance(o, OfferingFacts):
        return o
    said = readings.offering_reading(o)
    org = getattr(o, "organization", None)
    # Software's text names what it watches for and what it connects (烟火识别, 焊缝, 接入
    # 陪伴机器人), not work it does: its field's tasks, where it lists any, are its own.
    read = said["tasks"] if o.category != "software" or not o.tasks else ()
    tasks = tuple(dict.fromkeys([*o.tasks, *read]))
    return OfferingFacts(
        o.ref,
        o.category,
        tuple(o.domains),
        tasks,
        tuple(said["parts"]),
        frozenset(said["rated"]),
        tuple((c, w) for c, w in said["evidence"]),
        _carried(_float(o.payload_kg) or said["payload"], said.get("sustained")),
        int(o.units_available or 0),
        tuple(o.service_cities) or tuple(said.get("cities", ())),  # the field, else the prose
        tuple((m["mode"], float(m["price"])) for m in o.modes),
        tuple(o.certifications or ()),
        bool(org is not None and org.verified),
        o.status,
        bool(said["event_kinds"]),  # a drill, a training or an exhibition
        said.get("torque"),
        said["lang"],
        said.get("hottest"),
        said.get("ip"),
        said.get("dof"),
        said.get("touch"),
        o.category in UPKEEP_CATEGORIES and bool(said.get("upkeep")),
        said.get("theatre"),
        tuple(said.get("certificates", ())),
        said.get("coldest"),
        tuple(said.get("event_kinds", ())),
        tuple(said.get("limbs", ())),
        bool(said.get("camera")),
        bool(said.get("cloud")),
        bool(said.get("quadruped")),
        tuple(said.get("languages", ())),
        said.get("language_count"),
        said.get("gas_group"),
        tuple((int(n), float(p)) for n, p in said.get("volume_prices", ())),
        tuple(said.get("buses", ())),
        said.get("weight"),
        said.get("diameter"),
        said.get("noise"),
        said.get("openness"),
        said.get("clean_class"),
        o.category in ("service", "solution") and bool(said.get("humanoid")),
        _crafts_of(said, tasks),
        bool(said.get("no_lifts")),
        bool(said.get("lifts")),
        o.category == "service" and bool(said.get("upkeep_only")),
        bool(said.get("robots", True)),
        bool(said.get("children")),
        bool(said.get("hottest_ranged")),
        bool(said.get("rail")),
        bool(said.get("humanoid_said")),
        tuple(said.get("part_kinds", ())),
        tuple(said.get("title_parts", ())),
        bool(said.get("outdoor_made")),
        bool(said.get("study_edition")),
        bool(said.get("homes")),
        bool(said.get("institutions")),
        bool(said.get("business")),
        o.category == "software" and bool(said.get("mind")),
        tuple(said.get("inspects", ())),
        o.category == "software" and bool(said.get("runs_robots")),
    )


# ---------------------------------------------------------------- the result


@dataclass(frozen=True)
class Match:
    score: int
    reasons: tuple[Reason, ...]
    points: tuple[tuple[str, float], ...]  # factor -> value 0..1 (for tuning and tests)

    @property
    def ok(self) -> bool:
        """True when no hard condition is broken."""
        return not any(r.hard for r in self.reasons)

    @property
    def violations(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.hard)

    def texts(self, lang: str = "zh") -> list[str]:
        return [r.text(lang) for r in self.reasons]


@dataclass(frozen=True)
class Factor:
    """One factor's value (0–1, or None when it carries no points: a hard condition
    alone) and its reasons (tone BAD for a broken hard condition)."""

    value: float | None
    reasons: tuple[Reason, ...] = ()


def _codes(kind: str, codes) -> tuple[tuple[str, str], ...]:
    return tuple((kind, c) for c in codes)


EVENT = ("event", "event")  # a drill, a training or an exhibition, needed or served
# A part the need takes in place of the one it asks for (如果只有减速器也可以): the
# whole score counts this much (the expert grades it a step below what was asked).
INSTEAD_MISSED = 0.9
# Being made for events counts this much of a task the need names.
EVENT_WEIGHT = 0.7
# A task the need names only as a bonus (能顺便拖地最好) counts this much.
BONUS_WEIGHT = 0.4
# Tasks the same machines do (a station's 客流引导 robot for a pier's 导览, a mall's guide
# for a lobby's 接待), and work a machine moving goods does part of (carrying the cases to
# the shelves, or the sorted books to each floor): a task the offering does not list,
# covered by its kin (the need's task -> the offering's), counts KINDRED_CREDIT of it.
# Not the other way: a sorter is no carrier.
KINDRED_TASKS = {
    "shopping_guide": "reception",
    "reception": "shopping_guide",
    "shelf_stocking": "handling",
    "sorting": "handling",
}
KINDRED_CREDIT = 0.4
# A task both name, the offering doing other kinds of its work than the need names
# (外墙喷涂 for 钢筋绑扎, a pool cleaner for 洗地), counts this much of it.
OTHER_CRAFT = 0.4


FLEET = "fleet"  # software asked for to run the robots a need has (统一调度、统一监控)
RESCUE = ("task", "rescue")
RUNS_ROBOTS = ("task", "runs_robots")  # what software listing only hands-on work does
UPKEEP = ("upkeep", "upkeep")  # keeping robots running (维保, 运维), asked for or served
# A four-legged robot, asked for beside the work (想请消防机器人、机器狗来演示) or offered.
QUADRUPED = ("form", "quadruped")
# Work that is no task of the taxonomy, and what is said when it is covered or missing.
_KINDS_OF_SERVICE = {
    EVENT: ("event_made_for", "event_not_made_for"),
    UPKEEP: ("upkeep_made_for", "upkeep_not_made_for"),
    QUADRUPED: ("quadruped_as_asked", "quadruped_not"),
}


def _needed(d: DemandFacts) -> tuple[tuple[str, str], ...]:
    """What the need asks for: its tasks, or for a component need its components;
    for a drill, a training or an exhibition, something made for one; and for a
    need about keeping its robots running (包年维保, 远程运维平台), that alone: the
    tasks its text names are its robots' work, not the work asked for."""
    if d.upkeep:
        return (UPKEEP,)
    needed = _codes("task", d.tasks)
    if d.kind == "component" or (d.parts and not needed):
        needed = _codes("part", d.parts) or needed
    if d.event and d.kind != "component":
        needed = (*needed, EVENT)
    if d.quadruped_asked:
        needed = (*needed, QUADRUPED)
    return needed


def _tasks_done(o: OfferingFacts, d: DemandFacts) -> tuple[str, ...]:
    """The tasks the offering itself does for the need. Software lists the work of
    the robots it runs (a fleet platform lists delivery, a command platform
    firefighting), and a service only keeping robots running the work of those it
    keeps (支持物流、清洁、消毒等多品牌机器人): unless the need asks for software or
    upkeep, or is a drill or a training (a simulator serves one), it does none of
    the hands-on work it lists."""
    runs_others = (o.category == "software" and not d.software) or (o.upkeep_only and not d.upkeep)
    if not runs_others or d.event:
        return o.tasks
    return tuple(t for t in o.tasks if t not in HANDS_ON_TASKS)


def _offered(o: OfferingFacts, d: DemandFacts, as_listed: bool = False) -> set[tuple[str, str]]:
    """What the offering does for the need (`as_listed`: every task it lists)."""
    done = set(_codes("task", o.tasks if as_listed else _tasks_done(o, d)))
    if o.tasks and not done:  # software running robots that do the work: it does none
        done = {RUNS_ROBOTS}
    return (
        done
        | set(_codes("part", o.parts))
        | ({EVENT} if o.event and _events_meet(d, o) else set())
        | ({UPKEEP} if o.upkeep else set())
        | ({QUADRUPED} if d.quadruped_asked and o.quadruped else set())
    )


def _events_meet(d: DemandFacts, o: OfferingFacts) -> bool:
    """Is what the offering is made for the kind of event the need is? A training
    course serves no open day, a show no drill; either side naming no kind meets any.
    Events of the emergency services alone (a fire brigade's open day, a drill's
    demonstration) meet only a need of theirs or one naming their work: a birthday
    party's show is no fire demonstration."""
    if set(o.domains) == {"emergency"} and d.domain != "emergency" and not set(d.tasks) & set(o.tasks):
        return False
    return not (d.event_kinds and o.event_kinds) or bool(set(d.event_kinds) & set(o.event_kinds))


def _judged(needed, offered) -> bool:
    """Can the work be judged from the codes: both sides name some, and it is not a
    need for an event that names no task against an offering not said to be made
    for one (unknown then, not missing: a humanoid for a training room)."""
    return bool(needed and offered) and not (tuple(needed) == (EVENT,) and EVENT not in offered)


def _work_done(needed, offered, fit_value: float, same_domain: bool) -> float:
    """How much of the work asked for the offering does, for the gate. For a drill,
    a training or an exhibition that names tasks, being made for events of another
    domain is no part of the work (a mall's show service for a firefighting drill
    does not fight fires); a drill service of the need's own domain is."""
    tasks = [c for c in needed if c != EVENT]
    if EVENT in needed and tasks and not same_domain:
        return sum(1 for c in tasks if c in offered) / len(tasks)
    return fit_value


# ---------------------------------------------------------------- the factors


def status(d: DemandFacts, o: OfferingFacts) -> Factor:
    """Withdrawn offerings and closed needs are ruled out."""
    out = []
    if o.status != "active":
        out.append(reason("offering_withdrawn", BAD))
    if d.status != "open":
        out.append(reason("demand_closed", BAD))
    return Factor(None, tuple(out))


def category(d: DemandFacts, o: OfferingFacts) -> Factor:
    """What the offering is against what the need is: a graded fit. A robot, a
    service or a solution serves a site need directly; software or a platform
    serves it when it covers a task the need names (monitoring, inspection,
    scheduling), and may serve it otherwise (graded low, to be confirmed); a
    component never does, and a complete robot is not a component."""
    kind = d.kind if d.kind in CATEGORIES_FOR_KIND else "scenario"
    if d.software and o.category == "software":
        return Factor(1.0, (reason("software_asked", GOOD),))
    if o.category in CATEGORIES_FOR_KIND[kind]:
        return Factor(1.0)
    if o.category in PLAUSIBLE_FOR_KIND[kind]:
        served = tuple(c for c in _codes("task", d.tasks) if c in set(_codes("task", _tasks_done(o, d))))
        if served:
            return Factor(PLATFORM_CATEGORY, (reason("platform_serves", INFO, tasks=served),))
        return Factor(PLATFORM_UNPROVEN, (reason("platform_unproven", WEAK),))
    code = "not_a_component" if kind == "component" else "not_a_robot"
    return Factor(0.0, (reason(code, BAD),))


def fit(d: DemandFacts, o: OfferingFacts) -> Factor:
    """Share of the needed tasks (or components) the offering covers, credited as
    FIT_CREDIT says (half the tasks: 0.71); a task covered as another kind of its work
    (`_other_crafts`) counts OTHER_CRAFT of it. FIT_UNKNOWN when either side names
    none (an offering stating no task cannot be judged)."""
    needed, have = _needed(d), _offered(o, d)
    if not _judged(needed, have):
        # Unknown: either side names nothing, or an event need that names no task
        # meets an offering not said to be made for one (which may still serve it).
        said = (reason("event_not_made_for", WEAK),) if needed and have else ()
        return Factor(FIT_UNKNOWN, said)
    elsewhere = RESCUE in needed and RESCUE in have and d.theatre and o.theatre and d.theatre != o.theatre
    if elsewhere:  # a lifebuoy boat for a landslide does no rescue there
        have = have - {RESCUE}
    kindred = tuple(
        c for c in needed if c not in have and c[0] == "task" and ("task", KINDRED_TASKS.get(c[1])) in have
    )
    covered = tuple(c for c in needed if c in have or c in kindred)
    missing = tuple(c for c in needed if c not in covered)
    if d.software == FLEET and o.category == "software" and not covered:
        # The tasks named are the work of the robots the need has, which the
        # platform asked for runs; software asked to do the work itself (AI defect
        # detection on cameras already there) must name it.
        return Factor(FIT_UNKNOWN)
    out = []
    for kind, (made_for, not_made_for) in _KINDS_OF_SERVICE.items():
        if kind in covered:
            out.append(reason(made_for, GOOD))
        elif kind in missing:
            out.append(reason(not_made_for, WEAK))
    for codes, ok in ((covered, True), (missing, False)):
        codes = tuple(c for c in codes if c not in _KINDS_OF_SERVICE and c not in kindred)
        if not codes:
            continue
        if codes[0][0] == "task":
            out.append(reason("tasks_covered" if ok else "tasks_missing", GOOD if ok else WEAK, tasks=codes))
        else:
            out.append(reason("parts_covered" if ok else "parts_missing", GOOD if ok else WEAK, parts=codes))
    if kindred:
        out.append(reason("task_kindred", WEAK, tasks=kindred))
    if elsewhere:
        out.append(reason(f"rescue_on_{o.theatre}", WEAK))
    bonus = set(_codes("task", d.optional_tasks))
    weight = {c: EVENT_WEIGHT if c == EVENT else BONUS_WEIGHT if c in bonus else 1.0 for c in needed}
    other = _other_crafts(d, o, covered)
    if other:
        out.append(reason("craft_other", WEAK, tasks=other))
    credit = {
        c: weight[c] * (OTHER_CRAFT if c in other else KINDRED_CREDIT if c in kindred else 1.0)
        for c in covered
    }
    return Factor((sum(credit.values()) / sum(weight.values())) ** FIT_CREDIT, tuple(out))


def _other_crafts(d: DemandFacts, o: OfferingFacts, covered) -> tuple[tuple[str, str], ...]:
    """Of the tasks covered, those both texts name kinds of work of, none in common:
    the offering does the task, but other work of it (外墙喷涂 for 钢筋绑扎)."""
    out = []
    for kind, task in covered:
        if kind != "task":
            continue
        asked = {c for c in d.crafts if _task_of(c) == task}
        done = {c for c in o.crafts if _task_of(c) == task}
        if asked and done and not asked & done:
            out.append((kind, task))
    return tuple(out)


def focus(d: DemandFacts, o: OfferingFacts) -> Factor:
    """How specific the offering is to the need: the share of the tasks it lists
    that the need asks for (a dedicated product over a humanoid listing every
    task), with one asked task added to both counts (`FOCUS_PRIOR`), so that a
    product listing two tasks, one asked, is not taken for half a specialist while
    a humanoid listing twelve stays far below. A rating for special sites the
    need's site is not earns nothing and halves the focus: such a machine is built
    for somewhere else."""
    needed = set(_needed(d))
    kinds = {k for k, _c in needed}
    offered = sorted(c for c in _offered(o, d, as_listed=True) if c[0] in kinds)
    out = []
    if needed and offered:
        asked = sum(1 for c in offered if c in needed)
        value = (asked + FOCUS_PRIOR) / (len(offered) + FOCUS_PRIOR)
        if asked and asked / len(offered) < GENERALIST_BELOW:
            out.append(reason("generalist", WEAK, count=len(offered), asked=asked))
    else:
        value = FOCUS_UNKNOWN
    unneeded = sorted((o.rated & SPECIAL_ENVIRONMENTS) - set(d.environments) - set(d.mentioned))
    if unneeded:
        value *= UNNEEDED_RATING_FOCUS
        out.append(reason("rated_unneeded", INFO, envs=_codes("env", unneeded)))
    return Factor(value, tuple(out))


def form(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A need that asks for a humanoid (人形机器人, humanoid) prefers one: a robot of
    another form (an AMR, an arm, a quadruped) still serves it, with fewer points
    (the whole score counts `FORM_MISSED`) and a reason that says so. Where the
    text requires one (必须是人形), such a robot or software breaks the condition.
    Services and solutions may bring either: one whose text names no humanoid
    (按小时出租迎宾导引机器人, 螺丝锁付工作站) counts as another form, never broken. A
    need whose title asks for software or a platform (AI检测软件, 统一调度平台) prefers
    it in the same way to anything else (a robot, a workstation, a service), and one
    whose text asks for a whole solution (整体设计、设备配置和运营, turnkey) prefers a
    solution. A need that says it does not want a humanoid (不要人形的那种, 太占地方)
    counts one the same way, and a service or solution built on one (共享人形按小时,
    人形质检工作站) too."""
    if d.software == FLEET and o.category == "software" and not o.robots:
        return Factor(None, (reason("software_runs_no_robots", WEAK),))
    if d.software:
        return Factor(None, (reason("software_other", WEAK),) if o.category != "software" else ())
    if d.solution:
        return Factor(None, (reason("solution_other", WEAK),) if o.category != "solution" else ())
    if d.humanoid_refused and (o.category == "humanoid" or o.humanoid_based):
        return Factor(None, (reason("form_refused", WEAK),))
    if d.humanoid and o.category in ("service", "solution") and not o.humanoid_said:
        return Factor(None, (reason("form_unsaid", WEAK),))
    if not d.humanoid or o.category not in FORMS_NOT_HUMANOID:
        return Factor(None)
    if d.humanoid_required:
        return Factor(None, (reason("form_required", BAD),))
    if o.category == "robot":
        return Factor(None, (reason("form_other", WEAK),))
    return Factor(None)


def camera(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A need that refuses cameras (不想装摄像头拍他, no cameras in the rooms) against
    an offering that watches through one: a gap, the whole score counts `CAMERA_MISSED`."""
    return _refusal("camera", d.camera_refused and o.camera)


def audience(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A need about the old (给独居的妈妈找个说话的伴) against a product made for children
    (儿童陪伴机器人, AI学伴), and an institution's need (我院120张床) against a product
    made for people's own homes (居家看护套装), or the other way round (机构版, 商用洗地机器人
    for 家里老人), and a need asking for work done (门诊大厅导诊机器人) against a model or a
    kit for robots' minds (分诊大模型) or software for running robots one has (多品牌机器人
    调度平台): gaps, the whole score counts `AUDIENCE_MISSED`, `HOMES_MISSED`,
    `MIND_MISSED` and `ROBOTS_NOT_HAD`."""
    gaps = []
    if d.elderly and o.children:
        gaps.append(reason("for_children", WEAK))
    if d.institution and o.homes:
        gaps.append(reason("for_homes", WEAK))
    if d.homes and o.institutions:
        gaps.append(reason("for_institutions", WEAK))
    if d.homes and o.business:
        gaps.append(reason("for_business", WEAK))
    if o.mind and not d.mind_asked and not d.event:
        gaps.append(reason("mind_unasked", WEAK))
    elif o.runs_robots and not d.software and not d.event:
        gaps.append(reason("robots_not_had", WEAK))
    return Factor(None, tuple(gaps))


def cloud(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A need that refuses the cloud (数据不出院, 不接受公有云, no cloud) against an
    offering that works only through it (云端API, 需联网使用云端大模型, SaaS): a gap,
    the whole score counts `CLOUD_MISSED`. One that can also run on the premises
    (支持私有化部署, 离线可用) is none."""
    return _refusal("cloud", d.cloud_refused and o.cloud)


def languages(d: DemandFacts, o: OfferingFacts) -> Factor:
    """The languages or dialects a need's robot must speak (阿拉伯语、西班牙语、俄语;
    大部分老人只会讲温州话; 多语种) against those the offering says it speaks: all of
    them is a point in favour; one it does not say (只支持普通话和杭州话), a gap, the
    whole score counts `LANGUAGES_MISSED`; none stated at all, `LANGUAGES_UNSTATED`.
    Many languages (12种语言) cover the major foreign ones, not a dialect."""
    asked = set(d.languages)
    if not asked:
        return Factor(None)
    if asked & lexicon.MAJOR_LANGUAGES:
        asked.discard("multi")  # 多语种: those it names (阿拉伯语、西班牙语) say which
    said = set(o.languages)
    many = (o.language_count or 0) >= MANY_LANGUAGES
    if not said:
        return Factor(None, (reason("languages_unstated", WEAK, langs=_langs(asked)),))
    covered = asked & said
    if "multi" in said:
        covered |= asked & {"en"}  # 多语种: English at least
    if many:
        covered |= asked & (lexicon.MAJOR_LANGUAGES | {"multi"})
    if "multi" in asked and len(said & lexicon.MAJOR_LANGUAGES) >= 2:
        covered.add("multi")  # 多语种 asked; 中英日韩 spoken
    if "dialect" in asked and said & lexicon.DIALECTS:
        covered.add("dialect")  # 方言 asked; 温州话 spoken
    missing = asked - covered
    if missing:
        return Factor(None, (reason("languages_missing", WEAK, langs=_langs(missing)),))
    return Factor(None, (reason("languages_spoken", GOOD, langs=_langs(asked)),))


def _langs(codes) -> tuple[tuple[str, str], ...]:
    return tuple(("language", c) for c in lexicon.LANGUAGES if c in codes)


def quadruped(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A need that refuses four-legged robots (不要四足的, 不要机器狗, no quadrupeds)
    against an offering whose title names one: a gap, the whole score counts
    `QUADRUPED_MISSED`."""
    return _refusal("quadruped", d.quadruped_refused and o.quadruped)


def rail(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A need asking for a rail-mounted robot (需挂轨巡检机器人, rail-mounted inspection
    robots) against an offering: one whose text says it runs on a rail is what it
    asks for; any other (a wheeled or four-legged patrol robot, a platform) is a gap,
    the whole score counts `RAIL_MISSED`."""
    if not d.rail_asked:
        return Factor(None)
    return Factor(None, (reason("rail_as_asked", GOOD),) if o.rail else (reason("rail_other", WEAK),))


def part_kind(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A part of another kind than the one the need's title asks for (an RV reducer
    for 谐波减速器, an incremental encoder for 绝对值编码器): the part is covered, but
    not as asked; the whole score counts `PART_KIND_MISSED`. Only where both titles
    name a kind of the same part (a need for 减速器 takes any)."""
    out = []
    for part in dict.fromkeys(c.split(":")[0] for c in d.part_kinds):
        asked = [c for c in d.part_kinds if c.startswith(part + ":")]
        offered = [c for c in o.part_kinds if c.startswith(part + ":")]
        if offered and not set(asked) & set(offered):
            out.append(
                reason("part_kind_other", WEAK, asked=_codes("part", asked), offered=_codes("part", offered))
            )
    return Factor(None, tuple(out))


def inspected(d: DemandFacts, o: OfferingFacts) -> Factor:
    """An inspection product whose title says what it inspects (布面瑕疵在线检测系统,
    焊缝视觉检测站, AOI复判平台（PCB）), none of which the need names (刹车盘外观检测):
    made for other things; the whole score counts `INSPECTS_MISSED`."""
    if not o.inspects or set(o.inspects) & set(d.inspected):
        return Factor(None)
    return Factor(None, (reason("inspects_other", WEAK, things=_codes("inspected", o.inspects)),))


def parts_aside(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A component need's parts that the offering names only in its description,
    while its title sells other parts (编码器选装 under 空心杯电机, a gearbox in a geared
    motor): an option or a piece of something else, not what it sells; the whole
    score counts `PARTS_ASIDE_MISSED`."""
    if d.kind != "component" or not o.title_parts:
        return Factor(None)
    # A kind of the part its title names is the part named (电机+谐波+双编码器).
    if set(d.parts) & {*o.title_parts, *(k.split(":")[0] for k in o.part_kinds)}:
        return Factor(None)
    aside = tuple(p for p in d.parts if p in o.parts)
    if not aside:
        return Factor(None)
    sold = _codes("part", o.title_parts)
    return Factor(None, (reason("parts_aside", WEAK, parts=_codes("part", aside), sold=sold),))


def outdoors(d: DemandFacts, o: OfferingFacts) -> Factor:
    """An offering built for the outdoors (户外导览机器人, 室外无人清扫车) against a site
    need naming no outdoor site (户外, 雨天) nor a place open to the weather (院子,
    景区, 地下车库): it may serve indoors too, but it is made for somewhere else
    (bulkier, its protection unneeded); the whole score counts `OUTDOOR_MADE_MISSED`."""
    outside = d.outdoor_place or "outdoor" in {*d.environments, *d.mentioned}
    if not o.outdoor_made or d.kind == "component" or outside:
        return Factor(None)
    return Factor(None, (reason("outdoor_made", WEAK),))


def study(d: DemandFacts, o: OfferingFacts) -> Factor:
    """An edition for teaching or research (教育科研版人形, QJ-H1 科研版, EDU) against a
    need that speaks of no teaching, research, development or showing and is no drill,
    training or exhibition: a machine to learn and build on, not one to put to work;
    the whole score counts `STUDY_MISSED`."""
    if not o.study_edition or d.study or d.event or d.kind == "component":
        return Factor(None)
    return Factor(None, (reason("study_edition", WEAK),))


def lifts(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A need whose robot must ride the lifts (要能自己坐电梯, 跨楼层配送) against an
    offering whose text says it cannot (单层平面使用，不能乘电梯): a gap, the whole
    score counts `LIFTS_MISSED`; a robot that does not say it can (or only with a
    module to add), `LIFTS_UNSTATED`; one that can (自主乘梯, 梯控版), a point in its favour."""
    if not d.lifts:
        return Factor(None)
    if o.no_lifts:
        return Factor(None, (reason("lifts_missing", WEAK),))
    if o.lifts:
        return Factor(None, (reason("lifts_ridden", GOOD),))
    if o.category in ROBOT_CATEGORIES:  # a service or a solution may bring one that can
        return Factor(None, (reason("lifts_unstated", WEAK),))
    return Factor(None)


def _refusal(what: str, refused: bool) -> Factor:
    """A need refusing `what` (cameras, the cloud, robot dogs) that the offering has:
    the gap `<what>_refused`, whose scale `_SCALED_ONCE` holds; otherwise nothing."""
    return Factor(None, (reason(f"{what}_refused", WEAK),) if refused else ())


def limb(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A rehabilitation need for one limb (下肢步态训练) against a robot its text says
    is for the other (上肢康复机器人): a gap, the whole score counts `LIMB_MISSED`.
    Either side naming no limb, or a robot for both, says nothing."""
    if d.limbs and o.limbs and not set(d.limbs) & set(o.limbs):
        return Factor(None, (reason(f"limb_other_{d.limbs[0]}", WEAK),))
    return Factor(None)


def text(text_fit: float | None, same_language: bool = True) -> Factor:
    """How close the two texts are (given by the caller), neutral when unknown.
    Texts in two languages are compared through the glossary (the need's words put
    into the other language), which carries over only some of them: a fit near
    nothing counts as `TEXT_OTHER_FLOOR` and says the texts were not compared word
    for word (the codes read from both still count elsewhere)."""
    if text_fit is None:
        return Factor(TEXT_UNKNOWN)
    value = min(1.0, max(0.0, float(text_fit)))
    if not same_language and value < TEXT_OTHER_FLOOR:
        return Factor(TEXT_OTHER_FLOOR, (reason("text_other_language", INFO),))
    return Factor(value, (reason("text_close", GOOD),) if value >= TEXT_CLOSE else ())


def domain(d: DemandFacts, o: OfferingFacts) -> Factor:
    """The offering lists the need's domain."""
    if d.domain in o.domains:
        said = () if _needed(d) else (reason("domain_fit", GOOD, domain=("domain", d.domain)),)
        return Factor(1.0, said)
    return Factor(0.0, (reason("domain_missing", WEAK, domain=("domain", d.domain)),))


def environments(d: DemandFacts, o: OfferingFacts) -> Factor:
    """The site's conditions against the offering's ratings. A required one (a
    field, or the text stating it as a requirement) the offering is not rated for
    rules the pair out; one the text only mentions lowers the score and is said
    to need confirming. The value is the share confirmed (None: nothing to confirm)."""
    evidence = dict(o.evidence)
    rated = o.rated
    if _hot_enough(d, o) or _made_for_heat(d, o):
        rated = rated | {"high_temperature"}
        evidence.setdefault("high_temperature", f"{o.hottest:g}°C")
    if _too_warm(d, o):
        rated = rated - {"low_temperature"}
    elif "low_temperature" in d.mentioned and o.coldest is not None and o.coldest <= lexicon.COLD_RATED:
        # An operating range reaching the cold (-25~+60℃) confirms a cold the site only
        # mentions (冬天偶尔零下); one it requires (a cold store, LNG spatter) asks for
        # a machine rated for it.
        rated = rated | {"low_temperature"}
        evidence.setdefault("low_temperature", f"{o.coldest:g}°C")
    if _code_meets_wet(d, o):
        rated = rated | {"wet"}
        evidence.setdefault("wet", o.ip_code or "")
    out = []
    confirmed = 0.0
    for env in (*d.environments, *d.mentioned):
        if env in rated:
            confirmed += 1
            if env in evidence:
                out.append(reason("env_rated_by", GOOD, env=("env", env), evidence=evidence[env]))
            else:
                out.append(reason("env_rated", GOOD, env=("env", env)))
        elif env in d.environments and _rating_likely(env, o):
            confirmed += MENTIONED_UNRATED
            out.append(reason("env_rating_unsure", WEAK, env=("env", env), evidence=o.ip_code))
        elif env in d.environments:
            out.append(reason("env_not_rated", BAD, env=("env", env)))
        else:
            confirmed += MENTIONED_UNRATED
            out.append(reason("env_to_confirm", WEAK, env=("env", env)))
    stated = len(d.environments) + len(d.mentioned)
    return Factor(confirmed / stated if stated else None, tuple(out))


def _rating_likely(env: str, o: OfferingFacts) -> bool:
    """Does the offering's text state a protection code that likely serves a site
    that must be rated for `env` without rating it for that site: one keeping out
    jets of water (the second digit 5) for a wet site."""
    return env == "wet" and o.ip_code is not None and o.ip_code[3] == "5"


def _code_meets_wet(d: DemandFacts, o: OfferingFacts) -> bool:
    """A wet site whose text names the protection it asks for (防水IP65以上) against
    an offering whose code meets it (试验工位IP65): the need said what wet means."""
    return (
        "wet" in (*d.environments, *d.mentioned)
        and d.ip_code is not None
        and o.ip_code is not None
        and not lexicon.ip_code_short(d.ip_code, o.ip_code)
    )


def _hot_enough(d: DemandFacts, o: OfferingFacts) -> bool:
    """A site whose text says how hot it gets (车间常年35°C以上) against an offering
    whose text says how hot it may work: rated for that heat when it says it bears
    it (耐温55°C, 最高50℃可连续工作, 55°C以下可长期运行); with HEAT_MARGIN to spare when
    that is only the top of its operating range (工作温度0～40℃), unless the site's
    figure is the most it gets too (窑内温度55-65℃, 可达300℃). A site that names no
    temperature (a fire scene) needs a rating for high temperature itself, or a machine
    made for heat (`_made_for_heat`)."""
    margin = HEAT_MARGIN if o.hottest_ranged and not d.hottest_bounded else 0.0
    return d.hottest is not None and o.hottest is not None and o.hottest >= d.hottest + margin


def _made_for_heat(d: DemandFacts, o: OfferingFacts) -> bool:
    """A hot site that names no temperature (a tunnel fire, 火灾时高温) against an offering
    said to work at HEAT_RATED or more (可在300℃下工作30分钟): made for that heat."""
    return d.hottest is None and o.hottest is not None and o.hottest >= HEAT_RATED


def _too_warm(d: DemandFacts, o: OfferingFacts) -> bool:
    """A site whose text says how cold it gets (零下18度) against an offering whose
    text says how cold it may work (-10℃~45℃): rated for cold, not for this cold
    (within `COLD_MARGIN` it is)."""
    return d.coldest is not None and o.coldest is not None and o.coldest > d.coldest + COLD_MARGIN


def payload(d: DemandFacts, o: OfferingFacts) -> Factor:
    """The offering's payload against the need's (None: no payload needed). One far
    beyond it carries the load, as another class of machine (`OVERSIZED_RATIO`)."""
    if not d.payload_kg:
        return Factor(None)
    if o.payload_kg is None:
        return Factor(0.0, (reason("payload_unknown", WEAK, needed=d.payload_kg),))
    if o.payload_kg >= max(OVERSIZED_RATIO * d.payload_kg, OVERSIZED_FLOOR):
        return Factor(1.0, (reason("payload_oversized", WEAK, offered=o.payload_kg, needed=d.payload_kg),))
    if o.payload_kg >= d.payload_kg:
        return Factor(1.0, (reason("payload_ok", GOOD, offered=o.payload_kg, needed=d.payload_kg),))
    return Factor(0.0, (reason("payload_short", BAD, offered=o.payload_kg, needed=d.payload_kg),))


def protection(d: DemandFacts, o: OfferingFacts) -> Factor:
    """The protection code a site asks for (要求IP67) against the offering's (IP66):
    one that keeps out less water, or less dust, is ruled out; so is a cleanroom
    class less clean than the site's (ISO 7 for 百级, ISO 5). Nothing is said when
    either states none (the site's conditions are weighed by `environments`)."""
    if d.ip_code and o.ip_code and lexicon.ip_code_short(d.ip_code, o.ip_code):
        return Factor(None, (reason("ip_short", BAD, offered=o.ip_code, needed=d.ip_code),))
    if d.clean_class and o.clean_class and "cleanroom" in o.rated:
        # ISO 7 for an ISO 5 theatre: it may not go in; ISO 5 for ISO 7 is clean enough.
        ok = o.clean_class <= d.clean_class
        code, tone = ("clean_class_ok", GOOD) if ok else ("clean_class_short", BAD)
        return Factor(None, (reason(code, tone, offered=o.clean_class, needed=d.clean_class),))
    return Factor(None)


def gas_group(d: DemandFacts, o: OfferingFacts) -> Factor:
    """The explosion group a site calls for (IIC; hydrogen: IIB+H2) against the one
    the offering states it is protected to: a lower one (IIB for a hydrogen unit)
    may not go in at all, and is ruled out; where only the gases the site names tell
    the group, it is to be confirmed (`GAS_GROUP_DOUBT`). Nothing is said when either
    states none."""
    if not d.gas_group or not o.gas_group or "explosive" not in o.rated:
        return Factor(None)
    if lexicon.gas_group_short(d.gas_group, o.gas_group):
        # Told only by the gases the site holds (加氢装置), the group is to be confirmed.
        code, tone = ("gas_group_doubt", WEAK) if d.gas_group_inferred else ("gas_group_short", BAD)
        return Factor(None, (reason(code, tone, offered=o.gas_group, needed=d.gas_group),))
    return Factor(None, (reason("gas_group_ok", GOOD, offered=o.gas_group, needed=d.gas_group),))


def dexterity(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A component need's stated degrees of freedom and sense of touch (a dexterous
    hand: ≥12个主动自由度, 指尖必须有触觉) against what the offering's text states:
    fewer, or touch it says it lacks (无触觉), rules it out; where the need only
    wishes for them (最好), it lowers the score (`WISH_MISSED`). Nothing is said when
    the offering states neither."""
    if d.kind != "component":
        return Factor(None)
    out = []
    if d.dof and o.dof is not None:
        if o.dof >= d.dof:
            out.append(reason("dof_ok", GOOD, offered=o.dof, needed=d.dof))
        else:
            out.append(reason("dof_short", WEAK if d.dof_wished else BAD, offered=o.dof, needed=d.dof))
    if d.touch and o.touch is not None:
        if o.touch:
            out.append(reason("touch_ok", GOOD))
        else:
            out.append(reason("touch_missing", WEAK if d.touch_wished else BAD))
    return Factor(None, tuple(out))


def torque(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A component need's stated torque against the offering's (both read from
    their texts): a component that states less than the need asks for is ruled out,
    as a payload is; nothing is said when either text states none."""
    if d.kind != "component" or not d.torque_nm or o.torque_nm is None:
        return Factor(None)
    if o.torque_nm >= d.torque_nm:
        return Factor(None, (reason("torque_ok", GOOD, offered=o.torque_nm, needed=d.torque_nm),))
    return Factor(None, (reason("torque_short", BAD, offered=o.torque_nm, needed=d.torque_nm),))


def spec(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A need's limits against what the offering's text states: how loud it may run
    (夜间噪音45分贝以下), how open to its own software (必须开放底层关节接口; 可二次开发:
    an app-only robot is not); a component need's also the field bus it must speak (EtherCAT:
    a CANopen module speaks another), the most it may weigh, its largest outer
    diameter. One missed lowers the score (`SPEC_MISSED`, each), one met is said;
    nothing is said when the offering states none."""
    out = []
    if d.noise_max and o.noise_db:
        quiet = o.noise_db <= d.noise_max
        out.append(
            reason(
                "noise_ok" if quiet else "noise_over",
                GOOD if quiet else WEAK,
                offered=o.noise_db,
                needed=d.noise_max,
            )
        )
    if d.openness and o.openness:
        met = specs.openness_meets(d.openness, o.openness)
        if met is not None:
            code = f"open_{d.openness}_{'ok' if met else 'missing'}"
            out.append(reason(code, GOOD if met else WEAK))
    if d.buses and o.buses:
        labels = {"offered": _buses(o.buses), "needed": _buses(d.buses)}
        met = specs.bus_met(d.buses, o.buses)
        out.append(reason("bus_ok", GOOD, **labels) if met else reason("bus_other", WEAK, **labels))
    for limit, have, ok, over in (
        (d.weight_max, o.weight_kg, "weight_ok", "weight_over"),
        (d.diameter_max, o.diameter_mm, "diameter_ok", "diameter_over"),
    ):
        if limit and have:
            out.append(
                reason(ok, GOOD, offered=have, needed=limit)
                if have <= limit
                else reason(over, WEAK, offered=have, needed=limit)
            )
    return Factor(None, tuple(out))


def _buses(codes) -> str:
    return "/".join(specs.BUS_LABELS[c] for c in codes)


def city(d: DemandFacts, o: OfferingFacts) -> Factor:
    """The offering's service cities (none listed: all of Zhejiang)."""
    if o.service_cities and d.city not in o.service_cities:
        return Factor(None, (reason("city_not_served", BAD, city=("city", d.city)),))
    if o.service_cities:
        return Factor(None, (reason("city_served", GOOD, city=("city", d.city)),))
    return Factor(None, (reason("city_all", GOOD),))


def _price_value(price: float, budget: float | None) -> float:
    if budget is None or budget <= 0:
        return PRICE_NO_BUDGET
    ratio = price / budget
    return next(v for bound, v in PRICE_STEPS if ratio <= bound)


def _far_beyond(d: DemandFacts, mode: str, price: float) -> tuple[str, float] | None:
    """A need that names no way to acquire but states a budget (单价80万元以内): the
    budget a price in another way is far beyond, each budget roughly converted into
    that way (`IN_WAY`). The budget tells how much the need can spend, whatever the
    way. None if the need names its ways (按月的话也行: a way it invites is weighed on
    its own) or the price is within reach of any budget."""
    if d.modes or not d.budget or mode in dict(d.budget):
        return None
    if all(amount and price > FAR_OVER * _in_way(amount, way, mode) for way, amount in d.budget):
        return d.budget[0]
    return None


def _in_way(amount: float, way: str, mode: str) -> float:
    """A budget for `way` roughly converted into `mode` (`IN_WAY`)."""
    return amount * IN_WAY[PERIOD[way], PERIOD[mode]]


def _beyond_other(d: DemandFacts, mode: str, price: float) -> tuple[float, str, float]:
    """A price in a way the need states no budget for, held against its budgets for
    other ways, each converted (`IN_WAY`) and allowed `OTHER_WAY_ALLOWANCE` times over
    (月租9000 against 6万 a unit to buy: 6,000 a month at most): the value of an
    unbudgeted way (`PRICE_NO_BUDGET`) or less, with the way and the budget that
    allow the most, as (value, way, budget)."""
    value, way, amount = max(
        (_price_value(price, _in_way(amount, way, mode) * OTHER_WAY_ALLOWANCE), way, amount)
        for way, amount in d.budget
    )
    return min(PRICE_NO_BUDGET, value), way, amount


def _other_way(d: DemandFacts, mode: str, price: float) -> tuple[str, str, float, float] | None:
    """What a price in a way without a budget of its own is against the need's budget
    for another way, as (reason code, that way, its budget, the price's value): far
    beyond it (`_far_beyond`), more than it allows (`_beyond_other`), or None."""
    if not d.budget or mode in dict(d.budget):
        return None
    if far := _far_beyond(d, mode, price):
        return ("price_far_beyond", *far, 0.0)
    value, way, amount = _beyond_other(d, mode, price)
    return ("price_beyond_other", way, amount, value) if value < PRICE_NO_BUDGET else None


def commercial(d: DemandFacts, o: OfferingFacts) -> Factor:
    """The best price in an acceptable way to acquire, against the budget for that
    way. Ways and budgets may be fields or read from the description (按月租用,
    月租预算3500元): a field the offering does not meet rules the pair out; a way
    read from the text lowers the value to 0 and says so. A need naming no way
    holds a price in any way against its budget (`_far_beyond`)."""
    acceptable = d.modes or ALL_MODES
    budget = dict(d.budget)
    out = []
    if d.modes_from_text:
        out.append(reason("modes_from_text", INFO, modes=_codes("mode", d.modes)))
    offers = [(m, p) for m, p in o.prices if m in acceptable]
    volume = _volume_price(d, o)
    if volume and ("purchase", volume[1]) in offers:
        units, listed, price = volume
        offers = [(m, price if m == "purchase" else p) for m, p in offers]
        out.append(reason("volume_price", INFO, units=units, price=price, listed=listed))
    if not offers:
        if d.modes_from_text and not d.modes_firm:
            out.append(reason("modes_none_text", WEAK, modes=_codes("mode", acceptable)))
            if "purchase" not in acceptable and {m for m, _p in o.prices} == {"purchase"}:
                # Sold only, to a need that would use a robot for a while (按小时, 租两天):
                # farther off than a lease offered to a need asking for shared use.
                out.append(reason("sold_only", WEAK))
        else:
            out.append(reason("modes_none", BAD, modes=_codes("mode", acceptable)))
        return Factor(0.0, tuple(out))

    def value_of(mode: str, price: float) -> float:
        other = _other_way(d, mode, price)
        return other[3] if other else _price_value(price, budget.get(mode))

    ranked = sorted(
        offers,
        key=lambda mp: (
            -value_of(*mp),
            mp[1] / budget[mp[0]] if budget.get(mp[0]) else math.inf,
            ALL_MODES.index(mp[0]) if mp[0] in ALL_MODES else 9,
        ),
    )
    if d.lease_first and not any(m in TRIED_BY for m, _p in o.prices):
        out.append(reason("lease_first_missing", WEAK))
    mode, price = ranked[0]
    value = value_of(mode, price)
    if budget.get(mode):
        within = price <= budget[mode]
        out.append(
            reason(
                "price_within" if within else "price_over",
                GOOD if within else WEAK,
                mode=("mode", mode),
                price=price,
                budget=budget[mode],
            )
        )
        if d.budget_from_text:
            out.append(reason("budget_from_text", INFO))
        if mode in d.budget_shared:
            out.append(reason("budget_shared", INFO, units=d.quantity))
    elif other := _other_way(d, mode, price):
        code, way, amount, _value = other
        out.append(reason(code, WEAK, mode=("mode", mode), price=price, way=("mode", way), budget=amount))
        if d.budget_from_text:
            out.append(reason("budget_from_text", INFO))
    else:
        out.append(reason("price_no_budget", INFO, mode=("mode", mode), price=price))
    return Factor(value, tuple(out))


def _volume_price(d: DemandFacts, o: OfferingFacts) -> tuple[int, float, float] | None:
    """The unit price the offering's text states for as many units as the need
    wants (500台以上980元 for 2,000 wanted), below its purchase price and not below
    `VOLUME_PRICE_FLOOR` of it (a figure that low is not this product's price), as
    (from so many units, the listed price, that price); None without one."""
    listed = dict(o.prices).get("purchase")
    if not listed:
        return None
    tiers = [
        (n, p) for n, p in o.volume_prices if n <= d.quantity and VOLUME_PRICE_FLOOR * listed <= p < listed
    ]
    if not tiers:
        return None
    units, price = min(tiers, key=lambda t: t[1])
    return units, listed, price


def quantity(d: DemandFacts, o: OfferingFacts) -> Factor:
    """Units available against units wanted."""
    if o.units_available >= d.quantity:
        said = (
            (reason("units_enough", GOOD, units=o.units_available, quantity=d.quantity),)
            if d.quantity > 1
            else ()
        )
        return Factor(1.0, said)
    return Factor(
        o.units_available / d.quantity,
        (reason("units_short", WEAK, units=o.units_available, quantity=d.quantity),),
    )


def trust(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A verified organization, and a certification the site can use: one that
    only rates the offering for conditions this site does not have earns nothing."""
    site = set(d.environments) | set(d.mentioned)
    unneeded = {cert for env, cert in o.evidence if env not in site}
    useful = tuple(c for c in o.certifications if c not in unneeded)
    out = [reason("verified", GOOD) if o.verified else reason("not_verified", WEAK)]
    if o.certifications:
        out.append(reason("certified", INFO, certs=tuple(o.certifications[:4])))
    return Factor((TRUST_VERIFIED if o.verified else 0.0) + (TRUST_CERTIFIED if useful else 0.0), tuple(out))


def certificates(d: DemandFacts, o: OfferingFacts) -> Factor:
    """A certificate the need's text requires (必须有医疗器械注册证, 要有消防产品认证)
    that the offering does not state it holds: the whole score counts
    `CERTIFICATE_MISSED` for each, and the reason says so. Not a broken condition:
    its text may not say what it holds."""
    missing = [k for k in d.certificates if k not in o.certificates]
    return Factor(None, tuple(reason(f"certificate_missing_{k}", WEAK) for k in missing))


def conditions(d: DemandFacts, env: Factor, load: Factor) -> Factor:
    """The share of the need's conditions (site, payload) confirmed rather than
    unknown or only mentioned; 1 when it states none."""
    n_env = len(d.environments) + len(d.mentioned)
    n_load = 1 if load.value is not None else 0
    if not n_env + n_load:
        return Factor(1.0)
    confirmed = (env.value or 0.0) * n_env + (load.value or 0.0) * n_load
    return Factor(confirmed / (n_env + n_load))


# ---------------------------------------------------------------- the score


# Gaps that scale the whole score rather than a factor's points: once for a kind
# of gap (the form asked for, the way to acquire read from the prose), or once per
# gap (each wished specification and each required certificate not stated).
_SCALED_ONCE = {
    "parts_instead": INSTEAD_MISSED,
    "payload_oversized": OVERSIZED_MISSED,
    "modes_none_text": TEXT_MODES_MISSED,
    "sold_only": SOLD_ONLY_MISSED,
    "lease_first_missing": LEASE_FIRST_MISSED,
    "form_other": FORM_MISSED,
    "form_unsaid": FORM_MISSED,
    "form_refused": FORM_MISSED,
    "solution_other": FORM_MISSED,
    "software_other": SOFTWARE_MISSED,
    "software_runs_no_robots": NO_ROBOTS_RUN,
    "limb_other_upper": LIMB_MISSED,
    "limb_other_lower": LIMB_MISSED,
    "camera_refused": CAMERA_MISSED,
    "cloud_refused": CLOUD_MISSED,
    "for_children": AUDIENCE_MISSED,
    "for_homes": HOMES_MISSED,
    "for_institutions": HOMES_MISSED,
    "for_business": HOMES_MISSED,
    "mind_unasked": MIND_MISSED,
    "robots_not_had": ROBOTS_NOT_HAD,
    "quadruped_refused": QUADRUPED_MISSED,
    "rail_other": RAIL_MISSED,
    "part_kind_other": PART_KIND_MISSED,
    "inspects_other": INSPECTS_MISSED,
    "parts_aside": PARTS_ASIDE_MISSED,
    "lifts_missing": LIFTS_MISSED,
    "outdoor_made": OUTDOOR_MADE_MISSED,
    "study_edition": STUDY_MISSED,
    "lifts_unstated": LIFTS_UNSTATED,
    "languages_missing": LANGUAGES_MISSED,
    "languages_unstated": LANGUAGES_UNSTATED,
    "gas_group_doubt": GAS_GROUP_DOUBT,
    "env_rating_unsure": RATING_DOUBT,
}
_SCALED_EACH = {
    "dof_short": WISH_MISSED,
    "bus_other": SPEC_MISSED,
    "weight_over": SPEC_MISSED,
    "diameter_over": SPEC_MISSED,
    "noise_over": SPEC_MISSED,
    "open_low_missing": SPEC_MISSED,
    "open_kit_missing": SPEC_MISSED,
    "touch_missing": WISH_MISSED,
    "certificate_missing_medical_device": CERTIFICATE_MISSED,
    "certificate_missing_fire_product": CERTIFICATE_MISSED,
}


def _as_taken(d: DemandFacts, o: OfferingFacts) -> tuple[DemandFacts, Factor]:
    """The need as the offering meets it: one supplying none of the parts it asks
    for but a part it takes instead (如果只有减速器也可以) is scored as if the need
    asked for that one, a gap the whole score counts `INSTEAD_MISSED` of."""
    if not d.parts_instead or set(d.parts) & set(o.parts):
        return d, Factor(None)
    instead = tuple(p for p in d.parts_instead if p in o.parts)
    if not instead:
        return d, Factor(None)
    said = reason("parts_instead", WEAK, parts=_codes("part", instead), asked=_codes("part", d.parts))
    return replace(d, parts=instead, parts_instead=()), Factor(None, (said,))


def score(demand, offering, text_fit: float | None = None) -> Match:
    """Score the pair and say why. Deterministic: the same arguments give the same
    score and the same reasons in the same order.

    `text_fit` (0–1) is how close the two texts are; the matching service passes
    the offering's BM25F relevance to the need's words relative to the best
    offering's, in steps of 0.1 (`service.pair_score` for one pair)."""
    o = offering_facts(offering)
    d, instead = _as_taken(demand_facts(demand), o)
    env, load = environments(d, o), payload(d, o)
    factors = {
        "instead": instead,
        "status": status(d, o),
        "category": category(d, o),
        "fit": fit(d, o),
        "focus": focus(d, o),
        "text": text(text_fit, d.lang == o.lang),
        "domain": domain(d, o),
        "environments": env,
        "payload": load,
        "torque": torque(d, o),
        "spec": spec(d, o),
        "dexterity": dexterity(d, o),
        "protection": protection(d, o),
        "gas_group": gas_group(d, o),
        "city": city(d, o),
        "commercial": commercial(d, o),
        "quantity": quantity(d, o),
        "trust": trust(d, o),
        "certificates": certificates(d, o),
        "conditions": conditions(d, env, load),
        "form": form(d, o),
        "limb": limb(d, o),
        "camera": camera(d, o),
        "cloud": cloud(d, o),
        "audience": audience(d, o),
        "quadruped": quadruped(d, o),
        "rail": rail(d, o),
        "lifts": lifts(d, o),
        "outdoors": outdoors(d, o),
        "study": study(d, o),
        "part_kind": part_kind(d, o),
        "inspected": inspected(d, o),
        "parts_aside": parts_aside(d, o),
        "languages": languages(d, o),
    }
    values = {k: float(factors[k].value or 0.0) for k in WEIGHTS}
    needed, offered = _needed(d), _offered(o, d)
    if needed and not offered and not values["domain"]:
        # Naming no work and none of the need's domain: only its text can say it
        # does the work (a lawn mower for a fall alarm is unknown only in name).
        values["fit"] = min(values["fit"], values["text"])
    reasons = [r for f in factors.values() for r in f.reasons]
    hard = [r for r in reasons if r.tone == BAD]
    good = [r for r in reasons if r.tone in (GOOD, INFO)]
    weak = [r for r in reasons if r.tone == WEAK]

    # What the offering does gates the rest: a cheap, verified, nearby offering
    # that does none of the work asked for is not a good match.
    if _judged(needed, offered):
        done = _work_done(needed, offered, values["fit"], bool(values["domain"]))
        compared = values["text"] if text_fit is not None and d.lang == o.lang else 0.0
        gate = FIT_GATE_FLOOR + (1 - FIT_GATE_FLOOR) * max(done**GATE_CREDIT, TEXT_AS_WORK * compared)
    elif needed and not (offered and values["domain"]):
        # It names no task (or part), or not the need's domain: only its text can say
        # it does the work (a shoe-gluing cell for a household's chores says nothing
        # of it; an IMU for a need of encoders and servo drives names no part at all).
        gate = FIT_GATE_FLOOR + (1 - FIT_GATE_FLOOR) * values["text"]
    else:
        gate = 1.0
    points = WEIGHTS["fit"] * values["fit"] + gate * sum(
        WEIGHTS[k] * values[k] for k in WEIGHTS if k != "fit"
    )
    gaps = [r.code for r in weak]
    for code, scale in _SCALED_ONCE.items():  # in this order: the same score every run
        if code in gaps:
            points *= scale
    for code, scale in _SCALED_EACH.items():
        points *= scale ** gaps.count(code)
    if values["commercial"] == 0.0 and any(r.code in ("price_over", "price_far_beyond") for r in weak):
        points *= PRICE_FAR_OVER
    if not d.event:  # a condition of the site itself, only implied: likely, to be confirmed
        likely = [
            r for r in weak if r.code == "env_to_confirm" and r.code_of("env") not in MENTIONED_UNLIKELY
        ]
        points *= MENTIONED_MISSED ** len(likely)
    if hard:
        total = math.floor(VIOLATION_CEILING * points / 100)
    else:
        total = COMPLIANT_FLOOR + math.floor((100 - COMPLIANT_FLOOR) * points / 100 + 1e-9)
    return Match(int(total), tuple(hard + good + weak), tuple((k, round(values[k], 4)) for k in WEIGHTS))
