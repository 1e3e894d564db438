"""Start-up of the desktop app: launch → first window mapped and viewable on an X server.

Starts a private Xvfb (or uses $DISPLAY with --display), launches the app on the bundled sample
N times and polls the X server (libX11 through ctypes, every millisecond) until a top-level window
larger than 8×8 is viewable. Before each run it drops the page cache (``sync; echo 3 >
/proc/sys/vm/drop_caches``) when permitted, so the run is cold; otherwise it says "warm".
Also prints the bundle and package sizes when they exist.

    .venv/bin/python bench/bench_startup.py [--runs 5] [--exe dist/nianbaocheck/nianbaocheck] [--source]
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "sample-2020-xiangdu.txt"


class _Attrs(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
        ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong), ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]


class X:
    """Just enough Xlib to see whether a top-level window is viewable."""

    IS_VIEWABLE = 2

    def __init__(self, display: str) -> None:
        self.lib = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
        self.lib.XOpenDisplay.restype = ctypes.c_void_p
        self.lib.XDefaultRootWindow.restype = ctypes.c_ulong
        self.lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.lib.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                                        ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                                        ctypes.POINTER(ctypes.c_uint)]
        self.lib.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_Attrs)]
        self.dpy = self.lib.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open X display {display}")
        self.root = self.lib.XDefaultRootWindow(self.dpy)

    def window_shown(self) -> bool:
        r, p, n = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_uint()
        kids = ctypes.POINTER(ctypes.c_ulong)()
        self.lib.XQueryTree(self.dpy, self.root, ctypes.byref(r), ctypes.byref(p), ctypes.byref(kids), ctypes.byref(n))
        try:
            for i in range(n.value):
                a = _Attrs()
                if self.lib.XGetWindowAttributes(self.dpy, kids[i], ctypes.byref(a)) and \
                        a.map_state == self.IS_VIEWABLE and a.width > 8 and a.height > 8:
                    return True
            return False
        finally:
            if kids:
                self.lib.XFree(kids)


def drop_caches() -> bool:
    """Empty the page cache so the next start reads everything from disk; False when not permitted."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def one_start(cmd: list[str], x: X, env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from launching ``cmd`` to its first viewable window."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - t0 < timeout:
            if x.window_shown():
                return time.perf_counter() - t0
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode} before showing a window")
            time.sleep(0.001)
        raise RuntimeError(f"no window after {timeout} s")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def measure(label: str, cmd: list[str], runs: int, x: X, env: dict[str, str], cold: bool) -> None:
    times, colds = [], 0
    for _ in range(runs):
        while x.window_shown():  # the previous run's window must be gone
            time.sleep(0.01)
        colds += drop_caches() if cold else 0
        times.append(one_start(cmd, x, env))
    kind = "cold" if colds == runs else ("warm (page cache could not be dropped)" if cold else "warm")
    print(f"{label:<8} {kind:<7} median {statistics.median(times):.3f} s  min {min(times):.3f}  "
          f"max {max(times):.3f}  ({runs} runs: {' '.join(f'{t:.3f}' for t in times)})")


def sizes() -> None:
    bundle = ROOT / "dist" / "nianbaocheck"
    if bundle.is_dir():
        total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
        print(f"bundle   {total / 1e6:.1f} MB in {bundle}")
    for pkg in sorted((ROOT / "dist").glob("*.deb")) + sorted((ROOT / "dist").glob("*setup.exe")):
        print(f"package  {pkg.stat().st_size / 1e6:.1f} MB {pkg.name}")


def private_display(given: str | None, number: str) -> tuple[str | None, subprocess.Popen | None]:
    """The X display to use: ``given``, or a private Xvfb started on ``number`` (None when there
    is no Xvfb, said on stderr); the caller terminates the Xvfb."""
    if given is not None:
        return given, None
    if not shutil.which("Xvfb"):
        print("Xvfb not found (apt-get install xvfb), or pass --display", file=sys.stderr)
        return None, None
    xvfb = subprocess.Popen(["Xvfb", number, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return number, xvfb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--exe", type=Path, default=ROOT / "dist" / "nianbaocheck" / "nianbaocheck")
    ap.add_argument("--source", action="store_true", help="also time `python -m gui` from the checkout")
    ap.add_argument("--warm", action="store_true", help="do not drop the page cache")
    ap.add_argument("--display", help="use this X display instead of a private Xvfb")
    args = ap.parse_args(argv)
    print(f"start-up to first window shown, target < 1.5 s; {time.strftime('%Y-%m-%d %H:%M')}, "
          f"{os.cpu_count()} CPUs, {os.uname().sysname} {os.uname().release}")
    sizes()
    display, xvfb = private_display(args.display, ":87")
    if display is None:
        return 2
    try:
        for _ in range(200):
            try:
                x = X(display)
                break
            except RuntimeError:
                time.sleep(0.05)
        else:
            raise RuntimeError(f"X display {display} did not come up")
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        env["DISPLAY"] = display
        if args.exe.exists():
            measure("bundle", [str(args.exe), str(SAMPLE)], args.runs, x, env, not args.warm)
        else:
            print(f"bundle   not built ({args.exe}); run build_scripts/build_linux.sh")
        if args.source:
            measure("source", [sys.executable, "-m", "gui", str(SAMPLE)], args.runs, x, env, not args.warm)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
