"""Prose against tables, report structure, this year against last year (issue 7). Stub until it lands."""

from __future__ import annotations

from .document import Document
from .model import Finding, Report


def check_prose(doc: Document, report: Report, previous: Report | None = None) -> list[Finding]:
    """Findings where the report's own words contradict its tables."""
    return []
