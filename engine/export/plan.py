"""What an export writes into each standard cell: the report's values with the accepted corrections
applied, and a mark on every cell that differs from the draft or needs the clerk's eye."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import formats, messages
from ..checking.rules import cell_name
from ..model import EDITED, MISSING, OK, Number, Report, plain
from ..repair.outcome import APPLIED, APPLIED_ONLY_CERTAIN, settled

__all__ = ["APPLIED", "APPLIED_ONLY_CERTAIN", "CORRECTED", "DOUBTFUL", "EDITED", "Filled", "Mark", "blank", "plan", "show"]

CORRECTED, DOUBTFUL = "corrected", "doubtful"
"""Mark kinds: a correction applied; a value the clerk changed by hand; a cell left as typed that
the clerk must decide (ambiguous corrections, or likely ones not applied with ``only_certain``)."""

messages.register(
    {
        "export.note_corrected": ("原值{old}，更正为{new}（{how}；依据：{reason}）", "Was {old}, corrected to {new} ({how}; because: {reason})"),
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
    report: Report | None = None
    """The report after every change written here (its findings are what remains)."""

    def name(self, address: str) -> str:
        return cell_name(formats.load(self.format_id), address)


def show(v: Number | None) -> str:
    """A value as the notes print it (空白 for none)."""
    if v is None:
        return messages.text("export.blank")
    return plain(v)


def plan(report: Report, *, only_certain: bool = False, document=None) -> Filled:
    """The corrected content of ``report`` (as read, or with the clerk's edits from
    ``api.apply_edits``): the corrections an export applies are applied (``repair.outcome.settled``;
    the ``document`` lets the prose be re-checked), every changed cell marked with its origin."""
    if report.format is None:
        raise ValueError("report has no format")
    final = settled(report, only_certain=only_certain, document=document)
    spec = formats.load(report.format)
    values: dict[str, Number | None] = {}
    texts: dict[str, str | None] = {}
    for c in spec.cells:
        r = final.cells.get(c.address)
        values[c.address] = r.value if r is not None and r.status == OK else None
        texts[c.address] = r.raw if r is not None and r.status != OK and r.raw and r.raw.strip() else None
    filled = Filled(report.format, report.year, report.agency, values, texts, report=final)
    for ch in final.changes:
        old = ch.before_text if ch.before_text is not None else show(None)
        if ch.proposed:
            note = messages.text("export.note_corrected", old=old, new=show(ch.after), how=confidence(ch.origin),
                                 reason=ch.reason.rstrip("。"))
            filled.marks[ch.cell] = Mark(CORRECTED, ch.before, ch.after, note, ch.origin)
        else:
            filled.marks[ch.cell] = Mark(EDITED, ch.before, ch.after,
                                         messages.text("export.note_edited", old=old, new=show(ch.after)), EDITED)
    doubtful: dict[str, list[Number]] = {}
    take = APPLIED_ONLY_CERTAIN if only_certain else APPLIED
    for c in [c for c in report.corrections if c.confidence not in take] + final.corrections:
        if c.to not in doubtful.setdefault(c.cell, []):
            doubtful[c.cell].append(c.to)
    for a, options in doubtful.items():
        if a in filled.marks or a not in values:
            continue
        opts = messages.text("export.or").join(show(v) for v in options)
        filled.marks[a] = Mark(DOUBTFUL, values[a], values[a], messages.text("export.note_doubtful", options=opts), "ambiguous")
    for a, t in texts.items():
        if t is not None and a not in filled.marks:
            filled.marks[a] = Mark(DOUBTFUL, None, None, messages.text("export.note_unreadable", raw=t))
    for a, r in final.cells.items():
        if r.status == MISSING and a not in filled.marks and a in values:
            filled.marks[a] = Mark(DOUBTFUL, None, None, messages.text("export.note_missing"))
    return filled


def confidence(origin: str) -> str:
    """The clerk's word for a change's origin: 确定, 推算, 较可能, 存疑, 人工修改."""
    return messages.text(f"confidence.{origin}")


def blank(format_id: str, year: int | None) -> Filled:
    """An empty form of this format."""
    spec = formats.load(format_id)
    return Filled(format_id, year, None, {c.address: None for c in spec.cells}, {c.address: None for c in spec.cells},
                  blank_form=True)
