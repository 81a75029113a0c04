"""Layers import downwards only: no import cycle anywhere in ``cxkit/``.

Every import of a cxkit module counts, wherever it is written: at module
level, inside a function (a lazy import hides a cycle, it does not remove
it) and under ``TYPE_CHECKING`` (a type that points up is a dependency that
points up). Importing ``cxkit.a.b`` is an edge to ``cxkit.a.b`` only, not to
the package ``cxkit.a`` whose ``__init__`` runs first: a package that
re-exports its own modules is not a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "cxkit"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported(importer: str, path: Path, known: set[str]) -> Iterator[tuple[str, int]]:
    """(cxkit module, line) for every import statement of ``path``, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, importer, is_package)
            for alias in node.names:
                if f"{source}.{alias.name}" in known:  # from cxkit.store import schema
                    yield f"{source}.{alias.name}", node.lineno
                elif source in known:
                    yield source, node.lineno


def import_graph() -> dict[str, dict[str, int]]:
    """Module -> {imported cxkit module: line of the first import}."""
    found = modules()
    known = set(found)
    graph: dict[str, dict[str, int]] = {}
    for name, path in found.items():
        edges: dict[str, int] = {}
        for target, line in imported(name, path, known):
            if target != name:
                edges.setdefault(target, line)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def describe(component: list[str], graph: dict[str, dict[str, int]]) -> str:
    members = set(component)
    edges = [
        f"  {a} -> {b} (line {line})"
        for a in component
        for b, line in sorted(graph[a].items())
        if b in members
    ]
    return "cycle: " + ", ".join(component) + "\n" + "\n".join(edges)


def test_no_import_cycle_anywhere_in_cxkit() -> None:
    graph = import_graph()
    found = cycles(graph)
    assert not found, "\n".join(describe(c, graph) for c in found)


def test_the_walk_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    """The detector itself: a cycle closed only by a lazy import is still found."""
    a = tmp_path / "a.py"
    a.write_text("from cxkit.store import schema\n")
    b = tmp_path / "b.py"
    b.write_text("def f():\n    from cxkit import errors\n    from . import text\n")
    known = {"cxkit.store.schema", "cxkit.errors", "cxkit.text", "cxkit.store"}
    assert [m for m, _ in imported("cxkit.x", a, known)] == ["cxkit.store.schema"]
    assert sorted(m for m, _ in imported("cxkit.y", b, known)) == ["cxkit.errors", "cxkit.text"]
    graph = {"p": {"q": 1}, "q": {"r": 2}, "r": {"p": 3}, "s": {"p": 4}}
    assert cycles(graph) == [["p", "q", "r"]]
    assert "p -> q (line 1)" in describe(["p", "q", "r"], graph)


def test_no_function_level_import_inside_the_store() -> None:
    """The store's modules import at the top; only optional heavy dependencies wait.

    ``cxkit.model`` and ``cxkit.validation`` (pydantic, the checks) and
    ``cxkit.document`` (YAML) are the heavy ones a participant's kernel must
    not pay for: they may be imported where used.
    """
    heavy = {"cxkit.model", "cxkit.validation", "cxkit.document", "cxkit.store.diff"}
    found = []
    for name, path in modules().items():
        if not name.startswith("cxkit.store"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.ImportFrom) and node.module not in heavy:
                    found.append(f"{name}:{node.lineno} from {node.module}")
                elif isinstance(node, ast.Import):
                    found.append(f"{name}:{node.lineno} import")
    assert not found, "\n".join(found)


def test_the_store_does_not_build_the_model_on_import() -> None:
    """A participant's kernel imports the store: pydantic's model and YAML stay out of it."""
    import subprocess
    import sys

    code = (
        "import sys, cxkit.store;"
        "print(sorted(m for m in ('cxkit.model', 'cxkit.validation', 'pydantic', 'yaml')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "module", ["cxkit.apps.light", "cxkit.apps.participant", "cxkit.apps.fork_provisioner"]
)
def test_the_participants_server_and_its_kernels_do_not_build_the_model(module: str) -> None:
    """The participants' server (its gate, its card route) and the zygote every participant
    kernel is forked from stay light: the model loads with the first card page asked (YAML is Jupyter's own, in the server)."""
    import subprocess
    import sys

    code = (
        f"import sys, {module};"
        "print(sorted(m for m in ('cxkit.model', 'cxkit.validation', 'pydantic')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"
