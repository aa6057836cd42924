import json
from pathlib import Path

import pytest

from marketplace import taxonomy

SHARED = Path(__file__).resolve().parents[3] / "shared" / "spec" / "taxonomy.json"


@pytest.mark.skipif(not SHARED.exists(), reason="shared/spec not beside the checkout")
def test_vendored_copy_matches_the_spec():
    assert taxonomy.data() == json.loads(SHARED.read_text(encoding="utf-8"))


def test_codes_and_labels():
    assert "manufacturing" in taxonomy.codes("domains")
    assert taxonomy.label("cities", "ningbo", "zh") == "宁波"
    assert taxonomy.label("cities", "ningbo", "en") == "Ningbo"
    assert taxonomy.label("cities", "atlantis", "en") == "atlantis"
    assert taxonomy.is_code("modes", "raas")
    assert not taxonomy.is_code("modes", "rent")
    assert not taxonomy.is_code("modes", None)


def test_tasks_for_domain_only_gives_that_domains_tasks():
    tasks = taxonomy.tasks_for_domain("emergency")
    assert set(tasks) == {"firefighting", "patrol_inspection", "rescue", "hazmat_handling"}
    assert len(taxonomy.tasks_for_domain(None)) == len(taxonomy.codes("tasks"))
    assert taxonomy.task_fits_domains("handling", ["retail"])
    assert not taxonomy.task_fits_domains("welding", ["eldercare"])


def test_price_units_in_both_languages():
    assert taxonomy.price_unit("sharing", "zh") == "元/台·小时"
    assert taxonomy.price_unit("sharing", "en") == "CNY per unit per hour"
