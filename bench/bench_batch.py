"""Throughput of a whole folder (issue 8): reports per second with --jobs 1 and --jobs 2, peak
memory of the whole process tree, and the start-up time of ``python -m engine check`` on one
small file.

Reports are generated (consistent numbers from a seed, a realistic share of broken cells, every
supported layout: Word tables as published, split or pasted; Excel; text in four layouts and
encodings; Markdown; web pages and MHTML; PDFs printed by LibreOffice, a pool of distinct ones copied)
into a temporary folder: a .txt/.docx mix, and a mix of every format.

    .venv/bin/python bench/bench_batch.py [--sizes 100 1000]
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
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import builders  # noqa: E402
import web_builders  # noqa: E402
from proctree import run_measured  # noqa: E402

TXT_DOCX = ["txt_tab_utf8", "txt_pipe_gb18030", "txt_lines_utf16", "txt_tab_led_utf8sig", "docx_official", "docx_split_repeat", "docx_paragraphs"]
WEB = {"html": ("html", web_builders.html), "mhtml": ("mhtml", web_builders.mhtml), "md_pipe": ("md", builders.VARIANTS["txt_pipe_gb18030"])}
EVERY = sorted(builders.VARIANTS) + sorted(WEB) + ["pdf"]
PDF_POOL = 12
"""Distinct PDFs printed by LibreOffice (about a second each); the ``pdf`` slots cycle through copies."""


def generate(folder: Path, n: int, variants: list[str]) -> None:
    """``n`` reports cycling through ``variants``, both formats, one in seven with a broken total."""
    pool: list[Path] = []
    for i in range(n):
        fmt = "2019" if i % 3 == 0 else "2021"
        values = builders.consistent_values(fmt, i)
        if i % 7 == 0:
            values["requests/3.7/total"] = str(int(values["requests/3.7/total"] or 0) + 1)
        v = variants[i % len(variants)]
        year = 2020 if fmt == "2019" else 2023
        title = f"第{i}乡人民政府{year}年政府信息公开工作年度报告"
        if v == "pdf":
            out = folder / f"r{i:05d}.pdf"
            if len(pool) < PDF_POOL and web_builders.soffice():
                pool.append(web_builders.pdf(folder / f"pool{len(pool):02d}.pdf", fmt, values, title=title))
                pool[-1].rename(out)
                pool[-1] = out
            elif pool:
                out.write_bytes(pool[i % len(pool)].read_bytes())
            else:  # no LibreOffice here: a text report instead, so the count stays n
                builders.VARIANTS["txt_tab_utf8"](folder / f"r{i:05d}.txt", fmt, values, title=title)
            continue
        if v in WEB:
            ext, build = WEB[v]
            build(folder / f"r{i:05d}.{ext}", fmt, values, title=title)
            continue
        ext = "docx" if v.startswith("docx") else "xlsx" if v.startswith("xlsx") else "txt"
        builders.VARIANTS[v](folder / f"r{i:05d}.{ext}", fmt, values, title=title)


def run(folder: Path, jobs: int) -> tuple[float, int, int]:
    """Seconds, peak RSS of the process tree (KB), number of output lines."""
    m = run_measured([sys.executable, "-m", "engine", "check", "--json", "--no-progress", "--jobs", str(jobs), str(folder)], ROOT)
    return m.seconds, m.peak_kb, len(m.lines)


def startup(sample: Path, repeat: int = 10) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "engine", "check", "--json", str(sample)], cwd=ROOT, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = ap.parse_args()
    print(f"cores: {os.cpu_count()}")
    print(f"{'set':<10}{'files':>7}{'jobs':>6}{'seconds':>10}{'reports/s':>11}{'peak MB':>9}")
    with tempfile.TemporaryDirectory() as d:
        for name, variants in (("txt+docx", TXT_DOCX), ("all", EVERY)):
            for n in args.sizes:
                folder = Path(d) / f"{name}-{n}"
                folder.mkdir()
                generate(folder, n, variants)
                for jobs in (1, 2):
                    secs, peak, lines = run(folder, jobs)
                    assert lines == n, (lines, n)
                    print(f"{name:<10}{n:>7}{jobs:>6}{secs:>10.2f}{n / secs:>11.1f}{peak / 1024:>9.0f}")
        small = ROOT.parent / "shared" / "samples" / "003_737661822b4db9a0.txt"
        print(f"start-up + one small .txt check: {startup(small) * 1000:.0f} ms (median of 10)")


if __name__ == "__main__":
    main()
