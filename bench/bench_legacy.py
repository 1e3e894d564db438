"""The legacy and OpenDocument readers measured (issue 16): reading time per document, and how the
two BIFF candidates (xlrd, python-calamine) stand damaged copies.

    .venv/bin/python bench/bench_legacy.py [--damaged N]

Inputs: the five samples' tables as .docx/.xlsx (tests/builders.py) converted by LibreOffice to
.doc/.odt/.xls/.ods. Damaged copies: N copies of each .xls with 8 random bytes changed, each read
in a child process (a Rust abort kills the process: counted as "aborted"). python-calamine is
measured only when installed (it is not a dependency).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

_CHILD = """
import io, sys
data = sys.stdin.buffer.read()
lib = sys.argv[1]
try:
    if lib == "xlrd":
        import xlrd
        wb = xlrd.open_workbook(file_contents=data, formatting_info=True, ragged_rows=True, logfile=io.StringIO())
        for s in wb.sheets():
            [s.row(r) for r in range(s.nrows)]
    else:
        import python_calamine as pc
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for n in wb.sheet_names:
            wb.get_sheet_by_name(n).to_python()
except BaseException:
    sys.exit(3)
"""


def _parse(lib: str, data: bytes) -> None:
    import io

    if lib == "xlrd":
        import xlrd

        wb = xlrd.open_workbook(file_contents=data, formatting_info=True, ragged_rows=True, logfile=io.StringIO())
        for s in wb.sheets():
            [s.row(r) for r in range(s.nrows)]
            s.merged_cells  # noqa: B018
    else:
        import python_calamine as pc

        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for n in wb.sheet_names:
            sheet = wb.get_sheet_by_name(n)
            sheet.to_python()
            sheet.merged_cell_ranges  # noqa: B018


def documents(d: Path) -> list[Path]:
    import builders as b
    from conftest import SAMPLES, expected, sample_values

    made: list[Path] = []
    for p in sorted(SAMPLES.glob("*.txt")):
        exp = expected(p.stem)
        values = sample_values(p.stem)
        made.append(b.docx_official(d / f"{p.stem[:3]}.docx", exp["format"], values))
        made.append(b.xlsx_one_sheet(d / f"{p.stem[:3]}.xlsx", exp["format"], values))
    from web_builders import convert, soffice

    if soffice() is None:
        sys.exit("LibreOffice (soffice) is needed")
    for to, src in (("doc", "docx"), ("odt", "docx"), ("xls", "xlsx"), ("ods", "xlsx")):
        convert(sorted(d.glob(f"*.{src}")), to, d)
    return sorted(d.iterdir())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--damaged", type=int, default=200)
    args = ap.parse_args()
    from engine.reading import read_document

    with tempfile.TemporaryDirectory() as tmp:
        files = documents(Path(tmp))
        for kind in ("docx", "doc", "odt", "xlsx", "xls", "ods"):
            group = [p for p in files if p.suffix == f".{kind}"]
            t = time.perf_counter()
            for _ in range(5):
                for p in group:
                    read_document(p)
            ms = (time.perf_counter() - t) / 5 / len(group) * 1000
            print(f"read .{kind}: {ms:6.2f} ms per document ({len(group)} documents)")
        libs = ["xlrd"]
        try:
            import python_calamine  # noqa: F401
            libs.append("calamine")
        except ImportError:
            pass
        rnd = random.Random(16)
        xls = [p.read_bytes() for p in files if p.suffix == ".xls"]
        for lib in libs:
            t = time.perf_counter()
            for data in xls * 20:
                _parse(lib, data)
            print(f"{lib}: {(time.perf_counter() - t) / (20 * len(xls)) * 1000:.2f} ms per .xls (library alone)")
        for lib in libs:
            outcome = {0: 0, 3: 0, "aborted": 0}
            for k in range(args.damaged):
                b = bytearray(xls[k % len(xls)])
                for _ in range(8):
                    b[rnd.randrange(len(b))] = rnd.randrange(256)
                rc = subprocess.run([sys.executable, "-c", _CHILD, lib], input=bytes(b), capture_output=True).returncode
                outcome[rc if rc in (0, 3) else "aborted"] += 1
            print(f"{lib}: {args.damaged} damaged .xls: read {outcome[0]}, clean exception {outcome[3]}, "
                  f"process aborted {outcome['aborted']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
