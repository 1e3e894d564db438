"""Interface language: Qt translators (Chinese is the source language, English from
``resources/translations/nianbaocheck_en.qm``) and the engine's message language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from engine import messages

from .resources import resources_dir

LANGUAGES = ("zh", "en")
_installed: list[QTranslator] = []


def translations_dir():
    return resources_dir() / "translations"


def chinese_system_dates(lang: str) -> None:
    """Before the QApplication exists: Qt's file dialogs show dates in the *system* locale
    (「7 12 2026」 on a machine set to C/English); for the Chinese interface make it Chinese
    (LC_TIME only: numbers, messages and the files' encoding are left alone)."""
    import os

    if lang != "zh":
        return
    current = os.environ.get("LC_ALL") or os.environ.get("LC_TIME") or os.environ.get("LANG") or ""
    if not current.startswith("zh") and not os.environ.get("LC_ALL"):
        os.environ["LC_TIME"] = "zh_CN.UTF-8"


def qt_translation_dirs(qt_dir: str) -> list[str]:
    """Where Qt's own Chinese (file dialogs, buttons) may be: Qt's translations folder, the
    PySide6 package's (a bundle whose Qt paths point nowhere), and the app's resources."""
    import PySide6

    pkg = Path(PySide6.__file__).resolve().parent
    return [qt_dir, str(pkg / "Qt" / "translations"), str(pkg / "translations"), str(translations_dir())]


def apply_language(lang: str) -> bool:
    """Install the translators for ``lang`` (``zh``/``en``) and switch the engine's messages.
    Returns False when the app's translation file for ``lang`` could not be loaded."""
    app = QCoreApplication.instance()
    for t in _installed:
        QCoreApplication.removeTranslator(t)
    _installed.clear()
    lang = "en" if lang.startswith("en") else "zh"
    messages.set_language(lang)
    ok = True
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "en":
        t = QTranslator(app)
        ok = t.load(str(translations_dir() / "nianbaocheck_en.qm"))
        if ok:
            _installed.append(t)
    else:
        t = QTranslator(app)
        if any(t.load("qtbase_zh_CN", d) for d in qt_translation_dirs(qt_dir)):
            _installed.append(t)
    for t in _installed:
        QCoreApplication.installTranslator(t)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates) if lang == "en"
                       else QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return ok
