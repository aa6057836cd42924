"""Validation of interchange records, shared by import, the API and the CLI.

Each validator takes a raw dict and returns `(clean, problems)`. `clean` holds
normalised Python values (dates, Decimals, lists of codes) ready for the listing
services; `problems` lists every fault with its field, so a whole file can be
reported at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from .. import taxonomy
from ..accounts import credit_code

FORMAT = "robot-scenario-marketplace/1"

_TEXT = {
    "required": ("必填", "is required"),
    "type_string": ("应为文字", "must be a string"),
    "type_list": ("应为列表", "must be a list"),
    "type_object": ("应为对象", "must be an object"),
    "type_number": ("应为正数", "must be a positive number"),
    "type_boolean": ("应为 true 或 false", "must be true or false"),
    "type_integer": ("应为不小于 1 的整数", "must be a whole number of at least 1"),
    "type_integer0": ("应为不小于 0 的整数", "must be a whole number of at least 0"),
    "unknown_code": ("未知代码：{value}", "unknown code: {value}"),
    "task_domain": ("任务 {value} 不属于所选领域", "task {value} does not belong to the chosen domain(s)"),
    "date": ("应为 ISO 日期（如 2027-06-30）", "must be an ISO date (e.g. 2027-06-30)"),
    "too_long": ("过长（最多 {value} 个字符）", "is too long (at most {value} characters)"),
    "empty_list": ("至少需要一项", "needs at least one entry"),
    "duplicate_mode": ("方式 {value} 重复", "mode {value} is listed twice"),
    "credit_code": ("统一社会信用代码无效（{value}）", "invalid unified social credit code ({value})"),
    "duplicate_ref": ("ref 重复：{value}", "duplicate ref: {value}"),
    "unknown_org": ("未知机构 ref：{value}", "unknown organization ref: {value}"),
    "org_side": ("机构 {value} 不能发布此类记录", "organization {value} cannot post this kind of record"),
    "format": ("文件格式应为 {value}", "the file's format must be {value}"),
    "status": ("状态无效：{value}", "invalid status: {value}"),
    "text_nul": ("不能包含 NUL 字符", "must not contain NUL characters"),
    "text_surrogate": (
        "不是有效的 Unicode 文本（含单独的代理字符）",
        "is not valid Unicode text (a lone surrogate)",
    ),
    "bookings": (
        "{value} 仍有未来的预订：不能减少可用数量或下架",
        "{value} has bookings still to come: its units cannot go below them, nor can it be withdrawn",
    ),
}


@dataclass
class Problem:
    field: str
    code: str
    value: str = ""
    ref: str = ""
    section: str = ""

    def message(self, lang: str = "en") -> str:
        zh, en = _TEXT[self.code]
        return (zh if lang == "zh" else en).format(value=self.value)

    def describe(self, lang: str = "en") -> str:
        where = f"{self.section}[{self.ref}]" if self.section else self.ref
        return printable(f"{where}.{self.field}: {self.message(lang)}".lstrip("."))


def text_problem(text: str) -> str | None:
    """'nul' or 'surrogate' when a string cannot be stored as text (PostgreSQL
    refuses NUL; a lone UTF-16 surrogate is not Unicode); None when it is fine."""
    if "\x00" in text:
        return "nul"
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return "surrogate"
    return None


def printable(text: str) -> str:
    """Text safe to print or store: NUL and lone surrogates written as escapes."""
    if text_problem(text) is None:
        return text
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass
class _Checker:
    raw: dict
    partial: bool = False  # PATCH: only validate what is present
    problems: list[Problem] = field(default_factory=list)
    clean: dict = field(default_factory=dict)

    def present(self, key: str) -> bool:
        return key in self.raw and self.raw[key] is not None

    def fail(self, key: str, code: str, value: object = "") -> None:
        self.problems.append(Problem(key, code, str(value)))

    def text(self, key: str, *, required: bool, max_len: int, default: str | None = None):
        if not self.present(key):
            if required and not self.partial:
                self.fail(key, "required")
            elif default is not None and not self.partial:
                self.clean[key] = default
            return
        value = self.raw[key]
        if not isinstance(value, str):
            self.fail(key, "type_string")
        elif required and not value.strip():
            self.fail(key, "required")
        elif len(value) > max_len:
            self.fail(key, "too_long", max_len)
        else:
            self.clean[key] = value.strip()

    def code(self, key: str, vocabulary: str, *, required: bool, default: str | None = None):
        if not self.present(key):
            if required and not self.partial:
                self.fail(key, "required")
            elif default is not None and not self.partial:
                self.clean[key] = default
            return
        value = self.raw[key]
        if not taxonomy.is_code(vocabulary, value):
            self.fail(key, "unknown_code", value)
        else:
            self.clean[key] = value

    def choice(self, key: str, allowed: tuple[str, ...], *, default: str):
        if not self.present(key):
            if not self.partial:
                self.clean[key] = default
            return
        value = self.raw[key]
        if value not in allowed:
            self.fail(key, "status" if key == "status" else "unknown_code", value)
        else:
            self.clean[key] = value

    def codes(self, key: str, vocabulary: str, *, non_empty: bool = False):
        if not self.present(key):
            if non_empty and not self.partial:
                self.fail(key, "required")
            elif not self.partial:
                self.clean[key] = []
            return
        value = self.raw[key]
        if not isinstance(value, list):
            self.fail(key, "type_list")
            return
        bad = [v for v in value if not taxonomy.is_code(vocabulary, v)]
        for v in bad:
            self.fail(key, "unknown_code", v)
        if not bad:
            if non_empty and not value:
                self.fail(key, "empty_list")
            else:
                self.clean[key] = list(dict.fromkeys(value))

    def number(self, key: str, *, integer: bool = False, minimum: int = 1, default=None):
        if not self.present(key):
            if default is not None and not self.partial:
                self.clean[key] = default
            elif not self.partial:
                self.clean[key] = None
            return
        value = self.raw[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(key, "type_integer" if integer else "type_number")
        elif integer:
            if not minimum <= value <= 2**31 - 1 or int(value) != value:  # an SQL INTEGER; NaN/inf fail first
                self.fail(key, "type_integer" if minimum else "type_integer0")
            else:
                self.clean[key] = int(value)
        elif value <= 0 or value != value or value >= 1e12:  # also inf and ints too big for a float
            self.fail(key, "type_number")
        else:
            self.clean[key] = float(value)

    def date(self, key: str):
        if not self.present(key):
            if not self.partial:
                self.clean[key] = None
            return
        value = self.raw[key]
        try:
            self.clean[key] = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            self.clean[key] = None
        if self.clean[key] is None:
            self.clean.pop(key)
            self.fail(key, "date")


def _price(value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    if not d.is_finite() or d <= 0 or d >= Decimal("1e12"):
        return None
    d = d.quantize(Decimal("0.01"))
    return d if d > 0 else None  # 1e-9 is positive but rounds to 0.00: not a price


def validate_organization(raw: dict) -> tuple[dict, list[Problem]]:
    c = _Checker(raw)
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


def validate_demand(raw: dict, *, partial: bool = False) -> tuple[dict, list[Problem]]:
    c = _Checker(raw, partial)
    if not partial:
        c.text("ref", required=True, max_len=80)
        c.text("org", required=True, max_len=80)
    c.code("kind", "demand_kinds", required=False, default="scenario")
    c.text("title", required=True, max_len=200)
    c.text("description", required=True, max_len=10000)
    c.code("domain", "domains", required=True)
    c.codes("tasks", "tasks")
    c.codes("environments", "environments")
    c.number("payload_kg")
    c.number("quantity", integer=True, default=1)
    c.codes("modes", "modes")
    c.code("city", "cities", required=True)
    c.date("needed_by")
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
                elif (price := _price(amount)) is None:
                    c.fail(f"budget.{mode}", "type_number")
                else:
                    clean[mode] = price
            c.clean["budget"] = clean
    elif not partial:
        c.clean["budget"] = {}
    domain = c.clean.get("domain")
    if domain and c.clean.get("tasks"):
        for task in c.clean["tasks"]:
            if not taxonomy.task_fits_domains(task, [domain]):
                c.fail("tasks", "task_domain", task)
    return c.clean, c.problems


def validate_offering(raw: dict, *, partial: bool = False) -> tuple[dict, list[Problem]]:
    c = _Checker(raw, partial)
    if not partial:
        c.text("ref", required=True, max_len=80)
        c.text("org", required=True, max_len=80)
    c.code("category", "offering_categories", required=True)
    c.text("title", required=True, max_len=200)
    c.text("description", required=True, max_len=10000)
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
            if any(len(x) > 100 for x in certs) or len(certs) > 30:
                c.fail("certifications", "too_long", 100)
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
                elif (price := _price(entry.get("price"))) is None:
                    c.fail(f"modes[{i}].price", "type_number")
                else:
                    seen.add(mode)
                    clean.append({"mode": mode, "price": price})
            if len(clean) == len(modes):
                c.clean["modes"] = clean
    elif not partial:
        c.fail("modes", "required")
    domains = c.clean.get("domains")
    if domains and c.clean.get("tasks"):
        for task in c.clean["tasks"]:
            if not taxonomy.task_fits_domains(task, domains):
                c.fail("tasks", "task_domain", task)
    return c.clean, c.problems
