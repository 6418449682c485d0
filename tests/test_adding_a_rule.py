"""docs/adding-a-rule.md holds: its example module, registered for the test only, finds its must-flag
case, leaves its must-not-flag case alone and `fix` makes its must-change case."""

from __future__ import annotations

import re
import types
from contextlib import contextmanager
from pathlib import Path

import pytest

import ocr_fix.detect.engine as detect_engine
from ocr_fix.api import check_text, correct_text
from ocr_fix.detect.registry import RULES, WORD_KINDS, in_order

DOC = Path(__file__).resolve().parent.parent / "docs" / "adding-a-rule.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", DOC.read_text(encoding="utf-8"), flags=re.M | re.S)


def _cases() -> list[dict]:
    (block,) = _blocks("tsv")
    lines = block.splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


@contextmanager
def _registered(code: str):
    """The module `code` imported, its rules registered and run in registry order; all of it undone
    after, so that no other test sees them."""
    rules, kinds, order = dict(RULES), list(WORD_KINDS), detect_engine.ORDER
    module = types.ModuleType("adding_a_rule_example")
    try:
        exec(compile(code, str(DOC), "exec"), module.__dict__)
        detect_engine.ORDER = in_order()
        yield module
    finally:
        RULES.clear()
        RULES.update(rules)
        WORD_KINDS[:] = kinds
        detect_engine.ORDER = order


@pytest.fixture
def example_rule():
    (code,) = _blocks("python")
    before = set(RULES)
    with _registered(code):
        (added,) = set(RULES) - before
        yield added
    assert set(RULES) == before and added not in detect_engine.ORDER


def _found(rule_id: str, text: str) -> list[str]:
    return [f.text for f in check_text(text).findings if f.rule == rule_id]


def test_the_example_rule_holds_to_its_cases(example_rule):
    cases = _cases()
    assert {c["rule"] for c in cases} == {example_rule}
    kinds = {c["case"] for c in cases}
    assert {"must-flag", "must-not-flag", "must-change"} <= kinds
    for case in cases:
        if case["case"] == "must-flag":
            assert _found(example_rule, case["text"]) == [case["expected"]]
        elif case["case"] == "must-not-flag":
            assert _found(example_rule, case["text"]) == []
        elif case["case"] == "must-change":
            assert correct_text(case["text"]).text == case["expected"]


def test_the_example_is_described_in_the_registry_as_the_page_says(example_rule):
    described = RULES[example_rule]
    assert described.proposer == "hint" and not described.real_word and not described.archive_vouches
    assert detect_engine.ORDER.index(example_rule) < detect_engine.ORDER.index("unknown-word")


def test_the_example_leaves_nothing_behind():
    assert "repeated-word" not in RULES
    assert _found("repeated-word", _cases()[0]["text"]) == []
