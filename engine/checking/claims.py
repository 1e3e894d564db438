"""Number claims in a report's sentences: 「全年共受理政府信息公开申请81件，其中予以公开25件…」.

Each claim names what is counted (``kind``), the number as written and whether it is exact.
Extraction favours precision: a number counts only when a known phrase governs it directly
(「予以公开25件」「不予公开答复2件」「2件结转下一年度办理」), never a number that merely sits in a
sentence about applications (「发布信息50余条」「办件20138件」「化解纠纷33件」). Claims about a part
(「其中区政府办受理12件」) or another year (「较去年的90件」) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import NUMBER, is_approximate, to_int
from .text import Sentence

# kind → phrase that names it. Order matters where phrases share a start (combined forms first).
_KEYWORDS: list[tuple[str, str]] = [
    ("disclosed_or_partly", r"(?:予以|同意)?公开(?:及|和|与|或|、)部分公开"),
    ("disclosed", r"予以公开|同意公开"),
    ("partly_disclosed", r"部分公开"),
    ("withheld", r"不予公开"),
    ("unavailable", r"无法提供"),
    ("not_processed", r"不予处理"),
    ("other_handling", r"其他处理"),
    ("carried_in", r"上一?年度?结转"),
    ("carried_over", r"(?:结转|转|顺延|延)(?:至|到|入)?(?:下一?年度?|20\d\d年度?)"),
    ("concluded", r"办结|答复|办理完毕|处理完毕"),
    ("handled", r"办理"),
    ("new", r"新收|收到|受理|接收|接到"),
    ("review", r"行政复议"),
    ("suit", r"行政诉讼|诉讼"),
]
KINDS = tuple(k for k, _ in _KEYWORDS)
_KW = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _KEYWORDS))
_ANY_KW = re.compile("|".join(p for _, p in _KEYWORDS))

_UNIT = r"(?P<approx>余|多)?(?:件|起|宗)"
_NUM_AT = re.compile(rf"(?P<num>{NUMBER})\s*{_UNIT}")
# between a phrase and its number: a few words, no digit, no punctuation, no conjunction
_GAP = re.compile(r"[^\d,.。;:()!?、和及与或]{0,8}")
# totals (办结/答复/办理, 行政复议/诉讼) allow only filler words: a looser gap reads other numbers
_STRICT_GAP = {
    "concluded": re.compile(
        r"(?:了|共|共计|合计|总计|各类)*(?:政府信息公开申请|信息公开申请|依申请公开申请|依申请公开|申请)?"
        r"(?:共|共计|合计|总计|为)*"
    ),
    "review": re.compile(r"(?:案件|案|申请)?(?:数|数量)?(?:共|共计|合计|总计|为|是)*"),
}
_STRICT_GAP["handled"] = _STRICT_GAP["concluded"]
_STRICT_GAP["suit"] = _STRICT_GAP["review"]
# 「收到70件申请」: the number before the word 申请
_NEW_BEFORE = re.compile(rf"(?:了|共|共计|合计)?(?P<num>{NUMBER})\s*(?P<approx>余|多)?件(?:政府信息公开|信息公开|依申请公开)?申请(?!人)")
_NEW_GAP = re.compile(r"[^\d,.。;:()!?、]{0,18}")
_NEW_BAD = re.compile(r"结转|上年|自然人|法人|案件|复议|诉讼|答复|办结|投诉|举报|来信|热线|咨询|及|和|与|或")
_OTHER_TIME = re.compile(r"去年|上一?年度?(?!结转)|同比|较上|较去|环比|比上")
_PART = re.compile(r"其中")
_CARRIED_AFTER = re.compile(
    rf"(?<![\d.])(?<!\d,)(?P<num>{NUMBER})\s*{_UNIT}(?P<gap>[^\d,.。;:!?、]{{0,12}}?)(?:结转|转|顺延|延)(?:至|到|入)?下一?年度?"
)
_SHARE = re.compile(r"(?:,?占(?:比)?[^\d,.;。]{0,6}?|\()(?P<pct>\d+(?:\.\d+)?)%")
_NONE = re.compile(
    r"(?:未|没有|无)(?:收到|受理|接到|接收|新收)(?:过|到)?(?:任何|有关|相关)?(?:的)?"
    r"(?:政府信息公开|信息公开|依申请公开)?(?:的)?申请(?!人)"
)
_UPHELD = re.compile(r"均(?:获|被|予|得到|已被?)?维持|全部(?:被|获)?维持|无一?败诉|零败诉|未败诉")
_CLAUSE = re.compile(r"[,;:。!?]")
_YEAR = re.compile(r"(20\d{2})年")
_SUBUNITS = re.compile(r"各[^,;。]{0,6}(?:部门|单位|乡镇|街道|县区|区县|镇|委办局)")


@dataclass(slots=True)
class Claim:
    """One thing the text says."""

    kind: str
    """A count kind from ``KINDS``, or ``share`` (``percent`` set, ``of`` the count claim),
    ``no_applications`` (「未收到政府信息公开申请」), ``upheld`` (「均获维持」) or ``no_loss`` (「无败诉」)."""
    sentence: Sentence
    start: int
    end: int
    value: int | None = None
    approximate: bool = False
    percent: str | None = None
    of: Claim | None = None
    scope: str = "all"
    """For appeal outcomes: ``review``, ``suit`` or ``all`` rows of table 四."""
    years: frozenset[int] = frozenset()
    """Years the sentence names before the claim (「2019年，受理…」 may be about another year)."""

    @property
    def quote(self) -> str:
        """The sentence, cut to about 90 characters around the claim."""
        s = self.sentence
        if len(s.text) <= 90:
            return s.shown()
        a = max(0, min(self.start - 30, len(s.text) - 90))
        return ("…" if a else "") + s.shown(a, a + 90) + ("…" if a + 90 < len(s.text) else "")


def claims(sentences: list[Sentence]) -> list[Claim]:
    """Every claim in ``sentences``, in reading order."""
    out: list[Claim] = []
    for s in sentences:
        out += _claims_in(s)
    return out


def _clause_before(text: str, pos: int) -> str:
    cut = max((m.end() for m in _CLAUSE.finditer(text, 0, pos)), default=0)
    return text[cut:pos]


_CUE = re.compile(r"[件起宗]|申请|维持|败诉")


def _claims_in(s: Sentence) -> list[Claim]:
    text = s.text
    if not _CUE.search(text):
        return []  # no unit, no 申请, no 维持/败诉: nothing to claim
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for m in _KW.finditer(text):
        kind = m.lastgroup or ""
        if taken and m.start() < taken[-1][1]:
            continue  # a phrase inside a claim already read (「不予公开答复2件」: not 答复 2)
        c = _count_after(s, kind, m)
        if c is None:
            continue
        found.append(c)
        taken.append((c.start, c.end))
    for m in _CARRIED_AFTER.finditer(text):
        if any(a <= m.start("num") < b for a, b in taken) or _ANY_KW.search(m.group("gap")):
            continue
        value = to_int(m.group("num"))
        if value is None:
            continue
        approx = bool(m.group("approx")) or is_approximate(text[:m.start("num")], text[m.end("num"):])
        found.append(Claim("carried_over", s, m.start(), m.end(), value, approx))
    for m in _NONE.finditer(text):
        rest = text[m.end():]
        rest = rest[: (_CLAUSE.search(rest).start() if _CLAUSE.search(rest) else len(rest))]
        if not re.search(r"复议|诉讼|投诉|举报|收费", rest):
            found.append(Claim("no_applications", s, m.start(), m.end()))
    for m in _UPHELD.finditer(text):
        before = text[: m.start()]
        review, suit = "复议" in before, "诉讼" in before
        scope = "review" if review and not suit else "suit" if suit and not review else "all"
        kind = "no_loss" if "败诉" in m.group() else "upheld"
        found.append(Claim(kind, s, m.start(), m.end(), scope=scope))
    for c in found:
        c.years = frozenset(int(y) for y in _YEAR.findall(text, 0, c.start))
    found.sort(key=lambda c: c.start)
    return found


def _count_after(s: Sentence, kind: str, m: re.Match[str]) -> Claim | None:
    """The count a phrase governs (「予以公开25件」), with a share that follows it (「，占33.9%」)."""
    text = s.text
    before = _clause_before(text, m.start())
    if _OTHER_TIME.search(before[-12:]) or re.search(r"(?:和|及|与|或|以及|、)$", before):
        return None  # another year, or one of two phrases sharing a number (「不予公开和无法提供的共3件」)
    at = m.end()
    if kind in ("new",):
        g = _NEW_GAP.match(text, at)
        gap_ok = None
        for end in range(at, g.end() + 1):  # the shortest gap after which a number follows
            n = _NUM_AT.match(text, end)
            if n:
                gap = text[at:end]
                if re.search(r"申请(?!人)", gap) and not _NEW_BAD.search(gap):
                    gap_ok = n
                break
        n = gap_ok or _NEW_BEFORE.match(text, at)
        if n is not None and (_PART.search(text, 0, m.start()) or _SUBUNITS.search(before)):
            return None
    elif kind in ("concluded", "handled", "review", "suit"):
        g = _STRICT_GAP[kind].match(text, at)
        n = _NUM_AT.match(text, g.end())
        if n is None:  # the filler words may have eaten a Chinese numeral: try shorter gaps
            n = next((x for e in range(g.end(), at - 1, -1) if (x := _NUM_AT.match(text, e))), None)
        if n is not None and kind in ("concluded", "handled") and (
                _PART.search(text, 0, m.start()) or _SUBUNITS.search(before)):
            return None
    else:
        g = _GAP.match(text, at)
        n = None
        for end in range(at, g.end() + 1):
            n = _NUM_AT.match(text, end)
            if n:
                gap = re.sub(r"(?:继续)?(?:办理|答复)", "", text[at:end])  # 「同意公开答复9件」
                if _ANY_KW.search(gap):
                    n = None
                break
    if n is None:
        return None
    value = to_int(n.group("num"))
    if value is None:
        return None
    approx = bool(n.group("approx")) or is_approximate(text[: n.start("num")], text[n.end("num"):])
    c = Claim(kind, s, m.start(), n.end(), value, approx)
    share = _SHARE.match(text, n.end())
    if share:
        c.percent = share.group("pct")
    return c
