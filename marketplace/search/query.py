"""Turning what people type into Whoosh queries, and marking the words found.

No query syntax is exposed: the text is segmented by the same analyzer as the
index, so quotes, brackets, `*`, `title:(` or a pasted page can only ever become
words, never a parse error. Each word the person typed is a group: the word, the
dictionary words inside it (冲压车间 -> 冲压, 车间) and, when it names a code of the
vocabulary (宁波, 搬运, 物料转运, 防爆), that code's keyword field. Every group must
match (more words, fewer results); when that finds nothing the service retries
with any group."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape
from whoosh import query as wq

from .. import taxonomy
from . import analysis, lexicon
from .documents import ANY

MAX_CHARS = 500  # the rest of a long paste adds nothing but time
MAX_GROUPS = 24


@dataclass
class Group:
    """One word as typed: alternative index terms and matching codes."""

    word: str
    terms: list[str]
    codes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Parsed:
    groups: list[Group]

    @property
    def empty(self) -> bool:
        return not self.groups

    def highlight_terms(self) -> set[str]:
        out: set[str] = set()
        for g in self.groups:
            out.update(g.terms)
            for fieldname, code in g.codes:
                if fieldname in ("task", "part"):
                    out.update(_synonym_terms(code))
        return out


@lru_cache(maxsize=1)
def _code_words() -> dict[str, list[tuple[str, str]]]:
    """Index term -> keyword-field codes it names (labels in both languages, synonyms)."""
    table: dict[str, list[tuple[str, str]]] = {}

    def add(text: str, fieldname: str, code: str) -> None:
        # A label names a code when it is one index term (or one whole word with
        # the dictionary words inside it, as the search mode of jieba gives it).
        terms = analysis.terms(text)
        if not terms:
            return
        key = terms[0] if len(terms) == 1 else max(terms, key=len)
        if len(terms) > 1 and key != text.lower():
            return
        entry = table.setdefault(key, [])
        if (fieldname, code) not in entry:
            entry.append((fieldname, code))

    for vocabulary, fieldname in (
        ("cities", "city"),
        ("domains", "domain"),
        ("tasks", "task"),
        ("environments", "env"),
        ("offering_categories", "category"),
    ):
        for code in taxonomy.codes(vocabulary):
            for lang in ("zh", "en"):
                add(taxonomy.label(vocabulary, code, lang), fieldname, code)
    for code, words in lexicon.data()["tasks"].items():
        for word in words:
            add(word, "task", code)
    for code, part in lexicon.data()["parts"].items():
        for word in part["words"]:
            add(word, "part", code)
    for code, env in lexicon.data()["environments"].items():
        for word in env["rated"]:
            add(word, "env", code)
    return table


@lru_cache(maxsize=64)
def _synonym_terms(code: str) -> frozenset[str]:
    """The whole words of a code's synonyms (物料转运, not the 物料 inside it)."""
    out = set()
    for word in lexicon.synonyms(code):
        terms = analysis.terms(word)
        if terms:
            out.add(max(terms, key=len))
    return frozenset(out)


def parse(text: str | None) -> Parsed:
    """Groups of the words in `text` (stop words and punctuation dropped)."""
    text = (text or "")[:MAX_CHARS]
    spans = sorted(analysis.spans(text), key=lambda s: (s[1], -(s[2] - s[1])))
    groups: list[Group] = []
    seen: dict[str, Group] = {}
    head_end = -1
    current: Group | None = None
    for term, start, end in spans:
        if current is not None and end <= head_end:
            if term not in current.terms:
                current.terms.append(term)
            continue
        head_end = end
        if term in seen:
            current = seen[term]
            continue
        current = Group(word=text[start:end], terms=[term])
        seen[term] = current
        groups.append(current)
    codes = _code_words()
    for g in groups:
        for term in list(g.terms):
            for fieldname, code in codes.get(term, []):
                if (fieldname, code) not in g.codes:
                    g.codes.append((fieldname, code))
    return Parsed(groups[:MAX_GROUPS])


