"""Nothing is lost (issue 9): inputs are never written, outputs appear whole or not at all, an
existing output is kept unless forced, unwritable places are said clearly, Chinese paths with
spaces work, and a file that vanishes or changes during a batch costs only its own line.

The inputs are the five samples rendered in every generated format (Word, Excel, text in several
encodings, web pages, and PDFs when LibreOffice is there), in a folder 「区 政府 报告」, plus the
shared samples themselves, which are checked in place.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import builders as b
import pytest
import web_builders as wb
from conftest import ROOT, SAMPLE_IDS, SAMPLES, expected, sample_path

import engine.export as export
from engine import cli
from engine.api import apply_edits, check_file
from engine.cli import batch, paths
from engine.export.summary import write_summary
from engine.model import Report

WEB = {
    "html_plain": lambda p, f, v, **k: wb.html(p, f, v, **k),
    "html_word_gb18030": lambda p, f, v, **k: wb.html(p, f, v, style="word", encoding="gb18030", **k),
    "mhtml_base64": lambda p, f, v, **k: wb.mhtml(p, f, v, transfer="base64", **k),
}
RENDER: dict[str, Callable] = {**b.VARIANTS, **WEB}
GROUPS = sorted(RENDER) + ["pdf", "shared"]


def _values(sample_id: str) -> tuple[str, dict[str, str], str]:
    exp = expected(sample_id)
    values = {a: c["raw"] for a, c in exp["cells"].items() if c["status"] != "missing"}
    return exp["format"], values, f"{exp['agency'] or ''}{exp['year']}年政府信息公开工作年度报告"


def _name(sample_id: str, variant: str) -> str:
    return f"{sample_id[:3]} 报告 {variant}{b.suffix(variant)}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Every sample in every rendering, in a folder whose name has Chinese characters and spaces."""
    root = tmp_path_factory.mktemp("inputs") / "区 政府 报告"
    root.mkdir()
    for sid in SAMPLE_IDS:
        fmt, values, title = _values(sid)
        for variant, build in RENDER.items():
            build(root / _name(sid, variant), fmt, values, title=title)
    if wb.soffice():
        fmt, values, title = _values(SAMPLE_IDS[2])
        wb.pdf(root / "打印 2019 报告.pdf", fmt, values, title=title)
        wb.pdf(root / "打印 2021 报告.pdf", "2021", b.consistent_values("2021", 3), title="测试市2022年政府信息公开工作年度报告")
    return root


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def snapshot(*folders: Path) -> dict[str, tuple]:
    """Every file and folder under ``folders``: size, modification time and SHA-256 of each file."""
    out: dict[str, tuple] = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            st = p.stat()
            out[str(p)] = ("dir",) if p.is_dir() else (st.st_size, st.st_mtime_ns, _sha(p))
    return out


def _group(corpus: Path, group: str) -> list[Path]:
    if group == "shared":
        return sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.docx"))
    if group == "pdf":
        found = sorted(corpus.glob("*.pdf"))
        if not found:
            pytest.skip("LibreOffice missing (scripts/setup.sh installs it): no PDF inputs")
        return found
    return sorted(corpus.glob(f"* 报告 {group}{b.suffix(group)}"))


def _edits(report: Report) -> dict[str, str | None]:
    """The proposed corrections, one typed value and one value put back to the file's own."""
    edits: dict[str, str | None] = {c.cell: str(c.to) for c in report.corrections}
    ok = [a for a, c in report.cells.items() if c.status == "ok" and a not in edits]
    if ok:
        edits[ok[0]] = str(int(report.cells[ok[0]].value or 0) + 1)
    if len(ok) > 1:
        edits[ok[1]] = None
    return edits


def sheet_writer() -> Callable:
    """``gui.sheet.write_sheet_pdf`` (the correction sheet), or skip while it is being built."""
    try:
        from gui.sheet import write_sheet_pdf
    except ImportError as e:
        pytest.skip(f"gui.sheet.write_sheet_pdf not there yet ({e})")
    return write_sheet_pdf


