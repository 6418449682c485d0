"""Issue 15's shape rule, checked on the whole package: no function over 60 lines, no module over 400."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ocr_fix"
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400

def _offenders(root: Path = PACKAGE) -> list[tuple[str, str]]:
    """(name, what is too long) for every module and function over its limit."""
    found = []
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        if lines > MAX_MODULE_LINES:
            found.append((name, f"module of {lines} lines"))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append((f"{name}:{node.name}", f"function of {length} lines (line {node.lineno})"))
    return found


def test_no_long_function_or_big_module():
    offenders = [f"{name}: {what}" for name, what in _offenders()]
    assert not offenders, "too long:\n" + "\n".join(offenders)


def test_the_check_sees_a_long_function_and_a_big_module(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "long.py").write_text(f"def too_long():\n{body}\n", encoding="utf-8")
    (tmp_path / "big.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    (tmp_path / "fine.py").write_text("x = 1\n" * MAX_MODULE_LINES, encoding="utf-8")
    assert [name for name, _ in _offenders(tmp_path)] == ["big.py", "long.py:too_long"]
