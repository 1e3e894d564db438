"""engine.api for the app: the document kept with its report, and edits re-checking the prose."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLES

from engine.api import apply_edits, check_file, check_file_with_document

S002 = SAMPLES / "002_bfb1f788e4caebeb.txt"


def _damaged(tmp_path: Path) -> Path:
    """Sample 002 whose prose says 予以公开26件 while its table says 25."""
    text = S002.read_bytes().decode("utf-8-sig")
    assert "予以公开25件" in text
    out = tmp_path / "002.txt"
    out.write_text(text.replace("予以公开25件", "予以公开26件"), encoding="utf-8")
    return out


def narrative(report) -> list[str]:
    return [f.rule for f in report.findings if f.rule.startswith("narrative.")]


def test_check_file_with_document_is_check_file(tmp_path) -> None:
    path = _damaged(tmp_path)
    report, doc = check_file_with_document(path)
    assert doc is not None and doc.path == str(path) and doc.rows
    assert report.to_json() == check_file(path).to_json()


def test_unreadable_file_has_no_document(tmp_path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    report, doc = check_file_with_document(bad)
    assert doc is None and report.error


def test_edit_that_agrees_with_the_prose_clears_the_narrative_finding(tmp_path) -> None:
    report, doc = check_file_with_document(_damaged(tmp_path))
    assert narrative(report)
    kept = apply_edits(report, {"requests/3.1/total": "26"})
    assert narrative(kept) == narrative(report)  # without the document: kept as they were
    rechecked = apply_edits(report, {"requests/3.1/total": "26"}, doc)
    assert narrative(rechecked) == []
    back = apply_edits(report, {"requests/3.1/total": "25"}, doc)
    assert narrative(back) == narrative(report)
