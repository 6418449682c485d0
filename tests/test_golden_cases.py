"""The golden cases of tests/data/golden_cases.tsv: every registered rule has cases, and each holds."""

from pathlib import Path

import pytest

from ocr_fix.api import check_text, correct_text
from ocr_fix.detect.registry import RULES

DATA = Path(__file__).parent / "data"
CASES_FILE = DATA / "golden_cases.tsv"
KINDS = ("must-flag", "must-not-flag", "must-change", "must-not-change", "known-failure")


def _cases() -> list[dict]:
    lines = [line for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


CASES = _cases()


def _text_and_readings(case: dict):
    text = case["text"]
    if text.startswith("file:"):
        from ocr_fix.inputs import read_input

        source = read_input(DATA / text[len("file:"):])
        return source.text, source.readings
    return text.replace("\\n", "\n"), None


def _expected(case: dict) -> str:
    return case["expected"].replace("\\n", "\n")


def _id(case: dict) -> str:
    return f"{case['rule']}:{case['case']}:{case['text'][:30]}"


def test_the_file_is_well_formed():
    for case in CASES:
        assert case["case"] in KINDS, case
        assert case["rule"] == "*" or case["rule"] in RULES, case
        if case["case"] in ("must-flag", "must-change", "known-failure"):
            assert case["expected"], case


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_registered_rule_has_cases(rule):
    kinds = {case["case"] for case in CASES if case["rule"] == rule}
    assert "must-flag" in kinds, f"{rule} has no must-flag case in {CASES_FILE.name}"


@pytest.mark.parametrize("case", [c for c in CASES if c["case"] in ("must-flag", "must-not-flag")], ids=_id)
def test_detection(case):
    text, readings = _text_and_readings(case)
    found = [(f.text, f.rule) for f in check_text(text, readings=readings).findings
             if (case["rule"] == "*" and f.category != "furniture") or f.rule == case["rule"]]
    if case["case"] == "must-flag":
        assert (_expected(case), case["rule"]) in found
    else:
        assert found == []


@pytest.mark.parametrize("case", [c for c in CASES if c["case"] in ("must-change", "must-not-change")], ids=_id)
def test_correction(case):
    text, readings = _text_and_readings(case)
    fixed = correct_text(text, readings=readings).text
    if case["case"] == "must-change":
        assert fixed == _expected(case)
    elif case["expected"]:
        assert fixed.count(_expected(case)) == text.count(_expected(case))  # that word left as it is
    else:
        assert fixed == text


@pytest.mark.parametrize("case", [c for c in CASES if c["case"] == "known-failure"], ids=_id)
def test_known_failures_still_fail(case):
    text, readings = _text_and_readings(case)
    if correct_text(text, readings=readings).text == _expected(case):
        pytest.fail(f"a known failure is fixed now; make it a must-change case: {case['text']}")
    pytest.xfail(case["note"])