# --------------------------------------------------------------------------------------------
# inputs are never written


@pytest.mark.parametrize("group", GROUPS)
def test_check_edit_and_export_never_write_the_input(corpus, tmp_path, group, qapp):
    write_sheet_pdf = sheet_writer()
    files = _group(corpus, group)
    assert files
    watched = [corpus, SAMPLES]
    before = snapshot(*watched)
    written = 0
    for i, f in enumerate(files):
        report = check_file(f)
        assert report.error is None, (f, report.error)
        as_read = json.dumps(report.to_json(), ensure_ascii=False)
        edited = apply_edits(report, _edits(report))
        assert json.dumps(report.to_json(), ensure_ascii=False) == as_read  # the report itself is kept too
        for out in (tmp_path / f"{i} 表格.xlsx", tmp_path / f"{i} 表格.docx"):
            export.write_template(edited, out)
            written += 1
        if f.suffix in (".docx", ".xlsx"):
            export.write_fixed_copy(edited, tmp_path / f"{i} 更正稿{f.suffix}")
            written += 1
        _call_sheet(write_sheet_pdf, edited, tmp_path / f"{i} 更正单.pdf")
        written += 1
    assert snapshot(*watched) == before
    assert len(list(tmp_path.iterdir())) == written  # every output whole, no temporary left


def _call_sheet(write_sheet_pdf: Callable, report: Report, out: Path, force: bool = False) -> Path:
    return write_sheet_pdf(report, out, force=force)


def test_default_fixed_copy_goes_beside_the_input_and_leaves_it_alone(tmp_path):
    fmt, values, title = _values(SAMPLE_IDS[4])
    for variant in ("docx_official", "xlsx_one_sheet"):
        src = RENDER[variant](tmp_path / f"2020年 报告{b.suffix(variant)}", fmt, values, title=title)
        before = snapshot(tmp_path)
        out = export.write_fixed_copy(check_file(src))
        assert out == tmp_path / f"2020年 报告_已更正{src.suffix}" and out.is_file()
        assert {k: v for k, v in snapshot(tmp_path).items() if k != str(out)} == before
        with pytest.raises(export.ExportError, match="已存在"):
            export.write_fixed_copy(check_file(src))


def test_command_line_never_writes_the_input(corpus, tmp_path):
    """``check`` over the whole folder (in parallel) with a summary, ``template``, ``fix`` and ``gui sheet``."""
    before = snapshot(corpus, SAMPLES)
    summary = tmp_path / "汇总 表.xlsx"
    r = _engine("check", "--json", "--jobs", "2", "--no-progress", "--summary", str(summary), str(corpus), str(SAMPLES))
    assert r.returncode in (0, 1), r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["file"] for x in lines] == paths.expand([str(corpus), str(SAMPLES)])
    assert summary.is_file()
    for f in (corpus / _name(SAMPLE_IDS[2], "docx_official"), corpus / _name(SAMPLE_IDS[4], "xlsx_three_sheets"),
              sample_path(SAMPLE_IDS[2])):
        for out in (tmp_path / f"{f.stem}.xlsx", tmp_path / f"{f.stem}.docx"):
            t = _engine("template", str(f), "--out", str(out))
            assert t.returncode in (0, 1) and out.is_file(), t.stderr
        if f.suffix != ".txt":
            x = _engine("fix", str(f), "--out", str(tmp_path / f"fixed{f.suffix}"), "--force")
            assert x.returncode in (0, 1), x.stderr
        pdf = tmp_path / f"{f.stem}.pdf"
        g = subprocess.run([sys.executable, "-m", "gui", "sheet", str(f), "--pdf", str(pdf)], cwd=ROOT, capture_output=True,
                           text=True, encoding="utf-8", env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=300)
        assert g.returncode == 0 and pdf.read_bytes().startswith(b"%PDF"), g.stderr
    assert snapshot(corpus, SAMPLES) == before


