"""Applying the rules of a format to the cells read: hard rules, cell rules, soft rules.

A rule that involves a blank, missing or invalid cell is never evaluated as if that cell were 0:
it is reported as ``rule.unchecked`` naming the cells that stop it.
"""

from __future__ import annotations

from decimal import Decimal

from .. import messages
from ..formats import FormatSpec, RuleSpec, english
from ..model import BLANK, ERROR, INFO, INVALID, MISSING, OK, WARNING, CellReading, Finding, Number

messages.register(
    {
        "rule.balance": (
            "{col}列：第一项加第二项之和（{a}）不等于第三项加第四项之和（{b}）",
            "Column {col}: item 1 + item 2 ({a}) does not equal item 3 + item 4 ({b})",
        ),
        "rule.results_total": (
            "{col}列：（七）总计为{a}，但各项办理结果之和为{b}",
            "Column {col}: (7) total is {a} but the results add up to {b}",
        ),
        "rule.applicant_total": (
            "“{row}”行：总计为{a}，但各类申请人之和为{b}",
            "Row '{row}': the total is {a} but the applicants add up to {b}",
        ),
        "rule.appeals_total": (
            "{row}：总计为{a}，但结果维持、结果纠正、其他结果、尚未审结之和为{b}",
            "{row}: the total is {a} but upheld + corrected + other + pending is {b}",
        ),
        "rule.unchecked": (
            "无法核对{what}：{cells}未填或无法识别（空白不按0计算）",
            "Cannot check {what}: {cells} blank or unreadable (a blank is not counted as 0)",
        ),
        "subject.requests.balance": ("“{name}”列的勾稽关系", "the balance of column '{name}'"),
        "subject.requests.results_total": ("“{name}”列的（七）总计", "the (7) total of column '{name}'"),
        "subject.requests.applicant_total": ("“{name}”行的总计", "the total of row '{name}'"),
        "subject.appeals.total": ("“{name}”的总计", "the total of '{name}'"),
        "cell.invalid": ("{cell}的内容“{raw}”不是有效的{kind}", "{cell}: '{raw}' is not a valid {kind}"),
        "cell.blank": ("{row}：{cells}为空白或占位符（{raws}），不等于0，请填写数字", "{row}: {cells} blank or placeholder ({raws}); a blank is not 0, enter a number"),
        "kind.count": ("非负整数", "non-negative whole number"),
        "kind.signed": ("整数", "whole number"),
        "kind.money": ("金额（万元）", "amount (10k yuan)"),
        "active.decisions_as_sum": (
            "“{row}”的处理决定数量（{d}）恰好等于上一年项目数量加本年增/减（{p}{c:+}），可能把列填错了",
            "'{row}': decisions ({d}) equal last year's items plus the change ({p}{c:+}); the columns may be mixed up",
        ),
        "active.unit_in_cell": ("“{row}”金额单元格带有单位“{raw}”，表格单位应为万元，请只填数字", "'{row}': the amount carries a unit ('{raw}'); the table's unit is 10,000 yuan, enter the number only"),
        "active.unit_yuan": ("“{row}”金额写作“{raw}”（元），表格单位为万元，应为{wan}", "'{row}': amount given in yuan ('{raw}'); the table's unit is 10,000 yuan, it should be {wan}"),
        "active.unit_large": ("“{row}”金额{v}万元大得不合常理，请确认单位是否为万元", "'{row}': amount {v} (10k yuan) is implausibly large; check the unit"),
    }
)

_RULE_TEXT = {
    "requests.balance": "rule.balance",
    "requests.results_total": "rule.results_total",
    "requests.applicant_total": "rule.applicant_total",
    "appeals.total": "rule.appeals_total",
}
MONEY_IMPLAUSIBLE = Decimal(10_000_000)  # 1000亿元 in 万元


def cell_name(spec: FormatSpec, address: str, lang: str | None = None) -> str:
    """A clerk-readable name of a cell, e.g. 「（七）总计·总计」 ("(7) Total · Total" in English)."""
    c = spec.cell(address)
    dot = " · " if english(lang) else "·"
    if c.table == "appeals":
        return f"{c.row.shown(lang)}{dot}{c.col.shown(lang)}"
    row = c.row.short(lang) if c.row.id == "3.2" else c.row.shown(lang)
    if c.table == "requests" and c.row.id.startswith("3.") and c.row.id != "3.7":
        row = _numbered(c.row.id, row, lang)
    return f"{row}{dot}{c.col.shown(lang)}"


def _numbered(row_id: str, label: str, lang: str | None = None) -> str:
    parts = row_id.split(".")
    if len(parts) == 3:
        if english(lang):
            return f"({parts[1]}) {parts[2]}. {label}"
        return f"{'（' + '一二三四五六'[int(parts[1]) - 1] + '）'}{parts[2]}.{label}"
    return label


