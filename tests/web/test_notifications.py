"""Notifications: delivery in the inbox and by mail, preferences, digests, match
alerts, no duplicates, nothing about closed records."""

from __future__ import annotations

from datetime import timedelta

import flask_babel
import pytest
from flask_babel import lazy_gettext
from sqlalchemy import delete, event, func, select

from marketplace.db import utcnow
from marketplace.listings.hooks import after_listings_changed
from marketplace.notifications import mail, services
from marketplace.notifications.models import DigestRun, Notification, OutboxMail
from tests.support.auth import signed_in
from tests.support.pilots import install_fake_matcher, pair_world


def _count(db, model, *where) -> int:
    return db.scalar(select(func.count()).select_from(model).where(*where))


def _notices(db, user) -> list[Notification]:
    return list(
        db.scalars(select(Notification).where(Notification.user_id == user.id).order_by(Notification.id))
    )


class FakeSMTP:
    sent: list = []
    fail = False

    def __init__(self, host, port, timeout=None):
        self.host, self.port = host, port

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        if FakeSMTP.fail:
            raise OSError("connection refused")
        FakeSMTP.sent.append(message)

    def quit(self):
        pass


@pytest.fixture
def smtp(app, monkeypatch):
    FakeSMTP.sent, FakeSMTP.fail = [], False
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    app.config.update(SMTP_HOST="smtp.example.test", SMTP_PORT="25", MAIL_FROM="noreply@example.test")
    return FakeSMTP


@pytest.fixture
def world(make):
    return pair_world(make)


# ---------------------------------------------------------------- delivery


def test_a_transition_reaches_both_organizations_and_on_submission_the_officials(db, world):
    pilot = world.pilot("draft")  # proposed by the vendor, confirmed by the hospital
    assert [n.kind for n in _notices(db, world.demand_member)] == ["pilot"], (
        "the partner heard of the proposal"
    )
    assert [n.kind for n in _notices(db, world.offering_member)] == ["pilot"], (
        "the proposer of the confirmation"
    )
    pilot.submit(world.offering_member)
    hospital = _notices(db, world.demand_member)
    assert len(hospital) == 2 and hospital[-1].link == f"/pilots/{pilot.id}"
    assert "已提交申报" in hospital[-1].subject_zh and "submitted for review" in hospital[-1].subject_en
    assert [n.kind for n in _notices(db, world.official)] == ["pilot_review"]
    assert [n.kind for n in _notices(db, world.admin)] == ["pilot_review"]
    assert _notices(db, world.outsider) == []
    assert len(_notices(db, world.offering_member)) == 1, "nobody is told of their own action"
    pilot.request_changes(world.official, "请补充材料")
    assert _notices(db, world.demand_member)[-1].body_zh == "请补充材料", (
        "the comment travels with the notice"
    )


def test_inbox_badge_open_and_read_all(app, db, world):
    pilot = world.pilot("submitted")
    client = signed_in(app, world.demand_member)
    home = client.get("/").get_data(as_text=True)
    assert 'data-unread="2"' in home
    inbox = client.get("/notifications").get_data(as_text=True)
    assert "已提交申报" in inbox
    first = _notices(db, world.demand_member)[-1]
    response = client.post(f"/notifications/{first.id}/open")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/pilots/{pilot.id}")
    assert 'data-unread="1"' in client.get("/").get_data(as_text=True)
    assert client.post("/notifications/read-all").status_code == 302
    assert "data-unread" not in client.get("/").get_data(as_text=True)
    assert services.unread_count(db, world.demand_member) == 0


def test_nobody_opens_anothers_notice(app, db, world):
    world.pilot("submitted")
    notice = _notices(db, world.demand_member)[0]
    client = signed_in(app, world.offering_member)
    assert client.post(f"/notifications/{notice.id}/open").status_code == 404
    db.refresh(notice)
    assert notice.read_at is None


def test_the_inbox_speaks_the_readers_language(app, world):
    world.pilot("submitted")
    client = signed_in(app, world.demand_member)
    client.get("/lang/en")
    flask_babel.refresh()
    assert "submitted for review" in client.get("/notifications").get_data(as_text=True)


