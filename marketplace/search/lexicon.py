"""What a listing's free text says, read with the word lists of `lexicon.json`.

Posters often write only prose: 物料转运 for 搬运, 巡查 for 巡检, 防爆 in a
certification rather than the environment list. These readers turn text into the
taxonomy's codes so that search and the matcher treat it like structured fields.
Pure functions over strings; the data file is read once."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from .. import taxonomy

_PATH = Path(__file__).with_name("lexicon.json")
CLAUSE_ENDS = "。；;，,！!？?\n"  # what ends a clause (amendments set aside clauses too)
# A full stop ends an English clause too, but not the point of 1.2; a comma does,
# but not the thousands separator of 1,000.
_CLAUSE = re.compile(r"[。；;，！!？?\n]|,(?!(?<=\d,)\d{3}(?!\d))|\.(?=\s|$)")
# A number as posters write it: 1,000 (thousands separated) or 2.5.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_KG = re.compile(
    rf"({_NUMBER}|[零〇一二两三四五六七八九十百千]+)\s*(?:多|来|余|几)?\s*(kg|KG|Kg|公斤|千克|吨|(?<!公)斤|t(?![a-zA-Z]))(?![a-zA-Z])"
)
# Torque: 120Nm, 100 N·m, 60 N.m, 80牛米 (a capital N: 905nm is a laser's wavelength).
_TORQUE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:N\s?[·.*]?\s?m|牛\s?[·.]?\s?米)(?![A-Za-z])")
_NEGATION_WINDOW = 6
_IP_CODE = re.compile(r"(?<![A-Za-z0-9])IP\s?[0-9X][0-9X]", re.IGNORECASE)


@dataclass(frozen=True)
class _Vocab:
    """One vocabulary: its words (longest first), the code of each, and the words
    by their first character (each list longest first)."""

    words: tuple[str, ...]
    code_of: dict[str, str]
    by_first: dict[str, tuple[str, ...]]

    def present(self, low: str) -> list[str]:
        """The words that may occur in `low` (lowercased), longest first: only those
        whose first character it holds are looked for, a few dozen of hundreds."""
        found = [w for ch in set(low) for w in self.by_first.get(ch, ()) if w in low]
        found.sort(key=lambda w: (-len(w), w))
        return found


@lru_cache(maxsize=1)
def data() -> dict:
    with _PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def _compile(words_by_code: dict[str, list[str]]) -> _Vocab:
    code_of: dict[str, str] = {}
    for code, said in words_by_code.items():
        for word in said:
            code_of.setdefault(word.lower(), code)
    # English words of two or more are also written joined by hyphens (an AI
    # shopping-guide, a scrubber-dryer, a cold-store): each such form reads as the words do.
    for word, code in list(code_of.items()):
        if word.isascii() and " " in word.strip():
            code_of.setdefault(word.strip().replace(" ", "-"), code)
    # Longest first, so that 物料搬运 is seen before the 搬运 inside it.
    ordered = tuple(sorted(code_of, key=lambda w: (-len(w), w)))
    by_first: dict[str, list[str]] = {}
    for word in ordered:
        by_first.setdefault(word[0], []).append(word)
    return _Vocab(ordered, code_of, {ch: tuple(ws) for ch, ws in by_first.items()})


@lru_cache(maxsize=1)
def _tasks() -> _Vocab:
    # `not_tasks` (康复科, 消防通道) are read as no task, so the task word inside is not.
    return _compile({**data()["tasks"], _NO_CODE: data()["not_tasks"]})


_NO_CODE = ""  # the code of words that hold a vocabulary word and name nothing


@lru_cache(maxsize=1)
def _parts() -> _Vocab:
    return _compile({code: p["words"] for code, p in data()["parts"].items()})


@lru_cache(maxsize=2)
def _environments(side: str) -> _Vocab:
    # `not_sites` (室外机, 手术室外) are read as no environment, so the site word inside is not.
    return _compile(
        {**{code: e[side] for code, e in data()["environments"].items()}, _NO_CODE: data()["not_sites"]}
    )


@lru_cache(maxsize=1)
def _certification_rules() -> list[tuple[re.Pattern, str, tuple[str, ...], bool]]:
    """(pattern, the environment it rates, words that place the robot where the
    rating does not reach: an IP67 rail robot for a utility tunnel is waterproof,
    not built for the outdoors; does it say anything of a need's site)."""
    return [
        (
            re.compile(c["pattern"], re.IGNORECASE),
            c["environment"],
            tuple(w.lower() for w in c.get("unless", ())),
            not c.get("offerings_only", False),
        )
        for c in data()["certifications"]
    ]


def _certifications(low: str) -> list[tuple[re.Pattern, str, bool]]:
    """The certification patterns that apply to a text (lowercased): those none of
    whose `unless` words it has, each with whether it names a need's site condition
    by itself: one rating offerings only (IP65 asked for) does only where a site
    word names it too (户外作业，必须IP66以上), being protection from water elsewhere."""
    return [
        (p, code, of_sites)
        for p, code, unless, of_sites in _certification_rules()
        if not any(w in low for w in unless)
    ]


@lru_cache(maxsize=1)
def _negations() -> tuple[re.Pattern, re.Pattern, tuple[str, ...]]:
    """The negation cues as one pattern (is any of them in a prefix?); the same
    without their trailing spaces (no cue can be in a prefix this misses, blanked
    or not); and the exceptions blanked out of a prefix first (无需, 不锈钢)."""
    d = data()
    cues = d["negations"]
    return (
        re.compile("|".join(re.escape(c) for c in cues)),
        re.compile("|".join(re.escape(c.rstrip()) for c in cues)),
        tuple(d["negation_exceptions"]),
    )


@lru_cache(maxsize=1)
def _payload_words() -> re.Pattern:
    words = sorted(data()["payload_words"], key=len, reverse=True)
    return re.compile("|".join(re.escape(w.lower()) for w in words))  # matched in lowercased text


def stop_words() -> frozenset[str]:
    return frozenset(w.lower() for w in data()["stop_words"])


def dictionary_words() -> list[str]:
    """Words the Chinese segmenter must keep whole: the lexicon and the taxonomy labels."""
    d = data()
    words = set(d["words"])
    for vocab in d["tasks"].values():
        words.update(vocab)
    for part in d["parts"].values():
        words.update(part["words"])
    for env in d["environments"].values():
        words.update(env["site"] + env["rated"])
    for vocabulary in ("domains", "tasks", "environments", "offering_categories", "cities"):
        for code in taxonomy.codes(vocabulary):
            words.add(taxonomy.label(vocabulary, code, "zh"))
    return sorted(w for w in words if not w.isascii() and len(w) > 1)


def part_label(code: str, lang: str = "zh") -> str:
    part = data()["parts"].get(code) or data()["part_kinds"].get(code)
    return part.get(lang) or part["zh"] if part else code


def part_kinds_in(text: str, parts: Iterable[str]) -> list[str]:
    """The kinds of the parts `parts` a text names (谐波 of reducers, 无框 of servo
    motors, 绝对值 of encoders), as "part:kind" codes in the lexicon's order: a
    harmonic reducer is no RV reducer, though both are reducers."""
    low, named = text.lower(), set(parts)
    return [
        code
        for code, kind in data()["part_kinds"].items()
        if code.split(":")[0] in named and any(_each_word(low, kind["words"], whole_ascii=True))
    ]


def synonyms(code: str) -> list[str]:
    """The words for a task or part code (the canonical word first)."""
    d = data()
    if code in d["tasks"]:
        return list(d["tasks"][code])
    if code in d["parts"]:
        return list(d["parts"][code]["words"])
    return []


# ---------------------------------------------------------------- reading text


def _after_last(prefix: str, ends: str = CLAUSE_ENDS) -> str:
    """What follows the last of `ends` in `prefix` (all of it when none is there)."""
    cut = len(prefix)
    while cut and prefix[cut - 1] not in ends:
        cut -= 1
    return prefix[cut:]


def _negated(text: str, start: int) -> bool:
    """Is the mention at `start` negated within its clause (非防爆, 不适用于易燃易爆)?"""
    # The few characters before the mention, cut at the last clause boundary.
    prefix = _after_last(text[max(0, start - _NEGATION_WINDOW) : start])
    if not prefix:
        return False
    cues, loosely, exceptions = _negations()
    if loosely.search(prefix):  # blanking the exceptions only turns letters into spaces
        for exception in exceptions:
            prefix = prefix.replace(exception, " " * len(exception))
        if cues.search(prefix):
            return True
    return _negated_in_list(text, start)


# A negation that reaches over a list (不适合淋水、冷库和防爆场所; 不建议用于高温、防爆、
# 洁净室等特殊环境; not rated for explosive atmospheres, cleanrooms or wash-down; not
# looking for a disinfection robot; 不需要再上机器人取件), as far as the clause goes: a
# full-width comma or a sentence ends it, a list's commas do not, nor does what the list
# is for (用于, for); a word that turns it (但, 适用于, but, rated for) does.
_LIST_NEGATIONS = (
    "不适合",
    "不适用",
    "不支持",
    "不具备",
    "不宜",
    "不建议",
    "不推荐",
    "不能用于",
    "不可用于",
    "不得用于",
    "请勿",
    "未做",
    "没有做",
    "not suitable",
    "unsuitable",
    "not rated",
    "not designed",
    "not intended",
    "not recommended",
    "not certified",
    "not approved",
    "not for ",
    "不需要再",
    "不用再",
    "不要再",
    "not looking for",
    "no need for",
    "don't need",
    "do not need",
    "doesn't need",
    "never need",
    "never go",
    "does not need",
    "won't need",
    "will not need",
    "don't require",
    "doesn't require",
    "does not require",
    "doesn't like",
    "does not like",
    "don't like",
    "do not like",
    "don't want",
    "do not want",
    "not interested in",
    # The robot kept out of a place just named: not asking it to go into the freezer room.
    "not asking",
    "not expected to",
    "no need to go",
    "won't go",
    "will not go",
    "doesn't go",
    "does not go",
    "never goes",
    "never go ",
    "never enter",
    "don't go",
    "do not go",
)
_LIST_TURNS = (
    "但",
    "而",
    "适用于",
    "可用于",
    "可在",
    "but ",
    "however",
    "except",
    "though",
    "rated for",
    "suitable for",
)
_LIST_WINDOW = 48
_LIST_ENDS = "。；;，！!？?\n"
# Is any of them in the prefix at all (most prefixes hold none)?
_ANY_LIST_NEGATION = re.compile("|".join(re.escape(c) for c in _LIST_NEGATIONS))


def _negated_in_list(text: str, start: int) -> bool:
    prefix = text[max(0, start - _LIST_WINDOW) : start]
    if not _ANY_LIST_NEGATION.search(prefix):
        return False
    prefix = _after_last(prefix, _LIST_ENDS)
    prefix = prefix[prefix.rfind(". ") + 1 :]
    for cue in _LIST_NEGATIONS:
        at = prefix.rfind(cue)
        if at != -1 and not any(turn in prefix[at + len(cue) :] for turn in _LIST_TURNS):
            return True
    return False


def _mentions(vocab: _Vocab, text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Codes mentioned positively and negatively, each with the first word seen.

    Substring tests run in C and most words are absent: this is several times faster
    than one regular expression with hundreds of alternatives."""
    low = text.lower()
    positive: dict[str, str] = {}
    negative: dict[str, str] = {}
    covered: list[tuple[int, int]] = []
    for word in vocab.present(low):
        code = vocab.code_of[word]
        start = low.find(word)
        while start != -1:
            end = start + len(word)
            inside = any(s <= start and end <= e for s, e in covered)
            # "-25℃" is not inside "0-25℃" (a range from zero, not a low temperature).
            in_range = word[0] == "-" and start > 0 and low[start - 1].isdigit()
            if not inside and not in_range and (not word.isascii() or _ascii_bounded(low, start, end)):
                covered.append((start, end))
                if code != _NO_CODE:
                    target = negative if _negated(low, start) else positive
                    target.setdefault(code, text[start:end])
            start = low.find(word, end)
    return positive, negative


def _ascii_bounded(text: str, start: int, end: int) -> bool:
    """An English word must stand alone, or with a plural ending: "sensor" is in
    "sensors" and "outdoor" in "outdoors", "handling" is not inside "handlings2"."""
    before = text[start - 1] if start else " "
    if before.isascii() and before.isalnum():
        return False
    for ending in ("", "s", "es"):
        stop = end + len(ending)
        if text.startswith(ending, end):
            after = text[stop] if stop < len(text) else " "
            if not (after.isascii() and after.isalnum()):
                return True
    return False


def tasks_in(text: str, domains: list[str] | None = None) -> list[str]:
    """Task codes the text names (not negated), limited to tasks of `domains` when
    given and the text names one. A text naming only tasks of other domains keeps
    them: a mall's night patrol is patrol, though the taxonomy lists that task
    under other domains; and greeting (`_ANY_DOMAIN`) is kept beside the domain's
    own tasks (a hospital's 导诊 and 送检)."""
    positive, _neg = _mentions(_tasks(), text)
    codes = [c for c in taxonomy.codes("tasks") if c in positive]
    return of_domains(codes, domains) if domains else codes


@lru_cache(maxsize=1)
def _crafts() -> _Vocab:
    crafts = data()["task_crafts"]
    # `not_tasks` name no work here either: no truck is loaded in a 组装车间 (装车).
    return _compile(
        {
            **{f"{task}/{craft}": words for task, kinds in crafts.items() for craft, words in kinds.items()},
            _NO_CODE: data()["not_tasks"],
        }
    )


def crafts_in(text: str) -> list[str]:
    """The kinds of work the text names (`task_crafts`), as "task/kind" codes
    (construction_work/rebar for 钢筋绑扎, cleaning/windows for 擦窗), not negated."""
    positive, _neg = _mentions(_crafts(), text)
    return sorted(positive)


def of_domains(codes: list[str], domains: list[str]) -> list[str]:
    """Of task `codes`, those of `domains` (and greeting), or all when none is."""
    also = data()["task_domains_read"]
    own = [
        c
        for c in codes
        if taxonomy.task_fits_domains(c, domains) or c in _ANY_DOMAIN or set(also.get(c, ())) & set(domains)
    ]
    return own or codes


# A hospital's 导诊, a hotel's front desk: greeting is work of every domain.
_ANY_DOMAIN = frozenset({"reception"})


def tasks_had_in(text: str, tasks) -> list[str]:
    """Of `tasks`, those the text names only as done already (上下料已经用上了机械臂,
    we already use AMRs for delivery): each mention in a clause saying so, or
    declined (取件已经上了机械手，不需要再上机器人取件)."""
    had = _only_had(_tasks(), text, data()["task_had_words"])
    return [t for t in tasks if t in had]


# What ends a sentence that may ask for work: not ；, which parts the items of one ask
# (需要两类机器人：一台迎宾讲解；一台喷水演示).
_ASKING_SENTENCE = re.compile(r"[。！!？?\n]|\.(?=\s|$)")


def tasks_asked_in(text: str, tasks) -> list[str]:
    """Of `tasks`, those named in a sentence that asks for something (展厅里想放一个人形
    机器人做迎宾讲解, we would like a robot to ...), when such a sentence names any: the
    others name the place or its trade (焊装车间旁边的参观通道, 总装车间). Else all."""
    if len(tasks) < 2:
        return list(tasks)  # one task or none: kept either way
    low = text.lower()
    cues = (*data()["task_ask_words"], *data()["task_wish_words"])
    asking, left = [], 0
    for end in [m.start() for m in _ASKING_SENTENCE.finditer(low)] + [len(low)]:
        if _any_word(low[left:end], cues):
            asking.append((left, end))
        left = end + 1
    vocab = _tasks()
    had = [w.lower() for w in data()["task_had_words"]]
    named = {
        vocab.code_of[word]
        for word in vocab.present(low)
        for start in _positions(low, word)
        if any(s <= start < e for s, e in asking)
        # not where it is declined or had (No welding is needed - the cells are automated)
        and not _had_at(low, start, had)
    }
    return [t for t in tasks if t in named] or list(tasks)


def _any_word(low: str, words) -> bool:
    """Does the text (lowercased) hold one of `words`, English words standing alone
    or with an ending (needed, requires; a plan, not the plant)?"""
    return any(
        w in low if not w.isascii() else re.search(rf"\b{re.escape(w)}(?:s|es|d|ed|ing)?\b", low) is not None
        for w in words
    )


def _only_had(vocab: _Vocab, text: str, had_words) -> set[str]:
    """Codes of `vocab` the text names only as had already (a clause with one of
    `had_words`) or declined (a negated mention)."""
    words = [w.lower() for w in had_words]
    said = _every_mention(vocab, text.lower(), lambda low, start: _had_at(low, start, words))
    return {code for code, every in said.items() if every}


def _had_at(low: str, start: int, had_words) -> bool:
    """Is the mention at `start` declined (negated) or said to be had already (a clause
    with one of `had_words`, lowercased)?"""
    return _negated(low, start) or any(w in _clause_around(low, start, start) for w in had_words)


def optional_tasks_in(text: str, tasks) -> list[str]:
    """Of `tasks`, those the text only names as a bonus: each mention in a clause
    saying so (能顺便拖地最好, 顺带消毒, cleaning as a bonus)."""
    d = data()

    def bonus(low: str, start: int) -> bool:
        before, after = _clause_before(low, start), _clause_after(low, start)
        return any(w in before or w in after for w in d["task_wish_words"]) or any(
            w in after for w in d["task_wish_after_words"]
        )

    said = _every_mention(_tasks(), text.lower(), bonus)
    return [c for c in tasks if said.get(c)]


def _every_mention(vocab: _Vocab, low: str, test: Callable[[str, int], bool]) -> dict[str, bool]:
    """For each code of `vocab` the text (lowercased) names: does `test(low, start)`
    hold at every place a word of it stands?"""
    said: dict[str, bool] = {}
    for word in vocab.present(low):
        code = vocab.code_of[word]
        for start in _positions(low, word):
            said[code] = said.get(code, True) and test(low, start)
    return said


def _some_mention(vocab: _Vocab, low: str, test: Callable[[str, int, str], bool]) -> set[str]:
    """The codes of `vocab` the text (lowercased) names at some place where
    `test(low, start, word)` holds."""
    return {
        vocab.code_of[word]
        for word in vocab.present(low)
        if vocab.code_of[word] != _NO_CODE and any(test(low, start, word) for start in _positions(low, word))
    }


def _sentence_start(low: str, start: int) -> int:
    """Where the sentence holding `start` begins."""
    return max((m.end() for m in _SENTENCE.finditer(low, 0, start)), default=0)


def _sentence_around(low: str, start: int, end: int | None = None) -> str:
    """The sentence around `start` (to `end`)."""
    right = _SENTENCE.search(low, start if end is None else end)
    return low[_sentence_start(low, start) : right.start() if right else len(low)]


def _clause_before(text: str, start: int) -> str:
    """The part of its clause before `start`."""
    return _CLAUSE.split(text[:start])[-1]


def _clause_after(text: str, start: int) -> str:
    """The part of its clause from `start` on."""
    return _CLAUSE.split(text[start:], maxsplit=1)[0]


def parts_in(text: str) -> list[str]:
    """Component kinds (reducer, dexterous hand, ...) the text names."""
    positive, _neg = _mentions(_parts(), text)
    return [c for c in data()["parts"] if c in positive]


# What joins two parts a title sells together: 伺服驱动器+编码器套件, 灵巧手（带触觉）.
_PART_JOINERS = re.compile(r"[+＋/／、&]|和|与|及|带|含|\band\b|\bwith\b|\bplus\b")
_FOR_AFTER = ("用", "专用", "配套")  # 灵巧手用: what the part is for
# ... but 配套 ahead of these is the sourcing of the part itself (行星滚柱丝杠配套采购).
_SOURCED_AFTER = re.compile(r"配套(?:采购|供应|供货|需求|厂家|厂商|商)")
_FOR_BEFORE = ("用于", "适用于", "适配", "配套", "for ", "for the ")


def _nouns_in(low: str) -> list[tuple[int, int, str]]:
    """(start, end, code) of each part named in `low`, longest first, not
    overlapping, in order; what is only said to be for (灵巧手用) left out."""
    vocab = _parts()
    found: list[tuple[int, int, str]] = []
    for word in vocab.present(low):
        for start in _positions(low, word):
            end = start + len(word)
            if any(s < end and start < e for s, e, _c in found):
                continue
            if word.isascii() and not _ascii_bounded(low, start, end):
                continue
            only_for = low.startswith(_FOR_AFTER, end) and not _SOURCED_AFTER.match(low, end)
            if only_for or any(low.endswith(b, 0, start) for b in _FOR_BEFORE):
                continue
            found.append((start, end, vocab.code_of[word]))
    return sorted(found)


def _joined(gap: str) -> bool:
    """Does the text between two parts join them (+17位, 、, （带), rather than name
    other things in between (柔轮/波发生器: what the spare parts are of)?"""
    if not _PART_JOINERS.search(gap):
        return False
    rest = _PART_JOINERS.sub("", gap)
    return sum(1 for ch in rest if "\u4e00" <= ch <= "\u9fff") <= 2


def _in_brackets(low: str, start: int) -> bool:
    """Is `start` inside an open bracket (（…） or (…))?"""
    return any(low.rfind(o, 0, start) > low.rfind(c, 0, start) for o, c in (("（", "）"), ("(", ")")))


# What a title says its product is for, after naming it (… for arm joint modules).
_FOR_LATER = re.compile(r"\bfor\b|用于|适用于|适配")


def _title_nouns(low: str) -> list[tuple[int, int, str]]:
    """The parts a title names as what it is: a part in brackets after one outside
    them says what that one is for (谐波减速器（人形关节）, 滚柱丝杠（腿部直线执行器）),
    unless joined to it (灵巧手（带触觉）), as does one after "for" (frameless torque
    motors for arm joint modules)."""
    nouns = _nouns_in(low)
    kept: list[tuple[int, int, str]] = []
    for noun in nouns:
        after_the_product = kept and _in_brackets(low, noun[0]) and not _in_brackets(low, kept[-1][0])
        if after_the_product and not _joined(low[kept[-1][1] : noun[0]]):
            continue
        if kept and _FOR_LATER.search(low, kept[-1][1], noun[0]):
            continue  # roller screws for humanoid leg actuators: what the product is for
        kept.append(noun)
    return kept


def _title_heads(low: str) -> set[str]:
    """The parts a title names as its product: of the parts named one after another,
    the last, those before it saying what it is for (灵巧手微型滚珠丝杠 is a screw,
    灵巧手驱动空心杯电机 a motor), unless joined to it (伺服驱动器+编码器, 灵巧手（带触觉）)."""
    nouns = _title_nouns(low)
    heads: set[str] = set()
    for i, (_s, end, code) in enumerate(nouns):
        following = nouns[i + 1][0] if i + 1 < len(nouns) else None
        if following is None or _joined(low[end:following]):
            heads.add(code)
    return heads


def asked_parts_in(title: str, description: str, had: set[str] | None = None) -> list[str]:
    """The parts a component need asks for: those its title names as what it buys
    (`_title_heads`; not what they are for: frameless torque motors for hip/knee
    joints), without those it says it has or makes already (Reducers we already
    source; 电机和驱动我们自己做; `had`, when the caller has read them: `parts_had_in`)."""
    named = _title_heads(title.lower())
    had = parts_had_in(f"{title}\n{description}") if had is None else had
    return [c for c in data()["parts"] if c in named and c not in had]


# A part a component need takes in place of what it asks for: after 或 in its title
# (直线执行器（或行星滚柱丝杠）), or alone in a clause that accepts it (如果只有减速器也可以,
# 也可以只买行星滚柱丝杠, or reducers alone would also do); not one it turns away
# (只卖减速器或电机的就不用联系了).
_INSTEAD_BEFORE = re.compile(
    r"(?:或者?|只有?|单独|\bor\b|\bjust\b|\bonly\b)\s*(?:买|采购|购买|要|the\s)?\s*$"
)
_OR_BEFORE = re.compile(r"(?:或者?|\bor\b)\s*$")  # in a title: 直线执行器（或行星滚柱丝杠）
_INSTEAD_AFTER = re.compile(r"(?:e?s)?\s*(?:alone|on (?:its|their) own|only)\b")
_ACCEPTS = re.compile(
    r"也可以|也行|也可|都可以|都行|也接受|也能接受|would (?:also )?do|also (?:fine|ok|works?)|is fine"
)
_TURNED_AWAY = re.compile(r"不用|不要|不接受|不考虑|不需要|别|勿|\bnot\b|\bno\b|n't")


def parts_instead_in(
    title: str, description: str, asked: list[str], had: set[str] | None = None
) -> list[str]:
    """The parts a component need accepts instead of those it asks for (`asked`:
    `asked_parts_in`; none when it asks for none), without those it has or makes
    already (`had`, when the caller has read them: `parts_had_in`)."""
    if not asked:
        return []
    had = parts_had_in(f"{title}\n{description}") if had is None else had
    found: set[str] = set()
    low = title.lower()
    for start, _end, code in _nouns_in(low):
        if _OR_BEFORE.search(low, max(0, start - 4), start):
            found.add(code)
    low = description.lower()
    for start, end, code in _nouns_in(low):
        clause = _clause_around(low, start, end)
        if not _ACCEPTS.search(clause) or _TURNED_AWAY.search(clause):
            continue
        if _INSTEAD_BEFORE.search(low, max(0, start - 8), start) or _INSTEAD_AFTER.match(low, end):
            found.add(code)
    return [c for c in data()["parts"] if c in found and c not in asked and c not in had]


def demand_parts_in(text: str, had: set[str] | None = None) -> list[str]:
    """The parts a need's text names, without those it has or makes already."""
    had = parts_had_in(text) if had is None else had
    return [c for c in parts_in(text) if c not in had]


def parts_had_in(text: str) -> set[str]:
    """Parts the text names only as had or made already, or declined."""
    return _only_had(_parts(), text, data()["part_had_words"])


def supplied_parts_in(title: str, description: str) -> list[str]:
    """Component kinds an offering supplies: those its text names, but not those
    its title names only to say what it is for: its title's product (`_title_heads`)
    and what the description adds (无框电机+谐波减速器+双编码器一体), not a part said to
    be for (灵巧手用, for dexterous hands)."""
    heads = _title_heads(title.lower())
    named = set(parts_in(f"{title}\n{description}"))
    only_for = (set(parts_in(title)) | _parts_only_for(description)) - heads
    left_out = _parts_left_out(f"{title}\n{description}")
    return [
        c for c in data()["parts"] if (c in heads or (c in named and c not in only_for)) and c not in left_out
    ]


# A part the product comes without (无编码器, 不带编码器, without encoder): not what it
# supplies. One it offers as an option (编码器选装 +25 元) it does supply, as a sense of
# touch to be added (可选配指尖触觉) is one it offers.
_WITHOUT = re.compile(r"(?:无|不带|不含|不配|没有|without|no)\s*$")


def _parts_left_out(text: str) -> set[str]:
    """Parts every mention of which says the product comes without them."""
    said = _every_mention(
        _parts(), text.lower(), lambda low, start: bool(_WITHOUT.search(low, max(0, start - 8), start))
    )
    return {code for code, left_out in said.items() if left_out}


_FOR_CUES = ("适合", "适用", "用于", "适配", "配套", "专为", "suitable for", "designed for", "for ")


def _parts_only_for(text: str) -> set[str]:
    """Parts a description names only as what the product is for: every mention
    after 适合, 适用于, 用于 or "for" in its clause (适合灵巧手和小关节)."""
    said = _every_mention(
        _parts(), text.lower(), lambda low, start: any(c in _clause_before(low, start) for c in _FOR_CUES)
    )
    return {code for code, only_for in said.items() if only_for}


@dataclass(frozen=True)
class Ratings:
    """What an offering is rated for, and what its text says it is not rated for.

    `evidence[code]` is where the rating was found: a certification, or a word of
    the text; structured ratings carry no evidence."""

    rated: frozenset[str]
    not_rated: frozenset[str]
    evidence: dict[str, str]


# A robot on the water's surface (救生圈, 无人艇), not under it (水下 ROV): in the open air.
_OPEN_WATER = re.compile(
    r"救生圈|水面|无人艇|无人船|海上|近海|内河|江河|lifebuoy|water surface|surface vessel|at sea|offshore"
)


def ratings(environments: list[str], certifications: list[str], text: str) -> Ratings:
    """Environments an offering is rated for: its list, its certifications, its text.

    A negated mention in the text (非防爆, 不适用于易燃易爆) marks the environment as
    not rated unless the list or a certification says otherwise: when the prose
    contradicts itself, the safe reading wins. A rating the prose says is pending
    (防爆认证正在办理中) is not held even where the list names it; a certificate in the
    certifications field is."""
    listed = set(environments)
    certified: dict[str, str] = {}
    low = text.lower()
    rules = _certifications(low)
    for cert in certifications or []:
        if any(c in cert.lower() for c in _pending_cues()):
            continue  # 防爆认证申请中: a certificate not held yet
        for pattern, code, _of_sites in rules:
            if pattern.search(cert):
                certified.setdefault(code, cert)
    from_fields = set(certified)  # held whatever the prose says of it
    # Only rating words count here: a site word in an offering (锻造, 码头) is
    # often about a customer or a part, not about what the robot withstands.
    # A rating the prose names as a certificate would (IP67, Ex d IIB T4, ISO 14644)
    # counts as one; the bare words (防爆, 洁净) are read with the other rating words.
    for pattern, code, _of_sites in rules:
        for m in pattern.finditer(text):
            if m.group(0) not in ("防爆", "洁净") and not _negated(low, m.start()):
                certified.setdefault(code, m.group(0))
    positive, negative = _mentions(_environments("rated"), text)
    pending: set[str] = set()
    for found in (certified, positive):
        for code, word in list(found.items()):
            if code not in from_fields and (
                _pending_rating(low, word.lower()) or _certificate_pending(low, word.lower())
            ):
                # 防爆版本在研, 本安型为定制选项，当前未取证: not held, even where the
                # list of environments names it (防爆认证正在办理中 beside "explosive").
                negative.setdefault(code, word)
                pending.add(code)
                del found[code]
    for code, word in list(positive.items()):
        w = word.lower()
        if w.startswith("防") and all(low[i - 1 : i] == "消" for i in _positions(low, w)):
            del positive[code]  # 消防水压: the fire main's pressure, no rating against water
            continue
        if _ruled_out_after(low, w):  # 雨天不可作业; 防爆型号请选RXR-MC80BD
            negative.setdefault(code, word)
            del positive[code]
    out_word = positive.get("outdoor")
    if out_word and any(
        w in _clause_around(low, at := low.find(out_word.lower()), at) for w in _FAIR_WEATHER
    ):
        del positive["outdoor"]  # 户外只能晴天用; 晴天户外短时使用: not for the weather outdoors
        negative.setdefault("outdoor", out_word)
    cold_word = positive.get("low_temperature")
    if cold_word and _dew_point(low, low.find(cold_word.lower())):
        del positive["low_temperature"]  # 干燥房露点 -40℃: how dry its air is, not how cold
    works = _works_in(text)
    for code, phrase in works.items():
        positive.setdefault(code, phrase)
    indoors = _INDOORS_ONLY.search(low)
    if indoors:  # 只建议室内使用，户外风会吹散保护气: the outdoors it names is a warning
        positive.pop("outdoor", None)
        negative.setdefault("outdoor", indoors.group(0))
    toxic = _WITHSTANDS_TOXIC.search(low) or _guarded_gas_measured(low)
    if toxic and "toxic" not in positive and not _negated(low, toxic.start()):
        positive["toxic"] = toxic.group(0)  # 耐氨气腐蚀, 耐酸雾, 耐Cl2; 测硫化氢 … 防腐蚀
    fire = _WITHSTANDS_HEAT.search(low)
    if fire and "high_temperature" not in positive and not _negated(low, fire.start()):
        positive["high_temperature"] = fire.group(0).strip()  # 耐 1000℃ 火焰 10 分钟
    wet = positive.get("wet", "")
    if (
        wet
        and "outdoor" not in positive
        and (
            "雨" in wet  # 园区步道、坡道、小雨天都能用: rain falls outdoors
            or "rain" in wet.lower()
            or (rescue_theatre(text) == "water" and _OPEN_WATER.search(low))  # 遥控救生圈，海边、水库都能用
        )
    ):
        positive["outdoor"] = wet  # a rating the text denies is dropped below, with the rest
    cold = coldest_operating(text, ranges=False)
    if cold is not None and cold <= COLD_RATED and "low_temperature" not in positive:
        positive["low_temperature"] = f"{cold:g}°C"
    if positive.get("wet") in _WATERPROOF and "wet" not in certified and _IP_CODE.search(text):
        # 防水等级IP65: the code says how waterproof, not the word; another word
        # for wet sites still rates (IP65防水防潮, 可涉水).
        others = [w for w in _environments("rated").words if _environments("rated").code_of[w] == "wet"]
        damp = next(
            (w for w in others if w not in _WATERPROOF and w in low and not _negated(low, low.find(w))),
            works.get("wet"),  # 可在印染车间长期潮湿、地面积水环境运行
        )
        if damp:
            positive["wet"] = damp
        else:
            del positive["wet"]
    stated = (listed - pending) | set(certified)
    not_rated = frozenset(c for c in negative if c not in stated)
    evidence = {c: cert for c, cert in certified.items() if c not in listed}
    rated = set(stated)
    for code, word in positive.items():
        if code not in rated and code not in not_rated:
            rated.add(code)
            evidence[code] = word
    return Ratings(frozenset(rated), not_rated, evidence)


# A toxic or corrosive agent a robot is said to withstand (耐氨气腐蚀, 耐酸雾, 耐Cl2).
_WITHSTANDS_TOXIC = re.compile(
    r"耐\s*(?:氨气|氯气|硫化氢|cl2|h2s|nh3|酸雾|酸碱|农药|腐蚀性气体|有害气体|有毒气体)"
    r"|耐受[^，。；;\n]{0,16}?(?:有毒|有害|毒气)"  # 耐受火灾烟气（CO、HCN 等有毒烟气）
    r"|耐[^，。；;\n]{0,6}?溶剂(?:蒸气|气体|挥发)"  # 机身耐一般有机溶剂蒸气
)


# A robot measuring a toxic gas (测氨气、硫化氢; 可选配H2S、NH3气体检测) and guarded against
# corrosion (防腐蚀IP66, 防腐涂层, 盐雾防腐) is built to work where that gas is: the experts
# rate such a robot for toxic surroundings (14 of 15 in the tuning sets), though a
# robot that only measures a gas is not (70 of 136).
_TOXIC_GAS = r"(?:有毒气体|有害气体|有毒有害气体|硫化氢|h2s|氨气|nh3|氯气|一氧化碳|voc|hcn)"
_GAS_MEASURED = re.compile(
    rf"{_TOXIC_GAS}[^，。；;\n]{{0,12}}?(?:检测|监测|传感|探测|报警|侦检)"
    rf"|(?:检测|监测|测|探测|侦检)[^，。；;\n]{{0,12}}?{_TOXIC_GAS}"
)
_CORROSION_GUARDED = re.compile(r"防腐|anti-?corrosion|corrosion[- ]resistant")


def _guarded_gas_measured(low: str) -> re.Match | None:
    """The mention of a toxic gas the robot measures, where its text also says it is
    guarded against corrosion; None otherwise (either is missing or negated)."""
    guard = _CORROSION_GUARDED.search(low)
    if guard is None or _negated(low, guard.start()):
        return None
    return next((m for m in _GAS_MEASURED.finditer(low) if not _negated(low, m.start())), None)


# Heat a robot is said to withstand, at a fire's degrees (耐 1000℃ 火焰, withstands 800 °C).
_WITHSTANDS_HEAT = re.compile(
    r"(?:耐|耐受|可承受|withstands?|resists?|rated to)\s*(?:高温|火|温|热)?\s*([2-9]\d{2}|[1-9]\d{3})\s*(?:°\s*c|℃)"
)


# The clause after a rating that says it is not held yet (认证还在办理中, 在研), and
# the clause after that when it opens with "for now" (本安型为定制选项，当前未取证).
_FOR_NOW = ("当前", "目前", "暂", "尚", "还", "现阶段", "currently", "not yet", "for now")


@lru_cache(maxsize=1)
def _pending_cues() -> tuple[str, ...]:
    return tuple(w.lower() for w in (*data()["certificate_pending"], *data()["rating_pending"]))


def _pending_rating(low: str, word: str) -> bool:
    """Is every mention of a rating word said to be pending (防爆版本认证还在办理中,
    防爆版本在研, 本安型为定制选项，当前未取证)? Such a rating is not held."""
    cues = _pending_cues()
    starts = list(_positions(low, word))
    if not starts:
        return False
    for start in starts:
        after = _clause_after(low, start + len(word))
        rest = low[start + len(word) + len(after) + 1 :].lstrip()
        if rest.startswith(_FOR_NOW):
            after += " " + _clause_after(rest, 0)
        if not any(c in after for c in cues):
            return False
    return True


# What follows a rating word to say the robot does not work there (雨天不可作业, 雨天停用,
# 雨天不建议作业), or that another model does (防爆型号请选RXR-MC80BD, 防爆版另售).
_NOT_HERE_AFTER = (
    "不可",
    "不能",
    "不宜",
    "禁止",
    "勿",
    "请勿",
    "除外",
    "停",
    "暂停",
    "不建议",
    "建议暂停",
    "建议停",
    "不作业",
    "不工作",
    "不运行",
    "不适用",
    "不适合",
    "需停",
    "需要停",
    "要停",
    "需搭",
    "顺延",
    "延期",
    "改期",
    "取消",
    "不要用",
    "不要使用",
    "别用",
    "收回",
    "要收回",
)
_ANOTHER_MODEL = ("请选", "另售", "另购")
# ... after the rest of a list it heads (户外、涉水、高温、易燃易爆场景请勿使用).
_LIST_RULED_OUT = re.compile(
    r"(?:(?:[、/]|和|及|或|与)[^、，。；;,\n]{1,8}?)*(?:等)?(?:场景|环境|场所|区域|工况|条件)?\s*(?:"
    + "|".join(re.escape(w) for w in _NOT_HERE_AFTER)
    + ")"
)
# A rating word said only of a little (仅防偶尔溅水: splashes now and then).
_ONLY_A_LITTLE = re.compile(r"(?:仅|只)(?:能)?防?(?:偶尔|轻微|少量)?的?$")


def _ruled_out_after(low: str, word: str) -> bool:
    """Is every mention of a rating word followed, in its clause, by words ruling the
    robot out of it (雨天不可作业, 户外、涉水场景请勿使用, 雨天顺延) or sending the buyer
    to another model, or said only of a little (仅防偶尔溅水)?"""

    def ruled_out(start: int) -> bool:
        if _ONLY_A_LITTLE.search(low, max(0, start - 6), start):
            return True
        after = _clause_after(low, start + len(word)).lstrip()
        return bool(_LIST_RULED_OUT.match(after)) or any(w in after[:8] for w in _ANOTHER_MODEL)

    starts = list(_positions(low, word))
    return bool(starts) and all(ruled_out(start) for start in starts)


_CERTIFICATE_NOUNS = ("认证", "合格证", "证书", "取证", "certification", "certificate")


def _certificate_pending(low: str, word: str) -> bool:
    """Is the certificate for a rating said to be pending anywhere (防爆认证正在办理中,
    Ex certification pending)? Then the rating is not held, whatever else names it (a
    防爆版 in the title)."""
    cues = _pending_cues()
    for start in _positions(low, word):
        end = start + len(word)
        if low[end:].lstrip().startswith(_CERTIFICATE_NOUNS) and any(
            c in _clause_after(low, end) for c in cues
        ):
            return True
    return False


# "Works in ..." (可在有毒烟气中作业, 可长期在含硫化氢区域运行, operates in cold stores): a site word there names
# a condition the robot withstands, not a customer's site.
_WORKS_IN = re.compile(
    r"(?:可|能|能够|可以)(?:长期|长时间|持续|连续)?在([^，。；;,\n]{1,20}?)(?:环境)?(?:中|下|里|内|区域|场所)?(?:长时间|长期|持续|连续)?"
    r"(?:作业|工作|运行|使用|巡检|侦察|巡逻|行驶|施工|进行)"
    r"|(?:可|能|能够|可以)(?:进入|深入)([^，。；;,\n]{1,20})"
    r"|(?:works?|operates?|operating|working|runs?)\s+(?:reliably\s+|continuously\s+)?(?:in|at|with|on|through)\s+([^,.;\n]{1,40})"
    r"|([^，。；;,\n]{1,14}?)(?:环境|地面)(?:中|下|里|上)?(?:可|能|能够|可以)(?:长期|长时间|持续|连续)?(?:作业|工作|运行|使用|用)"
    r"|(?<![自需须要])适应([^，。；;,\n]{1,16})"  # 适应舱内高温; not 自适应夹持, nor a need's 需适应
    r"|(?:适合|适用于|适用)(?:在)?([^，。；;,\n]{0,6}(?:潮湿|湿滑|积水|多水|高温|低温|零下)[^，。；;,\n]{0,12})"  # 适合潮湿的水泵房
    r"|(?:适合|适用于|适用)(?:在)?([^，。；;,\n]{1,20}?)环境"  # 适合化工园区及城市管廊有毒介质环境
    r"|([^，。；;,\n]{1,14}?)环境(?:中|下|里)?(?:长期|长时间|持续|连续)(?:作业|工作|运行|使用)"  # 农药环境长期使用
    r"|([^，。；;,\n]{1,20}?)环境(?:中|下|里)的?(?:侦检|侦察|巡检|搜救|救援|处置|作业)"  # 浓烟、有毒气体环境中的侦检
    r"|专(?:门)?为([^，。；;,\n]{1,24}?)(?:设计|打造|研发|定制|开发)"  # 专为地面湿滑油腻的火锅店设计
    r"|(?:specially |specifically |purpose-)?(?:designed|built) for\s+([^,.;\n]{1,40})",
    re.IGNORECASE,
)
# How hot or cold a place the robot works in or adapts to is, in a bare word (舱内高温).
# Not 高湿: a spinning mill's humid air is no wet site (its floor is dry).
_PLACE_LIKE = (("高温", "high_temperature"), ("低温", "low_temperature"))


# Indoors only (只建议室内使用, 仅适合干燥室内, for indoor use only): not rated outdoors.
_INDOORS_ONLY = re.compile(
    r"(?:只|仅)(?:建议|适合|适用于|适用|限|能|可)?(?:在)?[^，。；;,\n]{0,4}室内|indoor(?: use)? only"
)


def _works_in(text: str) -> dict[str, str]:
    """Conditions the text says the robot works in (可在有毒烟气中作业): code -> the phrase."""
    low = text.lower()
    out: dict[str, str] = {}
    for m in _WORKS_IN.finditer(text):
        if _negated(low, m.start()):
            continue
        where = next(g for g in m.groups() if g)
        positive, _negative = _mentions(_environments("site"), where)
        for code in [*positive, *(code for word, code in _PLACE_LIKE if word in where)]:
            out.setdefault(code, m.group(0))
    bathroom = _FOR_BATHROOMS.search(low)
    if bathroom and not _negated(low, bathroom.start()):
        out.setdefault("wet", bathroom.group(0))  # 卧室和卫生间都能装: made for a wet room
    return out


_WATERPROOF = frozenset({"防水", "waterproof", "water resistant", "water-resistant"})
# What joins the two ends of a range (30–50Nm, -25~+60℃, 55至65度); in English also "to".
_RANGE_MARK = "[-–~～至到]"
_TO_DEGREES = r"\s*(?:" + _RANGE_MARK + r"|to)\s*[+\-−]?\s*\d{1,3}(?:\.\d)?\s*(?:°\s*C|℃|度|摄氏度|°)"
COLD_RATED = -10.0  # an operating temperature at or below this reads as rated for cold sites
_BELOW_ZERO = re.compile(
    r"(?:(?<![0-9A-Za-z.])(?<![0-9]\s)[-−–]|零下\s*|minus\s+)(\d{1,2}|[一二三四五六七八九十]+)\s*"
    # its unit, or the unit of the range it begins (工作温度 -25~+60℃)
    r"(?:°\s*C|℃|度|摄氏度|°|(?P<range>(?=" + _TO_DEGREES + ")))",
    re.IGNORECASE,
)


@lru_cache(maxsize=128)  # a need's reading asks twice: for its site and for itself
def coldest_operating(text: str, ranges: bool = True) -> float | None:
    """The lowest temperature below zero the text states (工作温度 -25°C～60°C,
    -25~+60℃, 零下二十度可用), or None. Without `ranges`, not the low end of a range
    that states its unit only after its top (-25~+60℃): `ratings` takes that for an
    operating range, which says how cold a machine may work, not that it is made
    for cold sites; a range stating both units (-25°C～+60°C) rates as it always has."""
    coldest: float | None = None
    low = text.lower()
    for m in _BELOW_ZERO.finditer(text):
        if not ranges and m.group("range") is not None:
            continue
        raw = m.group(1)
        value = _number(raw)
        if value and not _negated(low, m.start()) and not _dew_point(low, m.start()):
            coldest = -value if coldest is None else min(coldest, -value)
    return coldest


# An outdoor use said to be for fair weather only, or under a shelter it needs (户外需有
# 遮雨棚; not one it comes with: 配防雨棚): no rating for the outdoors.
_FAIR_WEATHER = (
    "晴天",
    "天气好",
    "fair weather",
    "dry weather",
    "需有遮雨棚",
    "需有雨棚",
    "要有雨棚",
    "需搭棚",
    "需要搭棚",
    "需遮雨",
    "only under cover",
)


def _dew_point(low: str, start: int) -> bool:
    """Is the temperature at `start` a dew point (干燥房露点 -40℃): the air's
    dryness, not a cold the robot works in?"""
    before = low[max(0, start - 8) : start]
    return "露点" in before or "dew point" in before or "dew-point" in before


_ABOVE_ZERO = re.compile(
    r"(?:(?<=\d[-–])|(?<![0-9A-Za-z.\-−–]))(\d{2,3})\s*(?:多|余)?\s*(?:°\s*C|℃|摄氏度)(\s*以下)?",
    re.IGNORECASE,
)
# Degrees said as 度 alone after a word for heat in the same clause (地面温度能到60多度):
# a bare 度 elsewhere is an angle or a slope (45度楼梯).
# So are the degrees of what comes out of a furnace or a die, and a summer's (锻坯出炉1100度左右,
# 出模时四百多度, 夏天五十度往上), in figures or in words.
_HOT_DEGREES = re.compile(
    r"(?:温度|气温|室温|温升|高温|炎热|热|出炉|出模|炉前|炉边|炉旁|夏天|夏季|锻坯|红料)[^，。；;,\n]{0,10}?"
    r"(?<![0-9.一二两三四五六七八九十百千])(\d{2,4}|[一二两三四五六七八九十百千]{1,5})\s*(?:多|余)?\s*度(?![a-zA-Z])"
)


# What comes before the top of a temperature range: 55-, 50~, 45 –, -20℃～, -10 °C to (up to its digits).
_RANGE_BEFORE = re.compile(r"\d\s*(?:°\s*c|℃|度)?\s*(?:" + _RANGE_MARK + r"|to)\s*$", re.IGNORECASE)


# What says a figure is the most there is: 可达300℃, 最高温度65℃, 温度最高到70度, up to 60°C.
_MOST_BEFORE = re.compile(
    r"(?:可达|高达|最高|最多|不超过|不会超过|up to|as high as|peaks? at)\s*(?:温度|气温|能?到|达到|可达)?\s*$",
    re.IGNORECASE,
)
# Two figures said as one in words, a range: 二三百度 (two to three hundred), 五六十度.
_FIGURES_IN_PAIR = re.compile(r"[一二两三四五六七八九][二三四五六七八九][十百千]")


def _heat_figures(text: str) -> Iterator[tuple[re.Match, float]]:
    """Each temperature above zero the text states (55°C, 六十多度 after a word for
    heat), with its figure: the matches `hottest_in` and `hottest_bounded` read."""
    for m in (*_ABOVE_ZERO.finditer(text), *_HOT_DEGREES.finditer(text)):
        value = _number(m.group(1))
        if value is not None:
            yield m, value


def _before_figure(text: str, m: re.Match) -> str:
    """The dozen characters before the figure of the temperature matched at `m`."""
    return text[max(0, m.start(1) - 12) : m.start(1)]


def _range_top(text: str, m: re.Match) -> bool:
    """Is the temperature matched at `m` the top of a range (55-65℃, -20～60℃)?"""
    return _RANGE_BEFORE.search(_before_figure(text, m)) is not None


def hottest_bounded(text: str, hottest: float | None) -> bool:
    """Is `hottest`, the highest temperature the text states (`hottest_in`), the most
    the site gets: the top of a range (窑内温度55-65℃, 50~60°C, 二三百度) or a figure
    said as the most (可达300℃, 最高65℃), rather than a floor (35°C以上) or one figure?"""
    if hottest is None:
        return False
    for m, value in _heat_figures(text):
        if value != hottest:
            continue
        if (
            _range_top(text, m)
            or _MOST_BEFORE.search(_before_figure(text, m)) is not None
            or _FIGURES_IN_PAIR.match(m.group(1)) is not None
        ):
            return True
    return False


def hottest_ranged(text: str, hottest: float | None) -> bool:
    """Is `hottest`, the highest temperature an offering's text states, only the top of
    its operating range (工作温度0～40℃, -20~60°C) rather than a heat it says it bears
    (耐温55°C, 最高50℃可连续工作, 55°C以下可长期运行)?"""
    return hottest is not None and any(
        value == hottest and _range_top(text, m) for m, value in _heat_figures(text)
    )


@lru_cache(maxsize=64)  # a need's reading asks twice: for its site and for itself
def hottest_in(text: str, up_to: bool = False) -> float | None:
    """The highest temperature above zero the text states (耐温55°C, 工作温度
    -20～60℃, 车间常年35°C以上), or None: an offering's is how hot it may work, a
    need's how hot its site gets. `up_to` (an offering's text): a bound said with
    以下 is how hot it may work (55°C以下可长期运行); in a need's text it is no heat."""
    hottest: float | None = None
    low = text.lower()
    for m, value in _heat_figures(text):
        if m.re is _ABOVE_ZERO and m.group(2) and not up_to:
            continue  # 车间35°C以下: not a hot site
        if not _negated(low, m.start(1)) and (hottest is None or value > hottest):
            hottest = value
    return hottest


# Degrees of freedom: 6个主动自由度, 12 DoF; and a need's minimum, 自由度不少于6个, 主动自由度≥12.
_DOF = re.compile(r"(\d+)[\s-]*(?:个)?\s*(?:主动)?\s*(?:自由度|dofs?\b|degrees? of freedom)", re.IGNORECASE)
_DOF_AFTER = re.compile(r"自由度\s*(?:≥|>=|不少于|不低于|至少|大于等于)\s*(\d+)")


def dof_in(text: str) -> tuple[float | None, bool]:
    """The degrees of freedom the text states (a hand's 6个主动自由度; a need's
    ≥12个主动自由度 or 自由度不少于6个), the largest, or None; and whether it is only
    wished for (最好 5 自由度以上: `wish_words` in its clause)."""
    found = [(float(m.group(1)), m.start()) for r in (_DOF, _DOF_AFTER) for m in r.finditer(text)]
    if not found:
        return None, False
    value, start = max(found)
    return value, _wished(text, start)


def touch_in(text: str) -> tuple[bool | None, bool]:
    """Does the text state a sense of touch (`touch_words`: 指尖触觉, 力反馈, tactile):
    True where it says so anywhere (标配无触觉，可选配指尖触觉 offers it), False where
    it only negates it (无触觉), None where it says nothing; and whether a need asks
    for it only softly: wished for (最好带指尖触觉) or named without a firm word
    (指尖要有触觉, with fingertip tactile sensing; not 指尖必须有触觉)."""
    low = text.lower()
    said: bool | None = None
    firm = False
    for word in data()["touch_words"]:
        for start in _positions(low, word.lower()):
            # 无触觉; "tactile sensing not required": no touch asked for
            if _negated(low, start) or any(w in _clause_after(low, start) for w in _WAIVED_AFTER):
                said = said or False
            else:
                said = True
                firm = firm or (not _wished(low, start) and _firm(_clause_around(low, start, start)))
    return said, bool(said) and not firm


def _wished(text: str, start: int) -> bool:
    """Is what is said at `start` only wished for: a `wish_words` word earlier in its
    clause (最好, 希望, preferably), or a `wish_after_words` word later in it
    (带指尖触觉更佳, 有则更好)?"""
    d = data()
    before, after = _clause_before(text, start).lower(), _clause_after(text, start).lower()
    return any(w in before for w in d["wish_words"]) or any(w in after for w in d["wish_after_words"])


def ip_code_in(text: str) -> str | None:
    """The best protection code the text states, not negated (IP67, IPX5), in
    capitals, or None: the one that keeps out the most water, then dust."""
    low = text.lower()
    codes = [
        m.group(0).upper().replace(" ", "") for m in _IP_CODE.finditer(text) if not _negated(low, m.start())
    ]
    return max(codes, key=lambda c: (_ip_digit(c[3]), _ip_digit(c[2])), default=None)


# Protection from splashing water asked in words (设备必须防溅水, splash-proof): IPX4.
_SPLASH_PROOF = re.compile(r"防(?:泼)?溅(?:水)?|splash[- ]?proof|splash[- ]rated", re.IGNORECASE)


def protection_asked(text: str) -> str | None:
    """The protection code a need asks for: the one it states (`ip_code_in`), or IPX4
    where it asks in words for protection from splashing water (车库地面经常有积水，设备
    必须防溅水), not negated (不是“防溅”那种)."""
    code = ip_code_in(text)
    if code is not None:
        return code
    low = text.lower()
    said = next((m for m in _SPLASH_PROOF.finditer(low) if not _negated(low, m.start())), None)
    return "IPX4" if said else None


def _ip_digit(ch: str) -> int:
    return int(ch) if ch.isdigit() else -1


def _keeps_out_splashes(code: str | None) -> bool:
    """Does a protection code keep out splashing water at least (IPX4, IP54, IP65)?"""
    return code is not None and _ip_digit(code[3]) >= 4


def ip_code_short(needed: str, offered: str) -> bool:
    """Does the offered protection code fall short of the needed one: less against
    water, or less against dust where both state it (IP66 for IP67; IP54 for IP65)?
    An X states nothing: the offering's X against a needed digit falls short."""
    for i in (3, 2):  # water, then dust
        want, have = needed[i], offered[i]
        if want.isdigit() and (not have.isdigit() and i == 3 or have.isdigit() and int(have) < int(want)):
            return True
    return False


# Gas groups of explosion protection (GB/T 3836, IEC 60079): IIC (hydrogen,
# acetylene) covers IIB, IIB covers IIA. IIB+H2 is IIB made safe for hydrogen too.
_GAS_GROUP = re.compile(
    r"(?:(?<![A-Za-z])Ex\s?[a-z]{0,3}\s?|(?<![A-Za-z]))(?:II|Ⅱ)\s?([ABC])(?:\s?\+\s?H\s?2)?(?=T\d|[^A-Za-z]|$)"
)
GAS_GROUPS = {"IIA": 1.0, "IIB": 2.0, "IIB+H2": 2.5, "IIC": 3.0}
# Group I is for coal mines (firedamp): 矿用防爆, 煤安 (MA), Ex d I Mb; neither it nor
# group II stands in for the other.
_MINING = re.compile(
    r"(?<![A-Za-z])Ex\s?[a-z]{0,3}\s?I\s?M[ab]|(?<![A-Za-z])Ex\s?[a-z]{0,3}\s?I(?![A-Za-zI0-9])|"
    r"矿用防爆|矿用隔爆|矿用本安|矿用|煤安|\bMA\s?(?:认证|标志|certificate)|煤矿井下|高瓦斯|瓦斯隧道|coal mine|firedamp"
)
# Gases of group IIC a site may hold: hydrogen needs IIB+H2 at least, the rest IIC.
_HYDROGEN = re.compile(r"氢气|加氢|制氢|储氢|氢能|氢燃料|hydrogen", re.IGNORECASE)
_GROUP_IIC_GASES = re.compile(r"乙炔|二硫化碳|水煤气|acetylene|carbon disulfide", re.IGNORECASE)


def gas_group_in(text: str, site: bool = False) -> str | None:
    """The gas group of explosion protection the text states (Ex d IIB T4: "IIB"),
    the highest where it names several (IIA/IIB类气体场所: "IIB"), for a site
    (`site`) the lowest (IIB/IIC T4 or better: "IIB"); for a site stating none, the group the gases it holds call for (加氢装置: "IIB+H2",
    乙炔: "IIC"; not 没有氢气). Group I for a coal mine (矿用防爆, 煤安, Ex d I Mb) on a
    site, and on an offering stating no group II. None where it gives neither."""
    low = text.lower()
    mining = any(not _negated(low, m.start()) for m in _MINING.finditer(text))
    if site and mining:
        return "I"  # 矿用防爆（Ex d I Mb），普通IIB/IIC类防爆不接受
    groups = []
    for m in _GAS_GROUP.finditer(text):
        if not _negated(low, m.start()):
            groups.append("IIB+H2" if m.group(1) == "B" and "+" in m.group(0) else "II" + m.group(1))
    if not site and not groups and mining:
        return "I"
    if groups or not site:
        # An offering is protected to the highest it names; a site naming several
        # accepts the lowest (IIB/IIC T4 or better).
        return (min if site else max)(groups, key=GAS_GROUPS.__getitem__, default=None)
    for gases, group in ((_GROUP_IIC_GASES, "IIC"), (_HYDROGEN, "IIB+H2")):
        if any(not _negated(low, m.start()) for m in gases.finditer(text)):
            return group
    return None


def gas_group_short(needed: str, offered: str) -> bool:
    """Does the offered gas group fall short of the needed one (IIB for IIC; group II
    for a coal mine's I, or I for a site's II)?"""
    if "I" in (needed, offered):
        return needed != offered
    return GAS_GROUPS[offered] < GAS_GROUPS[needed]


def torque_in(text: str, least: bool = False) -> float | None:
    """The largest torque the text states (峰值扭矩 ≥100Nm, peak 120 N·m), or None.
    With `least`, the least of the peak ones (a need for several joints: 120 N·m for
    the arms, 300 for the knees), a rated one (额定≥50Nm) counting only alone, and
    the low end of a range (30–50Nm)."""
    found = []
    for m in _TORQUE.finditer(text):
        low = _TORQUE_RANGE_LOW.search(text, max(0, m.start() - 12), m.start(1)) if least else None
        # A need's range (额定扭矩30–50Nm) asks for its low end at least.
        value = float(low.group(1)) if low else float(m.group(1))
        found.append((value, _RATED_TORQUE.search(text, max(0, m.start() - 8), m.start())))
    if least:  # a rated (continuous) torque beside peak ones is another measure, not a joint
        found = [f for f in found if not f[1]] or found
    values = [v for v, _rated in found]
    return (min if least else max)(values) if values else None


_RATED_TORQUE = re.compile(r"额定|持续|连续|rated|continuous|nominal", re.IGNORECASE)
# The low end of a torque range, just before its top (30–50Nm, 30 to 50 N·m).
_TORQUE_RANGE_LOW = re.compile(r"(\d+(?:\.\d+)?)\s*(?:" + _RANGE_MARK + r"|to)\s*$", re.IGNORECASE)


# The most it takes, a weight right after the word (最大 60 kg 布卷, 最多 30 公斤).
_MOST_KG = re.compile(r"(?:最大|最多)\s*$")
# A weight said before what it weighs (25公斤一袋, 十四五公斤一个, 25 kg each): each such piece is carried.
_KG_EACH = re.compile(
    r"\s*(?:(?:一|每)(?:袋|个|车|箱|桶|件|盒|托|卷|筐|包|只|块)|(?:each|apiece|per (?:load|trip|run))\b"
    # ... or a package's size (25kg 装的危化品小桶, 20公斤装大米袋)
    r"|装的?[^，。；,;\d]{0,6}?(?:袋|桶|箱|包|罐|件))",
    re.IGNORECASE,
)


# ... or a weight reckoned with (保险点按200公斤算, 每车按150公斤计).
_RECKONED_BEFORE = re.compile(r"按\s*$")
_RECKONED = re.compile(r"\s*(?:算|计)")
# ... or, in a need, what one piece weighs, its measure word first (一坛50斤, 一盘水带20公斤),
# or a person the robot is to lift or hold up (老人脑梗后瘫痪在床，一百四十斤).
_PIECE_BEFORE = re.compile(r"(?:一|每)(?:坛|盘|桶|箱|袋|筐|盒|托|卷|包|件|块|罐|捆)[^，。；,;\d]{0,6}?$")
_PERSON_BEFORE = re.compile(
    r"(?:体重|老人|老爸|老妈|我爸|我妈|父亲|母亲|病人|患者|伤员|被困人员)[^。；;!?！？\n\d]{0,16}?$"
)
# ... or what one trip takes (一次一两百公斤, 每次送餐约20公斤, 每趟 25 kg).
_TRIP_BEFORE = re.compile(r"(?:一次|每次|每趟|一趟)[^\d，。；,;、（）()]{0,4}$")
# ... or, in a need, what a thing is said to weigh (但绑扎杆有25公斤, 重的有180斤).
_WEIGHS_BEFORE = re.compile(r"(?:有|加起来|合起来|加在一起)\s*$")
# ... or a weight the next words carry: 整盘（约25kg）搬到推车上, 25 kg trays lifted onto.
_KG_CARRIED = re.compile(r"\s*[）)]?\s*(?:搬|抬|提|举|扛|carried|lifted|moved)")
# ... or what the clause before ends on holds it (每趟一个标本转运箱，差不多 8 公斤).
_CONTAINER_BEFORE = re.compile(
    r"(?:箱|桶|袋|筐|框|盒|托盘)\s*[，,]\s*(?:差不多|大概|大约|约|左右|最重|满了)?\s*$"
)


def _kilograms(m: re.Match) -> float:
    """The weight a `_KG` match states, in kilograms (0 when its number is not one)."""
    unit, raw = m.group(2), m.group(1)
    value = _number(raw) or 0.0
    if value and _tens_and_some(raw, m.string[m.end(1) : m.start(2)].lstrip()):
        value += 5  # 十几公斤 about 15, as 十几万 is 150,000
    if m.string.startswith("出头", m.end()):
        value *= 1.1  # 二十公斤出头: a little over twenty
    return value * (1_000 if unit in ("吨", "t") else 0.5 if unit == "斤" else 1)


# An offering's own weight (重量1.45kg, 单手重量780g, 重约9kg): what it weighs, not what it carries.
_OWN_WEIGHT_WORDS = frozenset({"重量", "重约"})
# A hand or an arm named before kilograms (单手2.5kg): its load, unless its weight follows (单手重0.9kg).
_LIMBS = frozenset({"单手", "双手", "单臂"})


def payload_in(text: str, offering: bool = False) -> float | None:
    """The heaviest load the text states (额定负载20kg, 单件最重15kg, 双臂10kg, 25公斤一袋),
    or None. In an offering's text (`offering`), 重量 and 重约 are its own weight, as is
    a weight said after a load word (单手重0.9kg)."""
    if not _KG.search(text):
        return None  # no kilograms, no load
    best: float | None = None
    weights = 0  # kilograms the text states, for the pieces of a trip
    for kg in _KG.finditer(text):
        weights += 1
        if _load_wished(text, kg.start(), kg.end()):
            continue  # 如果还能把伤员拖出来更好（按一个成年人80公斤算），不能也没关系
        if (
            _KG_EACH.match(text, kg.end())
            or _KG_CARRIED.match(text, kg.end())
            or _MOST_KG.search(text, max(0, kg.start() - 4), kg.start())
            or _CONTAINER_BEFORE.search(text, max(0, kg.start() - 40), kg.start())
            or (
                _RECKONED_BEFORE.search(text, max(0, kg.start() - 3), kg.start())
                and _RECKONED.match(text, kg.end())
            )
            or _TRIP_BEFORE.search(text, max(0, kg.start() - 8), kg.start())
            or (
                not offering  # what a need says a thing, a piece or a person weighs
                and (
                    _WEIGHS_BEFORE.search(text, max(0, kg.start() - 6), kg.start())
                    or _PIECE_BEFORE.search(text, max(0, kg.start() - 10), kg.start())
                    or _PERSON_BEFORE.search(text, max(0, kg.start() - 24), kg.start())
                )
            )
        ):
            value = _kilograms(kg)
            if value > 0 and (best is None or value > best):
                best = value
    low = text.lower()  # the words in any case (Payload 25 kg, Max part 15 kg)
    for m in _payload_words().finditer(low if len(low) == len(text) else text):
        if offering and m.group(0) in _OWN_WEIGHT_WORDS:
            continue
        clause_end = _CLAUSE.search(text, m.end())
        end = clause_end.start() if clause_end else len(text)
        for kg in _KG.finditer(text, m.end(), min(end, m.end() + 24)):
            if _load_wished(text, kg.start(), kg.end()):
                continue
            if offering and m.group(0) in _LIMBS and text[m.end() : kg.start()].lstrip().startswith("重"):
                continue  # 单手重0.9kg: what the hand weighs, not what it holds
            value = _kilograms(kg)
            if value > 0 and (best is None or value > best):
                best = value
    if best is not None and not offering and weights == 1:
        best *= _pieces_a_trip(text)
    return best


# How many pieces a need's robot takes at once (单个纱筒4.5kg，一次要抓两个; 每趟两桶菜，
# 一桶12公斤; 2 boxes per trip): the load is the trip's, the one weight stated that many
# times; a text stating more than one weight (一个6公斤，一次抓4个，要抓得起24公斤) says
# the trip's itself. Not a count of months or hours (盘点一次要2个月, 一次3个小时).
_PIECES_A_TRIP = re.compile(
    r"(?:一次|每次|每趟|一趟)(?:要|得|需要|能)?(?:抓|拿|搬|运|拉|送|夹|取|提|推|装)?\s*"
    r"(两|二|三|四|[2-4])\s*(?:个(?!月|小时|钟|人|工作日|星期)|件|桶|箱|袋|筐|盒|只|卷|包)"
    r"|(\d)\s*(?:boxes|pieces|items|bags|crates|totes)\s*(?:per|a|each)\s*trip",
    re.IGNORECASE,
)


def _pieces_a_trip(text: str) -> int:
    m = _PIECES_A_TRIP.search(text)
    if not m:
        return 1
    raw = m.group(1) or m.group(2)
    return int(_number(raw) or 1)


# A least load a part or a robot must hold, said as one (单手负载不低于3公斤, 单臂负载≥2kg,
# 单手抓取 ≥ 3 kg, grip payload 3 kg or more): a requirement, not a weight.
_HOLDS = r"(?:负载|负重|载重|抓取|抓握|持重|夹持|握持|持握|payload|lift)[^，。；;,\n]{0,6}?"
_LEAST_LOAD = re.compile(
    rf"{_HOLDS}(?:≥|>=|不低于|不少于|不小于|至少|大于等于|at least|minimum)\s*({_NUMBER})\s*(?:kg|公斤|千克)"
    rf"|{_HOLDS}({_NUMBER})\s*(?:kg|公斤|千克)\s*(?:以上|及以上|or more|\+)",
    re.IGNORECASE,
)


# A load said loosely, as posters say what they move: a figure given or taken (约 20kg,
# 25公斤左右, 大概8公斤, approx. 9 kg, about 6 kg), a most (5公斤以内, 不到2公斤, under 1 kg,
# < 3 kg) or a range (3-6kg, 5到15公斤, 2–9 kg); kilograms or 斤, not tonnes (800吨压铸机).
_LOOSE_KG = re.compile(
    rf"(?:(?:约|大约|大概|差不多|approx\.?|approximately|about|around|~|～)\s*({_NUMBER}|[一二两三四五六七八九十百]+)"
    rf"|(?:under|below|<|≤|不到|小于|不超过)\s*({_NUMBER}|[一二两三四五六七八九十百]+)"
    rf"|({_NUMBER})\s*(?:{_RANGE_MARK}|到|至|to)\s*({_NUMBER})"
    rf"|({_NUMBER}|[一二两三四五六七八九十百]+))"
    r"\s*(kg|公斤|千克|(?<!公)斤)(?![a-zA-Z])"
    r"(\s*(?:左右|上下|以内|以下|不到|or less|or so|以上)?)",
    re.IGNORECASE,
)
# ... not the robot's own weight (本体重约45kg, 自重, 整机重量).
_OWN_WEIGHT_BEFORE = re.compile(
    r"(?:自重|本体|整机|机身|机器人重|weighs|its weight|own weight)[^，。；;,\n]{0,6}$", re.IGNORECASE
)


def loose_load_in(text: str) -> float | None:
    """The heaviest load a need's text says loosely (铝件连料饼大概25公斤, 锅体3-6kg,
    parts under 1 kg, 5公斤以内), for a need that carries when no load is stated as
    one (`payload_in`); a bare figure counts only with a word that gives or takes it
    (左右, 以内), and never the robot's own weight."""
    best: float | None = None
    for m in _LOOSE_KG.finditer(text):
        if _OWN_WEIGHT_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        bare = m.group(5)
        if bare and not m.group(7).strip():
            continue  # 30kg alone: a figure, not said as a load
        raw = m.group(4) or m.group(1) or m.group(2) or bare
        value = _number(raw) if raw else None
        if value is None:
            continue
        value = value / 2 if m.group(6) == "斤" else value
        if value > 0 and (best is None or value > best):
            best = value
    return best


def least_load_in(text: str) -> float | None:
    """The heaviest least load the text asks a part or a robot to hold (单手负载不低于3公斤,
    单臂负载≥2kg, grip payload 3 kg or more), or None: read for needs whose other
    kilograms are weights (a component's 重量≤1.2kg) or workpieces of work that carries nothing."""
    found = [float(m.group(1) or m.group(2)) for m in _LEAST_LOAD.finditer(text)]
    return max(found) if found else None


# A load its clause only wishes for (能拖出来更好（按80公斤算）, a bonus if it can lift
# 80 kg), or the next clause lets go of (……，不能也没关系).
_LOAD_WISHED = re.compile(r"更好|加分|锦上添花|nice to have|would be a bonus|\ba plus\b", re.IGNORECASE)
_LET_GO = re.compile(
    r"[，,]\s*(?:不能|不行|做不到|搬不动|拖不动)也(?:没关系|无所谓|可以)|,?\s*but not required"
)


def _load_wished(text: str, start: int, end: int) -> bool:
    clause = _clause_around(text, start, end)
    if _LOAD_WISHED.search(clause):
        return True
    after = _CLAUSE.search(text, end)
    return after is not None and _LET_GO.match(text, after.start()) is not None


# What an offering carries for as long as it works, beside a peak it holds for seconds:
# 单臂持续负载3kg, 连续作业建议5kg以内, continuous payload 4 kg, 额定负载5kg（20kg为短时峰值）.
_SUSTAINED = re.compile(
    r"(?:额定)?(?:持续|连续|长时间)(?:作业|工作|搬运|运行)?(?:额定)?(?:建议|推荐)?(?:负载|载荷|负重|承重|载重)?"
    r"|额定(?:负载|载荷|负重|承重|载重)?"
    r"|(?:continuously|continuous|sustained|rated)\s+(?:payload|load)?",
    re.IGNORECASE,
)
# A load only held still or for seconds, or the most a sheet boasts of: 峰值, 短时, 静态承载,
# 静载, 最大负载40kg, 标称负载25kg.
_PEAK = re.compile(
    r"峰值|瞬时|短时|静态|静载|极限|最大(?:负载|载荷|负重|承重|载重|举升)|标称|\bpeak\b|\bburst\b|\bstatic\b",
    re.IGNORECASE,
)
_SUSTAINED_REACH = 24  # characters after its cue, within the clause, where its figures are
_SUSTAINED_END = re.compile(rf"{_CLAUSE.pattern}|[（(]")  # 额定负载5kg（20kg为短时峰值）: not the 20
_ONE_ARM = re.compile(r"单臂|单手|\b(?:per|each|one|single) arm\b", re.IGNORECASE)


def sustained_payload_in(text: str) -> float | None:
    """The load the text says the robot carries continuously, or None. It counts beside
    a peak the text also states (单臂持续负载3kg，双臂峰值10kg; 最大承重60kg … 长时间连续运行
    建议总重≤25kg), as advice (坡地持续作业建议150kg以内), or beside another rating (额定负载
    60kg … 手臂持续搬运负载5kg); one cue's figures for one arm and for both are one rating,
    the larger (持续作业建议单臂≤4kg、双臂≤8kg: 8); of several cues, the least. Without
    any of these, a load per arm beside one for both (单臂持续负载5kg、双臂协同搬运10kg) is no
    lesser rating."""
    ratings: list[tuple[float, bool]] = []  # (kilograms, for one arm)
    advised = False
    for cue in _SUSTAINED.finditer(text):
        clause_end = _SUSTAINED_END.search(text, cue.end())
        end = min(clause_end.start() if clause_end else len(text), cue.end() + _SUSTAINED_REACH)
        figures = [v for kg in _KG.finditer(text, cue.end(), end) if (v := _kilograms(kg)) > 0]
        if figures:
            one_arm = bool(_ONE_ARM.search(text, max(cue.start() - 4, 0), end)) and len(figures) == 1
            ratings.append((max(figures), one_arm))
            advised = advised or "建议" in cue.group() or "推荐" in cue.group()
    if not ratings or not (_PEAK.search(text) or advised or len({kg for kg, _one in ratings}) > 1):
        return None
    # One arm's rating beside both arms' (单臂额定3kg，双臂协同持续搬运5kg) is part of it.
    both = [kg for kg, one in ratings if not one]
    return min(both or [kg for kg, _one in ratings])


# ---------------------------------------------------------------- stated or implied


@dataclass(frozen=True)
class SiteConditions:
    """A site's conditions as its demand's text gives them: `required` when the
    text states them as a requirement (必须/要求/须 … 防爆, or a rating or a
    certificate named), `mentioned` when it only speaks of them (a drill in a
    tank farm, an exhibition about explosion-proof robots, a humid workshop)."""

    required: tuple[str, ...]
    mentioned: tuple[str, ...]


def _clause_around(text: str, start: int, end: int) -> str:
    left = 0
    for m in _CLAUSE.finditer(text, 0, start):
        left = m.end()
    right = _CLAUSE.search(text, end)
    return text[left : right.start() if right else len(text)]


# What the need says this robot, this round, does without (这台不考虑防爆, 本次不要求防爆).
_THIS_ONE_WAIVES = re.compile(
    r"(?:这台|这次|本次|此次|这回|这批|本项目)[^，。；;,\n]{0,4}?(?:不考虑|不要求|不需要|无需|不用|不必)$"
)


# A hazardous area's zone (罐顶为1区, 划为2区).
_ZONE = re.compile(r"(?:为|属于|属|是|划为|划分为|按)\s*(?:爆炸危险(?:区域)?)?\s*[012]\s*区(?![域间内外])")


def _hazardous_area_stated(text: str) -> bool:
    """Does a need's text state its site's explosion protection in its own terms: the
    gas group (区域按IIB T4防爆设计) or the zone (罐顶为1区), not negated?"""
    low = text.lower()
    return any(
        not _negated(low, m.start()) for pattern in (_GAS_GROUP, _ZONE) for m in pattern.finditer(text)
    )


_THIS_ONE_WAIVES_ANYWHERE = re.compile(_THIS_ONE_WAIVES.pattern.removesuffix("$"))


def _waived_for_this_one(low: str) -> set[str]:
    """Conditions whose rating the text says this robot or this round does without."""
    if not _THIS_ONE_WAIVES_ANYWHERE.search(low):
        return set()
    return _some_mention(
        _environments("rated"),
        low,
        lambda low, start, _w: bool(_THIS_ONE_WAIVES.search(low, max(0, start - 14), start)),
    )


# A form's field named in quotes as ticked (环境那栏勾了“易燃易爆”, 表单里“易燃易爆”是按企业
# 性质勾的, 勾了“质检”和“户外”): the field, not the site.
_FIELD_TICKED = re.compile(
    r"(?:勾了|勾选了?|勾的|选了|选的|选择了|填了|填的|标了|表单里|表格里|那栏|这栏|栏里|系统里|ticked|selected|checked"
    r"|[”\"」’']\s*(?:和|、|与|及))\s*[“\"「‘']$"
)
_TICKED_AFTER = re.compile(r"[^“\"「‘'，。；;\n]{0,3}[”\"」’'][^，。；;\n]{0,10}?(?:勾|选|填)")
# The text explaining a field ticked, or asking to ignore it (请忽略, 说明一下：, 是按企业性质勾的).
_TICK_EXPLAINED = re.compile(
    r"忽略|请无视|说明一下|解释一下|说明[：:]|解释[：:]|默认勾|按[^，。；;\n]{0,6}性质|[”\"」’'][：:]"
    r"|勾错|误勾|误选|选错|填错|误填|更正"
)


def _names_the_field(low: str, start: int) -> bool:
    """Is the word at `start` the label of a field the poster ticked, in quotes?"""
    return bool(_FIELD_TICKED.search(low, max(0, start - 8), start)) or (
        low[max(0, start - 1) : start] in ("“", '"', "「", "‘", "'") and bool(_TICKED_AFTER.match(low, start))
    )


def _fields_explained(low: str) -> set[str]:
    """Conditions whose field the text names as ticked and explains or asks to ignore
    (系统默认勾了“洁净车间”，请忽略): the poster takes the tick back."""
    if not _TICK_EXPLAINED.search(low):
        return set()
    return {
        code
        for side in ("site", "rated")
        for code in _some_mention(
            _environments(side), low, lambda low, start, _w: _names_the_field(low, start)
        )
    }


def _waived(text: str, start: int, end: int) -> bool:
    """Is the condition at `start`..`end` waived, before it (无需防爆, 不要求洁净) or
    after it (防爆不作硬性要求, explosion-proof is not required)?"""
    prefix = text[max(0, start - _NEGATION_WINDOW) : start]
    return any(w in prefix for w in data()["site_requirement_exceptions"]) or any(
        w in _clause_after(text, end) for w in _WAIVED_AFTER
    )


def _kept_out_of(low: str, word: str) -> bool:
    """Does the text keep the robot out of the place `word` names, anywhere (到火场楼层
    人已经没劲了……不用进火场): then no mention of the place is the site's."""
    if word.isascii():
        return False
    return any(_KEEPS_OUT.search(low, max(0, at - _KEEPS_OUT_REACH), at) for at in _positions(low, word))


# What, just before a place, keeps the robot out of it (不用进, 无需进入, 不靠近).
_KEEPS_OUT = re.compile(r"(?:不用|不需要|无需|不必|不会|不能|别|不)(?:进|进入|进去|去|靠近|接近)$")
_KEEPS_OUT_REACH = 5  # the longest of them (不需要进入)


# A place left out of this round (户外步道送物不在本次范围, out of scope).
_OUT_OF_ROUND = ("不在本次", "不在此次", "不在这次", "不在范围", "out of scope", "not in scope")
# What a clause says after a place to keep the robot out of it (冷冻区不用机器人, 冷库不进).
_KEPT_OUT = (
    "不用机器人",
    "不需要机器人",
    "不进",
    "不用进",
    "不需要进",
    "无需进",
    "不必进",
    "不用去",
    "不去",
    "不用考虑",
    "不考虑",
    "除外",
    "不涉及",
    "不做",
    "暂不",
    "不在服务范围",
    "不用管",
    "用不上",
    "用不着",
    "not needed",
    "excluded",
    *_OUT_OF_ROUND,
)
# ... or the next clause leaving it out of this round (外立面施工为户外，不在本次范围).
# (Not 不考虑 nor 不涉及: the next clause may turn to something else, 冷库作业，不考虑租赁.)
_LEFT_OUT_NEXT = (*_OUT_OF_ROUND, "不用管", "用不上", "用不着")
# ... or the clause after it, turning to where the work is (卖场里有冷冻柜区，但这次只在常温区试;
# 手术室区域是洁净区，不过机器人只送到缓冲间门口).
_ONLY_ELSEWHERE = re.compile(
    r"^[，,]\s*(?:但|不过|but)[^，。；;]{0,12}?(?:只在|只是在|仅在|只做|只试|只送到|只到|只停在|only in|only on|only goes to)"
)


# ... or the next clause pointing back at it to keep the robot out (旁边是液氮罐区，这个不用
# 机器人管; 那块不需要机器人).
_THAT_ONE_KEPT_OUT = re.compile(
    r"\s*(?:这个|这块|这边|这里|这部分|这些|那个|那块|那边|那里|那部分|那些|该区域)[^，。；;,\n]{0,4}?(?:"
    + "|".join(re.escape(w) for w in _KEPT_OUT if not w.isascii())
    + ")"
)


# The next clause keeping the robot out of it (厨房是高温区域，机器人不用进去).
# Also when it turns (但那边不需要机器人进去, 但浴室机器人不用进).
_NOT_GOING_IN = re.compile(
    r"^[，,]\s*(?:(?:但|不过|but)\s*[^，。；;,\n]{0,4}?)?(?:机器人|设备|robots?|the robot)?\s*"
    r"(?:不用|不需要|无需|不会|不必|不|does not|doesn't|won't|will not)\s*(?:机器人|设备)?\s*(?:进去|进入|进|go in|enter)"
)


# The robot said not to go there, later in the same sentence (外面装卸场是露天的，
# 那块由环卫负责，机器人不用去; 特气房有硅烷……机器人完全不进特气房).
_ROBOT_STAYS_OUT = re.compile(
    r"(?:机器人|设备)\s*(?:完全|根本|也|都|并|绝)?\s*(?:不用|不需要|无需|不必|不会|不)\s*(?:去|进|进去|进入|管|负责)"
)


_ROBOT_SAID = re.compile(r"机器人|设备|robot")


# How far on in its sentence a place may be left out of this round.
_OUT_OF_ROUND_REACH = 24


def _left_out_later(text: str, end: int, stop: int) -> bool:
    """Is the place just named left out of this round later in its sentence, with no
    other place named between (煤气柜，那边有专门的防爆巡检，不在这次范围内)?"""
    rest = text[end : min(stop, end + _OUT_OF_ROUND_REACH)]
    at = min((i for i in (rest.find(w) for w in _OUT_OF_ROUND) if i != -1), default=-1)
    return at != -1 and not _environments("site").present(rest[:at])


# A place the clause hands to others (煤气区域由专业防爆设备负责, 冷库归物流公司管).
_HANDLED_BY_OTHERS = re.compile(r"[^，。；;,\n]{0,4}?(?:由|归)[^，。；;,\n]{1,14}?(?:负责|管理|来管|管|处理)")


def _handed_to_others(text: str, words) -> frozenset[str]:
    """The place words the text hands to others somewhere (煤气区域由专业防爆设备负责, 冷库归物流
    公司管): the same place named elsewhere (高炉出铁场、煤气区域发生火灾时) is not the robot's site."""
    out = set()
    for word in words:
        start = text.find(word)
        while start != -1:
            if _HANDLED_BY_OTHERS.match(_clause_after(text, start + len(word))):
                out.add(word)
                break
            start = text.find(word, start + len(word))
    return frozenset(out)


def _kept_out(text: str, end: int) -> bool:
    """Does the clause go on to keep the robot out of the place just named, or the
    next one say the robot does not go in, or the sentence that it does not go there?"""
    after = _clause_after(text, end)[:12]
    if any(w in after for w in _KEPT_OUT):
        return True
    if _HANDLED_BY_OTHERS.match(_clause_after(text, end)):
        return True  # 煤气区域由专业防爆设备负责
    sentence_end = _SENTENCE.search(text, end)
    stays_out = _ROBOT_STAYS_OUT.search(text, end, sentence_end.start() if sentence_end else len(text))
    if stays_out and not _ROBOT_SAID.search(text, end, stays_out.start()):
        return True  # the first thing the sentence says of the robot after the place
    clause_end = _CLAUSE.search(text, end)
    if not clause_end:
        return False
    if any(w in text[clause_end.end() : clause_end.end() + 10] for w in _LEFT_OUT_NEXT):
        return True  # 外立面施工为户外，不在本次范围
    if _THAT_ONE_KEPT_OUT.match(text, clause_end.end()):
        return True  # 旁边是液氮罐区，这个不用机器人管
    if _left_out_later(text, end, sentence_end.start() if sentence_end else len(text)):
        return True  # 厂区另一头有煤气柜，那边有专门的防爆巡检，不在这次范围内
    at = clause_end.start()
    return bool(
        _NOT_GOING_IN.search(text[at : at + 24])
        or (at < end + 40 and _ONLY_ELSEWHERE.search(text[at : end + 40]))
    )


# The kinds of event whose hazards are acted out (a drill's fire, a training's leak),
# not those of a show: a show is held at a real place, in its rain and cold.
_SIMULATED = ("drill", "training")


def _is_event(text: str) -> bool:
    """Is the text about a drill, a training or an exhibition (演练, 培训, 展会, and
    each word `event_kinds_in` reads as a drill or a training: 实训, 比武)? Not when it
    names one only in an aside (另外11月有一次联合演练，到时也会拉去用) or by the way."""
    low = text.lower()
    return any(
        not _aside(low, start) and not _by_the_way(low, start)
        for w in data()["site_event_words"]
        for start in _positions(low, w.lower())
    ) or any(not _aside(low, start) for kind, start in _events_said(low) if kind in _SIMULATED)


# A sentence that turns to something besides the need itself (另外……, 此外……, Also, …).
_ASIDE = re.compile(r"\s*(?:另外|此外|另有|除此之外|also\b|besides\b|in addition\b)")


def _aside(low: str, start: int) -> bool:
    """Is the sentence around `start` an aside (另外11月有一次演练)?"""
    return bool(_ASIDE.match(low, _sentence_start(low, start)))


_HAN, _LATIN = re.compile("[\u4e00-\u9fff]"), re.compile("[A-Za-z]")


# Where the text limits its service to some cities (目前只覆盖宁波、台州、温州; service
# staff in Lishui and Jinhua only; 服务范围：杭州、宁波主城区): a clause with a limiting
# word and the cities it names.
_ONLY_ZH = re.compile(r"(?<![不非])(?:只|仅)|限于|服务范围|服务区域|服务城市|覆盖城市")
_ONLY_EN = re.compile(r"\bonly\b|limited to|service area|service region")
_NOT_ONLY = re.compile(r"不只|不仅|不限|not only|not limited")
_WHOLE_PROVINCE = (
    "全省",
    "全浙江",
    "浙江全境",
    "省内各地",
    "all of zhejiang",
    "across zhejiang",
    "anywhere in zhejiang",
)
_ZH_CLAUSE = re.compile(f"[{_LIST_ENDS}]")  # a list's 、 does not end it


@lru_cache(maxsize=1)
def _city_names() -> tuple[tuple[str, str], ...]:
    names = []
    for code in taxonomy.codes("cities"):
        if code == "out_of_province":
            continue
        for lang in ("zh", "en"):
            names.append((taxonomy.label("cities", code, lang).lower().removesuffix("市"), code))
    return tuple(names)


def service_cities_in(text: str) -> list[str]:
    """The cities the text limits its service to, in taxonomy order; none when it
    states no limit (or says it serves the whole province)."""
    low = text.lower()
    if any(w in low for w in _WHOLE_PROVINCE):
        return []
    found: set[str] = set()
    for splitter, only in ((_ZH_CLAUSE, _ONLY_ZH), (_SENTENCE, _ONLY_EN)):  # English lists use commas
        for clause in splitter.split(low):
            if not only.search(clause) or _NOT_ONLY.search(clause):
                continue
            found |= {code for name, code in _city_names() if name in clause}
    return [c for c in taxonomy.codes("cities") if c in found]


def written_in(text: str) -> str:
    """ "zh" when a text is written in Chinese (a fifth or more of its letters are
    Chinese characters), else "en"."""
    han, latin = len(_HAN.findall(text)), len(_LATIN.findall(text))
    return "zh" if han * 5 >= han + latin and han else "en"


def asks_humanoid(text: str) -> bool:
    """Does a need's text ask for a humanoid (`humanoid_words`: 人形机器人, humanoid),
    not negated and not waived just before (`humanoid_waivers`: 不限人形, 不一定是人形)?"""
    d = data()
    low = text.lower()
    mentions = [start for w in d["humanoid_words"] for start in _positions(low, w)]
    if any(low.endswith(c, 0, start) for start in mentions for c in d["humanoid_waivers"]):
        return False  # 有人推荐人形机器人……不一定要人形: the poster's own word waives it
    return any(
        not _negated(low, start)
        and not any(w in _clause_before(low, start) for w in _NOT_WANTED)
        and not any(w in _clause_after(low, start) for w in _WAIVED_AFTER)
        and not _OR_ANOTHER.match(low, _humanoid_end(low, start))
        and not _HAD.search(_clause_before(low, start))
        and not _REFUSED_AFTER.match(low, _humanoid_end(low, start))
        and not (
            _OR_BEFORE.search(_clause_before(low, start)) and _ALL_DO.match(low, _humanoid_end(low, start))
        )
        for start in mentions
    )


# ... or named second of two forms that will both do (复合机器人或者人形的都可以).
_OR_BEFORE = re.compile(r"(?:或者?|还是|\bor\b)\s*$")
# What says any of the forms named will do (人形的都可以, 挂轨的也行).
_WILL_DO = "都可以|都行|均可|皆可|也行|也可以|都可"
_ALL_DO = re.compile(rf"[^，。；;,.\n]{{0,6}}?(?:{_WILL_DO}|either (?:is|will do)|will do)")


# The humanoid word at a mention, with the 机器人 that may follow it.
_HUMANOID_AT = re.compile(r"(?:人形|类人|双足|humanoid)(?:机器人|\s*robots?)?")


def _humanoid_end(low: str, start: int) -> int:
    """Where the humanoid word at `start` ends, with the 机器人 that may follow it."""
    m = _HUMANOID_AT.match(low, start)
    return m.end() if m else start


# ... then another form offered as well (人形或机器人方案, 人形还是别的机器人都可以, humanoid or not).
_OR_ANOTHER = re.compile(
    r"\s*(?:或者?|还是|、|/|\bor\b)\s*(?:其他|其它|别的|非人形|普通|机器人|轮式|\bother\b|non-humanoid|\bnot\b|\bany\b)"
    # 人形或AGV+机械臂都可以, 人形或者协作机械臂都行: another form, either will do
    rf"|\s*(?:或者?|还是|\bor\b)[^，。；;,.\n]{{1,24}}?(?:{_WILL_DO}|either is fine|will do)"
)
# ... or robots the poster has already (有8台人形和AMR, we already run two humanoids).
_HAD = re.compile(r"(?:已有|现有|已经有|已经用|(?<![要需想])有\s*\d+\s*台|already (?:have|run|use|own))")


# What refuses the form right after its mention (人形机器人什么的就别推了, 人形的就不要了,
# 人形不考虑, humanoids need not apply).
_REFUSED_AFTER = re.compile(
    r"(?:s\b)?\s*(?:什么的|之类的?|这类的?|那类的?|那种的?|的)?\s*(?:就|也|都)?\s*"
    r"(?:别推|别再推|不用推|不要推|别介绍|不用介绍|不要了|不考虑|免谈|不接受|不需要了|不要(?=[，。；;,.!！\n]|$)"
    r"|need not apply|are not wanted|not wanted|(?:are )?out of the question)"
)


# What waives the form after its mention (a humanoid is not required; 人形不是必须的).
_WAIVED_AFTER = (
    "not required",
    "not necessary",
    "not a must",
    "not mandatory",
    "not a requirement",
    "不是必须",
    "非必须",
    "不强求",
    "不作要求",
    "不做要求",
    "不作硬性要求",
    "不做硬性要求",
    "不是硬性要求",
    "非硬性要求",
    "不作强制要求",
    "不是硬条件",
    "无所谓",  # 人形不人形无所谓
)


# What a clause says is not wanted, before the thing (不要那种一人高的人形机器人).
_NOT_WANTED = ("不要", "不想要", "不需要", "不考虑", "不接受", "don't want", "do not want", "not looking for")
# ... unless it only leaves it open (不要求人形, 不一定要人形).
_NOT_REQUIRED = ("不要求", "不一定", "不必", "不强求", "not required", "not necessarily")
_NOT_A = re.compile(r"\b(?:no|not|not a)\s*$")


def refuses_humanoid(text: str) -> bool:
    """Does a need's text say it does not want a humanoid (不要人形的那种, 不需要人形机器人,
    no humanoid, we do NOT want a humanoid)? Leaving the form open (不一定要人形,
    不要求人形, a humanoid is not required) is no refusal."""
    low = text.lower()
    for w in data()["humanoid_words"]:
        for start in _positions(low, w):
            before = _clause_before(low, start)
            if any(c in before for c in _NOT_REQUIRED):
                continue
            if any(c in before for c in _NOT_WANTED) or _NOT_A.search(before):
                return True
            if _REFUSED_AFTER.match(low, _humanoid_end(low, start)):
                return True
    return False


_CAMERA_WORDS = ("摄像头", "摄像机", "视频监控", "camera", "cameras", "cctv")
_CAMERA_FREE = (
    "camera-free",
    "camera free",
    "不拍画面",
    "不拍人",
    "不拍摄",
    "不用拍",
    "无摄像头",
    "没有摄像头",
    "不带摄像头",
    "不含摄像头",
    "no camera",
    "without camera",
)
# An offering built without its cameras (拆掉了全部摄像头, 去掉摄像头).
_CAMERA_REMOVED = re.compile(r"(?:拆掉|拆除|去掉|去除|取消)[^，。；;,\n]{0,4}?(?:摄像头|摄像机)")


_OBJECTING = r"不同意|(?<!不)(?:介意|反感|抵触|排斥)"  # 家属不同意房间里装摄像头; 装摄像头家属比较抵触
_NO_CAMERA = re.compile(
    r"(?:不想|不要|不装|不能装|不能有|不能用|不可用|不得用|不得使用|不准用|不用|不接受|不允许|不希望|不愿|禁止|严禁|"
    rf"{_OBJECTING}|\bno\b|without|don't want|do not want)"
    r"[^，。；;,.\n]{0,6}?(?:摄像头|摄像机|camera)"
    rf"|(?:摄像头|摄像机)[^，。；;,.\n]{{0,12}}?(?:{_OBJECTING})"
)


def refuses_camera(text: str) -> bool:
    """Does a need's text refuse cameras (不想装摄像头拍他, 卫生间里不能装摄像头, no
    cameras), or say the people watched object to them (房间里装摄像头家属比较抵触)?
    Cameras it has already (店里已经装了不少摄像头) are none refused."""
    low = text.lower()
    return any(w in low for w in _CAMERA_FREE) or bool(_NO_CAMERA.search(low))


# Said of a camera in the same clause: one that can be off, or others' cameras a
# platform takes in (接入雷达、摄像头), is none watching the person.
_CAMERA_OFF = (
    "关闭",
    "可关",
    "可选",
    "选配",
    "接入",
    "对接",
    "兼容",
    "switched off",
    "switch off",
    "turned off",
    "turn off",
    "off by default",
    "shutter",
    "optional",
    "integrat",
    "connects",
)


def uses_camera(text: str) -> bool:
    """Does an offering's text say it watches through a camera (移动摄像头, AI camera),
    not that it has none (无摄像头, camera-free, 不拍画面) nor one that can be switched
    off (摄像头默认关闭, camera can be switched off)?"""
    low = text.lower()
    if any(w in low for w in _CAMERA_FREE) or _CAMERA_REMOVED.search(low):
        return False
    return any(
        not any(off in _clause_around(low, start, end) for off in _CAMERA_OFF)
        for start, end in _said(low, _CAMERA_WORDS)
    )


# ---------------------------------------------------------------- languages spoken

# Languages and dialects a robot speaks: code -> (zh label, en label, words).
LANGUAGES = {
    "en": ("英语", "English", r"英语|英文|english"),
    "ja": ("日语", "Japanese", r"日语|日文|japanese"),
    "ko": ("韩语", "Korean", r"韩语|韩文|korean"),
    "ru": ("俄语", "Russian", r"俄语|俄文|russian"),
    "ar": ("阿拉伯语", "Arabic", r"阿拉伯语|阿拉伯文|阿语|arabic"),
    "es": ("西班牙语", "Spanish", r"西班牙语|西班牙文|西语|spanish|español"),
    "fr": ("法语", "French", r"法语|法文|french"),
    "de": (
        "德语",
        "German",
        r"德语|德文|german(?![- ](?:made|machines?|equipment|brands?|customers?|standards?))",
    ),
    "pt": ("葡萄牙语", "Portuguese", r"葡萄牙语|葡语|portuguese"),
    "it": ("意大利语", "Italian", r"意大利语|意大利文|italian"),
    "th": ("泰语", "Thai", r"泰语|泰文|\bthai\b"),
    "vi": ("越南语", "Vietnamese", r"越南语|越南文|vietnamese"),
    "id": ("印尼语", "Indonesian", r"印尼语|印度尼西亚语|马来语|indonesian|malay\b"),
    "sign": ("手语", "sign language", r"手语|sign language"),
    "wenzhou": ("温州话", "the Wenzhou dialect", r"温州话|温州方言|wenzhounese|wenzhou dialect"),
    "taizhou": ("台州话", "the Taizhou dialect", r"台州话|台州方言|taizhou dialect"),
    "ningbo": ("宁波话", "the Ningbo dialect", r"宁波话|宁波方言|ningbo dialect"),
    "hangzhou": ("杭州话", "the Hangzhou dialect", r"杭州话|杭州方言|hangzhou dialect"),
    "shaoxing": ("绍兴话", "the Shaoxing dialect", r"绍兴话|绍兴方言"),
    "jinhua": ("金华话", "the Jinhua dialect", r"金华话|金华方言"),
    "dialect": ("方言", "local dialects", r"方言|本地话|dialects?"),
    "multi": ("多语种", "several languages", r"多语种|多语言|多国语言|multilingual|multi-lingual"),
}
DIALECTS = frozenset({"wenzhou", "taizhou", "ningbo", "hangzhou", "shaoxing", "jinhua", "dialect"})
# Foreign languages a robot speaking many (12种语言, 30+ languages) is taken to cover.
MAJOR_LANGUAGES = frozenset({"en", "ja", "ko", "ru", "ar", "es", "fr", "de", "pt", "it", "th", "vi", "id"})
# The words themselves, without the patterns' lookaheads (german(?!-made) -> german).
_LANGUAGE_LITERALS = tuple(
    dict.fromkeys(
        re.sub(r".\?", "", w)  # dialects? -> dialect
        for _zh, _en, words in LANGUAGES.values()
        for w in re.sub(r"\(\?!(?:[^()]|\([^()]*\))*\)", "", words).split("|")
    )
)
# One pass over a text finds every language's words: the group that matched is its code.
_LANGUAGE_WORDS = re.compile(
    "|".join(f"(?P<{code}>{words})" for code, (_zh, _en, words) in LANGUAGES.items()), re.IGNORECASE
)
# 中英双语, 中/英/日/韩, 中英日韩阿西: one character a language (one alone needs 语 or 文).
# Each major language's one character: its Chinese name's first (英语 -> 英).
_RUN_CODES = {LANGUAGES[code][0][0]: code for code in sorted(MAJOR_LANGUAGES)}
_RUN_CHARS = "".join(_RUN_CODES)
_LANGUAGE_RUN = re.compile(
    rf"中[/、]?((?:[{_RUN_CHARS}粤][/、]?){{2,9}})"  # 粤 (Cantonese) counts in the run, as no code
    rf"|中([{_RUN_CHARS}])(?:[两三四五六七八九\d]种)?(?:双语|三语|多语|语|文|互译)"
)
_LANGUAGE_COUNT = re.compile(
    r"(\d{1,3}|[两三四五六七八九十]{1,3})\s*\+?\s*(?:多)?\s*(?:种|门|国)\s*(?:语言|语种|外语|语)"
    r"|(\d{1,3})\s*\+?\s*languages",
    re.IGNORECASE,
)


def languages_in(text: str) -> list[str]:
    """Languages and dialects a text names a robot speaking (俄语, 温州话, 中英双语,
    多语种; Chinese itself is never listed), not negated: codes of `LANGUAGES`."""
    low = text.lower()
    found: set[str] = set()
    if any(w in low for w in _LANGUAGE_LITERALS):  # most texts name none: substring tests run in C
        found = {str(m.lastgroup) for m in _LANGUAGE_WORDS.finditer(low) if not _negated(low, m.start())}
    for m in _LANGUAGE_RUN.finditer(low):
        found |= {_RUN_CODES[ch] for ch in (m.group(1) or m.group(2)) if ch in _RUN_CODES}
    if language_count(text):
        found.add("multi")
    return [c for c in LANGUAGES if c in found]


def language_count(text: str) -> int | None:
    """How many languages a text says a robot speaks (12种语言, 30+ languages), if it says."""
    counts = []
    for m in _LANGUAGE_COUNT.finditer(text):
        raw = m.group(1) or m.group(2)
        n = int(raw) if raw.isdigit() else _cn_number(raw)
        if n:
            counts.append(int(n))
    return max(counts) if counts else None


def language_label(code: str, lang: str = "zh") -> str:
    zh, en, _words = LANGUAGES[code]
    return zh if lang == "zh" else en


# A need that will not have a four-legged robot (不要四足的, 不考虑机器狗, no robot dogs) ...
_NO_QUADRUPED = re.compile(
    r"(?:不要|不考虑|不需要|不用|不接受|拒绝|别推|不想要|排除)[^，。；;,.\n]{0,6}?(?:四足|机器狗)"
    r"|\bno (?:robot )?(?:dogs?|quadrupeds?)\b|\bnot (?:a )?quadrupeds?\b|\bquadrupeds? (?:are )?not\b"
)
# ... and an offering that is one, as its title names it (四足巡检机器人, 机器狗, quadruped).
_QUADRUPED = re.compile(r"四足|机器狗|quadruped|robot dog|robodog", re.IGNORECASE)


def refuses_quadruped(text: str) -> bool:
    """Does a need's text refuse four-legged robots (不要四足的, 不要机器狗, no quadrupeds)?"""
    return bool(_NO_QUADRUPED.search(text.lower()))


# A need whose robot must ride the lifts (要能自己坐电梯, 需自主乘梯, 跨楼层配送, must ride
# the elevators) ...
_LIFTS_ASKED = re.compile(
    r"(?:自主|自己|自动|能|会|要|需|可以|必须|支持)[^，。；;,.!！?？\n]{0,4}?"
    r"(?:乘梯|乘电梯|坐电梯|搭电梯|乘坐电梯|上下电梯|进出电梯)"
    r"|跨楼层|\b(?:ride|riding|take|taking|use|using)\s+(?:the\s+)?(?:lifts?|elevators?)\b"
    r"|\b(?:lift|elevator)[- ]riding\b"
)
# ... and an offering that cannot (单层平面使用，不能乘电梯; 不支持乘梯; single floor only), not
# one that can with a module to add (可选配梯控模块; 乘电梯需要另外加装梯控模块).
_NO_LIFTS = re.compile(
    r"(?:不支持|不能|不会|无法|不可)[^，。；;,.!！?？\n]{0,4}?(?:乘梯|乘电梯|坐电梯|梯控|跨楼层)"
    r"|单层平面|单层作业|单层使用|单楼层|平层使用|仅限单层|只在单层"
    r"|\bsingle[- ]floor\b|\b(?:cannot|can't|does not|doesn't) (?:ride|use|take) (?:the )?(?:lifts?|elevators?)"
    r"|\bno (?:lift|elevator) (?:riding|support|access)"
)
_LIFTS_ADDED = re.compile(
    r"(?:选配|另购|加装|另加|可加|可选)[^，。；;,.\n]{0,6}?(?:梯控|模块)|optional (?:lift|elevator)|add-on"
)


def asks_lifts(text: str) -> bool:
    """Does a need's text ask for a robot that rides the lifts (要能自己坐电梯, 需自主乘梯,
    跨楼层, must ride the elevators), not negated (不需要乘梯)?"""
    low = text.lower()
    return any(not _negated(low, m.start()) for m in _LIFTS_ASKED.finditer(low))


_RIDES_LIFTS = re.compile(
    r"乘梯|乘电梯|坐电梯|搭电梯|乘坐电梯|梯控|跨楼层|呼梯"
    r"|电梯[^，。；;\n]{0,12}?(?:联动|对接|打通)|(?:联动|对接|打通)电梯"  # 与电梯、门禁联动
    r"|(?<!patient )\b(?:lifts?|elevators?)\b(?!\s*(?:patients?|assist|people|residents))"  # not a patient lift
)


def rides_lifts(text: str) -> bool:
    """Does an offering's text say it rides the lifts (自主乘梯, 梯控版, 跨楼层配送, lift and
    door integration), and not that it cannot (`no_lifts`)? One that can only with a
    module to add (标准版不支持乘梯，可选配梯控模块) says neither."""
    low = text.lower()
    return not no_lifts(low) and any(not _negated(low, m.start()) for m in _RIDES_LIFTS.finditer(low))


def no_lifts(text: str) -> bool:
    """Does an offering's text say it cannot ride lifts (单层平面使用，不能乘电梯; 不支持乘梯;
    single floor only), with no lift module to add (可选配梯控模块)?"""
    low = text.lower()
    return bool(_NO_LIFTS.search(low)) and not _LIFTS_ADDED.search(low)


# A machine form a need names (a quadruped, a rail-mounted robot) is not asked for
# where another form will do as well (机器狗、无人机都可以考虑, 人形的、机器狗都行, 挂轨的也行,
# quadruped or wheeled), said after it or before it (轮式或四足巡检机器人) ...
_FORMS = r"轮式|人形|履带|挂轨|无人机|四足|机器狗|爬行式?|wheeled|humanoid|tracked|drone|quadruped"
_FORM_OR_ANOTHER = re.compile(
    rf"[^，。；;,.\n]{{0,12}}?(?:{_WILL_DO}|either|will do|or any)"
    r"|(?:机器人)?的(?:也)?(?:可以|行)"  # 四足的可以: allowed, not asked for
    rf"|\s*(?:或者?|还是|、|/|\bor\b)\s*(?:其他|其它|别的|\bother\b|\bany\b|{_FORMS})"
)
_ANOTHER_OR_FORM = re.compile(rf"(?:{_FORMS})[^，。；;,.\n]{{0,4}}?(?:或者?|还是|、|/|\bor\b)\s*$")
# ... or left open, or given as an example of what would do (比如防爆机器人、巡检机器狗这一类).
_FOR_EXAMPLE = ("不限", "比如", "例如", "譬如", "such as", "e.g.", "for example")
# ... or refused later in its sentence (四足机器狗观众会围观拍照影响疏散，这次不考虑).
_FORM_REFUSED_LATER = re.compile(r"[^。；;!?！？\n]{0,24}?(?:不考虑|不要了|就不要|免谈|不接受|别推)")
_QUADRUPED_AT = re.compile(r"(?:四足|机器狗|quadruped|robot dog|robodog)(?:机器人|巡检机器人|\s*robots?|s)?")


def asks_quadruped(text: str) -> bool:
    """Does a need's text ask for a four-legged robot (想请消防机器人、机器狗来现场演示;
    巡检+三维扫描 四足机器人)? Not one it refuses (不要机器狗), negates, leaves open
    (不一定要四足), has already (已有两台机器狗), or names as one form among others
    that will all do (机器狗、无人机都可以考虑): those say nothing of the form wanted."""
    low = text.lower()
    return not refuses_quadruped(low) and _asks_form(low, _QUADRUPED_AT)


# A robot running on a rail hung from the ceiling or a wall (挂轨巡检机器人, 轨道式巡检,
# rail-mounted): a form a need asks for as it asks for a quadruped, and a machine of
# another form (a wheeled or a four-legged patrol robot) is not the one it means.
_RAIL = r"挂轨|吊轨|轨挂|轨道式|rail[- ]mounted|rail[- ]hung|ceiling[- ]rail"
_RAIL_AT = re.compile(rf"(?:{_RAIL})(?:式)?(?:巡检)?(?:机器人|\s*(?:inspection\s+)?(?:robots?|units?))?")
_RAIL_NAMED = re.compile(_RAIL)  # on lower-cased text, as `_RAIL_AT`


def asks_rail(text: str) -> bool:
    """Does a need's text ask for a rail-mounted robot (需挂轨巡检机器人4台, 想上挂轨式巡检
    机器人, rail-mounted inspection robots)? Not one it negates, has already (现有挂轨巡检
    机器人), or leaves to the vendor among other forms (挂轨的也行, 轨道式或爬行式)."""
    return _asks_form(text.lower(), _RAIL_AT)


_RAIL_SPARED = re.compile(
    r"(?:无需|无须|不用|不需要|免|no need (?:for|of) (?:a )?)\s*(?:装|安装|铺设|架设)?\s*$"
)


def is_rail(text: str) -> bool:
    """Does an offering's text say it runs on a rail (挂轨巡检机器人, 轨道式, rail-mounted)?
    Not a robot set against one (非挂轨, 无需挂轨, 无需安装挂轨)."""
    low = text.lower()
    return any(
        not _negated(low, m.start()) and not _RAIL_SPARED.search(low, 0, m.start())
        for m in _RAIL_NAMED.finditer(low)
    )


def _asks_form(low: str, at: re.Pattern) -> bool:
    """Does a need's text (lower-cased) ask for the machine form `at` finds? Not where
    it negates it, has one already, gives it as an example, waives it or names it as
    one form among others that will all do."""
    for m in at.finditer(low):
        before = _clause_before(low, m.start())
        if (
            _negated(low, m.start())
            or any(w in before for w in (*_NOT_WANTED, *_NOT_REQUIRED, *_FOR_EXAMPLE))
            or _HAD.search(before)
            or any(w in _clause_after(low, m.start()) for w in _WAIVED_AFTER)
            or _FORM_OR_ANOTHER.match(low, m.end())
            or _ANOTHER_OR_FORM.search(before)
            or _FORM_REFUSED_LATER.match(low, m.end())
        ):
            continue
        return True
    return False


# An offering whose title says it is built for the outdoors (户外导览机器人, 室外无人清扫车,
# outdoor patrol robot) and not for both (室内外通用, 室内/户外两用, indoor/outdoor); not an
# air conditioner's outdoor unit (空调室外机).
_OUTDOOR_TITLE = re.compile(r"户外|室外(?!机)|野外|outdoor", re.IGNORECASE)
_EITHER_SITE = re.compile(
    r"室内外|户内外|两用|室内\s*[/、和及与或]?\s*(?:户外|室外)|(?:户外|室外)\s*[/、和及与或]?\s*室内"
    r"|indoor\s*(?:/|and|&|or)\s*outdoor|outdoor\s*(?:/|and|&|or)\s*indoor",
    re.IGNORECASE,
)


def made_for_outdoors(title: str) -> bool:
    """Does an offering's title say it is built for the outdoors (户外导览机器人, 室外AMR),
    not for indoors as well (室内外两用, indoor/outdoor)?"""
    return bool(_OUTDOOR_TITLE.search(title)) and not _EITHER_SITE.search(title)


# Places that are outdoors, or open to the weather, that a need may name without
# saying 户外 (院子里的落叶, 景区游客中心, 地下车库, 工地): an outdoor machine may be
# what serves them.
_OUTDOOR_PLACE = re.compile(
    r"院子|庭院|步道|绿道|海边|沙滩|公园|广场|景区|景点|街区|街道|停车场|车库|工地|道路|落叶|操场|屋顶|楼顶"
    r"|光伏|山区|巡山|山林|林场|森林|林区|河道|堤坝|围墙|周界|港区"
    r"|\b(?:yard|courtyard|garden|park|plaza|street|trail|parking|rooftop|forest|mountain|perimeter)s?\b",
    re.IGNORECASE,
)


def names_outdoor_place(text: str) -> bool:
    """Does a need's text name a place open to the weather (院子, 景区, 地下车库, plaza)?"""
    return bool(_OUTDOOR_PLACE.search(text))


# An offering whose title names an edition for teaching or research (教育科研版,
# 科研版人形, EDU, research edition) ...
_STUDY_EDITION = re.compile(
    r"教育版|科研版|教学|实训|教具|课程|教育科研|科研教育|研究版|开发者版|科研人形|科研平台"
    r"|\bedu\b|research (?:edition|version|platform)|education(?:al)? (?:edition|version)"
    r"|developer (?:edition|version|kit)|for (?:research|education|teaching)",
    re.IGNORECASE,
)
# ... and a need whose text speaks of teaching, research or development (实训, 科研,
# 二次开发, 算法, a lab, students), or of showing a robot (样板间展示, 表演), which such
# an edition serves.
_STUDY_ASKED = re.compile(
    r"教育|教学|实训|科研|研究|高校|学校|课堂|院校|实验室|课程|学生|学员|培训|研发|开发|算法|具身|数据采集|仿真"
    r"|展示|演示|表演|展览|科普"
    r"|universit|school|teach|research|classroom|\blabs?\b|student|college|develop|algorithm|simulat|sdk"
    r"|\bdemo|\bshows?\b|exhibit",
    re.IGNORECASE,
)


def study_edition(title: str) -> bool:
    """Does an offering's title name an edition for teaching or research (教育科研版,
    QJ-H1 科研版, CX-1 EDU)?"""
    return bool(_STUDY_EDITION.search(title))


def asks_study(text: str) -> bool:
    """Does a need's text speak of teaching, research or development (实训室, 科研,
    二次开发, students), or of showing a robot (样板间展示, 表演), which an edition for
    study serves?"""
    return bool(_STUDY_ASKED.search(text))


def is_quadruped(title: str) -> bool:
    """Does an offering's title name a four-legged robot (四足巡检机器人, 四足导览机器狗)?"""
    m = _QUADRUPED.search(title)
    return m is not None and not _negated(title.lower(), m.start())


def is_humanoid(title: str) -> bool:
    """Does an offering's title name a humanoid (共享人形机器人按小时, 人形质检工作站, humanoid
    RaaS)? Not one it is set against (非人形, 不是人形, no humanoid needed)."""
    low = title.lower()
    return any(not _negated(low, start) for w in data()["humanoid_words"] for start in _positions(low, w))


# A need that will not have its data or its robot depend on the cloud.
_IN_CLAUSE = r"[^，。；;,.!?！？\n]"
_NO_CLOUD = re.compile(
    # 不接受公有云, 不能上公有云, 不要那种必须连云端才能用的, 不能连任何云服务
    rf"(?:不接受|不能|不可|不上|不要|不用|不允许|不得|禁止|拒绝|不想){_IN_CLAUSE}{{0,8}}?"
    r"(?:公有云|云端|云服务|云平台|上云|saas)"
    # 数据不出院, 所有数据不能出院, 数据必须留在园区内网
    rf"|数据{_IN_CLAUSE}{{0,6}}?(?:不出|不得出|不能出|不离开|留在{_IN_CLAUSE}{{0,6}}?内网|走内网)"
    # 必须能在机器人本体（Jetson Orin 级别）离线运行, 设备要能离线工作, 必须私有化部署
    rf"|(?:必须|须|要能|需能|需要能|只能|仅限|只接受){_IN_CLAUSE}{{0,24}}?"
    r"(?:离线(?:运行|工作|使用|可用)|私有化部署|本地部署|本地化部署|内网部署)"
    r"|\bno cloud\b|\bon-?prem(?:ise|ises)?\b[^.;\n]{0,12}\bonly\b|\bonly\b[^.;\n]{0,12}\bon-?prem"
    r"|\bmust (?:run|work|stay)\b[^.;\n]{0,25}\b(?:on-?prem|offline|locally)"
    r"|\b(?:nothing|no \w+ data|no data)\b[^.;\n]{0,30}\b(?:cloud|leave)"
    r"|\bwithout (?:the )?(?:cloud|internet)\b|\boffline only\b"
)
# What works through the cloud (云端大模型, SaaS, 需联网) ...
_CLOUD = re.compile(
    r"公有云|云端|saas|需联网|需要联网|云服务|云平台|云api|云推理|\bcloud\b|\bhosted\b"
    r"|上传[^，。；;,\n]{0,6}?云|数据上云"  # 数据上传伴老云
)
_CLOUD_DENIED = re.compile(
    r"(?:不|无需|不依赖|不依托|不需要|无须|不上传|\bno |without |not rely on |independent of )$"
)
# ... and what says it can do without (私有化部署, 离线, 边缘计算, on-device), unless denied.
_LOCAL = re.compile(
    r"(?<!不)(?:私有化|本地部署|本地化部署|本地服务器|本地运行|本地控制|本地推理|本地轻量|"
    r"端侧|离线|边缘计算|内网部署|不上云|不上公有云|不需要联网|无需联网|不用联网|不联网|只存本地|本地存储|数据不出厂|数据不出)"
    r"|\bon-?prem|\bon-?device\b|\boffline\b|\bno cloud\b|\blocal(?:ly)?\b|\bedge\b"
)
_LOCAL_DENIED = re.compile(
    r"不支持(?:私有化|本地)|不提供(?:私有化|本地)|\bno on-?prem|\bnot available on-?prem"
)


def refuses_cloud(text: str) -> bool:
    """Does a need's text refuse the cloud (不接受公有云, 数据不出院, 设备要能离线工作,
    on-premise only, no cloud)? Offline programming (离线编程) is none."""
    return bool(_NO_CLOUD.search(text.lower()))


def needs_cloud(text: str) -> bool:
    """Does an offering's text say it works through the cloud (云端大模型, SaaS, 需联网,
    cloud platform), and offer no way without it (私有化部署, 离线, 边缘计算, on-device)?
    A cloud it keeps out of (不上云, no cloud) is none; 不支持私有化部署 offers no way."""
    low = text.lower()
    said = [
        m for m in _CLOUD.finditer(low) if not _CLOUD_DENIED.search(low[max(0, m.start() - 8) : m.start()])
    ]
    if not said:
        return False
    return bool(_LOCAL_DENIED.search(low)) or not _LOCAL.search(low)


def limbs_in(text: str) -> list[str]:
    """The limbs a rehabilitation text is about (`limb_words`): "upper" (上肢, 手功能,
    hand rehabilitation), "lower" (下肢, 步态, gait), both (上下肢), or none."""
    low = text.lower()
    return [limb for limb, words in data()["limb_words"].items() if any(_said(low, words))]


def names_upkeep(text: str) -> bool:
    """Does the text speak of keeping robots running (`upkeep_words`: 维保, 运维,
    maintenance), not negated, nor as the time the work is done in (during the night
    maintenance window, 检修窗口)?"""
    return any(_said(_UPKEEP_TIME.sub(" ", text.lower()), data()["upkeep_words"]))


def only_upkeep(title: str) -> bool:
    """Does an offering's title sell keeping robots running and nothing else
    (多品牌机器人运维保养服务, 机器人维保服务（月包）): upkeep named, and no task nor way
    to acquire a robot (港区巡检代运维服务 inspects; 人形机器人月租（含驻场运维） leases)?"""
    head = _TITLE_TAIL.sub("", title.lower()).rstrip()
    return names_upkeep(head) and not tasks_in(head) and not modes_in(head)


def asks_upkeep(title: str) -> bool:
    """Does a need's title ask for keeping robots running (包年维保, 远程运维平台), not
    only for it to come with what is asked (商场夜间洗地，订阅含运维; 机器人替人（带运维））?"""
    return names_upkeep(_UPKEEP_INCLUDED.sub(" ", title.lower()))


# Upkeep that comes with what is asked for (含运维, 带运维, 包含维保, 连运维).
_UPKEEP_INCLUDED = re.compile(
    r"(?:含|包含|包括|带|连同|连|附带|with)\s*(?:部署|安装)?\s*(?:运维|维保|维护|保养|maintenance)"
)


# The hours a site keeps for its own upkeep: when the robot works, not upkeep asked for.
_UPKEEP_TIME = re.compile(
    r"\bmaintenance (?:window|windows|hours|slot|slots|period|shift)\b|(?:维保|维修|检修|运维)(?:窗口|时段|天窗)"
)


# What trails a title after what it asks for: （包年）, (2台), x2, 200套.
_TITLE_TAIL = re.compile(
    r"(?:\s*(?:[（(][^（()）]*[)）]|[x×]\s*\d+|\d+\s*[台套个件家]|[，,、/].*))+\s*$", re.I
)


# 想找一个能把不同品牌机器人统一调度……的平台: what is looked for, said in the prose.
_LOOKING_FOR_SOFTWARE = re.compile(
    r"(?:找|想要|需要|采购|缺的是|只要|只想|要上|上马|建设|搭建)(?:一个|一套|个|套)?[^。；;！!？?\n，,]{0,50}?(?:平台|软件|软件系统|调度系统|排程系统|排产系统|管理系统|规划系统)(?=[。；;！!？?\n，,：:]|$)"
    # 装几个相机加个软件就能搞定: a few cameras and software would do
    r"|(?:加|配|装|上)(?:一个|一套|个|套)软件(?:就能|就行|就可以|就够|即可)"
    # 软件按月订阅就行: software, subscribed to, is all it takes
    r"|软件[^。；;！!？?\n，,]{0,8}?(?:就行|就可以|就够|即可)"
    # 想要一个系统能远程看到……: a system that does what the sentence goes on to say
    r"|(?:想要|需要|想找|要找|想上)(?:一个|一套)(?:系统|平台|软件)(?=能|可以|来|把|帮|自动)"
    # 已经在山头装了20个摄像头……想加AI自动识别: cameras had, analysis wanted
    r"|(?:已有|现有|已经装了?|已装|装了)[^。；;\n]{0,24}?(?:摄像头|摄像机|监控)[^。\n]{0,40}?"
    r"(?:加|接入?|上|配|用)\s*(?:[aA][iI]|智能识别|算法|识别)"
)


# ... in English prose: we're looking for a software platform, we need one dispatch layer.
_LOOKING_FOR_SOFTWARE_EN = re.compile(
    r"\b(?:looking for|need|want|seeking)\s+(?:a|an|one)\s+([^.;,\n]{0,40}?)"
    r"(?:platform|software|scheduling layer|dispatch layer|dashboard)\b"
)


# Robots of several makers a need has, that do not work together and should (三家的
# AGV各管各的……统一听一个系统指挥; 梯控只接了一家……能不能有一个平台统一调度), or robots it
# will not buy more of while it asks for one system over them.
_NO_MORE_ROBOTS = r"不打算再买|不想再买|不考虑再买|不再买新|不买新机器人|不再增加机器人|不增加机器人|不再新增机器人|不新增机器人"
_FLEET_TROUBLE = re.compile(
    rf"(?:各管各的|各用各的|各看各的|各有各的|互相看不见|互不相通|打不通|不互通|{_NO_MORE_ROBOTS})"
    rf"[^\n]{{0,120}}?(?:统一|调度|集团级|总部|一个平台|同一个平台|一个系统|多机协同)|统一[^\n]{{0,60}}?(?:{_NO_MORE_ROBOTS})"
    r"|(?:能不能|有没有办法|有没有|能否)[^。；;!?！？]{0,12}?统一[^。；;!?！？]{0,8}?(?:调度|指挥|管理|乘梯)"
    # 三个牌子，抢电梯、互相堵，各用各的后台: the brands had are at odds
    r"|(?:[两三四五六七八九几多]个|多家|几家)(?:牌子|品牌|厂家)[^。\n]{0,30}?(?:各管各的|各用各的|各有各的|抢电梯|互相堵)"
)


# Software as a service, named (SaaS); a board put up for the figures (车间装个大屏看板).
_SAAS = re.compile(
    r"(?<![A-Za-z])SaaS(?![A-Za-z])|(?:装|上|做|搭)(?:一个|一套|个|套)[^，,。；;\n]{0,6}?看板(?=[。；;！!？?\n，,]|$)",
    re.IGNORECASE,
)


_SAAS_REFUSED = ("不接受", "不要", "不用", "不考虑", "拒绝", "不能用", "no ", "not ")


def _saas_wanted(low: str, start: int) -> bool:
    """Is the SaaS named at `start` wanted, not turned down (不接受任何公有云/SaaS方案)?"""
    before = _clause_before(low, start)
    return not _negated(low, start) and not any(w in before for w in _SAAS_REFUSED)


# A need refusing robots themselves (不需要实体机器人, （不要机器人）, we do not want robots
# roaming the galleries), a clause of its own: what it asks for is software. Not a robot
# kept from one place or one job (冷冻区不用机器人, 不需要机器人真的上架).
_ROBOTS_REFUSED = re.compile(
    r"(?:^|[（(。；;，,：:!！?？\n])\s*(?:我们|我们也|也|但|并|而且|暂时)?\s*"
    r"(?:不要|不需要|不用|不想要)(?:实体|任何)?机器人(?=\s*(?:[)）。；;，,!！\n]|$))"
    # 不想再往装置区放机器人了, 不想再加机器人了: no more robots put on the site
    r"|(?:不想|不打算|不准备)再?(?:往[^，,。；;\n]{1,8})?(?:放|上|进|加|增加|添)(?:实体)?机器人(?=了?\s*(?:[(（)）。；;，,!！\n]|$))"
    r"|\b(?:do not|don't) want (?:any )?robots\b|\bno robots\b"
    # 不再买硬件, no new robots, no hardware purchase: what is had is kept, software is wanted
    r"|(?:不再买|不买|不要新|不采购|不新增)硬件|\bno (?:new |more |extra )?(?:robots|hardware)\b"
)


# Titles of robots sold as platforms (人形机器人科研平台, 双足教学平台).
_ROBOT_PLATFORMS = (
    "机器人平台",
    "科研平台",
    "整机平台",
    "教学平台",
    "开发平台",
    "实验平台",
    "实训平台",
    "人形平台",
    "本体平台",
)
_ROBOT_WORDS = ("机器人", "人形", "robot", "robots", "humanoid", "quadruped", "agv", "amr")


# Who a product is made for, or a need is about: children (儿童陪伴, AI学伴) or the old
# (独居老人, 养老院).
_CHILDREN = re.compile(r"儿童|孩子|小朋友|宝宝|学伴|早教|\bkids?\b|\bchild(?:ren)?\b", re.IGNORECASE)
_THE_OLD = re.compile(
    r"老人|老年|长辈|独居|养老|适老|认知症|失能|爷爷|奶奶|外婆|外公|姥姥|姥爷|老伴|老父亲|老母亲|老爸|老妈"
    r"|\belderly\b|\bseniors?\b|\blives? alone\b|\bliving alone\b|\bdementia\b|\bgrand(?:ma|pa|mother|father)\b"
    r"|\b(?:my|our|his|her) (?:dad|mom|mum|father|mother|(?:elderly |old |aging |ageing )?parents)\b",
    re.IGNORECASE,
)


def for_children_only(title: str, description: str = "") -> bool:
    """Does an offering's title say it is made for children (儿童陪伴机器人, AI学伴), its
    text naming the old nowhere (老人和儿童都适用 is for both)?"""
    return bool(_CHILDREN.search(title)) and not _THE_OLD.search(f"{title}\n{description}")


def about_the_old(text: str) -> bool:
    """Is a need about the old (给独居的妈妈, 养老院) and about no children?"""
    return bool(_THE_OLD.search(text)) and not _CHILDREN.search(text)


# Where a product is made to be used, or a need's people live: in their own homes
# (居家看护套装, 家用陪伴机器人, 独居老人) or in an institution that keeps many (养老院,
# 护理院, 病区, 120张床, a memory-care wing).
_HOMES = re.compile(r"居家|家用|家庭|独居|\bhome\b|home(?=[a-z])", re.IGNORECASE)
_BOTH_SETTINGS = re.compile(r"机构|两用|养老院|医院|社区|institution|facilit", re.IGNORECASE)
_INSTITUTION = re.compile(
    r"养老院|敬老院|护理院|福利院|养老机构|康养中心|照护中心|护理中心|本院|我院|院里|院区|病区|病房|医院"
    r"|\d+\s*(?:张床|个?床位|个房间|间房)|nursing home|care home|memory[- ]care|\bwing\b|\bfacility\b",
    re.IGNORECASE,
)
# 居家养老服务中心 is a centre, its canteen and activity rooms an institution's; the homes
# it serves are said otherwise (独居, 上门, 每户).
_HOMES_SPOKEN = re.compile(
    r"居家(?!养老服务|养老照料|养老中心)|家里|家中|独居|在家|上门|入户|\d+\s*户|每户|\bhomes?\b",
    re.IGNORECASE,
)
_FOR_INSTITUTIONS = re.compile(
    r"机构|养老院|医院|病区|病房|护理院|院区|for (?:care|nursing) homes|hospital", re.IGNORECASE
)
_FOR_BUSINESS = re.compile(
    r"商用|商业|工业|产线|车间|工厂|园区|楼宇|写字楼|商场|酒店|餐厅|\bcommercial\b|\bindustrial\b",
    re.IGNORECASE,
)


def made_for_homes(title: str) -> bool:
    """Does an offering's title say it is made for people's own homes (居家看护套装,
    家用陪伴机器人, HomeRadar), and not for institutions too (家用/机构两用)?"""
    return bool(_HOMES.search(title)) and not _BOTH_SETTINGS.search(title)


def made_for_business(title: str) -> bool:
    """Does an offering's title say it is made for businesses or plants (商用洗地机器人,
    工业人形机器人（产线版）, 酒店机器人托管), and not for homes too (家用/商用两用)?"""
    return bool(_FOR_BUSINESS.search(title)) and not _HOMES.search(title)


def made_for_institutions(title: str) -> bool:
    """Does an offering's title say it is made for institutions (机构版, 养老院送餐机器人,
    病区监测平台, 医院版), and not for homes too (家用/机构两用)?"""
    return bool(_FOR_INSTITUTIONS.search(title)) and not _HOMES.search(title)


def homes_said(text: str) -> bool:
    """Is a need for people in their own homes (独居老人, 家里老人卧床, 上门, 200户) and
    for no institution (养老院, 我院, 病区)?"""
    return bool(_HOMES_SPOKEN.search(text)) and not _INSTITUTION.search(text)


def institution_said(text: str) -> bool:
    """Is a need for an institution keeping many people (养老院, 我院120张床, 病区, a
    memory-care wing), and about nobody's own home (居家, 独居, 上门, 每户)?"""
    return bool(_INSTITUTION.search(text)) and not _HOMES_SPOKEN.search(text)


# A model or a kit for robots' minds (具身大模型, 陪伴语音大模型SDK, 多语种语音交互系统):
# software a robot's maker builds on, not a machine or a service doing a site's work ...
_MIND = re.compile(r"大模型|大脑|具身模型|\bsdk\b|语音交互系统|\b(?:llm|foundation model)\b", re.IGNORECASE)
# ... which a need asks for where it speaks of models, kits, software or algorithms.
_MIND_ASKED = re.compile(
    r"模型|\bsdk\b|二次开发|语音交互|算法|大脑|软件|\b(?:llm|model|software)\b", re.IGNORECASE
)


# Software for running robots one has (多品牌机器人调度平台, 机器人监控平台, 遥操作系统, a
# guide agent 装到已有机器人上, fleet scheduling): a platform that brings no robot; not a
# course, a simulator or a drill platform, which train people.
_RUNS_ROBOTS = re.compile(
    r"调度|编排|多机器人|多品牌机器人|机器人[^，,（(]{0,6}(?:平台|系统|云)|机器人接入|遥操作|车队|机队|装到已有"
    r"|\bfleet\b|\bagents?\b|\b(?:multi|cross)[- ]brand",
    re.I | re.A,
)
_TRAINS_PEOPLE = re.compile(r"实训|教学|课程|仿真|\bvr\b|演练|培训|\btraining\b|\bsimulat", re.I | re.A)


def runs_robots(title: str) -> bool:
    """Does a software offering's title sell a platform for running robots one has
    (RoboFleet 多品牌机器人调度平台, 仓脑 机器人监控平台), not one training people (仿真实训平台)?"""
    return bool(_RUNS_ROBOTS.search(title)) and not _TRAINS_PEOPLE.search(title)


def is_mind(title: str) -> bool:
    """Does an offering's title sell a model or a kit for robots' minds (具身大模型 Brain-M
    云服务, 家庭陪伴语音大模型SDK)?"""
    return bool(_MIND.search(title))


def asks_mind(text: str) -> bool:
    """Does a need's text speak of models, kits, software or algorithms (接入大模型, 二次开发)?"""
    return bool(_MIND_ASKED.search(text))


# What an inspection product is made to inspect, as its title names it (布面瑕疵检测系统,
# 焊缝视觉检测站, AOI复判平台（PCB/PCBA）), and the words a need uses for the same
# things, more widely (纱布, 毛衫 are fabric; 泵壳, 阀体 are metal). Code: (zh, en, the
# title's words, the need's words).
INSPECTED = {
    "pcb": (
        "电路板",
        "circuit boards",
        r"\bpcba?\b|电路板|线路板|\bsmt\b|贴片",
        r"\bpcba?\b|电路板|线路板|smt|贴片|\baoi\b|电子|主板|元器件|锡|circuit board",
    ),
    "weld": ("焊缝", "welds", r"焊缝|焊点|焊接|\bweld", r"焊|\bweld"),
    "fabric": (
        "布面",
        "fabric",
        r"布面|布匹|验布|坯布|色布|布艺|织物|面料|纺织|毛衫|成衣|服装|\bfabric|\btextile|\bgarment",
        r"布面|布匹|验布|坯布|色布|布料|纱布|无纺布|棉布|布艺|织物|织布|针织|纺织|机织|织机|面料|纺|纱|毛衫|成衣"
        r"|衣服|服装|服饰|衫|\bfabric|\btextile|\bgarment|\bcloth|\bknit",
    ),
    "sock": ("袜子", "socks", r"袜|\bsocks?\b", r"袜|\bsocks?\b|\bhosiery\b"),
    "solar": (
        "光伏",
        "solar cells",
        r"光伏|电池片|\bel\b|\bsolar|photovoltaic",
        r"光伏|电池片|\bel\b|\bsolar|photovoltaic",
    ),
    "glass": ("玻璃", "glass", r"玻璃|\bglass", r"玻璃|\bglass"),
    "battery": (
        "电池",
        "batteries",
        r"锂电|电芯|极片|电池(?!片)|\bbatter",
        r"锂电|电芯|极片|电池|\bbatter",
    ),
    "wafer": (
        "晶圆",
        "wafers",
        r"晶圆|芯片|半导体|\bwafer|\bchips?\b",
        r"晶圆|芯片|半导体|封装|\bwafer|\bchips?\b",
    ),
    "metal": (
        "金属件",
        "metal parts",
        r"钢板|带钢|板材|钢卷|钣金|冲压|型材|五金|金属|铸件|铸造|压铸|机加|\bcasting|\bmetal|\bmachined|\bsteel",
        r"钢|板材|钣金|冲压|型材|五金|金属|铝|铁|铜|阀|铸|锻|机加|零件|工件|轴承|齿轮|刹车|轮毂|泵|螺|"
        r"\bmetal|\bcast|\bsteel|\bmachined|\bbearing|\bbrake|\bscrew|\bbolt|\bhinge",
    ),
    "plastic": (
        "注塑件",
        "moulded plastics",
        r"注塑|塑料|塑胶",
        r"注塑|塑料|塑胶|外壳|\bplastic|\bmould|\bmold",
    ),
    "pharma": (
        "药品与药包材",
        "medicines and their packs",
        r"药|胶囊|泡罩|西林瓶|安瓿|灯检|\bpharma|\bblister|\bvials?\b",
        r"药|胶囊|泡罩|西林瓶|安瓿|灯检|注射|输液|灌装|制剂|粉针|冻干|\bpharma|\bblister|\bvials?\b",
    ),
    "food": (
        "食品",
        "food",
        r"食品(?!级)|烘焙|肉制品|饮料|\bfood(?! grade)",
        r"食品|烘焙|肉|饮料|粽|饺|糕|饼|面包|乳|奶|茶|水果|果蔬|果汁|蛋|零食|速冻|\bfood|\bbakery|\bmeat|\bdairy|\bsnack",
    ),
    "tyre": ("轮胎", "tyres", r"轮胎|\bty?res?\b", r"轮胎|\bty?res?\b"),
    "leather": ("皮革", "leather", r"皮革|皮料|\bleather", r"皮革|皮料|鞋|\bleather|\bshoe"),
}
_INSPECTION_TITLE = re.compile(
    r"检测|质检|检查|检验(?!科)|瑕疵|疵点|缺陷|复判|灯检|验布|\baoi\b|inspection|defect|\bqc\b", re.I | re.A
)  # 检验科 is a hospital's laboratory, where a delivery robot goes
# ASCII word boundaries: 组件EL检测 names EL, which Unicode's would not see beside 件.
_INSPECTED_TITLE = {code: re.compile(t, re.I | re.A) for code, (_z, _e, t, _n) in INSPECTED.items()}
_INSPECTED_NAMED = {code: re.compile(n, re.I | re.A) for code, (_z, _e, _t, n) in INSPECTED.items()}


def inspects(title: str) -> list[str]:
    """What an inspection product's title says it inspects (布面瑕疵在线检测系统: fabric;
    AOI智能复判平台（PCB/PCBA）: circuit boards), as codes of `INSPECTED`; none for a
    title that sells no inspection or names no such thing."""
    if not _INSPECTION_TITLE.search(title):
        return []
    return [code for code, rx in _INSPECTED_TITLE.items() if rx.search(title)]


def inspected_named(text: str) -> list[str]:
    """The things of `INSPECTED` a need's text names (刹车盘: metal; 毛衫, 纱布: fabric)."""
    return [code for code, rx in _INSPECTED_NAMED.items() if rx.search(text)]


def inspected_label(code: str, lang: str = "zh") -> str:
    zh, en, _t, _n = INSPECTED[code]
    return zh if lang == "zh" else en


def speaks_of_robots(text: str) -> bool:
    """Does the text speak of robots at all (机器人, AGV, humanoid)? Software that
    does not runs none (a VR training system, a fire alarm platform)."""
    return _says(text.lower(), _ROBOT_WORDS)


def software_asked(title: str, description: str = "") -> str | None:
    """What software a need asks for (`asks_software`): "fleet" when its text also
    speaks of the robots it has (两个品牌的配送机器人想统一调度: a platform runs their
    work), "software" when the software is to do the work itself, else None."""
    if not asks_software(title, description):
        return None
    low = f"{title}\n{description}".lower()
    if _ROBOTS_REFUSED.search(low):
        return "software"  # the robots it names are refused, not had
    return "fleet" if speaks_of_robots(low) else "software"


def asks_software(title: str, description: str = "") -> bool:
    """Does a need ask for software or a platform (`software_words`): a Chinese
    title that ends with one (注塑件外观缺陷AI检测软件, 统一调度平台), an English one
    that names one (vision inspection software), or prose saying it looks for one
    (想找一个……的平台)? A 人形机器人科研平台 is a robot, and a description naming
    the software a robot runs asks for the robot."""
    text = f"{title}\n{description}"
    if any(not m.group(0).endswith(_ROBOT_PLATFORMS) for m in _LOOKING_FOR_SOFTWARE.finditer(text)):
        return True
    lowered = text.lower()
    if any(not _says(m.group(1), _ROBOT_WORDS) for m in _LOOKING_FOR_SOFTWARE_EN.finditer(lowered)):
        return True  # looking for one unified fleet scheduling layer; not a robot sorting platform
    if _FLEET_TROUBLE.search(lowered):
        return True  # 三家的AGV各管各的……统一听一个系统指挥: their robots are had, the platform is wanted
    if _ROBOTS_REFUSED.search(lowered):
        return True  # 不需要实体机器人: no robot, so the system it describes
    if any(_saas_wanted(lowered, m.start()) for m in _SAAS.finditer(text)):
        return True  # 想联网看开机率（SaaS）, 车间装个大屏看板
    low = title.lower().strip()
    words = [w.lower() for w in data()["software_words"]]
    if written_in(low) == "en":  # English, dashes and quotes aside
        if _says(low, words):
            return True
        # An English title naming a platform that is no robot's (fall detection platform).
        return _says(low, ["platform"]) and not _says(low, _ROBOT_WORDS)
    head = _TITLE_TAIL.sub("", low).rstrip()
    if head.endswith("平台") and not head.endswith(_ROBOT_PLATFORMS):
        return True  # 统一任务编排平台, 视觉质检平台: no robot's platform
    return any(head.endswith(w) for w in words if not w.isascii() or w in ("saas", "app"))


_ARTICLE_AT_END = re.compile(r"\s+(?:an?|the)\s*$")


def requires_humanoid(text: str) -> bool:
    """Does a need's text require a humanoid, not merely ask for one: one of
    `humanoid_required_cues` right before the humanoid word (必须是人形的, 只考虑人形,
    must be a humanoid)?"""
    d = data()
    low = text.lower()
    for w in d["humanoid_words"]:
        for start in _positions(low, w):
            if _negated(low, start) or any(low.endswith(c, 0, start) for c in d["humanoid_waivers"]):
                continue
            prefix = _ARTICLE_AT_END.sub("", low[max(0, start - 16) : start]).rstrip()
            if any(prefix.endswith(c) for c in d["humanoid_required_cues"]):
                return True
            end = _humanoid_end(low, start)
            if _ONLY_AFTER.match(low, end) or _OTHER_FORMS_HAD.match(low, end):
                return True
    return False


# "Humanoid only", after the word; or the other forms the poster has already, said
# next (要人形的，轮式那种导览机我们已经有了): those are not what it is looking for.
_ONLY_AFTER = re.compile(r"s?\s*only\b")
_OTHER_FORMS_HAD = re.compile(
    r"[^。；;!?！？\n]{0,12}?(?:轮式|机器狗|四足|带屏|wheeled|robot dogs?|quadrupeds?)"
    r"[^。；;!?！？\n]{0,16}?(?:已经有|我们有|已有|都有|already have|we have)"
)


def _said(low: str, words) -> Iterator[tuple[int, int]]:
    """Where the text (lowercased) says one of `words`, not negated: (start, end)
    of each occurrence, English words standing alone."""
    for word in words:
        w = word.lower()
        if w not in low:
            continue  # most words are not there: no search for each place
        for start in _positions(low, w):
            end = start + len(w)
            if (not w.isascii() or _ascii_bounded(low, start, end)) and not _negated(low, start):
                yield start, end


def _says(low: str, words) -> bool:
    """Does the text (lowercased) say one of `words`, not negated?"""
    return next(_said(low, words), None) is not None


def _positions(low: str, word: str) -> Iterator[int]:
    """Where `word` starts in `low`, each occurrence after the one before."""
    start = low.find(word)
    while start != -1:
        yield start
        start = low.find(word, start + len(word))


def names_event(text: str) -> bool:
    """Does the text speak of a drill, a training or an exhibition (演练, 培训,
    展会, trade show)? A need for one is served by what is made for one."""
    return bool(event_kinds_in(text))


def event_kinds_in(text: str) -> list[str]:
    """The kinds of event the text speaks of (`event_kinds`): a show (展会, 开放日,
    expo), a drill (演练) or a training (培训), in that order; not a phrase that holds
    an event word but names none (hand-function training robots), nor one said only
    by the way (顺便办个开放日)."""
    low = text.lower()
    found = {kind for kind, start in _events_said(low) if not _of_the_site(low, kind, start)}
    return [k for k in data()["event_kinds"] if k in found]


# An event the robot has no part in (机器人不用参加, 这个跟设备无关, 不是需求, 演练那天停机即可).
_NO_PART_IN_IT = re.compile(
    r"不用参加|不需要参加|不参加|不用参与|不需要参与|不参与|不是需求|不是采购条件|没关系|无关|不影响|不用管"
    r"|停用|停机|不作要求|不是必须|not part of|not required"
)
# A drill held again and again (每年, 每季度, 定期): a routine of the site.
_ROUTINE = re.compile(
    r"每年|每季度|每个季度|每月|每个月|每半年|定期|例行|一年[^，。；;]{0,4}次|annual|every year|quarterly|monthly"
)
# ... in a sentence that brings the robot in (机器人要参加, 到时候也会用上, 拿它出来演示).
_ROBOT_IN_IT = re.compile(r"机器人|设备|它|用上|用到|参加|参与|演示|展示|robot")


def _of_the_site(low: str, kind: str, start: int) -> bool:
    """Is the event at `start` the site's, not what the need is for: one its sentence
    says the robot has no part in (这些不是需求), or a drill held as a routine (隧道每年
    配合消防搞两次演练) its sentence does not bring the robot into? (An open day held
    every quarter is often what the need is for.)"""
    sentence = _sentence_around(low, start)
    if _NO_PART_IN_IT.search(sentence):
        return True
    return kind == "drill" and bool(_ROUTINE.search(sentence)) and not _ROBOT_IN_IT.search(sentence)


def _events_said(low: str) -> Iterator[tuple[str, int]]:
    """(kind, start) of each word of `event_kinds` the text (lowercased) says of an
    event: not in a phrase that names none, not only saying when, not by the way."""
    not_events = [(s, e) for s, e in _said(low, data()["not_events"])]
    for kind, words in data()["event_kinds"].items():
        for start, end in _said(low, words):
            if (
                not _only_when(low, start, end)
                and not any(s <= start and end <= e for s, e in not_events)
                and not _by_the_way(low, start)
                and not _in_the_past(low, start)
            ):
                yield kind, start


# An event the poster went to or had (去年市里隧道综合演练暴露出短板, we saw robots at
# the CIIF exhibition last year): where the need came from, not what it is for.
_PAST = (
    "去年",
    "上次",
    "上回",
    "前年",
    "看到",
    "看过",
    "见过",
    "参观过",
    "saw ",
    "seen ",
    "visited ",
    "last year",
)


def _in_the_past(low: str, start: int) -> bool:
    """Is the event at `start` one the clause says was seen or held before?"""
    return any(w in _clause_before(low, start) for w in _PAST)


def _by_the_way(low: str, start: int) -> bool:
    """Is what is said at `start` only by the way (顺便办个开放日, as a bonus)?"""
    before = _clause_before(low, start)
    return any(w in before for w in data()["task_wish_words"])


def _certificate_mentions(low: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of each certificate word of `certificate_kinds` in `low`,
    not negated (无注册证) and not pending (注册证办理中)."""
    pending = data()["certificate_pending"]
    for kind, words in data()["certificate_kinds"].items():
        for start, end in _said(low, words):
            after = low[end : end + 8]
            if not any(p in after for p in pending):
                yield kind, start, end


def certificates_required(text: str) -> list[str]:
    """Certificates a need's text requires (必须有医疗器械注册证, 要有消防产品认证, must
    hold a Class II medical device registration): a kind of `certificate_kinds` named
    in a clause that states a requirement."""
    low = text.lower()
    cues = [c.lower() for c in data()["certificate_requirement_cues"]]
    kinds = {
        kind
        for kind, start, end in _certificate_mentions(low)
        if _states_requirement(clause := _clause_around(low, start, end)) or any(c in clause for c in cues)
    }
    return [k for k in data()["certificate_kinds"] if k in kinds]


def certificates_held(text: str, certifications) -> list[str]:
    """Certificates an offering states it holds, in its certifications or its text."""
    low = " ".join([text, *(certifications or ())]).lower()
    kinds = {kind for kind, _s, _e in _certificate_mentions(low)}
    return [k for k in data()["certificate_kinds"] if k in kinds]


def rescue_theatre(text: str) -> str | None:
    """Where a rescue the text speaks of happens: "water" (落水, 水面救生, drowning),
    "land" (废墟, 滑坡, rubble) or None when it names both (水陆两栖) or neither."""
    low = text.lower()
    said = {t for t, words in data()["rescue_theatres"].items() if _says(low, words)}
    return said.pop() if len(said) == 1 else None


def asks_solution(text: str) -> bool:
    """Does a need's text ask for a whole solution (`solution_words`: 整体方案, 交钥匙,
    turnkey), not a single machine?"""
    return _says(text.lower(), data()["solution_words"])


_WHEN_AFTER = ("期间", "时", "前后", "开幕前")
_WHEN_BEFORE = ("during the ", "during ")


def _only_when(low: str, start: int, end: int) -> bool:
    """Does the event word only say when (展会期间的场馆保洁, during the trade fair):
    the need is the work done then, not something made for the event?"""
    return low.startswith(_WHEN_AFTER, end) or any(low.endswith(b, 0, start) for b in _WHEN_BEFORE)


# Characters between a hazard word and the word that measures it: 有毒气体检测, toxic gas detection.
_MEASURED_WINDOW = {False: 4, True: 12}  # by whether the hazard word is written in ASCII
_MEASURED_BEFORE = 16  # characters a measuring word may come before it in: 巡检渗水、初支裂缝和有害气体


# A list of gases a measuring word ends (有毒气体、可燃气体侦检, 有毒及可燃气体监测).
_GAS_LIST_MEASURED = re.compile(
    r"(?:气?体)?(?:[、和及与或/][^，。；;,、\n]{1,6}?气体?)+\s*(?:检测|侦检|监测|探测|传感|报警)"
)
# What a talk, a board or a lesson is about (讲煤气、电瓶车起火, 科普有毒气体): its topic.
_TALKED_ABOUT = re.compile(r"(?:讲|讲解|科普|宣讲)[^，。；,;：:]{0,6}$")


def _measured(low: str, word: str, end: int) -> bool:
    """Is the site word ending at `end` the object of a measurement (有毒气体检测,
    可燃气体监测, toxic gas detection; 巡检渗水、裂缝和有害气体), not a condition of the site?"""
    window = _MEASURED_WINDOW[word.isascii()]
    reach = _MEASURED_BEFORE * (3 if word.isascii() else 1)  # gas detection (o2, ch4, h2s)
    window_before = low[max(0, end - len(word) - reach) : end - len(word)]
    if word.isascii():  # a list in brackets is one clause: gas detection (o2, ch4, h2s)
        before = re.split(r"[.;\n]", window_before)[-1]
    else:
        before = _clause_before(window_before, len(window_before))
    if any(w in before for w in data()["site_measured_before_words"]):
        return True
    if not word.isascii() and _TALKED_ABOUT.search(before):
        return True  # 消防安全展板区（讲煤气、电瓶车起火）: what a board or a talk is about
    if not word.isascii() and _GAS_LIST_MEASURED.match(low, end):
        return True  # 具备有毒气体、可燃气体侦检: the list of gases the robot detects
    after = low[end : end + window + 12]
    stop = _CLAUSE.search(after)
    after = after[: stop.start()] if stop else after
    for measure in data()["site_measured_words"]:
        at = after.find(measure.lower())
        if at != -1 and at <= window:
            return True
    return False


def _states_requirement(clause: str, event: bool = False) -> bool:
    d = data()
    low = clause.lower()
    for exception in d["site_requirement_exceptions"]:
        if exception in low:
            return False
    if not event and any(_each_word(low, [w.lower() for w in d["site_rating_words"]], whole_ascii=True)):
        return True  # (all outdoor, not the "all outdoor" inside "a small outdoor terrace")
    if not event and any(cue.lower() in low for cue in d["site_requirement_plain_cues"]):
        return True  # 得防水, 一定要防爆: plain words, but not about a drill's scenario
    return any(cue.lower() in low for cue in d["site_requirement_cues"])


_SENTENCE = re.compile(r"[。；;！!？?\n]|\.(?=\s|$)")
_FIRM_CUES = ("必须", "务必", "一定要", "硬条件", "硬要求", "must", "required", "mandatory")


def _only_wished(clause: str) -> bool:
    """Does the clause only wish for what it names (防爆最好也有, preferably IP65,
    能做本安的更好), without a firm word beside the wish?"""
    return any(w in clause for w in _wish_words()) and not _firm(clause)


@lru_cache(maxsize=1)
def _wish_words() -> tuple[str, ...]:
    """Words that wish for what a clause names, before it or after it (最好, 更好)."""
    d = data()
    return (*d["wish_words"], *d["wish_after_words"])


def _firm(clause: str) -> bool:
    """Does the clause state what it names firmly (必须, 一定要, must, required)?"""
    return any(w in clause for w in _FIRM_CUES)


def _denied(low: str, start: int, end: int) -> bool:
    """Does the sentence around a hazard word deny the site is such a place
    (ordinary warehouse space, not a classified hazardous area; 不属于防爆区域)?"""
    sentence = _sentence_around(low, start, end)
    return any(w in sentence for w in data()["site_hazard_denials"])


def _hedged(low: str, start: int) -> bool:
    """Does its clause only say the site may have it (舱内可能有硫化氢, may contain
    solvent vapour)?"""
    before = _clause_before(low, start)
    return any(h in before for h in data()["site_hedges"])


# Rating words for both (室内外通用): a need working both ways names the open air to confirm.
_INDOORS_AND_OUT = frozenset({"室内外", "indoor and outdoor", "indoor/outdoor"})


_ROBOT_NAMED_FOR = re.compile(r"[\u4e00-\u9fff]{0,4}(?:机器人|型)")


def _robot_named_for(low: str, end: int) -> bool:
    """Does the site word ending at `end` name the robot asked for (一台户外巡逻机器人,
    户外型), to be rated for it? Only the open air is read so: a hazard naming a robot
    (防爆巡检机器人) is as often one shown at a fair or had already as one asked for."""
    return _ROBOT_NAMED_FOR.match(low, end) is not None


def site_conditions_in(text: str) -> SiteConditions:
    """Environments the text names for the site, split into required and mentioned.

    A condition counts as required when a clause naming it (a site word or a
    rating word) also states a requirement (必须, 要求, 需满足 ...) or names a
    rating or certificate, or when a site word states a firm hazard of the site
    itself (可燃气体, 冷库) in a text that is not about a drill, a training or an
    exhibition, or when a wet site's text states the protection code it asks for
    (地面有积水……防护等级至少IP65). Everything else named is only mentioned; a negated
    mention (车间无易燃易爆物品) counts as neither."""
    low = text.lower()
    event = _is_event(low)
    firm = set(data()["site_firm_environments"])
    required: set[str] = set()
    mentioned: set[str] = set()
    stated_so: set[str] = set()  # required in so many words, not only by a firm site word
    site_words = _environments("site").code_of
    for side in ("site", "rated"):
        vocab = _environments(side)
        covered: list[tuple[int, int]] = []  # 室外机 and the 室外 inside it
        present = vocab.present(low)
        handed = _handed_to_others(low, present)
        for word in present:
            # In a need, a word for a site (雨天: outdoor) describes the site; the
            # rating it spells for offerings (wet) is only suggested, to be confirmed.
            implied = side == "rated" and (word in site_words or word in _INDOORS_AND_OUT)
            start = low.find(word)
            while start != -1:
                end = start + len(word)
                if vocab.code_of[word] == _NO_CODE:
                    covered.append((start, end))
                elif (
                    not any(s <= start and end <= e for s, e in covered)
                    and (not word.isascii() or _ascii_bounded(low, start, end))
                    and not _negated(low, start)
                    and not _waived(low, start, end)
                    and not _kept_out(low, end)
                    and word not in handed
                    and not _kept_out_of(low, word)
                    and not _dew_point(low, start)
                    and not _names_the_field(low, start)
                    # A hazard its sentence denies (not a classified hazardous area, next
                    # door, a later phase): not the site's, nothing to confirm.
                    and not _denied(low, start, end)
                ):
                    code = vocab.code_of[word]
                    # Implied, or what the robot measures (有毒气体检测): mentioned only.
                    stated = not implied and not _measured(low, word, end) and not _hedged(low, start)
                    if stated:
                        clause = _clause_around(low, start, end)
                        said = _states_requirement(clause, event) or (
                            code == "outdoor" and not event and _robot_named_for(low, end)
                        )
                        stated = said or (side == "site" and code in firm and not event)
                        if stated and _only_wished(clause):  # 防爆最好也有: to confirm
                            stated = said = False
                        if said:
                            stated_so.add(code)
                    (required if stated else mentioned).add(code)
                start = low.find(word, end)
    for pattern, code, of_sites in _certifications(low):
        for m in pattern.finditer(text):
            named = m.group(0) not in ("防爆", "洁净")  # a certificate, not the bare word
            if (
                named
                and (of_sites or code in mentioned)
                and not _negated(low, m.start())
                and _states_requirement(_clause_around(low, m.start(), m.end()), event)
            ):
                required.add(code)
    # A firm site word (罐区) beside the text's own denial of the hazard (这些都是非防爆区域):
    # to be confirmed, not required.
    denied = set(_mentions(_environments("site"), text)[1]) | set(_mentions(_environments("rated"), text)[1])
    for code in (required & denied) - stated_so:
        required.discard(code)
        mentioned.add(code)
    if "low_temperature" in required - stated_so and any(w in low for w in data()["site_fire_words"]):
        # 冷库万一着火，要能进库灭火: the robot goes into the fire, not into the cold.
        required.discard("low_temperature")
        mentioned.add("low_temperature")
    cold = coldest_operating(text)
    hottest = hottest_in(text)
    if not event and hottest is not None and _HOT_SITE <= hottest < _HOT_THING and cold is None:
        # 压铸岛边上夏天五六十度, 烘缸罩附近温度60多度: a hot site, to be confirmed (not
        # the top of a range a part must work in, 工作温度-20℃到60℃)
        mentioned.add("high_temperature")
    if "high_temperature" not in stated_so and _AT_ROOM_TEMPERATURE.search(low):
        # 热处理分厂……到清洗机前已经是常温了, 上下料（常温段）: the heat a site word names is
        # upstream of the work, not the site's condition.
        required.discard("high_temperature")
        mentioned.discard("high_temperature")
    if cold is not None and cold <= COLD_RATED:
        mentioned.add("low_temperature")  # 工作温度-20℃到60℃: cold, to be confirmed
    if not event and "wet" not in required and (_works_in_rain(low) or _wet_weather(low)):
        mentioned.add("wet")  # 下雨天也要巡，不能停; 台风季: wet weather, to be confirmed
    if "wet" in mentioned and not event and _keeps_out_splashes(ip_code_in(text)):
        # 地面有积水……防护等级至少IP65, 雨天也得跑，防水IP55以上: the wet named, and the
        # protection it asks for stated
        required.add("wet")
    if not event and _WORKS_IN_BATHROOM.search(low):
        # 卫生间也得能用, 卫生间也必须覆盖: the device must work in the wet room itself (not
        # a bathroom it cleans or moves a person to)
        required.add("wet")
    if "outdoor" in mentioned and _KEPT_INDOORS.search(low) and not _IN_AND_OUT.search(low):
        # 海边空气潮……不过机器人在室内, 梅雨季馆内比较潮，但都是室内: the outdoors the
        # text names is not where the robot works.
        mentioned.discard("outdoor")
    if "outdoor" not in stated_so and _STAYS_INSIDE.search(low) and not _IN_AND_OUT.search(low):
        # a small outdoor terrace but the robots will stay inside; 机器人只待在店里
        required.discard("outdoor")
        mentioned.discard("outdoor")
    if _all_staged(low, event):
        # 无真实易燃物, 场馆本身没有任何危险环境: the fire or the leak a drill or a show names
        # is its scenario's, to be confirmed; the venue's weather is real.
        mentioned |= required & _SCENARIO_HAZARDS
        required -= _SCENARIO_HAZARDS
    if not event and _hazardous_area_stated(text):
        required.add("explosive")  # 沼气按IIA T3考虑，罐顶为1区: a hazardous area, in its own terms
        mentioned.discard("explosive")
    this_one = _waived_for_this_one(low)  # 这台不考虑防爆: whatever else named it, not here
    required -= this_one
    mentioned -= this_one
    codes = taxonomy.codes("environments")
    return SiteConditions(
        tuple(c for c in codes if c in required),
        tuple(c for c in codes if c in mentioned and c not in required),
    )


# The work said to be at room temperature (常温段, 已经是常温, 冷却到常温, at room temperature).
_AT_ROOM_TEMPERATURE = re.compile(
    r"常温段|常温工位|(?:已经?|早就?)是常温|(?:降|冷却|冷|凉)(?:到|至)(?:常温|室温)"
    r"|\b(?:already|cooled) (?:at|to) room temperature\b"
)


# The hazards a drill or a show stages (a fire, a leak), as against its venue (outdoors).
_SCENARIO_HAZARDS = frozenset({"explosive", "toxic", "high_temperature"})
# A drill's or a show's text saying in general words that nothing of its hazard is real
# (无真实易燃物, 不进真实危险环境, 场馆本身没有任何危险环境, no real fire).
_NOTHING_REAL = re.compile(
    r"(?:无|没有|不含|不涉及|不进入?|不用|不会有)(?:任何)?真实|(?:没有|无|不存在)任何危险"
    r"|\bno (?:real|actual|live) (?:fire|hazard|danger|chemicals?|flammables?)\b"
)


def _all_staged(low: str, event: bool | None = None) -> bool:
    """Does a drill's or a show's text (lowercased; `event` when already known) say
    nothing of its hazard is real (无真实易燃物, 场馆本身没有任何危险环境)?"""
    return _NOTHING_REAL.search(low) is not None and (_is_event(low) if event is None else event)


# A need's robot said to work indoors (都是室内, 机器人在室内, 候船厅（室内）, indoors only) ...
_KEPT_INDOORS = re.compile(
    r"(?:都是|全是|全在|只在|都在|全部在|机器人在|设备在|全|纯|仅|只)室内(?!外)|[（(]室内[）)]"
    r"|(?:^|[，,。；;\n])\s*室内\s*(?=[。；;，,\n]|$)"  # 想试点一台……的机器人，室内。
    r"|室内(?:使用|作业|运行|工作)(?!.{0,3}室外)|\b(?:all|only|entirely|strictly) indoors?\b|\bindoor use only\b|\bindoors? only\b"
)
# ... said of the robot itself, whatever outdoors the text names (the robots will stay
# inside, 机器人只待在店里, 机器人不出门).
_STAYS_INSIDE = re.compile(
    r"\b(?:robots?|it|they|units?)\b[^.;!?]{0,16}?\b(?:stays?|remains?|(?:be|is|are) kept|works? only|operates? only)"
    r"\s+(?:inside|indoors)\b"
    r"|机器人(?:只|都|就|全程)?(?:待|呆|留)在(?:室内|店里|店内|屋里|馆内|楼里)|机器人(?:不出门|不出室外|不去室外|不去户外|不到户外)"
)
# ... unless it works both indoors and out (室内外, 室内和室外, indoors and outdoors).
_IN_AND_OUT = re.compile(
    r"室内外|室内[和与及、/]室外|室外[和与及、/]室内|户外[和与及、/]室内|indoors? and outdoors?"
)


# Rain the robot must work in (下雨天也要巡, 雨天也得照常送餐, must work in drizzle).
_RAIN = re.compile(r"下雨|雨天|雨后|风雨|淋雨|雨淋|drizzl|\bin (?:the )?rain\b|\brainy\b", re.IGNORECASE)
_RAIN_FIRM = re.compile(
    r"也要|也得|照常|不能停|必须|都得|都要|风雨无阻|要能|得能|\bmust\b|has to|have to|needs? to"
)


_BATHROOM = r"(?:卫生间|浴室|淋浴间|淋浴区|洗澡间)"
# An offering said to go in bathrooms (卫生间都能装, 浴室可用, 可直接装在淋浴区, 卫生间版):
# made for a wet room.
_FOR_BATHROOMS = re.compile(
    rf"{_BATHROOM}[^，。；;,\n不]{{0,4}}?(?<!不)(?:都能装|能装|可装|可用|能用|适用)"
    rf"|(?:装在|安装在|用在|放在|装于|安装于)[^，。；;,\n]{{0,4}}?{_BATHROOM}"
    rf"|{_BATHROOM}(?:版|型|专用)"
)
# A need's device that must also work there (卫生间也得能用, 卫生间也必须覆盖).
_WORKS_IN_BATHROOM = re.compile(
    rf"{_BATHROOM}[^，。；;,\n]{{0,6}}?(?:也得|也要|也必须|必须|都要|都得|也)(?:能用|能装|覆盖|管到|能覆盖)"
)


# A temperature a text gives for where the robot works (机边五六十度) from which on the
# site is hot; from `_HOT_THING` on it is more likely a thing's (锻坯1100度, 80℃热水).
_HOT_SITE, _HOT_THING = 50.0, 80.0
# A need whose text says its site gets this hot (°C) or hotter names a hot site, said or
# not (the experts read one from 40 °C: 10 of 13 needs at 40–44 °C in the tuning sets,
# 0 of 12 at 35–39): to be confirmed (`readings.read_demand`).
HOT_SITE_SAID = 40.0


# Weather that wets whatever stands out in it (台风季, typhoon season).
_WET_WEATHER = re.compile(r"台风|typhoon")


def _wet_weather(low: str) -> bool:
    """Does a need's text place its site in wet weather (台风天也要能扛), not negated
    and not kept out of?"""
    return any(
        not _negated(low, m.start()) and not _kept_out(low, m.end()) for m in _WET_WEATHER.finditer(low)
    )


def _works_in_rain(low: str) -> bool:
    """Does a need's text say its robot must work in the rain, in one clause?"""
    for m in _RAIN.finditer(low):
        clause = _clause_around(low, m.start(), m.end())
        if _RAIN_FIRM.search(clause) and not _negated(low, m.start()):
            return True
    return False


def site_conditions_ruled_out(text: str, site: SiteConditions) -> list[str]:
    """Conditions a need's text names only to rule them out (机器人不用进冷库, 车间无易燃易爆
    物品): a site word or a rating word for them, each negated or kept out, and none
    stated (`site`: what `site_conditions_in` read from the same text)."""
    named = {*site.required, *site.mentioned}
    low = text.lower()
    if _all_staged(low):
        # A drill on a training ground with no real flammables: the fire or leak
        # ticked is its scenario's.
        return [c for c in taxonomy.codes("environments") if c in _SCENARIO_HAZARDS]
    out: set[str] = set()
    for side in ("site", "rated"):
        _positive, negative = _mentions(_environments(side), text)
        out |= set(negative)
    # A rating the text waives in so many words (防爆其实不是必须的), whatever else names
    # the hazard (我在环境里勾了“易燃易爆”).
    out |= _waived_ratings(low)
    # A field ticked and explained away (户外指的是车间门口的露天堆场，焊接全部在车间里): out,
    # whatever the explanation names, unless the text requires it.
    explained = _fields_explained(low) - set(site.required)
    if _KEPT_DRY.search(low):
        # Damp air, but a dry floor or no water reaching the robot (返潮，不是积水，地面是干的;
        # 机器人走轨道就不碰水): wet only mentioned is not the site's.
        explained |= {"wet"} - set(site.required)
    return [c for c in taxonomy.codes("environments") if c in explained or (c in out and c not in named)]


_KEPT_DRY = re.compile(
    r"地面(?:是|很|都是)?干(?:的|燥)|(?:不是|没有|无|不会|没)积水|不(?:碰|沾|涉)水"
    r"|(?:不用|不需要|无需|不需|不必)防水|no standing water|floors? (?:is|are|stays?) dry"
)


def _waived_ratings(low: str) -> set[str]:
    """Conditions whose rating word the text waives after it (防爆不是必须的)."""
    return _some_mention(
        _environments("rated"),
        low,
        lambda low, start, word: any(w in _clause_after(low, start + len(word)) for w in _WAIVED_AFTER),
    )


def environments_named(text: str) -> list[str]:
    """Conditions the text names at all, as a site's (冷库) or as a rating (耐高温),
    negated or not."""
    named: set[str] = set()
    for side in ("site", "rated"):
        positive, negative = _mentions(_environments(side), text)
        named |= {*positive, *negative}
    return [c for c in taxonomy.codes("environments") if c in named]


def site_environments_in(text: str) -> list[str]:
    """Conditions of a site as its demand describes them (易燃易爆, 冷库, ...), stated or not."""
    positive, _neg = _mentions(_environments("site"), text)
    return [c for c in taxonomy.codes("environments") if c in positive]


# ---------------------------------------------------------------- ways to acquire and budgets

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_AMOUNT = re.compile(
    rf"({_NUMBER}|[零〇一二两三四五六七八九十百千]+)\s*(?:来|多|几)?\s*(万|千|[kKw](?![A-Za-z])|M(?![A-Za-z])|million\b)?\s*(元|块|rmb|RMB|cny|CNY)?"
)


# A number followed by one of these counts something else than money (8万米, 2.6 万平米, 200 L drums).
_NOT_MONEY = re.compile(
    r"\s*(?:(?-i:W)|(?-i:L)(?![a-zA-Z])|克|g\b|升|liters?\b|litres?\b|瓦|千瓦|kw|度|℃|°|米|平|㎡|公里|千米|公斤|千克|斤|吨|件|个|只|条|张|层|床|人|次|小时|天|套|台|支|片|组|袋|箱|瓶|盒|卷|罐|桶|托|趟|批|例|位|名|户|辆|kg|km|m\b|sqm|square|pcs|units|sets|residents|beds|rooms|people|persons|staff|workers|stores|shops|floors|wards|patients|guests|elderly|seniors|households|trips|pallets|parcels|orders|trainees|students|visitors|visits|users|members|bags|boxes|meals|calls|pairs|pieces|hands|fingers|joints|对|双|单(?![台价套个次位件只])"
    # measures of a part (扭矩100Nm左右, 量程 ±500 N, 外径 70 mm, 800 m² of lawn), kits counted
    r"|(?-i:N)\s*[·.]?\s*m(?![A-Za-z])|(?-i:N)(?![A-Za-z])|[mc]m(?![A-Za-z])|m²|m2(?![A-Za-z])|㎜|弧分|弧秒"
    r"|kits?(?![A-Za-z])"
    # a year, a month or a date (2025年, 6月, 2025-03-10), not a sum
    r"|年(?![费薪租])|月(?![费薪租])|-\d{1,2}-\d{1,2}"
    # any other thing counted in English (3,000 prescriptions a day), not a verb or a word of sums
    r"|(?-i:(?!(?:plus|less|unless|was|has|this|across|does|is|covers|includes|goes)\b)[a-z]{3,}s)\b)",
    re.IGNORECASE,
)


def _cn_number(s: str) -> float | None:
    """两千 -> 2000, 三千五 -> 3500, 十二 -> 12; None when it is not a number."""
    total, digit, last_unit = 0, None, 1
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            last_unit = _CN_UNITS[ch]
            total += (1 if digit is None else digit) * last_unit
            digit = None
        else:
            return None
    if digit is not None:
        total += digit * (last_unit // 10 if last_unit > 1 else 1)
    return float(total) if total else None


def _number(raw: str) -> float | None:
    """A number as written: 1,000, 2.5 or 两千 (None when it is not one)."""
    return float(raw.replace(",", "")) if raw[0].isdigit() else _cn_number(raw)


def _amount(m: re.Match) -> float | None:
    raw, scale, currency = m.group(1), m.group(2), m.group(3)
    value = _number(raw)
    if value is None:
        return None
    if not (scale or currency) and _is_year(m):
        return None  # About 50 pairs in 2025, 2026年: a year, not money
    value = _some(m, raw, value)
    if scale in ("万", "w"):
        value *= 10_000
    elif scale in ("千", "k", "K"):
        value *= 1_000
    elif scale in ("M", "million"):
        value *= 1_000_000
    if scale in ("万", "千") and not currency:
        if m.string.startswith("多", m.end(2)):
            return value + (5_000 if scale == "万" else 500)  # 3万多 about 35,000, 两千多 about 2,500
        value += _rest_of_amount(m.string, m.end(2), scale)
    if not (currency or scale) and value < 100 and not _RATE_BEFORE.search(m.string, 0, m.start()):
        return None
    return value


# An hour's or a month's rate said just before a small amount (每小时八十以内, 一个钟头80,
# 按钟头八十以内, 一张床一个月八十以内): money, though under a hundred and with no currency
# (where 8 alone might weigh or count).
_RATE_BEFORE = re.compile(
    r"(?:每|一个?|按)(?:个)?(?:小时|钟头|钟点|月)\s*(?:不超过|以内|控制在|大概|约)?\s*$"
)


def _tens_and_some(raw: str, after: str) -> bool:
    """Some tens and a few (十几, 二十几): `raw` ends in 十 and 几 follows it."""
    return raw.endswith("十") and after.startswith("几")


def _some(m: re.Match, raw: str, value: float) -> float:
    """A few of a unit, as posters say it: 几千 about 5,000, 几十万 about 500,000,
    十几万 about 150,000, 二十几 about 25 (几 taken as five, between one and nine);
    and some more (一千多 about 1,500, 十多万 about 150,000)."""
    text, start = m.string, m.start(1)
    if start > 0 and text[start - 1] == "几" and not raw[0].isdigit() and raw[0] in _CN_UNITS:
        return value * 5  # 几千, 几百, 几十(万)
    after = text[m.end(1) : m.end(1) + 2].lstrip()
    if _tens_and_some(raw, after):
        return value + 5  # 十几万, 二十几
    if after.startswith("多"):
        # 一千多 about 1,500, 十多万 about 150,000 (as 十几万), 200多 about 250: half
        # the last unit more, between the round amount and the next.
        unit = _CN_UNITS.get(raw[-1]) or (10 ** (len(raw) - len(raw.rstrip("0"))) if raw[0].isdigit() else 1)
        return value + unit / 2 if unit > 1 else value
    return value


_YEAR = re.compile(r"(?:19|20)\d\d")
# A rent said with its amount (月租四五千, 月租5000): what the need would pay.
_RENT_OF = re.compile(r"月租\s*(?:\d|[一二两三四五六七八九十几])")
# By the month or the hour, said in words (每个月, 一小时): beside an amount, a rate.
_BY_MONTH_OR_HOUR = r"(?:每个?月|一个月|每小时|一小时)"
# An amount said as a rate (1w/月, 5k/月/台) or, in a post's shorthand, with 内 for
# 以内 (10w内, 包月1w内): what the need would pay, budget word or not.
_RATE_OF = re.compile(
    r"\d\s*(?:万|千|[kKwW])?\s*(?:元|块)?\s*/\s*(?:月|month|mo\b|周|week|天|日|day|h\b|小时|hour)"
    r"|\d\s*(?:万|千|[kKwW]|元|块)\s*内(?![容部置饰外存科网蒙])"
    r"|\d\s*(?:万|千|[kKwW])\s*(?:元|块)?\s*/\s*(?:台|套)"  # 35w/台: each unit's price
    # 每月几百块, 几百块一个月, 一小时五十块: money by the month or the hour, in words
    rf"|{_BY_MONTH_OR_HOUR}\s*[\d几一二两三四五六七八九十百千万]+\s*(?:块|元)"
    rf"|[\d几一二两三四五六七八九十百千万]\s*(?:块|元)钱?\s*{_BY_MONTH_OR_HOUR}"
)
# An amount said to be less than (不到5万, 一个月不到两千), not a verb that fails (招不到人, 找不到).
_LESS_THAN = re.compile(r"不到\s*[\d一二两三四五六七八九十几百千万]")
# An amount said to be acceptable (每个月一千多块可以, 两千元也行), not a way (也可以租).
_ACCEPTED = re.compile(r"[\d十百千万]\s*多?\s*(?:块|元)钱?(?:的话)?\s*(?:都可以|可以|也行|都行|没问题)")
# An amount said to be roughly so (月租一万五上下), not 上下料 or 上下楼.
_AROUND = re.compile(r"[\d十百千万元块五六七八九]\s*上下(?![料楼梯班车坡游文级线])")
# 一两万的那种, 二三十万能搞定, 一次三四百块: a price said as a range of two numbers, which only money is
# said in with 块, 元 or 万 (not 两三百克, 三四百度, 两三千单).
# So is one without them said as a price is (每个月一两百的订阅, 一次买断三四千, 一小时三四十块,
# 一两千都行), not a count (两三百单, 三四十个).
_RANGE = r"(?:一两|一二|两三|二三|三四|三五|四五|五六|六七|七八|八九)"
_RANGE_PRICE = re.compile(
    rf"{_RANGE}\s*(?:十?\s*[百千]\s*(?:块|元)|十?\s*万(?![平米件个人台次吨套])|十\s*(?:块|元))"
    rf"|(?:买断|按月|包月|{_BY_MONTH_OR_HOUR})\s*{_RANGE}\s*[十百千]"
    rf"|{_RANGE}\s*[百千]\s*(?:的那种|的订阅|都行|也行|都可以|能接受)"
)
# 十来万, 十几万, 一百多万: a loose amount (read as its round part).
_APPROXIMATE = re.compile(r"[十百千万\d]\s*[来多几]")
# An amount given or taken (4000左右, 大概三千, about 5,000), and a most said after it
# (最多4500, 最多不超过六十万, at most 6,000), which is the budget.
_ABOUT = re.compile(r"左右|上下|大概|大约|差不多|\babout\b|\baround\b|approximately|\broughly\b")
_AT_MOST = re.compile(r"最多|顶多|封顶|上限|\bat most\b|\bmax(?:imum)?\b|\bat the most\b")
_BEFORE_YEAR = re.compile(r"(?:\b(?:in|since|by|from|until|till|before|after)|截至)\s*$", re.IGNORECASE)


def _is_year(m: re.Match) -> bool:
    """A four-digit number that is a year: 2026年, in 2025, since 2019; 每台月租2000以内
    is money."""
    if not _YEAR.fullmatch(m.group(1)):
        return False
    text, start, end = m.string, m.start(1), m.end(1)
    return text[end : end + 1] == "年" or bool(_BEFORE_YEAR.search(text[max(0, start - 12) : start]))


# A digit followed by a counter is a count of its own (6万一台: 60,000 for each unit).
_AMOUNT_REST = re.compile(
    r"(?:[零〇一二两三四五六七八九十百千]+|\d(?![\d.]))(?![台个套件只年月天周次人位份张条层床辆座间名家处项])"
)


def _rest_of_amount(text: str, at: int, scale: str) -> float:
    """What follows 万 or 千 in the same amount: 一万五 is 15,000 and 三千五 3,500 (one
    digit counts the next unit down), 一万五千 is 15,000, 1万5 is 15,000."""
    m = _AMOUNT_REST.match(text, at)
    if not m:
        return 0.0
    rest = m.group(0)
    if len(rest) == 1:
        digit = _CN_DIGITS.get(rest, int(rest) if rest.isdigit() else 0)
        return float(digit * (1_000 if scale == "万" else 100))
    if scale == "万" and rest[-1] in ("千", "百"):
        return _cn_number(rest) or 0.0
    return 0.0


@lru_cache(maxsize=1)
def _mode_words() -> tuple[tuple[str, frozenset[str]], ...]:
    """(word, the ways it asks for), longest first: 按天租用 is read before 租用."""
    ways: dict[str, set[str]] = {}
    for mode, words in data()["modes"].items():
        for word in words:
            ways.setdefault(word.lower(), set()).add(mode)
    # Words that hold a way's word but ask for none (two-hourly rounds: how often).
    for word in data()["not_modes"]:
        ways.setdefault(word.lower(), set())
    return tuple((w, frozenset(m)) for w, m in sorted(ways.items(), key=lambda wm: -len(wm[0])))


def _each_word(low: str, words: list[str], whole_ascii: bool = False) -> Iterator[tuple[str, int]]:
    """(word, start) of each place a word of `words` (longest first) stands in `low`,
    but not inside a longer one already found (租用 in 按天租用, 一次 in 一次性);
    with `whole_ascii`, an English word only where it stands whole."""
    covered: list[tuple[int, int]] = []
    for word in words:
        start = low.find(word)
        while start != -1:
            end = start + len(word)
            inside = any(s <= start and end <= e for s, e in covered)
            whole = whole_ascii and word.isascii() and word[0].isalnum()  # "/hour" may follow RMB
            if not inside and not (whole and not _ascii_bounded(low, start, end)):
                covered.append((start, end))
                yield word, start
            start = low.find(word, end)


def modes_in(text: str) -> list[str]:
    """Ways to acquire the text asks for (按月租用, 先租后买, 按次付费, 试用几台), in
    taxonomy order; those it rules out (不买) are left out. A word inside a longer
    one already read (租用 in 按天租用) adds nothing."""
    low = text.lower()
    found: set[str] = set()
    trial = False  # a trial (试用几台) asked for
    ways = dict(_mode_words())
    declined: set[str] = set()  # ways the text turns down (不想一次性投入买设备)
    leased_by: set[str] = set()  # the words that ask for a lease
    refused: set[str] = set()  # ways a list turns down (不想再办什么会员、订阅): not asked anywhere
    for word, start in _each_word(low, [w for w, _m in _mode_words()], whole_ascii=True):
        if _WAYS_REFUSED.search(low, max(0, start - _WAYS_REFUSED_REACH), start):
            refused |= ways[word] - {"purchase"}  # 不想再买车 turns down more vehicles, not buying
        if (
            _negated(low, start)
            or _NOT_WORTH.match(low, start + len(word))
            or (refused and ways[word] <= refused)
        ):
            declined |= ways[word]
        elif word in _TRIAL_WORDS:
            trial = True
        else:
            found |= ways[word]
            if "lease" in ways[word]:
                leased_by.add(word)
    if _hired_for_hours(low):
        found.add("sharing")  # 想租个机器人来跳跳舞……大概3个小时: hired by the hour
    buy = _BUY_FOR.search(low)
    if buy and not _negated(low, buy.start()) and not _NOT_WORTH.match(low, buy.end()):
        found.add("purchase")  # a post's shorthand: 买 25w以内, 买10w内
    if trial and not found & {"sharing", "raas"}:
        # 先试用两台: a short lease; but a trial paid by subscription or by the hour
        # (先试用两台，按月订阅) is that way's, not a lease besides.
        found.add("lease")
    if (
        found == {"lease"}
        and "purchase" not in declined
        and not _BUYING_DECLINED.search(low)
        and _ALSO_LEASED.search(low)
    ):
        found.add("purchase")  # 三十万左右，能租也行: bought, or leased if need be
    elif (
        found
        and found <= _ways_as_options(low)
        and "purchase" not in declined
        and not _BUYING_DECLINED.search(low)
    ):
        found.add("purchase")  # 预算按每台40万以内考虑，也可以接受按月服务: bought, or served
    if "sharing" in found and leased_by and leased_by <= _HIRED and not _HIRED_FOR_WEEKS.search(low):
        found.discard("lease")  # 想租2台……按小时或按天都行: hired by the hour, not leased
    for word, mode in data()["mode_exclusions"].items():
        if word in low:
            found.discard(mode)
    found -= refused
    # Lease or RaaS only, 只接受按月订阅: no other way besides.
    return only_modes_in(text) or [m for m in taxonomy.codes("modes") if m in found]


# Words that hire with no term of their own: beside an hourly or daily rate, they hire
# for that (想租三四台……按小时付费), not for a lease of months.
_HIRED = frozenset({"租", "租用", "rent", "hire", "renting", "rental"})
# ... unless a term of weeks or months is said (租一周, 租4个月, 每月两万五以内, a month),
# or a hire offered as one choice of two.
_HIRED_FOR_WEEKS = re.compile(
    r"(?:租|用)\s*(?:[一二两三四五六七八九十\d]+|几|个把|半)\s*个?(?:月|周|星期)|每个?月|每个?周|一个月|按月|月租|/月|/周|"
    r"(?:租用?|\brent|\bhire)\s*(?:或者?|还是|\bor\b)|"  # 租或者按小时计费都行: either, a lease too
    r"\bper (?:month|week)\b|\ba (?:month|week)\b|\d+\s*(?:months?|weeks?)\b|\bmonthly\b|\bweekly\b"
)


def ways_priced(asked: list[str], budgets: dict[str, float]) -> list[str]:
    """The ways a text asks for (`modes_in`) and those it states a budget by the month
    or the hour in besides (几百块一个月，或者买断一两千都行: paying by the month too);
    none when it asks for none (a budget alone does not narrow the ways)."""
    if not asked:
        return asked
    found = set(asked)
    monthly = {"lease", "raas"}
    if not found & monthly:
        found |= monthly & set(budgets)
    if "sharing" in budgets:
        found.add("sharing")
    return [m for m in taxonomy.codes("modes") if m in found]


# A way (or ways) said to be the only one: "Lease or RaaS only", "subscription
# (RaaS) only", 只接受按月订阅或者租赁, 只能采购, 只考虑租赁.
_ONLY_AFTER = re.compile(r"(?<![a-z])only(?![a-z])")
_ONLY_BEFORE = re.compile(r"只接受|仅接受|只能|只走|只做|只考虑|仅限|只要|只用|只采用")
_ONLY_CLAUSE = re.compile(rf"{_CLAUSE.pattern}|[:：、]")
_PARENTHESES = re.compile(r"\s*[(（][^)）]{0,16}[)）]")
_ONLY_REACH = 12  # 只接受按月订阅或者租赁: the ways named right after
_PERIOD_WORDS = frozenset({"per month", "pay monthly", "per day", "per hour"})


def only_modes_in(text: str) -> list[str]:
    """The ways the text says are the only ones (只能按月租用或者按月付服务费, Lease or
    RaaS only), in taxonomy order; none when it says none is."""
    only = _only_modes(text.lower(), dict(_mode_words()))
    return [m for m in taxonomy.codes("modes") if m in only]


def _only_modes(low: str, ways: dict[str, frozenset[str]]) -> set[str]:
    """The ways a clause says are the only ones, or an empty set."""
    only: set[str] = set()
    if "only" not in low and not _ONLY_BEFORE.search(low):
        return only
    words = list(ways)
    for m in _ONLY_AFTER.finditer(low):
        head = _PARENTHESES.sub("", low[: m.start()]).rstrip()
        starts = [b.end() for b in _ONLY_CLAUSE.finditer(head)]
        clause = head[starts[-1] if starts else 0 :]
        said = [(w, at) for w, at in _each_word(clause, words, whole_ascii=True) if not _negated(clause, at)]
        if said and max(at + len(w) for w, at in said) == len(clause):  # the words just before "only"
            only |= {mode for w, _at in said for mode in ways[w]}
            # ... and those the sentence goes on to allow (Rent only — monthly rental
            # or a monthly subscription is fine), not a price's period (per month).
            stop = _ASKING_SENTENCE.search(low, m.end())
            rest = low[m.end() : stop.start() if stop else len(low)]
            only |= {
                mode
                for w, at in _each_word(rest, words, whole_ascii=True)
                if w not in _PERIOD_WORDS and not _negated(rest, at)
                for mode in ways[w]
            }
    for m in _ONLY_BEFORE.finditer(low):
        stop = _ONLY_CLAUSE.search(low, m.end())
        clause = low[m.end() : stop.start() if stop else len(low)][:_ONLY_REACH]
        only |= {mode for w, _at in _each_word(clause, words, whole_ascii=True) for mode in ways[w]}
    return only


# Buying turned down in words no way is read from (不想一次性投入买设备, 不打算买).
_BUYING_DECLINED = re.compile(
    r"不(?:想|打算|考虑|愿意|准备)?(?:一次性)?(?:投入|投钱|花钱)?(?:买|购买|采购|买断)"
    r"|\b(?:not|don't|do not|won't) (?:want to )?(?:buy|purchase)\b"
)
# Leasing said to be acceptable too (能租也行, 租也可以, 也可以租, leasing is fine too): the
# way the need names first, buying, goes without saying.
_ALSO_LEASED = re.compile(
    r"租(?:赁)?(?:的话)?也(?:行|可以|成|能接受)|也(?:可以|能|行)(?:先)?租"
    r"|\b(?:leasing|renting|a lease|a rental) (?:is )?(?:also|fine too|ok too)\b|\bcan also (?:lease|rent)\b"
)


# A way offered as a second choice (也可以接受按月服务, 也可考虑租赁).
_ALSO_WORDS = r"也(?:可以|可|能)?(?:接受|考虑)?"
_AS_OPTION_BEFORE = re.compile(rf"{_ALSO_WORDS}\s*$")


def _ways_as_options(low: str) -> set[str]:
    """The ways a text names only as second choices (预算按每台40万以内考虑，也可以接受按月
    服务): each mention of them right after 也可以, 也接受 or 也可考虑."""
    if "也" not in low:
        return set()
    said: dict[str, bool] = {}
    ways = dict(_mode_words())
    for word, start in _each_word(low, list(ways), whole_ascii=True):
        option = bool(_AS_OPTION_BEFORE.search(low, max(0, start - 6), start))
        for mode in ways[word]:
            said[mode] = said.get(mode, True) and option
    return {m for m, option in said.items() if option}


# A way allowed as well, said after it in its clause (租赁也可以, 按月租一个月也行, 如果能租，
# 每月1.2万以内也行) or before it (也可以月租, 如果有租的方式也可以考虑).
_ALSO_AFTER = re.compile(r"也(?:可以|可|行|能接受|接受|成)")
_ALSO_BEFORE = re.compile(rf"(?:{_ALSO_WORDS}|如果?(?:厂家|供应商|贵司|你们)?(?:有|能|是|可以)?)\s*$")


def ways_also(text: str) -> list[str]:
    """The ways a text allows besides others (采购25万元以内，也可以月租，每月8000元以内;
    如厂家有订阅模式，每台每月5000元以内也可以), in taxonomy order."""
    if "也" not in text and "如" not in text:
        return []
    low = text.lower()
    ways = dict(_mode_words())
    found: set[str] = set()
    for word, start in _each_word(low, list(ways), whole_ascii=True):
        if _negated(low, start):
            continue
        stop = _CLAUSE.search(low, start)
        rest = low[start : stop.start() if stop else len(low)]
        if _ALSO_BEFORE.search(low, max(0, start - 8), start) or _ALSO_AFTER.search(rest):
            found |= ways[word]
    return [m for m in taxonomy.codes("modes") if m in found]


# Ways refused in a list before them (我不想再办什么会员、订阅、按月付): the clause so far
# turns down the ways it names, up to the way; a purchase so turned down is of more of
# something (不想再买车，想要调度软件), not of buying.
_WAYS_REFUSED = re.compile(r"(?:不想|不愿意?|不接受|不考虑)再?(?:办|签|搞|走|用)?[^，,。；;！!？?\n]{0,8}$")
_WAYS_REFUSED_REACH = 16


# A way the same clause calls not worth it (买一台消毒机器人不划算, 买和长租都不划算).
_NOT_WORTH = re.compile(r"[^，,。；;！!？?\n]{0,10}?(?:不划算|划不来|不值得|不值)")
# 买 and the amount it may cost, in a post's shorthand (买 25w以内, 买10w内), or so many
# units bought; not 购买 or 采买.
_BUY_FOR = re.compile(
    r"(?<![购采])买\s*[，,、]?\s*\d+(?:\.\d+)?\s*(?:万|千|[kw]|元|块)"
    # 买2台, 买一台，13万以内, 先买一台试试, 直接买: so many bought (not 买一台不划算)
    r"|(?<![购采])买\s*(?:\d+|[一二两三四五六七八九十几]+)\s*[台套个只辆]"
    r"|直接买"
)


# A need that would lease before it buys: 先租后买, 先租半年，效果好再买断, 以租代购,
# lease first, rent-to-own. A trial (先试用两台，满意再买) is not: vendors lend for one.
_LEASE_FIRST = re.compile(
    r"先租后买|以租代购|租转售|租赁转(?:采购|购买)"
    r"|先租[^。；;!?！？\n]{0,16}?(?:再|后|然后|之后)[^。；;!?！？\n]{0,10}?买"
    r"|\b(?:lease|rent) first\b|\b(?:rent|lease)[- ]to[- ]own\b"
    r"|\b(?:lease|rent)\b[^.;!?\n]{0,40}?\bthen (?:buy|purchase)\b"
)
# Said as one way among others (也可以先租后买, would also accept a lease first): an
# option, not the way the need will go.
_AS_AN_OPTION = re.compile(r"也可|也接受|也能|也行|或者|或是|\balso\b|\bor\b|\baccept")


def leases_first(text: str) -> bool:
    """Would the need lease before it buys (先租后买, 先租半年再买断, lease first)? Then
    what is only sold cannot take the first step. Not when the text declines it (不考虑
    先租后买) or offers it as one way among others (也可以先租后买)."""
    low = text.lower()
    for m in _LEASE_FIRST.finditer(low):
        before = _after_last(low[max(0, m.start() - 24) : m.start()])
        if not _negated(low, m.start()) and not _AS_AN_OPTION.search(before):
            return True
    return False


# A budget by the day (按天, 每天, per day) or by the week (每周, weekly), and the hours
# a day the robot is used (每天开馆10小时, 每天拍8–10小时, 10 hours a day).
_PER_DAY = re.compile(r"按天|每天|每日|一天|元/天|/天|日租|\bper day\b|\ba day\b|/day\b|\bdaily\b")
_PER_WEEK = re.compile(r"按周|每周|一周|元/周|/周|周租|\bper week\b|\ba week\b|/week\b|\bweekly\b")
_HOURS_A_DAY = re.compile(
    r"(?:每天|每日|一天)[^。；;，,\n]{0,8}?(\d{1,2})(?:\s*[–\-~～至到]\s*(\d{1,2}))?\s*个?\s*小时"
    r"|(\d{1,2})(?:\s*[–\-~～to]+\s*(\d{1,2}))?\s*hours?\s+(?:a|per|each)\s+day"
)
WORKING_DAY_HOURS = 8.0  # a day's budget with no hours a day stated: a working day's


def _per_day_or_week(low: str) -> str | None:
    """Is a budget clause's amount by the day ("day") or by the week ("week")?"""
    return "week" if _PER_WEEK.search(low) else "day" if _PER_DAY.search(low) else None


def _hours_a_day(text: str) -> float | None:
    """The hours a day the text says the robot is used (the longest of a range), or None."""
    hours = [float(h) for m in _HOURS_A_DAY.finditer(text) for h in m.groups() if h]
    return max(hours) if hours and 0 < max(hours) <= 24 else None


# Words asking for a trial: a short lease unless the text names how it is paid.
_TRIAL_WORDS = frozenset({"试用", "trial", "试用一个月"})


# A robot hired (租, 请) for a few hours: shared use by the hour, whatever else is said;
# not hours of work a day (每天工作8小时, 24小时运行) nor of battery (续航3小时).
_HOURS_HIRED = re.compile(
    r"(?:租|请)[^。；;!?！？\n]{0,30}?((?:\d{1,2}|[一二两三四五六七八九十几]{1,2})\s*个?\s*小时)"
)
_HOURS_OF_WORK = ("每天", "每日", "一天", "全天", "每班", "一班", "工作", "运行", "续航", "充电", "24")


def _hired_for_hours(low: str) -> bool:
    for m in _HOURS_HIRED.finditer(low):
        around = low[max(m.start(1) - 6, m.start()) : m.end(1) + 4]
        if not any(w in around for w in _HOURS_OF_WORK):
            return True
    return False


@lru_cache(maxsize=1)
def _budget_unit_words() -> tuple[tuple[str, str], ...]:
    """(unit word, the way it prices), longest first: 一次性 is read before 一次."""
    words = [(w.lower(), mode) for mode, ws in data()["budget_units"].items() for w in ws]
    return tuple(sorted(words, key=lambda wm: -len(wm[0])))


def _budget_units_in(low: str) -> list[str]:
    """The ways a clause's unit words price by (每月: lease, 每小时: sharing, 一次性:
    purchase), in the lexicon's order; a word inside a longer one already read (一次
    in 一次性投入) adds nothing."""
    unit_of = dict(_budget_unit_words())
    words = [w for w, _m in _budget_unit_words()]
    found = {unit_of[word] for word, _start in _each_word(low, words, whole_ascii=True)}  # buy, not buying
    return [m for m in data()["budget_units"] if m in found]


# What follows 块 when it counts pieces that weigh something (一块最重45kg, 每块约20公斤).
_PIECE_WEIGHS = re.compile(
    r"\s*(?:最重|重|约重|大概|大约|约)?\s*(?:\d+(?:\.\d+)?\s*(?:kg|公斤|千克|斤|吨)|最重|重约|重达)",
    re.IGNORECASE,
)


# The letters of a model or a standard right before a number (RV-110E, CRBT5010,
# GB 3836, ISO 14644), or a diameter's sign (φ130): the number is its name or a
# measure. Not a currency's (RMB8000, CNY420).
_CODE_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?!(?:rmb|cny|usd|rm)\b)[A-Za-z]{1,8}-?|\b(?:GB|GB/T|JB/T|IEC|ISO|EN|UL)\s+|[φΦØø⌀]\s*)$",
    re.IGNORECASE,
)

