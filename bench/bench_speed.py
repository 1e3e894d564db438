"""The table of issue 17 in one command: per-report time in a warm process, whole-process time of
one check, folder throughput and memory, on the generated set of ``bench/speed_set.py``.

    .venv/bin/python bench/bench_speed.py [--repeat 5] [--runs 15] [--memory]
    .venv/bin/python bench/bench_speed.py --snapshot out/speed-json-before.jsonl   # readings, to compare later
    .venv/bin/python bench/bench_speed.py --compare out/speed-json-before.jsonl

Rows:

- ``warm`` per kind: ``check_file`` in this process after one warm-up pass (read + locate + rules +
  prose + corrections), median over every file × ``--repeat``; ``read`` is ``read_document`` alone;
  ``worst`` the slowest file's median.
- ``process``: ``python -m engine check --json FILE`` start to exit, median of ``--runs``, on the
  first file of each kind.
- ``folder``: ``python -m engine check --json --jobs 2`` on the whole set (best of three, since the
  machine is shared), reports/s, peak RSS of the process tree; ``--memory`` also runs 1,000 files
  (the set copied until there are 1,000) and reports their peak RSS.

The machine, its load (``uptime``) and the date are printed first: the figures are medians on a
shared machine and mean little without them. Child processes run with the bytecode cache
(``PYTHONDONTWRITEBYTECODE`` removed from their environment), as an installed tool or the bundle
does; with ``--no-pyc`` they compile every module from source on every start.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import speed_set  # noqa: E402
from proctree import run_measured  # noqa: E402

KINDS = ("txt", "docx", "xlsx")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""Child processes run as an installed tool does: with compiled bytecode cached (``__pycache__``)."""


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{time.strftime('%Y-%m-%d %H:%M')}  {os.cpu_count()} CPUs {cpu}  Python {sys.version.split()[0]}  "
            f"load average {load}")


def warm(files: list[Path], repeat: int) -> None:
    from engine.api import check_file
    from engine.reading import read_document

    for f in files:  # warm up: imports, compiled patterns, caches
        check_file(f)
    print(f"{'warm, per report':<24}{'files':>6}{'median ms':>11}{'read ms':>9}{'worst ms':>10}")
    for kind in KINDS:
        group = [f for f in files if f.suffix == f".{kind}"]
        per_file: dict[Path, list[float]] = {f: [] for f in group}
        reads: list[float] = []
        for _ in range(repeat):
            for f in group:
                t = time.perf_counter()
                read_document(f)
                reads.append(time.perf_counter() - t)
                t = time.perf_counter()
                r = check_file(f)
                per_file[f].append(time.perf_counter() - t)
                assert r.error is None, (f, r.error)
        every = [x for xs in per_file.values() for x in xs]
        worst = max(statistics.median(xs) for xs in per_file.values())
        print(f"{kind:<24}{len(group):>6}{statistics.median(every) * 1000:>11.1f}"
              f"{statistics.median(reads) * 1000:>9.1f}{worst * 1000:>10.1f}")


def process(files: list[Path], runs: int) -> None:
    print(f"{'whole process, one file':<24}{'runs':>6}{'median s':>11}{'min s':>9}")
    for kind in KINDS:
        f = next(f for f in files if f.suffix == f".{kind}")
        subprocess.run([sys.executable, "-m", "engine", "check", "--json", str(f)], cwd=ROOT, env=ENV,
                       stdout=subprocess.DEVNULL, check=False)  # writes the bytecode cache
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "engine", "check", "--json", str(f)], cwd=ROOT, env=ENV,
                           stdout=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - t)
        print(f"{kind:<24}{runs:>6}{statistics.median(times):>11.3f}{min(times):>9.3f}")


def folder(path: Path, jobs: int) -> tuple[float, int, list[bytes], float]:
    """Seconds, peak RSS of the process tree (KB), the output lines of checking ``path``, and the
    CPU seconds (user + system) of the whole process tree."""
    m = run_measured([sys.executable, "-m", "engine", "check", "--json", "--no-progress", "--jobs", str(jobs), str(path)],
                     ROOT, ENV)
    return m.seconds, m.peak_kb, m.lines, m.cpu


def throughput(path: Path, n: int, memory: bool) -> None:
    print(f"{'folder, --jobs 2':<24}{'files':>6}{'seconds':>11}{'reports/s':>11}{'peak MB':>9}{'CPU s':>8}")
    runs = [folder(path, 2) for _ in range(3)]
    secs, peak, lines, cpu = min(runs, key=lambda r: r[0])
    assert len(lines) == n, (len(lines), n)
    print(f"{'generated set':<24}{n:>6}{secs:>11.2f}{n / secs:>11.1f}{peak / 1024:>9.0f}{cpu:>8.2f}"
          f"   (runs: {' '.join(f'{r[0]:.2f}' for r in runs)}; CPU s is user + system of the process tree:"
          f" on 2 free cores the wall time can approach CPU s / 2)")
    if memory:
        big = ROOT / "out" / "speed-1000"
        if not big.exists():
            big.mkdir(parents=True)
            src = sorted(path.iterdir())
            for i in range(1000):
                s = src[i % len(src)]
                shutil.copyfile(s, big / f"{i:04d}-{s.name}")
        secs, peak, lines, cpu = folder(big, 2)
        assert len(lines) == 1000, len(lines)
        print(f"{'1,000 files':<24}{1000:>6}{secs:>11.2f}{1000 / secs:>11.1f}{peak / 1024:>9.0f}{cpu:>8.2f}")


def snapshot(path: Path) -> bytes:
    """The JSON lines of the whole set, one process, files in order."""
    return subprocess.run([sys.executable, "-m", "engine", "check", "--json", "--jobs", "1", str(path)],
                          cwd=ROOT, capture_output=True, check=False).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--memory", action="store_true", help="also 1,000 files, for peak memory")
    ap.add_argument("--only", choices=["warm", "process", "folder"], action="append")
    ap.add_argument("--snapshot", type=Path, help="save the readings of the set to this file and stop")
    ap.add_argument("--compare", type=Path, help="compare the readings (one process and --jobs 2) with a snapshot")
    ap.add_argument("--no-pyc", action="store_true", help="children compile every module from source, every time")
    args = ap.parse_args()
    if args.no_pyc:  # no cache written, and none read: an empty cache folder of its own
        ENV.update(PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="nopyc-"))
    files = speed_set.generate(speed_set.DEFAULT)
    if args.snapshot:
        args.snapshot.write_bytes(snapshot(speed_set.DEFAULT))
        return 0
    if args.compare:
        before = args.compare.read_bytes()
        same = snapshot(speed_set.DEFAULT) == before
        parallel = b"".join(folder(speed_set.DEFAULT, 2)[2]) == before
        print(f"one process: {'identical' if same else 'DIFFERS'}; --jobs 2: {'identical' if parallel else 'DIFFERS'}"
              f" ({len(before.splitlines())} reports)")
        return 0 if same and parallel else 1
    print(machine())
    only = set(args.only or ["warm", "process", "folder"])
    if "warm" in only:
        warm(files, args.repeat)
    if "process" in only:
        process(files, args.runs)
    if "folder" in only:
        throughput(speed_set.DEFAULT, len(files), args.memory)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
