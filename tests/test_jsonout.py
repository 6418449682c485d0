"""The quick JSON writer of `check -f json` writes what `json.dumps(..., ensure_ascii=False, indent=N)` does."""

import json
from dataclasses import asdict

from hypothesis import given, strategies as st

from ocr_fix.api import check_text
from ocr_fix.jsonout import dumps_indented

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(), inner, max_size=4)),
                      max_leaves=30)


@given(VALUES, st.integers(min_value=0, max_value=3))
def test_the_same_text_as_the_library(value, indent):
    assert dumps_indented(value, indent=indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_edge_cases_as_the_library():
    for value in ([], {}, [[]], {"a": {}}, ("x", 1), "кот \"в\" \n\t\x00 мешке", [float("nan"), -0.0, 1e300],
                  {"a": [1, {"b": None, "c": True}], "d": "ё"}):
        assert dumps_indented(value, indent=1) == json.dumps(value, ensure_ascii=False, indent=1)


def test_other_types_fall_back_to_the_library():
    class Name(str):
        pass

    value = {"a": Name("x"), 1: "key not a string"}
    assert dumps_indented(value, indent=1) == json.dumps(value, ensure_ascii=False, indent=1)


def test_a_findings_dict_is_asdict_with_its_place():
    report = check_text("Я пришол в Пхеньян 1949 г. с тов. Ким Ир Сеном.\nАрх. 3, л. 5 об.\n")
    assert report.findings
    for located in report.findings:
        # the finding's category keeps the name users' scripts read, "kind"
        expected = {("kind" if key == "category" else key): value for key, value in asdict(located.finding).items()}
        expected.update(line=located.line, col=located.col)
        assert expected["kind"] in ("error", "furniture", "layout") and located.kind == expected["kind"]
        assert located.as_dict() == expected
        assert list(located.as_dict()) == list(expected)  # the keys in the same order
