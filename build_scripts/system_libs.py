"""Shared libraries the Linux bundle leaves to the system, and the Debian packages that provide them.

Every target desktop (UOS 20, Kylin V10, Debian 11, Ubuntu 20.04 and newer) has these: glibc, the C++
runtime, OpenGL/EGL, X11/xcb, fontconfig/freetype, GLib, D-Bus, CUPS. Taking them from the system keeps
the bundle's glibc floor low (the build root's copies need glibc 2.29–2.31) and lets them match the
desktop's drivers and daemons. The .deb declares the packages for the libraries its files link to.
Names hold for Debian 10 (UOS 20) as well as for newer systems; alternatives cover renamed packages.
Everything else the bundle links to (OpenSSL, libffi, SQLite, xcb-util: sonames differ between
those systems) stays in the bundle.
"""

from __future__ import annotations

from collections.abc import Iterable

_XCB = ("cursor0 icccm4 image0 keysyms1 randr0 render-util0 render0 shape0 shm0 sync1 xfixes0 xinerama0 xkb1 "
        "xinput0 glx0 present0 dri2-0 dri3-0").split()

# soname -> Debian package (with alternatives where the name changed between releases)
PACKAGE_OF: dict[str, str] = {
    **dict.fromkeys(
        ["ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
         "libresolv.so.2", "libutil.so.1"],
        "libc6",
    ),
    "libstdc++.so.6": "libstdc++6 (>= 8)",
    "libgcc_s.so.1": "libgcc-s1 | libgcc1",
    "libGL.so.1": "libgl1 | libgl1-mesa-glx",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libEGL.so.1": "libegl1 | libegl1-mesa",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    **dict.fromkeys(
        ["libglib-2.0.so.0", "libgobject-2.0.so.0", "libgthread-2.0.so.0", "libgmodule-2.0.so.0", "libgio-2.0.so.0"],
        "libglib2.0-0",
    ),
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libxcb.so.1": "libxcb1",
    **{f"libxcb-{p.rstrip('0123456789').rstrip('-')}.so.{p[len(p.rstrip('0123456789')):]}": f"libxcb-{p}" for p in _XCB},
    "libcups.so.2": "libcups2 | libcups2t64",
}


def is_system(name: str) -> bool:
    """Whether a library (by file name) is one the bundle leaves to the system."""
    return name in PACKAGE_OF


def depends(needed: Iterable[str]) -> list[str]:
    """The packages providing ``needed`` sonames (libc6 left to the caller, who knows the version)."""
    out: list[str] = []
    for name in sorted(needed):
        pkg = PACKAGE_OF[name]
        if pkg != "libc6" and pkg not in out:
            out.append(pkg)
    return out
