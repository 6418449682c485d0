"""No import cycles between packages: the layers of the README's layout, checked from the source.

Each subpackage of ocr_fix (detect, language, lexicon, ...) is one node, each top-level module (api,
batch, document, ...) its own. Every import counts, those inside functions too: an import put off to
call time hides a cycle from Python's import machinery, not from the design.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ocr_fix"


def _node(parts: list[str]) -> str | None:
    """The graph's node for a module path under ocr_fix (["lexicon", "store"] -> "lexicon")."""
    if not parts:
        return None
    if (PACKAGE / parts[0]).is_dir():
        return parts[0]
    return parts[0] if (PACKAGE / f"{parts[0]}.py").is_file() else None


def _imported(node: ast.AST, here: list[str]) -> list[list[str]]:
    """The ocr_fix module paths an import statement names, relative ones resolved from `here` (the
    importing module's package). `from ocr_fix import cache` names the module cache;
    `from ocr_fix import __version__` names the package's own `__init__`."""
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[1:] for alias in node.names if alias.name.startswith("ocr_fix.")]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        package = here[: len(here) - (node.level - 1)]
    elif node.module == "ocr_fix":  # from ocr_fix import cache, __version__
        return [[alias.name] for alias in node.names]
    elif (node.module or "").startswith("ocr_fix."):
        return [node.module.split(".")[1:]]
    else:
        return []
    if node.module is None:  # from . import layout, names
        return [package + [alias.name] for alias in node.names]
    return [package + node.module.split(".")]


def import_graph() -> dict[str, dict[str, list[str]]]:
    """node -> the nodes it imports -> where ("module:line"), for every import in ocr_fix."""
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        parts = list(relative.with_suffix("").parts)
        source = _node(parts) if parts != ["__init__"] else "__init__"
        for statement in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _imported(statement, list(relative.parent.parts)):
                imported = _node(target) or ("__init__" if target else None)
                if imported is not None and imported != source:
                    graph[source][imported].append(f"{relative.with_suffix('')}:{statement.lineno}")
    return graph


def cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
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
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return found


def _describe(component: list[str], graph: dict[str, dict[str, list[str]]]) -> str:
    edges = [f"  {a} -> {b} ({', '.join(graph[a][b])})" for a in component for b in component if b in graph[a]]
    return "import cycle between " + ", ".join(component) + ":\n" + "\n".join(edges)


def test_the_packages_import_one_another_without_a_cycle():
    graph = import_graph()
    found = cycles(graph)
    assert not found, "\n".join(_describe(component, graph) for component in found)


def test_the_graph_sees_imports_inside_functions_and_from_the_package():
    graph = import_graph()
    assert "pool" in graph["api"]  # a module-level import
    assert "folders" in graph["quality"]  # made inside a function (quality/evaluate.py)
    assert "cluster" in graph["batch"]  # `from ocr_fix import cluster`, inside a function
    assert "__init__" in graph["lexicon"]  # `from ocr_fix import __version__`


def test_a_cycle_is_found_and_named():
    graph = {"a": {"b": ["a:1"]}, "b": {"c": ["b:2"]}, "c": {"a": ["c:3"]}, "d": {"a": ["d:4"]}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert "c -> a (c:3)" in _describe(["a", "b", "c"], graph)
