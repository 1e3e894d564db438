"""This year's report against last year's (``python -m engine check --previous LAST_YEAR PATH``).

- ``requests/2/*`` (上年结转) of year Y = ``requests/4/*`` (结转下年度) of year Y−1, per column.
  Both formats have these rows, so this holds across a change of format too.
- ``2021``: ``active/X/in_force`` (现行有效件数) of Y = ``in_force`` of Y−1 + ``issued`` − ``repealed`` of Y.
- ``2019``: ``active/X/prev_items`` (上一年项目数量) of Y = ``prev_items`` + ``change`` of Y−1.

With last year's running text (``LastYear.text``) the sections are compared for copied text too
(``copying``). Last year's report need not have the standard tables for that (a report on the
pre-2019 form): then only the text is compared and an ``info`` finding says so.

When the two reports use different formats, table 二 does not map (对外公开总数量 is not 现行有效件数):
only the carried-over applications are compared and an ``info`` finding says so. A pair whose
years are not consecutive is not compared at all (a warning says why). Only cells read as
numbers in both reports are compared; every mismatch is a warning showing both years' values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import formats, messages
from ..model import INFO, OK, WARNING, Finding, Number, Report
from ..reading.document import Document
from .copying import ProseText, compare, copy_findings, copy_summary, prose_text
from .structure import Heading
from .text import Line, cell_sources, fold, lines

messages.register(
    {
        "years.carried": (
            "本年“上年结转政府信息公开申请数量”{col}为{now}，而上一年度（{prev_year}）报告的“结转下年度继续办理”{col}为{before}",
            "This year's 'carried over from last year' ({col}) is {now}, but last year's ({prev_year}) 'carried over to next year' is {before}",
        ),
        "years.in_force": (
            "{row}现行有效件数{now}，应为上一年度（{prev_year}）的{before}＋本年制发{issued}－本年废止{repealed}＝{result}",
            "{row}: {now} in force, but last year's ({prev_year}) {before} + {issued} issued − {repealed} repealed = {result}",
        ),
        "years.prev_items": (
            "{row}上一年项目数量{now}，应为上一年度（{prev_year}）报告的上一年项目数量{before}＋本年增/减{change}＝{result}",
            "{row}: last year's items {now}, but last year's ({prev_year}) report gives {before} + change {change} = {result}",
        ),
        "years.other_format": (
            "上一年度报告使用{prev}，本年使用{now}，两者主动公开表的栏目不对应，只比对了申请结转数",
            "Last year's report uses the {prev}, this one the {now}; table 2 does not map between them, so only the carried-over applications were compared",
        ),
        "years.not_consecutive": (
            "上一年度报告的年度是{prev_year}年，本报告是{year}年，不是相邻年度，未作跨年度比对",
            "The previous report is for {prev_year} and this one for {year}: not consecutive years, so they were not compared",
        ),
        "years.unknown": ("上一年度", "last year"),
        "years.no_tables": (
            "上一年度（{prev_year}）报告中没有找到统计表格，只比对了正文",
            "No statistical tables were found in last year's ({prev_year}) report: only the text was compared",
        ),
    }
)


@dataclass(slots=True)
class LastYear:
    """Last year's report as the across-years checks need it: its cells, and its running text
    (None when only the figures are to be compared)."""

    report: Report
    text: ProseText | None = None


def last_year(report: Report, doc: Document | None) -> LastYear:
    """``report`` (read from ``doc``) ready to be compared with next year's drafts."""
    if doc is None:
        return LastYear(report)
    return LastYear(report, prose_text(lines(doc, cell_sources(report))))


def check_last_year(report: Report, all_lines: list[Line], previous: Report | LastYear,
                    found: list[Heading] | None = None) -> list[Finding]:
    """Every across-years finding: figures carried over (``check_years``) and copied text (``found``:
    the draft's headings, when known). With the text compared, ``report.across_years`` gets the
    comparison for the JSON output."""
    last = previous if isinstance(previous, LastYear) else LastYear(previous)
    prev = last.report
    out = check_years(report, prev)  # the figures (nothing but a warning when the years are not consecutive)
    if last.text is None or (report.year and prev.year and report.year - prev.year != 1):
        return out
    if prev.format is None and report.format is not None:
        out.append(_finding("years.no_tables", INFO, [], "years.no_tables",
                            prev_year=prev.year or messages.text("years.unknown")))
    draft = prose_text(all_lines, found)
    shares = compare(draft, last.text)
    out += copy_findings(shares, draft, last.text, prev.year or messages.text("years.unknown"))
    report.across_years = {"file": prev.file, "year": prev.year, "copying": copy_summary(shares, draft, last.text)}
    return out


