"""What a listing's text says, read once when the listing is saved.

Search documents and the matcher both need what a listing's prose says (tasks and
parts it names, ratings, a payload, ways to acquire and budgets, a drill or an
exhibition): `lexicon`'s readers, about half a millisecond a listing. Read at
every match, that was a third of a match (every candidate's prose, every time);
read at every reindex, a tenth of it. So the reading is made when the listing is
written (`before_flush` for the ORM, `listings.services.create_*` for bulk
inserts) and stored in the listing's `reading` column.

A stored reading is used only while it is the reading of the listing as it is
now: it carries a key made from everything it was read from (title, description,
the fields it combines with) and from the lexicon's version, and `offering_reading`
/ `demand_reading` read the text again when the key does not match (a listing
written before this column, a grown lexicon). So the column can always be
dropped or refilled (`flask reread-listings`) without changing a result."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Table, bindparam, event, select, update
from sqlalchemy.orm import Session

from .. import taxonomy
from . import amendments, lexicon, specs

# Bump when what a reading holds, or how it is read, changes.
READER_VERSION = 360  # each bump's reason is in the commit that made it: git log -G 'READER_VERSION = ' -- marketplace/search/readings.py


@lru_cache(maxsize=1)
def _lexicon_version() -> str:
    digest = hashlib.blake2b(lexicon._PATH.read_bytes(), digest_size=8)
    digest.update(str(READER_VERSION).encode())
    return digest.hexdigest()


def _key(*parts: Any) -> str:
    h = hashlib.blake2b(_lexicon_version().encode(), digest_size=12)
    for part in parts:
        h.update(b"\x1f")
        h.update(repr(part).encode())
    return h.hexdigest()


def _offering_key(title, description, domains, environments, certifications) -> str:
    return _key(
        "o", title or "", description or "", tuple(domains), tuple(environments), tuple(certifications or ())
    )


def _demand_key(title, description, domain) -> str:
    return _key("d", title or "", description or "", domain or "")


def read_offering(
    title: str, description: str, domains: Iterable[str], environments: Iterable[str], certifications
) -> dict:
    """What an offering's text says, combined with the fields it is read against."""
    domains, environments = list(domains), list(environments)
    certs = list(certifications or ())
    text = f"{title}\n{description}"
    with_certs = " ".join([text, *certs])  # what a code or a class may be stated in
    rated = lexicon.ratings(environments, certs, text)
    return {
        "key": _offering_key(title, description, domains, environments, certs),
        "tasks": lexicon.tasks_in(text, domains),
        "crafts": lexicon.crafts_in(text),
        "parts": (supplied := lexicon.supplied_parts_in(title, description)),
        "part_kinds": lexicon.part_kinds_in(title, supplied),
        # What its title sells (空心杯电机（灵巧手用）: motors, for hands), not its description's options.
        "title_parts": lexicon.supplied_parts_in(title, ""),
        "rated": sorted(rated.rated),
        "evidence": sorted([c, w] for c, w in rated.evidence.items()),
        "payload": lexicon.payload_in(text, offering=True),
        "sustained": lexicon.sustained_payload_in(text),
        "torque": lexicon.torque_in(text),
        "hottest": (hottest := lexicon.hottest_in(text, up_to=True)),
        "hottest_ranged": lexicon.hottest_ranged(text, hottest),
        "limbs": lexicon.limbs_in(text),
        "camera": lexicon.uses_camera(text),
        "cloud": lexicon.needs_cloud(text),
        "quadruped": lexicon.is_quadruped(title),
        "outdoor_made": lexicon.made_for_outdoors(title),
        "study_edition": lexicon.study_edition(title),
        "rail": lexicon.is_rail(text),
        "no_lifts": lexicon.no_lifts(text),
        "lifts": lexicon.rides_lifts(text),
        "humanoid": lexicon.is_humanoid(title),
        "humanoid_said": lexicon.is_humanoid(text),  # a service bringing one (多品牌人形机器人出租)
        "languages": lexicon.languages_in(text),
        "language_count": lexicon.language_count(text),
        "ip": lexicon.ip_code_in(with_certs),
        "gas_group": lexicon.gas_group_in(with_certs),
        "volume_prices": lexicon.volume_prices_in(description),
        "buses": specs.buses_in(text),
        "weight": specs.weight_of(text),
        "diameter": specs.diameter_of(text),
        "noise": specs.noise_of(text),
        "openness": specs.openness_of(text),
        "clean_class": specs.clean_class_in(with_certs),
        "upkeep": lexicon.names_upkeep(text),
        "upkeep_only": lexicon.only_upkeep(title),
        "robots": lexicon.speaks_of_robots(text),
        "children": lexicon.for_children_only(title, description),
        "homes": lexicon.made_for_homes(title),  # 居家看护套装, 家用陪伴机器人
        "mind": lexicon.is_mind(title),  # 具身大模型, 陪伴语音大模型SDK
        "institutions": lexicon.made_for_institutions(title),  # 机构版, 病区监测平台
        "business": lexicon.made_for_business(title),  # 商用洗地机器人, 工业人形（产线版）
        "inspects": lexicon.inspects(title),  # 布面瑕疵检测系统: fabric
        "runs_robots": lexicon.runs_robots(title),  # 多品牌机器人调度平台, 机器人监控平台
        "dof": lexicon.dof_in(text)[0],
        "touch": lexicon.touch_in(text)[0],
        "event_kinds": lexicon.event_kinds_in(text),
        "theatre": lexicon.rescue_theatre(text),
        "certificates": lexicon.certificates_held(text, certs),
        "coldest": lexicon.coldest_operating(text),
        "lang": lexicon.written_in(text),
        "cities": lexicon.service_cities_in(description),
    }


