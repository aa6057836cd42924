"""Unified social credit code (统一社会信用代码) check per GB 32100-2015."""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The 18th character for the given first 17 (all from CHARSET)."""
    total = sum(CHARSET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """None when `code` is a well-formed credit code, else a message code:
    'length', 'charset' or 'check'."""
    code = code.strip().upper()
    if len(code) != 18:
        return "length"
    if any(ch not in CHARSET for ch in code):
        return "charset"
    if check_character(code[:17]) != code[17]:
        return "check"
    return None


def is_valid(code: str) -> bool:
    """Whether `code` is a well-formed unified social credit code with a right check character."""
    return problem(code) is None
