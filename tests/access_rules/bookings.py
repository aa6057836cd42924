"""Access rows for bookings: the calendar and booking form, both sides' lists, one
booking and its actions, the vendor's settings, and the API."""

from tests.access import Rule


def prepare(world, make):
    """booking_a: organization A booked organization C's robot (A is the customer);
    booking_vendor_a: C booked another offering of A (A is the vendor; offering_a itself
    stays free of bookings, so that the core rules may withdraw it). B is party to neither."""
    org_c = make.org(side="both", ref="org-access-booking-vendor")
    offering_c = make.offering(
        org_c, ref="off-access-booking-other", modes=[{"mode": "sharing", "price": 100}]
    )
    offering_a = make.offering(
        world.org_a, ref="off-access-booking-a", modes=[{"mode": "sharing", "price": 80}]
    )
    world.refs["booking_a"] = make.booking(offering_c, by=world.users["owner"]).id
    world.refs["booking_vendor_a"] = make.booking(offering_a, by=make.member(org_c)).id


_BOOK = {"offering": "off-access-a", "mode": "lease"}

RULES = [
    Rule("bookings.book", "GET", "/offerings/{offering_a}/book", 200, 200, 200, 200, 200),
    Rule("bookings.book", "GET", "/offerings/{draft_offering_a}/book", 404, 200, 404, 404, 404),
    # The owner may not book its own offering; B's empty form is refused.
    Rule("bookings.book_post", "POST", "/offerings/{offering_a}/book", 302, 403, 400, 403, 403),
    Rule("bookings.mine", "GET", "/bookings", 302, 200, 200, 403, 403),
    Rule("bookings.received", "GET", "/bookings/received", 302, 200, 200, 403, 403),
    Rule("bookings.received", "GET", "/bookings/received?offering={offering_a}", 302, 200, 403, 403, 403),
    Rule("bookings.detail", "GET", "/bookings/{booking_a}", 302, 200, 404, 404, 404),
    Rule("bookings.detail", "GET", "/bookings/{booking_vendor_a}", 302, 200, 404, 404, 404),
    Rule("bookings.accept", "POST", "/bookings/{booking_vendor_a}/accept", 302, 302, 404, 404, 404),
    # A is the customer of booking_a: only the vendor answers.
    Rule("bookings.accept", "POST", "/bookings/{booking_a}/accept", 302, 403, 404, 404, 404),
    Rule("bookings.decline", "POST", "/bookings/{booking_vendor_a}/decline", 302, 302, 404, 404, 404),
    Rule("bookings.cancel", "POST", "/bookings/{booking_a}/cancel", 302, 302, 404, 404, 404),
    Rule(
        "bookings.cancel_all",
        "POST",
        "/offerings/{offering_a}/bookings/cancel-all",
        302,
        302,
        403,
        403,
        403,
        data={"comment": "停止出租"},
    ),
    Rule("bookings.settings", "GET", "/bookings/settings", 302, 200, 200, 403, 403),
    Rule("bookings.settings", "POST", "/bookings/settings", 302, 400, 400, 403, 403),
    Rule(
        "api.offering_availability",
        "GET",
        "/api/v1/offerings/{offering_a}/availability",
        200,
        200,
        200,
        200,
        200,
    ),
    Rule(
        "api.offering_availability",
        "GET",
        "/api/v1/offerings/{draft_offering_a}/availability",
        404,
        200,
        404,
        404,
        404,
    ),
    Rule("api.create_booking", "POST", "/api/v1/bookings", 401, 403, 400, 403, 403, json=_BOOK),
    Rule("api.booking_detail", "GET", "/api/v1/bookings/{booking_a}", 401, 200, 404, 404, 404),
    Rule("api.cancel_booking", "DELETE", "/api/v1/bookings/{booking_a}", 401, 200, 404, 404, 404),
]
