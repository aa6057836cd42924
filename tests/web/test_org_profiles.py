"""Organization profiles, colleagues (invitations, removal, the manager role) and
verification with a business licence."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from marketplace.accounts import orgs
from marketplace.accounts.models import OrgEvent, OrgInvitation, User
from marketplace.db import utcnow
from marketplace.errors import Conflict, NotAllowed, NotFoundError, ValidationFailed
from marketplace.notifications.models import Notification, OutboxMail


@pytest.fixture
def team(make):
    org = make.org(side="supply", ref="org-team")
    manager = make.member(org, email="boss@example.test")
    return org, manager


def actions(db, org) -> list[str]:
    return list(db.scalars(select(OrgEvent.action).where(OrgEvent.org_id == org.id).order_by(OrgEvent.id)))


def test_first_member_is_manager_and_registration_makes_one(make, team):
    org, manager = team
    assert manager.is_manager
    assert not make.member(org).is_manager


def test_invitation_works_once_and_mails_a_link(client, db, team):
    org, manager = team
    inv, raw = orgs.invite(db, manager, org, "New@Example.test")
    orgs.queue_invitation_mail(db, inv, raw, manager, "zh")
    db.commit()
    mail = db.scalar(select(OutboxMail).where(OutboxMail.to_address == "new@example.test"))
    assert mail is not None and f"/invitations/{raw}" in mail.body
    assert db.scalar(select(OrgInvitation.token_hash)) != raw  # only the hash is stored
    page = client.get(f"/invitations/{raw}")
    assert page.status_code == 200 and org.name in page.get_data(as_text=True)
    r = client.post(
        f"/invitations/{raw}",
        data={"name": "新同事", "password": "Sturdy-Pass-91", "confirm": "Sturdy-Pass-91"},
    )
    assert r.status_code == 303
    newcomer = db.scalar(select(User).where(User.email == "new@example.test"))
    assert newcomer.org_id == org.id and not newcomer.is_manager
    client.post("/logout")
    again = client.post(
        f"/invitations/{raw}", data={"name": "x", "password": "Sturdy-Pass-91", "confirm": "Sturdy-Pass-91"}
    )
    assert again.status_code == 409
    with pytest.raises(Conflict):
        orgs.accept(db, raw, "y", "Sturdy-Pass-91")
    assert "joined" in actions(db, org)
    assert db.scalar(
        select(Notification).where(Notification.user_id == manager.id, Notification.kind == "organization")
    )


def test_expired_invitation_is_refused(client, db, team):
    org, manager = team
    inv, raw = orgs.invite(db, manager, org, "late@example.test")
    inv.expires_at = utcnow() - timedelta(minutes=1)
    db.flush()
    r = client.get(f"/invitations/{raw}")
    assert r.status_code == 409 and "过期" in r.get_data(as_text=True)
    with pytest.raises(Conflict):
        orgs.accept(db, raw, "Late", "Sturdy-Pass-91")
    with pytest.raises(NotFoundError):
        orgs.invitation_for(db, "no-such-token")


def test_invitation_for_an_address_already_a_member(client, auth, db, make, team):
    org, manager = team
    colleague = make.member(org, email="there@example.com")
    with pytest.raises(ValidationFailed) as err:
        orgs.invite(db, manager, org, "THERE@example.com")
    assert "email" in err.value.fields
    outsider = make.member(make.org(), email="elsewhere@example.test")
    with pytest.raises(ValidationFailed):
        orgs.invite(db, colleague, org, outsider.email)
    auth.login(manager)
    r = client.post("/orgs/org-team/invitations", data={"inv-email": "there@example.com"})
    assert r.status_code == 303
    assert "已是您机构的成员" in client.get("/orgs/org-team").get_data(as_text=True)


def test_removing_the_last_manager_is_refused_and_the_role_can_be_handed_over(db, make, team):
    org, manager = team
    colleague = make.member(org)
    with pytest.raises(Conflict):
        orgs.remove_member(db, manager, org, manager)
    with pytest.raises(NotAllowed):
        orgs.remove_member(db, colleague, org, manager)  # only a manager removes others
    orgs.hand_over(db, manager, org, colleague)
    assert colleague.is_manager and not manager.is_manager
    with pytest.raises(Conflict):
        orgs.remove_member(db, colleague, org, colleague)  # now the last manager
    orgs.remove_member(db, colleague, org, manager)
    assert not manager.active
    assert actions(db, org)[-2:] == ["manager_handed_over", "removed"]


def test_profile_edit_keeps_what_was_typed_on_error(client, auth, db, team):
    org, manager = team
    auth.login(manager)
    r = client.post(
        "/orgs/org-team/edit",
        data={"description": "我们做巡检机器人", "website": "not a url", "contact_phone": "0571-88886666"},
    )
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "我们做巡检机器人" in page and "https://" in page
    r = client.post(
        "/orgs/org-team/edit",
        data={"description": "我们做巡检机器人", "website": "https://robots.example.test", "contact_name": "王工",
              "contact_phone": "0571-88886666", "contact_email": "sales@robots.example.com"},
    )  # fmt: skip
    assert r.status_code == 303
    assert org.website == "https://robots.example.test" and org.contact_name == "王工"
    page = client.get("/orgs/org-team").get_data(as_text=True)
    assert "sales@robots.example.com" in page and "0571-88886666" in page
    assert actions(db, org) == ["profile_edited"]


def test_verification_with_a_licence(app, client, auth, db, make, team):
    org, manager = team
    official = make.official()
    with pytest.raises(ValidationFailed):
        orgs.request_verification(db, manager, org)  # no licence yet
    make.attachment("organization", org, kind="licence", user=manager, filename="licence.png")
    orgs.request_verification(db, manager, org)
    assert org.verification == "pending"
    with pytest.raises(ValidationFailed):
        orgs.reject(db, official, org, "")  # a reason is required
    orgs.reject(db, official, org, "执照照片不清晰")
    assert org.verification == "rejected" and not org.verified
    orgs.request_verification(db, manager, org)
    auth.login(official)
    r = client.post("/admin/orgs/org-team/verify", data={"verified": "1"})
    assert r.status_code == 302 and org.verified and org.verified_at is not None
    page = client.get("/orgs/org-team").get_data(as_text=True)
    # Shown as a date in the site's time zone (Asia/Shanghai): past 16:00 UTC, the next day.
    local = org.verified_at.replace(tzinfo=UTC).astimezone(ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"]))
    assert local.strftime("%Y-%m-%d") in page
    r = client.post("/admin/orgs/org-team/verify", data={"verified": "0", "reason": "执照已注销"})
    assert not org.verified and org.verification == "revoked"
    assert actions(db, org) == [
        "verification_requested", "verification_rejected", "verification_requested", "verified", "verification_revoked",
    ]  # fmt: skip
    notices = db.scalars(select(Notification.subject_zh).where(Notification.user_id == manager.id)).all()
    assert len(notices) == 5
    # The licence is for the organization and officials only.
    lic = orgs.licences(db, org)[0]
    client.post("/logout")
    assert client.get(f"/files/{lic.id}").status_code == 404
    auth.login(make.member(make.org()))
    assert client.get(f"/files/{lic.id}").status_code == 404
