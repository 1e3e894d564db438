"""The report's structure: six section headings in order, section 五 filled in, the statistics
period, and wording from the wrong format.

Structure only makes sense for a whole report. A document with almost no running text (fewer
than ``MIN_PROSE`` characters of sentences — typically a workbook or a file holding only the
tables) gets no heading or section findings; the wording checks still apply to it.

Headings are matched loosely (「收到和处理政府信息公开申请情况」 without its number, 「五、存在的
主要问题和改进情况」, 「四、因政府信息公开工作被申请行政复议和提起行政诉讼情况」), and found inside
long lines too, since crawled pages often run a whole report into one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import formats, messages
from ..model import WARNING, Finding, Report
from ..places import Place
from ..reading.document import Document
from .text import Line, Sentence, is_heading_like, prose_size

MIN_PROSE = 60
"""Characters of running text below which a document is taken to be only the tables."""

messages.register(
    {
        "structure.heading_missing": (
            "没有找到第{n}部分“{title}”的标题（年度报告格式要求六个部分依次排列）",
            "No heading for part {k}, '{title}' (the format requires six parts in order)",
        ),
        "structure.heading_order": (
            "第{n}部分“{title}”的标题（{where}）出现在第{m}部分之前，顺序与年度报告格式不符",
            "The heading of part {k}, '{title}' ({where}), comes before part {mk}; the format's order differs",
        ),
        "structure.heading_number": (
            "第{n}部分“{title}”的标题编号写成了“{got}、”，应为“{n}、”",
            "The heading of part {k}, '{title}', is numbered '{got}'; it should be '{n}'",
        ),
        "structure.section_empty": (
            "第五部分“存在的主要问题及改进情况”{how}，应写明存在的问题和改进措施",
            "Part 5, 'main problems and improvements', {how}; it should state the problems and the measures taken",
        ),
        "structure.section_empty.none": ("没有内容", "is empty"),
        "structure.section_empty.nil": ("只写了“{text}”", "only says '{text}'"),
        "structure.period_garbled": (
            "统计期限“{text}”中的日期缺字（年份后少了“年”），应为“{year}年1月1日至{year}年12月31日”",
            "The statistics period '{text}' is missing the character for 'year' after the year; it should read {year}-01-01 to {year}-12-31",
        ),
        "structure.period_year": (
            "统计期限“{text}”是{got}年，而报告标题是{year}年度",
            "The statistics period '{text}' is for {got}, but the title says {year}",
        ),
        "structure.period_range": (
            "统计期限“{text}”不是完整的自然年（应为1月1日至12月31日）",
            "The statistics period '{text}' is not a whole calendar year (1 January to 31 December)",
        ),
        "structure.legacy_wording": (
            "文中使用了2019年以前旧格式的用语“{words}”，现行年度报告格式已不再使用",
            "The text uses wording of the pre-2019 format ('{words}'), which the current formats no longer use",
        ),
        "structure.mixed_wording": (
            "文中同时出现2019年格式（{a}）和2021年格式（{b}）的用语",
            "The text uses wording of both the 2019 format ({a}) and the 2021 format ({b})",
        ),
    }
)

TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
_NUMERALS = "一二三四五六"
# what each heading must say after its number (loosely)
_KEYS = (
    r"(?:总体情况|概述|总体概况|基本情况)",
    r"主动公开",
    r"(?:收到和处理|[^。,;]{0,12}申请[^。,;]{0,8}情况)",
    r"[^。,;]{0,20}(?:行政复议|行政诉讼)",
    r"(?:存在的?主要问题|[^。,;\n]{0,16}问题[^。,;\n]{0,3}(?:改进|措施|整改))",
    r"其他需要报告|其他事项|其他需报告",
)
# a numbered heading is recognised by its words; its number may be wrong (「三、主动公开工作情况」)
_NUMBERED = [re.compile(rf"(?P<n{i}>[一二三四五六七八九十])\s*[、.]\s*{_KEYS[i]}") for i in range(6)]
_ANY_NUMBERED = re.compile("|".join(f"(?P<s{i}>{p.pattern})" for i, p in enumerate(_NUMBERED)))
# a heading standing alone without its number must be one of the titles, nearly word for word
_BARE = [re.compile(p) for p in (
    r"(?:总体情况|概述)",
    r"主动公开政府信息(?:情况)?",
    r"收到和处理政府信息公开申请(?:情况)?",
    r"(?:因)?政府信息公开(?:工作)?(?:被申请)?行政复议[、和及与]?(?:提起)?行政诉讼(?:的)?情况",
    r"(?:政府信息公开工作)?存在的?主要问题(?:及|和|与)改进(?:情况|措施)",
    r"其他需要报告的事项",
)]
_STOPS = re.compile(r"[。;]")
_COMMA = re.compile(r"[,，]")
_NIL = re.compile(r"^(?:无|暂无|没有|无。|暂无。|无其他需要报告的事项)[。.]?$")
_PERIOD = re.compile(r"统计(?:期限|时限|期间|时间|区间|周期)(?:为|是|自|从|:)*(?P<body>[^。;]{0,40}?)(?:止|。|;|$)")
_DATE = re.compile(r"(?:(20\d{2})年)?(\d{1,2})月(\d{1,2})日")
_GARBLED = re.compile(r"20\d{2}(?=1[0-2]?月)")
_LEGACY = re.compile(r"(?:当面|信函|网上|传真|电子邮件)申请(?:数|量)|收费及减免|依申请收费")


@dataclass(slots=True)
class Heading:
    section: int
    """0 … 5 for 一 … 六."""
    start: int
    end: int
    """Offsets in the document's flat text (``flat``): reading order."""
    source: str
    strong: bool
    """A line of its own, as opposed to a match inside running text."""
    numeral: str | None = None
    """The number written before it (「三」 in 「三、…」), None for a heading without one."""


