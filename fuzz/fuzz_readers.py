"""Coverage-guided fuzzing of the readers with atheris (issue 9).

    .venv/bin/python fuzz/fuzz_readers.py KIND [libFuzzer options, e.g. -runs=5000 -max_total_time=60]

KIND is txt, docx, xlsx, doc, xls, odt or ods. Seeds are valid generated documents (doc/xls/odt/ods:
converted from them by LibreOffice, which must be installed); every input must give a report
or a clean read error (see fuzz/targets.py). A crash or an uncaught exception is a finding: atheris
prints it and writes the input to crash-*.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["engine", "olefile", "xlrd"]):
    import olefile  # noqa: F401  (the compound-file parser under .doc/.wps/.xls/.et)
    import xlrd  # noqa: F401
    from targets import KINDS, check, mutate_zip_member, seeds

    import engine.checking.rules  # noqa: F401
    import engine.locating.tables  # noqa: F401  (imported here so that atheris instruments them)
    import engine.locating.values  # noqa: F401
    import engine.reading.doc  # noqa: F401
    import engine.reading.docx  # noqa: F401
    import engine.reading.odf  # noqa: F401
    import engine.reading.sheetgrid  # noqa: F401
    import engine.reading.text  # noqa: F401
    import engine.reading.xls  # noqa: F401
    import engine.reading.xlsx  # noqa: F401


def main() -> None:
    kind = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] in KINDS else "docx"
    args = [a for a in sys.argv if a != kind]
    corpus = seeds()[kind]
    if not corpus:
        sys.exit(f"no seeds for {kind}: LibreOffice (soffice) is needed to make them")

    def one(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        choice = fdp.ConsumeIntInRange(0, 3)
        seed = corpus[fdp.ConsumeIntInRange(0, len(corpus) - 1)]
        if choice == 0:
            payload = fdp.ConsumeBytes(fdp.remaining_bytes())
        elif choice == 1 and kind in ("docx", "xlsx", "odt", "ods"):
            idx = fdp.ConsumeIntInRange(0, 20)
            cut = fdp.ConsumeIntInRange(0, 1 << 16)
            junk = fdp.ConsumeBytes(64)
            payload = mutate_zip_member(seed, idx, lambda b: b[:cut] + junk + b[cut + len(junk):])
        else:
            pos = fdp.ConsumeIntInRange(0, max(0, len(seed) - 1))
            payload = seed[:pos] + fdp.ConsumeBytes(fdp.remaining_bytes()) + seed[pos + 8:]
        check(payload, kind)

    atheris.Setup(args, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
