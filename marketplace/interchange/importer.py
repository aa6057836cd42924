"""Import a file of the interchange format: all or nothing, upsert by `ref`."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.models import Organization
from ..listings import services as listings
from ..listings.models import Demand, Offering
from .validate import FORMAT, Problem, text_problem, validate_demand, validate_offering, validate_organization

SECTIONS = (
    ("organizations", validate_organization),
    ("demands", validate_demand),
    ("offerings", validate_offering),
)


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    demand_ids: list[int] = field(default_factory=list)
    offering_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the import found no problem."""
        return not self.problems

    def summary(self) -> str:
        """One line: how many records of each section were created and updated."""
        parts = [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated" for name, _ in SECTIONS
        ]
        return "imported " + "; ".join(parts)


MAX_DEPTH = 64  # records nest a few levels; anything deeper is not the format
_HUGE_DIGITS = 100  # integers longer than this are refused by every field anyway


def _parse_int(text: str) -> int | float:
    """Integers as usual; absurdly long ones become infinity, which every number
    field refuses with its ref and field (Python refuses to read 4,300 digits)."""
    if len(text.lstrip("-")) > _HUGE_DIGITS:
        return float("-inf") if text.startswith("-") else float("inf")
    return int(text)


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> tuple[int, int]:
    """The deepest nesting of arrays/objects in a JSON text, and the offset where it
    first exceeds MAX_DEPTH (-1 when it never does). Strings are skipped.

    Strings are removed by a regular expression first and only brackets are
    walked (a 10,000-record file has millions of characters); the offset, wanted
    only when the limit is exceeded, is then found character by character."""
    depth = deepest = 0
    for m in _BRACKETS.finditer(_STRING.sub("", text)):
        if m.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    if deepest <= MAX_DEPTH:
        return deepest, -1
    return _nesting_depth_by_character(text)


def _nesting_depth_by_character(text: str) -> tuple[int, int]:
    depth = deepest = 0
    where = -1
    in_string = escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if depth > MAX_DEPTH and where < 0:
                    where = i
        elif ch in "]}":
            depth -= 1
    return deepest, where


def read_document(text: str) -> object:
    """Parse an interchange file; ValueError with a readable reason when it is not
    JSON, nests too deeply, or holds non-JSON constants (NaN, Infinity)."""
    deepest, where = nesting_depth(text)
    if where >= 0:
        line = text.count("\n", 0, where) + 1
        raise ValueError(
            f"arrays or objects nest {deepest} levels deep (at most {MAX_DEPTH}; first at line {line})"
        )

    def _constant(name: str) -> object:
        raise ValueError(f"{name} is not JSON")

    try:
        return json.loads(text, parse_int=_parse_int, parse_constant=_constant)
    except RecursionError:
        raise ValueError(f"arrays or objects nest too deeply (at most {MAX_DEPTH})") from None