def group_query(g: Group, text_fields: tuple[str, ...] = ("title", "body")) -> wq.Query:
    parts: list[wq.Query] = [wq.Term(f, t) for t in g.terms for f in text_fields]
    for fieldname, code in g.codes:
        parts.append(wq.Term(fieldname, code))
        if fieldname in ("city", "mode"):
            parts.append(wq.Term(fieldname, ANY, boost=0.2))
    return parts[0] if len(parts) == 1 else wq.Or(parts)


def text_query(parsed: Parsed, require_all: bool = True) -> wq.Query:
    """All groups (or any group), each matching by word or by code."""
    subqueries = [group_query(g) for g in parsed.groups]
    if len(subqueries) == 1:
        return subqueries[0]
    return wq.And(subqueries) if require_all else wq.Or(subqueries, scale=0.9)


def weighted_terms_query(
    weighted: dict[str, float], codes: dict[str, list[str]], code_boost: float = 2.0
) -> wq.Query:
    """OR of weighted text terms (title and body) and of codes, for the matcher."""
    parts: list[wq.Query] = []
    for term, weight in weighted.items():
        parts.append(wq.Term("title", term, boost=weight))
        parts.append(wq.Term("body", term, boost=weight))
    for fieldname, values in codes.items():
        for code in values:
            parts.append(wq.Term(fieldname, code, boost=code_boost))
    return wq.Or(parts) if parts else wq.NullQuery


# ---------------------------------------------------------------- highlighting


_HAN = re.compile("[\u4e00-\u9fd5]+")  # the Chinese characters of jieba's blocks


def _spans_for(text: str, terms: set[str]) -> list[tuple[str, int, int]]:
    """Where the words among `terms` are in `text`: (term, start, end). Chinese
    terms are looked for as they are (jieba's search mode gives the dictionary
    words inside a long word too, so every place it would mark holds the term);
    other terms need `analysis.spans` (English words are stemmed and must stand
    alone). Segmenting each hit's text with jieba was a third of a search."""
    if not all(_HAN.fullmatch(t) for t in terms):
        return analysis.spans(text)
    out: list[tuple[str, int, int]] = []
    for term in terms:
        start = text.find(term)
        while start != -1:
            out.append((term, start, start + len(term)))
            start = text.find(term, start + 1)
    return out


def _hits(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Character ranges of the words of `text` that are among `terms`, merged."""
    ranges = sorted((s, e) for t, s, e in _spans_for(text, terms) if t in terms)
    merged: list[list[int]] = []
    for s, e in ranges:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _mark(text: str, hits: list[tuple[int, int]], offset: int = 0) -> Markup:
    """`text` escaped, with the hits inside <mark>. Only element content: never
    put the result inside an attribute."""
    out, pos = [], 0
    for s, e in hits:
        s, e = s - offset, e - offset
        if e <= 0 or s >= len(text):
            continue
        s, e = max(s, 0), min(e, len(text))
        out.append(escape(text[pos:s]))
        out.append(Markup("<mark>") + escape(text[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def highlight(text: str, terms: set[str]) -> Markup:
    """The whole of `text`, escaped, with matched words marked."""
    return _mark(text or "", _hits(text or "", terms) if terms else [])


def snippet(text: str, terms: set[str], width: int = 110) -> Markup:
    """A window of `text` around most matched words, escaped, words marked."""
    text = text or ""
    hits = _hits(text, terms) if terms else []
    if len(text) <= width:
        return _mark(text, hits)
    start = 0
    if hits:
        best, best_count = hits[0][0], 0
        for s, _e in hits:
            count = sum(1 for s2, e2 in hits if s <= s2 and e2 <= s + width)
            if count > best_count:
                best, best_count = s, count
        start = max(0, min(best - width // 5, len(text) - width))
    end = min(len(text), start + width)
    body = _mark(text[start:end], hits, offset=start)
    return (Markup("…") if start else Markup("")) + body + (Markup("…") if end < len(text) else Markup(""))
