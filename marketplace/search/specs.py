"""A component's specification as its text gives it, and a component need's
limits: the field bus it speaks (EtherCAT, CANopen, CAN FD, RS485, SPI …), its own
weight (重量1.9kg, weighs 0.36 kg) and its outer diameter (外径70mm, Φ45); and, for
any robot, how loud it runs (运行噪音52dB) against the quiet a need asks for (夜间
噪音必须低（45分贝以下）, noise must stay below 55 dB).

A need states them as limits: 单个重量≤2.2kg, 外径不超过16mm, thickness aside;
the bus it names is what the module must speak (EtherCAT), several named being
alternatives (SPI or I2C). An offering states what it is. Both sides are read
the same way, the need's with a bound word (≤, 不超过, under) before the figure."""

from __future__ import annotations

import re

# Field buses and interfaces a module may speak, by code. CAN on its own (CAN总线,
# CAN 2.0) is met by any of its kind; CANopen and CAN FD only by themselves.
_BUSES = (
    ("ethercat", re.compile(r"ether\s?cat", re.IGNORECASE)),
    ("canopen", re.compile(r"can\s?open", re.IGNORECASE)),
    ("canfd", re.compile(r"(?<![A-Za-z])CAN[\s-]?FD", re.IGNORECASE)),
    ("can", re.compile(r"(?<![A-Za-z])CAN(?![A-Za-z])(?![\s-]?(?:FD|fd|open|Open|OPEN))")),
    ("rs485", re.compile(r"rs[\s-]?485", re.IGNORECASE)),
    ("modbus", re.compile(r"modbus", re.IGNORECASE)),
    ("profinet", re.compile(r"profinet", re.IGNORECASE)),
    ("spi", re.compile(r"(?<![A-Za-z])SPI(?![A-Za-z])")),
    ("i2c", re.compile(r"(?<![A-Za-z])I(?:2|²)C(?![A-Za-z])", re.IGNORECASE)),
    ("usb", re.compile(r"(?<![A-Za-z])USB(?![A-Za-z])")),
    ("biss", re.compile(r"BiSS", re.IGNORECASE)),
    ("ssi", re.compile(r"(?<![A-Za-z])SSI(?![A-Za-z])")),
)
BUS_LABELS = {
    "ethercat": "EtherCAT",
    "canopen": "CANopen",
    "canfd": "CAN FD",
    "can": "CAN",
    "rs485": "RS485",
    "modbus": "Modbus",
    "profinet": "PROFINET",
    "spi": "SPI",
    "i2c": "I2C",
    "usb": "USB",
    "biss": "BiSS",
    "ssi": "SSI",
}
_CAN_KIND = frozenset({"can", "canopen", "canfd"})

_BOUND = r"(?:≤|<=|<|不超过|不大于|不高于|小于|低于|以内|under|below|at most|no more than|less than|max\.?|maximum)"
_UNIT_KG = {"kg": 1.0, "公斤": 1.0, "千克": 1.0, "g": 0.001, "克": 0.001}
# Its own weight: 重量1.9kg, 单手重0.9kg, weighs 0.36 kg; not a load (负重, 载重, 承重).
_WEIGHT = re.compile(
    r"(?<![负载承])(?:自重|重量|重|weight|weighs)\s*(?:约|为|[:：])?\s*(?P<bound>" + _BOUND + r")?\s*"
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>kg|公斤|千克|g|克)(?![a-zA-Z])(?P<after>\s*(?:以内|以下|之内))?",
    re.IGNORECASE,
)
# Its outer diameter: 外径70mm, Φ45, φ≤16mm, outer diameter under 50 mm; not a bore (中空Φ20, 内径).
_DIAMETER = re.compile(
    r"(?<![中空内孔])(?:外径|直径|Φ|φ|Ø|outer diameter|diameter|\bOD\b)\s*(?:[:：]|为|约)?\s*(?P<bound>"
    + _BOUND
    + r")?\s*(?P<n>\d+(?:\.\d+)?)\s*(?:mm)?(?P<after>\s*(?:以内|以下|之内))?",
    re.IGNORECASE,
)


