"""Access rows for saved searches: A's member owns one; everyone else gets 404 for it.
The unsubscribe link needs no sign-in (a signed token names the search)."""

from tests.access import Rule


def prepare(world, make):
    from marketplace.savedsearch import services

    search = make.saved_search(world.users["owner"], "demands", q="巡检", filters={"city": "ningbo"})
    world.refs["saved_owner"] = search.id
    world.refs["saved_token"] = services.unsubscribe_token(search)
    world.refs["saved_bad_token"] = services.unsubscribe_token(search)[:-3] + "xyz"


_SAVE = {"list": "offerings", "q": "巡检", "alert": "daily"}

RULES = [
    Rule("savedsearch.index", "GET", "/saved-searches", 302, 200, 200, 200, 200),
    Rule("savedsearch.create", "POST", "/saved-searches", 302, 302, 302, 302, 302, data=_SAVE),
    Rule("savedsearch.change_alert", "POST", "/saved-searches/{saved_owner}/alert", 302, 302, 404, 404, 404),
    Rule("savedsearch.delete", "POST", "/saved-searches/{saved_owner}/delete", 302, 302, 404, 404, 404),
    Rule(
        "savedsearch.unsubscribe", "GET", "/saved-searches/unsubscribe/{saved_token}", 200, 200, 200, 200, 200
    ),
    Rule(
        "savedsearch.unsubscribe",
        "GET",
        "/saved-searches/unsubscribe/{saved_bad_token}",
        404,
        404,
        404,
        404,
        404,
    ),
    Rule("api.saved_searches", "GET", "/api/v1/saved-searches", 401, 200, 200, 200, 200),
    Rule(
        "api.create_saved_search",
        "POST",
        "/api/v1/saved-searches",
        401,
        201,
        201,
        201,
        201,
        json={"list": "demands", "q": "巡检", "filters": {"city": "ningbo"}, "alert": "immediately"},
    ),  # fmt: skip
    Rule(
        "api.delete_saved_search", "DELETE", "/api/v1/saved-searches/{saved_owner}", 401, 200, 404, 404, 404
    ),
]
