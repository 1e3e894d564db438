"""What the engine says about one file: cells read, findings, corrections.

``Report.to_json()`` is the stable object described in ``shared/docs/check-output.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Number = int | Decimal

OK, BLANK, MISSING, INVALID = "ok", "blank", "missing", "invalid"
ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(slots=True)
class CellReading:
    """One standard cell as read from the file."""

    address: str
    value: Number | None
    raw: str | None
    status: str
    source: str | None
    note: str | None = None
    """Why a value is as it is (unit stripped, thousands separator …), for tooltips."""

    def to_json(self) -> dict[str, Any]:
        return {"value": _num(self.value), "raw": self.raw, "status": self.status, "source": self.source}


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    cells: list[str]
    message: str
    actual: Number | None = None
    expected: Number | None = None
    source: str | None = None
    message_en: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "severity": self.severity, "cells": self.cells}
        if self.actual is not None or self.expected is not None:
            out["actual"] = _num(self.actual)
            out["expected"] = _num(self.expected)
        out["message"] = self.message
        if self.source:
            out["source"] = self.source
        return out


@dataclass(slots=True)
class Correction:
    cell: str
    from_: Number | None
    to: Number
    confidence: str
    """``certain`` | ``likely`` | ``ambiguous`` | ``deduced``."""
    group: int
    rules: list[str]
    reason: str
    typed: str | None = None
    """``from_`` as the clerk typed it when that differs from its plain form (「02」 for 2)."""

    @property
    def from_text(self) -> str | None:
        """The old value as typed (None for a blank)."""
        return self.typed if self.typed is not None else (None if self.from_ is None else plain(self.from_))

    def to_json(self) -> dict[str, Any]:
        return {
            "cell": self.cell, "from": _num(self.from_), "to": _num(self.to), "confidence": self.confidence,
            "group": self.group, "rules": self.rules, "reason": self.reason,
        }


EDITED = "edited"
"""Origin of a change the clerk typed by hand (the others carry the confidence of the tool's proposal)."""


@dataclass(slots=True)
class Change:
    """A cell whose value differs from the draft as received, and where the new value came from."""

    cell: str
    before: Number | None
    """The draft's value (None: blank, missing or unreadable)."""
    before_text: str | None
    """The draft's text as typed (「02」), None for an empty cell."""
    after: Number | None
    after_text: str | None
    origin: str
    """``certain`` | ``deduced`` | ``likely`` | ``ambiguous``: the tool's proposal of that confidence,
    adopted; ``edited``: a value the clerk typed."""
    reason: str = ""
    """The tool's reason (empty for ``edited``)."""
    resolves: list[int] = field(default_factory=list)
    """Indexes into ``Report.received`` of the findings of the draft that this change resolved."""

    @property
    def proposed(self) -> bool:
        """The tool's proposal (not a value typed by hand)."""
        return self.origin != EDITED


@dataclass(slots=True)
class Report:
    """Everything the engine knows about one file."""

    file: str
    format: str | None = None
    year: int | None = None
    agency: str | None = None
    error: str | None = None
    error_code: str | None = None
    error_params: dict[str, Any] = field(default_factory=dict)
    """The parameters of ``error_code``'s message, so ``error_text`` can say it in either language."""
    cells: dict[str, CellReading] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    kind: str | None = None
    """Reader used (``txt``, ``docx``, ``xlsx``)."""
    encoding: str | None = None
    changes: list[Change] = field(default_factory=list)
    """Cells changed from the draft as received (the clerk's edits, corrections applied), in form order."""
    received: list[Finding] | None = None
    """The findings of the draft as received when this report is derived from it (None: it is the draft)."""

    @property
    def as_received(self) -> list[Finding]:
        """What the draft as received got wrong."""
        return self.findings if self.received is None else self.received
    across_years: dict[str, Any] | None = None
    """With last year's report: what was compared (``file``, ``year``, ``copying``), for ``to_json``."""

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "year": self.year,
            "agency": self.agency,
            "error": self.error,
            "cells": {a: c.to_json() for a, c in self.cells.items()},
            "findings": [f.to_json() for f in self.findings],
            "corrections": [c.to_json() for c in self.corrections],
        } | ({"previous": self.across_years} if self.across_years is not None else {})

    def error_text(self, lang: str | None = None) -> str | None:
        """Why the file could not be read, in ``lang`` (default: the current language)."""
        if self.error is None or self.error_code is None:
            return self.error
        from . import messages

        try:
            return messages.text(self.error_code, lang, **self.error_params)
        except (KeyError, IndexError):
            return self.error

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def values(self) -> dict[str, Number | None]:
        """Address → value for cells read as ``ok``; None otherwise."""
        return {a: c.value for a, c in self.cells.items()}


def plain(v: Number) -> str:
    """A number as the clerk would type it (no exponent, no trailing zeros)."""
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")
    return str(v)


def _num(v: Number | None) -> int | float | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and v.as_tuple().exponent >= 0 else float(v)
    return v
