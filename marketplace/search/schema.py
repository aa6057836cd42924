"""The one Whoosh schema for demands, offerings and organizations.

Only what a visitor may see is indexed: open demands, active offerings and
organizations. A record that is closed, withdrawn or a draft is removed from the
index, so search and matching can never show it to the wrong person.

`key` is the document's identity ("d12", "o345", "g6"). Title words weigh three
times description words (BM25F field boosts). The keyword fields hold codes:
the facets (domain, city, mode, category) and what the matcher retrieves by
(task, part, env), including codes read from the text; a document's record id and
payload are columns, read as arrays by `vectors`."""

from __future__ import annotations

from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema

from .analysis import analyzer

TITLE_BOOST = 3.0
# Bump when the schema or the document builder changes: an index written with
# another version is rebuilt.
VERSION = 1

KINDS = {"d": "demand", "o": "offering", "g": "org"}
FACETS = ("domain", "city", "mode", "category")


def make_schema() -> Schema:
    text = analyzer()
    return Schema(
        key=ID(unique=True, stored=True),
        kind=ID,
        title=TEXT(analyzer=text, field_boost=TITLE_BOOST, phrase=False),
        body=TEXT(analyzer=text, phrase=False),
        domain=KEYWORD,
        city=KEYWORD,
        mode=KEYWORD,
        category=KEYWORD,
        task=KEYWORD(scorable=True),
        part=KEYWORD(scorable=True),
        env=KEYWORD(scorable=True),
        # Per-document values read as arrays: the record's id, and the payload in
        # kg (0 = not stated) for the matcher's hard-condition mask.
        rid=COLUMN(NumericColumn("i")),
        payload=COLUMN(NumericColumn("f")),
    )


def key_of(kind: str, record_id: int) -> str:
    return f"{kind[0] if kind != 'org' else 'g'}{record_id}"


def parse_key(key: str) -> tuple[str, int]:
    return KINDS[key[0]], int(key[1:])