def along_name(spec: FormatSpec, rule: RuleSpec, lang: str | None = None) -> str:
    t = spec.tables[rule.table]
    if rule.each == "col":
        (col,) = [c for c in t.groups[0].cols if c.id == rule.along]
        return col.shown(lang)
    (row,) = [r for r in t.groups[0].rows if r.id == rule.along]
    return row.short(lang) if row.id == "3.2" else row.shown(lang)


def rule_message(spec: FormatSpec, rule: RuleSpec, a: Number, b: Number, lang: str | None = None) -> str:
    key = _RULE_TEXT[rule.id]
    name = along_name(spec, rule)
    if rule.each == "col":
        return messages.text(key, lang, col=name, a=a, b=b)
    return messages.text(key, lang, row=name, a=a, b=b)


def evaluate(spec: FormatSpec, cells: dict[str, CellReading]) -> list[Finding]:
    """Every finding of the hard rules, cell rules and the active table's soft rules."""
    findings: list[Finding] = []
    findings += _cell_findings(spec, cells)
    for rule in spec.rules:
        f = check_rule(spec, rule, cells)
        if f is not None:
            findings.append(f)
    findings += _active_findings(spec, cells)
    return findings


def check_rule(spec: FormatSpec, rule: RuleSpec, cells: dict[str, CellReading]) -> Finding | None:
    """The finding for one hard-rule instance, or None when it holds."""
    stopped = [a for a in rule.cells if cells[a].status != OK]
    if stopped:
        # a rule whose cells are all missing belongs to a missing table or row: said there already
        if all(cells[a].status == MISSING for a in rule.cells):
            return None
        what = rule_subject(spec, rule)
        names = messages.join(cell_name(spec, a) for a in stopped)
        return Finding("rule.unchecked", INFO, list(rule.cells), messages.text("rule.unchecked", what=what, cells=names))
    a = sum((cells[x].value for x in rule.left), 0)  # type: ignore[misc]
    b = sum((cells[x].value for x in rule.right), 0)  # type: ignore[misc]
    if a == b:
        return None
    return Finding(rule.id, ERROR, list(rule.cells), rule_message(spec, rule, a, b), actual=a, expected=b)


def rule_subject(spec: FormatSpec, rule: RuleSpec, lang: str | None = None) -> str:
    """What a rule instance is about (「“自然人”列的勾稽关系」)."""
    return messages.text(f"subject.{rule.id}", lang, name=along_name(spec, rule, lang))


def _cell_findings(spec: FormatSpec, cells: dict[str, CellReading]) -> list[Finding]:
    out: list[Finding] = []
    blanks: dict[tuple[str, str], list[str]] = {}
    for c in spec.cells:
        r = cells[c.address]
        if r.status == INVALID:
            out.append(
                Finding(
                    "cell.invalid", ERROR, [c.address],
                    messages.text("cell.invalid", cell=cell_name(spec, c.address), raw=r.raw, kind=messages.text(f"kind.{c.kind}")),
                    source=r.source,
                )
            )
        elif r.status == BLANK:
            blanks.setdefault((c.table, c.row.id), []).append(c.address)
    for (_table, _row), addrs in blanks.items():
        first = spec.cell(addrs[0])
        empty = messages.text("word.empty")
        raws = messages.join(f"“{cells[a].raw}”" if cells[a].raw and cells[a].raw.strip() else empty for a in addrs)
        out.append(
            Finding(
                "cell.blank", WARNING, addrs,
                messages.text("cell.blank", row=first.row.short() if first.row.id == "3.2" else first.row.shown(),
                              cells=messages.join(spec.cell(a).col.shown() for a in addrs), raws=raws),
                source=cells[addrs[0]].source,
            )
        )
    return out


def _active_findings(spec: FormatSpec, cells: dict[str, CellReading]) -> list[Finding]:
    out: list[Finding] = []
    for row in spec.tables["active"].rows:
        base = f"active/{row.id}/"
        p, c, d = (cells.get(base + k) for k in ("prev_items", "change", "decisions"))
        if p and c and d and all(x.status == OK for x in (p, c, d)) and d.value == p.value + c.value and d.value != 0:  # type: ignore[operator]
            out.append(
                Finding(
                    "active.decisions_as_sum", WARNING, [p.address, c.address, d.address],
                    messages.text("active.decisions_as_sum", row=row.shown(), d=d.value, p=p.value, c=c.value),
                    source=d.source,
                )
            )
    for c in spec.cells:
        if c.kind != "money":
            continue
        r = cells[c.address]
        if r.status != OK:
            continue
        if r.note == "unit:元":
            wan = (Decimal(r.value) / 10000).normalize()  # type: ignore[arg-type]
            msg = messages.text("active.unit_yuan", row=c.row.shown(), raw=r.raw, wan=f"{wan:f}")
        elif r.note == "unit:万元":
            msg = messages.text("active.unit_in_cell", row=c.row.shown(), raw=r.raw)
        elif r.value is not None and r.value >= MONEY_IMPLAUSIBLE:
            msg = messages.text("active.unit_large", row=c.row.shown(), v=r.value)
        else:
            continue
        out.append(Finding("active.unit", WARNING, [c.address], msg, source=r.source))
    return out
