"""GET /api/v1/demands and /api/v1/offerings: public records only, filters,
pagination with metadata, and 400 naming every bad parameter."""

from __future__ import annotations

import pytest

from marketplace.interchange.exporter import demand_dict, offering_dict


def _refs(response) -> set[str]:
    assert response.status_code == 200, response.json
    return {item["ref"] for item in response.json["items"]}


def test_items_are_in_the_interchange_shape(api, make):
    demand = make.demand(ref="dem-shape")
    offering = make.offering(ref="off-shape")
    assert api.get("/api/v1/demands").json["items"] == [demand_dict(demand)]
    assert api.get("/api/v1/offerings").json["items"] == [offering_dict(offering)]


def test_only_public_records_are_listed_for_everyone(api, make):
    org_a, org_b = make.org(side="both"), make.org(side="both")
    make.demand(org_a, ref="dem-open")
    for status in ("draft", "closed"):
        make.demand(org_a, ref=f"dem-{status}", status=status)
    make.offering(org_a, ref="off-active")
    for status in ("draft", "withdrawn"):
        make.offering(org_a, ref=f"off-{status}", status=status)
    for client in (api, api.as_(make.member(org_b)), api.as_(make.member(org_a)), api.as_(make.official())):
        assert _refs(client.get("/api/v1/demands")) == {"dem-open"}
        assert _refs(client.get("/api/v1/offerings")) == {"off-active"}
        searched = client.get("/api/v1/demands?q=冲压&domain=manufacturing&per_page=100")
        assert _refs(searched) == {"dem-open"}


def test_demand_filters(api, make):
    verified = make.org(side="demand", verified=True)
    make.demand(
        verified,
        ref="d-mfg-ningbo",
        city="ningbo",
        domain="manufacturing",
        tasks=["welding"],
        modes=["purchase"],
        title="焊接工位",
    )
    make.demand(
        ref="d-care-hz",
        city="hangzhou",
        domain="eldercare",
        tasks=["companionship"],
        modes=["lease"],
        title="养老院陪护",
        description="夜间巡房",
    )
    make.demand(
        ref="d-any-mode",
        city="hangzhou",
        domain="manufacturing",
        tasks=["loading"],
        modes=[],
        kind="component",
        title="关节模组",
        description="减速器",
    )
    cases = {
        "domain=manufacturing": {"d-mfg-ningbo", "d-any-mode"},
        "city=hangzhou": {"d-care-hz", "d-any-mode"},
        "task=welding": {"d-mfg-ningbo"},
        "mode=lease": {"d-care-hz", "d-any-mode"},  # no modes: any mode is acceptable
        "kind=component": {"d-any-mode"},
        "verified=1": {"d-mfg-ningbo"},
        "q=巡房": {"d-care-hz"},
        "q=焊接&city=hangzhou": set(),
        "domain=manufacturing&city=hangzhou": {"d-any-mode"},
        "domain=&city=": {"d-mfg-ningbo", "d-care-hz", "d-any-mode"},  # empty means no filter
    }
    for query, expected in cases.items():
        assert _refs(api.get(f"/api/v1/demands?{query}")) == expected, query


def test_offering_filters(api, make):
    make.offering(
        ref="o-mfg",
        domains=["manufacturing"],
        tasks=["welding"],
        service_cities=["ningbo"],
        modes=[{"mode": "purchase", "price": 100}],
        category="robot",
        title="焊接机器人",
    )
    make.offering(
        ref="o-care",
        domains=["eldercare"],
        tasks=["companionship"],
        service_cities=[],
        modes=[{"mode": "lease", "price": 50}],
        category="humanoid",
        title="陪护机器人",
        description="语音交互",
    )
    cases = {
        "domain=eldercare": {"o-care"},
        "task=welding": {"o-mfg"},
        "city=ningbo": {"o-mfg", "o-care"},  # no service cities: serves all of Zhejiang
        "city=wenzhou": {"o-care"},
        "mode=purchase": {"o-mfg"},
        "category=humanoid": {"o-care"},
        "q=语音": {"o-care"},
        "q=' OR 1=1--": set(),
        "q=%": set(),
        "q=_": set(),
        'q="unterminated': set(),
        "q=title:(": set(),
        "q=*": set(),
    }
    for query, expected in cases.items():
        assert _refs(api.get(f"/api/v1/offerings?{query}")) == expected, query


