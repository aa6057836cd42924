"""Alembic on this run's database (SQLite or PostgreSQL): up from empty, down to
base, up again, one head, no drift, data surviving an upgrade."""

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from marketplace.db import make_engine
from tests.support.database import ROOT, fresh_database


def alembic_cfg(url):
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def tables(url):
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_one_head():
    assert len(ScriptDirectory.from_config(alembic_cfg("sqlite://")).get_heads()) == 1


def test_upgrade_downgrade_upgrade_and_no_drift():
    url = fresh_database("migrations")  # already upgraded to head
    cfg = alembic_cfg(url)
    full = tables(url)
    assert {"organizations", "users", "demands", "offerings"} <= full
    command.check(cfg)  # raises when the models and the migrations differ
    command.downgrade(cfg, "base")
    assert tables(url) == set()
    command.upgrade(cfg, "head")
    assert tables(url) == full
    command.check(cfg)


def test_data_written_at_the_first_revision_survives_upgrades():
    url = fresh_database("migrations_data")
    cfg = alembic_cfg(url)
    command.downgrade(cfg, "base")
    command.upgrade(cfg, "0001")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO organizations (ref, name, side, city, description, verified, created_at, "
                "updated_at) VALUES ('org-old', '老机构', 'demand', 'lishui', '', false, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM organizations WHERE ref = 'org-old'")).scalar() == "老机构"
    engine.dispose()


def test_the_best_scores_revision_goes_down_and_up():
    url = fresh_database("migrations_best")
    cfg = alembic_cfg(url)
    assert "demand_best_scores" in tables(url)
    command.downgrade(cfg, "0006")
    assert "demand_best_scores" not in tables(url)
    command.upgrade(cfg, "head")
    assert "demand_best_scores" in tables(url)
    engine = make_engine(url)
    try:
        fks = {
            fk["referred_table"]: fk["options"].get("ondelete")
            for fk in inspect(engine).get_foreign_keys("demand_best_scores")
        }
    finally:
        engine.dispose()
    assert fks == {"demands": "CASCADE", "offerings": "SET NULL"}
    command.check(cfg)