def flat(all_lines: list[Line]) -> tuple[str, list[int]]:
    """The text of every line outside multi-cell table rows, one per line, and where each starts."""
    starts, parts, pos = [], [], 0
    for ln in all_lines:
        starts.append(pos)
        t = "" if ln.table else ln.text
        parts.append(t)
        pos += len(t) + 1
    return "\n".join(parts), starts


def find_headings(all_lines: list[Line]) -> list[Heading]:
    """Every place a section heading appears, in reading order."""
    out: list[Heading] = []
    _, starts = flat(all_lines)
    for ln, base in zip(all_lines, starts, strict=True):
        text = ln.text
        if not text or ln.table:
            continue
        own_line = len(text) <= 40 and not _STOPS.search(text)
        for m in _ANY_NUMBERED.finditer(text):
            k = int((m.lastgroup or "s0")[1:])
            out.append(Heading(k, base + m.start(), base + m.end(), ln.source, own_line and m.start() == 0,
                               m.group(f"n{k}")))
        if own_line and not _COMMA.search(text) and not is_heading_like(text):
            for k in range(6):
                if m2 := _BARE[k].fullmatch(text):
                    out.append(Heading(k, base, base + m2.end(), ln.source, True))
    out.sort(key=lambda h: h.start)
    return out


_LEAD_NUMBER = re.compile(r"[一二三四五六七八九十]\s*[、.]\s*")


def heading_span(text: str, h: Heading) -> tuple[int, int]:
    """Where heading ``h`` stands in the flat ``text``: a heading line entirely; inside running
    text its number and as much of the section's title as follows (「二、主动公开政府信息情况」)."""
    if h.strong:
        end = text.find("\n", h.start)
        return h.start, len(text) if end < 0 else end
    lead = _LEAD_NUMBER.match(text, h.start)
    title = _BARE[h.section].match(text, lead.end() if lead else h.start)
    return h.start, max(h.end, title.end() if title else h.end)


def check_structure(doc: Document, report: Report, all_lines: list[Line], sents: list[Sentence],
                    found: list[Heading] | None = None) -> list[Finding]:
    """Structure findings (``structure.*``) for ``report`` read from ``doc`` (``found``: its
    headings, when known)."""
    out: list[Finding] = []
    out += _wording(all_lines, report)
    if prose_size(sents) < MIN_PROSE:
        return out
    out += _headings(all_lines, found)
    out += _period(sents, report)
    return out


def _finding(rule: str, code: str, source: str | None, cells: list[str] | None = None, **params: object) -> Finding:
    return Finding(rule, WARNING, cells or [], messages.text(code, **params), source=source,
                   message_en=messages.text(code, "en", **params))


def section_headings(found: list[Heading]) -> tuple[dict[int, Heading], list[Heading]]:
    """The heading taken for each section (0 … 5), in reading order, from every place a heading
    appears (``find_headings``); and the candidates they were chosen from: the strong ones (a line
    of their own) when at least four sections have one, otherwise all."""
    strong = [h for h in found if h.strong]
    use = strong if len({h.section for h in strong}) >= 4 else found
    chosen: dict[int, Heading] = {}
    last = -1
    for k in range(6):
        after = [h for h in use if h.section == k and h.start > last]
        if after:
            chosen[k] = after[0]
            last = after[0].start
    return chosen, use


