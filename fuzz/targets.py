"""Fuzz targets shared by the hypothesis tests (tests/test_fuzz.py) and the atheris harness
(fuzz/fuzz_readers.py): seed documents and the one property every input must satisfy."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from engine.api import check_bytes  # noqa: E402

KINDS = ("txt", "docx", "xlsx", "doc", "xls", "odt", "ods")
CONVERTED = {"doc": "docx", "odt": "docx", "xls": "xlsx", "ods": "xlsx"}
"""Kinds whose seeds are the generated .docx/.xlsx converted by LibreOffice (none without soffice)."""


class InternalError(AssertionError):
    """The engine failed on an input in a way that is a bug (not a clean read error)."""


def seeds() -> dict[str, list[bytes]]:
    """Valid documents of each kind (from the test builders) to mutate."""
    import builders as b

    out: dict[str, list[bytes]] = {k: [] for k in KINDS}
    with tempfile.TemporaryDirectory() as d:
        for i, (variant, kind) in enumerate(
            [("docx_official", "docx"), ("docx_split_repeat", "docx"), ("xlsx_one_sheet", "xlsx"), ("xlsx_three_sheets", "xlsx"),
             ("txt_tab_utf8", "txt"), ("txt_lines_utf16", "txt"), ("txt_pipe_gb18030", "txt")]
        ):
            fmt = "2019" if i % 2 else "2021"
            p = Path(d) / f"s{i}.{kind}"
            b.VARIANTS[variant](p, fmt, b.consistent_values(fmt, i), title="测试县人民政府2022年政府信息公开工作年度报告")
            out[kind].append(p.read_bytes())
        for kind, data in _converted(Path(d)).items():
            out[kind] += data
    return out


def _converted(d: Path) -> dict[str, list[bytes]]:
    """The .docx/.xlsx seeds in ``d`` converted to the LibreOffice-made kinds (one call per kind)."""
    import web_builders  # tests/: LibreOffice in a private profile

    out: dict[str, list[bytes]] = {k: [] for k in CONVERTED}
    if web_builders.soffice() is None:
        return out
    for kind, src in CONVERTED.items():
        try:
            web_builders.convert(sorted(d.glob(f"s*.{src}")), kind, d / kind)
        except (OSError, subprocess.SubprocessError):
            continue
        out[kind] = [p.read_bytes() for p in sorted((d / kind).glob(f"*.{kind}"))]
    return out


def check(data: bytes, kind: str) -> None:
    """The property: any bytes give a report (cells of a format) or a clean read error."""
    r = check_bytes(data, f"fuzz.{kind}")
    if r.error_code == "api.internal":
        raise InternalError(r.error)
    if r.error is None:
        assert r.format in ("2019", "2021") and len(r.cells) in (198, 200)
        for c in r.cells.values():
            assert (c.value is None) == (c.status != "ok")


def mutate_zip_member(data: bytes, member_index: int, edit) -> bytes:
    """The package with one member's bytes replaced by ``edit(bytes)``; unreadable zips unchanged."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        infos = zin.infolist()
    except zipfile.BadZipFile:
        return data
    if not infos:
        return data
    target = infos[member_index % len(infos)].filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in infos:
            body = zin.read(info.filename)
            zout.writestr(info.filename, edit(body) if info.filename == target else body)
    return out.getvalue()
