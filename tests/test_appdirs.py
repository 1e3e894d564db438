"""Where the app keeps and suggests files: a draft in a read-only folder gets its outputs
suggested elsewhere (the documents folder), with a flag so the app can say why."""

from __future__ import annotations

import sys

from gui import appdirs


def test_can_write_probes_for_real(tmp_path, unwritable):
    assert appdirs.can_write(tmp_path) and list(tmp_path.iterdir()) == []  # the probe is gone
    assert not appdirs.can_write(unwritable)
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    assert not appdirs.can_write(blocker)
    assert not appdirs.can_write(tmp_path / "missing")


def test_outputs_are_suggested_beside_a_draft_in_a_writable_folder(tmp_path):
    draft = tmp_path / "区 政府" / "2020年 报告.docx"
    draft.parent.mkdir()
    draft.write_bytes(b"x")
    assert appdirs.export_folder(draft) == (draft.parent, False)


def test_outputs_move_to_documents_when_the_drafts_folder_is_read_only(tmp_path, unwritable, monkeypatch):
    docs = tmp_path / "文档"
    docs.mkdir()
    monkeypatch.setattr(appdirs, "documents_dir", lambda: docs)
    assert appdirs.export_folder(unwritable / "报告.docx") == (docs, True)


def test_documents_dir_is_a_folder():
    assert appdirs.documents_dir().is_absolute()


def test_app_dir_without_qt_names_uses_the_platform_layout(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(appdirs, "_qt_location", lambda kind: None)
    got = appdirs.app_dir("AppLocalDataLocation")
    assert got.parts[-2:] == ("NianbaoCheck", "NianbaoCheck")
    if sys.platform.startswith("linux"):
        assert got == tmp_path / "data" / "NianbaoCheck" / "NianbaoCheck"
