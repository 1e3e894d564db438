"""The content of the correction sheet (更正单): what the GUI prints and signs. Qt-free; ``gui.sheet``
lays it out on A4."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from .. import formats, messages
from ..checking.rules import cell_name, rule_subject
from ..model import Finding, Report
from ..places import place as where
from ..repair.outcome import remaining
from . import layout
from .plan import DOUBTFUL, confidence, plan, show

messages.register(
    {
        "sheet.title": ("政府信息公开工作年度报告统计表格校对更正单", "Correction sheet for the annual report's tables"),
        "sheet.agency": ("报送单位", "Body"),
        "sheet.year": ("报告年度", "Report year"),
        "sheet.file": ("报告文件", "File"),
        "sheet.format": ("表格格式", "Format"),
        "sheet.date": ("校对日期", "Date checked"),
        "sheet.tool": ("校对工具", "Tool"),
        "sheet.summary": (
            "收到的草稿：错误 {errors} 项，警告 {warnings} 项，提示 {infos} 项；更正 {changes} 处（工具更正 {proposed} 处，人工修改 {edited} 处）；"
            "更正后仍需人工处理 {left} 项",
            "Draft as received: {errors} errors, {warnings} warnings, {infos} notes; {changes} cells changed ({proposed} by the tool, "
            "{edited} by hand); {left} left for a person",
        ),
        "sheet.part1": ("一、收到的草稿中发现的问题", "1. What the draft as received got wrong"),
        "sheet.part2": ("二、更正清单", "2. Corrections"),
        "sheet.part3": ("三、仍需人工处理的问题", "3. Still to be dealt with by a person"),
        "sheet.no_findings": ("收到的草稿全部规则成立，未发现问题。", "Every rule held in the draft as received."),
        "sheet.no_corrections": ("没有更正。", "Nothing was changed."),
        "sheet.all_hold": ("更正后全部规则成立，没有需要人工处理的问题。", "After the corrections every rule holds; nothing is left for a person."),
        "sheet.cols_received": ("序号|级别|问题|位置|核对数值|说明|处理结果", "No.|Severity|Problem|Where|Figures|Details|Outcome"),
        "sheet.cols_corrections": ("序号|表格|行|列|位置|原值|更正为|来源|依据|解决问题", "No.|Table|Row|Column|Where|Was|Now|Origin|Why|Resolves"),
        "sheet.cols_left": ("序号|级别|问题|位置|说明", "No.|Severity|Problem|Where|Details"),
        "sheet.resolved_by": ("已由第{numbers}项更正解决", "resolved by correction {numbers}"),
        "sheet.resolved": ("更正后已不存在", "gone after the corrections"),
        "sheet.still": ("仍存在，见第三部分", "still there, see part 3"),
        "sheet.adopted": ("{how}（已采用）", "{how} (applied)"),
        "sheet.chosen": ("{how}（人工选定）", "{how} (chosen by the clerk)"),
        "sheet.doubtful": ("待核实", "to check"),
        "sheet.doubtful_cell": ("存疑单元格", "doubtful cell"),
        "sheet.sides.total": ("所填总计{a}，各项之和{b}", "total as filled in {a}, sum of the items {b}"),
        "sheet.sides.balance": ("第一、二项之和{a}，第三、四项之和{b}", "items 1+2: {a}, items 3+4: {b}"),
        "sheet.sides.narrative": ("正文{a}，表格{b}", "text {a}, tables {b}"),
        "sheet.sides.years": ("本年所填{a}，按上年报告推得{b}", "this year {a}, from last year's report {b}"),
        "sheet.sign_checker": ("校对人", "Checked by"),
        "sheet.sign_reviewer": ("审核人", "Reviewed by"),
        "sheet.sign_date": ("日期", "Date"),
        "sheet.page": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
        "sheet.more_cells": ("等共{n}格", " ({n} cells)"),
        "sheet.tool_name": ("年报校对 NianbaoCheck", "NianbaoCheck"),
        "rule.name.requests.balance": ("勾稽关系", "balance (1+2 = 3+4)"),
        "rule.name.requests.results_total": ("办理结果总计", "results total"),
        "rule.name.requests.applicant_total": ("申请人总计", "applicants total"),
        "rule.name.appeals.total": ("复议诉讼总计", "appeals total"),
        "rule.name.cell.blank": ("空白单元格", "blank cell"),
        "rule.name.cell.missing": ("缺少单元格", "missing cell"),
        "rule.name.cell.invalid": ("无效数值", "invalid value"),
        "rule.name.rule.unchecked": ("无法核对", "not checked"),
        "rule.name.table.missing": ("缺少表格", "missing table"),
        "rule.name.active.decisions_as_sum": ("处理决定数量疑似填错列", "decisions column mixed up"),
        "rule.name.active.unit": ("金额单位", "money unit"),
        "rule.name.format": ("表格格式", "form format"),
        "rule.name.narrative": ("正文与表格不一致", "text against tables"),
        "rule.name.years": ("与上年报告不一致", "against last year"),
        "rule.name.years.not_consecutive": ("与上年报告年度不连续", "last year's report is not the year before"),
        "rule.name.years.other_format": ("上年报告格式不同", "last year in the other format"),
        "rule.name.structure": ("报告结构", "report structure"),
        "rule.name.structure.heading_missing": ("缺少章节标题", "section heading missing"),
        "rule.name.structure.heading_order": ("章节顺序", "section order"),
        "rule.name.structure.heading_number": ("章节序号", "section numbering"),
        "rule.name.structure.section_empty": ("章节内容为空", "empty section"),
        "rule.name.structure.period": ("报告期间", "reporting period"),
        "rule.name.structure.legacy_wording": ("沿用旧版表述", "old wording"),
        "rule.name.structure.mixed_wording": ("新旧表述混用", "old and new wording mixed"),
        "rule.name.narrative.skipped": ("正文检查未完成", "text check not completed"),
        "rule.name.structure.skipped": ("结构检查未完成", "structure check not completed"),
        "rule.name.format.mismatch": ("表格格式与年度不符", "form does not match the year"),
        "rule.name.cell.split": ("单元格拆分", "split cell"),
        "rule.name.fees.missing": ("未说明信息处理费", "fees not stated"),
        "rule.name.fees.amount": ("信息处理费未写金额", "fee amount missing"),
        "rule.name.fees.elsewhere": ("信息处理费写在别处", "fees stated elsewhere"),
        "rule.name.years.skipped": ("与上年比较未完成", "comparison with last year not completed"),
    }
)


@dataclass(slots=True)
class Section:
    """One part of the sheet: a heading and a table, or a sentence when the table is empty.
    ``tones`` per row: a severity (``error``/``warning``/``info``), ``doubtful`` or ``""``."""

    heading: str
    cols: list[str]
    rows: list[list[str]]
    tones: list[str]
    empty: str
    widths: tuple[int, ...]
    """Relative column widths (percent)."""


@dataclass(slots=True)
class Sheet:
    """Everything printed on the sheet, as text: the draft's findings, the corrections with the
    findings each resolved, what is left for a person."""

    title: str
    meta: list[tuple[str, str]]
    summary: str
    sections: list[Section]
    signatures: list[str] = field(default_factory=list)


def tool_version() -> str:
    try:
        from importlib.metadata import version

        return f"{messages.text('sheet.tool_name')} {version('nianbaocheck')}"
    except Exception:  # not installed (frozen bundle without metadata)
        return messages.text("sheet.tool_name")


def place(spec: formats.FormatSpec, address: str) -> tuple[str, str, str]:
    """(table, row label, column label) as printed in the form (「三、收到和处理政府信息公开申请情况」),
    in the current language."""
    c = spec.cell(address)
    en = formats.english()
    table = spec.tables[c.table].shown_title()
    if c.table == "requests":
        row = layout.row_label(c.row, en)
        if c.row.id.count(".") == 2:
            group = next(r.shown_group() for r in reversed(spec.tables["requests"].rows[: spec.tables["requests"].rows.index(c.row) + 1])
                         if r.group)
            row = f"{group} {row}" if en else f"{group}{row}"
    else:
        row = c.row.shown()
    col = c.col.shown()
    if c.table == "active":
        caption = spec.tables["active"].groups[c.group].shown_caption()
        row = f"{caption} {row}"
    return table, row, col


def format_name(format_id: str) -> str:
    """The national form's name in the current language."""
    return formats.load(format_id).shown_name()


