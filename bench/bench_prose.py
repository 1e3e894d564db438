"""How long the text checks (prose against tables, structure) add to one check (issue 7, target
under ~5 ms per sample report), in a warm process, on the five samples and the corpus.

    .venv/bin/python bench/bench_prose.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from engine.api import check_document  # noqa: E402
from engine.checking import prose  # noqa: E402
from engine.reading import read_document  # noqa: E402

SHARED = ROOT.parent / "shared"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    groups = {
        "samples": sorted((SHARED / "samples").glob("*.txt")),
        "corpus": sorted(p for d in ("txt", "md", "html", "pdf") for p in (SHARED / "corpus" / d).glob("*.*")),
    }
    for name, paths in groups.items():
        whole, text = [], []
        for p in paths:
            doc = read_document(p)
            report = check_document(doc)
            if report.format is None:
                continue
            t = time.perf_counter()
            for _ in range(args.repeat):
                check_document(doc)
            whole.append((time.perf_counter() - t) / args.repeat * 1000)
            t = time.perf_counter()
            for _ in range(args.repeat):
                prose.check_prose(doc, report)
            text.append((time.perf_counter() - t) / args.repeat * 1000)
        print(f"{name:8} {len(text)} reports  check median {statistics.median(whole):6.2f} ms"
              f"  of which text checks median {statistics.median(text):5.2f} ms, max {max(text):5.2f} ms")


if __name__ == "__main__":
    main()
