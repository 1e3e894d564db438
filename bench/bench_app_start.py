"""App start to the first report's tables painted (issue 17, target ≤ 1.0 s), from the venv.

Launches ``python bench/bench_app_start.py --probe SAMPLE`` N times on a private Xvfb (or
``--display``). The probe runs the app exactly as ``python -m gui SAMPLE`` does (``gui.app.main``),
with one application-wide event filter that notes the first paint of a form table holding the
report's cells (a ``QTableView`` whose model has cell ``infos``) and the first paint of the main
window; it prints both as ``time.monotonic()`` and ends the process. The launcher measures from
just before it starts the child, so the figures include interpreter start and every import.

    .venv/bin/python bench/bench_app_start.py [--runs 7] [--sample FILE] [--display :0]

The bundle cannot take the probe; ``bench/bench_startup.py`` times its first window on screen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "sample-2020-xiangdu.txt"


def probe(argv: list[str]) -> int:
    """Run the app on ``argv`` and print when the window and the first report's tables were painted."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    seen: dict[str, float] = {}

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                if "window" not in seen and isinstance(obj, QMainWindow):
                    seen["window"] = time.monotonic()
                view = obj.parent()
                if isinstance(view, QAbstractItemView) and getattr(view.model(), "infos", None):
                    seen["tables"] = time.monotonic()
                    print(f"window {seen.get('window', seen['tables']):.6f}", flush=True)
                    print(f"tables {seen['tables']:.6f}", flush=True)
                    os._exit(0)
            return False

    watch = Watch()
    app.installEventFilter(watch)
    from gui.app import main

    return main(argv)


def one(cmd: list[str], env: dict[str, str], timeout: float = 60.0) -> tuple[float, float]:
    """(seconds to the window painted, seconds to the tables painted) for one launch."""
    t0 = time.monotonic()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    marks = dict(line.split() for line in r.stdout.splitlines() if line.startswith(("window ", "tables ")))
    if "tables" not in marks:
        raise RuntimeError(f"no tables painted (exit {r.returncode}): {r.stderr[-1500:]}")
    return float(marks["window"]) - t0, float(marks["tables"]) - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    ap.add_argument("--display", help="use this X display instead of a private Xvfb")
    ap.add_argument("--probe", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.probe is not None:
        return probe(args.probe)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "PYTHONDONTWRITEBYTECODE")}
    xvfb = None
    display = args.display
    if display is None:
        if not shutil.which("Xvfb"):
            print("bench_app_start: Xvfb not found (apt-get install xvfb), or pass --display", file=sys.stderr)
            return 2
        display = ":88"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
    env["DISPLAY"] = display
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"app start to first report painted, target ≤ 1.0 s; {time.strftime('%Y-%m-%d %H:%M')}, "
          f"{os.cpu_count()} CPUs, load average {load}; sample {args.sample.name}")
    try:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--probe", str(args.sample)]
        one(cmd, env)  # warm the page cache and the bytecode cache
        runs = [one(cmd, env) for _ in range(args.runs)]
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    for i, label in ((0, "window painted"), (1, "tables painted")):
        ts = [r[i] for r in runs]
        print(f"venv  {label:<15} median {statistics.median(ts):.3f} s  min {min(ts):.3f}  max {max(ts):.3f}  "
              f"({' '.join(f'{t:.3f}' for t in ts)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
