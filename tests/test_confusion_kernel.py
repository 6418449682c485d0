"""The compiled confusion costs equal the Python ones to the last bit, the alignment rapidfuzz picks
among equally short ones included."""

import random

import pytest

from ocr_fix import confusion
from ocr_fix.confusion import MULTI_PRINTED, NOISE_CHARS, SUBSTITUTIONS

pytestmark = pytest.mark.skipif(confusion._COMPILED is None, reason="the compiled costs are not built here")

LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя-"
# what OCR prints: the letters, the confusion table's printed side, specks, split letters, other scripts
PRINTED = LETTERS + "".join(SUBSTITUTIONS) + "".join(NOISE_CHARS) + "".join(MULTI_PRINTED) + "ёabcxyz0136😀ا"


def _pairs(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        true = "".join(rng.choice(LETTERS) for _ in range(rng.randint(0, 14)))
        printed = list(true)
        for _ in range(rng.randint(0, 4)):
            i = rng.randint(0, len(printed))
            move = rng.random()
            if move < 0.45 and i < len(printed):
                printed[i] = rng.choice(PRINTED)
            elif move < 0.7 and i < len(printed):
                del printed[i]
            else:
                printed.insert(i, rng.choice(PRINTED))
        yield true, "".join(printed)
    for _ in range(count // 4):  # unrelated strings: long alignments with many ties
        yield ("".join(rng.choice(LETTERS[:6]) for _ in range(rng.randint(0, 20))),
               "".join(rng.choice(LETTERS[:6]) for _ in range(rng.randint(0, 20))))


def test_the_exact_distance_is_the_python_one():
    for true, printed in _pairs(4000, 1):
        assert confusion._COMPILED.weighted_distance(true, printed) == confusion._weighted_distance(true, printed), \
            (true, printed)


def test_the_fast_cost_follows_rapidfuzz_alignment_exactly():
    for true, printed in _pairs(20000, 2):
        expected = confusion._confusion_cost(true, printed, confusion._weighted_distance)
        assert confusion._COMPILED.confusion_cost(true, printed) == expected, (true, printed)


def test_known_costs():
    assert confusion.confusion_cost("войск", "войскак") == confusion._confusion_cost("войск", "войскак",
                                                                                   confusion._weighted_distance)
    assert confusion.confusion_cost("сиам", "сиаи") == SUBSTITUTIONS["и"]["м"]
