"""Autosave of the clerk's unsaved edits, one small JSON file per open report, so a crash or a
power cut loses nothing: on the next start ``pending()`` lists what can be restored.

Each file holds the report's path, the source file's size, mtime and SHA-256 at the time (so a
source changed or removed since is recognised), the edits (address → typed text, or None for
"back to the file's own value") and when they were saved. Files are written atomically (a
temporary file in the same folder, then ``os.replace``). A damaged autosave file is moved aside
(``*.json.corrupt``) and ignored; nothing here raises for a bad file or a full disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .appdirs import app_dir

VERSION = 1


@dataclass
class Recovered:
    """Edits found in the autosave folder for one report."""

    path: str
    edits: dict[str, str | None]
    saved_at: datetime
    source_changed: bool
    """The report file differs from the one the edits were made on (size or content)."""
    source_missing: bool
    """The report file is no longer there."""


def default_folder() -> Path:
    """``AppDataLocation``/autosave of NianbaoCheck."""
    return app_dir("AppDataLocation") / "autosave"


def _key(path: str | Path) -> str:
    """A path as one report: absolute, normalised (case-folded where the file system folds)."""
    return os.path.normcase(os.path.abspath(os.fspath(path)))


def _fingerprint(path: str) -> dict | None:
    try:
        st = os.stat(path)
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": h.hexdigest()}
    except OSError:
        return None


def _replace(src: str, dst: Path, attempts: int = 5) -> None:
    """``os.replace``, tried again briefly when Windows reports the target busy (a virus scanner
    or a backup tool holding it open for a moment)."""
    for i in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if sys.platform != "win32" or i == attempts - 1:
                raise
            time.sleep(0.05 * (i + 1))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a power cut right after must not bring the old file back)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class AutoSave:
    """The autosave store in ``folder`` (default: ``default_folder()``)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()
        self.last_error: str | None = None
        """Why the last ``store`` failed (None after a success)."""
        self._prints: dict[str, tuple[int, int, dict | None]] = {}  # path → (size, mtime_ns, fingerprint)

    def file_for(self, path: str | Path) -> Path:
        """The autosave file of the report at ``path``."""
        return self.folder / (hashlib.sha256(_key(path).encode("utf-8")).hexdigest()[:24] + ".json")

    def _source(self, key: str) -> dict | None:
        """The source's fingerprint; hashed again only when its size or mtime changed."""
        try:
            st = os.stat(key)
        except OSError:
            return None
        cached = self._prints.get(key)
        if cached and cached[:2] == (st.st_size, st.st_mtime_ns):
            return cached[2]
        fp = _fingerprint(key)
        self._prints[key] = (st.st_size, st.st_mtime_ns, fp)
        return fp

    def store(self, path: str | Path, edits: dict[str, str | None]) -> bool:
        """Save ``edits`` for the report at ``path`` (no edits: the autosave is removed).
        Returns False (reason in ``last_error``) when it could not be written; never raises."""
        if not edits:
            self.discard(path)
            return True
        key = _key(path)
        target = self.file_for(path)
        tmp = None
        try:
            record = {
                "version": VERSION,
                "path": os.path.abspath(os.fspath(path)),
                "source": self._source(key),
                "edits": {str(a): (None if v is None else str(v)) for a, v in edits.items()},
                "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            data = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".autosave-", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            _replace(tmp, target)
            tmp = None
            _sync_folder(self.folder)
            self.last_error = None
            return True
        except (OSError, ValueError, TypeError) as e:
            self.last_error = f"{type(e).__name__}: {e}"
            return False
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def discard(self, path: str | Path) -> None:
        """Forget the autosaved edits of the report at ``path`` (exported or deliberately dropped)."""
        try:
            self.file_for(path).unlink()
        except FileNotFoundError:
            pass
        except OSError as e:
            self.last_error = f"{type(e).__name__}: {e}"

    def pending(self) -> list[Recovered]:
        """Every report with autosaved edits, oldest first. Damaged files are moved aside."""
        out: list[Recovered] = []
        try:
            files = sorted(self.folder.glob("*.json"))
        except OSError:
            return out
        for f in files:
            rec = self._load(f)
            if rec is not None:
                out.append(rec)
        return sorted(out, key=lambda r: (r.saved_at, r.path))

    def _load(self, f: Path) -> Recovered | None:
        try:
            record = json.loads(f.read_bytes().decode("utf-8"))
            path = record["path"]
            edits = record["edits"]
            saved_at = datetime.fromisoformat(record["saved_at"])
            if not (isinstance(path, str) and isinstance(edits, dict) and edits):
                raise ValueError("not an autosave record")
            if not all(isinstance(a, str) and (v is None or isinstance(v, str)) for a, v in edits.items()):
                raise ValueError("bad edits")
            if saved_at.tzinfo is None:
                saved_at = saved_at.replace(tzinfo=UTC)
            source = record.get("source")
            if source is not None and not isinstance(source, dict):
                raise ValueError("bad source")
        except OSError:
            return None  # unreadable just now (locked, permissions): try again next time
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, RecursionError):
            self._move_aside(f)
            return None
        missing = not os.path.isfile(path)
        changed = False
        if not missing:
            now = self._source(path)
            changed = source is None or now is None or (
                now["size"] != source.get("size") or now["sha256"] != source.get("sha256")
            )
        return Recovered(path, edits, saved_at, source_changed=changed, source_missing=missing)

    def _move_aside(self, f: Path) -> None:
        try:
            os.replace(f, f.with_name(f.name + ".corrupt"))
        except OSError:
            pass

    def clear_all(self) -> None:
        """Remove every autosave (and leftover temporary files); damaged ones moved aside stay."""
        try:
            for f in list(self.folder.glob("*.json")) + list(self.folder.glob(".autosave-*.tmp")):
                try:
                    f.unlink()
                except OSError:
                    pass
        except OSError:
            pass