def test_a_notice_link_never_leads_off_site(app, db, world):
    ids = services.notify(db, [world.demand_member], "pilot", "x", "", "//evil.example/", key="evil")
    client = signed_in(app, world.demand_member)
    response = client.post(f"/notifications/{ids[0]}/open")
    assert response.headers["Location"].endswith("/notifications")


# ---------------------------------------------------------------- mail and preferences


def test_without_smtp_mail_is_kept_in_the_outbox(db, world):
    world.demand_member.locale = "en"
    services.notify(
        db,
        [world.demand_member, world.offering_member],
        "pilot",
        lazy_gettext("Pilot “%(title)s” approved", title="配送"),
        "",
        "/pilots/1",
        key="k1",
    )
    rows = list(db.scalars(select(OutboxMail).order_by(OutboxMail.id)))
    assert [r.status for r in rows] == ["logged", "logged"]
    by_user = {r.user_id: r for r in rows}
    assert by_user[world.demand_member.id].subject == "[Humanoid Robot+] Pilot “配送” approved"
    assert by_user[world.offering_member.id].subject.startswith("【人形机器人+】 示范项目“配送”已获批准")
    assert (
        "http://" in by_user[world.offering_member.id].body
        and "/pilots/1" in by_user[world.offering_member.id].body
    )


def test_preferences_off_daily_immediately(db, world):
    services.set_preferences(db, world.demand_member, {"pilot": "off"})
    services.set_preferences(db, world.offering_member, {"pilot": "daily"})
    made = services.notify(
        db,
        [world.demand_member, world.offering_member, world.outsider],
        "pilot",
        "主题",
        "正文",
        "/pilots/1",
        key="pref",
    )
    assert len(made) == 2
    assert _notices(db, world.demand_member) == [], "off: nothing at all"
    assert _notices(db, world.offering_member)[0].email_state == "digest"
    assert _notices(db, world.outsider)[0].email_state == "queued"
    assert _count(db, OutboxMail, OutboxMail.user_id == world.outsider.id) == 1
    assert _count(db, OutboxMail, OutboxMail.user_id == world.offering_member.id) == 0
    with pytest.raises(services.ValidationFailed):
        services.set_preferences(db, world.outsider, {"pilot": "hourly"})


def test_the_settings_page_saves_choices_and_language(app, db, world):
    client = signed_in(app, world.demand_member)
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert 'name="kind_match_offering"' in page and 'name="kind_pilot_review"' not in page
    data = {
        "kind_pilot": "daily",
        "kind_match_offering": "off",
        "kind_match_demand": "daily",
        "kind_booking": "immediately",
        "kind_organization": "immediately",
        "kind_deal_invitation": "immediately",
        "kind_deal_response": "immediately",
        "kind_deal_message": "daily",
        "kind_deal_decision": "immediately",
        "mail_language": "en",
    }
    assert client.post("/notifications/settings", data=data).status_code == 302
    assert services.preferences(db, world.demand_member)["pilot"] == "daily"
    assert services.preferences(db, world.demand_member)["match_offering"] == "off"
    db.refresh(world.demand_member)
    assert world.demand_member.locale == "en"
    assert client.post("/notifications/settings", data={**data, "kind_pilot": "hourly"}).status_code == 400


def test_smtp_delivers_once_after_the_request(app, db, world, smtp):
    pilot = world.pilot("submitted")
    db.commit()
    client = signed_in(app, world.official)
    assert client.post(f"/pilots/{pilot.id}/transitions", data={"action": "approve"}).status_code == 302
    recipients = sorted(m["To"] for m in smtp.sent)
    assert world.demand_member.email in recipients and world.offering_member.email in recipients
    assert all(r.status == "sent" for r in db.scalars(select(OutboxMail).where(OutboxMail.kind == "pilot")))
    before = len(smtp.sent)
    assert mail.deliver_pending(db) == {"sent": 0, "failed": 0, "logged": 0}
    assert len(smtp.sent) == before, "never the same mail twice"


