"""The draft after changes: the clerk's edits and the tool's corrections applied, each changed cell
keeping where its value came from, and the findings of the draft as received that each change
resolved.

One data model for every output (the app, the correction sheet, the corrected form, the corrected
copy): ``Report.changes`` says, per cell, the draft's value as typed, the new value, and whether it
is the tool's proposal (with its confidence and reason) or a value the clerk typed by hand;
``Report.received`` keeps what the draft as received got wrong.
"""

from __future__ import annotations

import copy

from .. import formats
from ..model import EDITED, MISSING, OK, CellReading, Change, Correction, Finding, Report, plain
from .corrections import localise

APPLIED = ("certain", "deduced", "likely")
"""Confidences an export applies by itself."""
APPLIED_ONLY_CERTAIN = ("certain", "deduced")
MAX_ROUNDS = 4
"""Corrections applied, then those the corrected cells make possible (a blank deduced once the
wrong total is fixed), at most this many times."""

_RULE_FINDINGS = ("narrative.", "structure.", "fees.", "years.", "format.", "table.", "cell.missing")
"""Findings not recomputed from the cells alone (kept, or re-checked against the document)."""
PROSE = ("narrative.", "structure.", "fees.")
"""Findings ``check_prose`` gives again from the document."""


def apply_edits(report: Report, edits: dict[str, str | None], document=None, *,
                proposals: dict[str, Correction] | None = None) -> Report:
    """A new report with ``edits`` (address → typed text; None keeps the cell as it is) applied,
    the rules and corrections recomputed. Each changed cell is recorded in ``changes``: as the
    tool's proposal when ``proposals`` names it, or when the tool proposed exactly this value (before
    the edit, or given every other edit); else as typed by the clerk. With the ``document`` the
    prose is checked again; without it, prose findings are kept. ``report`` is unchanged."""
    from ..checking.rules import evaluate
    from ..locating.values import parse

    if report.format is None:
        return report
    spec = formats.load(report.format)
    new = copy.deepcopy(report)
    new.received = copy.deepcopy(report.as_received)
    touched: list[str] = []
    for address, raw in edits.items():
        if raw is None or address not in new.cells:
            continue
        old = new.cells[address]
        p = parse(raw, spec.cell(address).kind)
        new.cells[address] = CellReading(address, p.value, raw, p.status, old.source, p.note)
        touched.append(address)
    new.findings = _kept(report.findings, new.cells) + evaluate(spec, new.cells)
    if document is not None:
        from ..checking.prose import check_prose

        new.findings = [f for f in new.findings if not f.rule.startswith(PROSE)]
        new.findings += check_prose(document, new)
    new.corrections = localise(spec, new.cells)
    new.changes = _changes(spec, report, new, touched, proposals or {})
    _attribute(new)
    return new


def settled(report: Report, *, only_certain: bool = False, document=None) -> Report:
    """``report`` with the tool's corrections of the confidences an export applies (``APPLIED``, or
    ``APPLIED_ONLY_CERTAIN``) applied, then those the corrected cells make possible, with the
    findings recomputed (prose included with the ``document``). Later rounds only fill cells the
    corrected ones determine (``deduced``) and never change a cell again. Proposals that stay
    undecided (ambiguous ones) remain in ``corrections``."""
    take = APPLIED_ONLY_CERTAIN if only_certain else APPLIED
    cur = report
    for n in range(MAX_ROUNDS):
        # a value the clerk typed is never overwritten (the rule it breaks stays for a person); a cell
        # changed in an earlier round is not changed again
        done = {ch.cell for ch in cur.changes if n or ch.origin == EDITED}
        chosen: dict[str, Correction] = {}
        for c in cur.corrections:
            if c.confidence in (take if n == 0 else ("deduced",)) and c.cell not in chosen and c.cell not in done and c.cell in cur.cells:
                chosen[c.cell] = c
        if not chosen or cur.format is None:
            break
        cur = apply_edits(cur, {a: plain(c.to) for a, c in chosen.items()}, document, proposals=chosen)
    if cur is report and report.format is not None and report.received is None:
        cur = copy.copy(report)
        cur.received = report.findings
    return cur


def key(f: Finding) -> tuple:
    """What makes two findings the same problem (messages may differ once numbers change)."""
    return f.rule, tuple(f.cells), f.source


def remaining(report: Report) -> set[int]:
    """Indexes into ``report.as_received`` of the findings the report still has."""
    now = {key(f) for f in report.findings}
    return {i for i, f in enumerate(report.as_received) if key(f) in now}


# ---------------------------------------------------------------------------------------------


def _kept(findings: list[Finding], cells: dict[str, CellReading]) -> list[Finding]:
    """The findings the cell rules do not recompute; cells the clerk typed are no longer missing."""
    kept = []
    for f in findings:
        if not f.rule.startswith(_RULE_FINDINGS):
            continue
        if f.rule in ("cell.missing", "table.missing"):
            still = [a for a in f.cells if a not in cells or cells[a].status == MISSING]
            if not still:
                continue
            if len(still) < len(f.cells):
                f = copy.copy(f)
                f.cells = still
        kept.append(f)
    return kept


def _changes(spec: formats.FormatSpec, before: Report, after: Report, touched: list[str],
             proposals: dict[str, Correction]) -> list[Change]:
    """``before.changes`` updated with the cells ``touched``, in form order."""
    prior = {c.cell: c for c in before.changes}
    out = dict(prior)
    for a in touched:
        first = prior.get(a)
        was = before.cells[a] if first is None else None
        b_value = first.before if first is not None else (was.value if was.status == OK else None)
        b_text = first.before_text if first is not None else _text(was)
        now = after.cells[a]
        if (now.raw or "").strip() == (b_text or "").strip():
            out.pop(a, None)  # back to what the draft said
            continue
        value = now.value if now.status == OK else None
        origin = proposals.get(a) or _proposed(spec, before, after, a, value)
        out[a] = Change(a, b_value, b_text, value, _text(now), origin.confidence if origin else EDITED,
                        origin.reason if origin else "")
    order = {c.address: i for i, c in enumerate(spec.cells)}
    return sorted(out.values(), key=lambda c: order.get(c.cell, len(order)))


def _proposed(spec: formats.FormatSpec, before: Report, after: Report, a: str, value) -> Correction | None:
    """The tool's proposal of ``value`` for ``a``: before the edits, or given every other edit."""
    if value is None:
        return None
    for c in before.corrections:
        if c.cell == a and c.to == value:
            return c
    others = dict(after.cells)
    others[a] = before.cells[a]
    for c in localise(spec, others):
        if c.cell == a and c.to == value:
            return c
    return None


def _attribute(report: Report) -> None:
    """Fill each change's ``resolves``: the findings of the draft, gone now, that name its cell."""
    left = remaining(report)
    for ch in report.changes:
        ch.resolves = [i for i, f in enumerate(report.as_received) if i not in left and ch.cell in f.cells]


def _text(cell: CellReading) -> str | None:
    raw = (cell.raw or "").strip()
    return raw or (plain(cell.value) if cell.value is not None else None)
