"""Copied text (issue 19): the share of each section repeated from last year for every consecutive
平潭 pair (2018→2019 … 2024→2025), the same for unrelated pairs of the corpus (the baseline the
threshold must stay above), and what the comparison costs per report, warm.

    .venv/bin/python bench/bench_copying.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from engine.api import check_document, read_last_year  # noqa: E402
from engine.checking.copying import MIN_SECTION, THRESHOLD, compare, prose_text  # noqa: E402
from engine.checking.prose import check_prose  # noqa: E402
from engine.checking.text import cell_sources, lines  # noqa: E402
from engine.reading import read_document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PINGTAN = [CORPUS / "txt" / "2018_pingtan_zonghe_shiyanqu_LEGACY_pre2019format.txt"] + [
    CORPUS / "txt" / f"{y}_pingtan_zonghe_shiyanqu.txt" for y in range(2019, 2026)]
OTHERS = [CORPUS / "pdf" / "2024_huaian_shi_renmin_zhengfu.pdf", CORPUS / "pdf" / "2024_huaian_hongze_qu_renmin_zhengfu.pdf",
          CORPUS / "md" / "2025_shanghai_shi_renmin_zhengfu_bangongting_pdfextract.md",
          CORPUS / "md" / "2024_shanghai_shi_kewei_pdfextract.md",
          CORPUS / "html" / "2023_suqian_shuyang_xian_fagaiju_crawled.html",
          CORPUS / "txt" / "2025_suqian_shuyang_xian_renmin_zhengfu_ocr.txt", PINGTAN[-2]]
NAMES = {-1: "全文", 0: "一", 1: "二", 2: "三", 3: "四", 4: "五", 5: "六"}


def _text(path: Path):
    doc = read_document(path)
    report = check_document(doc)
    return doc, report, prose_text(lines(doc, cell_sources(report)))


def _row(shares) -> str:
    total = sum(s.chars for s in shares)
    rep = sum(s.repeated for s in shares)
    parts = "  ".join(f"{NAMES[s.section]} {s.share:4.0%} of {s.chars:4}" for s in shares if s.chars >= MIN_SECTION)
    return f"all {rep / total if total else 0:4.0%}  {parts}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    print(f"threshold {THRESHOLD:.0%}, sections under {MIN_SECTION} characters not listed\n\n平潭, consecutive years:")
    for a, b in zip(PINGTAN, PINGTAN[1:], strict=False):
        shares = compare(_text(b)[2], _text(a)[2])
        print(f"  {a.name[:4]}→{b.name[:4]}  {_row(shares)}")
    print("\nother pairs (different agencies, or 洪泽 2023→2024):")
    texts = {p: _text(p)[2] for p in OTHERS + [CORPUS / "pdf" / "2023_huaian_hongze_qu_renmin_zhengfu.pdf"]}
    worst = 0.0
    for a in texts:
        for b in OTHERS:
            if a == b:
                continue
            shares = compare(texts[b], texts[a])
            same = "hongze" in a.name and "hongze" in b.name
            if not same:
                worst = max([worst] + [s.share for s in shares if s.chars >= MIN_SECTION])
            if same or "2024_pingtan" in b.name:
                print(f"  {a.name[:22]:22} → {b.name[:22]:22} {_row(shares)}")
    print(f"  highest section share between different agencies: {worst:.0%}")
    print("\ncost per report, warm: the text checks with last year's report minus without it\n"
          "(last year's report is read once per batch, not counted):")
    cost = []
    for a, b in zip(PINGTAN, PINGTAN[1:], strict=False):
        doc, report, _ = _text(b)
        last = read_last_year(a)
        report.findings = []
        with_last = _time(lambda: check_prose(doc, report, previous=last), args.repeat)  # noqa: B023
        without = _time(lambda: check_prose(doc, report), args.repeat)  # noqa: B023
        cost.append(with_last - without)
    print(f"  平潭 pairs: copied text adds median {statistics.median(cost):.2f} ms, max {max(cost):.2f} ms per report")


def _time(fn, repeat: int) -> float:
    fn()
    t = time.process_time()  # CPU time of this process: other processes on a busy machine do not count
    for _ in range(repeat):
        fn()
    return (time.process_time() - t) / repeat * 1000

if __name__ == "__main__":
    main()