def test_a_failing_smtp_server_keeps_the_mail_for_later(app, db, world, smtp):
    smtp.fail = True
    services.notify(db, [world.demand_member], "pilot", "主题", "", "/x", key="retry")
    db.commit()
    assert mail.deliver_pending(db)["failed"] == 1
    row = db.scalar(select(OutboxMail))
    assert (row.status, row.attempts) == ("pending", 1) and "refused" in row.error
    assert row.next_attempt_at >= row.created_at + mail.backoff(1), "waits before the next attempt"
    smtp.fail = False
    assert mail.deliver_pending(db)["sent"] == 0, "not before its back-off has passed"
    row.next_attempt_at = row.created_at  # the back-off has passed
    db.commit()
    assert mail.deliver_pending(db)["sent"] == 1
    db.refresh(row)
    assert row.status == "sent" and len(smtp.sent) == 1


def test_a_mail_deleted_after_its_claim_is_skipped(app, db, world, smtp):
    """Another process deletes a mail between this worker's claim and its read: the
    worker skips it and sends the rest (it used to stop on the missing row)."""
    services.notify(db, [world.demand_member], "pilot", "一", "", "/x", key="gone")
    services.notify(db, [world.offering_member], "pilot", "二", "", "/y", key="kept")
    db.commit()
    gone, kept = db.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
    gone_id, kept_address = gone.id, kept.to_address
    deleted = []

    @event.listens_for(db, "do_orm_execute")
    def _delete_after_the_first_claim(state):
        if not state.is_update or deleted:
            return None
        result = state.invoke_statement()
        state.session.connection().execute(delete(OutboxMail.__table__).where(OutboxMail.id == gone_id))
        deleted.append(gone_id)
        return result

    db.expunge_all()
    assert mail.deliver_pending(db) == {"sent": 1, "failed": 0, "logged": 0}
    assert deleted == [gone_id] and [m["To"] for m in smtp.sent] == [kept_address]


# ---------------------------------------------------------------- duplicates and closed records


def test_never_the_same_notice_twice(db, world):
    for _ in range(3):
        services.notify(db, [world.demand_member], "pilot", "主题", "正文", "/pilots/1", key="once")
    services.notify(db, [world.demand_member], "pilot", "同一内容", "", "/pilots/2")
    services.notify(db, [world.demand_member], "pilot", "同一内容", "", "/pilots/2")
    assert len(_notices(db, world.demand_member)) == 2
    assert _count(db, OutboxMail, OutboxMail.user_id == world.demand_member.id) == 2


def test_no_notices_about_closed_records(db, world):
    world.demand.status = "closed"
    assert (
        services.notify(
            db, [world.offering_member], "match_demand", "x", "", "/d", about=(world.demand, world.offering)
        )
        == []
    )
    assert _notices(db, world.offering_member) == []


# ---------------------------------------------------------------- match alerts


def test_match_alerts_in_both_directions_once_per_pair(app, db, make, world, monkeypatch):
    weak = make.offering(world.outsider.organization, ref="off-weak")
    own = make.offering(world.demand_org, ref="off-own")
    install_fake_matcher(
        monkeypatch,
        for_offering=lambda o: (
            [(world.demand, 88)] if o.id in (world.offering.id, own.id) else [(world.demand, 40)]
        ),
        for_demand=lambda d: [(world.offering, 88), (weak, 40), (own, 95)],
    )
    after_listings_changed([], [world.offering.id, weak.id, own.id])
    hospital = _notices(db, world.demand_member)
    assert [n.kind for n in hospital] == ["match_offering"], "only the high score of another organization"
    assert world.offering.title in hospital[0].subject_zh and "88" in hospital[0].subject_zh
    assert hospital[0].link == f"/offerings/{world.offering.ref}"
    after_listings_changed([world.demand.id], [world.offering.id])
    assert len(_notices(db, world.demand_member)) == 1, "no second notice for the same pair"
    assert [n.kind for n in _notices(db, world.offering_member)] == ["match_demand"]
    assert _notices(db, world.outsider) == []


def test_match_alerts_skip_closed_records(db, world, monkeypatch):
    install_fake_matcher(monkeypatch, for_offering=lambda o: [(world.demand, 90)])
    world.demand.status = "closed"
    db.flush()
    after_listings_changed([], [world.offering.id])
    assert _notices(db, world.demand_member) == []


