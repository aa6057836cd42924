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

from . import lexicon

# Bump when what a reading holds, or how it is read, changes.
READER_VERSION = 45  # 2: English plural endings; 3: payloads in tons and Chinese numerals, English clauses; 4: operating temperatures, measured hazards; 5: torque; 6: a need's operating temperature; 7: the language, a need asking for a humanoid; 8: an IP code rates for the outdoors only where nothing places the robot indoors, 按月付; 9: the hottest temperature stated; 10: an event word that only says when (展会期间); 11: 可涉水 beside an IP code rates for water, servo drives; 12: thousands separators (1,000), per-hour prices in English, expo; 13: a need requiring a humanoid (必须是人形); 14: protection codes (IP67); 15: degrees of freedom and a sense of touch; 16: what an offering says it works in (可在有毒烟气中作业); 17: a robot for facades is rated for the outdoors; 18: places named after a task (康复科, 消防通道); 19: 买的话, 按次收费; 20: a bare budget is for buying, 8万米 is no money, 消防救援大队; 21: 按月租 accepts a monthly subscription; 22: 扫拖, robot vacuum; 23: rain or shine, 全天候, a patient's weight, 买或者; 24: counts (1000套) are no money; 25: upkeep (维保, 运维); 26: greet; 27: a wish said after (带指尖触觉更佳); 28: rain names an outdoor site (下雨也得照常), 包年, 按年付费, 月付; 29: a title asking for software (检测软件, 调度平台); 30: the part a component's title sells (灵巧手微型滚珠丝杠 is a screw); 31: English ways to pay (leasing, pay monthly, two-hourly is no way), Zone 1, a denied hazard, what is inspected for (巡检…有害气体), fit-out trades; 32: a negation over a list (不适合淋水、冷库和防爆场所), tactile skin, training robots are no event, a need for a whole solution; 33: open days and warm-up shows are events, 按时间算钱, 不要长租, prose looking for a platform; 34: English head counts (200 residents) are no money, subscribe, buying outright is hard; 35: patient transfer in English, not looking for a humanoid, a hazard the site may have, 舱内 is indoors, fire-safety outreach is no firefighting, 就一天; 36: rescue on water or on land, a load dragged out (拖出来); 37: certificates required and held (医疗器械注册证, 消防产品认证); 38: how cold, both sides (-10℃ is not -18℃), 偶尔, 外围, wet concrete, all outdoors, facades state the outdoors; 39: IP65防水防潮 rates for damp, software for a fleet of robots; 40: greeting beside a domain's own tasks (导诊 and 送检); 41: tasks named as a bonus (能顺便拖地最好), 先买; 42: an event by the way (顺便办个开放日) or a vendor's training (安装和培训) is none, an English platform, 说说话; 43: one list of robot words for the fleet and the English platform readings; 44: a part a description names only as what it is for (适合灵巧手和小关节); 45: 装满150公斤, 消毒供应中心 is a place, 或买, an expo seen once, 廊道 is indoors


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
    rated = lexicon.ratings(environments, certs, text)
    return {
        "key": _offering_key(title, description, domains, environments, certs),
        "tasks": lexicon.tasks_in(text, domains),
        "parts": lexicon.supplied_parts_in(title, description),
        "rated": sorted(rated.rated),
        "evidence": sorted([c, w] for c, w in rated.evidence.items()),
        "payload": lexicon.payload_in(text),
        "torque": lexicon.torque_in(text),
        "hottest": lexicon.hottest_in(text),
        "ip": lexicon.ip_code_in(" ".join([text, *certs])),
        "upkeep": lexicon.names_upkeep(text),
        "dof": lexicon.dof_in(text)[0],
        "touch": lexicon.touch_in(text)[0],
        "event": lexicon.names_event(text),
        "theatre": lexicon.rescue_theatre(text),
        "certificates": lexicon.certificates_held(text, certs),
        "coldest": lexicon.coldest_operating(text),
        "lang": lexicon.written_in(text),
    }


def read_demand(title: str, description: str, domain: str) -> dict:
    """What a demand's text says."""
    text = f"{title}\n{description}"
    site = lexicon.site_conditions_in(text)
    event = lexicon.names_event(text)
    return {
        "key": _demand_key(title, description, domain),
        "tasks": (tasks := lexicon.tasks_in(text, [domain])),
        "optional_tasks": lexicon.optional_tasks_in(text, tasks),
        # What is bought is named in the title; the description also says what it is for.
        "title_parts": lexicon.parts_in(title),
        "parts": lexicon.parts_in(text),
        "required": list(site.required),
        "mentioned": list(site.mentioned),
        "payload": lexicon.payload_in(text),
        "torque": lexicon.torque_in(text),
        "hottest": lexicon.hottest_in(text),
        "dof": lexicon.dof_in(text),
        "touch": lexicon.touch_in(text),
        "modes": lexicon.modes_in(text),
        "budgets": lexicon.budgets_in(text),
        "event": event,
        # The protection a site asks for (要求IP67); at a drill or a show, none.
        "ip": None if event else lexicon.ip_code_in(text),
        "humanoid": lexicon.asks_humanoid(text),
        "humanoid_required": lexicon.requires_humanoid(text),
        # A need about keeping robots running says so in its title (包年维保).
        "upkeep": lexicon.names_upkeep(title),
        # ... and one asking for software or a platform (AI检测软件, 统一调度平台).
        "software": lexicon.software_asked(title, description),
        # ... or a whole solution (整体设计、设备配置和运营, turnkey).
        "solution": lexicon.asks_solution(text),
        "theatre": lexicon.rescue_theatre(text),
        "certificates": lexicon.certificates_required(text),
        "coldest": lexicon.coldest_operating(text),
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
