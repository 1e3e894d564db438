"""Interface language: Qt translators (Chinese is the source language, English from
``resources/translations/nianbaocheck_en.qm``) and the engine's message language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from engine import messages

from .resources import resources_dir

LANGUAGES = ("zh", "en")
_installed: list[QTranslator] = []


def translations_dir():
    return resources_dir() / "translations"


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
        if t.load("qtbase_zh_CN", qt_dir) or t.load("qtbase_zh_CN", str(translations_dir())):
            _installed.append(t)
    for t in _installed:
        QCoreApplication.installTranslator(t)
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Chinese))
    return ok