def test_match_mail_is_capped_at_one_a_day(db, make, world, monkeypatch):
    services.set_preferences(db, world.demand_member, {"match_offering": "immediately"})
    second = make.offering(world.offering_org, ref="off-second-fit")
    install_fake_matcher(monkeypatch, for_offering=lambda o: [(world.demand, 90)])
    after_listings_changed([], [world.offering.id])
    after_listings_changed([], [second.id])
    states = [n.email_state for n in _notices(db, world.demand_member)]
    assert states == ["queued", "digest"], "the second match waits for the digest"
    assert _count(db, OutboxMail, OutboxMail.user_id == world.demand_member.id) == 1


# ---------------------------------------------------------------- digests


def test_one_digest_a_day_and_closed_records_dropped(db, make, world):
    services.set_preferences(db, world.demand_member, {"match_offering": "daily", "pilot": "daily"})
    other = make.offering(world.offering_org, ref="off-closing")
    services.notify(
        db,
        [world.demand_member],
        "match_offering",
        "匹配一",
        "",
        "/o/1",
        key="m1",
        about=(world.demand, world.offering),
    )
    services.notify(
        db,
        [world.demand_member],
        "match_offering",
        "匹配二",
        "",
        "/o/2",
        key="m2",
        about=(world.demand, other),
    )
    services.notify(db, [world.demand_member], "pilot", "项目进展", "", "/pilots/9", key="p1")
    other.status = "withdrawn"
    db.flush()
    summary = services.send_digests(db)
    assert (summary.digests, summary.notices, summary.dropped) == (1, 2, 1)
    digest = db.scalar(select(OutboxMail).where(OutboxMail.kind == "digest"))
    assert digest.user_id == world.demand_member.id
    assert "匹配一" in digest.body and "项目进展" in digest.body and "匹配二" not in digest.body
    assert "2 条通知" in digest.subject
    services.notify(db, [world.demand_member], "pilot", "再一条", "", "/pilots/10", key="p2")
    again = services.send_digests(db)
    assert (again.digests, again.deferred) == (0, 1), "at most one digest a day"
    tomorrow = services.send_digests(db, now=utcnow() + timedelta(days=1))
    assert tomorrow.digests == 1
    assert _count(db, DigestRun, DigestRun.user_id == world.demand_member.id) == 2


def test_send_digests_command(app, db, world, runner):
    services.set_preferences(db, world.demand_member, {"pilot": "daily"})
    services.notify(db, [world.demand_member], "pilot", "项目进展", "", "/pilots/1", key="cli")
    db.commit()
    result = runner.invoke(args=["send-digests"])
    assert result.exit_code == 0, result.output
    assert "digests written: 1" in result.output and "kept in the outbox" in result.output
    assert db.scalar(select(OutboxMail.status).where(OutboxMail.kind == "digest")) == "logged"


def test_the_badge_count_comes_with_the_signed_in_user_in_one_statement(app, db, make):
    """A page's header reads the unread count in the statement that loads the
    signed-in person: no statement of its own, and only their unread notices."""
    from sqlalchemy import event

    from marketplace.notifications.models import Notification

    member, other = make.member(make.org()), make.member(make.org())
    read = make.notification(member, subject="已读")
    make.notification(member, subject="未读一")
    make.notification(member, subject="未读二")
    make.notification(other, subject="别人的")
    db.get(Notification, read).read_at = db.get(Notification, read).created_at
    db.commit()
    client = signed_in(app, member)
    db.expunge_all()  # as a served request's new session: the person is not loaded yet
    statements: list[str] = []
    record = lambda *args: statements.append(args[2])  # noqa: E731
    engine = app.extensions["db_engine"]
    event.listen(engine, "before_cursor_execute", record)
    try:
        page = client.get("/").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert 'data-unread="2"' in page
    with_user = [q for q in statements if "FROM users" in q and "notifications" in q]
    assert len(with_user) == 1, statements
    assert not [q for q in statements if "FROM notifications" in q and "FROM users" not in q], statements
