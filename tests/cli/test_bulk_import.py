"""import-data of a few hundred records at once: rows inserted in bulk with their
search-feed rows, indexed after the commit, ONE queued `listing-alerts` job with
every changed id; all or nothing; re-importing changes nothing; what is written
is what the one-record services write."""

from __future__ import annotations

import json
import random

import pytest
from huey import MemoryHuey
from sqlalchemy import func, select
from whoosh.writing import SegmentWriter

from marketplace import taxonomy
from marketplace.accounts.models import Organization
from marketplace.interchange.exporter import demand_dict, export_data, offering_dict
from marketplace.jobs import Jobs
from marketplace.listings import services as listings
from marketplace.listings.models import Demand, Offering
from marketplace.listings.validate import validate_demand, validate_offering
from marketplace.search.feed import IndexChange
from marketplace.search.service import matching_ids

N_OFFERINGS = 240
N_DEMANDS = 24


def world(seed: int = 3) -> dict:
    """A file of the interchange format with every optional field used somewhere."""
    rng = random.Random(seed)
    domains = taxonomy.codes("domains")
    cities = taxonomy.codes("cities")
    envs = taxonomy.codes("environments")
    cats = taxonomy.codes("offering_categories")
    price = {"purchase": 300000, "lease": 8000, "sharing": 150, "raas": 6000}

    def tasks(domain: str, k: int) -> list[str]:
        fitting = [t for t in taxonomy.codes("tasks") if taxonomy.task_fits_domains(t, [domain])]
        return rng.sample(fitting, min(k, len(fitting)))

    orgs = [
        {"ref": f"bk-s{i}", "name": f"批量供给企业{i}", "side": "supply", "city": rng.choice(cities)}
        for i in range(6)
    ] + [
        {
            "ref": "bk-d0",
            "name": "批量需求单位",
            "side": "demand",
            "city": "hangzhou",
            "description": "需求方",
        }
    ]
    offerings = []
    for i in range(N_OFFERINGS):
        domain = rng.choice(domains)
        rec = {
            "ref": f"bk-o{i}",
            "org": f"bk-s{i % 6}",
            "category": rng.choice(cats),
            "title": f"巡检机器人 BK{i:04d}",
            "description": rng.choice(
                ["负载 15kg，IP54。", "化工园区防爆巡检，热成像。", "养老院陪护与助行。"]
            ),
            "domains": [domain],
            "tasks": tasks(domain, rng.randint(0, 2)),
            "environments": rng.sample(envs, rng.choice([0, 1, 2])),
            "units_available": rng.randint(0, 8),
            "service_cities": rng.sample(cities, rng.choice([0, 2])),
            "modes": [{"mode": m, "price": price[m]} for m in rng.sample(sorted(price), rng.randint(1, 3))],
        }
        if i % 3 == 0:
            rec["payload_kg"] = rng.choice([2.5, 10, 20])
        if i % 4 == 0:
            rec["certifications"] = ["CE", "GB 3836 防爆"][: rng.randint(1, 2)]
        if i % 10 == 0:
            rec["first_of_kind"] = True
        if i % 25 == 7:
            rec["status"] = "withdrawn"
        offerings.append(rec)
    demands = []
    for i in range(N_DEMANDS):
        domain = rng.choice(domains)
        rec = {
            "ref": f"bk-d{i}",
            "org": "bk-d0",
            "title": f"场景需求 DM{i:03d}",
            "description": "每班两人，节拍 45 秒。",
            "domain": domain,
            "city": rng.choice(cities),
            "tasks": tasks(domain, 2),
            "quantity": rng.randint(1, 5),
        }
        if i % 2:
            rec["modes"] = ["lease", "purchase"]
            rec["budget"] = {"lease": 9000, "purchase": 250000}
            rec["needed_by"] = "2027-06-30"
            rec["period_months"] = 12
            rec["hours_per_month"] = 160
        if i % 6 == 5:
            rec["status"] = "closed"
        demands.append(rec)
    return {
        "format": "robot-scenario-marketplace/1",
        "organizations": orgs,
        "demands": demands,
        "offerings": offerings,
    }


@pytest.fixture
def queue(app, monkeypatch):
    """The application's job queue, holding jobs instead of running them at once."""
    jobs = Jobs(app, MemoryHuey("bulk-import-test", immediate=False, results=False))
    monkeypatch.setitem(app.extensions, "jobs", jobs)
    return jobs


