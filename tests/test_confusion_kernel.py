"""Both twins of the confusion costs (`PythonConfusion` and the compiled `confusion_kernel`) give the
model's costs to the last bit, the alignment rapidfuzz picks among equally short ones included."""

import random

import pytest
from rapidfuzz.distance import Levenshtein

from ocr_fix import confusion
from ocr_fix.confusion import MULTI_PRINTED, NOISE_CHARS, SUBSTITUTIONS, TABLES, PythonConfusion
from tests.twins import compiled_param, twin_params

LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя-"
# what OCR prints: the letters, the confusion table's printed side, specks, split letters, other scripts
PRINTED = LETTERS + "".join(SUBSTITUTIONS) + "".join(NOISE_CHARS) + "".join(MULTI_PRINTED) + "ёabcxyz0136😀ا"


@pytest.fixture(params=twin_params("confusion_kernel", PythonConfusion(TABLES),
                                   lambda kernel: kernel.CompiledConfusion(TABLES)))
def costs(request):
    return request.param


@pytest.fixture(params=compiled_param("confusion_kernel", lambda kernel: kernel.CompiledConfusion(TABLES)))
def compiled_costs(request):
    return request.param


def _pairs(count: int, seed: int, longest: int = 14):
    rng = random.Random(seed)
    for _ in range(count):
        true = "".join(rng.choice(LETTERS) for _ in range(rng.randint(0, longest)))
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


def _exact(true: str, printed: str) -> float:
    """The model's cheapest way from `true` to `printed`, by the plain recursion (slow, obviously right)."""
    from functools import lru_cache

    @lru_cache(maxsize=None)
    def cost(i: int, j: int) -> float:  # true[:i] printed as printed[:j]
        if i == 0 and j == 0:
            return 0.0
        options = []
        if i and j:
            options.append(cost(i - 1, j - 1) + confusion.substitution_cost(true[i - 1], printed[j - 1]))
        if i:
            options.append(cost(i - 1, j) + confusion.dropped_cost(true[i - 1]))
        if j:
            options.append(cost(i, j - 1) + confusion.noise_cost(printed[j - 1]))
        for true_multi, multi_cost in MULTI_PRINTED.get(printed[j - 2:j], ()) if j >= 2 else ():
            if true[:i].endswith(true_multi):
                options.append(cost(i - len(true_multi), j - 2) + multi_cost)
        if i >= 2 and j >= 2 and true[i - 1] == printed[j - 2] and true[i - 2] == printed[j - 1] and \
                true[i - 1] != printed[j - 1]:
            options.append(cost(i - 2, j - 2) + confusion.SWAP_COST)
        return min(options)

    return cost(len(true), len(printed))


def _along_rapidfuzz(true: str, printed: str) -> float:
    """The model's costs summed in text order along rapidfuzz's alignment."""
    total = 0.0
    for tag, source, dest in Levenshtein.editops(true, printed).as_list():
        if tag == "replace":
            total += confusion.substitution_cost(true[source], printed[dest])
        elif tag == "delete":
            total += confusion.dropped_cost(true[source])
        else:
            total += confusion.noise_cost(printed[dest])
    return total


def _has_multi_marker(printed: str) -> bool:
    return any(printed[j:j + 2] in MULTI_PRINTED for j in range(len(printed) - 1))


def test_the_exact_distance_is_the_cheapest_way(costs):
    for true, printed in _pairs(1000, 1):
        assert costs.weighted_distance(true, printed) == pytest.approx(_exact(true, printed), abs=1e-9), (true, printed)


def test_the_twins_agree_on_the_exact_distance_to_the_last_bit(compiled_costs):
    python = PythonConfusion(TABLES)
    for true, printed in _pairs(4000, 1):
        assert compiled_costs.weighted_distance(true, printed) == python.weighted_distance(true, printed), \
            (true, printed)


def test_the_fast_cost_follows_rapidfuzz_alignment_exactly(costs):
    # past 64 letters rapidfuzz aligns another way, and the compiled twin asks rapidfuzz
    pairs = list(_pairs(20000, 2)) + list(_pairs(300, 3, longest=90))
    for true, printed in pairs:
        if _has_multi_marker(printed):
            expected = costs.weighted_distance(true, printed)
        else:
            expected = _along_rapidfuzz(true, printed)
        assert costs.confusion_cost(true, printed) == expected, (true, printed)


def test_known_costs(costs):
    assert costs.confusion_cost("войск", "войскак") == costs.weighted_distance("войск", "войскак") == \
        pytest.approx(confusion.DEFAULT_INDEL + NOISE_CHARS["к"])  # `а` and `к` added
    assert costs.confusion_cost("сиам", "сиаи") == SUBSTITUTIONS["и"]["м"]
    assert costs.weighted_distance("но", "он") == confusion.SWAP_COST
    assert costs.confusion_cost("ы", "ьі") == MULTI_PRINTED["ьі"][0][1]


def test_the_module_answers_with_the_twin_chosen_for_this_run():
    assert confusion.confusion_cost("сиам", "сиаи") == SUBSTITUTIONS["и"]["м"]
    assert confusion.weighted_distance("войск", "войскак") == confusion._COSTS.weighted_distance("войск", "войскак")
