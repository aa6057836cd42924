"""The shared vocabulary (spec/taxonomy.json): codes, zh/en labels, validation.

Codes are stored in the database; labels are rendered in the active language."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_PATH = Path(__file__).with_name("taxonomy.json")

VOCABULARIES = (
    "domains",
    "tasks",
    "environments",
    "offering_categories",
    "demand_kinds",
    "modes",
    "cities",
    "pilot_states",
)


@lru_cache(maxsize=1)
def data() -> dict:
    with _PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def codes(vocabulary: str) -> list[str]:
    return list(data()[vocabulary])


def is_code(vocabulary: str, code: object) -> bool:
    return isinstance(code, str) and code in data()[vocabulary]


def label(vocabulary: str, code: str, lang: str = "zh") -> str:
    entry = data()[vocabulary].get(code)
    if entry is None:
        return code
    return entry.get(lang) or entry.get("zh") or code


def choices(vocabulary: str, lang: str = "zh") -> list[tuple[str, str]]:
    """(code, label) of every code, in the vocabulary's order."""
    return list(_choices(vocabulary, lang))


@lru_cache(maxsize=64)
def _choices(vocabulary: str, lang: str) -> tuple[tuple[str, str], ...]:
    # The vocabulary never changes while the process runs: labelled once per language.
    return tuple((c, label(vocabulary, c, lang)) for c in codes(vocabulary))


@lru_cache(maxsize=1)
def task_domains() -> dict[str, str]:
    """Each task's domain codes, space-separated (the lists' filter form)."""
    return {code: " ".join(t["domains"]) for code, t in data()["tasks"].items()}


def tasks_for_domain(domain: str | None) -> list[str]:
    """Task codes that belong to a domain (all tasks when domain is None)."""
    tasks = data()["tasks"]
    if not domain:
        return list(tasks)
    return [code for code, t in tasks.items() if domain in t["domains"]]


def task_fits_domains(task: str, domains: list[str]) -> bool:
    return any(d in data()["tasks"][task]["domains"] for d in domains)


def price_unit(mode: str, lang: str = "zh") -> str:
    unit = data()["modes"][mode]["price_unit"]
    if lang == "en":
        return unit
    return {
        "CNY per unit": "元/台",
        "CNY per unit per month": "元/台·月",
        "CNY per unit per hour": "元/台·小时",
    }.get(unit, unit)


ORG_SIDES = ("demand", "supply", "both")
DEMAND_STATUSES = ("draft", "open", "closed")
OFFERING_STATUSES = ("draft", "active", "withdrawn")
ROLES = ("member", "official", "admin")
