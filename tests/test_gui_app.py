"""The desktop app driven offscreen (pytest-qt): open real samples and damaged copies, see the
problem cells, accept a correction, undo, edit, navigate, cancel a folder, close with edits."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from conftest import SAMPLES, sample_path  # noqa: E402
from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from engine.api import check_file  # noqa: E402
from gui.form_model import ADDRESS_ROLE, ERROR_FILL, STATE_ROLE  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.report_list import ERRORS  # noqa: E402

S002 = "002_bfb1f788e4caebeb"
SWAPPED = "requests/3.1/natural"


def damaged_002(folder: Path) -> Path:
    """Sample 002 with 予以公开·自然人 typed 52 instead of 25: one certain correction."""
    text = sample_path(S002).read_text(encoding="utf-8")
    assert "(一)予以公开 | 25 |" in text
    out = folder / "002-swapped.txt"
    out.write_text(text.replace("(一)予以公开 | 25 |", "(一)予以公开 | 52 |"), encoding="utf-8")
    return out


class Boxes:
    """QMessageBox stand-in: records what was asked, answers as told."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.Discard
        self.question_answer = QMessageBox.StandardButton.Yes


@pytest.fixture
def boxes(monkeypatch) -> Boxes:
    b = Boxes()

    def exec_(box):
        b.asked.append(box.text())
        return b.answer

    def question(parent, title, text, *a, **k):
        b.asked.append(text)
        return b.question_answer

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda p, t, text, *a, **k: b.asked.append(text)))
    return b


@pytest.fixture
def window(qtbot, tmp_path, boxes):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings, autosave=None)
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    yield w
    boxes.answer = QMessageBox.StandardButton.Discard
    w.loader.cancel()
    w.loader.wait()
    w.source_loader.wait()


def open_wait(qtbot, w: MainWindow, paths: list) -> list:
    with qtbot.waitSignal(w.loader.finished, timeout=30000):
        created = w.open_paths([str(p) for p in paths])
    return created


def cell(w: MainWindow, address: str):
    return w.form.index_of(address)


def test_samples_open_with_the_engines_states(qtbot, window):
    paths = sorted(SAMPLES.glob("*.txt")) + [SAMPLES / "official-template-2021.docx"]
    sessions = open_wait(qtbot, window, paths)
    assert [s.path for s in sessions] == [os.path.abspath(p) for p in paths]
    for s in sessions:
        r = check_file(s.path)
        n = r.count("error")
        assert s.report.count("error") == n
        text = window.list_model.state_text(s)
        assert text == ("正确" if n == 0 else f"{n}个错误")
        row = window.list_model.sessions.index(s)
        assert window.list_model.index(row, ERRORS).data() == n


def test_form_shows_values_and_marks_the_wrong_cell(qtbot, window, tmp_path):
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    assert window.current is s
    assert cell(window, "requests/1/natural").data() == "81"
    assert cell(window, "appeals/suit_direct/upheld").data() == "3"
    wrong = cell(window, SWAPPED)
    assert wrong.data(STATE_ROLE) == "error"
    assert "52 → 25" in wrong.data() and "确定" in wrong.data()
    assert wrong.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_FILL
    assert "25" in wrong.data(Qt.ItemDataRole.ToolTipRole)
    # a cell of the broken row but not the suspect is marked as involved, not as the error
    assert cell(window, "requests/3.1/total").data(STATE_ROLE) == "involved"
    # a blank cell reads 空白, not 0; a cell that is fine has no mark
    assert "空白" in cell(window, "active/regulations/public_total").data()
    assert cell(window, "active/regulations/made").data() == "0"
    assert cell(window, "requests/2/natural").data(STATE_ROLE) == "ok"


