"""GET /api/v1/demands/<ref>/matches never answers an empty list while a
candidate exists: the closest offerings, marked `closest`, with what keeps each
from fitting (issue 13)."""

from __future__ import annotations

import pytest

from tests.web.test_matches_closest import build_nothing_fits


@pytest.fixture
def nothing_fits(make):
    return build_nothing_fits(make)


def test_the_api_marks_the_closest(api, make, nothing_fits):
    r = api.as_(make.member(nothing_fits["buyer"])).get("/api/v1/demands/dem-cl-heavy/matches?lang=en")
    assert r.status_code == 200, r.json
    assert {i["offering"] for i in r.json} == {"off-cl-light", "off-cl-far"}
    assert all(i["closest"] and not i["ok"] for i in r.json)
    reasons = [t for i in r.json for t in i["reasons"]]
    assert "payload 30 kg < 200 kg needed" in reasons and "does not serve Ningbo" in reasons
