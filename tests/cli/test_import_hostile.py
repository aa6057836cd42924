"""import-data with hostile files: every problem listed with its section, ref and
field, no traceback, nothing changed; NUL refused on every database."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from marketplace.accounts.models import Organization
from marketplace.listings.models import Demand, Offering

FORMAT = "robot-scenario-marketplace/1"


def counts(db):
    return tuple(db.scalar(select(func.count()).select_from(m)) for m in (Organization, Demand, Offering))


def _doc(offerings: list[dict]) -> dict:
    return {
        "format": FORMAT,
        "organizations": [
            {"ref": "org-hk", "name": "杭州硬敲机器人有限公司", "side": "supply", "city": "hangzhou"}
        ],
        "demands": [],
        "offerings": offerings,
    }


def _offering(ref: str, **kw) -> dict:
    body = {
        "ref": ref,
        "org": "org-hk",
        "category": "robot",
        "title": "巡检机器人",
        "description": "红外测温。",
        "domains": ["manufacturing"],
        "tasks": ["patrol_inspection"],
        "modes": [{"mode": "purchase", "price": 1000}],
    }
    body.update(kw)
    return body


def _run(runner, tmp_path, text: str):
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return runner.invoke(args=["import-data", str(path)])


def test_every_bad_value_is_listed_with_its_ref_and_field(runner, db, tmp_path):
    before = counts(db)
    text = json.dumps(
        _doc(
            [
                _offering("off-nul", title="巡检\u0000机器人"),
                _offering("off-sur", description="x\ud800y"),
                _offering("off-tiny", modes=[{"mode": "purchase", "price": 1e-9}]),
                _offering("off-tiny2", modes=[{"mode": "purchase", "price": 5e-324}]),
                _offering("off-big", units_available="__BIG__"),
                _offering("off-ok"),
            ]
        ),
        ensure_ascii=True,  # \\ud800 and \\u0000 written as JSON escapes
    ).replace('"__BIG__"', "9" * 4300)
    result = _run(runner, tmp_path, text)
    out = result.output
    assert result.exit_code == 1
    assert "Traceback" not in out and result.exception is None or isinstance(result.exception, SystemExit)
    assert "offerings[off-nul].title: must not contain NUL characters" in out
    assert "offerings[off-sur].description: is not valid Unicode text" in out
    assert "offerings[off-tiny].modes[0].price: must be a positive number" in out
    assert "offerings[off-tiny2].modes[0].price: must be a positive number" in out
    assert "offerings[off-big].units_available: must be a whole number" in out
    assert "off-ok" not in out
    assert "nothing imported: 5 problem(s)" in out
    assert counts(db) == before


def test_deeply_nested_json_is_refused_without_a_traceback(runner, db, tmp_path):
    before = counts(db)
    doc = _doc([_offering("off-deep", description="__DEEP__")])
    text = json.dumps(doc).replace('"__DEEP__"', "[" * 100_000 + "]" * 100_000)
    result = _run(runner, tmp_path, text)
    assert result.exit_code == 1
    assert "nest" in result.output and "at most 64" in result.output
    assert isinstance(result.exception, SystemExit)
    assert counts(db) == before


def test_nan_is_refused(runner, db, tmp_path):
    text = json.dumps(_doc([_offering("off-nan", units_available="__X__")])).replace('"__X__"', "NaN")
    result = _run(runner, tmp_path, text)
    assert result.exit_code == 1 and "NaN is not JSON" in result.output


def test_a_nul_in_a_ref_is_printed_escaped(runner, db, tmp_path):
    text = json.dumps(_doc([_offering("off\u0000x")]), ensure_ascii=True)
    result = _run(runner, tmp_path, text)
    assert result.exit_code == 1
    assert "offerings[off\\x00x].ref: must not contain NUL characters" in result.output
