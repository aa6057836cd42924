"""The pure scoring function: each factor, each hard condition, the ordering rule,
reasons in both languages. Records are plain objects: no database, no index."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from marketplace.matching import scoring
from marketplace.matching.scoring import COMPLIANT_FLOOR, VIOLATION_CEILING, WEIGHTS, score


def demand(**kw):
    values = {
        "ref": "dem-1",
        "kind": "scenario",
        "title": "冲压车间上下料",
        "description": "两班倒，每班4人。",
        "domain": "manufacturing",
        "tasks": ["loading"],
        "environments": [],
        "payload_kg": 12.0,
        "quantity": 2,
        "modes": ["purchase", "lease"],
        "budget": {"lease": 10000},
        "city": "ningbo",
        "status": "open",
    }
    values.update(kw)
    return SimpleNamespace(**values)


def offering(verified: bool = True, **kw):
    values = {
        "ref": "off-1",
        "category": "humanoid",
        "title": "工业人形机器人",
        "description": "双臂协作。",
        "domains": ["manufacturing"],
        "tasks": ["loading", "handling"],
        "environments": [],
        "payload_kg": 20.0,
        "units_available": 3,
        "service_cities": [],
        "modes": [{"mode": "purchase", "price": 300000}, {"mode": "lease", "price": 8000}],
        "certifications": ["CE"],
        "status": "active",
        "organization": SimpleNamespace(verified=verified),
    }
    values.update(kw)
    return SimpleNamespace(**values)


def codes(match) -> list[str]:
    return [r.code for r in match.reasons]


def test_weights_are_documented_in_one_place_and_sum_to_100():
    assert sum(WEIGHTS.values()) == 100
    assert set(WEIGHTS) == {
        "fit",
        "focus",
        "category",
        "text",
        "domain",
        "commercial",
        "quantity",
        "trust",
        "conditions",
    }


def test_a_full_fit_scores_high_and_says_why():
    m = score(demand(), offering(tasks=["loading"]))
    assert m.ok and m.score >= 95
    assert codes(m)[:5] == ["tasks_covered", "payload_ok", "city_all", "price_within", "units_enough"]
    assert "verified" in codes(m) and "not_verified" not in codes(m)
    assert m.texts("en")[:4] == [
        "covers machine loading/unloading",
        "payload 20 kg ≥ 12 kg needed",
        "serves all of Zhejiang",
        "short-term lease at 8,000 CNY per unit per month within the 10,000 budget",
    ]
    assert m.texts("zh")[:4] == [
        "覆盖上下料",
        "负载20 kg ≥ 所需12 kg",
        "服务全省",
        "短期租赁 8,000 元/台·月，在预算10,000以内",
    ]


def test_the_example_of_the_issue_reads_as_written():
    d = demand(
        title="化工厂仓库物料搬运与分拣",
        domain="manufacturing",
        tasks=["handling", "sorting"],
        environments=["explosive"],
        payload_kg=15,
        modes=["lease"],
        budget={"lease": 10000},
    )
    o = offering(
        verified=False,
        tasks=["handling", "sorting"],
        certifications=["GB 3836 防爆"],
        service_cities=["ningbo", "zhoushan"],
        modes=[{"mode": "lease", "price": 8000}],
    )
    m = score(d, o)
    assert m.ok
    zh = m.texts("zh")
    for text in (
        "覆盖搬运和分拣",  # Babel (CLDR) list pattern for zh
        "适用于易燃易爆环境（GB 3836 防爆）",
        "负载20 kg ≥ 所需15 kg",
        "短期租赁 8,000 元/台·月，在预算10,000以内",
        "服务宁波",
    ):
        assert text in zh
    en = m.texts("en")
    assert "covers material handling and sorting" in en
    assert "rated for flammable / explosive atmosphere (GB 3836 防爆)" in en
    assert "not verified" in en


# ---------------------------------------------------------------- hard conditions

HARD = [
    ("environment not rated", {"environments": ["explosive"]}, {}, "env_not_rated"),
    (
        "text says not explosion-proof",
        {"environments": ["explosive"]},
        {"description": "本机为非防爆型，不适用于易燃易爆场所。"},
        "env_not_rated",
    ),
    (
        "toxic site read from the demand's text",
        {"description": "车间偶有氯气泄漏，属于有毒有害环境。"},
        {},
        "env_not_rated",
    ),
    ("payload too small", {"payload_kg": 25}, {}, "payload_short"),
    (
        "payload from the demand's text",
        {"payload_kg": None, "description": "单件最重30kg。"},
        {},
        "payload_short",
    ),
    ("city not served", {"city": "quzhou"}, {"service_cities": ["hangzhou", "ningbo"]}, "city_not_served"),
    ("no acceptable mode", {"modes": ["sharing"]}, {}, "modes_none"),
    ("component demand, complete robot", {"kind": "component"}, {}, "not_a_component"),
    ("scenario demand, component", {}, {"category": "component"}, "not_a_robot"),
    ("scenario demand, component", {}, {"category": "component"}, "not_a_robot"),
    ("offering withdrawn", {}, {"status": "withdrawn"}, "offering_withdrawn"),
    ("demand closed", {"status": "closed"}, {}, "demand_closed"),
]


@pytest.mark.parametrize(("case", "d_kw", "o_kw", "code"), HARD, ids=[h[0] for h in HARD])
def test_each_hard_condition_rules_the_pair_out(case, d_kw, o_kw, code):
    m = score(demand(**d_kw), offering(**o_kw))
    assert not m.ok
    assert [r.code for r in m.violations] == [code]
    assert m.reasons[0].code == code, "what rules it out is said first"
    assert 0 <= m.score <= VIOLATION_CEILING


SATISFIED = [
    ("rated in the list", {"environments": ["explosive"]}, {"environments": ["explosive"]}, "env_rated"),
    (
        "rated by a certification",
        {"environments": ["explosive"]},
        {"certifications": ["Ex d IIB T4"]},
        "env_rated_by",
    ),
    (
        "rated in the text",
        {"environments": ["explosive"]},
        {"description": "防爆型机身，适用于加油站。"},
        "env_rated_by",
    ),
    (
        "IP67 rates wet and outdoor",
        {"environments": ["wet", "outdoor"]},
        {"certifications": ["IP67"]},
        "env_rated_by",
    ),
    (
        "payload from the offering's text",
        {"payload_kg": 15},
        {"payload_kg": None, "description": "单臂负载8kg、双臂16kg。"},
        "payload_ok",
    ),
    ("city served", {"city": "ningbo"}, {"service_cities": ["ningbo"]}, "city_served"),
    (
        "any mode when none named",
        {"modes": [], "budget": {}},
        {"modes": [{"mode": "raas", "price": 9000}]},
        "price_no_budget",
    ),
    (
        "component demand, component",
        {"kind": "component", "title": "采购谐波减速器", "tasks": []},
        {"category": "component", "title": "谐波减速器", "tasks": []},
        "parts_covered",
    ),
]


@pytest.mark.parametrize(("case", "d_kw", "o_kw", "code"), SATISFIED, ids=[s[0] for s in SATISFIED])
def test_a_condition_met_is_said_and_breaks_nothing(case, d_kw, o_kw, code):
    m = score(demand(**d_kw), offering(**o_kw))
    assert m.ok, m.texts("en")
    assert code in codes(m)
    assert m.score >= COMPLIANT_FLOOR


def test_a_pair_breaking_a_hard_condition_never_ranks_above_one_that_does_not():
    rng = random.Random(7)
    compliant, violating = [], []
    for _ in range(400):
        d = demand(
            tasks=rng.sample(["loading", "handling", "sorting", "welding"], rng.randint(0, 2)),
            environments=rng.choice([[], ["explosive"], ["outdoor"]]),
            payload_kg=rng.choice([None, 5, 15, 30]),
            quantity=rng.randint(1, 6),
            modes=rng.choice([[], ["lease"], ["purchase", "lease"]]),
            budget=rng.choice([{}, {"lease": 5000}, {"lease": 20000, "purchase": 400000}]),
            city=rng.choice(["ningbo", "quzhou"]),
        )
        o = offering(
            verified=rng.random() < 0.5,
            tasks=rng.sample(["loading", "handling", "sorting", "welding"], rng.randint(0, 3)),
            environments=rng.choice([[], ["explosive"], ["outdoor", "explosive"]]),
            payload_kg=rng.choice([None, 10, 20, 50]),
            units_available=rng.randint(0, 8),
            service_cities=rng.choice([[], ["ningbo"], ["hangzhou"]]),
            modes=rng.choice(
                [
                    [{"mode": "lease", "price": 8000}],
                    [{"mode": "purchase", "price": 300000}, {"mode": "lease", "price": 30000}],
                ]
            ),
            certifications=rng.choice([[], ["CE"], ["CE", "CR", "ISO 13482"]]),
            domains=rng.choice([["manufacturing"], ["retail"]]),
        )
        m = score(d, o)
        (compliant if m.ok else violating).append(m.score)
    assert compliant and violating
    assert min(compliant) > max(violating)


# ---------------------------------------------------------------- each factor


def points(m) -> dict[str, float]:
    return dict(m.points)


def test_fit_counts_the_share_of_needed_tasks_covered():
    both = score(demand(tasks=["loading", "sorting"]), offering(tasks=["loading", "sorting"]))
    half = score(demand(tasks=["loading", "sorting"]), offering(tasks=["loading"]))
    none = score(demand(tasks=["loading", "sorting"]), offering(tasks=["welding"]))
    assert points(both)["fit"] == 1 and points(none)["fit"] == 0
    assert points(half)["fit"] == pytest.approx(0.5**scoring.FIT_CREDIT, abs=1e-4)
    assert both.score > half.score > none.score
    assert "does not cover sorting" in half.texts("en")


def test_tasks_are_read_from_free_text_through_synonyms():
    d = demand(tasks=[], title="线边仓料箱物料转运", description="把料箱从货架取下，转运到工位。")
    m = score(d, offering(tasks=["handling"]))
    assert points(m)["fit"] == 1
    assert m.texts("zh")[0] == "覆盖搬运"
    patrol = score(
        demand(domain="emergency", tasks=[], title="园区夜间巡查", description="", payload_kg=None),
        offering(domains=["emergency"], tasks=[], description="四足机器人，可自主巡检管廊。"),
    )
    assert "covers patrol inspection" in patrol.texts("en")


def test_with_no_task_anywhere_fit_is_neutral_and_domain_is_said():
    m = score(demand(tasks=[], title="车间改造", description="希望提高自动化水平。"), offering())
    assert points(m)["fit"] == scoring.FIT_UNKNOWN
    assert "works in manufacturing" in m.texts("en")


def test_domain_missing_lowers_the_score():
    inside = score(demand(), offering())
    outside = score(demand(), offering(domains=["retail"]))
    assert inside.score > outside.score and outside.ok
    assert "not listed for manufacturing" in outside.texts("en")


@pytest.mark.parametrize(
    ("price", "value"), [(8000, 1.0), (10000, 1.0), (11000, 0.75), (14000, 0.35), (16000, 0.0)]
)
def test_price_against_budget_steps_down(price, value):
    m = score(demand(modes=["lease"]), offering(modes=[{"mode": "lease", "price": price}]))
    assert points(m)["commercial"] == value
    assert m.ok, "over budget is a weakness, not a hard condition"
    expected = "price_within" if price <= 10000 else "price_over"
    assert expected in codes(m)


def test_the_best_acceptable_mode_is_the_one_judged():
    d = demand(modes=["purchase", "lease"], budget={"lease": 10000, "purchase": 200000})
    o = offering(modes=[{"mode": "purchase", "price": 300000}, {"mode": "lease", "price": 9000}])
    m = score(d, o)
    assert points(m)["commercial"] == 1.0
    assert "short-term lease at 9,000 CNY per unit per month within the 10,000 budget" in m.texts("en")
    unacceptable = score(demand(modes=["purchase"], budget={"purchase": 200000}), o)
    assert "purchase at 300,000 CNY per unit, over the 200,000 budget" in unacceptable.texts("en")


def test_quantity_against_units_available():
    enough = score(demand(quantity=3), offering(units_available=3))
    short = score(demand(quantity=4), offering(units_available=1))
    assert points(enough)["quantity"] == 1 and points(short)["quantity"] == 0.25
    assert "only 1 units available for 4 wanted" in short.texts("en")
    assert short.ok and enough.score > short.score


def test_trust_verified_organization_and_certifications():
    plain = score(demand(), offering(verified=False, certifications=[]))
    certified = score(demand(), offering(verified=False, certifications=["CE", "CR"]))
    verified = score(demand(), offering(verified=True, certifications=["CE", "CR", "UL"]))
    assert points(plain)["trust"] == 0 and points(certified)["trust"] == pytest.approx(0.4)
    assert points(verified)["trust"] == pytest.approx(1.0)
    assert plain.score < certified.score < verified.score
    assert "not verified" in plain.texts("en") and "机构已认证" in verified.texts("zh")


def test_an_unstated_payload_is_a_weakness_not_a_break():
    m = score(demand(payload_kg=15), offering(payload_kg=None, description="双臂协作。"))
    assert m.ok and points(m)["conditions"] == 0
    assert "payload not stated (15 kg needed)" in m.texts("en")
    assert score(demand(payload_kg=15), offering()).score > m.score


def test_component_demands_are_judged_on_components():
    d = demand(
        kind="component",
        title="谐波减速器配套需求",
        description="年需求2000套，用于关节模组。",
        tasks=[],
        payload_kg=None,
        budget={"purchase": 3000},
        modes=["purchase"],
        quantity=2000,
    )
    reducer = offering(
        category="component",
        title="LHD-17 谐波减速器",
        tasks=[],
        payload_kg=None,
        modes=[{"mode": "purchase", "price": 2600}],
        units_available=5000,
    )
    hand = offering(
        category="component",
        title="五指灵巧手",
        tasks=[],
        payload_kg=None,
        modes=[{"mode": "purchase", "price": 2600}],
        units_available=5000,
    )
    m_reducer, m_hand = score(d, reducer), score(d, hand)
    assert "supplies reducers" in m_reducer.texts("en")
    assert any(t.startswith("does not supply reducers") for t in m_hand.texts("en"))
    assert m_reducer.score > m_hand.score


def test_scores_are_deterministic_and_bounded():
    a, b = score(demand(), offering()), score(demand(), offering())
    assert a == b
    for m in (a, score(demand(city="quzhou"), offering(service_cities=["hangzhou"]))):
        assert 0 <= m.score <= 100 and isinstance(m.score, int)


def test_text_fit_counts_when_given_and_is_neutral_otherwise():
    close, far, unknown = (score(demand(), offering(), t) for t in (1.0, 0.0, None))
    assert points(close)["text"] == 1 and points(far)["text"] == 0
    assert points(unknown)["text"] == scoring.TEXT_UNKNOWN
    assert close.score > unknown.score > far.score
    assert "described much like the need" in close.texts("en") and "描述与需求高度吻合" in close.texts("zh")
    assert "text_close" not in codes(unknown)


def test_doing_none_of_the_work_weighs_down_everything_else():
    welding = demand(title="焊接工位", tasks=["welding"])
    none = score(welding, offering(tasks=["loading"]))
    unstated = score(welding, offering(tasks=[], description="双臂协作。"))
    assert none.ok and points(none)["fit"] == 0
    assert points(unstated)["fit"] == scoring.FIT_UNKNOWN, "an offering naming no task cannot be judged"
    assert none.score < 50 < unstated.score


def test_reasons_are_codes_rendered_per_language():
    m = score(demand(city="quzhou"), offering(service_cities=["hangzhou"]))
    r = m.violations[0]
    assert r.code == "city_not_served" and r.hard
    assert r.text("en") == "does not serve Quzhou"
    assert r.text("zh") == "不服务衢州"
    assert r.as_dict("en") == {"code": "city_not_served", "tone": "bad", "text": "does not serve Quzhou"}
