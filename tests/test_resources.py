"""Every cache is named in one table (`ocr_fix.resources.CACHE_SIZES`), bounded by its size, listed by
`stats()` and emptied by `clear()`; no module keeps state of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ocr_fix
from ocr_fix import resources
from ocr_fix.resources import CACHE_SIZES, Memo, OwnedCaches, cached, cached_per_owner

PACKAGE = Path(ocr_fix.__file__).parent


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "resources.py" or path.parent != PACKAGE:
            yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _cache_makers(tree: ast.AST) -> list[str]:
    """`lru_cache` and `functools.cache` however they are spelled (imported, called, decorating)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "functools":
            found += [alias.name for alias in node.names if alias.name in ("lru_cache", "cache")]
        elif isinstance(node, ast.Attribute) and node.attr in ("lru_cache", "cache"):
            if isinstance(node.value, ast.Name) and node.value.id == "functools":
                found.append(f"functools.{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "lru_cache":
            found.append("lru_cache")
    return found


def test_no_module_but_resources_makes_a_cache_of_its_own():
    offenders = {name: makers for name, tree in _modules() if (makers := _cache_makers(tree))}
    assert offenders == {}, "use ocr_fix.resources.cached(name) with a size in CACHE_SIZES"


def test_no_module_keeps_state_in_globals():
    declared = {(name, variable) for name, tree in _modules() for node in ast.walk(tree)
                if isinstance(node, ast.Global) for variable in node.names}
    assert declared == set(), "keep state in a cache of ocr_fix.resources, or in an object"


# Module-level containers that start empty and are filled as the program runs. These are tables,
# not caches: what registers itself (rules, word kinds, file readers), one built at import from the
# confusion table, and one that stays empty (the substitutions of a letter that has none).
KNOWN_TABLES = {("detect/registry.py", "RULES"), ("detect/registry.py", "WORD_KINDS"),
                ("detect/registry.py", "NOT_SMALL_LETTERS"), ("detect/registry.py", "AMONG"),
                ("detect/registry.py", "NEEDS"),
                ("inputs.py", "_SNIFFERS"), ("confusion.py", "MULTI_PRINTED"), ("confusion.py", "_NO_SUBSTITUTIONS")}


def _empty_container(node: ast.AST | None) -> bool:
    if isinstance(node, ast.Dict):
        return not node.keys
    if isinstance(node, (ast.List, ast.Set)):
        return not node.elts
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (
        node.func.id == "defaultdict" or (node.func.id in ("dict", "list", "set", "Counter") and not node.args))


def _module_containers(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        else:
            targets = [node.target] if isinstance(node, ast.AnnAssign) else []
        if targets and _empty_container(node.value):
            names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def test_no_module_fills_a_container_of_its_own():
    found = {(name, variable) for name, tree in _modules() for variable in _module_containers(tree)}
    assert found <= KNOWN_TABLES, "keep a cache in ocr_fix.resources (a named size), not in a module"


def test_the_walk_sees_what_it_looks_for():
    tree = ast.parse("import functools\nfrom functools import lru_cache\n@functools.cache\ndef f():\n"
                     "    global x\n")
    assert _cache_makers(tree) == ["lru_cache", "functools.cache"]
    assert any(isinstance(node, ast.Global) for node in ast.walk(tree))
    tables = ast.parse("A = {}\nB: set[str] = set()\nC = {1: 2}\nD = defaultdict(list)\nE = (1,)\n")
    assert _module_containers(tables) == {"A", "B", "D"}


def test_every_named_cache_is_made_somewhere():
    source = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")
                       if path.name != "resources.py")
    assert [name for name in CACHE_SIZES if f'"{name}"' not in source] == []


def test_a_cache_never_holds_more_than_its_size(monkeypatch):
    monkeypatch.setitem(CACHE_SIZES, "test.small", 3)
    square = cached("test.small")(lambda n: n * n)
    for n in range(10):
        square(n)
    memo = OwnedCaches().memo("test.small")
    for n in range(10):
        memo[n] = n
        assert len(memo) <= 3
    [row] = [row for row in resources.stats() if row.name == "test.small"]
    assert row.size == 3 and row.caches == 2 and row.fill == 3 + len(memo)
    assert square.cache_info().currsize == 3


def test_a_memo_filled_at_once_keeps_its_size(monkeypatch):
    monkeypatch.setitem(CACHE_SIZES, "test.small", 3)
    memo = OwnedCaches().memo("test.small")
    memo.add_all({"a": 1, "b": 2})
    assert memo == {"a": 1, "b": 2} and memo.misses == 2
    memo.add_all({"c": 3, "d": 4})  # would hold four: emptied first
    assert memo == {"c": 3, "d": 4}
    memo.add_all({n: n for n in range(5)})  # more than it can hold: added one by one, emptied on the way
    assert len(memo) <= 3 and memo[4] == 4


def test_the_named_sizes_bound_the_caches_of_a_correction():
    from ocr_fix.api import correct_text

    sample = next((PACKAGE.parent / "samples").glob("*.txt")).read_text(encoding="utf-8")
    correct_text(sample)
    rows = {row.name: row for row in resources.stats()}
    assert rows["normalize.fold"].fill > 0 and rows["lookup.is_known"].fill > 0
    assert rows["names.run_verdicts"].fill > 0  # a memo of the lexicons
    overfull = [row for row in rows.values() if row.fill > row.size * row.caches]
    assert overfull == []


def test_a_cache_of_an_owner_is_its_own():
    class Owner:
        def __init__(self, base: int):
            self.base = base
            self.caches = OwnedCaches()

    calls = []

    @cached_per_owner("words.word_facts")
    def plus(owner, n):
        calls.append((owner.base, n))
        return owner.base + n

    first, second = Owner(1), Owner(10)
    assert [plus(first, 2), plus(first, 2), plus(second, 2)] == [3, 3, 12]
    assert calls == [(1, 2), (10, 2)]
    assert first.caches["words.word_facts"].cache_info().currsize == 1


def test_clear_empties_every_cache():
    from ocr_fix.language.normalize import fold

    fold("Слово")
    memo = OwnedCaches().memo("names.run_verdicts")
    memo["key"] = "verdict"
    resources.clear()
    rows = {row.name: row for row in resources.stats()}
    assert rows["normalize.fold"].fill == 0 and rows["names.run_verdicts"].fill == 0
    assert len(memo) == 0


def test_an_unnamed_cache_fails_when_made():
    with pytest.raises(KeyError):
        cached("no.such.cache")
    with pytest.raises(KeyError):
        cached_per_owner("no.such.cache")
    assert isinstance(Memo(1), dict)