# A ratio or a measure named before a bare number (减速比100左右, 转速3000以内): not a sum.
_SPEC_BEFORE = re.compile(
    r"(?:减速比|速比|传动比|转速|功率|电压|电流|精度|分辨率|频率|帧率|\bratio)\s*(?:为|约|是|[:：])?\s*(?:约)?\s*$",
    re.IGNORECASE,
)

# A least said before a number (不能低于 180, 至少, ≥): a measure's floor; a budget is a most.
_AT_LEAST_BEFORE = re.compile(
    r"(?:不低于|不能低于|不少于|不小于|至少|最少|≥|>=|at least|minimum of|min\.?)\s*$"
)


# A price by the area (每平米不超过1.2元, 3元/平米, per m²): not what a unit may cost.
_PER_AREA = re.compile(r"(?:每|一)\s*(?:平米|平方米|平方|㎡)|per\s*(?:m²|m2|sqm|square)", re.IGNORECASE)
_PER_AREA_AFTER = re.compile(r"\s*(?:元|块)?\s*(?:/|每)\s*(?:平米|平方米|平方|㎡|m²|m2|sqm)", re.IGNORECASE)


def _money_in(clause: str) -> list[tuple[re.Match, float]]:
    """The amounts of money a clause states, each with its match: a currency, or no
    unit that makes it something else (5 台, 30 公斤)."""
    found = []
    for m in _AMOUNT.finditer(clause):
        if m.group(3) == "块" and _PIECE_WEIGHS.match(clause, m.end()):
            continue  # 一块最重45kg: a piece, not a yuan
        if _PER_AREA.search(clause, max(0, m.start() - 8), m.start()) or _PER_AREA_AFTER.match(
            clause, m.end()
        ):
            continue  # 每平米不超过1.2元, 3元/平米: a price by the area, not a unit's
        if _CODE_BEFORE.search(clause, 0, m.start()) or _AT_LEAST_BEFORE.search(clause, 0, m.start()):
            continue  # RV-110E左右, CRBT5010, GB 3836: a model or a standard; 不能低于180: a least
        if not m.group(3) and _SPEC_BEFORE.search(clause, 0, m.start()):
            continue  # 减速比100左右: a ratio, not a sum
        if m.group(3) or not _NOT_MONEY.match(clause, m.end()):
            amount = _amount(m)
            if amount and _A_LITTLE_OVER.match(clause, m.end()):
                amount *= A_LITTLE_OVER  # 一万出头: a little over ten thousand
            if amount:
                found.append((m, amount))
    return found