def _value(report: Report, address: str) -> Number | None:
    c = report.cells.get(address)
    return c.value if c is not None and c.status == OK and c.value is not None else None


def check_years(report: Report, previous: Report) -> list[Finding]:
    """Findings (``years.*``) where ``report`` contradicts last year's ``previous``."""
    if report.format is None:
        return []
    if report.year and previous.year and report.year - previous.year != 1:
        return [_finding("years.not_consecutive", WARNING, [], "years.not_consecutive",
                         prev_year=previous.year, year=report.year)]
    if previous.format is None or previous.error:
        return []
    prev_year = previous.year or messages.text("years.unknown")
    spec = formats.load(report.format)
    out: list[Finding] = []
    for col in spec.tables["requests"].groups[0].cols:
        now, before = _value(report, f"requests/2/{col.id}"), _value(previous, f"requests/4/{col.id}")
        if now is not None and before is not None and now != before:
            out.append(_finding("years.carried", WARNING, [f"requests/2/{col.id}"], "years.carried",
                                actual=now, expected=before, col=col, now=now, before=before, prev_year=prev_year))
    if previous.format != report.format:
        names = {f: formats.load(f) for f in formats.FORMAT_IDS}
        out.append(_finding("years.other_format", INFO, [], "years.other_format",
                            prev=names[previous.format], now=names[report.format]))
        return out
    active = [c for c in spec.cells if c.table == "active"]
    for c in active:
        row = f"active/{c.row.id}"
        if report.format == "2021" and c.col.id == "in_force":
            now, before = _value(report, c.address), _value(previous, c.address)
            issued, repealed = _value(report, f"{row}/issued"), _value(report, f"{row}/repealed")
            if None in (now, before, issued, repealed):
                continue
            expected = before + issued - repealed  # type: ignore[operator]
            if now != expected:
                out.append(_finding("years.in_force", WARNING, [c.address, f"{row}/issued", f"{row}/repealed"],
                                    "years.in_force", actual=now, expected=expected, result=expected, row=c.row,
                                    now=now, before=before, issued=issued, repealed=repealed, prev_year=prev_year))
        elif report.format == "2019" and c.col.id == "prev_items":
            now, before, change = _value(report, c.address), _value(previous, c.address), _value(previous, f"{row}/change")
            if None in (now, before, change):
                continue
            expected = before + change  # type: ignore[operator]
            if now != expected:
                out.append(_finding("years.prev_items", WARNING, [c.address], "years.prev_items", actual=now,
                                    expected=expected, result=expected, row=c.row, now=now, before=before, change=change,
                                    prev_year=prev_year))
    return out


def _finding(rule: str, severity: str, cells: list[str], code: str, *, actual: Number | None = None,
             expected: Number | None = None, **params: object) -> Finding:
    return Finding(rule, severity, cells, messages.text(code, **params), actual=actual, expected=expected,
                   message_en=messages.text(code, "en", **params))


# ---------------------------------------------------------------------------------------------
# pairing this year's drafts with last year's reports (a folder of each)

messages.register(
    {
        "years.paired": ("与上一年度的报告{file}比对（{how}配对）", "Compared with last year's report {file} (paired {how})"),
        "years.unpaired": ("没有与上一年度的报告比对：{why}", "Not compared with last year's report: {why}"),
        "rule.name.years.paired": ("上一年度报告配对", "last year's report paired"),
        "rule.name.years.unpaired": ("上一年度报告配对", "last year's report paired"),
        "rule.name.years.no_tables": ("上一年度报告没有统计表", "no tables last year"),
        "years.pair.agency": ("按单位", "by reporting body"),
        "years.pair.name": ("按文件名", "by file name"),
        "years.pair.no_agency": (
            "报告中没有找到单位名称，文件名也对不上上一年度的任何文件",
            "no reporting body found in the report, and its file name matches none of last year's",
        ),
        "years.pair.none": ("上一年度的文件中没有“{agency}”{year}年度的报告", "last year's files hold no {year} report of {agency}"),
        "years.pair.several": ("上一年度的文件中有几份“{agency}”的报告：{files}", "last year's files hold several reports of {agency}: {files}"),
    }
)


