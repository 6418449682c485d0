"""Both twins of the dictionary walk find the words they should, and the compiled walk finds exactly what
the Python walk finds, in the same order."""

import random

import pytest

from ocr_fix.language.morphology import word_form_automaton
from ocr_fix.language.search import CompiledWalk, PythonWalk
from tests.garbling import garbled
from tests.twins import compiled_param, twin_params

# garbled words of several kinds: confusions, specks, lost and added letters, split and merged
# letters, Latin look-alikes, hyphens, and strings no word is near
WORDS = [
    "доетижениз", "ксммунистическсй", "войскак", "щщщщщщщщ", "гасширениlе", "доброзlольная", "пернмкий",
    "нагал'ила", "деlкабге", "прилегзщим", "отмазатъся", "нидеlрлады", "произвлству", "северо-вссточного",
    "пpавительство", "ьістро", "ъыъыъыъ", "полуавтоматических", "послематчевых", "cccp", "й", "-",
]


def _compiled_walk(kernel):
    return lambda automaton: CompiledWalk(kernel, automaton)


@pytest.fixture(scope="module", params=twin_params("language.search_kernel", PythonWalk, _compiled_walk))
def walk(request):
    return request.param(word_form_automaton())


@pytest.fixture(scope="module", params=compiled_param("language.search_kernel", _compiled_walk))
def compiled_walk(request):
    return request.param(word_form_automaton())


@pytest.fixture(scope="module")
def python():
    return PythonWalk(word_form_automaton())


def test_the_walk_finds_the_words_a_misreading_hides(walk):
    assert list(walk.near("войскак", 2.0, max_results=3, max_states=5000)) == ["войсках", "войска", "войскам"]
    found = walk.near("правительство", 1.2)
    assert found["правительство"] == 0.0
    assert walk.near("доетижениз", 2.0, max_states=5000)["достижения"] <= 2.0
    assert walk.near("ъыъыъыъ", 1.2) == {}


def test_the_compiled_walk_finds_the_same_words_in_the_same_order(compiled_walk, python):
    rng = random.Random(7)
    base = ["правительство", "коммунистической", "телеграмма", "товарищ", "корейской", "вооружением",
            "достижения", "расширение", "производству", "северо-восточного", "нидерланды", "председатель"]
    words = WORDS + [garbled(rng, rng.choice(base), rng.randint(1, 3), shortest=3) for _ in range(150)]
    for word in words:
        for budget, states in ((min(2.5, max(1.2, 0.2 * len(word))), 1500), (2.5, 5000), (0.6, 300)):
            expected = python.near(word, budget, max_states=states)
            found = compiled_walk.near(word, budget, max_states=states)
            assert list(found.items()) == list(expected.items()), (word, budget, states)


def test_the_walk_keeps_the_limits(walk, python):
    for max_results in (1, 3):
        found = walk.near("войскак", 2.0, max_results=max_results, max_states=5000)
        assert len(found) == max_results
        assert list(found) == list(python.near("войскак", 2.0, max_results=max_results, max_states=5000))
    assert walk.near("войскак", 2.0, max_states=1) == {}
