"""Access rows for the deal pages and the deal API.

Organization A (the owner) posted the need; a third organization C responded to
it with a quote. B's members are outsiders: the response, its conversation and
the comparison are hidden from them (404); they may not act on A's need (403)."""

from datetime import date, timedelta

from tests.access import Rule


def prepare(world, make):
    from sqlalchemy import select

    from marketplace.deals import services
    from marketplace.listings.models import Demand

    org_c = make.org(side="supply", ref="org-access-deal-vendor")
    offering_c = make.offering(org_c, ref="off-access-deal-vendor")
    vendor = make.member(org_c, email="vendor@access.test")
    demand = make.session.scalar(select(Demand).where(Demand.ref == world.refs["demand_a"]))
    response = services.respond(
        make.session,
        vendor,
        demand,
        offering_c,
        offering_c.modes[0]["mode"],
        {"price": 1000, "units": 1, "valid_until": date.today() + timedelta(days=30)},
    )
    world.refs.update(response_a=response.id, offering_c=offering_c.ref)


D = "/demands/{demand_a}"
R = "/responses/{response_a}"
API = "/api/v1"

RULES = [
    Rule("deals.leads", "GET", "/leads", 302, 200, 200, 403, 403),
    # An empty invitation form goes back to the need's page with a message.
    Rule("deals.invite", "POST", D + "/invitations", 302, 302, 403, 403, 403),
    # Its own organization cannot respond to its need; B has no active offering to quote.
    Rule("deals.respond", "GET", D + "/respond", 302, 403, 403, 403, 403),
    Rule("deals.respond", "POST", D + "/respond", 302, 403, 403, 403, 403),
    Rule("deals.response_detail", "GET", R, 302, 200, 404, 200, 200),
    Rule("deals.revise", "GET", R + "/revise", 302, 403, 404, 403, 403),
    Rule("deals.revise", "POST", R + "/revise", 302, 403, 404, 403, 403),
    # Withdrawing is the vendor's action: the buyer and officials get 403.
    Rule("deals.act", "POST", R + "/transitions", 302, 403, 404, 403, 403, data={"action": "withdraw"}),
    Rule("deals.message", "POST", R + "/messages", 302, 400, 404, 403, 403),
    Rule("deals.comparison", "GET", D + "/comparison", 302, 200, 404, 200, 200),
    Rule("api.get_leads", "GET", API + "/leads", 401, 200, 200, 403, 403),
    Rule("api.invite", "POST", API + D + "/invitations", 401, 400, 403, 403, 403, json={}),
    Rule("api.create_response", "POST", API + D + "/responses", 401, 400, 400, 400, 400, json={}),
    Rule("api.list_responses", "GET", API + D + "/responses", 401, 200, 404, 200, 200),
    Rule("api.get_response", "GET", API + R, 401, 200, 404, 200, 200),
    Rule("api.revise_response", "PATCH", API + R, 401, 403, 404, 403, 403, json={"price": 900}),
    Rule(
        "api.response_transition",
        "POST",
        API + R + "/transitions",
        401,
        403,
        404,
        403,
        403,
        json={"action": "withdraw"},
    ),
    Rule("api.list_messages", "GET", API + R + "/messages", 401, 200, 404, 200, 200),
    Rule("api.post_message", "POST", API + R + "/messages", 401, 400, 404, 403, 403, json={}),
    Rule("api.get_comparison", "GET", API + D + "/comparison", 401, 200, 404, 200, 200),
]
