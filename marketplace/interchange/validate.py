"""Validation of interchange records, shared by import, the API and the CLI.

Demands and offerings are checked by the listings feature's validators (the same
ones its forms use), organizations here. Each validator takes a raw dict and
returns `(clean, problems)`; see `marketplace.validation`."""

from __future__ import annotations

import re

from .. import taxonomy
from ..accounts import credit_code
from ..listings.validate import validate_demand, validate_offering
from ..validation import Checker, Problem, field_messages, printable, text_problem

__all__ = [
    "FORMAT",
    "Problem",
    "field_messages",
    "printable",
    "text_problem",
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
    _website_and_contact(c)
    return c.clean, c.problems


def _website_and_contact(c: Checker) -> None:
    """The optional `website` (https:// only) and `contact` {name, phone, email}."""
    if c.present("website"):
        value = c.raw["website"]
        if not isinstance(value, str):
            c.fail("website", "type_string")
        elif value.strip() and (
            not re.fullmatch(r"https://[^\s/$.?#][^\s]*", value.strip()) or len(value) > 300
        ):
            c.fail("website", "https")
        else:
            c.clean["website"] = value.strip()
    else:
        c.clean["website"] = ""
    contact = {"name": "", "phone": "", "email": ""}
    if c.present("contact"):
        raw = c.raw["contact"]
        if not isinstance(raw, dict):
            c.fail("contact", "type_object")
        else:
            limits = {"name": 100, "phone": 40, "email": 254}
            for key, limit in limits.items():
                value = raw.get(key)
                if value is None:
                    continue
                if not isinstance(value, str):
                    c.fail(f"contact.{key}", "type_string")
                elif len(value) > limit:
                    c.fail(f"contact.{key}", "too_long", limit)
                elif (
                    key == "email"
                    and value.strip()
                    and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value.strip())
                ):
                    c.fail("contact.email", "email")
                elif (
                    key == "phone" and value.strip() and not re.fullmatch(r"[0-9+() \-]{5,40}", value.strip())
                ):
                    c.fail("contact.phone", "phone")
                else:
                    contact[key] = value.strip()
    c.clean["contact"] = contact
