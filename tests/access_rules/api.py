"""Access rows for the core JSON API (/api/v1). Visitors other than `anon` send a
bearer token of their own; the API never looks at the cookie session.

401 = no token; 403 = may not change it; 404 = may not even see it."""

from tests.access import Rule

DEMAND = {
    "title": "仓库分拣",
    "description": "日均 3000 件。",
    "domain": "manufacturing",
    "city": "jiaxing",
    "tasks": ["sorting"],
}
OFFERING = {
    "category": "robot",
    "title": "分拣机器人",
    "description": "每小时 1200 件。",
    "domains": ["manufacturing"],
    "modes": [{"mode": "lease", "price": 5000}],
}
CHANGE = {"title": "标题已修改"}


def prepare(world, make):
    """An offering of A that no other feature's rows book: withdrawing offering_a
    may be refused (409) while it has bookings still to come."""
    world.refs["offering_api_a"] = make.offering(world.org_a, ref="off-access-api").ref


RULES = [
    Rule("api.openapi_document", "GET", "/api/v1/openapi.json", 200, 200, 200, 200, 200),
    Rule("api.demands", "GET", "/api/v1/demands", 200, 200, 200, 200, 200),
    Rule("api.offerings", "GET", "/api/v1/offerings", 200, 200, 200, 200, 200),
    Rule("api.demand_detail", "GET", "/api/v1/demands/{demand_a}", 200, 200, 200, 200, 200),
    Rule("api.demand_detail", "GET", "/api/v1/demands/{draft_demand_a}", 404, 200, 404, 404, 404),
    Rule("api.offering_detail", "GET", "/api/v1/offerings/{offering_a}", 200, 200, 200, 200, 200),
    Rule("api.offering_detail", "GET", "/api/v1/offerings/{draft_offering_a}", 404, 200, 404, 404, 404),
    # Both test organizations post on both sides; officials and admins never post.
    Rule("api.create_demand", "POST", "/api/v1/demands", 401, 201, 201, 403, 403, json=DEMAND),
    Rule("api.create_offering", "POST", "/api/v1/offerings", 401, 201, 201, 403, 403, json=OFFERING),
    Rule("api.update_demand", "PATCH", "/api/v1/demands/{demand_a}", 401, 200, 403, 403, 403, json=CHANGE),
    Rule(
        "api.update_demand", "PATCH", "/api/v1/demands/{draft_demand_a}", 401, 200, 404, 404, 404, json=CHANGE
    ),
    Rule(
        "api.update_offering", "PATCH", "/api/v1/offerings/{offering_a}", 401, 200, 403, 403, 403, json=CHANGE
    ),
    Rule(
        "api.update_offering",
        "PATCH",
        "/api/v1/offerings/{draft_offering_a}",
        401,
        200,
        404,
        404,
        404,
        json=CHANGE,
    ),
    Rule("api.withdraw_demand", "DELETE", "/api/v1/demands/{demand_a}", 401, 200, 403, 403, 403),
    Rule("api.withdraw_demand", "DELETE", "/api/v1/demands/{draft_demand_a}", 401, 200, 404, 404, 404),
    Rule("api.withdraw_offering", "DELETE", "/api/v1/offerings/{offering_api_a}", 401, 200, 403, 403, 403),
    Rule("api.withdraw_offering", "DELETE", "/api/v1/offerings/{draft_offering_a}", 401, 200, 404, 404, 404),
]
