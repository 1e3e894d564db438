"""Reading one cell's text as a value of its kind (count, signed count, money).

Real cells carry non-breaking spaces, full-width digits, thousands separators, units and
placeholders. A blank or placeholder is ``blank``, never 0; anything that is not a clean value of
the cell's kind is ``invalid`` and keeps its raw text.

The functions are pure and cached: the same cell texts (「0」「/」「12」) come back thousands of
times per report and across a batch.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache, wraps
from typing import TypeVar

from ..model import BLANK, INVALID, OK, Number

PLACEHOLDERS = frozenset({"", "/", "／", "\\", "-", "－", "—", "——", "–", "―", "无", "空", "暂无", "null", "none", "n/a", "na", "×", "x"})
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]+")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_COUNT_UNITS = ("件", "个", "项", "条", "次", "人", "家", "宗", "起")
_APPROX = ("余", "多", "约", "近", "左右", "以上", "以下", "超过")
_SIGNED = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@dataclass(slots=True, frozen=True)
class Parsed:
    status: str
    value: Number | None
    note: str | None = None
    """What was done to read it: ``unit:万元``, ``unit:元``, ``thousands``, ``approx``, ``negative`` …"""


R = TypeVar("R")
SHORT = 80
"""Texts up to this long are cached (cell values and labels repeat; long running text does not)."""


def cached_when_short(fn: Callable[..., R]) -> Callable[..., R]:
    """``fn`` of a text (and more arguments) with its results kept for short texts."""
    cached = lru_cache(maxsize=1 << 14)(fn)

    @wraps(fn)
    def call(raw, *args, **kwargs):
        if raw is not None and len(raw) > SHORT:
            return fn(raw, *args, **kwargs)
        return cached(raw, *args, **kwargs)

    return call


@cached_when_short
def normalise(raw: str) -> str:
    """Width-fold (NFKC) and drop every kind of space; minus signs unified to ``-``."""
    s = unicodedata.normalize("NFKC", raw)
    s = _SPACES.sub("", s)
    return s.replace("−", "-").replace("﹣", "-")


def is_blank(raw: str | None) -> bool:
    """True for an empty cell or a placeholder such as 「/」「-」「—」「无」."""
    return raw is None or normalise(raw).lower() in PLACEHOLDERS


@cached_when_short
def looks_numeric(raw: str) -> bool:
    """True if the text reads as a value of some kind (used to tell values from labels)."""
    s = normalise(raw)
    if s.lower() in PLACEHOLDERS:
        return True
    s = s.removesuffix("万元").removesuffix("元")
    for u in _COUNT_UNITS:
        s = s.removesuffix(u)
    s = s.replace(",", "")
    return bool(_DECIMAL.match(s))


@cached_when_short
def parse(raw: str | None, kind: str = "count") -> Parsed:
    """Parse ``raw`` as a ``count``, ``signed`` or ``money`` cell."""
    if raw is None:
        return Parsed(BLANK, None)
    s = normalise(raw)
    if s.lower() in PLACEHOLDERS:
        return Parsed(BLANK, None)
    note = None
    if len(s) > 40:  # no real cell is this long; also keeps int() away from huge digit strings
        return Parsed(INVALID, None, "too_long")
    if any(a in s for a in _APPROX):
        return Parsed(INVALID, None, "approx")
    if kind == "money":
        if s.endswith("万元"):
            s, note = s[:-2], "unit:万元"
        elif s.endswith("元"):
            s, note = s[:-1], "unit:元"
    else:
        for u in _COUNT_UNITS:
            if s.endswith(u) and len(s) > len(u):
                s, note = s[: -len(u)], f"unit:{u}"
                break
    if _THOUSANDS.match(s):
        s, note = s.replace(",", ""), note or "thousands"
    if s.startswith("+") and kind != "signed":
        return Parsed(INVALID, None, "sign")
    if kind == "money":
        if not _DECIMAL.match(s):
            return Parsed(INVALID, None, note)
        try:
            v = Decimal(s)
        except InvalidOperation:
            return Parsed(INVALID, None, note)
        if v < 0:
            return Parsed(INVALID, None, "negative")
        return Parsed(OK, v, note)
    if not _SIGNED.match(s):
        m = re.match(r"^([+-]?\d+)\.0+$", s)  # 3.0 typed or exported for 3
        if not m:
            return Parsed(INVALID, None, note)
        s, note = m.group(1), note or "integral_decimal"
    v = int(s)
    if v < 0 and kind != "signed":
        return Parsed(INVALID, None, "negative")
    return Parsed(OK, v, note)
