"""Words of one language put into the other. A need written in Chinese and an
offering written in English share no word, so the matcher also asks the index
for the other language's words of each concept the need's text names.

`glossary.json` holds the concepts: groups of Chinese and English words for one
thing (讲解 / narration, 养老院 / nursing home), written from the taxonomy, the
policy text and the trade's own words. A Chinese word is found as a substring, as
the index finds Chinese; an English word or phrase as whole words, hyphens and
slashes counting as spaces (pick-and-place, pick and place)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import analysis

_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class _Glossary:
    zh: tuple[tuple[str, ...], ...]  # each concept's Chinese words
    en: tuple[tuple[str, ...], ...]  # ... and its English words, in lower case
    by_phrase: dict[tuple[str, ...], int]  # an English word or phrase as words -> its concept
    longest: int  # the most words an English phrase has
    # A Chinese word's first two characters -> (word, its concept): a text can only
    # hold the words whose first two characters it holds, a few dozen of thousands.
    by_start: dict[str, tuple[tuple[str, int], ...]]


@cache
def _glossary() -> _Glossary:
    raw = json.loads(Path(__file__).with_name("glossary.json").read_text(encoding="utf-8"))
    zh: list[tuple[str, ...]] = []
    en: list[tuple[str, ...]] = []
    by_phrase: dict[tuple[str, ...], int] = {}
    by_start: dict[str, list[tuple[str, int]]] = {}
    for group in raw["groups"]:
        zh_words = tuple(w for w in group if _HAN.search(w))
        en_words = tuple(w.lower() for w in group if not _HAN.search(w))
        if not zh_words or not en_words:
            continue
        for word in en_words:
            by_phrase.setdefault(tuple(_WORD.findall(word)), len(zh))
        for word in zh_words:
            by_start.setdefault(word[:2], []).append((word, len(zh)))
        zh.append(zh_words)
        en.append(en_words)
    return _Glossary(
        tuple(zh),
        tuple(en),
        by_phrase,
        max(map(len, by_phrase), default=0),
        {start: tuple(words) for start, words in by_start.items()},
    )


def concepts_in(text: str, lang: str) -> list[int]:
    """The concepts `text` (written in `lang`, "zh" or "en") names, in the glossary's order."""
    g = _glossary()
    if lang == "zh":
        # Only the words starting with two characters the text holds can be in it
        # (or with the one character a one-character word is).
        starts = {text[i : i + 2] for i in range(len(text) - 1)} | set(text)
        return sorted({i for s in starts & g.by_start.keys() for w, i in g.by_start[s] if w in text})
    words = _WORD.findall(text.lower())
    found = {
        g.by_phrase[phrase]
        for start in range(len(words))
        for n in range(1, g.longest + 1)
        if (phrase := tuple(words[start : start + n])) in g.by_phrase
    }
    return sorted(found)


def translations(text: str, lang: str) -> list[str]:
    """The other language's words of every concept `text` names."""
    return [w for i in concepts_in(text, lang) for w in _words(i, _OTHER[lang])]


def translated_terms(text: str, lang: str) -> list[str]:
    """The index's terms of `translations(text, lang)`, each once, in order."""
    out: dict[str, None] = {}
    for i in concepts_in(text, lang):
        out.update(dict.fromkeys(_terms_of(i, _OTHER[lang])))
    return list(out)


_OTHER = {"zh": "en", "en": "zh"}


def _words(concept: int, lang: str) -> tuple[str, ...]:
    g = _glossary()
    return (g.zh if lang == "zh" else g.en)[concept]


@cache
def _terms_of(concept: int, lang: str) -> tuple[str, ...]:
    """The index's terms of a concept's words in `lang` (segmented once per process)."""
    return tuple(dict.fromkeys(t for w in _words(concept, lang) for t in analysis.terms(w)))
