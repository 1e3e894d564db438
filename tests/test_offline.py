"""Offline for real (issue 9): the whole pipeline — read every format, check, corrections, the
clerk's edits, summary workbook, corrected template (.xlsx/.docx), corrected copy, correction
sheet PDF — runs with network sockets disabled and gives exactly what it gives with a network.

In this process the socket module is replaced by one that refuses (and records) every network
use; the command line is run in a subprocess whose ``sitecustomize`` does the same, and, where
the system allows it, in an empty network namespace (``unshare -rn``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import builders as b
import pytest
import web_builders as wb
from conftest import ROOT, SAMPLE_IDS, expected, sample_path

from engine import export
from engine.api import apply_edits, check_file
from engine.export.summary import write_summary

WEB = {
    "html_plain": lambda p, f, v, **k: wb.html(p, f, v, **k),
    "html_word_gb18030": lambda p, f, v, **k: wb.html(p, f, v, style="word", encoding="gb18030", **k),
    "mhtml_qp": lambda p, f, v, **k: wb.mhtml(p, f, v, **k),
}
RENDER = {**b.VARIANTS, **WEB}

BLOCKER = '''
"""Installed by tests/test_offline.py: every network socket use fails and is recorded."""
import os, socket, sys

_LOG = os.environ.get("NIANBAO_NET_LOG")
_NET = {socket.AF_INET, socket.AF_INET6}


def _refuse(what):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {what}\\n")
    raise OSError(101, f"network disabled by test_offline ({what})")


class _Socket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
            _refuse(f"socket({family})")
        super().__init__(family, type, proto, fileno)


socket.socket = _Socket
socket.SocketType = _Socket
socket.create_connection = lambda *a, **k: _refuse(f"create_connection{a[:1]}")
socket.getaddrinfo = lambda *a, **k: _refuse(f"getaddrinfo{a[:1]}")
socket.gethostbyname = lambda *a, **k: _refuse(f"gethostbyname{a[:1]}")
socket.gethostbyname_ex = lambda *a, **k: _refuse(f"gethostbyname_ex{a[:1]}")
socket.gethostbyaddr = lambda *a, **k: _refuse(f"gethostbyaddr{a[:1]}")
os.environ["NIANBAO_NET_BLOCKED"] = "1"
'''


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """Each rendering once (the samples taken in turn), the shared samples, PDFs when LibreOffice is there."""
    folder = tmp_path_factory.mktemp("offline") / "离线 报告"
    folder.mkdir()
    files: list[Path] = []
    for i, (variant, build) in enumerate(sorted(RENDER.items())):
        sid = SAMPLE_IDS[i % len(SAMPLE_IDS)]
        exp = expected(sid)
        values = {a: c["raw"] for a, c in exp["cells"].items() if c["status"] != "missing"}
        title = f"{exp['agency'] or ''}{exp['year']}年政府信息公开工作年度报告"
        files.append(build(folder / f"{sid[:3]} {variant}{b.suffix(variant)}", exp["format"], values, title=title))
    for sid in SAMPLE_IDS:
        files.append(Path(shutil.copyfile(sample_path(sid), folder / f"{sid}.txt")))
    if wb.soffice():
        files.append(wb.pdf(folder / "打印 2021.pdf", "2021", b.consistent_values("2021", 5), title="测试市2022年政府信息公开工作年度报告"))
    return files


def _without_file(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "file"}


def _pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    return re.sub(r"\d{4}-\d{2}-\d{2}", "DATE", text)


def pipeline(files: list[Path], out: Path) -> dict[str, object]:
    """Everything the tool does with ``files``, as comparable data (outputs read back)."""
    from openpyxl import load_workbook

    from gui.sheet import write_sheet_pdf

    out.mkdir()
    got: dict[str, object] = {}
    reports = []
    for i, f in enumerate(files):
        report = check_file(f)
        reports.append(report)
        got[f"{f.name}:report"] = report.to_json()
        if report.error or not report.format:
            continue
        edited = apply_edits(report, {c.cell: str(c.to) for c in report.corrections})
        got[f"{f.name}:edited"] = edited.to_json()
        for ext in (".xlsx", ".docx"):
            t = export.write_template(edited, out / f"{i}{ext}")
            got[f"{f.name}:template{ext}"] = _without_file(check_file(t).to_json())
        if f.suffix in (".docx", ".xlsx"):
            fixed = export.write_fixed_copy(edited, out / f"{i}_fixed{f.suffix}")
            got[f"{f.name}:fixed"] = _without_file(check_file(fixed).to_json())
        got[f"{f.name}:sheet"] = _pdf_text(write_sheet_pdf(edited, out / f"{i}.pdf"))
    summary = write_summary(reports, out / "汇总.xlsx")
    wbk = load_workbook(summary)
    got["summary"] = [[list(r) for r in ws.iter_rows(values_only=True)] for ws in wbk.worksheets]
    return got


def test_blocker_really_blocks(tmp_path, monkeypatch):
    """The blocker used below refuses and records every kind of network use (else the rest proves nothing)."""
    log = tmp_path / "net.log"
    monkeypatch.setenv("NIANBAO_NET_LOG", str(log))
    probe = ("import socket, urllib.request\n"
             "for f in (lambda: socket.create_connection(('example.com', 443), timeout=1),\n"
             "          lambda: socket.getaddrinfo('localhost', 80),\n"
             "          lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM),\n"
             "          lambda: urllib.request.urlopen('http://127.0.0.1:9/', timeout=1)):\n"
             "    try:\n        f()\n        print('REACHED')\n    except OSError as e:\n        print('refused', e)\n")
    r = _python(tmp_path, "-c", probe)
    assert "REACHED" not in r.stdout and r.stdout.count("refused") == 4, r.stdout + r.stderr
    assert len(log.read_text().splitlines()) >= 4


def _blocker_dir(tmp_path: Path) -> Path:
    d = tmp_path / "blocker"
    d.mkdir(exist_ok=True)
    (d / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    return d


def _python(tmp_path: Path, *args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(_blocker_dir(tmp_path)), str(ROOT)]),
           "NIANBAO_LANG": "zh", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([*(prefix or []), sys.executable, *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=900)


def test_whole_pipeline_in_process_with_sockets_disabled(inputs, tmp_path, monkeypatch, qapp):
    with_network = pipeline(inputs, tmp_path / "online")
    attempts: list[str] = []

    def refuse(what):
        def f(*a, **k):
            attempts.append(f"{what}{a[:2]}")
            raise OSError(101, f"network disabled ({what})")
        return f

    real_socket = socket.socket

    class NoNetSocket(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
                refuse("socket")(family)
            super().__init__(family, type, proto, fileno)

    monkeypatch.setattr(socket, "socket", NoNetSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, refuse(name))
    offline = pipeline(inputs, tmp_path / "offline")
    monkeypatch.undo()
    assert attempts == []
    assert offline.keys() == with_network.keys()
    assert len([k for k in offline if k.endswith(":sheet")]) >= len(RENDER)  # every rendering went the whole way
    for key in with_network:
        a, b_ = with_network[key], offline[key]
        if isinstance(a, dict) and "file" in a:
            a, b_ = _without_file(a), _without_file(b_)
        if key == "summary":
            a, b_ = _strip_folder(a, "online"), _strip_folder(b_, "offline")
        assert a == b_, key


def _strip_folder(rows, name: str):
    return json.loads(json.dumps(rows, default=str).replace(f"/{name}/", "/X/"))


def _cli(tmp_path: Path, files: list[Path], prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    args = ["-m", "engine", "check", "--json", "--jobs", "2", "--no-progress", *map(str, files)]
    return _python(tmp_path, *args, prefix=prefix)


def test_command_line_check_json_in_a_subprocess_with_sockets_disabled(inputs, tmp_path, monkeypatch):
    many = inputs * 3  # enough files for worker processes, which must be offline too
    log = tmp_path / "net.log"
    monkeypatch.setenv("NIANBAO_NET_LOG", str(log))
    r = _cli(tmp_path, many)
    assert r.returncode in (0, 1, 2) and "Traceback" not in r.stderr, r.stderr
    assert not log.exists(), log.read_text()
    offline = [json.loads(line) for line in r.stdout.splitlines()]
    online = [check_file(f).to_json() for f in many]
    assert offline == json.loads(json.dumps(online))


def test_command_line_in_an_empty_network_namespace(inputs, tmp_path):
    """No network interface at all (Linux ``unshare -rn``), when this machine lets us make one."""
    unshare = shutil.which("unshare")
    if not unshare or subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare -rn not permitted here (no user namespaces)")
    r = _cli(tmp_path, inputs, prefix=[unshare, "-rn"])
    assert "Traceback" not in r.stderr, r.stderr
    offline = [json.loads(line) for line in r.stdout.splitlines()]
    assert offline == json.loads(json.dumps([check_file(f).to_json() for f in inputs]))
    t = _python(tmp_path, "-m", "gui", "sheet", str(inputs[0]), "--pdf", str(tmp_path / "更正单.pdf"),
                prefix=[unshare, "-rn"])
    assert t.returncode == 0 and (tmp_path / "更正单.pdf").read_bytes().startswith(b"%PDF"), t.stderr