# 万把块, 千把块: about one ten thousand, one thousand (said without the one).
_ABOUT_ONE = re.compile(r"(?<![\d零〇一二两三四五六七八九十百千])([万千])把")
# An amount and a little over (一万出头能接受, 预算一万出头): the experts read a fifth more.
_A_LITTLE_OVER = re.compile(r"\s*(?:元|块)?\s*出头")
A_LITTLE_OVER = 1.2


# A budget's clauses end where others do, and at a dash that turns to the amounts
# (效果好就买断——月租每台8000元以内): the way before it is not the rent's.
_BUDGET_CLAUSE = re.compile(rf"{_CLAUSE.pattern}|——")
_HEADING_END = re.compile(r"[：:](?!\d)")


def _budget_clauses(text: str) -> Iterator[str]:
    """The clauses of a text that state a budget (a budget word and an amount), each
    cut where it turns from one way to another with an amount of its own:
    软件订阅（每月8000以内）或者买断（20万以内）都可以 gives the subscription's part
    and the purchase's, as do "Lease (up to 25,000/month) or purchase (under 500,000)"."""
    # A total for the units wanted (买2台，总价40万) states a budget as well.
    cues = [c.lower() for c in (*data()["budget_cues"], *data()["budget_totals"])]
    ways = [w for w, _m in _mode_words()]
    for clause in _BUDGET_CLAUSE.split(text):
        heading = list(_HEADING_END.finditer(clause))
        if heading:
            # 采购或按月服务均可：采购单台35万以内: the ways the heading names before the
            # colon are the parts' to come, not this amount's.
            head = clause[: heading[-1].start()].lower()
            if not _money_in(head) and not any(c in head for c in cues):
                clause = clause[heading[-1].end() :]
        low = clause.lower()
        if not any(c in low for c in cues) and not any(
            p.search(low) for p in (_AROUND, _RENT_OF, _RATE_OF, _RANGE_PRICE, _LESS_THAN, _ACCEPTED)
        ):
            continue
        money = [m for m, _a in _money_in(clause)]
        cuts = [0]
        for before, after in pairwise(money):
            between = low[before.end() : after.start()]
            starts = [at for _w, at in _each_word(between, ways, whole_ascii=True)]
            if starts:  # the next way's word starts the next amount's part
                cuts.append(before.end() + min(starts))
        cuts.append(len(clause))
        for start, end in pairwise(cuts):
            yield clause[start:end]