def _asked(text: str, named: list[str]) -> list[str]:
    """The tasks a need asks for: those its text names, but not those it says are
    done already (上下料已经用上了机械臂), unless that is all it names; and of those,
    the ones its title names (`named`) or a sentence asking for something (想放一个
    机器人做迎宾讲解), not those only naming its place or trade (总装车间参观通道)."""
    tasks = lexicon.tasks_in(text)
    had = lexicon.tasks_had_in(text, tasks)
    tasks = [t for t in tasks if t not in had] or tasks
    asked = lexicon.tasks_asked_in(text, tasks)
    return [t for t in tasks if t in asked or t in named]


def _of_domain_or_title(asked: list[str], domain: str, named: list[str]) -> list[str]:
    """Of the tasks asked for, those of the need's domain (`lexicon.of_domains`) and
    those its title names (`named`)."""
    own = lexicon.of_domains(asked, [domain])
    return [t for t in asked if t in own or t in named]


def _ways_now(text: str, amends: bool) -> list[str]:
    """The ways to acquire a need's text asks for; of a text amending itself, those it
    changes to (原计划采购 … 改为租赁: a lease, not a purchase besides), narrowed by what
    the whole text says (只接受月租) where the two agree on any; widened to the ways
    it says are now the only ones, where those hold what it changes to (改为“购买服务”，
    现在只能按月租用或者按月付服务费: a lease or a subscription)."""
    ways = lexicon.modes_in(text)
    changed = lexicon.modes_in(amendments.changed_to(text)) if amends else []
    if changed:
        only = lexicon.only_modes_in(text)
        if set(changed) <= set(only):
            return only
    return [m for m in changed if m in ways] or changed or ways


def _with_hot_site(mentioned: list[str], site: lexicon.SiteConditions, hottest: float | None) -> list[str]:
    """The conditions a need's text names, with a hot site said only in degrees
    (地面温度能到60多度, 夏天车间45度) where nothing else names one: to be confirmed."""
    hot = hottest is not None and hottest >= lexicon.HOT_SITE_SAID
    if hot and "high_temperature" not in (*site.required, *mentioned):
        return [*mentioned, "high_temperature"]
    return mentioned