def buses_in(text: str) -> list[str]:
    """The field buses and interfaces the text names, by code, in the table's order."""
    return [code for code, pattern in _BUSES if pattern.search(text)]


def bus_met(needed: tuple[str, ...], offered: tuple[str, ...]) -> bool:
    """Does an offering speaking `offered` meet a need naming `needed` (any of them)?"""
    have = set(offered)
    return any(n in have or (n == "can" and have & _CAN_KIND) for n in needed)


def _figures(
    pattern: re.Pattern, text: str, unit: dict[str, float] | None = None
) -> list[tuple[float, bool]]:
    out = []
    for m in pattern.finditer(text):
        scale = unit[m.group("unit").lower()] if unit else 1.0
        out.append((float(m.group("n")) * scale, bool(m.group("bound") or m.group("after"))))
    return out


def weight_limit(text: str) -> float | None:
    """The most a component need lets its part weigh, in kg (单个重量≤2.2kg), or None."""
    bounds = [n for n, bounded in _figures(_WEIGHT, text, _UNIT_KG) if bounded]
    return min(bounds) if bounds else None


def weight_of(text: str) -> float | None:
    """What the offering's text says it weighs, in kg (the first figure stated), or None."""
    figures = [n for n, bounded in _figures(_WEIGHT, text, _UNIT_KG) if not bounded]
    return figures[0] if figures else None


def diameter_limit(text: str) -> float | None:
    """The largest outer diameter a component need allows, in mm (外径≤50mm), or None."""
    bounds = [n for n, bounded in _figures(_DIAMETER, text) if bounded]
    return min(bounds) if bounds else None


def diameter_of(text: str) -> float | None:
    """The outer diameter the offering's text states, in mm (外径70mm, Φ45), or None."""
    figures = [n for n, bounded in _figures(_DIAMETER, text) if not bounded]
    return max(figures) if figures else None


# How loud it runs: 运行噪音52dB, walking noise ~65 dB; a need's limit has a bound
# word (噪音45dB以内, 噪音必须低（45分贝以下）, noise must stay below 55 dB). Not the noise
# around it (大厅噪音大（85–90分贝）, 90dB噪声下唤醒率).
_NOISE = re.compile(
    r"(?:噪音|噪声|noise)[^，。；;,.\n\d]{0,16}?(?P<bound>" + _BOUND + r")?\s*[~约]?\s*"
    r"(?P<n>\d{2,3})\s*(?:dB|db|分贝)(?P<after>\s*(?:以内|以下|之内))?",
    re.IGNORECASE,
)


def noise_limit(text: str) -> float | None:
    """The loudest a need lets its robot run, in dB (噪音45dB以内), or None."""
    bounds = [n for n, bounded in _figures(_NOISE, text) if bounded]
    return min(bounds) if bounds else None


def noise_of(text: str) -> float | None:
    """How loud the offering's text says it runs, in dB (its quietest figure), or None."""
    figures = [n for n, _bounded in _figures(_NOISE, text)]
    return min(figures) if figures else None


# How open a robot is to its buyer's own software: its low-level joint control
# (开放底层关节API, 关节级力矩控制接口, low-level joint API), a programming kit
# (SDK, 二次开发, open-source), or closed (仅开放高层动作, 不开放底层接口, app-only).
_CLOSED = re.compile(
    r"不开放(?:SDK|接口|源码|二次开发)|不支持二次开发|不提供\s?SDK|封闭系统|(?:仅|只)(?:能|支持)?(?:通过)?\s?app|"
    r"\bapp[- ]only\b|\bclosed(?:[- ](?:software|firmware|platform|system))?\b|\bno (?:sdk|api)\b",
    re.IGNORECASE,
)
# Open to programming, but not below it: 仅开放高层动作, 不开放底层接口, no low-level access.
_HIGH_ONLY = re.compile(
    r"不开放底层|(?:仅|只)(?:开放|提供|支持)高层|\bno low[- ]level\b|\bhigh[- ]level (?:api |commands )?only\b",
    re.IGNORECASE,
)
_LOW_LEVEL = re.compile(
    r"底层|关节级|力矩(?:/电流)?控制(?:接口)?|\blow[- ]level\b|\bjoint[- ]level\b|\btorque[- ]control\b|open firmware|固件开源",
    re.IGNORECASE,
)
# A kit a need asks for; an offering's may also be named by its API or ROS.
_KIT_ASKED = re.compile(r"二次开发|\bSDK\b|开源|open[- ]source|可编程|programmable", re.IGNORECASE)
_KIT = re.compile(_KIT_ASKED.pattern + r"|编程接口|\bAPI\b|\bROS ?2?\b", re.IGNORECASE)


