"""import-data / export-data: the interchange contract of spec/interchange.md."""

import json
from pathlib import Path

from sqlalchemy import func, select

from marketplace.accounts.models import Organization
from marketplace.interchange.exporter import export_data
from marketplace.listings.models import Demand, Offering

DATA = Path(__file__).parent / "data"


def counts(db):
    return tuple(db.scalar(select(func.count()).select_from(m)) for m in (Organization, Demand, Offering))


def test_import_external_file_and_export_back_the_same_content(runner, db, tmp_path):
    result = runner.invoke(args=["import-data", str(DATA / "external.json")])
    assert result.exit_code == 0, result.output
    assert "organizations: 2 created" in result.output
    out = tmp_path / "out.json"
    assert runner.invoke(args=["export-data", str(out)]).exit_code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    original = json.loads((DATA / "external.json").read_text(encoding="utf-8"))
    assert exported["format"] == original["format"]
    for section in ("organizations", "demands", "offerings"):
        by_ref = {r["ref"]: r for r in exported[section]}
        for record in original[section]:
            got = by_ref[record["ref"]]
            for key, value in record.items():
                if key in ("fax", "priority"):  # unknown keys are ignored
                    assert key not in got
                else:
                    assert got[key] == value, (section, record["ref"], key)


def test_export_imports_back_to_the_same_state(runner, db, tmp_path):
    assert runner.invoke(args=["import-data", str(DATA / "external.json")]).exit_code == 0
    before = export_data(db)
    path = tmp_path / "again.json"
    path.write_text(json.dumps(before, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["import-data", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 updated" in result.output and "0 created" in result.output
    assert export_data(db) == before


def test_importing_twice_duplicates_nothing(runner, db):
    runner.invoke(args=["import-data", str(DATA / "external.json")])
    first = counts(db)
    runner.invoke(args=["import-data", str(DATA / "external.json")])
    assert counts(db) == first


def test_upsert_changes_the_existing_record(runner, db, tmp_path):
    runner.invoke(args=["import-data", str(DATA / "external.json")])
    data = json.loads((DATA / "external.json").read_text(encoding="utf-8"))
    data["demands"][0]["title"] = "码头绑扎（已修改）"
    data["demands"][0]["tasks"] = ["handling"]
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert runner.invoke(args=["import-data", str(path)]).exit_code == 0
    demand = db.scalar(select(Demand).where(Demand.ref == "ext-d-1"))
    db.refresh(demand)
    assert demand.title == "码头绑扎（已修改）" and demand.tasks == ["handling"]


def test_bad_file_lists_every_problem_and_changes_nothing(runner, db, make):
    make.org(ref="existing-org")
    db.commit()  # committed before the import, as it would be in real life
    before = counts(db)
    result = runner.invoke(args=["import-data", str(DATA / "bad.json")])
    assert result.exit_code != 0
    output = result.output
    assert "organizations[bad-org].credit_code" in output
    assert "demands[bad-d-1].tasks: unknown code: teleportation" in output
    assert "duplicate ref: bad-d-1" in output
    assert "demands[bad-d-2].org: unknown organization ref: no-such-org" in output
    assert "nothing imported" in output
    assert counts(db) == before


def test_a_valid_org_in_a_bad_file_is_not_written(runner, db, tmp_path):
    data = json.loads((DATA / "external.json").read_text(encoding="utf-8"))
    data["offerings"][0]["modes"] = [{"mode": "lease", "price": -5}]
    path = tmp_path / "one-bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = counts(db)
    result = runner.invoke(args=["import-data", str(path)])
    assert result.exit_code != 0 and "offerings[ext-o-1].modes[0].price" in result.output
    assert counts(db) == before


def test_not_json_and_wrong_format(runner, db, tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    result = runner.invoke(args=["import-data", str(path)])
    assert result.exit_code != 0 and "not a JSON file" in result.output
    path.write_text(json.dumps({"format": "other/2", "organizations": []}), encoding="utf-8")
    result = runner.invoke(args=["import-data", str(path)])
    assert result.exit_code != 0 and "robot-scenario-marketplace/1" in result.output


def test_the_demo_data_is_valid_and_complete(runner, db):
    result = runner.invoke(args=["import-data", "seeds/demo.json"])
    assert result.exit_code == 0, result.output
    orgs, demands, offerings = counts(db)
    assert orgs >= 40 and demands >= 60 and offerings >= 80
    cities = set(db.scalars(select(Organization.city)))
    assert len(cities - {"out_of_province"}) == 11
    assert set(db.scalars(select(Demand.domain))) == {
        "manufacturing",
        "eldercare",
        "emergency",
        "retail",
        "healthcare",
        "household",
        "construction",
    }
    assert set(db.scalars(select(Offering.category))) == {
        "humanoid",
        "robot",
        "component",
        "software",
        "solution",
        "service",
    }
    assert "component" in set(db.scalars(select(Demand.kind)))


def test_import_may_not_break_bookings_still_to_come(runner, db, make, tmp_path):
    from marketplace.interchange.exporter import offering_dict, organization_dict
    from tests.support.factories import at
    from tests.unit.test_bookings_services import book

    offering = make.bookable(units=2, auto_confirm=True)
    book(db, make.customer(), offering, at(9), at(11), units=2)
    db.commit()
    record = offering_dict(offering)
    data = {
        "format": "robot-scenario-marketplace/1",
        "organizations": [organization_dict(offering.organization)],
        "demands": [],
        "offerings": [dict(record, units_available=1)],
    }
    path = tmp_path / "fewer.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["import-data", str(path)])
    assert result.exit_code != 0 and f"offerings[{offering.ref}].units_available" in result.output
    data["offerings"] = [dict(record, status="withdrawn")]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["import-data", str(path)])
    assert result.exit_code != 0 and "bookings still to come" in result.output
    db.refresh(offering)
    assert offering.units_available == 2 and offering.status == "active"
