"""Text copied from last year's report, section by section.

Each section of the draft (一 … 六) is compared with the same section of last year's report; the
text before 「一、」 (title, the conventional opening, a web page's navigation) is left out. A report
in which no section heading is found is compared as one piece (``WHOLE``). What is compared is the
*running text*: prose lines only (no table rows), without the section headings, the labels of the
national form (tables pasted or crawled into the text), the wording every report repeats by convention (the statistics period, 「本报告…编制」,
「本报告包括…六个部分」, the electronic copy, contact details, 「无其他需要报告的事项」, the 信息处理费
statement of section 六), and reduced to letters: spaces, punctuation (of either width) and digits
are dropped, so a year or a count that changed does not hide a copied sentence.

A character of the draft counts as *repeated* when it lies in a run of at least ``MIN_RUN`` compared
characters that also stands, in the same order, in last year's section: a copied sentence of that
length or several short ones in a row. A section's share is its repeated characters over its compared
characters. Sections with fewer than ``MIN_SECTION`` compared characters get a share but never a
warning: a two-line section says nothing about copying.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

from .. import formats, messages
from ..model import INFO, WARNING, Finding
from ..places import Place
from .structure import TITLES, Heading, find_headings, flat, heading_span, section_headings
from .text import Line, fold

messages.register(
    {
        "years.copy_shares": (
            "与上一年度（{prev_year}）报告相比，各部分正文逐字重复的比例：{shares}（表格、标题和惯用的固定说明不计；正文不足{min}字的部分不列）",
            "Compared with last year's ({prev_year}) report, share of each part's running text repeated word for word: {shares} "
            "(tables, headings and the customary fixed statements not counted; parts with under {min} characters of text not listed)",
        ),
        "years.copy_share": ("“{title}”{percent}%", "{title} {percent}%"),
        "years.copied": (
            "{sections}的正文与上一年度（{prev_year}）报告的同一部分大段相同（逐字重复超过{threshold}%），请核实是否照抄了上一年度的报告。"
            "最长的一段相同文字约{n}字，在本报告{src}、上一年度报告{prev_src}：“{quote}”",
            "{sections} largely repeat the same parts of last year's ({prev_year}) report (over {threshold}% word for word); "
            "check whether last year's text was copied. The longest shared passage, about {n} characters, is at {src} here "
            "and at {prev_src} in last year's report: “{quote}”",
        ),
        "years.copy_whole": ("全文", "the whole text"),
        "rule.name.years.copied": ("照抄上一年度报告", "copied from last year"),
        "rule.name.years.copy_shares": ("与上一年度报告重复的比例", "share repeated from last year"),
        "years.copy_part": ("第{n}部分", "part {n}"),
        "years.copy_list_sep": ("，", "; "),
    }
)

MIN_RUN = 15
"""Compared characters (letters, no punctuation or digits) a repeated run needs: a short clause.
Stock phrases shared by unrelated reports (「以习近平新时代中国特色社会主义思想为指导」, 19) reach it
too; the threshold is set above what they add up to (see ``THRESHOLD``)."""

MIN_SECTION = 100
"""Compared characters below which a section gets no warning."""

THRESHOLD = 0.6
"""Share of a section's running text repeated from last year above which a warning is given.
Measured (bench/bench_copying.py): reports of different bodies share at most 9 % per section;
平潭, rewriting each year, 0–16 % (2018→2025); 洪泽, reusing its framework, 27–40 %; generated
drafts measure their copied share within 6 points. Above 60 % most of the section is last year's
text, and the 90 % repeat rates that published evaluations single out are caught with room."""

WHOLE = -1
"""Section id of the whole running text of a report without section headings."""

_LONG = 250
"""A "sentence" longer than this is a crawled table run together with text, not a sentence."""
_SENTENCE = re.compile(r"[^。;!?]+[。;!?]?")
_FIXED = re.compile(
    r"本(?:年度)?报告[^。;]{0,120}?(?:编制|制作|编写|形成)|本(?:年度)?报告(?:包括|共分|分为|由)"
    r"|统计(?:期限|时限|期间|时间|区间|周期)|电子版|(?:如|若)对本(?:年度)?报告"
    r"|(?:联系地址|通讯地址|地址|邮编|邮政编码|联系电话|电话|传真|电子邮箱|电子信箱|E-?mail)\s*[:：]"
    r"|无其他需要报告的事项|处理费|收费情况|收费事项"
)


@dataclass(slots=True)
class Section:
    """One section's compared characters and, for each, its offset in ``ProseText.flat``."""

    chars: str
    where: array


