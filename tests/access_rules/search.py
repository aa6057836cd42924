"""Access rows for search and matching: /search is public (it only ever shows public
records); match lists are for the record's organization and officials."""

from tests.access import Rule

RULES = [
    Rule("search.search", "GET", "/search?q=冲压 上下料", 200, 200, 200, 200, 200),
    Rule("search.search", "GET", "/search?q=&kind=offering&city=ningbo&page=2", 200, 200, 200, 200, 200),
    Rule("api.demand_matches", "GET", "/api/v1/demands/{demand_a}/matches", 401, 200, 403, 200, 200),
    Rule("api.demand_matches", "GET", "/api/v1/demands/{draft_demand_a}/matches", 401, 200, 404, 404, 404),
    Rule("api.offering_matches", "GET", "/api/v1/offerings/{offering_a}/matches", 401, 200, 403, 200, 200),
    Rule(
        "api.offering_matches",
        "GET",
        "/api/v1/offerings/{draft_offering_a}/matches?limit=3",
        401,
        200,
        404,
        404,
        404,
    ),
]
