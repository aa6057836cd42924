"""Access rows for the pilot pages and /api/v1/pilots.

The pilot pairs organization A's need with an offering of a third organization
C; B's members are outsiders (the pilot is hidden from them: 404)."""

from tests.access import Rule


def prepare(world, make):
    from marketplace.pilots import services

    org_c = make.org(side="supply", ref="org-access-pilot-partner")
    offering_c = make.offering(org_c, ref="off-access-pilot-partner")
    pilot = services.propose(
        make.session,
        world.users["owner"],
        _demand(make, world),
        offering_c,
        {"title": "示范项目", "plan": "计划"},
    )
    world.refs.update(pilot_a=pilot.id, offering_c=offering_c.ref)


def _demand(make, world):
    from sqlalchemy import select

    from marketplace.listings.models import Demand

    return make.session.scalar(select(Demand).where(Demand.ref == world.refs["demand_a"]))


PAIR = "demand={demand_a}&offering={offering_c}"

RULES = [
    Rule("pilots.index", "GET", "/pilots", 302, 200, 200, 200, 200),
    Rule("pilots.review", "GET", "/pilots/review", 302, 403, 403, 200, 200),
    Rule("pilots.new", "GET", "/pilots/new", 302, 200, 200, 403, 403),
    Rule("pilots.new", "GET", "/pilots/new?" + PAIR, 302, 200, 403, 403, 403),
    Rule("pilots.new", "POST", "/pilots/new?" + PAIR, 302, 400, 403, 403, 403),
    Rule("pilots.detail", "GET", "/pilots/{pilot_a}", 302, 200, 404, 200, 200),
    Rule("pilots.edit", "GET", "/pilots/{pilot_a}/edit", 302, 200, 404, 403, 403),
    Rule("pilots.edit", "POST", "/pilots/{pilot_a}/edit", 302, 400, 404, 403, 403),
    # A draft the partner has not confirmed: the applicants may not submit it yet (409).
    Rule(
        "pilots.act",
        "POST",
        "/pilots/{pilot_a}/transitions",
        302,
        409,
        404,
        403,
        403,
        data={"action": "submit"},
    ),
    Rule("pilots.milestone", "POST", "/pilots/{pilot_a}/milestones", 302, 400, 404, 403, 403),
    Rule("api.create_pilot", "POST", "/api/v1/pilots", 401, 400, 400, 403, 403, json={}),
    Rule("api.get_pilot", "GET", "/api/v1/pilots/{pilot_a}", 401, 200, 404, 200, 200),
    Rule(
        "api.pilot_transition",
        "POST",
        "/api/v1/pilots/{pilot_a}/transitions",
        401,
        409,
        404,
        403,
        403,
        json={"action": "submit"},
    ),
]
