"""A pilot is proposed from a proposed pairing: each fitting match carries the link."""

from tests.support.auth import sign_in
from tests.web.test_matches import build_world


def test_owner_sees_propose_link_on_each_fitting_match(client, make):
    world = build_world(make)
    owner = make.member(world["buyer"])
    need = world["need"]
    sign_in(client, owner)
    html = client.get(f"/demands/{need.ref}").get_data(as_text=True)
    assert f"/pilots/new?demand={need.ref}&amp;offering=off-mw-good" in html
    # A ruled-out offering is shown with its reasons but offers no pilot.
    assert "off-mw-trap" in html  # listed under "close, but ruled out"…
    assert "offering=off-mw-trap" not in html  # …without a pilot link


def test_vendor_sees_propose_link_on_its_potential_needs(client, make):
    world = build_world(make)
    vendor = make.member(world["vendor"])
    sign_in(client, vendor)
    html = client.get("/offerings/off-mw-good").get_data(as_text=True)
    assert "/pilots/new?demand=dem-mw-stamping&amp;offering=off-mw-good" in html


def test_strangers_and_officials_get_no_propose_link_for_others_pairs(client, make):
    world = build_world(make)
    sign_in(client, make.official())
    html = client.get(f"/demands/{world['need'].ref}").get_data(as_text=True)
    assert "/pilots/new" not in html
