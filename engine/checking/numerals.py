"""Numbers as Chinese prose writes them: 81, 1,295, ８１, 三十二, 一百零五, 两千, and approximations.

``NUMBER`` is a regular-expression fragment matching one number in Arabic or Chinese numerals;
``to_int`` reads what it matched. ``is_approximate`` tells 「50余件」「约50件」「近千件」「50件左右」
from exact counts: an approximate number is never compared for equality.
"""

from __future__ import annotations

import re

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}

CHINESE = "〇零一二两三四五六七八九十百千万亿"
NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+|[〇零一二两三四五六七八九十百千万亿]+)"
"""One count: Arabic digits (thousands separators allowed) or a run of Chinese numerals."""

_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_BEFORE_APPROX = ("约", "近", "大约", "将近", "接近", "超过", "逾", "上千", "几", "数")
_AFTER_APPROX = ("余", "多", "左右", "以上", "来")


def to_int(text: str) -> int | None:
    """The value of one number written in Arabic or Chinese numerals, or None if it is not one.

    >>> to_int("三十二"), to_int("一百零五"), to_int("两千"), to_int("1,295"), to_int("十")
    (32, 105, 2000, 1295, 10)
    """
    text = text.strip()
    if not text:
        return None
    if _ARABIC.fullmatch(text):
        return int(text.replace(",", ""))
    if any(ch not in CHINESE for ch in text):
        return None
    if all(ch in _DIGITS for ch in text) and len(text) > 1:
        return None  # 「三五件」 is "a few", 「二〇二〇」 a year: neither is a count
    total = section = 0
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0 and digit != 0:
                return None  # 「三五」: two digits without a unit between them
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0:
                return None
            total += section * _BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def is_approximate(before: str, after: str) -> bool:
    """True when the words around a number make it approximate (``before`` ends just before the
    number, ``after`` starts just after it, unit included)."""
    b = before[-2:]
    if any(b.endswith(w) for w in _BEFORE_APPROX):
        return True
    a = after.lstrip()
    if a.startswith(_AFTER_APPROX):
        return True
    # the unit comes first, then the approximation: 「50件左右」「50件以上」
    a = a[1:] if a[:1] in ("件", "个", "项", "条", "次", "起") else a
    return a.startswith(("左右", "以上", "余"))
