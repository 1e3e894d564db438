"""Time to write each output of issue 5 for the five shared samples (median of N runs): corrected
template .xlsx and .docx, blank template, corrected copy of a Word and an Excel draft, and the
correction sheet PDF (in-process, Qt already started), plus ``python -m gui sheet`` end to end.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_export.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import builders  # noqa: E402
from conftest import SAMPLE_IDS, sample_path  # noqa: E402

from engine.api import check_file  # noqa: E402
from engine.export import write_blank_template, write_fixed_copy, write_template  # noqa: E402


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from gui.sheet import write_sheet_pdf

    _app = QGuiApplication([])
    reports = [check_file(sample_path(s)) for s in SAMPLE_IDS]
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        good = builders.consistent_values("2021", 5)
        bad = dict(good, **{"requests/3.7/total": str(int(good["requests/3.7/total"]) + 10)})
        drafts = [check_file(builders.docx_official(d / "draft.docx", "2021", bad)),
                  check_file(builders.xlsx_three_sheets(d / "draft.xlsx", "2021", bad))]
        rows = [
            ("template .xlsx (per sample)", lambda: [write_template(r, d / "t.xlsx", force=True) for r in reports], len(reports)),
            ("template .docx (per sample)", lambda: [write_template(r, d / "t.docx", force=True) for r in reports], len(reports)),
            ("blank .xlsx", lambda: write_blank_template("2021", 2025, d / "b.xlsx", force=True), 1),
            ("fix .docx", lambda: write_fixed_copy(drafts[0], d / "f.docx", force=True), 1),
            ("fix .xlsx", lambda: write_fixed_copy(drafts[1], d / "f.xlsx", force=True), 1),
            ("sheet PDF (per sample)", lambda: [write_sheet_pdf(r, d / "s.pdf", force=True) for r in reports], len(reports)),
        ]
        for name, fn, n in rows:
            print(f"{name:32s} {median_ms(fn, runs) / n:8.1f} ms")
        cmd = [sys.executable, "-m", "gui", "sheet", str(sample_path(SAMPLE_IDS[4])), "--pdf", str(d / "cli.pdf"), "--force"]
        print(f"{'python -m gui sheet (process)':32s} {median_ms(lambda: subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True), runs):8.1f} ms")


if __name__ == "__main__":
    main()