def test_accept_correction_then_undo_and_redo(qtbot, window, tmp_path):
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    rules = {f.rule for f in s.report.findings}
    assert {"requests.applicant_total", "requests.results_total"} <= rules
    window.form.select([SWAPPED])
    assert window.act_accept.isEnabled()
    window.act_accept.trigger()
    assert s.edits == {SWAPPED: "25"}
    assert s.report.corrections == []
    assert not {"requests.applicant_total", "requests.results_total"} & {f.rule for f in s.report.findings}
    assert cell(window, SWAPPED).data() == "25"
    assert s.dirty and window.windowTitle().startswith("*")
    window.act_undo.trigger()
    assert s.edits == {}
    assert [c.cell for c in s.report.corrections] == [SWAPPED]
    assert "52 → 25" in cell(window, SWAPPED).data()
    window.act_redo.trigger()
    assert s.report.corrections == []


def test_accept_all_certain_is_one_undo_step(qtbot, window, tmp_path):
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    window.act_accept_certain.trigger()
    assert s.report.corrections == [] and s.undo.count() == 1
    window.act_undo.trigger()
    assert len(s.report.corrections) == 1


def test_typing_a_value_rechecks(qtbot, window):
    (s,) = open_wait(qtbot, window, [sample_path(S002)])
    before = s.report.count("error")
    idx = cell(window, "requests/1/total")
    assert idx.model().setData(idx, "80")
    assert s.edits == {"requests/1/total": "80"}
    assert cell(window, "requests/1/total").data().startswith("✖ 80 → 81")  # the engine proposes the way back
    assert s.report.count("error") > before
    assert any(f.rule == "requests.balance" for f in s.report.findings)
    assert window.list_model.state_text(s).startswith(f"{s.report.count('error')}个错误")
    # typing the file's own value back drops the edit
    idx.model().setData(idx, "81")
    assert s.edits == {} and s.report.count("error") == before


def test_f8_goes_to_the_next_problem(qtbot, window, tmp_path):
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    m = window.findings.proxy
    rows = [m.index(r, 0) for r in range(m.rowCount())]
    problems = [window.findings.model.cells_of(m.mapToSource(i).row()) for i in rows
                if i.data(Qt.ItemDataRole.UserRole + 12) != "info"]
    window.act_next.trigger()
    assert sorted(window.form.selected_addresses()) == sorted(problems[0])
    window.act_next.trigger()
    assert sorted(window.form.selected_addresses()) == sorted(problems[1])
    window.act_prev.trigger()
    assert sorted(window.form.selected_addresses()) == sorted(problems[0])
    # the correction is among the stops and selecting it selects the swapped cell
    assert [SWAPPED] in problems


def test_selecting_a_cell_highlights_its_source(qtbot, window):
    (s,) = open_wait(qtbot, window, [sample_path(S002)])
    qtbot.waitUntil(lambda: s.document is not None, timeout=10000)
    window.form.select(["requests/1/natural"])
    qtbot.waitUntil(lambda: window.source.highlighted is not None, timeout=5000)
    assert window.source.highlighted == s.report.cells["requests/1/natural"].source
    assert window.source.highlighted_text() == "81"
    window.form.select(["active/procurement/amount"])
    assert window.source.highlighted_text() == "6187.4万元"


