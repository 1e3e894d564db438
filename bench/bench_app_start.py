"""App start to the first report's tables painted (issue 17, target ≤ 1.0 s), from the venv.

Launches ``python bench/bench_app_start.py --probe SAMPLE`` N times on a private Xvfb (or
``--display``). The probe runs the app exactly as ``python -m gui SAMPLE`` does (``gui.app.main``),
with one application-wide event filter that notes the first paint of a form table holding the
report's cells (a ``QTableView`` whose model has cell ``infos``) and the first paint of the main
window; it prints both as ``time.monotonic()`` and ends the process. The launcher measures from
just before it starts the child, so the figures include interpreter start and every import.

    .venv/bin/python bench/bench_app_start.py [--runs 7] [--sample FILE] [--display :0]

The bundle cannot take the probe: with ``--exe dist/nianbaocheck/nianbaocheck`` (and, to compare
the two ways of measuring, ``--screens`` for the venv) the time is read off the screen instead:
the window's pixels are grabbed every few milliseconds (libX11 through ctypes) and the report
counts as painted at the first frame within 2 % of the frame the window shows 4 s later.
"""

from __future__ import annotations

import argparse
import ctypes
import os
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


class _Image(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
        ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int), ("red_mask", ctypes.c_ulong),
        ("green_mask", ctypes.c_ulong), ("blue_mask", ctypes.c_ulong), ("obdata", ctypes.c_void_p),
        ("create_image", ctypes.c_void_p), ("destroy_image", ctypes.c_void_p),
    ]


class Screen:
    """Grabs of the first big viewable top-level window (libX11 through ctypes)."""

    def __init__(self, display: str) -> None:
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_startup import X, _Attrs

        self.x = X(display)
        self.attrs = _Attrs
        lib = self.x.lib
        lib.XGetImage.restype = ctypes.POINTER(_Image)
        lib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                  ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]

    def window(self) -> tuple[int, int, int, int] | None:
        """(x, y, width, height) of the app's window when one is on screen."""
        lib, x = self.x.lib, self.x
        r, p, n = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_uint()
        kids = ctypes.POINTER(ctypes.c_ulong)()
        lib.XQueryTree(x.dpy, x.root, ctypes.byref(r), ctypes.byref(p), ctypes.byref(kids), ctypes.byref(n))
        try:
            for i in range(n.value):
                a = self.attrs()
                if lib.XGetWindowAttributes(x.dpy, kids[i], ctypes.byref(a)) and a.map_state == x.IS_VIEWABLE \
                        and a.width > 200 and a.height > 200:
                    root = self.attrs()
                    lib.XGetWindowAttributes(x.dpy, x.root, ctypes.byref(root))
                    x0, y0 = max(0, a.x), max(0, a.y)  # the part of the window on the screen
                    return x0, y0, min(a.x + a.width, root.width) - x0, min(a.y + a.height, root.height) - y0
            return None
        finally:
            if kids:
                lib.XFree(kids)

    def grab(self, box: tuple[int, int, int, int]) -> bytes:
        """Every 16th byte of the screen inside ``box`` (enough to tell frames apart)."""
        x0, y0, w, h = box
        img = self.x.lib.XGetImage(self.x.dpy, self.x.root, x0, y0, w, h, ~0 & 0xFFFFFFFF, 2)
        if not img:
            return b""
        try:
            return ctypes.string_at(img.contents.data, img.contents.bytes_per_line * img.contents.height)[::16]
        finally:
            ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(_Image))(img.contents.destroy_image)(img)


def _close(a: bytes, b: bytes) -> bool:
    """Frames differ in at most 2 % of the sampled bytes."""
    if len(a) != len(b) or not a:
        return False
    step = max(1, len(a) // 20000)
    diff = sum(1 for i in range(0, len(a), step) if a[i] != b[i])
    return diff <= 0.02 * len(range(0, len(a), step))


def on_screen(cmd: list[str], env: dict[str, str], screen: Screen, settle: float = 4.0) -> tuple[float, float]:
    """(seconds to the window on screen, seconds to the report painted), read off the screen."""
    while screen.window() is not None:  # the previous run's window must be gone
        time.sleep(0.01)
    frames: list[tuple[float, bytes]] = []
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        shown = None
        while time.monotonic() - t0 < 60:
            box = screen.window()
            if box is not None:
                shown = shown or time.monotonic()
                frames.append((time.monotonic(), screen.grab(box)))
                if time.monotonic() - shown > settle:
                    break
            time.sleep(0.003)
        if shown is None:
            raise RuntimeError("no window")
    finally:
        proc.terminate()
        proc.wait(10)
    final = frames[-1][1]
    painted = next(t for t, f in frames if _close(f, final))
    return shown - t0, painted - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    ap.add_argument("--display", help="use this X display instead of a private Xvfb")
    ap.add_argument("--exe", type=Path, help="also the bundle, e.g. dist/nianbaocheck/nianbaocheck (read off the screen)")
    ap.add_argument("--screens", action="store_true", help="also the venv read off the screen")
    ap.add_argument("--probe", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.probe is not None:
        return probe(args.probe)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "PYTHONDONTWRITEBYTECODE")}
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_startup import private_display

    display, xvfb = private_display(args.display, ":88")
    if display is None:
        return 2
    if xvfb is not None:
        time.sleep(0.5)
    env["DISPLAY"] = display
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"app start to first report painted, target ≤ 1.0 s; {time.strftime('%Y-%m-%d %H:%M')}, "
          f"{os.cpu_count()} CPUs, load average {load}; sample {args.sample.name}")
    results: list[tuple[str, list[tuple[float, float]]]] = []
    try:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--probe", str(args.sample)]
        one(cmd, env)  # warm the page cache and the bytecode cache
        results.append(("venv, probe", [one(cmd, env) for _ in range(args.runs)]))
        if args.screens or args.exe:
            screen = Screen(display)
            if args.screens:
                cmd = [sys.executable, "-m", "gui", str(args.sample)]
                results.append(("venv, screen", [on_screen(cmd, env, screen) for _ in range(args.runs)]))
                print(f"  {results[-1]}", file=sys.stderr, flush=True)
            if args.exe:
                cmd = [str(args.exe), str(args.sample)]
                on_screen(cmd, env, screen)
                results.append(("bundle, screen", [on_screen(cmd, env, screen) for _ in range(args.runs)]))
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    for name, runs in results:
        for i, label in ((0, "window"), (1, "report painted")):
            ts = [r[i] for r in runs]
            print(f"{name:<15} {label:<15} median {statistics.median(ts):.3f} s  min {min(ts):.3f}  max {max(ts):.3f}  "
                  f"({' '.join(f'{t:.3f}' for t in ts)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
