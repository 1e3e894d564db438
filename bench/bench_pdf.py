"""How long a PDF (and a web page) takes to read and to check, per page and per report (issue 6,
target: under 300 ms for a typical 8-page report).

Inputs: the corpus PDFs and web pages (shared/corpus/pdf, html), and PDFs printed by LibreOffice
from generated reports (an 8-page 2021 report with long prose, a 2019 report; skipped when
LibreOffice is missing). Times are medians over ``--repeat`` runs in a warm process (the first,
cold run — module imports included — is shown apart).

    .venv/bin/python bench/bench_pdf.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from engine.api import check_file  # noqa: E402
from engine.reading import read_document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def generated(tmp: Path) -> list[Path]:
    """PDFs printed from generated reports; none when LibreOffice or the builders are missing."""
    try:
        import builders as b
        import web_builders as wb
    except Exception as e:  # pragma: no cover - bench without the tests folder
        print(f"(generated PDFs skipped: {e})")
        return []
    if wb.soffice() is None:
        print("(generated PDFs skipped: LibreOffice missing)")
        return []
    title = "测试市生态环境局2022年政府信息公开工作年度报告"
    return [
        wb.pdf(tmp / "generated_2021_long.pdf", "2021", b.consistent_values("2021", 1), title=title,
               prose=wb.LONG_PROSE * 5, header="测试市生态环境局政府信息公开工作年度报告", footer="- {PAGE} -"),
        wb.pdf(tmp / "generated_2019.pdf", "2019", b.consistent_values("2019", 2)),
    ]


def pages_of(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 1
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        return len(doc)
    finally:
        doc.close()


def timed(fn, repeat: int) -> tuple[float, float]:
    """(first run, median of the next ``repeat`` runs), milliseconds."""
    t0 = time.perf_counter()
    fn()
    first = (time.perf_counter() - t0) * 1000
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return first, statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_pdf_") as tmp:
        files = sorted((CORPUS / "pdf").glob("*.pdf")) + generated(Path(tmp)) + sorted((CORPUS / "html").glob("*.html"))
        print(f"{'file':46} {'pages':>5} {'cold ms':>8} {'read ms':>8} {'ms/page':>8} {'check ms':>9} {'cells ok':>9}")
        per_page, per_report = [], []
        for f in files:
            n = pages_of(f)
            cold, read_ms = timed(lambda f=f: read_document(f), args.repeat)
            _, check_ms = timed(lambda f=f: check_file(f), args.repeat)
            r = check_file(f)
            ok = sum(c.status in ("ok", "blank") for c in r.cells.values())
            print(f"{f.name[:46]:46} {n:5d} {cold:8.1f} {read_ms:8.1f} {read_ms / n:8.1f} {check_ms:9.1f} {ok:4d}/{len(r.cells):<4d}")
            if f.suffix == ".pdf":
                per_page.append(read_ms / n)
                per_report.append((n, check_ms))
        if per_page:
            eight = [ms / n * 8 for n, ms in per_report]
            print(f"\nPDF median read per page: {statistics.median(per_page):.1f} ms; "
                  f"median check per report: {statistics.median(ms for _, ms in per_report):.1f} ms; "
                  f"scaled to 8 pages: {statistics.median(eight):.1f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