def test_unreadable_file_shows_its_reason(qtbot, window, tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a Word file")
    (s,) = open_wait(qtbot, window, [bad])
    reason = check_file(bad).error
    assert reason
    assert window.list_model.state_text(s) == f"无法读取：{reason}"
    assert not window.act_accept.isEnabled()


def test_folder_opens_with_progress_and_sorts_by_errors(qtbot, window, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in SAMPLES.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    damaged_002(folder)
    seen: list[tuple[int, int]] = []
    window.loader.progress.connect(lambda d, t: seen.append((d, t)))
    sessions = open_wait(qtbot, window, [folder])
    assert len(sessions) == 6 and all(s.is_loaded for s in sessions)
    assert seen[-1] == (6, 6)
    window.report_list.sortByColumn(ERRORS, Qt.SortOrder.DescendingOrder)
    proxy = window.list_proxy
    counts = [proxy.index(r, ERRORS).data() for r in range(proxy.rowCount())]
    most = max(check_file(p).count("error") for p in folder.iterdir())
    assert counts == sorted(counts, reverse=True) and counts[0] == most > 0
    out = window.export_summary(out=str(tmp_path / "summary.xlsx"))
    from openpyxl import load_workbook

    ws = load_workbook(out).worksheets[0]
    assert ws.max_row == 1 + 6


def test_cancel_opening_a_folder(qtbot, window, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        shutil.copy(sample_path(S002), folder / f"r{i:02}.txt")
    window.loader.result.connect(lambda *_: window.loader.busy and window.cancel_loading())
    with qtbot.waitSignal(window.loader.finished, timeout=30000) as sig:
        window.open_paths([str(folder)])
    assert sig.args == [True]
    assert 1 <= len(window.sessions) < 40
    assert all(s.is_loaded for s in window.sessions)
    assert not window.loader.busy and window.progress.isHidden()


def test_cancel_keeps_reports_already_open(qtbot, window, tmp_path):
    """Cancelling while open reports are being checked again (a language switch queues a job for each)
    drops nothing: only files not read yet are taken off the list."""
    sessions = open_wait(qtbot, window, [damaged_002(tmp_path), sample_path(S002)])
    window.sessions[0].edit("requests/1/natural", "7")
    window.set_language("en")
    window.cancel_loading()
    assert window.sessions == sessions and window.sessions[0].edits == {"requests/1/natural": "7"}
    window.set_language("zh")
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=30000)


def test_close_with_unsaved_edits_asks(qtbot, window, tmp_path, boxes):
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    window.accept_certain()
    boxes.answer = QMessageBox.StandardButton.Cancel
    assert window.close() is False
    assert boxes.asked and "002-swapped.txt" in boxes.asked[-1]
    assert window.isVisible() and s.edits
    boxes.answer = QMessageBox.StandardButton.Discard
    assert window.close() is True


def test_closing_a_clean_report_does_not_ask(qtbot, window, boxes):
    open_wait(qtbot, window, [sample_path(S002)])
    window.close_report()
    assert boxes.asked == [] and window.sessions == []


def test_language_switch_changes_the_menus(qtbot, window):
    assert window.menu_file.title() == "文件(&F)"
    window.set_language("en")
    try:
        assert window.menu_file.title() == "&File"
        assert window.act_open_folder.text().replace("&", "").startswith("Open Folder")
    finally:
        window.set_language("zh")
    assert window.menu_file.title() == "文件(&F)"


def test_file_changed_on_disk_keeps_edits(qtbot, window, tmp_path):
    path = damaged_002(tmp_path)
    (s,) = open_wait(qtbot, window, [path])
    window.accept_certain()
    path.write_text(path.read_text(encoding="utf-8") + "\n附记\n", encoding="utf-8")
    qtbot.waitUntil(lambda: s.disk_notice is not None, timeout=10000)
    assert s.edits == {SWAPPED: "25"} and s.original.corrections
    assert not window.notice.isHidden()
    path.unlink()
    qtbot.waitUntil(lambda: "删除" in (s.disk_notice or ""), timeout=10000)
    assert s.edits == {SWAPPED: "25"}


class FakeAutoSave:
    def __init__(self, pending=()) -> None:
        self.stored: dict[str, dict] = {}
        self.discarded: list[str] = []
        self._pending = list(pending)

    def store(self, path, edits) -> None:
        self.stored[path] = dict(edits)

    def discard(self, path) -> None:
        self.discarded.append(path)
        self.stored.pop(path, None)

    def pending(self):
        return self._pending


def test_edits_are_autosaved_and_restored(qtbot, tmp_path, boxes):
    path = damaged_002(tmp_path)
    fake = FakeAutoSave()
    w = MainWindow(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat), autosave=fake)
    qtbot.addWidget(w)
    open_wait(qtbot, w, [path])
    w.accept_certain()
    qtbot.waitUntil(lambda: str(path) in fake.stored, timeout=5000)
    assert fake.stored[str(path)] == {SWAPPED: "25"}
    w.sessions[0].discard_edits()
    w._discard_autosave(w.sessions[0])
    assert str(path) in fake.discarded

    class Pending:
        def __init__(self):
            self.path, self.edits, self.saved_at = str(path), {SWAPPED: "25"}, "2026-01-01 10:00"

    w2 = MainWindow(QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat), autosave=FakeAutoSave([Pending()]))
    qtbot.addWidget(w2)
    with qtbot.waitSignal(w2.loader.finished, timeout=30000):
        assert w2.offer_restore() == 1
    (s,) = w2.sessions
    assert s.edits == {SWAPPED: "25"} and s.dirty and s.report.corrections == []
    for x in (w, w2):
        for s in x.sessions:
            s.discard_edits()


