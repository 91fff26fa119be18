"""The import contract of the package, read from the source with `ast` (no import is executed).

Every `import` in src/sitroom counts, at module level and inside functions alike:

1. no import cycle between modules;
2. no upward import across the layers below (top to bottom), and no import between two
   parts of one layer (stages, export and store do not know each other); modules of one
   folder import each other freely (the top-level modules contract, settings and errors
   share the package folder), and `sitroom/__init__.py` re-exports api;
3. no module over `MAX_LINES` lines.

See docs/architecture.md for the picture.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sitroom"
MAX_LINES = 550

LAYERS = [  # top to bottom
    {"surfaces"},  # the CLI is the front door of `sitroom eval` too
    {"evaluate"},
    {"api", "__init__"},  # `sitroom/__init__.py`, the package facade, re-exports api
    {"pipeline"},
    {"stages", "export", "store"},
    {"engines"},
    {"link"},
    {"extract"},
    {"knowledge", "article"},
    {"contract", "settings", "errors"},
]
LEVEL = {part: n for n, layer in enumerate(LAYERS) for part in layer}
TOP_LEVEL_FOLDER = {"contract", "settings", "errors"}  # one folder: may import each other
ALLOWED = {("__init__", "api")}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _part(module: str) -> str:
    """The layer part a module belongs to: its folder under sitroom/, or its own name at the top."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(module: str, source: str, is_package: bool = False) -> list[tuple[str, int]]:
    """(imported sitroom module, line) for every import statement anywhere in the source."""
    tree = ast.parse(source)
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:  # `from pkg import mod` imports the module pkg.mod
                sub = f"{source}.{alias.name}"
                found.append((sub if sub in MODULES else source, node.lineno))
        elif (  # importlib.import_module("sitroom.x")
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.args[0].value, node.lineno))
    out = []
    for name, line in found:
        if name.split(".")[0] != "sitroom":
            continue
        while name not in MODULES and "." in name:  # `import sitroom.a.b` of a name, not a module
            name = name.rpartition(".")[0]
        if (name, line) not in out:
            out.append((name, line))
    return out


IMPORTS = {m: _imports(m, p.read_text(encoding="utf-8"), p.name == "__init__.py") for m, p in MODULES.items()}


def _where(module: str, line: int) -> str:
    return f"{MODULES[module].relative_to(PACKAGE.parents[1])}:{line}"


def test_every_module_belongs_to_a_layer():
    assert {_part(m) for m in MODULES} <= set(LEVEL), set(map(_part, MODULES)) - set(LEVEL)


def test_no_import_cycle():
    graph = {m: sorted({dep for dep, _ in deps if dep != m}) for m, deps in IMPORTS.items()}
    # Tarjan's strongly connected components, iteratively
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []
    for root, deps in graph.items():
        if root in index:
            continue
        work = [(root, iter(deps))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    details = [
        "\n".join(f"  {a} -> {b} ({_where(a, line)})" for a in cycle for b, line in IMPORTS[a] if b in cycle and b != a)
        for cycle in cycles
    ]
    assert not cycles, "import cycles, each a set of modules that import each other:\n" + "\n\n".join(details)


def test_no_upward_or_sideways_import_across_layers():
    bad = []
    for module, deps in IMPORTS.items():
        here = _part(module)
        for dep, line in deps:
            there = _part(dep)
            if here == there or (here in TOP_LEVEL_FOLDER and there in TOP_LEVEL_FOLDER) or (here, there) in ALLOWED:
                continue
            if LEVEL[there] < LEVEL[here]:
                bad.append(f"{_where(module, line)}: {here} imports {dep}, a higher layer")
            elif LEVEL[there] == LEVEL[here]:
                bad.append(f"{_where(module, line)}: {here} imports {dep}, a sibling of its layer")
    assert not bad, "\n".join(bad)


def test_no_module_is_over_the_line_limit():
    long = {
        str(p.relative_to(PACKAGE.parents[1])): n
        for p in MODULES.values()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"over {MAX_LINES} lines: {long}"


def test_the_checker_sees_every_kind_of_import():
    source = """
import sitroom.stages.read
from sitroom.stages import analyze, base as b
from . import cache
from ..contract import Article
from sitroom.engines import Engine

def later():
    from sitroom.export.html import render
    import importlib
    importlib.import_module("sitroom.store.sql")
"""
    found = _imports("sitroom.stages.dedup", source)
    assert found == [
        ("sitroom.stages.read", 2), ("sitroom.stages.analyze", 3), ("sitroom.stages.base", 3),
        ("sitroom.stages.cache", 4), ("sitroom.contract", 5), ("sitroom.engines", 6),
        ("sitroom.export.html", 9), ("sitroom.store.sql", 11),
    ]
