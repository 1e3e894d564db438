"""Frozen entry point of the desktop app: the same dispatch as ``python -m gui`` (app, sheet, --self-test)."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()  # batch checks use worker processes; a frozen child must not reopen the app
    import gui.__main__  # noqa: F401  (runs the dispatch and exits)