def rule_name(rule: str) -> str:
    """A rule in words (「勾稽关系」); the id only for a rule with no name yet."""
    for key in (rule, rule.rsplit(".", 1)[0], rule.split(".")[0]):
        code = f"rule.name.{key}"
        if _has(code):
            return messages.text(code)
    return rule


def sheet_content(report: Report, *, only_certain: bool = False,
                  today: _dt.date | None = None, document=None) -> Sheet:
    """The correction sheet of ``report`` (as read, or with the clerk's edits from
    ``api.apply_edits``) once the corrections an export applies are applied; the ``document`` lets
    the prose be re-checked; the report carries its own changes."""
    t = messages.text
    unknown = t("unknown")
    spec = formats.load(report.format) if report.format else None
    meta = [
        (t("sheet.agency"), report.agency or unknown),
        (t("sheet.year"), str(report.year) if report.year else unknown),
        (t("sheet.file"), Path(report.file).name),
        (t("sheet.format"), format_name(spec.id) if spec else unknown),
        (t("sheet.date"), (today or _dt.date.today()).isoformat()),
        (t("sheet.tool"), tool_version()),
    ]
    filled = plan(report, only_certain=only_certain, document=document) if spec is not None else None
    final = filled.report if filled is not None and filled.report is not None else report
    received = final.as_received
    order = {"error": 0, "warning": 1, "info": 2}
    shown = sorted(range(len(received)), key=lambda i: order.get(received[i].severity, 3))
    number = {i: n + 1 for n, i in enumerate(shown)}
    changes = final.changes
    by_finding: dict[int, list[int]] = {}
    for k, ch in enumerate(changes, 1):
        for i in ch.resolves:
            by_finding.setdefault(i, []).append(k)
    still = remaining(final)

    part1: list[list[str]] = []
    for i in shown:
        f = received[i]
        if i in still:
            outcome = t("sheet.still")
        elif i in by_finding:
            outcome = t("sheet.resolved_by", numbers=messages.join(map(str, by_finding[i])))
        else:
            outcome = t("sheet.resolved")
        part1.append([str(number[i]), _severity(f.severity), rule_name(f.rule), finding_place(spec, report, f), sides(f),
                      f.message, outcome])
    part2: list[list[str]] = []
    for k, ch in enumerate(changes, 1):
        tb, rw, cl = place(spec, ch.cell) if spec is not None else ("", "", ch.cell)
        cell = final.cells.get(ch.cell)
        how = confidence(ch.origin)
        origin = how if not ch.proposed else t("sheet.chosen" if ch.origin == "ambiguous" else "sheet.adopted", how=how)
        part2.append([str(k), tb, rw, cl, where(cell.source if cell else None), ch.before_text or show(None),
                      ch.after_text or show(None), origin, ch.reason,
                      messages.join(str(number[i]) for i in sorted(ch.resolves, key=number.get))])
    part3: list[list[str]] = []
    tones3: list[str] = []
    for f in sorted(final.findings, key=lambda f: order.get(f.severity, 3)):
        part3.append([str(len(part3) + 1), _severity(f.severity), rule_name(f.rule), finding_place(spec, final, f), f.message])
        tones3.append(f.severity)
    for a, m in (filled.marks.items() if filled is not None else ()):
        if m.kind == DOUBTFUL and spec is not None:
            cell = final.cells.get(a)
            loc = cell_name(spec, a) + (_bracket(where(cell.source)) if cell is not None and cell.source else "")
            part3.append([str(len(part3) + 1), t("sheet.doubtful"), t("sheet.doubtful_cell"), loc, m.note])
            tones3.append("doubtful")
    summary = t("sheet.summary", errors=_count(received, "error"), warnings=_count(received, "warning"),
                infos=_count(received, "info"), changes=len(changes), proposed=sum(ch.proposed for ch in changes),
                edited=sum(not ch.proposed for ch in changes), left=len(part3))
    sections = [
        Section(t("sheet.part1"), t("sheet.cols_received").split("|"), part1,
                [received[i].severity if i in still else "" for i in shown],  # resolved ones not in alarm colours
                t("sheet.no_findings"), (5, 6, 11, 17, 14, 33, 14)),
        Section(t("sheet.part2"), t("sheet.cols_corrections").split("|"), part2,
                ["" if ch.proposed else "edited" for ch in changes], t("sheet.no_corrections"),
                (4, 10, 13, 7, 12, 6, 6, 10, 25, 7)),
        Section(t("sheet.part3"), t("sheet.cols_left").split("|"), part3, tones3, t("sheet.all_hold"), (5, 7, 12, 22, 54)),
    ]
    return Sheet(title=t("sheet.title"), meta=meta, summary=summary, sections=sections,
                 signatures=[t("sheet.sign_checker"), t("sheet.sign_reviewer"), t("sheet.sign_date")])


