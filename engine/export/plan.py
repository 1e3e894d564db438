"""What an export writes into each standard cell: the report's values with the accepted corrections
applied, and a mark on every cell that differs from the draft or needs the clerk's eye."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .. import formats, messages
from ..checking.rules import cell_name
from ..model import MISSING, OK, Number, Report

APPLIED = ("certain", "deduced", "likely")
APPLIED_ONLY_CERTAIN = ("certain", "deduced")

CORRECTED, EDITED, DOUBTFUL = "corrected", "edited", "doubtful"
"""Mark kinds: a correction applied; a value the clerk changed by hand; a cell left as typed that
the clerk must decide (ambiguous corrections, or likely ones not applied with ``only_certain``)."""

messages.register(
    {
        "export.note_corrected": ("原值{old}，更正为{new}（依据：{reason}）", "Was {old}, corrected to {new} (because: {reason})"),
        "export.note_edited": ("原值{old}，更正为{new}（人工修改）", "Was {old}, changed to {new} (edited by hand)"),
        "export.note_doubtful": ("存疑，请核实：可能应为{options}", "Doubtful, please check: it may be {options}"),
        "export.note_unreadable": ("原文“{raw}”无法识别为数字，请核实", "The draft's '{raw}' is not a number; please check"),
        "export.note_missing": ("原稿中没有找到这一格的数值，请核实填写", "This cell's value was not found in the draft; please fill it in"),
        "export.blank": ("空白", "blank"),
        "export.or": ("或", " or "),
        "export.author": ("年报校对", "NianbaoCheck"),
    }
)


@dataclass(slots=True)
class Mark:
    kind: str
    old: Number | None
    new: Number | None
    note: str
    confidence: str | None = None


@dataclass(slots=True)
class Filled:
    """The content of a corrected form: final value (or the draft's text) and marks per address."""

    format_id: str
    year: int | None
    agency: str | None
    values: dict[str, Number | None]
    texts: dict[str, str | None]
    """The draft's text for cells with no value (invalid text is kept as typed; None = empty)."""
    marks: dict[str, Mark] = field(default_factory=dict)
    blank_form: bool = False
    """An empty form (next year's template): every total is a formula."""

    def name(self, address: str) -> str:
        return cell_name(formats.load(self.format_id), address)


def show(v: Number | None) -> str:
    """A value as the notes print it (空白 for none)."""
    if v is None:
        return messages.text("export.blank")
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")
    return str(v)


def plan(report: Report, *, only_certain: bool = False, original: Report | None = None) -> Filled:
    """The corrected content of ``report``. ``original`` (the report as read, before the clerk's
    edits) lets cells the clerk changed be marked as edited by hand."""
    if report.format is None:
        raise ValueError("report has no format")
    spec = formats.load(report.format)
    values: dict[str, Number | None] = {}
    texts: dict[str, str | None] = {}
    for c in spec.cells:
        r = report.cells.get(c.address)
        values[c.address] = r.value if r is not None and r.status == OK else None
        texts[c.address] = r.raw if r is not None and r.status != OK and r.raw and r.raw.strip() else None
    filled = Filled(report.format, report.year, report.agency, values, texts)
    if original is not None and original.format == report.format:
        for a in values:
            before, after = original.cells.get(a), report.cells.get(a)
            if before is None or after is None or (before.raw or "") == (after.raw or ""):
                continue
            old = before.value if before.status == OK else None
            filled.marks[a] = Mark(EDITED, old, values[a],
                                   messages.text("export.note_edited", old=show(old) if old is not None or not before.raw
                                                 else before.raw, new=show(values[a])))
    applied = APPLIED_ONLY_CERTAIN if only_certain else APPLIED
    doubtful: dict[str, list[Number]] = {}
    for c in report.corrections:
        if c.confidence in applied:
            base = filled.marks.get(c.cell)
            old = base.old if base is not None else c.from_
            values[c.cell] = c.to
            texts[c.cell] = None
            filled.marks[c.cell] = Mark(CORRECTED, old, c.to, messages.text("export.note_corrected", old=show(old), new=show(c.to),
                                                                             reason=c.reason.rstrip("。")), c.confidence)
        else:
            doubtful.setdefault(c.cell, [])
            if c.to not in doubtful[c.cell]:
                doubtful[c.cell].append(c.to)
    for a, options in doubtful.items():
        if a in filled.marks and filled.marks[a].kind == CORRECTED:
            continue
        opts = messages.text("export.or").join(show(v) for v in options)
        filled.marks[a] = Mark(DOUBTFUL, values[a], values[a], messages.text("export.note_doubtful", options=opts), "ambiguous")
    for a, t in texts.items():
        if t is not None and a not in filled.marks:
            filled.marks[a] = Mark(DOUBTFUL, None, None, messages.text("export.note_unreadable", raw=t))
    for a, r in report.cells.items():
        if r.status == MISSING and a not in filled.marks and a in values:
            filled.marks[a] = Mark(DOUBTFUL, None, None, messages.text("export.note_missing"))
    return filled


def blank(format_id: str, year: int | None) -> Filled:
    """An empty form of this format."""
    spec = formats.load(format_id)
    return Filled(format_id, year, None, {c.address: None for c in spec.cells}, {c.address: None for c in spec.cells},
                  blank_form=True)