# An amount followed by the count it buys, in brackets (180 万元（2 台，含安装调试）).
_COUNT_AFTER_AMOUNT = re.compile(
    r"(?:万|元|块)\s*(?:元)?\s*[（(]\s*(?:\d{1,3}|[两二三四五六七八九十]{1,2})\s*(?:台|套|个工位)"
)
# A year's amount and then the month's (年费3万以内（按月就是2500）, 一年6万，每月5000).
_BY_MONTH_AFTER_YEAR = re.compile(
    r"(?:年费|一年|每年|全年|包年|per year|a year)[^（(，,]*?[（(，,][^）)，,]{0,4}?(?:按月|每月|每个月|一个月)"
)
# A rate in brackets after an amount (2000元以内（约250元/小时）, 6万（合5000元/月）).
_RATE_IN_BRACKETS = re.compile(
    r"[（(]\s*(?:约|大约|大概|合|即|折合|相当于|也就是|按)?\s*\d[\d.,]*\s*(?:万|千|k)?\s*(?:元|块)?\s*"
    r"(?:/\s*(?:小时|h\b|hour|月|month)|每(?:个)?(?:小时|月)|一(?:个)?(?:小时|月))"
)
# A price said to be each unit's (单台, 每套, per unit): not a total to share out.
_PER_UNIT = re.compile(r"单台|每台|单套|每套|单价|一台|per unit|per robot|\beach\b|apiece")
# How many units a need wants to buy or set up (想买3台, 一期3台, 需要5台小型人形机器人).
# A count of units, in figures or in words (3, 两, 十二).
_COUNT = r"(\d{1,3}|[两二三四五六七八九十]{1,2})"
_UNITS_WANTED = re.compile(
    rf"(?:买|采购|购买|需要|要|上|一期|首批|先上|添置|引进|放|摆|租|借|请|配)\s*{_COUNT}\s*(?:台|套)"
    rf"|{_COUNT}\s*(?:台|套)\s*(?:总价|总共|一共|合计|总预算|总计)"  # 两台总价180万
    r"|\b(?:need|buy|purchase|want|order|for the|for)\s+(\d{1,3})\s+(?:[a-z-]+\s+)?(?:units|robots|sets)\b"
    # the robots named, then their count (立焊、横焊机器人2台)
    rf"|(?:机器人|机械臂)\s*{_COUNT}\s*(?:台|套)"
    # a tender's list: 采购内容：智能配送机器人8台及配套调度管理平台1套
    rf"|(?:采购内容|采购数量|采购清单|采购标的)\s*[：:][^。；;\n]{{0,24}}?{_COUNT}\s*(?:台|套)"
    # the count beside the total: 180 万元（2 台）, 3台，项目总预算18万元, 2个工位合计, for all 6 units;
    # not a count of what is had (8 台加工中心（5 台发那科系统）)
    rf"|(?:万|元|块|[kw])\s*(?:元)?\s*[（(]\s*{_COUNT}\s*(?:台|套|个工位)"
    rf"|{_COUNT}\s*(?:台|套|个工位)\s*(?:左右)?[，,]?(?:\d{{1,2}}\s*天)?[^，。；;\d]{{0,4}}?(?:项目)?(?:总预算|合计|总共|一共|总价|总计)"
    r"|\bfor (?:all|the) (\d{1,3}) (?:units|robots|sets)\b"
)


