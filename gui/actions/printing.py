"""The correction sheet (更正单): print preview, printing and PDF, drawn by ``gui.sheet``."""

from __future__ import annotations

from ..optional import optional
from .host import Host


class PrintActions(Host):
    """File → 更正单打印预览 / 打印更正单 / 导出更正单PDF."""

    def preview_sheet(self) -> None:
        """Print preview of the correction sheet (the clerk may print from it)."""
        s = self.current
        mod = optional("gui.sheet")
        if s is None or not s.readable or mod is None:
            return
        try:
            mod.preview_sheet(s.report, parent=self, document=s.doc)
        except Exception as e:
            self._error(e)

    def print_sheet(self) -> None:
        s = self.current
        mod = optional("gui.sheet")
        if s is None or not s.readable or mod is None:
            return
        try:
            mod.print_sheet(s.report, parent=self, document=s.doc)
        except Exception as e:
            self._error(e)

    def export_sheet_pdf(self) -> None:
        s = self.current
        mod = optional("gui.sheet")
        if s is None or not s.readable or mod is None:
            return
        got = self._save_name(self.tr("导出更正单PDF"), self._suggest(s, self.tr("更正单"), ".pdf"), "PDF (*.pdf)")
        if got is None:
            return
        try:
            out = mod.write_sheet_pdf(s.report, got[0], force=got[1], document=s.doc)
        except Exception as e:
            self._error(e)
            return
        self.statusBar().showMessage(self.tr("已导出：%1").replace("%1", str(out)), 8000)
