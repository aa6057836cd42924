"""Build the Chinese message catalog from its parts and compile it.

The zh translations are kept per feature in `marketplace/translations/parts/*.po`
(so features can be worked on side by side); this merges them into
`translations/zh/LC_MESSAGES/messages.po` and compiles `messages.mo`. Both outputs
are build products (not in git). `--check` also extracts every message from the
sources and fails when one has no Chinese translation."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PARTS = ROOT / "marketplace" / "translations" / "parts"
OUT = ROOT / "marketplace" / "translations" / "zh" / "LC_MESSAGES"


def merged() -> Catalog:
    catalog = Catalog(locale="zh", project="marketplace", charset="utf-8")
    for part in sorted(PARTS.glob("*.po")):
        with part.open("rb") as fh:
            for message in read_po(fh, locale="zh"):
                if message.id and message.string and not message.fuzzy:
                    catalog.add(message.id, message.string)
    return catalog


def extracted() -> dict[str, list[str]]:
    method_map = [("marketplace/**.py", "python"), ("templates/**.html", "jinja2")]
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT),
        method_map,
        directory_filter=lambda p: not Path(p).name.startswith((".", "__")),
        options_map={"templates/**.html": {"extensions": "jinja2.ext.do"}},
        keywords={"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None},
    ):
        ids = message if isinstance(message, tuple) else (message,)
        for mid in ids:
            if mid:
                found.setdefault(mid, []).append(f"{filename}:{lineno}")
    return found


def main() -> int:
    catalog = merged()
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "messages.po").open("wb") as fh:
        write_po(fh, catalog)
    with (OUT / "messages.mo").open("wb") as fh:
        write_mo(fh, catalog)
    print(f"zh catalog: {len(catalog)} messages compiled")
    if "--check" in sys.argv or "--missing" in sys.argv:
        missing = {mid: where for mid, where in extracted().items() if mid not in catalog}
        for mid, where in sorted(missing.items()):
            print(f"untranslated: {mid!r} ({where[0]})")
        if missing and "--check" in sys.argv:
            print(f"{len(missing)} message(s) without a Chinese translation", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
