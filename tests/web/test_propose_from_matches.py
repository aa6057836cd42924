"""A pilot is proposed from a proposed pairing: each fitting match carries the link."""

from tests.factories import PASSWORD
from tests.web.test_matches import build_world


def test_owner_sees_propose_link_on_each_fitting_match(client, make):
    world = build_world(make)
    owner = make.member(world["buyer"])
    need = world["need"]
    client.post("/login", data={"email": owner.email, "password": PASSWORD})
    html = client.get(f"/demands/{need.ref}").get_data(as_text=True)
    assert f"/pilots/new?demand={need.ref}&amp;offering=off-mw-good" in html
    # A ruled-out offering is shown with its reasons but offers no pilot.
    assert "off-mw-trap" in html  # listed under "close, but ruled out"…
    assert "offering=off-mw-trap" not in html  # …without a pilot link


def test_vendor_sees_propose_link_on_its_potential_needs(client, make):
    world = build_world(make)
    vendor = make.member(world["vendor"])
    client.post("/login", data={"email": vendor.email, "password": PASSWORD})
    html = client.get("/offerings/off-mw-good").get_data(as_text=True)
    assert "/pilots/new?demand=dem-mw-stamping&amp;offering=off-mw-good" in html


def test_strangers_and_officials_get_no_propose_link_for_others_pairs(client, make):
    world = build_world(make)
    client.post("/login", data={"email": make.official().email, "password": PASSWORD})
    html = client.get(f"/demands/{world['need'].ref}").get_data(as_text=True)
    assert "/pilots/new" not in html