# A hire of a month or so beside the hours (租个把月, 直接租一个月, 短租, 按月).
_MONTHS_HIRE = re.compile(r"租[^，。；;,\n]{0,4}?(?:个把月|一个月|几个月|整月)|短租|按月租|\bfor a month\b")


# An amount for the whole occasion (一次3000元, 每场4000), not for each hour of it ...
_PER_OCCASION = re.compile(
    r"一次|每次|一场|每场|每班|一个班|一班|总共|一共|per event|per visit|per shift|in total"
)
# ... which lasts this many hours (演示 3 小时, 大概6个小时, for 3 hours).
_HOURS_OF_USE = re.compile(
    r"(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*个?\s*(?:小时|钟头)(?!以内|内)|(\d{1,2})\s*hours?\b"
)


# An amount said by the hour (每小时1000元, 800/小时, per hour): already a rate.
_PER_HOUR = re.compile(r"每(?:个)?小时|一小时|/\s*(?:小时|h\b)|per hour|an hour|an hr\b|时薪")
# The days a show or a drill lasts (就两天, 为期3天, 展期4天, 一共3天), not a rate (每天)
# nor a lead time (交货期45天).
_DAYS_OF_USE = re.compile(
    r"(?<![每个第])(?<!货期)(?<!工期)(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*天(?![内以之])"
)