def read_demand(title: str, description: str, domain: str) -> dict:
    """What a demand's text says; of a text amending itself (补充说明：改为租赁), what
    it says now (`amendments`)."""
    written = f"{title}\n{description}"
    now = amendments.read(written)
    text = now.text
    site = lexicon.site_conditions_in(text)
    software = lexicon.software_asked(title, description)
    if software:
        # Software or a platform asked for (不采购机器人，要一个平台) runs in a control
        # room: the hazards of the site it watches are to be confirmed, not required.
        of_site = {*site.required, *site.mentioned}
        site = lexicon.SiteConditions((), tuple(c for c in taxonomy.codes("environments") if c in of_site))
    event_kinds = lexicon.event_kinds_in(text)
    event = bool(event_kinds)
    # Those it says it has already are set aside before its own domain's are
    # preferred: 分拣 at a hospital's lab, beside the 标本运送 it already has.
    # A task its title names is asked for whatever its domain (a reserve depot's
    # 出入库搬运, beside the 防汛抢险 it ships for).
    named = lexicon.tasks_in(title)
    tasks = _of_domain_or_title(_asked(text, named), domain, named)
    # A hazard the text names and rules out too (a drill or a show staged with no real
    # fire: 不涉及真实明火) is its scenario's, not one the site is said to have.
    ruled_out = lexicon.site_conditions_ruled_out(text, site)
    hottest = lexicon.hottest_in(text)
    return {
        "key": _demand_key(title, description, domain),
        # What it says now overrides its fields; conditions it withdrew are dropped.
        "amended": now.amends,
        "withdrawn": amendments.withdrawn(written, now, site),
        "tasks": tasks,
        "title_tasks": [t for t in tasks if t in named],
        "crafts": lexicon.crafts_in(text),
        "optional_tasks": lexicon.optional_tasks_in(text, tasks),
        # What is bought is named in the title; the description also says what it is for.
        "title_parts": (
            asked := lexicon.asked_parts_in(title, description, had := lexicon.parts_had_in(text))
        ),
        "title_part_kinds": lexicon.part_kinds_in(title, asked),
        "parts_instead": lexicon.parts_instead_in(title, description, asked, had),
        "parts": lexicon.demand_parts_in(text, had),
        "required": list(site.required),
        "mentioned": _with_hot_site([c for c in site.mentioned if c not in ruled_out], site, hottest),
        "ruled_out": ruled_out,
        "payload": lexicon.payload_in(text),
        "least_load": lexicon.least_load_in(text),
        "loose_load": lexicon.loose_load_in(text),
        # A need for the modules of several joints states each one's torque: the least
        # is what a module must give at all (120 N·m for the arms, 300 for the knees).
        "torque": lexicon.torque_in(text, least=True),
        "hottest": hottest,
        "hottest_bounded": lexicon.hottest_bounded(text, hottest),
        "limbs": lexicon.limbs_in(text),
        "camera_refused": lexicon.refuses_camera(text),
        "cloud_refused": lexicon.refuses_cloud(text),
        "quadruped_refused": lexicon.refuses_quadruped(text),
        "quadruped_asked": lexicon.asks_quadruped(text),
        "rail_asked": lexicon.asks_rail(text),
        "outdoor_place": lexicon.names_outdoor_place(text),
        "study": lexicon.asks_study(text),
        "lifts": lexicon.asks_lifts(text),
        "languages": lexicon.languages_in(text),
        "dof": lexicon.dof_in(text),
        "touch": lexicon.touch_in(text),
        "modes": lexicon.ways_priced(_ways_now(text, now.amends), budgets := lexicon.budgets_in(text)),
        "modes_also": lexicon.ways_also(text),
        "lease_first": lexicon.leases_first(text),
        "budgets": budgets,
        "budget_totals": lexicon.budget_totals_in(text),  # totals for units it does not count
        "units": lexicon.units_wanted_in(text),  # 想买3台, 5家店各1台
        "event_kinds": event_kinds,
        # The protection a site asks for (要求IP67); at a drill or a show, none.
        "ip": None if event else lexicon.protection_asked(text),
        "gas_group": lexicon.gas_group_in(text, site=True),
        "gas_group_stated": lexicon.gas_group_in(text) is not None,  # not only told by its gases
        # A component's limits: the bus it must speak, the most it may weigh, its width.
        "buses": specs.buses_in(text),
        "weight_limit": specs.weight_limit(text),
        "diameter_limit": specs.diameter_limit(text),
        "noise_limit": specs.noise_limit(text),
        "openness": specs.openness_asked(text),
        "clean_class": specs.clean_class_in(text, site=True),
        "humanoid": lexicon.asks_humanoid(text),
        "humanoid_required": lexicon.requires_humanoid(text),
        "humanoid_refused": lexicon.refuses_humanoid(text),
        # A need about keeping robots running says so in its title (包年维保).
        "upkeep": lexicon.asks_upkeep(title),
        # ... and one asking for software or a platform (AI检测软件, 统一调度平台).
        "software": software,
        # ... or a whole solution (整体设计、设备配置和运营, turnkey).
        "solution": lexicon.asks_solution(text),
        "theatre": lexicon.rescue_theatre(text),
        "certificates": lexicon.certificates_required(text),
        "coldest": lexicon.coldest_operating(text),
        "elderly": lexicon.about_the_old(text),
        "institution": lexicon.institution_said(text),  # 我院120张床, 护理院, 病区
        "homes": lexicon.homes_said(text),  # 独居老人, 家里老人卧床, 200户
        "mind_asked": lexicon.asks_mind(text),  # 接入大模型, 二次开发, 算法
        "inspected": lexicon.inspected_named(text),  # 刹车盘: metal; 毛衫: fabric
        "lang": lexicon.written_in(text),
    }


