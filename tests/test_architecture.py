"""The layout shows the architecture (issue 18): the engine's stages depend only downwards, the
engine never reaches Qt or the GUI, and neither package has an import circle.

Every import counts, including those inside functions (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# the engine's layers, lowest first; a module may import its own layer and the layers below it
LAYERS = [
    {"engine.model", "engine.formats", "engine.messages"},
    {"engine.reading"},
    {"engine.locating"},
    {"engine.checking"},
    {"engine.repair"},
    {"engine.export"},
    {"engine.api"},
    {"engine.cli"},
    {"engine", "engine.__main__"},
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (``from x import y`` counts y when it is a module)."""
    name = module_name(path)
    is_pkg = path.name == "__init__.py"
    package = name if is_pkg else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            for a in node.names:
                sub = f"{mod}.{a.name}"
                if _exists(sub):
                    out.add(sub)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and not node.args[0].value.startswith(".")):
            out.add(node.args[0].value)  # importlib.import_module("gui.x") is an import too
    return out


def _exists(mod: str) -> bool:
    p = ROOT / mod.replace(".", "/")
    return p.with_suffix(".py").exists() or (p / "__init__.py").exists()


def layer(mod: str) -> int | None:
    best = None
    for i, group in enumerate(LAYERS):
        for g in group:
            if (mod == g or mod.startswith(g + ".")) and (best is None or len(g) > best[1]):
                best = (i, len(g))
    return None if best is None else best[0]


def graph(package: str) -> dict[str, set[str]]:
    files = sorted((ROOT / package).rglob("*.py"))
    mods = {module_name(p): p for p in files}
    return {m: {i for i in imports(p) if i in mods and i != m} for m, p in mods.items()}


def cycles(g: dict[str, set[str]], ignore_parent_init: bool = True) -> list[list[str]]:
    """Strongly connected components of more than one module (a package importing its own
    submodules from ``__init__`` for re-export is not a circle)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def edges(v: str) -> set[str]:
        # a submodule importing its own package's __init__ is how Python loads it; not an arrow back
        return {w for w in g[v] if not (ignore_parent_init and v.startswith(w + "."))}

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in g:
        if v not in index:
            visit(v)
    return found


def test_every_engine_module_has_a_layer():
    assert [m for m in graph("engine") if layer(m) is None] == []


def test_engine_stages_depend_only_downwards():
    wrong = []
    for mod, deps in graph("engine").items():
        for d in deps:
            if mod.startswith(d + "."):
                continue  # loading a submodule loads its package
            if layer(d) > layer(mod):
                wrong.append(f"{mod} -> {d}")
    assert wrong == []


def test_engine_never_imports_qt_or_gui():
    bad = []
    for p in (ROOT / "engine").rglob("*.py"):
        for i in imports(p):
            if i.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6", "gui"):
                bad.append(f"{module_name(p)} -> {i}")
    assert bad == []


def test_no_import_circle_in_engine():
    assert cycles(graph("engine")) == []


def test_no_import_circle_in_gui():
    assert cycles(graph("gui")) == []


def test_the_checker_finds_a_wrong_arrow_and_a_circle(tmp_path):
    """The test above can fail: a made-up graph with an upward arrow and a circle is caught."""
    g = {"engine.reading.x": {"engine.export.y"}, "engine.export.y": {"engine.reading.x"}}
    assert cycles(g) == [["engine.export.y", "engine.reading.x"]]
    assert layer("engine.export.y") > layer("engine.reading.x")