def _headings(all_lines: list[Line], found: list[Heading] | None = None) -> list[Finding]:
    chosen, use = section_headings(find_headings(all_lines) if found is None else found)
    out: list[Finding] = []
    for k in range(6):
        if k in chosen:
            continue
        before = [h for h in use if h.section == k]
        if before:
            later = min((j for j in chosen if j < k and chosen[j].start > before[0].start), default=k - 1)
            out.append(_finding("structure.heading_order", "structure.heading_order", before[0].source,
                                n=_NUMERALS[k], k=k + 1, title=TITLES[k][2:], where=Place(before[0].source),
                                m=_NUMERALS[later], mk=later + 1))
        else:
            out.append(_finding("structure.heading_missing", "structure.heading_missing", None,
                                n=_NUMERALS[k], k=k + 1, title=TITLES[k][2:]))
    for k, h in chosen.items():
        if h.numeral is not None and h.numeral != _NUMERALS[k]:
            out.append(_finding("structure.heading_number", "structure.heading_number", h.source,
                                n=_NUMERALS[k], k=k + 1, title=TITLES[k][2:], got=h.numeral))
    if 4 in chosen:
        out += _section_five(all_lines, chosen[4], chosen.get(5))
    return out


def _section_five(all_lines: list[Line], five: Heading, six: Heading | None) -> list[Finding]:
    """Section 五 must say something: not empty, not just 「无」."""
    text, _ = flat(all_lines)
    body = text[five.end: six.start if six else len(text)]
    body = re.sub(r"^[^\n。]*?(?:情况|措施)", "", body, count=1) if not body.startswith("\n") else body
    body = re.sub(r"\s+", "", body).strip(":：。")
    if body and not _NIL.match(body):
        return []

    def how(lang: str) -> str:
        if body:
            return messages.text("structure.section_empty.nil", lang, text=body)
        return messages.text("structure.section_empty.none", lang)

    return [Finding("structure.section_empty", WARNING, [],
                    messages.text("structure.section_empty", how=how(messages.language())),
                    source=five.source, message_en=messages.text("structure.section_empty", "en", how=how("en")))]


def _period(sents: list[Sentence], report: Report) -> list[Finding]:
    """The statistics period: readable dates, a whole calendar year, the title's year."""
    for s in sents:
        m = _PERIOD.search(s.text)
        if not m:
            continue
        text = m.group("body")
        if _GARBLED.search(text):
            year = int(_GARBLED.search(text).group())  # type: ignore[union-attr]
            return [_finding("structure.period", "structure.period_garbled", s.source, text=text, year=year)]
        dates = _DATE.findall(text)
        if len(dates) < 2:
            return []
        (y1, m1, d1), (y2, m2, d2) = dates[0], dates[-1]
        if (int(m1), int(d1), int(m2), int(d2)) != (1, 1, 12, 31):
            return [_finding("structure.period", "structure.period_range", s.source, text=text)]
        years = {int(y) for y in (y1, y2) if y}
        if report.year and years and years != {report.year}:
            got = messages.Listing(sorted(years))
            return [_finding("structure.period", "structure.period_year", s.source, text=text, got=got, year=report.year)]
        return []
    return []


def _wording(all_lines: list[Line], report: Report) -> list[Finding]:
    """Pre-2019 wording anywhere; wording of both current formats anywhere in the draft (the table
    check in ``locate`` sees only short cells and lines)."""
    out: list[Finding] = []
    legacy: dict[str, str] = {}
    for ln in all_lines:
        for m in _LEGACY.finditer(ln.text):  # table rows too: an old-form statistics table
            legacy.setdefault(m.group(), ln.source)
    if legacy:
        first = next(iter(legacy.values()))
        out.append(_finding("structure.legacy_wording", "structure.legacy_wording", first, words=messages.Listing(legacy)))
    if any(f.rule == "format.mismatch" for f in report.findings):
        return out  # the tables already mix the formats: said once is enough
    text = "".join(ln.text for ln in all_lines)  # tables and running text: the whole draft
    hits = {f.id: [w for w in f.vocabulary if w in text] for f in formats.all_formats()}
    if hits["2019"] and hits["2021"]:
        out.append(_finding("structure.mixed_wording", "structure.mixed_wording", None,
                            a=messages.Listing(hits["2019"][:3]), b=messages.Listing(hits["2021"][:3])))
    return out
