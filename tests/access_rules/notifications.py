"""Access rows for the notification inbox and settings. A's member has one notice;
nobody else may open it (404)."""

from tests.access import Rule


def prepare(world, make):
    world.refs["notice_owner"] = make.notification(world.users["owner"], link="/pilots", key="access-walk")


RULES = [
    Rule("notifications.inbox", "GET", "/notifications", 302, 200, 200, 200, 200),
    Rule("notifications.open_notice", "POST", "/notifications/{notice_owner}/open", 302, 302, 404, 404, 404),
    Rule("notifications.read_all", "POST", "/notifications/read-all", 302, 302, 302, 302, 302),
    Rule("notifications.settings", "GET", "/notifications/settings", 302, 200, 200, 200, 200),
    Rule("notifications.settings", "POST", "/notifications/settings", 302, 400, 400, 400, 400),
]
