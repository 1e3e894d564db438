"""Accuracy and speed of error localisation (issue 3) on synthetic reports.

For each format and 0–3 injected errors (``engine.repair.synth``: digit swap, digit substituted, digit
dropped/doubled, total off by 1–3, blank), N documents with deterministic seeds:

- top: share of documents where the first explanation of every spot restores exactly the damaged
  cells (cells and values); listed: where the right explanation is among those listed;
- wrong sure: certain/likely/deduced corrections on an undamaged cell or with a wrong value
  (per document; on 0 errors it must be 0);
- time per report of ``corrections.localise_spots`` (median, worst), warm process.

Run: ``.venv/bin/python bench/bench_corrections.py [N]`` (default 500).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import formats  # noqa: E402
from engine.repair import synth  # noqa: E402
from engine.repair.corrections import localise_spots  # noqa: E402

TYPING = tuple(k for k in synth.KINDS if k != synth.BLANK_KIND)


def run(format_id: str, errors: int, n: int, kinds: tuple[str, ...] = synth.KINDS) -> dict:
    spec = formats.load(format_id)
    times: list[float] = []
    top = listed = wrong = docs_wrong = 0
    conf: Counter[str] = Counter()
    per_kind: dict[str, list[int]] = {}
    for seed in range(n):
        original = synth.consistent(format_id, seed)
        damaged, done = synth.inject(original, errors, seed, kinds=kinds) if errors else (dict(original), [])
        cells = synth.readings(damaged)
        t = time.perf_counter()
        spots = localise_spots(spec, cells)
        times.append(time.perf_counter() - t)
        v = synth.judge(spots, original, done)
        top += v.top
        listed += v.listed
        wrong += v.wrong_sure
        docs_wrong += v.wrong_sure > 0
        conf.update(c.confidence for spot in spots for g in spot[:1] for c in g)
        if errors == 1:
            per_kind.setdefault(done[0][1], [0, 0, 0])
            k = per_kind[done[0][1]]
            k[0] += 1
            k[1] += v.top
            k[2] += v.listed
    return {
        "top": top / n, "listed": listed / n, "wrong": wrong, "docs_wrong": docs_wrong,
        "median_ms": statistics.median(times) * 1000, "worst_ms": max(times) * 1000,
        "conf": conf, "kinds": per_kind,
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    print(f"{n} documents per row; seeds 0..{n - 1}")
    table(n, synth.KINDS)
    print("\ntyping errors only (no blanks):")
    table(n, TYPING)


def table(n: int, kinds: tuple[str, ...]) -> None:
    print(f"{'format':<7}{'errors':>7}{'top':>9}{'listed':>9}{'wrong sure':>12}{'docs w/ wrong':>15}"
          f"{'median ms':>11}{'worst ms':>10}  first-choice confidences")
    by_kind: dict[str, list[int]] = {}
    for fid in formats.FORMAT_IDS:
        for errors in range(4) if kinds == synth.KINDS else range(1, 4):
            r = run(fid, errors, n, kinds)
            for kind, k in r["kinds"].items():
                acc = by_kind.setdefault(kind, [0, 0, 0])
                for i in range(3):
                    acc[i] += k[i]
            top = f"{r['top']:.1%}" if errors else "-"
            listed = f"{r['listed']:.1%}" if errors else "-"
            conf = " ".join(f"{c}={x}" for c, x in sorted(r["conf"].items()))
            print(f"{fid:<7}{errors:>7}{top:>9}{listed:>9}{r['wrong']:>12}{r['docs_wrong']:>15}"
                  f"{r['median_ms']:>11.1f}{r['worst_ms']:>10.1f}  {conf}")
    print("single errors by kind (both formats):")
    for kind, (count, top, listed) in sorted(by_kind.items()):
        print(f"  {kind:<11}{count:>6}  top {top / count:.1%}  listed {listed / count:.1%}")


if __name__ == "__main__":
    main()
