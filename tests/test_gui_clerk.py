"""What the clerk sees in the app (issue 15): the 原文 pane, the first error in view, steady
columns, typed text, words instead of machine words, the close prompt, Qt's own dialogs."""

from __future__ import annotations

import os
import re

import pytest

pytest.importorskip("pytestqt")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import builders  # noqa: E402
import test_gui_app  # noqa: E402
from conftest import sample_path  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402
from test_gui_app import S002, damaged_002, open_wait  # noqa: E402

window, boxes = test_gui_app.window, test_gui_app.boxes  # the app tests' fixtures

NATURAL = "requests/3.1/natural"
MACHINE = re.compile(r"\b(table|row|col|line|page|paragraph)\s*\d|\b(requests|appeals|cell|rule|narrative|structure|years|"
                     r"active|format)\.[a-z_]+")

RULE_ID = re.compile(r"\b(requests|appeals|cell|rule|narrative|structure|years|active|format)\.[a-z_]+")


def _swapped(tmp_path):
    path, good = builders.swapped_draft(tmp_path / "草稿.docx")
    return path, good


def test_source_pane_comes_back_after_an_unreadable_report(qtbot, window, tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 not a Word file")
    a, b = open_wait(qtbot, window, [sample_path(S002), bad])
    window.set_current(a)
    qtbot.waitUntil(lambda: window.source.toPlainText() != "", timeout=10000)
    shown = window.source.toPlainText()
    window.set_current(b)
    assert window.source.toPlainText() == ""
    window.set_current(a)
    assert window.source.toPlainText() == shown
    window.form.select(["requests/1/natural"])
    assert window.source.highlighted_text() == "81"


def test_first_error_is_brought_into_view(qtbot, window, tmp_path):
    """A wrong 总计 at the right edge of a table wider than the window is selected and scrolled to."""
    path, _ = _swapped(tmp_path)
    window.resize(1110, 710)  # as the clerk saw it: the tables wider than the form area
    (s,) = open_wait(qtbot, window, [path])
    qtbot.waitUntil(lambda: bool(window.form.selected_addresses()), timeout=5000)
    first = window.form.selected_addresses()
    assert set(first) <= {a for f in s.report.findings if f.severity == "error" for a in f.cells} | {
        c.cell for c in s.report.corrections}
    v, m = window.form.model_for(first[0])
    rect = v.visualRect(m.index_of(first[0]))
    top_left = v.viewport().mapTo(window.form.viewport(), rect.topLeft())
    assert window.form.viewport().rect().contains(top_left)


def test_window_fits_the_screen_on_first_start(qtbot, tmp_path, boxes):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    w = MainWindow(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat), autosave=None)
    qtbot.addWidget(w)
    avail = w.screen().availableGeometry()
    assert w.width() >= avail.width() * 0.9 and w.height() >= avail.height() * 0.9


def test_columns_do_not_jump_when_a_correction_is_accepted(qtbot, window, tmp_path):
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    widths = [[v.columnWidth(c) for c in range(v.model().columnCount())] for v in window.form.views]
    window.act_accept_certain.trigger()
    assert s.edits
    after = [[v.columnWidth(c) for c in range(v.model().columnCount())] for v in window.form.views]
    assert after == widths


def test_typed_text_and_origin_are_shown(qtbot, window, tmp_path):
    path, good = _swapped(tmp_path)
    (s,) = open_wait(qtbot, window, [path])
    idx = window.form.index_of(NATURAL)
    assert "02 → 20" in idx.data()
    tip = idx.data(Qt.ItemDataRole.ToolTipRole)
    assert "第2个表格 第6行第4列" in tip and "table" not in tip
    window.act_accept_certain.trigger()
    tip = window.form.index_of(NATURAL).data(Qt.ItemDataRole.ToolTipRole)
    assert "已采用工具的更正（确定）：原值02" in tip and "两位数字颠倒" in tip
    window.form.select([NATURAL])
    assert "第2个表格 第6行第4列" in window.statusBar().currentMessage()


