"""Exporting: the corrected copy of the draft, the corrected template, the summary workbook, and the
save-name, overwrite and writable-folder helpers the exports (and the sheet PDF) share."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..optional import note, optional
from ..session import Session
from .host import Host


def copyable(path: str) -> bool:
    """A corrected copy of the draft itself can be written (the engine's rule)."""
    from engine.export import can_fix_copy

    return can_fix_copy(path)


class ExportActions(Host):
    """File → 导出更正后的副本 / 导出更正后的模板 / 导出汇总表."""

    def _ask_overwrite(self, path: str) -> bool:
        return QMessageBox.question(
            self, self.tr("文件已存在"), self.tr("“%1”已存在，要替换它吗？").replace("%1", path)
        ) == QMessageBox.StandardButton.Yes

    def _save_name(self, title: str, suggested: str, filters: str) -> tuple[str, bool] | None:
        out, _ = QFileDialog.getSaveFileName(self, title, suggested, filters,
                                             options=QFileDialog.Option.DontConfirmOverwrite)
        if not out:
            return None
        force = False
        if os.path.exists(out):
            if not self._ask_overwrite(out):
                return None
            force = True
        return out, force

    def _error(self, e: Exception) -> None:
        from engine import messages

        code, params = getattr(e, "code", None), getattr(e, "params", None) or {}
        text = str(e)
        if code:
            try:
                text = messages.text(code, **params)
            except (KeyError, IndexError):
                pass
        QMessageBox.warning(self, self.tr("无法导出"), text)

    def _suggest(self, s: Session, tag: str, suffix: str | None = None) -> str:
        p = Path(s.path)
        return self._writable(p.with_name(f"{p.stem}-{tag}{suffix or p.suffix}"))

    def _writable(self, suggested: Path) -> str:
        """``suggested`` moved to the documents folder when the draft's own folder is read-only
        (the clerk is told why); never the draft's own path."""
        appdirs = optional("gui.appdirs")
        if appdirs is None:
            return str(suggested)
        folder, moved = appdirs.export_folder(suggested)
        if moved:
            self.statusBar().showMessage(
                self.tr("原文件所在的文件夹不能写入，已改为保存到：%1").replace("%1", str(folder)), 10000)
        return str(Path(folder) / Path(suggested).name)

    def export_copy(self, _checked: bool = False, s: Session | None = None) -> bool:
        """导出更正后的副本: the draft itself with the edited values. True when written."""
        s = s or self.current
        mod = optional("engine.export")
        if s is None or not s.readable or mod is None:
            return False
        p = Path(s.path)
        suggested = (self._writable(Path(mod.fixed_copy_name(p))) if hasattr(mod, "fixed_copy_name")
                     else self._suggest(s, self.tr("更正")))
        got = self._save_name(self.tr("导出更正后的副本"), suggested,
                              self.tr("与原文件相同类型 (*%1)").replace("%1", p.suffix))
        if got is None:
            return False
        try:
            out = mod.write_fixed_copy(s.report, got[0], force=got[1], document=s.doc)
        except Exception as e:  # ExportError and file-system errors: told, never a traceback
            self._error(e)
            return False
        self._saved(s, out)
        return True

    def export_template(self, _checked: bool = False, s: Session | None = None) -> bool:
        s = s or self.current
        mod = optional("engine.export")
        if s is None or not s.readable or mod is None:
            return False
        got = self._save_name(self.tr("导出更正后的模板"), self._suggest(s, self.tr("模板"), ".xlsx"),
                              self.tr("Excel 工作簿 (*.xlsx);;Word 文档 (*.docx)"))
        if got is None:
            return False
        try:
            out = mod.write_template(s.report, got[0], force=got[1], document=s.doc)
        except Exception as e:
            self._error(e)
            return False
        self._saved(s, out)
        return True

    def _saved(self, s: Session, out) -> None:
        note(f"导出 {out}")
        s.mark_saved()
        self._discard_autosave(s)
        self.statusBar().showMessage(self.tr("已导出：%1").replace("%1", str(out)), 8000)

    def export_summary(self, _checked: bool = False, out: str | None = None, force: bool = False) -> str | None:
        """导出汇总表: one row per open report (engine.export.summary), as the command line's --summary."""
        from engine.export.summary import write_summary

        reports = [s.report for s in self.sessions if s.is_loaded]
        if not reports:
            return None
        if out is None:
            got = self._save_name(self.tr("导出汇总表"), os.path.join(self._last_dir(), self.tr("年报检查汇总.xlsx")),
                                  self.tr("Excel 工作簿 (*.xlsx)"))
            if got is None:
                return None
            out, force = got
        try:
            path = write_summary(reports, out, force=force)
        except Exception as e:
            self._error(e)
            return None
        self.statusBar().showMessage(self.tr("已导出：%1").replace("%1", str(path)), 8000)
        return str(path)
