"""The compiled dictionary walk finds exactly what the Python walk finds, in the same order."""

import random

import pytest

from ocr_fix.language.morphology import word_form_automaton
from ocr_fix.language.search import DictionaryWalk, FormSearch
from tests.garbling import garbled

pytestmark = pytest.mark.skipif(DictionaryWalk is None, reason="the compiled walk is not built here")

# garbled words of several kinds: confusions, specks, lost and added letters, split and merged
# letters, Latin look-alikes, hyphens, and strings no word is near
WORDS = [
    "доетижениз", "ксммунистическсй", "войскак", "щщщщщщщщ", "гасширениlе", "доброзlольная", "пернмкий",
    "нагал'ила", "деlкабге", "прилегзщим", "отмазатъся", "нидеlрлады", "произвлству", "северо-вссточного",
    "пpавительство", "ьістро", "ъыъыъыъ", "полуавтоматических", "послематчевых", "cccp", "й", "-",
]


@pytest.fixture(scope="module")
def walks():
    automaton = word_form_automaton()
    return FormSearch(automaton), FormSearch(automaton, compiled=False)


def test_the_compiled_walk_finds_the_same_words_in_the_same_order(walks):
    compiled, python = walks
    rng = random.Random(7)
    base = ["правительство", "коммунистической", "телеграмма", "товарищ", "корейской", "вооружением",
            "достижения", "расширение", "производству", "северо-восточного", "нидерланды", "председатель"]
    words = WORDS + [garbled(rng, rng.choice(base), rng.randint(1, 3), shortest=3) for _ in range(150)]
    for word in words:
        for budget, states in ((min(2.5, max(1.2, 0.2 * len(word))), 1500), (2.5, 5000), (0.6, 300)):
            expected = python.near(word, budget, max_states=states)
            found = compiled.near(word, budget, max_states=states)
            assert list(found.items()) == list(expected.items()), (word, budget, states)


def test_the_compiled_walk_keeps_the_limits(walks):
    compiled, python = walks
    for max_results in (1, 3):
        found = compiled.near("войскак", 2.0, max_results=max_results, max_states=5000)
        assert len(found) == max_results
        assert list(found) == list(python.near("войскак", 2.0, max_results=max_results, max_states=5000))
    assert compiled.near("войскак", 2.0, max_states=1) == {}
