"""Hyphenated compounds as publications print them and as OCR misreads them (issue 13).

Some publications run a dictionary compound together (`военноморской`, `вицепрезидент`); the
engine reads what is printed, so `fix` keeps it and never inserts a hyphen the engine did not see.
A compound adjective's first part (`китайско`) is no word alone but a sound part; a compound with
one misread part is corrected in that part, and a gap after its hyphen is closed.
"""

import pytest

from ocr_fix.api import check_text, correct_text
from ocr_fix.language.normalize import match_case
from ocr_fix.lexicon.lookup import run_together_compound
from ocr_fix.session import resources


@pytest.mark.parametrize("word", ["военноморской", "вицепрезидент", "северозападный"])
def test_a_compound_run_together_is_known(word):
    assert run_together_compound(word)
    assert resources().lookup.is_known(word)


@pytest.mark.parametrize("word", ["изза", "ктото", "помоему", "военкомоской"])
def test_short_parts_or_no_compound_are_not(word):
    assert not run_together_compound(word)


@pytest.mark.parametrize("stem, expected", [("китайско", True), ("советско", True), ("военно", True),
                                            ("юнно", False), ("вино", False), ("стол", False)])
def test_a_compound_stem_is_a_common_adjective_with_its_linking_vowel(stem, expected):
    assert resources().lookup.compound_stem(stem) is expected


def test_a_compound_printed_run_together_is_not_even_proposed():
    # it was held for review as "only a hyphen would be added"; it is the publication's spelling
    assert correct_text("Товарищи приняли военноморской устав.").proposals == []


def test_a_misread_compound_keeps_the_printed_run_together_spelling():
    assert correct_text("командование зоенноморской базы").text == "командование военноморской базы"


def test_a_compound_is_cased_part_by_part():
    assert match_case("китайско-восточной", "Китейско-Восточной") == "Китайско-Восточной"
    assert match_case("цзе-дун", "ЦЗЕ-дун") == "ЦЗЕ-дун"
    # one word for a compound: the case the parts share, not letter by letter (`ЮжноаМериканской`)
    assert match_case("южноамериканской", "Южно-Мамъчкурской") == "Южноамериканской"
    assert match_case("цзедун", "ЦЗЕ-дун") == "ЦЗЕдун"
    # capitals with a letter misread small take the replacement in capitals, part by part
    assert match_case("шао-ци", "ШлО-ЦИ") == "ШАО-ЦИ"
    assert match_case("макартур", "МакАртур") == "МакАртур"


def test_a_compound_with_a_stem_and_a_known_word_is_known():
    lookup = resources().lookup
    assert lookup.is_known("китайско-корейскую")
    assert not lookup.is_known("юнно-корейской")
    assert [f.rule for f in check_text("вдоль китайско-корейской границы").findings] == []


def test_a_compound_is_corrected_in_its_part_though_a_reading_drops_its_hyphen():
    # `южноамериканской` reads the whole token, hyphen dropped; the misread part has a reading of its own
    [proposal] = [p for p in correct_text("Управление Южно-Мамъчкурской железной дороги.").proposals
                  if p.original == "Южно-Мамъчкурской"]
    assert proposal.replacement == "Южно-Маньчжурской"
