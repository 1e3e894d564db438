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


def test_narrative_quote_is_the_drafts_own_text(tmp_path) -> None:
    """The quoted sentence is as the draft writes it (full-width commas, spaces), so the clerk can
    search for it in Word; the comparison itself runs on the width-folded text."""
    text = S002.read_bytes().decode("utf-8-sig")
    line = next(ln for ln in text.splitlines() if "予以公开25件" in ln)
    typed = line.replace(",", "，").replace("予以公开25件", "予以公开 26 件")
    out = tmp_path / "002-fullwidth.txt"
    out.write_text(text.replace(line, typed), encoding="utf-8")
    [f] = [f for f in check_file(out).findings if f.rule == "narrative.disclosed"]
    assert "81件，其中予以公开 26 件，部分公开8件" in f.message


def test_fold_mapped_folds_exactly_as_fold() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from engine.checking.text import fold, fold_mapped

    alphabet = st.sampled_from(list("本年新收81件，,（）()　 \t*#-> ①Ａ５。\u00a0\u3000") + ["**", "## "])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(alphabet, max_size=30).map("".join))
    def check(text: str) -> None:
        folded, raw = fold_mapped(text)
        assert folded == fold(text)
        assert len(raw) == len(folded)

    check()