@dataclass(slots=True)
class ProseText:
    """A report's running text as compared: its sections, and enough of the text to quote from."""

    sections: dict[int, Section]
    flat: str
    """The prose lines as the document writes them (full-width punctuation …), joined by newlines."""
    starts: list[int]
    sources: list[str]
    """Where each prose line starts in ``flat``, and its place in the file."""

    def source(self, offset: int) -> str:
        return self.sources[max(bisect_right(self.starts, offset) - 1, 0)]

    def quote(self, a: int, b: int, limit: int = 60) -> str:
        """``flat[a:b]`` on one line, shortened to ``limit`` characters with 「…」; a number just
        before ``a`` (dropped from the comparison) is quoted with it."""
        while a > 0 and self.flat[a - 1].isdigit():
            a -= 1
        text = re.sub(r"\s*\n\s*", " ", self.flat[a:b]).strip()
        return text if len(text) <= limit else text[:limit] + "…"


@dataclass(slots=True)
class Passage:
    """A run of running text found in both years: where it starts and ends in each."""

    length: int
    """Compared characters (letters) in the run."""
    start: int
    end: int
    """Offsets in the draft's ``ProseText.flat``."""
    prev_start: int
    prev_end: int
    """Offsets in last year's ``ProseText.flat``."""


@dataclass(slots=True)
class Share:
    """How much of one section of the draft repeats last year's same section."""

    section: int
    chars: int
    repeated: int
    longest: Passage | None = None

    @property
    def share(self) -> float:
        return self.repeated / self.chars if self.chars else 0.0


@cache
def _labels() -> re.Pattern[str]:
    """The wording of both national forms' tables (titles, captions, row and column labels)."""
    names: set[str] = {"信息内容", "法人或其他组织", "申请人情况", "本列数据的勾稽关系为", "第一项加第二项之和等于第三项加第四项之和"}
    for spec in formats.all_formats():
        for t in spec.tables.values():
            names.update((t.title, *t.heading_aliases, *t.markers))
            for g in t.groups:
                names.add(g.caption)
                for x in (*g.rows, *g.cols):
                    names.update(x.names)
                    if x.group:
                        names.add(x.group)
    letters = sorted({x for n in names if len(x := "".join(c for c in fold(n) if c.isalpha())) >= 2}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in letters))


