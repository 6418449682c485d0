"""Accuracy by character class: the reference's graphemes of each class the transcription has right."""

from __future__ import annotations

from ocr_fix.quality.classes import accuracy_by_class, class_of
from ocr_fix.quality.score import Normalization, score


def test_classes():
    assert [class_of(c) for c in ("Ж", "C", "7", ",", " ", "№")] == ["Cyrillic letters", "Latin letters", "digits",
                                                                   "punctuation", "spaces", "other"]


def test_a_misread_digit_and_a_look_alike_count_against_their_own_class():
    gold = "СССР, 1949 год\n"
    ocr = "\u0043ССР. 1919 год\n"  # a Latin C, a comma read as a stop, a 4 read as 1
    found = {c.name: c for c in accuracy_by_class([score(gold, ocr, Normalization())])}
    assert (found["Cyrillic letters"].count, found["Cyrillic letters"].wrong) == (7, 1)
    assert (found["digits"].count, found["digits"].wrong) == (4, 1) and found["digits"].accuracy == 0.75
    assert (found["punctuation"].count, found["punctuation"].wrong) == (1, 1)
    assert "Latin letters" not in found  # none in the reference: the look-alike is a wrong Cyrillic letter
    both = accuracy_by_class([score(gold, ocr), score(gold, gold)])
    assert {c.name: c.count for c in both}["digits"] == 8
