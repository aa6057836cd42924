"""Validation of interchange records, shared by import, the API and the CLI.

Demands and offerings are checked by the listings feature's validators (the same
ones its forms use), organizations here. Each validator takes a raw dict and
returns `(clean, problems)`; see `marketplace.validation`."""

from __future__ import annotations

from .. import taxonomy
from ..accounts import credit_code
from ..listings.validate import validate_demand, validate_offering
from ..validation import Checker, Problem, field_messages

__all__ = [
    "FORMAT",
    "Problem",
    "field_messages",
    "validate_demand",
    "validate_offering",
    "validate_organization",
]

FORMAT = "robot-scenario-marketplace/1"


def validate_organization(raw: dict) -> tuple[dict, list[Problem]]:
    """An organization of an interchange file."""
    c = Checker(raw)
    c.text("ref", required=True, max_len=80)
    c.text("name", required=True, max_len=200)
    c.choice("side", taxonomy.ORG_SIDES, default="") if "side" in raw else c.fail("side", "required")
    c.code("city", "cities", required=True)
    c.text("description", required=False, max_len=5000, default="")
    if c.present("credit_code"):
        value = raw["credit_code"]
        if not isinstance(value, str):
            c.fail("credit_code", "type_string")
        elif value.strip() == "":
            c.clean["credit_code"] = None
        else:
            problem = credit_code.problem(value)
            if problem:
                c.fail("credit_code", "credit_code", problem)
            else:
                c.clean["credit_code"] = value.strip().upper()
    else:
        c.clean["credit_code"] = None
    return c.clean, c.problems
