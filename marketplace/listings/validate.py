"""The one validator of each listing type: the form, the API and the import all
check demands and offerings here (lengths, codes, the task-fits-domain rule).

Each validator takes a raw dict in the interchange shape and returns `(clean,
problems)`: `clean` holds normalised Python values (dates, Decimals, lists of
codes) ready for the listing services; `problems` lists every fault with its
field, so a whole file can be reported at once."""

from __future__ import annotations

from .. import taxonomy
from ..validation import Checker, Problem, parse_price

REF_MAX = 80
TITLE_MAX = 200
DESCRIPTION_MAX = 10000
CERTIFICATION_MAX = 100
CERTIFICATIONS_MAX = 30


def _tasks_fit(c: Checker, domains: list[str] | None) -> None:
    if domains and c.clean.get("tasks"):
        bad = [t for t in c.clean["tasks"] if not taxonomy.task_fits_domains(t, domains)]
        if bad:
            c.fail("tasks", "task_domain", ", ".join(bad))


def validate_demand(raw: dict, *, partial: bool = False) -> tuple[dict, list[Problem]]:
    """A demand in the interchange shape; `partial` checks only the keys present
    (PATCH) and leaves out ref and org."""
    c = Checker(raw, partial)
    if not partial:
        c.text("ref", required=True, max_len=REF_MAX)
        c.text("org", required=True, max_len=REF_MAX)
    c.code("kind", "demand_kinds", required=False, default="scenario")
    c.text("title", required=True, max_len=TITLE_MAX)
    c.text("description", required=True, max_len=DESCRIPTION_MAX)
    c.code("domain", "domains", required=True)
    c.codes("tasks", "tasks")
    c.codes("environments", "environments")
    c.number("payload_kg")
    c.number("quantity", integer=True, default=1)
    c.codes("modes", "modes")
    c.code("city", "cities", required=True)
    c.date("needed_by")
    c.number("period_months", integer=True)
    c.number("hours_per_month")
    c.choice("status", taxonomy.DEMAND_STATUSES, default="open")
    if c.present("budget"):
        budget = raw["budget"]
        if not isinstance(budget, dict):
            c.fail("budget", "type_object")
        else:
            clean = {}
            for mode, amount in budget.items():
                if not taxonomy.is_code("modes", mode):
                    c.fail("budget", "unknown_code", mode)
                elif (price := parse_price(amount)) is None:
                    c.fail(f"budget.{mode}", "type_number")
                else:
                    clean[mode] = price
            c.clean["budget"] = clean
    elif not partial:
        c.clean["budget"] = {}
    _tasks_fit(c, [c.clean["domain"]] if c.clean.get("domain") else None)
    return c.clean, c.problems


def validate_offering(raw: dict, *, partial: bool = False) -> tuple[dict, list[Problem]]:
    """An offering in the interchange shape; `partial` as in `validate_demand`."""
    c = Checker(raw, partial)
    if not partial:
        c.text("ref", required=True, max_len=REF_MAX)
        c.text("org", required=True, max_len=REF_MAX)
    c.code("category", "offering_categories", required=True)
    c.text("title", required=True, max_len=TITLE_MAX)
    c.text("description", required=True, max_len=DESCRIPTION_MAX)
    c.codes("domains", "domains", non_empty=True)
    c.codes("tasks", "tasks")
    c.codes("environments", "environments")
    c.number("payload_kg")
    c.number("units_available", integer=True, minimum=0, default=1)
    c.codes("service_cities", "cities")
    c.choice("status", taxonomy.OFFERING_STATUSES, default="active")
    if c.present("certifications"):
        certs = raw["certifications"]
        if not isinstance(certs, list) or not all(isinstance(x, str) for x in certs):
            c.fail("certifications", "type_list")
        else:
            if any(len(x) > CERTIFICATION_MAX for x in certs) or len(certs) > CERTIFICATIONS_MAX:
                c.fail("certifications", "too_long", CERTIFICATION_MAX)
            else:
                c.clean["certifications"] = [x.strip() for x in certs if x.strip()]
    elif not partial:
        c.clean["certifications"] = []
    if c.present("first_of_kind"):
        if isinstance(raw["first_of_kind"], bool):  # "false" is a string, not false
            c.clean["first_of_kind"] = raw["first_of_kind"]
        else:
            c.fail("first_of_kind", "type_boolean")
    elif not partial:
        c.clean["first_of_kind"] = False
    if c.present("modes"):
        modes = raw["modes"]
        if not isinstance(modes, list):
            c.fail("modes", "type_list")
        elif not modes:
            c.fail("modes", "empty_list")
        else:
            clean, seen = [], set()
            for i, entry in enumerate(modes):
                if not isinstance(entry, dict):
                    c.fail(f"modes[{i}]", "type_object")
                    continue
                mode = entry.get("mode")
                if not taxonomy.is_code("modes", mode):
                    c.fail(f"modes[{i}].mode", "unknown_code", mode)
                elif mode in seen:
                    c.fail(f"modes[{i}].mode", "duplicate_mode", mode)
                elif (price := parse_price(entry.get("price"))) is None:
                    c.fail(f"modes[{i}].price", "type_number")
                else:
                    seen.add(mode)
                    clean.append({"mode": mode, "price": price})
            if len(clean) == len(modes):
                c.clean["modes"] = clean
    elif not partial:
        c.fail("modes", "required")
    _tasks_fit(c, c.clean.get("domains"))
    return c.clean, c.problems