def prose_text(all_lines: list[Line], found: list[Heading] | None = None) -> ProseText:
    """The running text of a document (its ``lines``; ``found``: its headings, when known), cut
    into sections and reduced for comparing."""
    text, starts = flat(all_lines)
    found = find_headings(all_lines) if found is None else found
    chosen, _ = section_headings(found)
    bounds = sorted((h.start, k) for k, h in chosen.items())
    headings = sorted(heading_span(text, h) for h in found)
    labels = _labels()
    chars: dict[int, list[str]] = {}
    where: dict[int, array] = {}
    shown: list[str] = []
    pstarts: list[int] = []
    sources: list[str] = []
    pos = 0
    for ln, base in zip(all_lines, starts, strict=True):
        if not ln.prose or ln.table or not ln.text:
            continue
        t = ln.text
        raw = ln.raw if len(ln.raw) == len(t) else tuple(t)
        pstarts.append(pos)
        sources.append(ln.source)
        shown.append("".join(raw))
        mask = bytearray(len(t))
        for m in _SENTENCE.finditer(t):
            if hit := _FIXED.search(m.group()):  # the sentence; only the words in a long run-together one
                a, b = (m.start(), m.end()) if m.end() - m.start() <= _LONG else (m.start() + hit.start(), m.start() + hit.end())
                mask[a:b] = b"\1" * (b - a)
        for a, b in headings:
            if a < base + len(t) and b > base:
                a, b = max(a - base, 0), min(b - base, len(t))
                mask[a:b] = b"\1" * (b - a)
        # the raw text of a folded character may be longer (a deleted run joins the one before)
        offsets = list(accumulate(map(len, raw), initial=pos))
        keep = [i for i, ch in enumerate(t) if not mask[i] and ch.isalpha()]
        for k, a, b in _segments(bounds, base, len(t)):
            idx = keep[bisect_left(keep, a):bisect_left(keep, b)]
            if not idx:
                continue
            if k not in chars:
                chars[k], where[k] = [], array("i")
            chars[k] += [t[i] for i in idx]
            where[k].extend([offsets[i] for i in idx])
        pos = offsets[-1] + 1
    sections = {k: sec for k in chars if (sec := _without(labels, Section("".join(chars[k]), where[k]))).chars}
    return ProseText(sections, "\n".join(shown), pstarts, sources)


def _without(labels: re.Pattern[str], sec: Section) -> Section:
    """``sec`` without the form's labels (matched on letters only: a label broken by a space, a
    line end or other punctuation in a crawled or extracted table is still found)."""
    cut = [m.span() for m in labels.finditer(sec.chars)]
    if not cut:
        return sec
    keep: list[int] = []
    at = 0
    for a, b in cut:
        keep += range(at, a)
        at = b
    keep += range(at, len(sec.chars))
    return Section("".join([sec.chars[i] for i in keep]), array("i", [sec.where[i] for i in keep]))


def _segments(bounds: list[tuple[int, int]], base: int, size: int) -> list[tuple[int, int, int]]:
    """The parts (section, start, end) of a line at ``base`` of ``size`` characters, cut where a
    section begins (``bounds``: flat offset, section); nothing before the first section."""
    if not bounds:
        return [(WHOLE, 0, size)]
    out: list[tuple[int, int, int]] = []
    cur, start = None, 0
    for b, k in bounds:
        if b <= base:
            cur = k
            continue
        if b >= base + size:
            break
        if cur is not None and b - base > start:
            out.append((cur, start, b - base))
        cur, start = k, b - base
    if cur is not None:
        out.append((cur, start, size))
    return out


def compare(draft: ProseText, previous: ProseText) -> list[Share]:
    """Per section of the draft present in both, the share repeated from last year and its longest run."""
    shares: list[Share] = []
    for k in sorted(draft.sections):
        d = draft.sections[k]
        p = _counterpart(previous, k)
        if p is None or not d.chars:
            continue
        repeated, (length, i, j) = _repeated(d.chars, p.chars)
        longest = None
        if length:
            longest = Passage(length, d.where[i], d.where[i + length - 1] + 1, p.where[j], p.where[j + length - 1] + 1)
        shares.append(Share(k, len(d.chars), repeated, longest))
    return shares


def _counterpart(previous: ProseText, k: int) -> Section | None:
    """Last year's section ``k``; its whole text when either report has no section headings."""
    got = previous.sections.get(k) or previous.sections.get(WHOLE)
    if got is None and k == WHOLE and previous.sections:
        parts = [previous.sections[j] for j in sorted(previous.sections)]
        got = Section("".join(x.chars for x in parts), array("i", (w for x in parts for w in x.where)))
    return got