def demand_reading_of(clean: dict) -> dict:
    """The reading of a demand about to be inserted from clean values (bulk inserts)."""
    return read_demand(clean["title"], clean["description"], clean["domain"])


def offering_reading_of(clean: dict) -> dict:
    """The reading of an offering about to be inserted from clean values: its codes
    each once, in order, as its tag rows will give them back."""
    return read_offering(
        clean["title"],
        clean["description"],
        dict.fromkeys(clean.get("domains") or []),
        dict.fromkeys(clean.get("environments") or []),
        clean.get("certifications") or [],
    )


def offering_reading(o) -> dict:
    """The offering's reading: the stored one while it is current, else read now."""
    stored = getattr(o, "reading", None)
    certs = o.certifications or ()
    if stored and stored.get("key") == _offering_key(
        o.title, o.description, o.domains, o.environments, certs
    ):
        return stored
    return read_offering(o.title, o.description, o.domains, o.environments, certs)


def demand_reading(d) -> dict:
    """The demand's reading: the stored one while it is current, else read now."""
    stored = getattr(d, "reading", None)
    if stored and stored.get("key") == _demand_key(d.title, d.description, d.domain):
        return stored
    return read_demand(d.title, d.description, d.domain)


def refresh(record) -> bool:
    """Store the record's current reading on it; True when it changed."""
    from ..listings.models import Demand

    current = demand_reading(record) if isinstance(record, Demand) else offering_reading(record)
    if record.reading is current:
        return False
    record.reading = current
    return True


def _read_written(session: Session, _context, _instances) -> None:
    from ..listings.models import Demand, Offering

    for record in (*session.new, *session.dirty):
        if isinstance(record, Demand | Offering):
            refresh(record)


def install() -> None:
    """Read every demand and offering the ORM writes, before it writes them (once per process)."""
    if not event.contains(Session, "before_flush", _read_written):
        event.listen(Session, "before_flush", _read_written)


def reread(session: Session, batch: int = 500) -> int:
    """Store the current reading of every listing whose stored one is missing or
    stale (written before the column, or read with an older lexicon); returns how
    many were rewritten. Written with plain UPDATEs: the listings themselves did
    not change (no new `updated_at`, nothing for the search feed)."""
    from ..listings.models import Demand, Offering

    changed = 0
    models: tuple[type[Demand] | type[Offering], ...] = (Demand, Offering)
    for model in models:
        table = cast(Table, model.__table__)
        write = (
            update(table)
            .where(table.c.id == bindparam("rid"))
            .values(reading=bindparam("new"), updated_at=table.c.updated_at)  # not `onupdate`'s now
        )
        ids = session.scalars(select(model.id).order_by(model.id)).all()
        for i in range(0, len(ids), batch):
            rows = []
            records: list[Demand | Offering] = list(
                session.scalars(select(model).where(model.id.in_(ids[i : i + batch])))
            )
            for record in records:
                current = demand_reading(record) if model is Demand else offering_reading(record)
                if current is not record.reading:
                    rows.append({"rid": record.id, "new": current})
            if rows:
                session.execute(write, rows)
                changed += len(rows)
            session.expunge_all()
    return changed
