"""The JSON the command line gives for every sample, corpus and generated document, saved or compared.

A move or a speed-up must not change a single reading (issues 17 and 18): take a snapshot before,
change the code, and compare after.

    .venv/bin/python bench/json_snapshot.py save out/json-before
    .venv/bin/python bench/json_snapshot.py compare out/json-before

Inputs: ``shared/samples`` as received, every file of ``shared/corpus``, and the five samples'
tables rendered as .docx and .xlsx by the test builders (written under ``out/json-inputs`` so the
paths in the JSON are the same on every run). Exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GENERATED = ROOT / "out" / "json-inputs"


def generated() -> list[Path]:
    """The samples' tables as Word and Excel drafts (made by tests/builders.py)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    import builders
    from conftest import expected, sample_values

    GENERATED.mkdir(parents=True, exist_ok=True)
    out = []
    for p in sorted((SHARED / "samples").glob("*.txt")):
        exp = expected(p.stem)
        values = sample_values(p.stem)
        for kind, fn in (("docx", builders.docx_official), ("xlsx", builders.xlsx_one_sheet)):
            q = GENERATED / f"{p.stem}.{kind}"
            if not q.exists():
                fn(q, exp["format"], values)
            out.append(q)
    return out


def inputs() -> list[Path]:
    """Every document the snapshot covers, in a fixed order."""
    files = sorted((SHARED / "samples").iterdir())
    files += sorted(p for p in (SHARED / "corpus").rglob("*") if p.is_file() and p.suffix != ".csv"
                    and p.name != "README.md")
    return files + generated()


def snapshot() -> dict[str, str]:
    """File name → the JSON line(s) ``check --json`` prints for it (previous-year pairs included)."""
    out: dict[str, str] = {}
    for p in inputs():
        r = subprocess.run([sys.executable, "-m", "engine", "check", "--json", "--jobs", "1", str(p)],
                           cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
        out[str(p.relative_to(ROOT.parent))] = r.stdout
    pingtan = sorted((SHARED / "corpus" / "txt").glob("20*_pingtan_*.txt"))
    for prev, cur in zip(pingtan, pingtan[1:], strict=False):
        r = subprocess.run([sys.executable, "-m", "engine", "check", "--json", "--jobs", "1",
                            "--previous", str(prev), str(cur)],
                           cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
        out[f"{cur.name} --previous {prev.name}"] = r.stdout
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["save", "compare"])
    ap.add_argument("folder", type=Path)
    args = ap.parse_args()
    snap = snapshot()
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        for i, (name, text) in enumerate(snap.items()):
            (args.folder / f"{i:03d}.json").write_text(name + "\n" + text, encoding="utf-8")
        print(f"saved {len(snap)} documents to {args.folder}")
        return 0
    differ = 0
    for i, (name, text) in enumerate(snap.items()):
        f = args.folder / f"{i:03d}.json"
        before = f.read_text(encoding="utf-8") if f.exists() else ""
        now = name + "\n" + text
        if before != now:
            differ += 1
            print(f"DIFFERS: {name}")
            sys.stdout.writelines(list(difflib.unified_diff(before.splitlines(True), now.splitlines(True),
                                                             n=1))[:40])
    print(f"{len(snap) - differ} of {len(snap)} documents identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