def _occasion_hours(text: str, asked: list[str] | None = None) -> float | None:
    """The hours an occasion lasts: as said once (演示3小时), or, for a show or a drill,
    its days by the hours of each (两天，每天8小时; a working day's when not said); so
    too for days hired by the day or the hour (`asked`: 大会期间（4天，每天10小时）……按天租或
    按小时都行), when the hours of each day are said."""
    hours = _hours_of_use(text)
    days = [d for m in _DAYS_OF_USE.finditer(text) if 0 < (d := _number(m.group(1)) or 0) <= 30]
    if hours or not days:
        return hours
    if event_kinds_in(text):
        return max(days) * (_hours_a_day(text) or WORKING_DAY_HOURS)
    a_day = _hours_a_day(text) if "sharing" in (asked or ()) else None
    return max(days) * a_day if a_day else None


def _hours_of_use(text: str) -> float | None:
    """The hours an occasion lasts, as the text says them once (演示3小时), or None:
    not hours of work a day (每天8小时) nor of battery (续航3小时)."""
    found = set()
    for m in _HOURS_OF_USE.finditer(text):
        before = re.split(r"[，,。；;\n]", text[max(0, m.start() - 6) : m.start()])[-1]
        if any(w in before for w in _HOURS_OF_WORK):  # 每天8小时, not 就一天，大概4个小时
            continue
        n = _number(m.group(1) or m.group(2))
        if n:
            found.add(n)
    if not found and _HALF_A_DAY.search(text):
        found.add(HALF_DAY_HOURS)  # 到场演示半天: a morning's or an afternoon's hours
    return float(found.pop()) if len(found) == 1 else None