def test_zoom_changes_the_table_font(qtbot, window):
    open_wait(qtbot, window, [sample_path(S002)])
    before = window.form.views[1].font().pointSizeF()
    window.act_zoom_in.trigger()
    assert window.form.views[1].font().pointSizeF() > before
    window.act_zoom_reset.trigger()
    assert window.form.views[1].font().pointSizeF() == pytest.approx(before)
    assert window.settings.value("zoom") in (0, "0")


def test_cells_of_the_three_tables_are_all_drawn(qtbot, window):
    for fmt_path in (sample_path(S002), SAMPLES / "official-template-2021.docx"):
        (s,) = open_wait(qtbot, window, [fmt_path])
        drawn = {m.index(r, c).data(ADDRESS_ROLE) for m in window.form.models
                 for r in range(m.rowCount()) for c in range(m.columnCount())} - {None}
        assert drawn == set(s.report.cells)


def save_dialog(monkeypatch, path: Path) -> list:
    asked: list = []

    def fake(parent, title, suggested, filters, *a, **k):
        asked.append(suggested)
        return str(path), filters.split(";;")[0]

    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_export_template_saves_the_edits_and_asks_before_replacing(qtbot, window, tmp_path, boxes, monkeypatch):
    pytest.importorskip("engine.export")
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    window.accept_certain()
    out = tmp_path / "fixed.xlsx"
    save_dialog(monkeypatch, out)
    window.update_actions()
    assert window.act_template.isEnabled()
    assert not window.act_copy.isEnabled()  # a .txt draft has no corrected copy of itself
    assert window.export_template() is True
    assert out.exists() and not s.dirty
    assert check_file(out).cells[SWAPPED].value == 25
    # a second export to the same file asks first; "no" leaves it alone
    boxes.question_answer = QMessageBox.StandardButton.No
    stamp = out.stat().st_mtime_ns
    assert window.export_template() is False
    assert out.stat().st_mtime_ns == stamp and "fixed.xlsx" in boxes.asked[-1]
    boxes.question_answer = QMessageBox.StandardButton.Yes
    assert window.export_template() is True


def test_save_on_close_exports_then_closes(qtbot, window, tmp_path, boxes, monkeypatch):
    pytest.importorskip("engine.export")
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    window.accept_certain()
    out = tmp_path / "on-close.xlsx"
    save_dialog(monkeypatch, out)
    boxes.answer = QMessageBox.StandardButton.Save
    assert window.close() is True
    assert out.exists() and not s.dirty