def test_close_prompt_offers_what_can_be_made(qtbot, window, tmp_path, boxes):
    (t,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    window.accept_certain()
    boxes.answer = QMessageBox.StandardButton.Cancel
    assert window.close() is False
    assert boxes.asked[-1].endswith("要导出更正后的标准表格吗？（这类文件不能直接生成更正后的副本）")
    path, _ = _swapped(tmp_path)
    (d,) = open_wait(qtbot, window, [path])
    window.set_current(d)
    window.accept_certain()
    assert window.close() is False
    assert boxes.asked[-1].endswith("Word、Excel 草稿导出更正后的副本，其他文件导出更正后的标准表格。")
    window.set_current(d)
    window.close_report()
    assert boxes.asked[-1].endswith("要导出更正后的副本吗？")
    boxes.answer = QMessageBox.StandardButton.Discard


def _strings(window) -> list[str]:
    """Every string the clerk can read for the current report: cells and their tooltips, the
    findings table (text and tooltips of the visible columns), the status bar for each cell,
    the report list, the banner and the menus."""
    out: list[str] = []
    for m in window.form.models:
        for r in range(m.rowCount()):
            for c in range(m.columnCount()):
                i = m.index(r, c)
                out += [str(i.data() or ""), str(i.data(Qt.ItemDataRole.ToolTipRole) or "")]
    fm = window.findings.model
    for r in range(fm.rowCount()):
        for c in range(3):  # the rule column's tooltip holds the ids, on purpose
            out.append(str(fm.index(r, c).data() or ""))
        out.append(str(fm.index(r, 3).data() or ""))
    for m in window.form.models:
        for a in m.grid.addresses():
            window._cell_changed(a)
            out.append(window.statusBar().currentMessage())
    lm = window.list_model
    for r in range(lm.rowCount()):
        for c in range(lm.columnCount()):
            out += [str(lm.index(r, c).data() or ""), str(lm.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or "")]
    out.append(window.banner.text())
    for a in window.findChildren(type(window.act_next)):
        out += [a.text(), a.toolTip(), a.statusTip()]
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_machine_words_anywhere_in_the_app(qtbot, window, tmp_path, lang):
    """Every user-visible string of the window, with a Word draft with errors, a text sample, an
    Excel draft and an unreadable file open: no table/row/col/line, no rule id; in English, no
    Chinese in the engine's messages about unreadable files."""
    path, _ = _swapped(tmp_path)
    xlsx = builders.xlsx_one_sheet(tmp_path / "表格.xlsx", "2021", dict(builders.consistent_values("2021", 3),
                                                                        **{"requests/1/total": "999"}))
    lock = tmp_path / "~$草稿.docx"
    lock.write_bytes(b"\x0cAdministrator" + b"\x00" * 148)
    sessions = open_wait(qtbot, window, [path, sample_path(S002), xlsx, lock])
    if lang == "en":
        with qtbot.waitSignal(window.loader.finished, timeout=30000):
            window.set_language("en")
    try:
        for s in sessions:
            window.set_current(s)
            if s.readable:
                window.form.select([a for a in s.report.cells][:1])
            strings = [x for x in _strings(window) if x]
            machine = MACHINE if lang == "zh" else RULE_ID  # English place words are the English UI's words
            bad = [x for x in strings if machine.search(x.replace(os.path.basename(s.path), ""))]
            assert not bad, bad[:5]
            if lang == "en" and not s.readable:
                assert "temporary lock file" in window.list_model.state_text(s)
    finally:
        if lang == "en":
            with qtbot.waitSignal(window.loader.finished, timeout=30000):
                window.set_language("zh")


def test_english_cells_are_not_clipped(qtbot, window, tmp_path):
    path, _ = _swapped(tmp_path)
    (s,) = open_wait(qtbot, window, [path])
    with qtbot.waitSignal(window.loader.finished, timeout=30000):
        window.set_language("en")
    try:
        for v, m in zip(window.form.views, window.form.models, strict=True):
            fm = v.fontMetrics()
            for a in m.grid.addresses():
                i = m.index_of(a)
                text = str(i.data() or "")
                if v.rowSpan(i.row(), i.column()) == 1 and v.columnSpan(i.row(), i.column()) == 1 and "→" in text:
                    assert fm.horizontalAdvance(text) <= v.columnWidth(i.column()), (a, text)
        assert "certain" in window.form.index_of(NATURAL).data()
        assert "2021 form" in window.banner.text()
    finally:
        with qtbot.waitSignal(window.loader.finished, timeout=30000):
            window.set_language("zh")


def test_qt_dialogs_speak_chinese(qtbot, window):
    """Qt's own file dialog (used where the desktop has no native one) is in Chinese."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    d = QFileDialog(window)
    d.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(d)
    labels = {w.text() for w in d.findChildren(QLabel)}
    assert "查找范围：" in labels and "Look in:" not in labels
    assert any("文件类型" in t for t in labels)


def test_file_dialog_dates_are_chinese_on_an_english_system(tmp_path):
    """Qt's file dialog writes dates in the system locale: on a C/English machine the Chinese UI
    still shows 2026/12/7, not 「7 12 2026」."""
    import subprocess
    import sys

    from conftest import ROOT

    code = ("from gui import i18n; i18n.chinese_system_dates('zh')\n"
            "from PySide6.QtWidgets import QApplication, QFileSystemModel\n"
            "from PySide6.QtCore import QEventLoop, QTimer\n"
            "app = QApplication([])\n"
            f"m = QFileSystemModel(); root = m.setRootPath({str(tmp_path)!r})\n"
            "loop = QEventLoop(); QTimer.singleShot(1500, loop.quit); loop.exec()\n"
            "print(m.index(0, 3, root).data())\n")
    (tmp_path / "a.txt").write_text("x")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert re.match(r"\d{4}/\d{1,2}/\d{1,2}", out.stdout.strip()), out.stdout + out.stderr
