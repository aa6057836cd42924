"""Access rows for photos and documents (/files, /api/v1/.../attachments), the
organization profile, colleagues and verification, and the public showcase.

A public photo is seen by all; a draft offering's photo and the business licence
are hidden (404) from those who may not see them."""

import io

from PIL import Image

from tests.access import Rule


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (12, 8), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def prepare(world, make):
    from sqlalchemy import select

    from marketplace.accounts import orgs
    from marketplace.attachments import services as files
    from marketplace.listings.models import Demand, Offering
    from marketplace.pilots import services as pilots

    db = make.session
    owner = world.users["owner"]
    offering = db.scalar(select(Offering).where(Offering.ref == world.refs["offering_a"]))
    draft = db.scalar(select(Offering).where(Offering.ref == world.refs["draft_offering_a"]))
    demand = db.scalar(select(Demand).where(Demand.ref == world.refs["demand_a"]))
    world.refs["att_public"] = files.add(db, owner, "offering", offering, "photo", png_bytes(), "a.png").id
    world.refs["att_draft"] = files.add(db, owner, "offering", draft, "photo", png_bytes(), "b.png").id
    world.refs["att_licence"] = files.add(
        db, owner, "organization", world.org_a, "licence", png_bytes(), "l.png"
    ).id
    colleague = make.member(world.org_a, email="colleague@access.test")
    world.refs["colleague_a"] = colleague.id
    world.refs["owner_id"] = owner.id
    org_c = make.org(side="supply", ref="org-access-rich-partner")
    pilot = pilots.propose(
        db, owner, demand, make.offering(org_c, ref="off-access-rich"), {"title": "示范", "plan": "计划"}
    )
    world.refs["pilot_rich"] = pilot.id
    _inv, raw = orgs.invite(db, owner, world.org_a, "newcomer@access.test")
    world.refs["invite_token"] = raw


RULES = [
    # Files
    Rule("attachments.serve", "GET", "/files/{att_public}", 200, 200, 200, 200, 200),
    Rule("attachments.thumb", "GET", "/files/{att_public}/thumb", 200, 200, 200, 200, 200),
    Rule("attachments.serve", "GET", "/files/{att_draft}", 404, 200, 404, 404, 404),
    Rule("attachments.thumb", "GET", "/files/{att_draft}/thumb", 404, 200, 404, 404, 404),
    Rule("attachments.serve", "GET", "/files/{att_licence}", 404, 200, 404, 200, 200),
    # Without a file the owner is sent back with the error (303); others may not add.
    Rule("attachments.upload", "POST", "/files/new/offering/{offering_a}", 302, 303, 403, 403, 403),
    Rule("attachments.upload", "POST", "/files/new/offering/{draft_offering_a}", 302, 303, 404, 404, 404),
    Rule("attachments.upload", "POST", "/files/new/demand/{demand_a}", 302, 303, 403, 403, 403),
    Rule("attachments.upload", "POST", "/files/new/pilot/{pilot_rich}", 302, 303, 404, 403, 403),
    Rule("attachments.upload", "POST", "/files/new/organization/{org_a}", 302, 303, 403, 403, 403),
    Rule("attachments.upload", "POST", "/files/new/nothing/{org_a}", 302, 404, 404, 404, 404),
    Rule("attachments.delete", "POST", "/files/{att_public}/delete", 302, 303, 403, 403, 403),
    Rule("attachments.delete", "POST", "/files/{att_draft}/delete", 302, 303, 404, 404, 404),
    Rule(
        "api.upload_offering_attachment",
        "POST",
        "/api/v1/offerings/{offering_a}/attachments",
        401,
        400,
        403,
        403,
        403,
    ),
    Rule(
        "api.upload_offering_attachment",
        "POST",
        "/api/v1/offerings/{draft_offering_a}/attachments",
        401,
        400,
        404,
        404,
        404,
    ),
    Rule(
        "api.upload_demand_attachment",
        "POST",
        "/api/v1/demands/{demand_a}/attachments",
        401,
        400,
        403,
        403,
        403,
    ),
    Rule(
        "api.upload_pilot_attachment",
        "POST",
        "/api/v1/pilots/{pilot_rich}/attachments",
        401,
        400,
        404,
        403,
        403,
    ),
    Rule(
        "api.list_offering_attachments",
        "GET",
        "/api/v1/offerings/{offering_a}/attachments",
        200,
        200,
        200,
        200,
        200,
    ),
    Rule(
        "api.list_offering_attachments",
        "GET",
        "/api/v1/offerings/{draft_offering_a}/attachments",
        404,
        200,
        404,
        404,
        404,
    ),
    Rule(
        "api.list_demand_attachments",
        "GET",
        "/api/v1/demands/{demand_a}/attachments",
        200,
        200,
        200,
        200,
        200,
    ),
    Rule(
        "api.list_pilot_attachments",
        "GET",
        "/api/v1/pilots/{pilot_rich}/attachments",
        404,
        200,
        404,
        200,
        200,
    ),
    Rule("api.delete_attachment", "DELETE", "/api/v1/attachments/{att_public}", 401, 204, 403, 403, 403),
    Rule("api.delete_attachment", "DELETE", "/api/v1/attachments/{att_licence}", 401, 204, 404, 403, 403),
    # Showcase
    Rule("showcase.index", "GET", "/showcase", 200, 200, 200, 200, 200),
    Rule("api.showcase", "GET", "/api/v1/showcase", 200, 200, 200, 200, 200),
    # Organization profile, colleagues, verification
    Rule("accounts.org_edit", "GET", "/orgs/{org_a}/edit", 302, 200, 403, 403, 403),
    Rule("accounts.org_edit", "POST", "/orgs/{org_a}/edit", 302, 303, 403, 403, 403),
    Rule("accounts.org_invite", "POST", "/orgs/{org_a}/invitations", 302, 303, 403, 403, 403),
    # The owner is the last manager: removing them is refused.
    Rule(
        "accounts.org_remove_member",
        "POST",
        "/orgs/{org_a}/members/{owner_id}/remove",
        302,
        409,
        403,
        403,
        403,
    ),
    Rule(
        "accounts.org_remove_member",
        "POST",
        "/orgs/{org_a}/members/{colleague_a}/remove",
        302,
        303,
        403,
        403,
        403,
    ),
    Rule(
        "accounts.org_hand_over",
        "POST",
        "/orgs/{org_a}/members/{colleague_a}/manager",
        302,
        303,
        403,
        403,
        403,
    ),
    Rule("accounts.org_request_verification", "POST", "/orgs/{org_a}/verification", 302, 303, 403, 403, 403),
    # Nothing pending and no reason: the official is sent back with the error.
    Rule("accounts.org_reject", "POST", "/admin/orgs/{org_a}/reject", 302, 403, 403, 303, 303),
    Rule("accounts.accept_invitation", "GET", "/invitations/{invite_token}", 200, 409, 409, 409, 409),
    Rule("accounts.accept_invitation", "POST", "/invitations/{invite_token}", 400, 409, 409, 409, 409),
    Rule("accounts.accept_invitation", "GET", "/invitations/not-a-token", 404, 404, 404, 404, 404),
]