def test_main_opens_the_paths_on_the_command_line(qtbot, tmp_path, boxes, monkeypatch):
    """``python -m gui PATH`` (the README's run command) opens the window with the report loaded."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    import gui.app

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setattr(QApplication, "exec", lambda self=None: 0)
    hook = sys.excepthook
    sample = Path(gui.app.__file__).resolve().parents[1] / "resources" / "samples" / "sample-2020-xiangdu.txt"
    try:
        assert gui.app.main([str(sample)]) == 0
    finally:
        crash = sys.modules.get("gui.crash")
        if crash is not None and hasattr(crash, "uninstall"):
            crash.uninstall()
        sys.excepthook = hook
        QStandardPaths.setTestModeEnabled(False)
    (w,) = [x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow) and x.isVisible()]
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.current is not None and w.current.is_loaded, timeout=20000)
    assert w.current.path == str(sample)
    assert w.current.report.count("error") == check_file(sample).count("error")


def test_dropping_a_folder_opens_its_reports(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    folder = tmp_path / "dropped"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(sample_path(S002), folder / name)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    ev = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.loader.finished, timeout=30000):
        window.dropEvent(ev)
    assert sorted(os.path.basename(s.path) for s in window.sessions) == ["a.txt", "b.txt"]


def test_enter_on_a_proposed_correction_accepts_it(qtbot, window, tmp_path):
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    window.form.select([SWAPPED])
    view, _ = window.form.model_for(SWAPPED)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert s.edits == {SWAPPED: "25"}
    qtbot.keyClick(view, Qt.Key.Key_Return)  # nothing left to accept there: no second step
    assert s.undo.count() == 1


def docx_with_swapped_digits(tmp_path: Path) -> tuple[Path, str]:
    import builders

    v = builders.consistent_values("2019", 1, busy=0.8)
    a = "requests/3.2/nonprofit"
    assert v[a] == "12"
    v[a] = "21"
    return builders.docx_official(tmp_path / "区县年报.docx", "2019", v), a


def test_export_corrected_copy_of_a_word_draft(qtbot, window, tmp_path, monkeypatch):
    pytest.importorskip("engine.export")
    path, a = docx_with_swapped_digits(tmp_path)
    (s,) = open_wait(qtbot, window, [path])
    assert [c.cell for c in s.report.corrections] == [a]
    window.accept_certain()
    out = tmp_path / "区县年报_已更正.docx"
    asked = save_dialog(monkeypatch, out)
    window.update_actions()
    assert window.act_copy.isEnabled()
    assert window.export_copy() is True
    assert asked == [str(out)]  # suggested beside the draft, named by engine.export
    again = check_file(out)
    assert again.cells[a].value == 12 and again.count("error") == 0
    assert not s.dirty


def test_export_correction_sheet_pdf(qtbot, window, tmp_path, monkeypatch):
    pytest.importorskip("gui.sheet")
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    out = tmp_path / "sheet.pdf"
    save_dialog(monkeypatch, out)
    window.update_actions()
    assert window.act_sheet_pdf.isEnabled()
    window.export_sheet_pdf()
    assert out.read_bytes().startswith(b"%PDF")


def test_f8_goes_on_from_the_accepted_correction(qtbot, window, tmp_path):
    path = damaged_002(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "| 3 | 0 | 0 | 0 | 3 |" in text
    path.write_text(text.replace("| 3 | 0 | 0 | 0 | 3 |", "| 3 | 0 | 0 | 0 | 4 |"), encoding="utf-8")  # and 四 is off
    (s,) = open_wait(qtbot, window, [path])
    window.findings.filter.setCurrentIndex(0)  # 全部
    while window.form.selected_addresses() != [SWAPPED]:
        window.act_next.trigger()
    window.act_accept.trigger()
    assert all(c.cell.startswith("appeals/") for c in s.report.corrections)
    window.act_next.trigger()
    after = window.form.selected_addresses()
    order = window.order
    assert after and min(order[a] for a in after) > order[SWAPPED]  # on to table 四, not back to the top
    assert all(a.startswith("appeals/") for a in after)


def test_clicking_a_cell_shows_its_finding(qtbot, window, tmp_path):
    (s,) = open_wait(qtbot, window, [damaged_002(tmp_path)])
    window.form.select(["active/penalty/change"])
    row = window.findings.view.currentIndex().row()
    assert "行政处罚" in window.findings.proxy.index(row, 2).data()
    assert window.form.selected_addresses() == ["active/penalty/change"]  # the cell stays selected
    window.act_next.trigger()  # and F8 goes on from there: 行政强制
    assert "active/coercion/decisions" in window.form.selected_addresses()


def test_source_view_of_a_word_draft(qtbot, window, tmp_path):
    path, a = docx_with_swapped_digits(tmp_path)
    (s,) = open_wait(qtbot, window, [path])
    qtbot.waitUntil(lambda: s.document is not None, timeout=10000)
    for address in (a, "appeals/review/total"):
        window.form.select([address])
        assert window.source.highlighted == s.report.cells[address].source.split(";")[0]
        assert window.source.highlighted_text() == s.report.cells[address].raw


def test_language_switch_rechecks_open_reports_keeping_edits(qtbot, window, tmp_path):
    """Findings of an open report follow the language (re-checked from the document in memory, so a
    file changed on disk is not silently re-read), and the clerk's edits survive the switch."""
    path = damaged_002(tmp_path)
    [s] = open_wait(qtbot, window, [path])
    s.edit("active/licensing/decisions", "4321")
    before = [f.message for f in s.report.findings if f.rule.startswith("requests.")]
    english = re.compile(r"[A-Za-z]{3}")
    assert before and not any(english.search(m) for m in before)
    path.write_text("已被改动", encoding="utf-8")
    try:
        with qtbot.waitSignal(window.loader.finished, timeout=30000):
            window.set_language("en")
        assert s.edits == {"active/licensing/decisions": "4321"}
        assert str(s.report.cells["active/licensing/decisions"].value) == "4321"
        after = [f.message for f in s.report.findings if f.rule.startswith("requests.")]
        assert len(after) == len(before) and all(english.search(m) for m in after)
        assert s.original.cells[SWAPPED].value == 52  # the document as first read, not the changed file
    finally:
        with qtbot.waitSignal(window.loader.finished, timeout=30000):
            window.set_language("zh")