# Half a day of use (演示半天, 半天时间), not one of several (每天半天, 大半天).
_HALF_A_DAY = re.compile(r"(?<!每天)(?<!每日)(?<![每大])半天(?!以内|内|之内|就)")
HALF_DAY_HOURS = 4.0


# Prices by the quantity ordered, as vendors of components state them: 500台以上980元,
# 1–99台1350元；100–499台1150元, 单价6800元（500套以上）, 500套起批量价1200元/套,
# 批量价 5800 元/套（300 套起）, CNY 420 for 1,000+ pcs.
_PIECES = r"(?:台|套|个|只|件|片|颗|组|pcs|pieces|units|sets)"
_VOLUME_PRICES = (
    # the quantity first: 500台以上980元, 500套起批量价1200元, 100–499台1150元
    re.compile(
        rf"(?:(?P<units>\d[\d,]*)\s*[–\-~～至到]\s*\d[\d,]*\s*{_PIECES}|"
        rf"(?P<least>\d[\d,]*)\s*{_PIECES}\s*(?:及以上|以上|起订?|\+))\s*"
        rf"[：:，,]?\s*(?:的)?(?:批量价|单价|每{_PIECES}|价格)?\s*(?:为)?\s*(?P<price>\d[\d,]*(?:\.\d+)?)\s*(?P<wan>万)?\s*元"
    ),
    # the price first: 单价6800元（500套以上）, 批量价 5800 元/套（300 套起）
    re.compile(
        rf"(?P<price>\d[\d,]*(?:\.\d+)?)\s*(?P<wan>万)?\s*元\s*(?:/\s*{_PIECES})?\s*[（(]\s*"
        rf"(?:≥|满)?\s*(?P<units>\d[\d,]*)\s*{_PIECES}\s*(?:及以上|以上|起)"
    ),
    # CNY 420 for 1,000+ pcs; 420 CNY above 1000 pieces
    re.compile(
        rf"(?:CNY|RMB|¥)?\s*(?P<price>\d[\d,]*(?:\.\d+)?)\s*(?:CNY|RMB|yuan)?\s*(?:each\s*)?"
        rf"(?:for|above|over|at|from)\s+(?P<units>\d[\d,]*)\s*\+?\s*{_PIECES}",
        re.IGNORECASE,
    ),
)


