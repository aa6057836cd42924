"""`flask match REF [--limit N] [--format json]` and `flask reindex [--check]`."""

from __future__ import annotations

import json

import pytest

from tests.web.test_matches import build_world


@pytest.fixture
def world(make):
    return build_world(make)


def test_match_prints_the_best_offerings_with_scores_and_reasons(runner, world):
    result = runner.invoke(args=["match", "dem-mw-stamping", "--limit", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("dem-mw-stamping")
    assert "off-mw-good" in lines[1] and "覆盖上下料" in result.output
    assert "off-mw-trap" not in result.output, "ruled out: only on request"


def test_match_json_holds_offering_score_and_reasons(runner, world):
    result = runner.invoke(
        args=["match", "dem-mw-stamping", "--format", "json", "--lang", "en", "--ruled-out", "1"]
    )
    items = json.loads(result.output)
    assert [i["offering"] for i in items] == ["off-mw-good", "off-mw-fair", "off-mw-trap"]
    for item in items:
        assert 0 <= item["score"] <= 100 and all(isinstance(r, str) and r for r in item["reasons"])
    assert "does not serve Ningbo" in items[-1]["reasons"]
    assert items == sorted(items, key=lambda i: (not i["ok"], -i["score"]))


def test_match_is_deterministic(runner, world):
    first = runner.invoke(args=["match", "dem-mw-stamping", "--format", "json"]).output
    assert runner.invoke(args=["match", "dem-mw-stamping", "--format", "json"]).output == first


def test_match_an_offering_lists_needs(runner, world):
    items = json.loads(runner.invoke(args=["match", "off-mw-good", "--format", "json"]).output)
    assert items[0]["demand"] == "dem-mw-stamping"


def test_match_unknown_ref_fails(runner, world):
    result = runner.invoke(args=["match", "dem-nope"])
    assert result.exit_code == 1 and "no demand or offering" in result.output


def test_reindex_rebuilds_and_check_compares(runner, db, make, world):
    result = runner.invoke(args=["reindex", "--procs", "1"])
    assert result.exit_code == 0 and result.output.startswith("reindexed "), result.output
    assert runner.invoke(args=["reindex", "--check"]).exit_code == 0
    make.offering(world["vendor"], ref="off-mw-late", title="未索引的新供给")  # no after-commit call
    checked = runner.invoke(args=["reindex", "--check"])
    assert checked.exit_code == 1 and "1 missing" in checked.output
    assert runner.invoke(args=["reindex"]).exit_code == 0
    assert runner.invoke(args=["reindex", "--check"]).exit_code == 0