def write(tmp_path, data: dict, name: str = "data.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def feed_mark(db) -> int:
    return db.scalar(select(func.max(IndexChange.id))) or 0


def feed_keys(db, after: int) -> list[str]:
    return list(db.scalars(select(IndexChange.key).where(IndexChange.id > after)))


def ids_by_ref(db, model) -> dict[str, int]:
    return {ref: i for ref, i in db.execute(select(model.ref, model.id).where(model.ref.like("bk-%")))}


def counts(db) -> tuple[int, ...]:
    return tuple(
        db.scalar(select(func.count()).select_from(m)) for m in (Organization, Demand, Offering, IndexChange)
    )


def test_a_bulk_import_writes_every_row_its_feed_rows_its_documents_and_one_alerts_job(
    app, db, runner, tmp_path, queue, monkeypatch
):
    data = world()
    mark = feed_mark(db)
    assert matching_ids("BK0123", "offering") == [], "the index is built and current before the import"
    readers = []  # Whoosh opens a reader of every segment for each searcher a writer makes
    opened = SegmentWriter.searcher
    monkeypatch.setattr(SegmentWriter, "searcher", lambda self, **kw: readers.append(1) or opened(self, **kw))
    result = runner.invoke(args=["import-data", write(tmp_path, data)])
    assert result.exit_code == 0, result.output
    assert f"offerings: {N_OFFERINGS} created" in result.output
    offerings, demands = ids_by_ref(db, Offering), ids_by_ref(db, Demand)
    assert len(offerings) == N_OFFERINGS and len(demands) == N_DEMANDS
    orgs = ids_by_ref(db, Organization)

    # One feed row per record, written in the import's transaction.
    keys = feed_keys(db, mark)
    expected = (
        {f"o{i}" for i in offerings.values()}
        | {f"d{i}" for i in demands.values()}
        | {f"g{i}" for i in orgs.values()}
    )
    assert sorted(keys) == sorted(expected)

    # Indexed after the commit: public records are found, withdrawn and closed ones are not.
    index_keys = app.extensions["search"].keys()
    withdrawn = {r["ref"] for r in data["offerings"] if r.get("status") == "withdrawn"}
    closed = {r["ref"] for r in data["demands"] if r.get("status") == "closed"}
    assert {f"o{i}" for ref, i in offerings.items() if ref not in withdrawn} <= index_keys
    assert {f"d{i}" for ref, i in demands.items() if ref not in closed} <= index_keys
    assert not {f"o{offerings[ref]}" for ref in withdrawn} & index_keys
    assert matching_ids("BK0123", "offering") == [offerings["bk-o123"]]
    assert matching_ids("DM004", "demand") == [demands["bk-d4"]]
    assert len(readers) == 1, "the documents are written in one batch, with one reader for its deletions"

    # Exactly one alerts job, queued (not run inside the import), with every id once.
    assert queue.pending() == 1
    task = queue.huey.dequeue()
    assert task.name == "listing-alerts"
    demand_ids, offering_ids = task.args
    assert sorted(demand_ids) == sorted(demands.values()) and len(set(demand_ids)) == len(demand_ids)
    assert sorted(offering_ids) == sorted(offerings.values()) and len(set(offering_ids)) == len(offering_ids)


def test_a_bulk_import_with_one_bad_record_changes_nothing(app, db, runner, tmp_path, queue):
    data = world()
    data["offerings"][-1]["tasks"] = ["teleportation"]
    data["demands"][3]["city"] = "atlantis"
    before, index_before = counts(db), app.extensions["search"].keys()
    result = runner.invoke(args=["import-data", write(tmp_path, data)])
    assert result.exit_code != 0
    assert (
        f"offerings[bk-o{N_OFFERINGS - 1}].tasks" in result.output and "demands[bk-d3].city" in result.output
    )
    assert "nothing imported" in result.output
    assert counts(db) == before, "no rows, no feed rows"
    assert app.extensions["search"].keys() == index_before
    assert queue.pending() == 0


def test_reimporting_changes_nothing_and_a_changed_file_updates_only_its_changes(
    app, db, runner, tmp_path, queue
):
    data = world()
    assert runner.invoke(args=["import-data", write(tmp_path, data)]).exit_code == 0
    queue.huey.flush()
    before, mark = export_data(db), feed_mark(db)

    again = runner.invoke(args=["import-data", write(tmp_path, data)])
    assert again.exit_code == 0, again.output
    assert f"offerings: 0 created, {N_OFFERINGS} updated" in again.output
    db.expire_all()
    assert export_data(db) == before
    assert feed_keys(db, mark) == [], "nothing changed, nothing to re-index"
    assert queue.pending() == 0, "nothing changed, no alerts"

    data["offerings"][11]["title"] = "焊装机器人 NEWTITLE"
    data["offerings"][12]["modes"] = [{"mode": "raas", "price": 4321}]
    data["offerings"][13]["status"] = "withdrawn"
    data["offerings"][14]["org"] = "bk-s5" if data["offerings"][14]["org"] != "bk-s5" else "bk-s4"
    data["demands"][1]["tasks"] = []
    changed = runner.invoke(args=["import-data", write(tmp_path, data, "changed.json")])
    assert changed.exit_code == 0, changed.output
    offerings, demands = ids_by_ref(db, Offering), ids_by_ref(db, Demand)
    touched = [offerings[f"bk-o{i}"] for i in (11, 12, 13, 14)]
    assert sorted(feed_keys(db, mark)) == sorted([f"o{i}" for i in touched] + [f"d{demands['bk-d1']}"])
    assert queue.pending() == 1
    assert queue.huey.dequeue().args == ([demands["bk-d1"]], touched)
    db.expire_all()
    after = {r["ref"]: r for r in export_data(db)["offerings"]}
    assert after["bk-o11"]["title"] == "焊装机器人 NEWTITLE"
    assert after["bk-o12"]["modes"] == [{"mode": "raas", "price": 4321}]
    assert after["bk-o14"]["org"] == data["offerings"][14]["org"]
    assert matching_ids("NEWTITLE", "offering") == [offerings["bk-o11"]]
    index_keys = app.extensions["search"].keys()  # the index's document keys (a set)
    assert f"o{offerings['bk-o13']}" not in index_keys


def test_bulk_imported_records_export_as_they_were_given_and_import_back_the_same(
    db, runner, tmp_path, queue
):
    data = world()
    assert runner.invoke(args=["import-data", write(tmp_path, data)]).exit_code == 0
    exported = export_data(db)
    for section in ("organizations", "demands", "offerings"):
        by_ref = {r["ref"]: r for r in exported[section]}
        for record in data[section]:
            got = by_ref[record["ref"]]
            for key, value in record.items():
                assert got[key] == value, (section, record["ref"], key)
    assert runner.invoke(args=["import-data", write(tmp_path, exported, "again.json")]).exit_code == 0
    db.expire_all()
    assert export_data(db) == exported


def test_bulk_creation_writes_what_the_one_record_services_write(db, make):
    org = make.org(side="both")
    data = world()
    for raw, validate, create, create_many, model, as_dict in (
        (
            data["offerings"][0],
            validate_offering,
            listings.create_offering,
            listings.create_offerings,
            Offering,
            offering_dict,
        ),
        (
            data["offerings"][7],
            validate_offering,
            listings.create_offering,
            listings.create_offerings,
            Offering,
            offering_dict,
        ),
        (
            data["demands"][1],
            validate_demand,
            listings.create_demand,
            listings.create_demands,
            Demand,
            demand_dict,
        ),
        (
            data["demands"][5],
            validate_demand,
            listings.create_demand,
            listings.create_demands,
            Demand,
            demand_dict,
        ),
    ):
        clean, problems = validate(dict(raw, org=org.ref))
        assert not problems
        one = create(db, org, clean, ref=raw["ref"] + "-one")
        [bulk_id] = create_many(db, [(org, clean, raw["ref"] + "-bulk")])
        db.flush()
        db.expire_all()
        one, bulk = db.get(model, one.id), db.get(model, bulk_id)
        columns = [
            c.key for c in model.__table__.columns if c.key not in ("id", "ref", "created_at", "updated_at")
        ]
        assert {c: getattr(bulk, c) for c in columns} == {c: getattr(one, c) for c in columns}
        assert dict(as_dict(bulk), ref="") == dict(as_dict(one), ref="")
