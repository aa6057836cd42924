"""What a listing's text says is read when it is written and used while current
(`marketplace.search.readings`): stored by the ORM and by bulk inserts, read again
when stale, refilled by `reread-listings`, and never changing a score."""

from __future__ import annotations

from sqlalchemy import select, update

from marketplace.listings import services as listings
from marketplace.listings.models import Demand, Offering
from marketplace.matching.scoring import demand_facts, offering_facts, score
from marketplace.search import lexicon, readings

PROSE = "防爆巡检机器人，额定负载15kg，可按月租用。适用于化工厂区巡检与仪表读数。"


def _stored(db, model, record_id):
    return db.scalar(select(model.reading).where(model.id == record_id))


def test_an_offering_saved_through_the_orm_stores_what_its_text_says(db, make):
    o = make.offering(description=PROSE, environments=[], certifications=["Ex d IIB T4"])
    db.flush()
    stored = _stored(db, Offering, o.id)
    assert stored == readings.read_offering(
        o.title, o.description, o.domains, o.environments, o.certifications
    )
    assert "explosive" in stored["rated"] and stored["payload"] == 15.0
    assert "patrol_inspection" in stored["tasks"]


def test_editing_the_text_reads_it_again(db, make):
    o = make.offering(description="搬运机器人，负载20kg。")
    db.flush()
    assert _stored(db, Offering, o.id)["payload"] == 20.0
    listings.update_offering(db, o, {"description": "搬运机器人，额定负载35kg。"})
    db.flush()
    assert _stored(db, Offering, o.id)["payload"] == 35.0


def test_changing_a_field_the_reading_combines_reads_it_again(db, make):
    o = make.offering(description="巡检机器人。", environments=[])
    db.flush()
    assert "explosive" not in _stored(db, Offering, o.id)["rated"]
    listings.update_offering(db, o, {"environments": ["explosive"]})
    db.flush()
    assert "explosive" in _stored(db, Offering, o.id)["rated"]


def test_a_demand_stores_its_reading_and_its_facts_come_from_it(db, make):
    d = make.demand(
        description="仓库夜间巡检，必须防爆。月租预算3500元，按月租用。",
        tasks=[],
        modes=[],
        budget={},
    )
    db.flush()
    stored = _stored(db, Demand, d.id)
    assert stored["required"] == ["explosive"]
    assert stored["budgets"].get("lease") == 3500
    facts = demand_facts(d)
    assert facts.environments == ("explosive",) and facts.budget_from_text and facts.modes_from_text


def test_a_stale_stored_reading_is_never_used(db, make):
    o = make.offering(description="搬运机器人，负载20kg。")
    db.flush()
    # Written by an older lexicon, or before the text was edited outside the ORM.
    forged = {**_stored(db, Offering, o.id), "payload": 999.0, "key": "stale"}
    db.execute(update(Offering).where(Offering.id == o.id).values(reading=forged))
    db.expire(o)
    assert o.reading["payload"] == 999.0
    assert readings.offering_reading(o)["payload"] == 20.0
    assert offering_facts(o).payload_kg == 20.0


def test_facts_read_from_a_current_reading_do_not_read_the_text(db, make, monkeypatch):
    d = make.demand(description="车间物料搬运，单件12kg。")
    o = make.offering(description=PROSE)
    db.flush()
    before = score(d, o)

    def unread(*_args, **_kwargs):
        raise AssertionError("the text was read again")

    for name in ("tasks_in", "parts_in", "ratings", "payload_in", "names_event", "site_conditions_in"):
        monkeypatch.setattr(lexicon, name, unread)
    after = score(d, o)
    assert (after.score, after.texts()) == (before.score, before.texts())


def test_bulk_inserts_store_the_same_reading_as_the_orm(db, make):
    org = make.org(side="supply")
    clean = {
        "category": "robot",
        "title": "洁净室搬运机器人",
        "description": PROSE,
        "domains": ["manufacturing", "energy"],
        "tasks": ["handling"],
        "environments": ["cleanroom"],
        "service_cities": [],
        "modes": [{"mode": "lease", "price": 5000}],
        "certifications": ["ISO 14644"],
    }
    (bulk_id,) = listings.create_offerings(db, [(org, clean, "bulk-reading")])
    orm = listings.create_offering(db, org, dict(clean), ref="orm-reading")
    db.flush()
    db.expire_all()
    bulk = db.get(Offering, bulk_id)
    assert bulk.reading == _stored(db, Offering, orm.id)
    assert readings.offering_reading(bulk) is bulk.reading  # current: used as stored


def test_reread_fills_missing_readings_without_touching_the_listings(db, make):
    oid, did = make.offering(description=PROSE).id, make.demand().id
    db.flush()
    db.execute(update(Offering).where(Offering.id == oid).values(reading=None))
    db.execute(update(Demand).where(Demand.id == did).values(reading={"key": "old"}))
    stamp = db.scalar(select(Offering.updated_at).where(Offering.id == oid))
    db.expire_all()
    assert readings.reread(db) == 2
    o = db.get(Offering, oid)
    assert _stored(db, Offering, oid) == readings.read_offering(
        o.title, o.description, o.domains, o.environments, o.certifications
    )
    assert _stored(db, Demand, did)["key"] != "old"
    assert db.scalar(select(Offering.updated_at).where(Offering.id == oid)) == stamp
    assert readings.reread(db) == 0  # all current now


def test_the_reread_command_reports_what_it_stored(app, db, make, runner):
    o = make.offering()
    db.execute(update(Offering).where(Offering.id == o.id).values(reading=None))
    db.commit()
    result = runner.invoke(args=["reread-listings"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 listings read again")