def _repeated(d: str, p: str) -> tuple[int, tuple[int, int, int]]:
    """Characters of ``d`` in runs of at least ``MIN_RUN`` that also stand in ``p``; and the longest
    such run as (length, start in d, start in p)."""
    n = MIN_RUN
    if len(d) < n or len(p) < n:
        return 0, (0, 0, 0)
    grams = {p[j:j + n] for j in range(len(p) - n + 1)}
    hits = [i for i in range(len(d) - n + 1) if d[i:i + n] in grams]
    covered = 0
    reach = 0  # characters of d before this are counted already
    best = (0, 0, 0)
    run_end = -1  # starts before this lie inside a run already extended
    for i in hits:
        covered += i + n - max(i, reach)
        reach = i + n
        if i < run_end:
            continue
        g = d[i:i + n]
        j = p.find(g)
        for _ in range(8):  # a phrase that stands several times in p: its first places
            if j < 0:
                break
            m = n
            while i + m < len(d) and j + m < len(p) and d[i + m] == p[j + m]:
                m += 1
            if m > best[0]:
                best = (m, i, j)
            run_end = max(run_end, i + m - n + 1)
            j = p.find(g, j + 1)
    return covered, best


def _title(k: int, lang: str) -> str:
    if k == WHOLE:
        return messages.text("years.copy_whole", lang)
    return TITLES[k] if lang != "en" else messages.text("years.copy_part", lang, n=k + 1)


def _percent(x: float) -> int:
    return int(x * 100 + 0.5)


def copy_findings(shares: list[Share], draft: ProseText, previous: ProseText, prev_year: object) -> list[Finding]:
    """An info finding with every section's share; a warning naming the sections above ``THRESHOLD``
    (with at least ``MIN_SECTION`` characters), quoting the longest passage they share with last year."""
    listed = [s for s in shares if s.chars >= MIN_SECTION]
    if not listed:
        return []

    def shares_text(lang: str) -> str:
        return messages.text("years.copy_list_sep", lang).join(
            messages.text("years.copy_share", lang, title=_title(s.section, lang), percent=_percent(s.share)) for s in listed)

    def msg(code: str, lang: str, **params: object) -> str:
        return messages.text(code, lang, prev_year=prev_year, **params)

    out = [Finding("years.copy_shares", INFO, [], msg("years.copy_shares", messages.language(),
                                                       shares=shares_text(messages.language()), min=MIN_SECTION),
                   message_en=msg("years.copy_shares", "en", shares=shares_text("en"), min=MIN_SECTION))]
    high = [s for s in listed if s.share > THRESHOLD]
    if not high:
        return out
    best = max((s.longest for s in high if s.longest), key=lambda p: p.length)
    quote = draft.quote(best.start, best.end)

    def copied(lang: str) -> str:
        names = messages.join((messages.text("years.copy_share", lang, title=_title(s.section, lang),
                                             percent=_percent(s.share)) for s in high), lang)
        return msg("years.copied", lang, sections=names, threshold=_percent(THRESHOLD), n=best.length,
                   src=Place(draft.source(best.start)), prev_src=Place(previous.source(best.prev_start)),
                   quote=quote)

    out.append(Finding("years.copied", WARNING, [], copied(messages.language()), source=draft.source(best.start),
                       message_en=copied("en")))
    return out


def copy_summary(shares: list[Share], draft: ProseText, previous: ProseText) -> dict[str, Any]:
    """The comparison for the JSON output (``previous.copying``)."""

    def section(s: Share) -> dict[str, Any]:
        out: dict[str, Any] = {"section": "全文" if s.section == WHOLE else TITLES[s.section][0],
                               "title": _title(s.section, "zh"), "chars": s.chars, "repeated": s.repeated,
                               "share": round(s.share, 3)}
        if s.longest:
            p = s.longest
            out["longest"] = {"chars": p.length, "text": draft.quote(p.start, p.end, 200),
                              "source": draft.source(p.start), "previous_source": previous.source(p.prev_start)}
        return out

    total = sum(s.chars for s in shares)
    repeated = sum(s.repeated for s in shares)
    return {"threshold": THRESHOLD, "min_run": MIN_RUN, "min_section": MIN_SECTION, "chars": total,
            "repeated": repeated, "share": round(repeated / total, 3) if total else 0.0,
            "sections": [section(s) for s in shares]}