def test_autosave_failure_is_told_once(qtbot, window, tmp_path, boxes):
    """When the edits cannot be autosaved (disk full, folder not writable) the clerk is told, once."""

    class Failing:
        last_error = "磁盘已满"

        def store(self, path, edits):
            return False

        def discard(self, path):
            pass

        def pending(self):
            return []

    window.autosave = Failing()
    [s] = open_wait(qtbot, window, [damaged_002(tmp_path)])
    s.edit("active/licensing/decisions", "4321")
    window._store_autosave()
    window._store_autosave()
    assert len([t for t in boxes.asked if "磁盘已满" in t]) == 1
    assert "磁盘已满" in window.statusBar().currentMessage()


def test_exports_are_suggested_outside_a_read_only_folder(qtbot, window, tmp_path, monkeypatch):
    """A draft in a folder that cannot be written: the save dialog starts in the documents folder."""
    import gui.appdirs

    docs = tmp_path / "文档"
    docs.mkdir()
    monkeypatch.setattr(gui.appdirs, "export_folder", lambda src: (docs, True))
    [s] = open_wait(qtbot, window, [damaged_002(tmp_path)])
    suggested = window._suggest(s, "模板", ".xlsx")
    assert Path(suggested).parent == docs and Path(suggested).name.endswith("模板.xlsx")
    assert str(docs) in window.statusBar().currentMessage()


def test_correction_sheet_print_preview(qtbot, window, tmp_path, monkeypatch):
    """文件 → 更正单打印预览 lays out the sheet of the report as edited, in a preview dialog."""
    import gui.sheet

    shown = []

    class Dialog:
        def exec(self):
            shown.append(True)
            return 0

    def preview_dialog(report, parent=None, document=None):
        shown.append(report)
        return Dialog()

    monkeypatch.setattr(gui.sheet, "preview_dialog", preview_dialog)
    [s] = open_wait(qtbot, window, [damaged_002(tmp_path)])
    s.edit("active/licensing/decisions", "4321")
    window.update_actions()
    assert window.act_preview.isEnabled()
    window.act_preview.trigger()
    assert shown[0] is s.report and shown[1] is True