def _text_problems(raw: dict, ref: str, section: str) -> list[Problem]:
    """Strings that cannot be stored as text: NUL (PostgreSQL refuses it, so SQLite
    must too) or a lone surrogate (not Unicode). One problem per field path."""
    found: list[Problem] = []
    stack: list[tuple[str, object]] = [(str(key), value) for key, value in raw.items()]
    for key in raw:
        if isinstance(key, str) and text_problem(key):
            found.append(Problem(key, f"text_{text_problem(key)}", ref=ref, section=section))
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            kind = text_problem(value)
            if kind:
                found.append(Problem(path, f"text_{kind}", ref=ref, section=section))
        elif isinstance(value, dict):
            stack.extend((f"{path}.{k}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(value))
    return sorted(found, key=lambda p: p.field)


def check(session: Session, data: object) -> tuple[dict[str, list[dict]], list[Problem]]:
    """Validate a whole document. Returns the clean records per section and every problem."""
    problems: list[Problem] = []
    clean: dict[str, list[dict]] = {name: [] for name, _ in SECTIONS}
    if not isinstance(data, dict):
        return clean, [Problem("format", "type_object")]
    if data.get("format") != FORMAT:
        problems.append(Problem("format", "format", FORMAT))
    for name, validator in SECTIONS:
        records = data.get(name, [])
        if not isinstance(records, list):
            problems.append(Problem(name, "type_list"))
            continue
        seen: set[str] = set()
        for i, raw in enumerate(records):
            if not isinstance(raw, dict):
                problems.append(Problem("", "type_object", ref=f"#{i}", section=name))
                continue
            ref = raw["ref"] if isinstance(raw.get("ref"), str) else f"#{i}"
            unreadable = _text_problems(raw, ref, name)
            if unreadable:  # the validator would pass such text on to the database
                problems.extend(unreadable)
                continue
            record, found = validator(raw)
            for p in found:
                p.ref, p.section = ref, name
            problems.extend(found)
            if isinstance(raw.get("ref"), str):
                if ref in seen:
                    problems.append(Problem("ref", "duplicate_ref", ref, ref, name))
                seen.add(ref)
            if name == "organizations" and "verified" in raw and not isinstance(raw["verified"], bool):
                found.append(Problem("verified", "type_boolean", "", ref, name))
                problems.append(found[-1])
            if not found:
                if name == "organizations" and "verified" in raw:
                    record["verified"] = raw["verified"]
                clean[name].append(record)
    # Organization refs: in this file or already in the database.
    file_orgs = {o["ref"] for o in clean["organizations"]}
    wanted = {
        r.get("org")
        for name in ("demands", "offerings")
        for r in data.get(name, []) or []
        if isinstance(r, dict) and isinstance(r.get("org"), str)
    }
    known = (
        file_orgs
        | set(session.scalars(select(Organization.ref).where(Organization.ref.in_(wanted - file_orgs))).all())
        if wanted
        else file_orgs
    )
    for name in ("demands", "offerings"):
        for i, raw in enumerate(data.get(name, []) if isinstance(data.get(name), list) else []):
            if isinstance(raw, dict) and isinstance(raw.get("org"), str) and raw["org"] not in known:
                ref = raw["ref"] if isinstance(raw.get("ref"), str) else f"#{i}"
                problems.append(Problem("org", "unknown_org", raw["org"], ref, name))
    return clean, problems


_CHUNK = 5000  # refs per query (a driver takes a limited number of parameters)


def _existing(session: Session, model, refs: list[str]) -> dict[str, Any]:
    """The records of `model` that already have one of these refs, by ref (one query
    per few thousand refs; their tags and prices come with them, `selectin`)."""
    found: dict[str, Any] = {}
    for i in range(0, len(refs), _CHUNK):
        chunk = refs[i : i + _CHUNK]
        found.update((x.ref, x) for x in session.scalars(select(model).where(model.ref.in_(chunk))))
    return found


def import_data(session: Session, data: object) -> ImportResult:
    """Validate, then write everything in the caller's transaction through the
    listing services (which hold every rule). With any problem, nothing should be
    kept and `result.problems` lists them all. The caller commits (with
    `publish.commit_and_publish`) or rolls back.

    Records already there (by ref) are updated through the ORM with one flush for
    all of them; new demands and offerings are inserted in bulk
    (`listings.services.create_demands/create_offerings`), not one flush each."""
    clean, problems = check(session, data)
    result = ImportResult(problems=problems)
    if problems:
        return result
    orgs = {o.ref: o for o in session.scalars(select(Organization)).all()}
    for rec in clean["organizations"]:
        org = orgs.get(rec["ref"])
        if org is None:
            org = Organization(ref=rec["ref"])
            session.add(org)
            orgs[rec["ref"]] = org
            result.created["organizations"] += 1
        else:
            result.updated["organizations"] += 1
        for key in ("name", "side", "city", "credit_code", "description", "website"):
            setattr(org, key, rec[key])
        org.contact_name = rec["contact"]["name"]
        org.contact_phone = rec["contact"]["phone"]
        org.contact_email = rec["contact"]["email"]
        if "verified" in rec:
            org.verified = rec["verified"]
    session.flush()
    model: Any  # Demand or Offering
    for name, model, create_many, ids in (
        ("demands", Demand, listings.create_demands, result.demand_ids),
        ("offerings", Offering, listings.create_offerings, result.offering_ids),
    ):
        existing = _existing(session, model, [r["ref"] for r in clean[name]])
        new: list[tuple[Organization, dict, str]] = []
        changes: list[tuple[Any, Organization, dict]] = []
        for rec in clean[name]:
            record = existing.get(rec["ref"])
            if record is None:
                new.append((orgs[rec["org"]], rec, rec["ref"]))
            else:
                changes.append((record, orgs[rec["org"]], rec))
        for pos in listings.update_listings(session, changes):
            # An import may not break bookings still to come (fewer units,
            # withdrawal): a problem, and the caller rolls everything back.
            rec = changes[pos][2]
            field = "status" if rec["status"] != "active" else "units_available"
            result.problems.append(Problem(field, "bookings", rec["ref"], rec["ref"], name))
        if result.problems:  # every problem is listed; nothing more is written
            continue
        result.updated[name] += len(changes)
        id_of = {record.ref: record.id for record, _org, _rec in changes}
        id_of.update(zip((ref for _org, _rec, ref in new), create_many(session, new), strict=True))
        result.created[name] += len(new)
        ids.extend(id_of[rec["ref"]] for rec in clean[name])
    return result