def test_price_sort(api, make):
    make.offering(ref="o-cheap", modes=[{"mode": "lease", "price": 100}])
    make.offering(ref="o-dear", modes=[{"mode": "lease", "price": 900}])
    asc = api.get("/api/v1/offerings?mode=lease&sort=price_asc").json["items"]
    desc = api.get("/api/v1/offerings?mode=lease&sort=price_desc").json["items"]
    assert [i["ref"] for i in asc] == ["o-cheap", "o-dear"]
    assert [i["ref"] for i in desc] == ["o-dear", "o-cheap"]


def test_pagination_metadata(api, make):
    org = make.org(side="demand")
    for i in range(5):
        make.demand(org, ref=f"dem-page-{i}", title=f"需求{i}")
    first = api.get("/api/v1/demands?per_page=2&sort=title").json
    assert {k: first[k] for k in ("page", "per_page", "total", "pages")} == {
        "page": 1,
        "per_page": 2,
        "total": 5,
        "pages": 3,
    }
    seen = []
    for page in (1, 2, 3):
        body = api.get(f"/api/v1/demands?per_page=2&page={page}&sort=title").json
        seen += [i["ref"] for i in body["items"]]
    assert seen == [f"dem-page-{i}" for i in range(5)]
    beyond = api.get("/api/v1/demands?per_page=2&page=4").json
    assert beyond["items"] == [] and beyond["total"] == 5 and beyond["page"] == 4


def test_default_and_largest_page_size(api, make):
    org = make.org(side="supply")
    for i in range(21):
        make.offering(org, ref=f"off-size-{i}")
    assert api.get("/api/v1/offerings").json["per_page"] == 20
    assert len(api.get("/api/v1/offerings").json["items"]) == 20
    assert len(api.get("/api/v1/offerings?per_page=100").json["items"]) == 21


@pytest.mark.parametrize(
    "query, field",
    [
        ("domain=nope", "domain"),
        ("task=flying", "task"),
        ("city=shanghai", "city"),
        ("mode=gift", "mode"),
        ("kind=scenery", "kind"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=１", "page"),
        ("page=100001", "page"),
        ("page=99999999999999999999999", "page"),
        ("page=" + "9" * 5000, "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("per_page=2.5", "per_page"),
        ("sort=id;drop", "sort"),
        ("verified=yes", "verified"),
        ("q=" + "长" * 5000, "q"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(api, query, field):
    r = api.get(f"/api/v1/demands?{query}")
    assert r.status_code == 400
    assert r.json["error"] == "invalid"
    assert list(r.json["fields"]) == [field]


def test_every_bad_parameter_is_reported_at_once(api):
    r = api.get("/api/v1/offerings?domain=x&city=y&category=z&per_page=1000&lang=en")
    assert r.status_code == 400
    assert set(r.json["fields"]) == {"domain", "city", "category", "per_page"}
    assert r.json["fields"]["domain"] == "unknown code: x"
    zh = api.get("/api/v1/offerings?domain=x")
    assert zh.json["fields"]["domain"] == "未知代码：x"


def test_category_is_not_a_demand_filter_nor_kind_an_offering_filter(api, make):
    make.demand(ref="dem-x")
    make.offering(ref="off-x")
    assert _refs(api.get("/api/v1/demands?category=nonsense")) == {"dem-x"}
    assert _refs(api.get("/api/v1/offerings?kind=nonsense")) == {"off-x"}
