"""Field-by-field checking shared by the validators of every record type, and
`Problem`, one fault of one field.

A problem carries a message code and a value; `message()` renders it in the
request's language (or the one asked for) through the message catalog, so a form,
the API and the import all say the same thing in the reader's language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from . import taxonomy
from .i18n import translate


def _(message: str) -> str:  # marks a msgid for extraction; translated in `message()`
    return message


# code -> English msgid (Chinese in translations/parts/validation.po)
MESSAGES = {
    "required": _("is required"),
    "type_string": _("must be a string"),
    "type_list": _("must be a list"),
    "type_object": _("must be an object"),
    "type_number": _("must be a positive number"),
    "type_boolean": _("must be true or false"),
    "type_integer": _("must be a whole number of at least 1"),
    "type_integer0": _("must be a whole number of at least 0"),
    "unknown_code": _("unknown code: %(value)s"),
    "task_domain": _("These tasks do not belong to the chosen domain: %(value)s"),
    "date": _("must be an ISO date (e.g. 2027-06-30)"),
    "too_long": _("is too long (at most %(value)s characters)"),
    "empty_list": _("needs at least one entry"),
    "duplicate_mode": _("mode %(value)s is listed twice"),
    "credit_code": _("invalid unified social credit code (%(value)s)"),
    "duplicate_ref": _("duplicate ref: %(value)s"),
    "unknown_org": _("unknown organization ref: %(value)s"),
    "org_side": _("organization %(value)s cannot post this kind of record"),
    "format": _("the file's format must be %(value)s"),
    "status": _("invalid status: %(value)s"),
    "https": _("must be an https:// address"),
    "email": _("is not a valid e-mail address"),
    "phone": _("is not a valid phone number"),
    "text_nul": _("must not contain NUL characters"),
    "text_surrogate": _("is not valid Unicode text (a lone surrogate)"),
    "bookings": _(
        "%(value)s has bookings still to come: its units cannot go below them, nor can it be withdrawn"
    ),
}


@dataclass
class Problem:
    """One fault: the field, a message code (a key of MESSAGES) and its value."""

    field: str
    code: str
    value: str = ""
    ref: str = ""
    section: str = ""

    def message(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the request's language)."""
        return translate(MESSAGES[self.code], lang, value=self.value)

    def describe(self, lang: str = "en") -> str:
        """`section[ref].field: message`, for reports of a whole file."""
        where = f"{self.section}[{self.ref}]" if self.section else self.ref
        return printable(f"{where}.{self.field}: {self.message(lang)}".lstrip("."))


_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """'nul' or 'surrogate' when a string cannot be stored as text (PostgreSQL
    refuses NUL; a lone UTF-16 surrogate is not Unicode); None when it is fine."""
    if "\x00" in text:
        return "nul"
    if _SURROGATE.search(text):
        return "surrogate"
    return None


def printable(text: str) -> str:
    """Text safe to print or store: NUL and lone surrogates written as escapes."""
    if text_problem(text) is None:
        return text
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def field_messages(problems: list[Problem], lang: str | None = None) -> dict[str, str]:
    """Problems as `ValidationFailed.fields`: one message per field, in the
    request's language (several problems of one field joined by "; ")."""
    fields: dict[str, str] = {}
    for p in problems:
        message = p.message(lang)
        fields[p.field] = f"{fields[p.field]}; {message}" if p.field in fields else message
    return fields


@dataclass
class Checker:
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


_Checker = Checker  # the former private name


def parse_price(value) -> Decimal | None:
    """A positive amount below 10^12 with two decimals, or None."""
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