def volume_prices_in(text: str) -> list[tuple[int, float]]:
    """Prices by quantity the text states, as (from so many units, the unit price),
    the lowest price for each quantity, in order of quantity. A tier starting at one
    unit (1–99台1350元) is the list price, not a volume price."""
    found: dict[int, float] = {}
    for pattern in _VOLUME_PRICES:
        for m in pattern.finditer(text):
            said = m.groupdict()
            units = int((said["units"] or said.get("least") or "0").replace(",", ""))
            price = float(said["price"].replace(",", "")) * (10000 if said.get("wan") else 1)
            if units > 1 and price > 0:
                found[units] = min(price, found.get(units, math.inf))
    return sorted(found.items())


# Units had, said right before a count (已有机器人2台, 现有8台): not units wanted.
_HAD_BEFORE = re.compile(r"已有|现有|已经有|本来有|原有")
# So many sites with so many units each (5家店各1台, 3个院区各2台): their product.
_UNITS_EACH_SITE = re.compile(
    rf"{_COUNT}\s*(?:家|个|座|所|栋|层)[^，。；;,\d]{{0,6}}?各(?:配|放|上|要|需)?\s*"
    r"(\d{1,3}|[一两二三四五六七八九十]{1,2})\s*(?:台|套)"
)


def units_wanted_in(text: str) -> int | None:
    """The number of units a need's text says it wants (想买3台, 一期3台, 两台总价,
    5家店各1台), or None."""
    each = _UNITS_EACH_SITE.search(text)
    if each:
        sites, units = _number(each.group(1)), _number(each.group(2))
        if sites and units:
            return int(sites * units)
    for m in _UNITS_WANTED.finditer(text):
        if _HAD_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # 已有机器人2台: units had, not wanted
        value = _number(next((g for g in m.groups() if g), ""))
        return int(value) if value else None
    return None


def budgets_in(text: str) -> dict[str, float]:
    """Budgets the text states, by way of acquiring: 月租预算3500元 -> lease 3500,
    每小时两千以内 -> sharing 2000, 买断预算5万 -> purchase 50000. A clause needs a
    budget word (预算, 以内, 不超过 ...) and an amount; the way is told by its unit
    words (每月, 每小时, 每台 ...) or, failing those, by the ways the text asks for."""
    return dict(_budgets(text)[0])


def budget_totals_in(text: str) -> list[str]:
    """The ways whose budget (`budgets_in`) the text states as a total (总价, 总预算,
    all-in) for units it does not count (80 间，总价15万以内; "3 units, total budget
    12,000 per month"): each unit's share is that total over the need's quantity
    field. Not a total for units it counts (想买3台，三台总共预算150万: each one's share
    already), nor a budget not said to be a total (预算70万)."""
    return sorted(_budgets(text)[1])


@lru_cache(maxsize=64)
def _budgets(text: str) -> tuple[dict[str, float], frozenset[str]]:
    """`budgets_in` and `budget_totals_in` of a text, read once for both."""
    d = data()
    text = _ABOUT_ONE.sub(r"一\1", text)  # 万把块以内: about ten thousand
    out: dict[str, float] = {}
    uncounted: set[str] = set()  # ways whose amount is a total for units the text does not count
    loose: set[str] = set()  # ways whose budget was read from a loose amount (十几万)
    about: dict[str, float] = {}  # ... or given or taken (4000左右): the amount, which a most said after tops
    per_unit_guesses: dict[str, float] = {}  # ways given a unit's price for want of a rate
    totals_read: set[str] = set()  # ways whose budget was read from a total (总共, 总预算)
    named: set[str] = set()  # ways whose budget was read from a clause naming them in words
    asked = modes_in(text)
    hours = _occasion_hours(text, asked)  # an occasion's hours (演示3小时), for amounts by the occasion
    units = units_wanted_in(text)  # the units a total is for, where the text counts them (想买3台)
    # An occasion: a show or a drill, or hours of a service the need will not buy.
    # (A training is paid by the head or the course, not by its hours.)
    low_text = text.lower()
    occasion = bool(set(event_kinds_in(text)) - {"training"}) or bool(_BUYING_DECLINED.search(low_text))
    options = _ways_as_options(low_text)  # ways named only as second choices (也可以接受按月服务)
    for clause in _budget_clauses(text):
        low = clause.lower()
        # The ways the clause names in words (订阅1500以内), as against those its unit
        # or the rest of the text stands for (每月, 月租 for a subscription too).
        worded = modes_in(clause)
        totals = any(w.lower() in low for w in d["budget_totals"])  # 总共, 总价: for several units or hours
        totals = totals or bool(_COUNT_AFTER_AMOUNT.search(low))  # 180 万元（2 台）: for both
        said = [(m.start(), a, _APPROXIMATE.search(m.group(0)) is not None) for m, a in _money_in(clause)]
        if not said:
            continue
        amount, approximate = max((a, loose_said) for _at, a, loose_said in said)
        each = _PER_UNIT.search(low)
        rate = _RATE_IN_BRACKETS.search(low)
        by_month = _BY_MONTH_AFTER_YEAR.search(low)
        # The amount said after a turn wins over the largest: a unit's after a total
        # (总预算50万元（每台25万左右）), the rate the text works out itself (全天费用2000元
        # 以内（约250元/小时）), the month's after the year's (年费3万以内（按月就是2500）).
        turns = (
            each.start() if totals and each else None,
            rate.start() if rate else None,
            by_month.end() if by_month else None,
        )
        for turn in turns:
            if turn is not None and len(said) > 1:
                after = [(a, loose_said) for at, a, loose_said in said if at >= turn]
                amount, approximate = after[0] if after else (amount, approximate)
        modes = _budget_units_in(low)
        rate_said = bool(modes)  # the amount's own unit (每小时, 每月, 每台)
        if "purchase" in modes and len(modes) > 1 and "purchase" not in worded:
            modes.remove("purchase")  # 每台每月: per unit, but a monthly price
        # 按天算每台不超过1500元, weekly budget about 5,000: a day's amount is shared use
        # over the day's hours (每天开馆10小时; else a working day's), a week's a lease.
        by_the = None if {"lease", "sharing", "raas"} & set(modes) else _per_day_or_week(low)
        if by_the == "week":
            modes, amount = ["lease"], amount * 30 / 7
        elif by_the == "day":
            modes, amount = ["sharing"], amount / (_hours_a_day(text) or WORKING_DAY_HOURS)
        rate_said = rate_said or by_the is not None  # a day's or a week's amount, made a rate
        guessed = False
        if (
            modes == ["purchase"]
            and asked
            and "purchase" not in asked
            and "purchase" not in worded
            and not set(asked) <= options
        ):
            if totals and hours and "sharing" in asked:
                modes = ["sharing"]  # 按天或按小时租都行，3台3天总价8万以内: the units' hours
            else:
                modes = asked[
                    :1
                ]  # "under 3000 per unit" in a text that asks to lease: per unit, not a purchase
                guessed = True
        yearly = any(w.lower() in low for w in d["budget_per_year"]) and not any(
            w.lower() in low for w in d["budget_units"]["lease"]
        )
        if not modes:
            # No unit and no way named: in a text that asks for no way either, a
            # budget (预算 70 万) is what a purchase may cost; a year's amount is what
            # a subscription or a lease may (按年付服务费……一年六十万以内).
            by_time = [m for m in asked if m in ("lease", "raas")] if yearly else []
            if hours and (totals or occasion) and ("sharing" in asked or not asked):
                # 租个机器人跳跳舞，3个小时左右，总共一千块: by the hour; so is a bare amount
                # for a show or a drill of known hours, or for hours of a service the
                # need will not buy (开放日……每天演示4个小时，预算2万元以内。不考虑买); a
                # lease asked beside the hours may cost the whole (按小时或者租个把月都行).
                monthly_hire = "lease" in asked and occasion and _MONTHS_HIRE.search(low_text)
                modes = ["sharing", *(["lease"] if monthly_hire else [])]
            else:
                modes = list(worded) or by_time[:1] or asked[:1] or ["purchase"]
                # 预算20万以内，也可以租，租的话每月不超过9000: the way the text asks for,
                # taken for a bare amount, gives way to a rate said for it after.
                guessed = not worded and not by_time and modes == asked[:1] and modes != ["purchase"]
            if "purchase" not in modes and totals and not ("sharing" in modes and hours):
                continue  # 总共不超过1万 over some months: no rate per month
        if "lease" in modes and "raas" not in modes:
            modes.append("raas")  # both are priced per unit per month
        # 想买3台，三台总共预算150万: what each of the units it wants may cost.
        shared = totals and not _PER_UNIT.search(low)
        per_unit = amount / (units or 1) if shared else amount
        # 一年预算3万, 包年预算6万: a year's amount for what is priced by the month.
        for mode in modes:
            if mode in totals_read and each and not totals:
                # 一年设备预算总共才5万，希望单台在2万以内: the unit's amount, said after a total.
                out.pop(mode, None)
                uncounted.discard(mode)
                totals_read.discard(mode)
                per_unit_guesses.pop(mode, None)
            if mode in per_unit_guesses and not guessed:
                # 单台预算不超过130万元；也可以考虑租赁，月租4万以内: the rent is said as
                # one; the unit's price before it is what buying one may cost.
                if "purchase" not in out and mode in uncounted:
                    uncounted.add("purchase")
                out.setdefault("purchase", per_unit_guesses.pop(mode))
                del out[mode]
                uncounted.discard(mode)
            # 预算十几万，最多不超过20万: an exact amount says more than a loose one, as
            # a most says more than an amount given or taken (每月4000左右，最多4500).
            topped = mode in about and bool(_AT_MOST.search(low)) and amount > about[mode]
            # 月租1800或者订阅1500以内: the subscription's own amount, not the rent's.
            renamed = mode in worded and mode not in named
            if mode not in out or (mode in loose and not approximate) or topped or renamed:
                by_hours = bool(
                    mode == "sharing"
                    and hours
                    and (
                        _PER_OCCASION.search(low) or ((totals or not rate_said) and not _PER_HOUR.search(low))
                    )
                )
                if mode == "purchase":
                    out[mode] = per_unit
                elif by_hours and hours:
                    # 演示3小时，一次3000元以内: 1000 an hour; so is a bare amount for an
                    # occasion of known hours (半天（4小时），按小时付费，预算一万二以内), and
                    # a total for several units is each one's share (两台三天总计8万).
                    # An occasion's amount for the units it counts (2 台…演示半天，按次付费，预算一万
                    # 左右) is for all of them, unless it is each one's (每台).
                    out[mode] = (amount if each else amount / (units or 1)) / hours
                else:
                    # 3台总价每月1.2万: each unit's share of a monthly total, too.
                    monthly = per_unit if shared and mode in ("lease", "raas") else amount
                    out[mode] = monthly / 12 if yearly and mode in ("lease", "raas") else monthly
                # A total shared out over units the text does not count: the field's, if any.
                shares = mode in ("purchase", "lease", "raas") or by_hours
                if shared and shares and not units:
                    uncounted.add(mode)
                else:
                    uncounted.discard(mode)
                if totals:
                    totals_read.add(mode)
                loose.discard(mode)
                if approximate:
                    loose.add(mode)
                if mode in worded:
                    named.add(mode)
                about.pop(mode, None)
                if _ABOUT.search(low) and not _AT_MOST.search(low):
                    about[mode] = amount
                if guessed:
                    per_unit_guesses[mode] = per_unit
    return out, frozenset(uncounted & set(out))
