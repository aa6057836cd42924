"""Synthetic listings for the speed benchmark, written the way the demo data reads.

Deterministic for a seed. Texts are assembled from fragments with random figures,
model numbers, customers and places, so the vocabulary grows with the number of
records the way a real list's does (every listing says 机器人; few say 谐波减速器).
Records are dicts in the interchange shape; `load_sqlite` bulk-inserts them."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from marketplace import taxonomy

BRANDS = [
    "灵犀",
    "云帆",
    "启元",
    "智擎",
    "天工",
    "越影",
    "钱塘",
    "之江",
    "甬智",
    "瓯越",
    "禾川",
    "鲲鹏",
    "星尘",
    "博远",
    "磐石",
    "凌云",
    "赛博",
    "海纳",
    "青鸾",
    "玄武",
    "拓疆",
    "澜湃",
    "极光",
    "优控",
    "精锐",
    "合力",
    "松灵",
    "傲鲨",
    "若愚",
    "万象",
    "新松",
    "长风",
    "捷能",
    "明鉴",
    "卓越",
    "锐思",
    "华数",
    "东舟",
    "北辰",
    "南湖",
]
SERIES = ["H", "G", "R", "X", "S", "Pro", "Max", "M", "T", "E", "K", "Q", "V", "Z"]
NOUNS = {
    "humanoid": ["人形机器人", "双足人形机器人", "轮式人形机器人", "工业人形机器人", "服务人形机器人"],
    "robot": ["四足机器人", "轮式机器人", "特种机器人", "移动机器人", "协作机器人", "履带机器人"],
    "component": [
        "谐波减速器",
        "RV减速器",
        "一体化关节模组",
        "五指灵巧手",
        "六维力传感器",
        "无框力矩电机",
        "绝对值编码器",
        "深度相机",
        "激光雷达",
        "快换电池包",
        "运动控制器",
        "行星减速器",
    ],
    "software": ["运动控制系统", "具身智能大模型", "任务编排平台", "视觉感知软件", "远程运维平台"],
    "solution": ["智能产线集成方案", "无人化改造方案", "智慧仓储方案", "智慧养老方案", "智慧病区方案"],
    "service": ["机器人租赁服务", "机器人运维服务", "代运营服务", "共享机器人服务"],
}
CUSTOMERS = [
    "汽车零部件厂",
    "家电企业",
    "化工园区",
    "三甲医院",
    "养老院",
    "商业综合体",
    "冷链物流中心",
    "港口码头",
    "电子厂",
    "纺织厂",
    "食品厂",
    "制药企业",
    "变电站",
    "地铁站",
    "建筑工地",
    "连锁超市",
    "社区卫生中心",
    "物流园区",
    "五金工厂",
    "光伏组件厂",
    "锂电池厂",
    "半导体工厂",
    "酒店",
    "机场",
    "高校实验室",
]
FEATURES = [
    "全身{dof}个自由度，额定负载{kg}kg，续航{h}小时",
    "支持自主导航与避障，定位精度±{mm}mm，最高速度{speed}米/秒",
    "配备{cam}路视觉相机和激光雷达，可在{lux}lux弱光下识别目标",
    "开放ROS2接口和技能库，支持二次开发与快速部署",
    "支持快换电池，{minutes}分钟完成换电，可7×24小时连续作业",
    "内置语音交互，支持普通话、英语及{dialect}方言",
    "通过{cert}认证，整机防护等级IP{ip}",
    "提供{months}个月质保，{city}本地{resp}小时响应售后",
    "标准部署周期约{weeks}周，含现场勘测、地图构建和人员培训",
    "可对接MES、WMS和设备PLC，数据实时上传管理平台",
    "采用模块化设计，关键部件国产化率{local}%以上",
    "已在{city2}{customer}部署{units}台，累计运行{hours}小时",
    "重复定位精度±0.{rep}mm，适合精密工位",
    "支持远程监控、故障诊断和OTA升级",
]
TASK_SENTENCES = {
    "loading": ["可完成机床和压力机上下料，节拍{n}次/分钟", "适用于冲压、注塑工位的取放料和码垛"],
    "welding": ["搭载焊接工艺包，可完成弧焊、点焊作业", "焊缝跟踪精度±{mm}mm，适合小批量多品种焊接"],
    "assembly": ["可完成拧螺丝、插件等装配作业", "双臂协同完成精密装配，力控精度{n}N"],
    "handling": ["可搬运料箱和周转筐，单次最大{kg}kg", "承担线边物料转运，对接AGV调度系统"],
    "sorting": ["基于视觉识别完成分拣，每小时{n}件", "支持多品类包裹分拣和拣选"],
    "quality_inspection": ["AI视觉外观检测，缺陷识别率{pct}%以上", "完成抓取、翻面、拍照判定和不良品分流"],
    "companionship": ["可陪老人聊天、读报、做记忆训练", "提供情感陪伴和文娱互动，支持方言对话"],
    "mobility_assist": ["辅助老人起身、移位和助行", "具备搀扶和移乘辅助功能，最大承重{kg}kg"],
    "care_monitoring": ["毫米波雷达监测跌倒和离床，异常推送护理站", "夜间自动看护，跌倒检测准确率{pct}%"],
    "delivery": ["可自主乘梯、刷门禁完成室内配送", "配锁闭式药箱，送药送餐全程可追溯"],
    "rehab_assist": ["提供上下肢康复训练和步态辅助", "康复训练数据自动记录，支持医生远程调整方案"],
    "disinfection": ["搭载紫外与雾化消毒模块，按路线自主消杀", "遇人自动暂停消毒，记录可追溯"],
    "firefighting": ["可深入火场侦察并喷射灭火，流量{n}升/秒", "耐高温隔热设计，适合消防灭火"],
    "patrol_inspection": ["自主巡检仪表、阀门和管线，识别跑冒滴漏", "搭载红外热像仪和气体检测仪完成巡查"],
    "rescue": ["可进入废墟和狭小空间开展搜救", "搭载生命探测仪，支持远程遥控救援"],
    "hazmat_handling": ["可完成危化品泄漏堵漏和转移处置", "机械臂可抓取危险化学品容器"],
    "reception": ["可在大堂迎宾接待、讲解引导", "支持人脸识别迎宾和多语种接待"],
    "shopping_guide": ["可为顾客导购、推荐商品并带路到店", "接入会员系统，提供个性化导购"],
    "shelf_stocking": ["夜间自动理货上架和盘点", "识别缺货并提醒补货，盘点准确率{pct}%"],
    "cleaning": ["可完成洗地、清扫和擦窗等保洁作业", "自动规划清洁路线，覆盖{n}平方米"],
    "construction_work": ["可完成钢筋绑扎、打磨和喷涂等施工作业", "适用于高空钻孔和墙面抹灰"],
}
ENV_SENTENCES = {
    "high_temperature": "耐高温设计，可在{n}℃环境持续作业",
    "low_temperature": "低温型机身，可在冷库-25℃环境工作",
    "explosive": "防爆型设计，适用于易燃易爆场所",
    "toxic": "正压防护，可进入有毒有害环境",
    "outdoor": "全地形底盘，适应户外雨雪天气",
    "cleanroom": "满足洁净车间ISO 5级要求",
    "wet": "整机防水，可在潮湿涉水环境运行",
}
DIALECTS = ["杭州话", "宁波话", "温州话", "绍兴话", "台州话"]
CERTS = ["CE", "CR", "CCC", "GB/T 36530", "ISO 13482", "UL", "IP67", "GB 3836 防爆", "ISO 10218"]
PRICES = {"purchase": (20000, 900000), "lease": (1500, 40000), "sharing": (80, 600), "raas": (1000, 30000)}
DEMAND_OPENINGS = ["我们是{city}一家{customer}", "{city}{customer}", "本单位为{city}{customer}"]
DEMAND_NEEDS = [
    "现有{people}名工人三班倒，招工难、流失率高",
    "人工成本逐年上升，夜班尤其缺人",
    "去年发生过{n}起安全事故，希望用机器人替代高危岗位",
    "现场面积约{area}平方米，通道宽{w}米",
    "希望先试点{units}台，效果好再推广",
    "需要与现有系统对接，数据可追溯",
    "预算有限，优先考虑租赁或共享",
]


def _fill(template: str, rng: random.Random, cities: list[str]) -> str:
    return template.format(
        dof=rng.randint(12, 44),
        kg=rng.choice([3, 5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 80]),
        h=rng.randint(2, 12),
        mm=rng.choice([1, 2, 5, 10]),
        speed=rng.choice(["0.8", "1.2", "1.5", "2.0"]),
        cam=rng.randint(2, 8),
        lux=rng.choice([5, 10, 20]),
        minutes=rng.randint(2, 10),
        dialect=rng.choice(DIALECTS),
        cert=rng.choice(CERTS),
        ip=rng.choice([54, 55, 65, 67]),
        months=rng.choice([12, 18, 24, 36]),
        city=rng.choice(cities),
        resp=rng.choice([2, 4, 8, 24]),
        weeks=rng.randint(1, 8),
        local=rng.choice([70, 80, 90, 95]),
        city2=rng.choice(cities),
        customer=rng.choice(CUSTOMERS),
        units=rng.randint(2, 200),
        hours=rng.randint(1000, 90000),
        rep=rng.randint(1, 9),
        n=rng.randint(5, 900),
        pct=rng.choice([95, 97, 98, 99]),
        people=rng.randint(4, 60),
        area=rng.randint(500, 30000),
        w=rng.choice(["1.2", "1.8", "2.5"]),
    )


def _city_names() -> list[str]:
    return [taxonomy.label("cities", c) for c in taxonomy.codes("cities") if c != "out_of_province"]


def organizations(n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    cities = [c for c in taxonomy.codes("cities") if c != "out_of_province"]
    out = []
    for i in range(n):
        brand = rng.choice(BRANDS)
        out.append(
            {
                "ref": f"org-syn-{i}",
                "name": f"{rng.choice(_city_names())}{brand}智能科技有限公司{i}",
                "side": "both",
                "city": rng.choice(cities),
                "verified": rng.random() < 0.3,
                "description": f"{brand}专注于机器人研发与应用。",
            }
        )
    return out


def offerings(n: int, n_orgs: int, seed: int = 2) -> list[dict]:
    rng = random.Random(seed)
    names = _city_names()
    domains = taxonomy.codes("domains")
    cities = [c for c in taxonomy.codes("cities") if c != "out_of_province"]
    categories = (
        ["humanoid"] * 30
        + ["robot"] * 25
        + ["component"] * 15
        + ["software"] * 8
        + ["solution"] * 12
        + ["service"] * 10
    )
    out = []
    for i in range(n):
        cat = rng.choice(categories)
        doms = rng.sample(domains, rng.choice([1, 1, 2, 2, 3]))
        pool = [t for t in taxonomy.codes("tasks") if taxonomy.task_fits_domains(t, doms)]
        tasks = rng.sample(pool, min(len(pool), rng.randint(1, 4))) if pool else []
        envs = rng.sample(taxonomy.codes("environments"), rng.choice([0, 0, 0, 1, 1, 2]))
        noun = rng.choice(NOUNS[cat])
        model = f"{rng.choice(SERIES)}{rng.randint(1, 99)}"
        task_label = taxonomy.label("tasks", tasks[0]) if tasks else ""
        title = f"{rng.choice(BRANDS)}{model}{task_label}{noun}"
        sentences = [f"{noun}，型号{model}-{rng.randint(100, 9999)}"]
        for t in tasks:
            sentences.append(_fill(rng.choice(TASK_SENTENCES[t]), rng, names))
        for e in envs:
            sentences.append(_fill(ENV_SENTENCES[e], rng, names))
        sentences += [_fill(f, rng, names) for f in rng.sample(FEATURES, rng.randint(3, 6))]
        # Structured tasks are left out now and then: only the text says it.
        if rng.random() < 0.15:
            tasks = []
        modes = rng.sample(list(PRICES), rng.randint(1, 3))
        out.append(
            {
                "ref": f"off-syn-{i}",
                "org": f"org-syn-{rng.randrange(n_orgs)}",
                "category": cat,
                "title": title,
                "description": "，".join(sentences) + "。",
                "domains": doms,
                "tasks": tasks,
                "environments": envs if rng.random() < 0.7 else [],
                "payload_kg": float(rng.choice([3, 5, 8, 10, 15, 20, 25, 30, 50, 80]))
                if rng.random() < 0.8
                else None,
                "units_available": rng.randint(0, 50),
                "service_cities": [] if rng.random() < 0.6 else rng.sample(cities, rng.randint(1, 4)),
                "modes": [{"mode": m, "price": float(round(rng.uniform(*PRICES[m]), -1))} for m in modes],
                "certifications": rng.sample(CERTS, rng.randint(0, 3)),
                "status": "active" if rng.random() < 0.95 else "withdrawn",
            }
        )
    return out


def demands(n: int, n_orgs: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    names = _city_names()
    domains = taxonomy.codes("domains")
    cities = [c for c in taxonomy.codes("cities") if c != "out_of_province"]
    out = []
    for i in range(n):
        dom = rng.choice(domains)
        pool = taxonomy.tasks_for_domain(dom)
        tasks = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
        city = rng.choice(cities)
        customer = rng.choice(CUSTOMERS)
        task_text = "和".join(taxonomy.label("tasks", t) for t in tasks)
        opening = rng.choice(DEMAND_OPENINGS).format(city=taxonomy.label("cities", city), customer=customer)
        sentences = [opening]
        for t in tasks:
            sentences.append("需要" + _fill(rng.choice(TASK_SENTENCES[t]), rng, names))
        sentences += [_fill(s, rng, names) for s in rng.sample(DEMAND_NEEDS, rng.randint(2, 4))]
        envs = rng.sample(taxonomy.codes("environments"), rng.choice([0, 0, 0, 1]))
        modes = rng.sample(list(PRICES), rng.randint(1, 2))
        out.append(
            {
                "ref": f"dem-syn-{i}",
                "org": f"org-syn-{rng.randrange(n_orgs)}",
                "kind": "scenario",
                "title": f"{taxonomy.label('cities', city)}{customer}{task_text}机器人需求",
                "description": "，".join(sentences) + "。",
                "domain": dom,
                "tasks": tasks if rng.random() < 0.8 else [],
                "environments": envs,
                "payload_kg": float(rng.choice([3, 5, 10, 15, 20, 30])) if rng.random() < 0.6 else None,
                "quantity": rng.randint(1, 10),
                "modes": modes,
                "budget": {m: float(round(rng.uniform(*PRICES[m]), -1)) for m in modes if rng.random() < 0.7},
                "city": city,
                "status": "open",
            }
        )
    return out


def load_sqlite(engine, orgs: list[dict], demand_list: list[dict], offering_list: list[dict]) -> None:
    """Bulk-insert records into an empty schema (SQLAlchemy Core: the ORM would take minutes)."""
    from sqlalchemy import insert

    from marketplace.accounts.models import Organization
    from marketplace.listings.models import (
        Demand,
        DemandBudget,
        DemandTag,
        Offering,
        OfferingMode,
        OfferingTag,
    )
    from marketplace.search import readings

    now = datetime(2026, 11, 1)
    with engine.begin() as conn:
        conn.execute(
            insert(Organization),
            [
                {
                    "id": i + 1,
                    "ref": o["ref"],
                    "name": o["name"],
                    "side": o["side"],
                    "city": o["city"],
                    "credit_code": None,
                    "description": o["description"],
                    "verified": o["verified"],
                    "created_at": now,
                    "updated_at": now,
                }
                for i, o in enumerate(orgs)
            ],
        )
        org_id = {o["ref"]: i + 1 for i, o in enumerate(orgs)}
        rows, tags, modes = [], [], []
        for i, o in enumerate(offering_list):
            oid = i + 1
            stamp = now + timedelta(seconds=i)
            rows.append(
                {
                    "id": oid,
                    "ref": o["ref"],
                    "org_id": org_id[o["org"]],
                    "category": o["category"],
                    "title": o["title"],
                    "description": o["description"],
                    "payload_kg": o["payload_kg"],
                    "units_available": o["units_available"],
                    "certifications": o["certifications"],
                    "first_of_kind": False,
                    "status": o["status"],
                    # What the text says, read as the product reads it when a listing is written.
                    "reading": readings.read_offering(
                        o["title"], o["description"], o["domains"], o["environments"], o["certifications"]
                    ),
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            for kind, key in (
                ("domain", "domains"),
                ("task", "tasks"),
                ("environment", "environments"),
                ("city", "service_cities"),
            ):
                tags += [
                    {"offering_id": oid, "kind": kind, "code": c, "position": p} for p, c in enumerate(o[key])
                ]
            modes += [
                {"offering_id": oid, "mode": m["mode"], "price": m["price"], "position": p}
                for p, m in enumerate(o["modes"])
            ]
        for chunk in range(0, len(rows), 20000):
            conn.execute(insert(Offering), rows[chunk : chunk + 20000])
        for chunk in range(0, len(tags), 50000):
            conn.execute(insert(OfferingTag), tags[chunk : chunk + 50000])
        for chunk in range(0, len(modes), 50000):
            conn.execute(insert(OfferingMode), modes[chunk : chunk + 50000])
        rows, tags, budgets = [], [], []
        for i, d in enumerate(demand_list):
            did = i + 1
            stamp = now + timedelta(seconds=i)
            rows.append(
                {
                    "id": did,
                    "ref": d["ref"],
                    "org_id": org_id[d["org"]],
                    "kind": d["kind"],
                    "title": d["title"],
                    "description": d["description"],
                    "domain": d["domain"],
                    "payload_kg": d["payload_kg"],
                    "quantity": d["quantity"],
                    "city": d["city"],
                    "needed_by": None,
                    "status": d["status"],
                    "reading": readings.read_demand(d["title"], d["description"], d["domain"]),
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            for kind, key in (("task", "tasks"), ("environment", "environments"), ("mode", "modes")):
                tags += [
                    {"demand_id": did, "kind": kind, "code": c, "position": p} for p, c in enumerate(d[key])
                ]
            budgets += [{"demand_id": did, "mode": m, "amount": a} for m, a in d["budget"].items()]
        if rows:
            conn.execute(insert(Demand), rows)
            conn.execute(insert(DemandTag), tags)
            if budgets:
                conn.execute(insert(DemandBudget), budgets)
