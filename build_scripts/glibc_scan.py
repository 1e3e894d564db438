"""Which glibc (and libstdc++) each ELF file of a bundle or .deb needs; fails above the floor.

Reads each file's version references (``objdump -p``: the ``GLIBC_x.y`` / ``GLIBCXX_3.4.n`` versions it
requires from the system), prints the highest per file and the symbols that need it, and exits 1 when a
file needs more than the floor: glibc 2.28 (UOS 20; Kylin V10, Debian 11 and Ubuntu 20.04 have 2.31) and
GLIBCXX_3.4.25 (GCC 8's libstdc++, which UOS 20 ships; the bundle leaves libstdc++ to the system).

Usage: python build_scripts/glibc_scan.py dist/foo.deb|dist/nianbaocheck [--floor 2.28] [--quiet]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

FLOOR_GLIBC = (2, 28)
FLOOR_GLIBCXX = (3, 4, 25)

_VERSION = re.compile(r"\b(GLIBC|GLIBCXX)_(\d+(?:\.\d+)+)\b")


@dataclass
class Needs:
    """What one ELF file requires: highest glibc and libstdc++ versions, symbols needing each."""

    glibc: tuple[int, ...] = (2, 2)
    glibcxx: tuple[int, ...] = ()
    symbols: dict[tuple[str, tuple[int, ...]], list[str]] = field(default_factory=dict)

    def culprits(self, kind: str, version: tuple[int, ...]) -> list[str]:
        return sorted(self.symbols.get((kind, version), []))


def _ver(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split("."))


def fmt(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


def elf_files(tree: Path) -> list[Path]:
    """Regular ELF files under ``tree`` (symlinks skipped: their targets are scanned)."""
    out = []
    for p in sorted(tree.rglob("*")):
        if p.is_file() and not p.is_symlink():
            with p.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    out.append(p)
    return out


def needed_libraries(path: Path | str) -> list[str]:
    """The libraries ``path`` links to directly (its DT_NEEDED entries, not their dependencies)."""
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)", out, re.MULTILINE)


def needs(path: Path) -> Needs:
    """The versions ``path`` requires (its version references), with the undefined symbols using each."""
    refs = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
    section = refs.split("Version References:", 1)[1] if "Version References:" in refs else ""
    n = Needs()
    for kind, v in _VERSION.findall(section):
        if kind == "GLIBC":
            n.glibc = max(n.glibc, _ver(v))
        else:
            n.glibcxx = max(n.glibcxx, _ver(v))
    dyn = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
    for line in dyn.splitlines():
        if "*UND*" in line and (m := _VERSION.search(line)):
            n.symbols.setdefault((m.group(1), _ver(m.group(2))), []).append(line.split()[-1])
    return n


def scan(tree: Path) -> dict[Path, Needs]:
    return {p.relative_to(tree): needs(p) for p in elf_files(tree)}


def report(found: dict[Path, Needs], floor: tuple[int, ...], floor_cxx: tuple[int, ...], quiet: bool) -> list[str]:
    """Print one line per file (highest version first); return the files above a floor."""
    bad = []
    for rel, n in sorted(found.items(), key=lambda kv: (kv[1].glibc, kv[1].glibcxx), reverse=True):
        over = n.glibc > floor or (n.glibcxx and n.glibcxx > floor_cxx)
        if over:
            bad.append(str(rel))
        if quiet and not over:
            continue
        cxx = f"  GLIBCXX_{fmt(n.glibcxx)}" if n.glibcxx else ""
        why = ""
        if n.glibc > floor:
            why = "  <- " + ", ".join(n.culprits("GLIBC", n.glibc)[:6])
        print(f"{'TOO NEW ' if over else ''}GLIBC_{fmt(n.glibc)}{cxx}  {rel}{why}")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target", type=Path, help="a .deb or a folder (the bundle)")
    ap.add_argument("--floor", default=fmt(FLOOR_GLIBC), help="highest glibc allowed (default %(default)s)")
    ap.add_argument("--floor-glibcxx", default=fmt(FLOOR_GLIBCXX), help="highest GLIBCXX allowed")
    ap.add_argument("--quiet", action="store_true", help="print only the files above the floor")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tree = args.target
        if args.target.suffix == ".deb":
            tree = Path(tmp)
            subprocess.run(["dpkg-deb", "-x", str(args.target), tmp], check=True)
        found = scan(tree)
        if not found:
            print(f"glibc_scan: no ELF file in {args.target}", file=sys.stderr)
            return 1
        bad = report(found, _ver(args.floor), _ver(args.floor_glibcxx), args.quiet)
    top = max(n.glibc for n in found.values())
    print(f"glibc_scan: {len(found)} ELF files, highest GLIBC_{fmt(top)}, floor {args.floor}: "
          + (f"{len(bad)} above it" if bad else "all within"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
