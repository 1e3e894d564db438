"""How long one check takes in a warm process, per input format (issue 2, target < 50 ms median
for .txt and .docx).

Inputs: the five samples as received, re-encoded as GB18030 and UTF-16, and — when the test
builders are importable — the same tables rendered as .docx and .xlsx.

    .venv/bin/python bench/bench_check.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from engine.api import check_file  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"


def inputs(tmp: Path) -> dict[str, list[Path]]:
    """Files to time, grouped by kind."""
    out: dict[str, list[Path]] = {"txt": [], "txt-gb18030": [], "txt-utf16": [], "docx": [], "xlsx": []}
    for p in sorted(SAMPLES.glob("*.txt")):
        out["txt"].append(p)
        text = p.read_text(encoding="utf-8")
        for kind, enc in (("txt-gb18030", "gb18030"), ("txt-utf16", "utf-16")):
            q = tmp / f"{p.stem}.{enc}.txt"
            q.write_bytes(text.encode(enc))
            out[kind].append(q)
    try:
        import builders  # tests/builders.py
        from conftest import expected, sample_values
    except Exception as e:  # builders not available: time the text inputs only
        print(f"(no docx/xlsx inputs: {e})", file=sys.stderr)
        return out
    for p in sorted(SAMPLES.glob("*.txt")):
        exp = expected(p.stem)
        values = sample_values(p.stem)
        for kind, fn in (("docx", getattr(builders, "docx_official", None)), ("xlsx", getattr(builders, "xlsx_one_sheet", None))):
            if fn is None:
                continue
            q = tmp / f"{p.stem}.{kind}"
            fn(q, exp["format"], values)
            out[kind].append(q)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        groups = inputs(Path(d))
        for files in groups.values():  # warm up: imports, caches
            for f in files:
                check_file(f)
        print(f"{'input':<14}{'files':>6}{'median ms':>12}{'p90 ms':>10}{'max ms':>10}")
        for kind, files in groups.items():
            if not files:
                continue
            times = []
            for _ in range(args.repeat):
                for f in files:
                    t = time.perf_counter()
                    r = check_file(f)
                    times.append((time.perf_counter() - t) * 1000)
                    assert r.error is None, (f, r.error)
            times.sort()
            p90 = times[int(len(times) * 0.9) - 1]
            print(f"{kind:<14}{len(files):>6}{statistics.median(times):>12.1f}{p90:>10.1f}{max(times):>10.1f}")


if __name__ == "__main__":
    main()
