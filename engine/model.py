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

    def to_json(self) -> dict[str, Any]:
        return {
            "cell": self.cell, "from": _num(self.from_), "to": _num(self.to), "confidence": self.confidence,
            "group": self.group, "rules": self.rules, "reason": self.reason,
        }


@dataclass(slots=True)
class Report:
    """Everything the engine knows about one file."""

    file: str
    format: str | None = None
    year: int | None = None
    agency: str | None = None
    error: str | None = None
    error_code: str | None = None
    cells: dict[str, CellReading] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    kind: str | None = None
    """Reader used (``txt``, ``docx``, ``xlsx``)."""
    encoding: str | None = None
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

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def values(self) -> dict[str, Number | None]:
        """Address → value for cells read as ``ok``; None otherwise."""
        return {a: c.value for a, c in self.cells.items()}


def _num(v: Number | None) -> int | float | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and v.as_tuple().exponent >= 0 else float(v)
    return v
