"""Which files PyInstaller may put in the bundle: Qt is cut down to what a widgets app needs.

``excludes`` keeps unused Python modules out of the analysis; ``keep`` then filters the collected
binaries and data files, because Qt plugins and translations arrive whatever was excluded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import system_libs

# PySide6 bindings the app does not use (QtNetwork: the app must never touch the network).
UNUSED_QT = (
    "Qt3DAnimation Qt3DCore Qt3DExtras Qt3DInput Qt3DLogic Qt3DRender QtAxContainer QtBluetooth QtCharts "
    "QtConcurrent QtDataVisualization QtDesigner QtGraphs QtHelp QtHttpServer QtLabsStyleKit QtLocation "
    "QtMultimedia QtMultimediaWidgets QtNetwork QtNetworkAuth QtNfc QtOpenGL QtOpenGLWidgets QtPdf QtPdfWidgets "
    "QtPositioning QtQml QtQmlFeatures QtQuick QtQuick3D QtQuickControls2 QtQuickTest QtQuickWidgets "
    "QtRemoteObjects QtScxml QtSensors QtSerialBus QtSerialPort QtSpatialAudio QtSql QtStateMachine QtTest "
    "QtTextToSpeech QtUiTools QtWebChannel QtWebEngineCore QtWebEngineQuick QtWebEngineWidgets QtWebSockets "
    "QtWebView QtXml QtDBus"
).split()

EXCLUDES = [f"PySide6.{m}" for m in UNUSED_QT] + [
    "tkinter", "_tkinter", "turtle", "pydoc_data", "lib2to3", "idlelib", "ensurepip", "venv",
    "pytest", "_pytest", "pytestqt", "hypothesis", "atheris", "pip", "setuptools", "pkg_resources",
    "IPython", "numpy", "matplotlib", "pandas", "PyInstaller",
    # openpyxl imports Pillow only to keep pictures in workbooks; the checker never needs them
    "PIL",
]

# Qt shared libraries (Linux libQt6X.so.6, Windows Qt6X.dll) that must not ship.
_QT_LIB_DROP = re.compile(
    r"(?:lib)?Qt6(?:3D|Bluetooth|Charts|Concurrent|DataVis|Designer|EglFS|Graphs|Help|Labs|Location|Lottie|"
    r"Multimedia|Network|Nfc|OpenGLWidgets|Pdf|Positioning|Qml|Quick|RemoteObjects|Scxml|Sensors|Serial|"
    r"ShaderTools|SpatialAudio|Sql|StateMachine|Test|TextToSpeech|UiTools|VirtualKeyboard|Wayland|"
    r"WebChannel|WebEngine|WebSockets|WebView|WlShell|Xml)\w*\.(?:so\.6|dll)$",
    re.IGNORECASE,
)

# Qt plugin folders the widgets app uses; every other plugin folder is dropped.
# No Wayland plugins: in a Wayland session Qt falls back to xcb (XWayland), as UOS and Kylin ship it.
# No platform themes: the GTK one drags in GTK's whole stack (cairo, pango, …) for no visible gain.
# printsupport: the correction sheet is printed (CUPS on Linux, the Windows spooler on Windows).
_PLUGIN_KEEP = {"platforms", "platforminputcontexts", "imageformats", "iconengines", "styles", "xcbglintegrations",
                "printsupport"}
# plugins inside kept folders that are not needed
_PLUGIN_DROP = re.compile(
    r"(?:q(?:tga|tiff|webp|wbmp|icns|pdf|jp2|mng|dds)|qvnc|qwayland[\w-]*|qlinuxfb|qeglfs|qminimalegl|qvkkhrdisplay|"
    r"qtuiotouchplugin|qevdev\w*|qlibinput\w*|qtslib|qdirect2d)\.(?:so|dll)$",
    re.IGNORECASE,
)
# Qt's own translations: only Simplified Chinese (dialog buttons, context menus)
_QM_KEEP = re.compile(r"qt(?:base)?_zh_CN\.qm$")


def keep(dest: str) -> bool:
    """Whether a collected file (its destination path inside the bundle) belongs in the bundle."""
    d = dest.replace("\\", "/")
    name = d.rsplit("/", 1)[-1]
    if "/translations/" in d and d.endswith(".qm") and ("PySide6/" in d or "Qt6/" in d):
        return bool(_QM_KEEP.search(name))
    if "/plugins/" in d and ("PySide6/" in d or "Qt6/" in d):
        folder = d.split("/plugins/", 1)[1].split("/", 1)[0]
        return folder in _PLUGIN_KEEP and not _PLUGIN_DROP.search(name)
    if system_libs.is_system(name):  # Linux: taken from the desktop, declared in the .deb's Depends
        return False
    if _QT_LIB_DROP.search(name) or name.lower() == "opengl32sw.dll":  # software OpenGL: widgets paint without GL
        return False
    if d.startswith("PySide6/") and (d.endswith((".pyi", ".h")) or "/include/" in d or "/typesystems/" in d):
        return False
    if "/qml/" in d and "PySide6/" in d:
        return False
    return True


def filter_toc(toc: list) -> list:
    """A PyInstaller TOC (entries ``(dest, source, kind)``) without the files ``keep`` rejects."""
    return [entry for entry in toc if keep(entry[0])]


# Loaded by the bootloader or by name at run time, never found as a link-time import.
_ALWAYS = re.compile(r"^(?:libpython\d|python\d|api-ms-win-|ucrtbase|vcruntime|msvcp|concrt)", re.IGNORECASE)


def _is_shared_dependency(dest: str) -> bool:
    """A library collected only because something links to it (bundle top level, Qt's lib folder)."""
    d = dest.replace("\\", "/")
    if "/" not in d:
        return True
    return d.startswith("PySide6/Qt/lib/") or (d.startswith("PySide6/") and d.count("/") == 1 and d.lower().endswith(".dll"))


def prune_unreachable(toc: list, imports_of: Callable[[str], Iterable[str]]) -> list:
    """Drop shared libraries that no kept extension module, plugin or executable needs any more.

    ``imports_of(source)`` names the libraries a binary links to. Libraries are matched by base name
    (case-insensitively, for Windows); the roots are every entry that is not a plain dependency.
    """
    by_name = {e[0].replace("\\", "/").rsplit("/", 1)[-1].lower(): e for e in toc if _is_shared_dependency(e[0])}
    # roots: extension modules (on Windows the standard library's .pyd files sit at the bundle's top
    # level, next to the DLLs), plugins, executables, and what the bootloader loads by name
    queue = [e for e in toc if not _is_shared_dependency(e[0]) or (len(e) > 2 and e[2] == "EXTENSION")
             or _ALWAYS.search(e[0].replace("\\", "/"))]
    reached = {id(e) for e in queue}
    while queue:
        entry = queue.pop()
        for name in imports_of(entry[1]):
            dep = by_name.get(name.replace("\\", "/").rsplit("/", 1)[-1].lower())
            if dep is not None and id(dep) not in reached:
                reached.add(id(dep))
                queue.append(dep)
    return [e for e in toc if id(e) in reached]