def _engine(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=cwd or ROOT, capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, "NIANBAO_LANG": "zh"}, timeout=600)


# --------------------------------------------------------------------------------------------
# outputs: whole or not at all, existing ones kept


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Report]:
    """A checked Word and Excel draft with corrections (sample 004), and a text one."""
    folder = tmp_path_factory.mktemp("drafts") / "草稿 文件夹"
    folder.mkdir()
    fmt, values, title = _values(SAMPLE_IDS[4])
    out = {}
    for variant in ("docx_official", "xlsx_one_sheet", "txt_tab_utf8"):
        out[b.suffix(variant)] = check_file(RENDER[variant](folder / f"报告{b.suffix(variant)}", fmt, values, title=title))
    return out


def _writers(reports: dict[str, Report]) -> dict[str, tuple[str, Callable[[Path, bool], Path]]]:
    """Name → (output suffix, write(out, force))."""
    docx, xlsx, txt = reports[".docx"], reports[".xlsx"], reports[".txt"]
    return {
        "summary": (".xlsx", lambda out, force: write_summary(list(reports.values()), out, force=force)),
        "template_xlsx": (".xlsx", lambda out, force: export.write_template(txt, out, force=force)),
        "template_docx": (".docx", lambda out, force: export.write_template(docx, out, force=force)),
        "blank_xlsx": (".xlsx", lambda out, force: export.write_blank_template("2021", 2025, out, force=force)),
        "fixed_docx": (".docx", lambda out, force: export.write_fixed_copy(docx, out, force=force)),
        "fixed_xlsx": (".xlsx", lambda out, force: export.write_fixed_copy(xlsx, out, force=force)),
        "sheet_pdf": (".pdf", lambda out, force: _call_sheet(sheet_writer(), txt, out, force)),
    }


WRITERS = ["summary", "template_xlsx", "template_docx", "blank_xlsx", "fixed_docx", "fixed_xlsx", "sheet_pdf"]
MAGIC = {".xlsx": b"PK\x03\x04", ".docx": b"PK\x03\x04", ".pdf": b"%PDF"}


