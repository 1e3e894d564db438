"""Cost of recording where each changed value came from (issue 15): ``api.apply_edits`` on the
issue's swapped-digit Word draft with the document (prose re-checked) — accepting the tool's
proposals (matched against the draft's corrections) and with 1, 5, 20 values typed by hand (each
asks the tool once more whether it would have proposed it) — and ``plan`` (the export's settle
step) and the sheet content. Median of N runs, milliseconds.

    .venv/bin/python bench/bench_outcome.py [--runs 7]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import builders  # noqa: E402
from bench_export import median_ms  # noqa: E402

from engine.api import apply_edits, check_file_with_document  # noqa: E402
from engine.export.plan import plan  # noqa: E402
from engine.export.sheet import sheet_content  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        path, good = builders.swapped_draft(Path(tmp) / "draft.docx")
        report, doc = check_file_with_document(path)
        accepted = {c.cell: str(c.to) for c in report.corrections if c.confidence == "certain"}
        active = [a for a in report.cells if a.startswith("active/") and report.cells[a].status == "ok"]
        rows = [("apply_edits, proposals accepted", lambda: apply_edits(report, accepted, doc))]
        for n in (1, 5, 20):
            hand = {a: str(int(report.cells[a].value) + 1) for a in active[:n]}
            rows.append((f"apply_edits, proposals + {n} typed by hand", lambda h=hand: apply_edits(report, {**accepted, **h}, doc)))
        req = [a for a in report.cells if a.startswith("requests/3.3") and report.cells[a].status == "ok"][:3]
        broken = {a: str(int(report.cells[a].value) + 1) for a in req}
        rows.append(("apply_edits, 3 typed by hand breaking table 三", lambda: apply_edits(report, broken, doc)))
        rows.append(("plan (settle + marks), as read", lambda: plan(report, document=doc)))
        rows.append(("sheet_content, as read", lambda: sheet_content(report, document=doc)))
        for name, fn in rows:
            print(f"{name:45s} {median_ms(fn, runs):8.1f} ms")


if __name__ == "__main__":
    main()