def finding_place(spec: formats.FormatSpec | None, report: Report, f: Finding) -> str:
    """Where a finding is, in words: the rule's subject (「“自然人”列的（七）总计」) or the cells it
    names, and the place in the file (「第39行」)."""
    t = messages.text
    parts: list[str] = []
    # a hard rule (or one that could not be checked) is named by its subject, not its many cells
    rule = next((r for r in spec.rules if f.rule in (r.id, "rule.unchecked") and list(r.cells) == list(f.cells)),
                None) if spec else None
    if rule is not None:
        parts.append(rule_subject(spec, rule))
    elif f.cells and spec is not None:
        names = [cell_name(spec, a) if a in spec.by_address else a for a in f.cells[:3]]
        if len(f.cells) > 3:
            names[-1] += t("sheet.more_cells", n=len(f.cells))
        parts.append(messages.join(names))
    src = f.source
    if src is None and len(f.cells) == 1 and f.cells[0] in report.cells:
        src = report.cells[f.cells[0]].source
    if src:
        parts.append(_bracket(where(src)) if parts else where(src))
    return "".join(parts)


def _bracket(text: str) -> str:
    return f" ({text})" if formats.english() else f"（{text}）"


def sides(f: Finding) -> str:
    """The two sides of a comparison in words (「所填总计30，各项之和12」), never a bare 「应为」."""
    if f.actual is None or f.expected is None:
        return ""
    a, b = show(f.actual), show(f.expected)
    if f.rule == "requests.balance":
        return messages.text("sheet.sides.balance", a=a, b=b)
    if f.rule in ("requests.results_total", "requests.applicant_total", "appeals.total"):
        return messages.text("sheet.sides.total", a=a, b=b)
    if f.rule.startswith("narrative."):
        return messages.text("sheet.sides.narrative", a=a, b=b)
    if f.rule.startswith("years."):
        return messages.text("sheet.sides.years", a=a, b=b)
    return ""


def _severity(severity: str) -> str:
    return messages.text(f"severity.{severity}") if _has(f"severity.{severity}") else severity


def _count(findings: list[Finding], severity: str) -> int:
    return sum(1 for f in findings if f.severity == severity)


def _has(code: str) -> bool:
    try:
        messages.text(code)
        return True
    except KeyError:
        return False