def _break_mid_write(monkeypatch, writer: str) -> None:
    """Make the writer fail half way through writing its temporary file (a full disk)."""
    def half_then_fail(path, *a, **k):
        Path(path).write_bytes(b"PK\x03\x04 half a file")
        raise OSError(errno.ENOSPC, "No space left on device")

    if writer == "summary":
        from openpyxl.workbook.workbook import Workbook

        monkeypatch.setattr(Workbook, "save", lambda self, filename: half_then_fail(filename))
    elif writer in ("template_xlsx", "blank_xlsx"):
        import engine.export.xlsx as x

        monkeypatch.setattr(x, "write", lambda filled, tmp: half_then_fail(tmp))
    elif writer == "template_docx":
        import engine.export.docx as d

        monkeypatch.setattr(d, "write", lambda filled, tmp: half_then_fail(tmp))
    elif writer.startswith("fixed"):
        real = pathlib.Path.write_bytes

        def write_bytes(self, data):
            if self.name.startswith(".nianbao-"):
                real(self, data[: len(data) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(self, data)

        monkeypatch.setattr(pathlib.Path, "write_bytes", write_bytes)
    else:  # the sheet: the PDF writer has opened its temporary file when drawing fails
        import gui.sheet as sheet

        def draw_then_fail(*a, **k):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(sheet, "render_sheet", draw_then_fail)


def _break_rename(monkeypatch) -> None:
    def replace(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("existing", [False, True], ids=["new", "replacing"])
@pytest.mark.parametrize("how", ["mid_write", "rename"])
@pytest.mark.parametrize("writer", WRITERS)
def test_a_failed_write_leaves_no_partial_output_and_no_temporary(reports, tmp_path, monkeypatch, request, writer, how, existing):
    if writer == "sheet_pdf":
        request.getfixturevalue("qapp")
    ext, write = _writers(reports)[writer]
    out = tmp_path / f"输出 文件{ext}"
    if existing:
        write(out, False)
        old = out.read_bytes()
    before = snapshot(tmp_path)
    if how == "mid_write":
        _break_mid_write(monkeypatch, writer)
    else:
        _break_rename(monkeypatch)
    with pytest.raises(OSError if writer == "summary" else (OSError, export.ExportError)) as e:
        write(out, True)
    monkeypatch.undo()
    assert "Traceback" not in str(e.value)
    assert snapshot(tmp_path) == before  # the old output (if any) as it was, nothing half-written beside it
    if existing:
        assert out.read_bytes() == old
    else:
        assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_an_existing_output_is_replaced_only_when_forced(reports, tmp_path, request, writer):
    if writer == "sheet_pdf":
        request.getfixturevalue("qapp")
    ext, write = _writers(reports)[writer]
    out = tmp_path / f"已有{ext}"
    out.write_bytes(b"the clerk's own file")
    with pytest.raises((FileExistsError, export.ExportError), match="已存在"):
        write(out, False)
    assert out.read_bytes() == b"the clerk's own file"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    write(out, True)
    assert out.read_bytes().startswith(MAGIC[ext])
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_command_line_outputs_are_not_overwritten_without_force(reports, tmp_path):
    src = reports[".docx"].file
    for args in (["template", src], ["fix", src], ["check", "--summary"]):
        out = tmp_path / f"已有 {args[0]}{'.docx' if args[0] != 'check' else '.xlsx'}"
        out.write_bytes(b"keep me")
        full = [*args, "--out", str(out)] if args[0] != "check" else [*args, str(out), src]
        r = _engine(*full)
        assert r.returncode == 2 and "已存在" in r.stderr + r.stdout and "Traceback" not in r.stderr, (args, r.stderr)
        assert out.read_bytes() == b"keep me"
        r = _engine(*full, "--force")
        assert r.returncode in (0, 1) and out.read_bytes().startswith(b"PK"), r.stderr


# --------------------------------------------------------------------------------------------
# read-only places: a clear message


@pytest.mark.parametrize("writer", WRITERS)
def test_exporting_into_a_read_only_folder_says_so(reports, unwritable, request, writer):
    if writer == "sheet_pdf":
        request.getfixturevalue("qapp")
    ext, write = _writers(reports)[writer]
    out = unwritable / f"更正{ext}"
    with pytest.raises((OSError, export.ExportError)) as e:
        write(out, False)
    message = str(e.value)
    assert "只读" in message and str(unwritable) in message, message
    assert not out.exists()


@pytest.mark.parametrize("writer", WRITERS)
def test_exporting_below_a_file_says_the_folder_is_not_there(reports, tmp_path, request, writer):
    if writer == "sheet_pdf":
        request.getfixturevalue("qapp")
    ext, write = _writers(reports)[writer]
    blocker = tmp_path / "报告.txt"
    blocker.write_text("not a folder")
    with pytest.raises((OSError, export.ExportError)) as e:
        write(blocker / f"更正{ext}", False)
    assert "不存在" in str(e.value) and str(blocker) in str(e.value), str(e.value)
    assert blocker.read_text() == "not a folder"


def test_command_line_into_a_read_only_folder_says_so_before_the_work(reports, unwritable, tmp_path):
    src = reports[".docx"].file
    for full in (["template", src, "--out", str(unwritable / "表格.xlsx")],
                 ["fix", src, "--out", str(unwritable / "更正.docx")],
                 ["check", "--summary", str(unwritable / "汇总.xlsx"), src, str(SAMPLES)]):
        r = _engine(*full)
        assert r.returncode == 2, (full, r.stdout, r.stderr)
        assert "只读" in r.stderr + r.stdout and "Traceback" not in r.stderr, (full, r.stderr)
        if full[0] == "check":
            assert r.stdout == ""  # refused before a single file was checked


def _read_only_mount() -> list[str]:
    """A command prefix running its command with ``$RO`` bind-mounted read-only (a private mount
    namespace: read-only even for root), or skip where the system does not allow it."""
    unshare = shutil.which("unshare")
    if not unshare or subprocess.run([unshare, "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare -rm not permitted here (no user namespaces)")
    script = 'mount --bind "$RO" "$RO" && mount -o remount,bind,ro "$RO" && exec "$@"'
    return [unshare, "-rm", "sh", "-c", script, "sh"]


def test_drafts_in_a_read_only_folder_are_checked_and_exports_beside_them_refused_clearly(reports, tmp_path):
    folder = tmp_path / "共享 只读"
    folder.mkdir()
    for ext in (".docx", ".xlsx", ".txt"):
        shutil.copyfile(reports[ext].file, folder / f"报告{ext}")
    before = snapshot(folder)
    prefix = _read_only_mount()
    env = {**os.environ, "RO": str(folder), "NIANBAO_LANG": "zh", "QT_QPA_PLATFORM": "offscreen"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*prefix, sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                              encoding="utf-8", timeout=300)

    probe = run("-c", f"open({str(folder / 'x')!r}, 'w')")
    assert "Read-only file system" in probe.stderr, probe.stderr  # the mount really is read-only
    r = run("-m", "engine", "check", "--json", str(folder))
    assert [json.loads(x)["error"] for x in r.stdout.splitlines()] == [None, None, None], r.stderr
    for args in (["-m", "engine", "fix", str(folder / "报告.docx")],  # default output: beside the draft
                 ["-m", "engine", "fix", str(folder / "报告.xlsx"), "--out", str(folder / "更正.xlsx")],
                 ["-m", "engine", "template", str(folder / "报告.txt"), "--out", str(folder / "表格.xlsx")],
                 ["-m", "engine", "check", "--summary", str(folder / "汇总.xlsx"), str(folder)],
                 ["-m", "gui", "sheet", str(folder / "报告.txt"), "--pdf", str(folder / "更正单.pdf")]):
        r = run(*args)
        assert r.returncode != 0 and "Traceback" not in r.stderr, (args, r.stderr)
        assert "只读" in r.stdout + r.stderr and str(folder) in r.stdout + r.stderr, (args, r.stdout, r.stderr)
    out = tmp_path / "别处"
    out.mkdir()
    r = run("-m", "engine", "fix", str(folder / "报告.docx"), "--out", str(out / "报告_已更正.docx"))
    assert r.returncode in (0, 1) and (out / "报告_已更正.docx").is_file(), r.stderr  # elsewhere it works
    assert snapshot(folder) == before


# --------------------------------------------------------------------------------------------
# Chinese characters and spaces in paths


@pytest.mark.parametrize("variant", ["docx_official", "xlsx_three_sheets", "txt_pipe_gb18030", "html_plain"])
def test_chinese_paths_with_spaces_read_and_export(tmp_path, variant):
    fmt, values, title = _values(SAMPLE_IDS[4])
    plain = RENDER[variant](tmp_path / f"plain{b.suffix(variant)}", fmt, values, title=title)
    folder = tmp_path / "区 政府 报告"
    folder.mkdir()
    src = folder / f"2020年 报告{b.suffix(variant)}"
    shutil.copyfile(plain, src)
    ascii_report, report = check_file(plain), check_file(src)
    assert report.error is None and report.file == str(src)
    strip = lambda r: {k: v for k, v in r.to_json().items() if k != "file"}  # noqa: E731
    assert strip(report) == strip(ascii_report)
    edited = apply_edits(report, {c.cell: str(c.to) for c in report.corrections})
    for out in (folder / "更正后 表格.xlsx", folder / "更正后 表格.docx"):
        export.write_template(edited, out, force=True)
        back = check_file(out)
        assert back.error is None and not [f for f in back.findings if f.rule == "requests.balance"], out
    if src.suffix in (".docx", ".xlsx"):
        fixed = export.write_fixed_copy(edited)
        assert fixed.name == f"2020年 报告_已更正{src.suffix}" and check_file(fixed).error is None
    r = _engine("check", "--json", "--summary", str(folder / "汇总 表.xlsx"), str(folder))
    files = [json.loads(line)["file"] for line in r.stdout.splitlines()]
    assert str(src) in files and (folder / "汇总 表.xlsx").is_file(), r.stderr
    assert "Traceback" not in r.stderr


def test_chinese_paths_with_spaces_for_the_correction_sheet(tmp_path, qapp):
    write_sheet_pdf = sheet_writer()
    folder = tmp_path / "区 政府 报告"
    folder.mkdir()
    src = folder / "2020年 报告.txt"
    shutil.copyfile(sample_path(SAMPLE_IDS[2]), src)
    out = _call_sheet(write_sheet_pdf, check_file(src), folder / "更正单 2020年.pdf")
    assert Path(out).read_bytes().startswith(b"%PDF")


# --------------------------------------------------------------------------------------------
# files that vanish or change between listing and reading


def _batch_folder(tmp_path: Path, copies: int) -> Path:
    folder = tmp_path / "批量 检查"
    folder.mkdir()
    fmt, values, title = _values(SAMPLE_IDS[1])
    b.docx_official(folder / "a00 报告.docx", fmt, values, title=title)
    b.xlsx_one_sheet(folder / "a01 报告.xlsx", fmt, values, title=title)
    for i in range(copies):
        shutil.copyfile(sample_path(SAMPLE_IDS[i % len(SAMPLE_IDS)]), folder / f"b{i:02d} 报告.txt")
    return folder


def _disturb(files: list[str]) -> dict[str, str]:
    """Change the listed files behind the batch's back; returns file → expected error code."""
    docx, xlsx, gone, folder_now, emptied, garbled = files[0], files[1], files[2], files[3], files[4], files[5]
    os.unlink(gone)
    os.unlink(folder_now)
    os.mkdir(folder_now)
    Path(emptied).write_bytes(b"")
    Path(garbled).write_bytes(bytes(range(256)) * 40)
    data = Path(docx).read_bytes()
    Path(docx).write_bytes(data[: len(data) // 2])  # saved half way by Word when we got to it
    Path(xlsx).unlink()
    shutil.copyfile(sample_path(SAMPLE_IDS[0]), files[6])  # replaced by another valid report: read as it is now
    return {docx: "read.corrupt", xlsx: "read.not_found", gone: "read.not_found", folder_now: "read.is_directory",
            emptied: "read.empty", garbled: "*"}


@pytest.mark.parametrize("jobs", [1, 4], ids=["serial", "parallel"])
def test_batch_gives_a_line_to_each_vanished_or_changed_file_and_checks_the_rest(tmp_path, jobs):
    folder = _batch_folder(tmp_path, 50 if jobs > 1 else 8)
    files = paths.expand([str(folder)])
    broken = _disturb(files)
    reports = list(batch.check_many(files, jobs=jobs))
    assert [r.file for r in reports] == files
    for r in reports:
        if r.file in broken:
            assert r.error and r.error_code and not r.cells, r.file
            if broken[r.file] != "*":
                assert r.error_code == broken[r.file], (r.file, r.error_code, r.error)
            assert "Traceback" not in r.error
        else:
            assert r.error is None and r.format, (r.file, r.error)
    assert reports[6].agency == check_file(sample_path(SAMPLE_IDS[0])).agency


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_command_line_batch_survives_files_vanishing_after_the_listing(tmp_path, monkeypatch, capsys, as_json):
    folder = _batch_folder(tmp_path, 8)
    import engine.cli.commands.check as check_command

    broken: dict[str, str] = {}
    listed: list[str] = []

    def expand_then_disturb(given: list[str], counted=None) -> list[str]:
        listed.extend(paths.expand(given, counted))
        broken.update(_disturb(listed))
        return listed

    monkeypatch.setattr(check_command, "expand", expand_then_disturb)
    status = cli.main(["check", *(["--json"] if as_json else []), "--no-progress", "--jobs", "1", str(folder)])
    out = capsys.readouterr()
    assert status == 2 and "Traceback" not in out.err
    if as_json:
        lines = [json.loads(line) for line in out.out.splitlines()]
        assert [x["file"] for x in lines] == listed  # every listed file has its line, in order
        for line in lines:
            assert bool(line["error"]) == (line["file"] in broken), line["file"]
        gone = next(x for x in lines if broken.get(x["file"]) == "read.not_found")
        assert "找不到文件" in gone["error"] and gone["file"] in gone["error"]
    else:
        blocks = ["\n".join(block) for block in _blocks(out.out)]
        assert [blk.split("\n", 1)[0] for blk in blocks] == listed
        for name, block in zip(listed, blocks, strict=True):
            assert ("无法读取：" in block) == (name in broken), block
            assert name in broken or "格式：" in block
        assert any("找不到文件" in blk for blk in blocks) and any("是一个文件夹" in blk for blk in blocks)


def _blocks(text: str) -> list[list[str]]:
    """The readable output cut into one block per file (each starts with 「== path」)."""
    out: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("== "):
            out.append([line[3:]])
        elif out:
            out[-1].append(line)
    return out


def test_a_draft_that_disappears_while_open_still_exports_from_what_was_read(tmp_path, qapp):
    """The draft is deleted (or moved) after it was checked: the corrected form and the sheet are
    made from the reading kept in memory; only the corrected copy, which needs the file, is refused."""
    fmt, values, title = _values(SAMPLE_IDS[4])
    src = b.docx_official(tmp_path / "报告.docx", fmt, values, title=title)
    report = check_file(src)
    edited = apply_edits(report, {c.cell: str(c.to) for c in report.corrections})
    src.unlink()
    out = tmp_path / "out"
    out.mkdir()
    t = export.write_template(edited, out / "表格.xlsx")
    assert check_file(t).error is None
    assert _call_sheet(sheet_writer(), edited, out / "更正单.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(export.ExportError) as e:
        export.write_fixed_copy(edited, out / "更正稿.docx")
    assert "不能生成" in str(e.value)
    assert sorted(p.name for p in out.iterdir()) == ["更正单.pdf", "表格.xlsx"]


@pytest.mark.parametrize("variant", ["docx_official", "xlsx_one_sheet"])
def test_a_draft_changed_after_the_check_is_not_overwritten_with_stale_corrections(tmp_path, variant):
    """Someone edits the draft in Word/Excel while it is open here: a corrected copy would put the
    old reading's corrections into the new content, so it is refused; the form still comes from memory."""
    fmt, values, title = _values(SAMPLE_IDS[4])
    src = RENDER[variant](tmp_path / f"报告{b.suffix(variant)}", fmt, values, title=title)
    report = check_file(src)
    edited = apply_edits(report, {c.cell: str(c.to) for c in report.corrections})
    changed = dict(values)
    first = next(a for a in sorted(changed) if changed[a].isdigit() and a.startswith("requests/"))
    changed[first] = str(int(changed[first]) + 7)
    RENDER[variant](src, fmt, changed, title=title)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(export.ExportError, match="已被修改"):
        export.write_fixed_copy(edited, out / f"更正稿{src.suffix}")
    corrected = dict(changed)
    corrected[report.corrections[0].cell] = "5"  # and a cell the correction would write is filled in
    RENDER[variant](src, fmt, corrected, title=title)
    now = snapshot(tmp_path)
    with pytest.raises(export.ExportError, match="已被修改"):
        export.write_fixed_copy(report)  # without the original reading: the cells to be written are compared
    assert list(out.iterdir()) == [] and snapshot(tmp_path) == now  # no copy beside the draft either
    assert check_file(export.write_template(edited, out / "表格.xlsx")).error is None
