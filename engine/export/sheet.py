"""The content of the correction sheet (更正单): what the GUI prints and signs. Qt-free; ``gui.sheet``
lays it out on A4."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from .. import formats, messages
from ..model import Report
from . import layout
from .plan import APPLIED, APPLIED_ONLY_CERTAIN, show

messages.register(
    {
        "sheet.title": ("政府信息公开工作年度报告统计表格校对更正单", "Correction sheet for the annual report's tables"),
        "sheet.agency": ("报送单位", "Body"),
        "sheet.year": ("报告年度", "Report year"),
        "sheet.file": ("报告文件", "File"),
        "sheet.format": ("表格格式", "Format"),
        "sheet.date": ("校对日期", "Date checked"),
        "sheet.tool": ("校对工具", "Tool"),
        "sheet.summary": ("错误 {errors} 项，警告 {warnings} 项，提示 {infos} 项；建议更正 {corrections} 处（其中自动采用 {applied} 处）",
                          "{errors} errors, {warnings} warnings, {infos} notes; {corrections} corrections proposed ({applied} applied)"),
        "sheet.corrections": ("一、更正清单", "1. Corrections"),
        "sheet.findings": ("二、检查发现的问题", "2. Findings"),
        "sheet.no_corrections": ("无需更正。", "Nothing to correct."),
        "sheet.no_findings": ("全部规则成立，未发现问题。", "Every rule holds."),
        "sheet.cols_corrections": ("序号|表格|行|列|位置|原值|更正为|可信度|依据", "No.|Table|Row|Column|Where|Was|Correct to|Confidence|Why"),
        "sheet.cols_findings": ("序号|级别|规则|涉及单元格|发现值|应为|说明", "No.|Severity|Rule|Cells|Found|Expected|Message"),
        "sheet.applied": ("已采用", "applied"),
        "sheet.not_applied": ("待人工确认", "to confirm"),
        "sheet.edited": ("人工修改", "edited by hand"),
        "sheet.sign_checker": ("校对人", "Checked by"),
        "sheet.sign_reviewer": ("审核人", "Reviewed by"),
        "sheet.sign_date": ("日期", "Date"),
        "sheet.page": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
        "sheet.more_cells": ("等共{n}格", " ({n} cells)"),
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
    }
)


@dataclass(slots=True)
class Sheet:
    """Everything printed on the sheet, as text."""

    title: str
    meta: list[tuple[str, str]]
    summary: str
    correction_cols: list[str]
    corrections: list[list[str]]
    applied: list[bool]
    finding_cols: list[str]
    findings: list[list[str]]
    severities: list[str]
    signatures: list[str] = field(default_factory=list)


def tool_version() -> str:
    try:
        from importlib.metadata import version

        return f"年报校对 NianbaoCheck {version('nianbaocheck')}"
    except Exception:  # not installed (frozen bundle without metadata)
        return "年报校对 NianbaoCheck"


def place(spec: formats.FormatSpec, address: str) -> tuple[str, str, str]:
    """(table, row label, column label) as printed in the form."""
    c = spec.cell(address)
    table = layout.HEADINGS[c.table].split("、", 1)[0] + "、" + formats.TABLE_TITLES_ZH[c.table]
    if c.table == "requests":
        row = layout.row_label(c.row)
        if c.row.id.count(".") == 2:
            group = next(r.group for r in reversed(spec.tables["requests"].rows[: spec.tables["requests"].rows.index(c.row) + 1])
                         if r.group)
            row = f"{group}{row}"
    else:
        row = c.row.label
    col = c.col.label
    if c.table == "active":
        caption = spec.tables["active"].groups[c.group].caption
        row = f"{caption} {row}"
    return table, row, col


def rule_name(rule: str) -> str:
    for key in (rule, rule.split(".")[0]):
        code = f"rule.name.{key}"
        try:
            return messages.text(code)
        except KeyError:
            continue
    return rule


def sheet_content(report: Report, *, original: Report | None = None, only_certain: bool = False,
                  today: _dt.date | None = None) -> Sheet:
    """The correction sheet of ``report`` (after the clerk's edits; ``original`` as read)."""
    t = messages.text
    unknown = t("unknown") if _has("unknown") else "—"
    spec = formats.load(report.format) if report.format else None
    meta = [
        (t("sheet.agency"), report.agency or unknown),
        (t("sheet.year"), str(report.year) if report.year else unknown),
        (t("sheet.file"), Path(report.file).name),
        (t("sheet.format"), spec.name if spec else unknown),
        (t("sheet.date"), (today or _dt.date.today()).isoformat()),
        (t("sheet.tool"), tool_version()),
    ]
    applied_conf = APPLIED_ONLY_CERTAIN if only_certain else APPLIED
    rows: list[list[str]] = []
    applied: list[bool] = []
    if spec is not None and original is not None and original.format == report.format:
        for a, after in report.cells.items():
            before = original.cells.get(a)
            if before is not None and (before.raw or "") != (after.raw or ""):
                tb, rw, cl = place(spec, a)
                rows.append([str(len(rows) + 1), tb, rw, cl, before.source or "", before.raw or show(None),
                             after.raw or show(None), t("sheet.edited"), ""])
                applied.append(True)
    for c in report.corrections:
        if spec is None:
            break
        tb, rw, cl = place(spec, c.cell)
        reading = report.cells.get(c.cell)
        conf = t(f"confidence.{c.confidence}") if _has(f"confidence.{c.confidence}") else c.confidence
        ok = c.confidence in applied_conf
        rows.append([str(len(rows) + 1), tb, rw, cl, (reading.source if reading else None) or "", show(c.from_), show(c.to),
                     f"{conf}（{t('sheet.applied') if ok else t('sheet.not_applied')}）", c.reason])
        applied.append(ok)
    order = {"error": 0, "warning": 1, "info": 2}
    findings: list[list[str]] = []
    severities: list[str] = []
    for f in sorted(report.findings, key=lambda f: order.get(f.severity, 3)):
        names = [_cell(spec, a) for a in f.cells[:3]]
        if len(f.cells) > 3:
            names[-1] += t("sheet.more_cells", n=len(f.cells))
        sev = t(f"severity.{f.severity}") if _has(f"severity.{f.severity}") else f.severity
        findings.append([str(len(findings) + 1), sev, rule_name(f.rule), "、".join(names),
                         "" if f.actual is None else show(f.actual), "" if f.expected is None else show(f.expected),
                         f.message + (f"（{f.source}）" if f.source else "")])
        severities.append(f.severity)
    summary = t("sheet.summary", errors=report.count("error"), warnings=report.count("warning"), infos=report.count("info"),
                corrections=len(report.corrections), applied=sum(1 for c in report.corrections if c.confidence in applied_conf))
    return Sheet(
        title=t("sheet.title"), meta=meta, summary=summary,
        correction_cols=t("sheet.cols_corrections").split("|"), corrections=rows, applied=applied,
        finding_cols=t("sheet.cols_findings").split("|"), findings=findings, severities=severities,
        signatures=[t("sheet.sign_checker"), t("sheet.sign_reviewer"), t("sheet.sign_date")],
    )


def _cell(spec: formats.FormatSpec | None, address: str) -> str:
    if spec is None or address not in spec.by_address:
        return address
    from ..checking.rules import cell_name

    return cell_name(spec, address)


def _has(code: str) -> bool:
    try:
        messages.text(code)
        return True
    except KeyError:
        return False