@dataclass(slots=True)
class Pairing:
    """Which draft goes with which of last year's reports, and why the others have none."""

    pairs: dict[int, tuple[int, str]]
    """Draft index → (index among last year's reports, how: ``agency`` or ``name``)."""
    unpaired: dict[int, tuple[str, dict[str, object]]]
    """Draft index → why it has no pair: message code and parameters (see ``why``)."""

    def why(self, i: int, lang: str | None = None) -> str:
        code, params = self.unpaired[i]
        return messages.text(code, lang, **params)


_AGENCY_NOISE = re.compile(r"[\s()（）·•]")
_YEARS = re.compile(r"(?:19|20)\d{2}")


def _agency_key(agency: str | None) -> str:
    return _AGENCY_NOISE.sub("", fold(agency)) if agency else ""


def _name_key(path: str) -> str:
    """The file name without its years and extension: 「洪泽区2024年报.pdf」 → 「洪泽区年报」."""
    stem = Path(path).stem
    return _YEARS.sub("", fold(stem)).strip(" _-.")


def pair_by_agency(drafts: list[Report], last_year_reports: list[Report]) -> Pairing:
    """Pair each draft with the report of the same reporting body for the year before (the same
    name, or one name inside the other: 「洪泽区人民政府」 and 「淮安市洪泽区人民政府」); a draft whose body
    is not found is paired by file name without the years (「…2025…」 and 「…2024…」). A draft with
    several candidates is not paired."""
    pairs: dict[int, tuple[int, str]] = {}
    unpaired: dict[int, tuple[str, dict[str, object]]] = {}
    names: dict[str, list[int]] = {}
    for j, r in enumerate(last_year_reports):
        names.setdefault(_name_key(r.file), []).append(j)
    for i, d in enumerate(drafts):
        key = _agency_key(d.agency)

        def right_year(r: Report, d: Report = d) -> bool:
            return not (d.year and r.year) or r.year == d.year - 1

        if key:
            same = [j for j, r in enumerate(last_year_reports) if _agency_key(r.agency) == key and right_year(r)]
            if not same:
                same = [j for j, r in enumerate(last_year_reports)
                        if (k := _agency_key(r.agency)) and min(len(k), len(key)) >= 4 and (k in key or key in k)
                        and right_year(r)]
            if len(same) == 1:
                pairs[i] = (same[0], "agency")
                continue
            if len(same) > 1:
                files = messages.Listing(Path(last_year_reports[j].file).name for j in same)
                unpaired[i] = ("years.pair.several", {"agency": d.agency, "files": files})
                continue
        by_name = [j for j in names.get(_name_key(d.file), []) if right_year(last_year_reports[j])]
        if len(by_name) == 1 and _name_key(d.file):
            pairs[i] = (by_name[0], "name")
        elif key:
            unpaired[i] = ("years.pair.none", {"agency": d.agency, "year": d.year - 1 if d.year else "?"})
        else:
            unpaired[i] = ("years.pair.no_agency", {})
    return Pairing(pairs, unpaired)


def check_paired(report: Report, all_lines: list[Line], last_years: list[LastYear],
                 found: list[Heading] | None = None) -> list[Finding]:
    """For ``report`` among many of last year's reports: the one of the same body (``pair_by_agency``)
    and the across-years findings against it (``check_last_year``), after an ``info`` finding saying
    which it is — or why there is none."""
    got = pair_by_agency([report], [x.report for x in last_years])
    if 0 not in got.pairs:
        return [Finding("years.unpaired", INFO, [], messages.text("years.unpaired", why=got.why(0)),
                        message_en=messages.text("years.unpaired", "en", why=got.why(0, "en")))]
    j, how = got.pairs[0]
    name = Path(last_years[j].report.file).name
    out = [Finding("years.paired", INFO, [], messages.text("years.paired", file=name, how=messages.text(f"years.pair.{how}")),
                   message_en=messages.text("years.paired", "en", file=name, how=messages.text(f"years.pair.{how}", "en")))]
    return out + check_last_year(report, all_lines, last_years[j], found)