def openness_of(text: str) -> str | None:
    """How open an offering says it is: "closed" (不支持二次开发, app-only), "high"
    (programmable, not below: 仅开放高层动作), "low" (its low-level joint control is
    open), "kit" (an SDK, 二次开发), or None."""
    if _CLOSED.search(text):
        return "closed"
    if _HIGH_ONLY.search(text):
        return "high"
    return "low" if _LOW_LEVEL.search(text) else "kit" if _KIT.search(text) else None


def openness_meets(asked: str, offered: str) -> bool | None:
    """Does an offering as open as `offered` meet a need asking `asked`: True, False
    (closed; or no lower than high-level for a need of low-level control), or None
    (a kit named for a need of low-level control: to be confirmed)."""
    if offered == "closed" or (asked == "low" and offered == "high"):
        return False
    return True if asked == "kit" or offered == "low" else None


def openness_asked(text: str) -> str | None:
    """How open a need asks its robot to be: "low" (必须开放底层关节接口, low-level
    joint API) or "kit" (可二次开发, SDK, open-source), or None."""
    if _LOW_LEVEL.search(text):
        return "low"
    return "kit" if _KIT_ASKED.search(text) else None


# Cleanroom classes, as ISO 14644-1 numbers (the lower, the cleaner): ISO 5, ISO 14644-1
# Class 7, ISO 5~7; 百级 5, 千级 6, 万级 7, 十万级 8 (FED Class 100 … 100000); GMP grades
# in operation, A 5, B 7, C and D 8, where the clause speaks of a clean area.
_ISO_CLASS = re.compile(r"ISO\s?(?:14644(?:-1)?\s?)?(?:ISO\s?|Class\s?)?([1-9])(?!\d)", re.IGNORECASE)
_FED_CLASS = {"100": 5, "1000": 6, "10000": 7, "100000": 8}
_FED = re.compile(r"\bClass\s?(100000|10000|1000|100)\b", re.IGNORECASE)
_CN_CLASS = {"百": 5, "千": 6, "万": 7, "十万": 8, "10万": 8}
_CN = re.compile(r"(十万|10万|万|千|百)级")
_GMP_GRADE = {"A": 5, "B": 7, "C": 8, "D": 8}
_GMP = re.compile(r"(?<![A-Za-z])([ABCD])(?:\s?/\s?[ABCD])*\s?级|\bGrade\s([ABCD])\b")
_CLEAN_CONTEXT = re.compile(r"洁净|GMP|无菌|层流|配置舱|cleanroom|clean room", re.IGNORECASE)


def clean_class_in(text: str, site: bool = False) -> int | None:
    """The cleanest cleanroom class the text names, as an ISO number (ISO 5, 百级: 5;
    万级: 7; GMP A级 beside 洁净: 5), or None. A site naming several (手术部百级/万级,
    B级背景下的A级) is taken at the least clean of them: what a robot working there
    must be clean enough for at least."""
    found = [int(m.group(1)) for m in _ISO_CLASS.finditer(text)]
    found += [_FED_CLASS[m.group(1)] for m in _FED.finditer(text)]
    for m in _CN.finditer(text):
        found.append(_CN_CLASS[m.group(1)])
    for clause in re.split(r"[。；;，,\n]", text):
        if _CLEAN_CONTEXT.search(clause):
            found += [_GMP_GRADE[m.group(1) or m.group(2)] for m in _GMP.finditer(clause)]
    return (max if site else min)(found) if found else None
