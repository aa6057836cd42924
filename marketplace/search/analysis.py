"""The analyzer: Chinese segmented by jieba, English lowercased and stemmed.

One tokenizer does the whole chain (segment, drop stop words and one-character
tokens, lowercase, stem) in a single pass: Whoosh's filter chain costs a Python
call per token per filter, and indexing 100,000 listings makes that add up.

jieba's dictionary ships inside its package (nothing is downloaded). It is loaded
once per process, quietly, with the marketplace's own words added (the lexicon and
the taxonomy labels), and its prefix-dictionary cache is written to a folder we
choose rather than wherever the temp folder happens to be."""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from array import array
from functools import lru_cache

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem

from . import lexicon

_lock = threading.Lock()
_jieba = None
_cache_dir: str | None = None

# English stop words (Whoosh's list, shortened) plus the lexicon's words that nearly
# every listing has (机器人, 人形, ...).
_ENGLISH_STOP = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "have",
        "if",
        "in",
        "is",
        "it",
        "may",
        "not",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "us",
        "we",
        "when",
        "will",
        "with",
        "yet",
        "you",
        "your",
        "our",
        "its",
    )
)
_SKIP = re.compile(r"^[\W_]+$")
# The segmenter keeps runs of ASCII letters and digits together ("20kg", "ip67").
_ASCII_WORD = re.compile(r"[a-z0-9][a-z0-9.+\-]*", re.ASCII)


def configure(cache_dir: str | None) -> None:
    """Where jieba may keep its prefix-dictionary cache (call before first use)."""
    global _cache_dir
    _cache_dir = cache_dir


def segmenter():
    """The process's jieba tokenizer, loaded on first use."""
    global _jieba
    if _jieba is not None:
        return _jieba
    with _lock:
        if _jieba is None:
            import jieba

            jieba.setLogLevel(logging.ERROR + 10)  # it logs to stderr at DEBUG by default
            tk = jieba.Tokenizer()
            folder = _cache_dir or tempfile.gettempdir()
            if os.path.isdir(folder) and os.access(folder, os.W_OK):
                tk.tmp_dir = folder
                tk.cache_file = "marketplace-jieba.cache"
            tk.initialize()
            for word in lexicon.dictionary_words():
                tk.add_word(word, freq=max(tk.FREQ.get(word, 0), 2000))
            _jieba = tk
    return _jieba


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return _ENGLISH_STOP | lexicon.stop_words()


@lru_cache(maxsize=50000)
def _stem(word: str) -> str:
    return stem(word)


@lru_cache(maxsize=200_000)
def _normalise(word: str) -> str | None:
    """The index term for a segment, or None when it is not worth indexing
    (remembered: the same few thousand words make up most texts)."""
    if len(word) < 2 or _SKIP.match(word):
        return None
    low = word.lower()
    if low in stop_words():
        return None
    if low.isascii():
        if not _ASCII_WORD.fullmatch(low):
            return None
        return _stem(low) if low.isalpha() else low
    return low


def spans(text: str) -> list[tuple[str, int, int]]:
    """(term, start, end) for each indexed word of `text`, in order.

    jieba's search mode also gives the dictionary words inside a long word
    (中华人民共和国 -> 中华, 人民, 共和国), so a query for a part finds the whole."""
    if not text:
        return []
    out = []
    for word, start, end in segmenter().tokenize(text, mode="search", HMM=True):
        term = _normalise(word)
        if term is not None:
            out.append((term, start, end))
    return out


def terms(text: str) -> list[str]:
    """The indexed terms of `text`, in order (repeats kept)."""
    return [t for t, _s, _e in spans(text)]


def term_counts(text: str) -> dict[str, int]:
    """How often each indexed term occurs in `text`: what `terms` gives, counted,
    without the offsets (the index stores frequencies only)."""
    counts: dict[str, int] = {}
    if not text:
        return counts
    get = counts.get
    for word in segmenter().cut_for_search(text, HMM=True):
        term = _normalise(word)
        if term is not None:
            counts[term] = get(term, 0) + 1
    return counts


def add_postings(text: str, docnum: int, postings: dict[str, array]) -> int:
    """Segment `text` as the index does and add document `docnum` to the postings of
    each of its terms in place: a term's array is docnum, frequency, docnum,
    frequency … (the bulk writer's; documents come in increasing order). Counting
    and posting in one pass over the words. Returns the field's length (terms with
    repeats, what `term_counts` sums to)."""
    if not text:
        return 0
    length = 0
    get = postings.get
    for word in segmenter().cut_for_search(text, HMM=True):
        term = _normalise(word)
        if term is None:
            continue
        length += 1
        found = get(term)
        if found is None:
            postings[term] = array("I", (docnum, 1))
        elif found[-2] == docnum:
            found[-1] += 1
        else:
            found.append(docnum)
            found.append(1)
    return length


class ChineseTokenizer(Tokenizer):
    """Whoosh tokenizer over `spans`: positions count words, chars are offsets."""

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __hash__(self):
        return hash(self.__class__.__name__)

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for pos, (term, start, end) in enumerate(spans(value)):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def analyzer() -> ChineseTokenizer:
    return ChineseTokenizer()
