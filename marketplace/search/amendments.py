"""A need's text that amends itself: 补充说明, 更正, 答疑, "Update 2", "Correction".

A poster who changes a need often writes the change into the description and
leaves the fields as they were: 原计划采购2台，单台预算50万元 … 【补充说明】暂不采购，改为
短期租赁，月租每台不超过2万元. The text then says what holds now, and the fields
(purchase, 500,000) what no longer does.

Here the superseded statements are found and set aside: a sentence that starts
from what was (原计划, 原要求, 原“15kg”有误, originally) up to where it says what is
now (现, 改为, 调整为), the old side of "从13万上调至16万" (from CNY 130,000 to
CNY 160,000), and a clause withdrawing a condition (耐高温要求取消, is withdrawn).
What is left is the need as it stands: `read` gives it, `withdrawn` the site
conditions the set-aside words named and the rest no longer does."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon

# Words that say the text amends an earlier version of the need.
_MARKERS = re.compile(
    r"补充说明|补充：|补充:|【补充|更正|答疑(?=[：:（(]|汇总|后)|已更新|变更|现改为|改为|改成|调整为|上调|下调|"
    r"\bupdate\b|\bcorrection\b|\bamendment\b|\brevised\b|\bchanged to\b",
    re.IGNORECASE,
)
# A sentence (or clause) starting from what was: 原计划, 原要求, 原“15kg”有误, 原只接受采购.
# Not 原材料, 原厂, 原装, 原有设备 (what is there), 原因, 原理.
_WAS = re.compile(
    r"原(?:计划|要求|需求|帖|预算|定|先|来|本|为|只|拟|方案|公告|采购|规格|写|文|询价|[“\"「])|"
    r"\b(?:originally|previously)\b|\bin the (?:first|previous|original) (?:version|post)\b",
    re.IGNORECASE,
)
# Where a superseded stretch gives way to what holds now.
_NOW = re.compile(
    r"现(?!场|有|金|货|代|象|状|实)|改为|调整为|变更为|更改为|更正为|应为|"
    r"(?:提高|上调|下调|增加|降低|减少|降)(?:到|至|为)|\bnow\b|\bchanged to\b"
)
# A clause withdrawing a condition (耐高温要求取消, the cleanroom requirement … is withdrawn).
_WITHDRAWN = re.compile(
    r"取消|撤回|撤销|作废|不再需要|不再要求|"
    r"\bwithdrawn\b|\bwas a mistake\b|\bno longer (?:required|needed|applies)\b|\bcancell?ed\b|\bdropped\b",
    re.IGNORECASE,
)
# The old side of a change: 从13万元上调至16万元, 由15kg改为22kg, from CNY 130,000 to CNY 160,000.
_FROM_TO = re.compile(
    r"(?P<zh>(?:从|由)[^，。；;,\n]{1,24}?)(?=(?:上调|下调|调整|提高|降低|增加|减少|改|变更)(?:至|到|为))|"
    r"\b(?:raised|increased|reduced|lowered|cut|changed|revised|updated)\s+"
    r"(?P<en>from\s+(?:[^,.;\n]|(?<=\d)[,.](?=\d)){1,30}?)(?=\s+to\s)",
    re.IGNORECASE,
)
# ... or where it says the old words were wrong (原帖写“普通车间”有误：…).
_WRONG = re.compile(r"有误|误填|写错|\bwas wrong\b|\bby mistake\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。；;！!？?\n]|\.(?=\s|$)")
# A change said in so many words (改为租赁, 改按小时共享, 采购改租赁, changed to a lease): what
# follows, to the end of its clause, is what the need asks now.
_CHANGED_TO = re.compile(
    r"改为|改成|改按|改(?=租|买|采购|订阅|共享)|换成|调整为|变更为|更改为|\b(?:changed|switched) to\b",
    re.IGNORECASE,
)


def amended(text: str) -> bool:
    """The text amends an earlier version of the need (补充说明, 更正, 原计划…现改为, Update)."""
    return bool(_MARKERS.search(text) or _WAS.search(text))


def _set_aside(text: str) -> list[tuple[int, int]]:
    """The spans of superseded and withdrawing words, in order."""
    spans: list[tuple[int, int]] = []
    for m in _WAS.finditer(text):
        end_m = _SENTENCE_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        now, wrong = _NOW.search(text, m.end(), end), _WRONG.search(text, m.end(), end)
        spans.append((m.start(), min(now.start() if now else end, wrong.end() if wrong else end)))
    spans += [m.span("zh") if m.group("zh") else m.span("en") for m in _FROM_TO.finditer(text)]
    for m in _WITHDRAWN.finditer(text):
        spans.append(_clause(text, m.start()))
    return sorted(spans)


def _clause(text: str, at: int) -> tuple[int, int]:
    """The clause (between two of 。；，, …) holding position `at`."""
    start = max((text.rfind(ch, 0, at) for ch in lexicon.CLAUSE_ENDS + "（(：:"), default=-1) + 1
    ends = [i for i in (text.find(ch, at) for ch in lexicon.CLAUSE_ENDS) if i >= 0]
    return start, min(ends, default=len(text))


@dataclass(frozen=True)
class Amended:
    """A need's text as it stands (`text`: the set-aside words blanked out, so that
    what remains keeps its places), whether it amends itself, and the words set aside."""

    text: str
    amends: bool
    set_aside: str


def read(written: str) -> Amended:
    """The text as it stands: without its superseded and withdrawing words.
    Unchanged for a text that amends nothing."""
    if not amended(written):
        return Amended(written, False, "")
    spans = _set_aside(written)
    chars = list(written)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in lexicon.CLAUSE_ENDS or _in_number(written, i):
                chars[i] = " "
    return Amended("".join(chars), True, "".join(written[a:b] + "\n" for a, b in spans))


def changed_to(text: str) -> str:
    """The words of a text's changes (改为短期租赁, 采购改租赁), each to the end of its
    clause, one to a line: an amendment's ways to acquire are read from them, not
    from the ways the old need named (原计划采购2台 … 改为租赁). Empty without one."""
    return "\n".join(text[m.end() : _clause(text, m.end())[1]] for m in _CHANGED_TO.finditer(text))


def current(text: str) -> str:
    """The text as it stands (`read`)."""
    return read(text).text


def _in_number(text: str, i: int) -> bool:
    """Is the character at `i` a thousands separator (130,000)?"""
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def withdrawn(written: str, now: Amended, site_now: lexicon.SiteConditions) -> list[str]:
    """Site conditions the set-aside words name, or the written text read, that the
    text as it stands (`now`, whose conditions are `site_now`) no longer names at
    all: 原要求“-10℃低温作业”…该项取消."""
    if now.text == written:
        return []
    old = lexicon.site_conditions_in(written)
    named_now = {*site_now.required, *site_now.mentioned}
    named_then = lexicon.environments_named(now.set_aside)
    return [e for e in dict.fromkeys([*old.required, *old.mentioned, *named_then]) if e not in named_now]
