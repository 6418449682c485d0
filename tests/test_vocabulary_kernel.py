"""The compiled word index answers its look-ups exactly as the Python ones do."""

import random

import pytest
from rapidfuzz import fuzz, process

from ocr_fix.confusion import single_edit_sources
from ocr_fix.propose.candidates import SHORTLIST, _shortlist, shortlist_cutoff
from ocr_fix.session import resources
from tests.garbling import garbled

# words and garbles of every kind: confusions, specks, lost and added letters, split letters,
# Latin look-alikes, hyphens, one-letter words, and characters outside any table
WORDS = ["войскак", "тах", "ох", "ка", "и", "правительство", "пpавительство", "ьістро", "северо-восточного",
         "доетижениз", "гасширениlе", "нагал'ила", "сиаи", "мао", "цзэ-дуи", "удоваетьорительния",
         "ксммунистическсй", "щщщщщщщщ", "😀войск", "ا", "нидеlрлады", "тов", "тоз", "ёлка"]


@pytest.fixture(scope="module")
def index():
    index = resources(()).lookup.index
    index.flatten()
    if index.compiled is None:
        pytest.skip("the compiled index is not built here")
    return index


def _words(count: int) -> list[str]:
    rng = random.Random(11)
    base = ["правительство", "корейской", "войск", "телеграмма", "товарищ", "вооружением", "советский", "он",
            "так", "на", "расширение", "председатель", "нидерланды", "северо-восточного", "пекин", "мукден"]
    out = list(WORDS)
    out += [garbled(rng, rng.choice(base), rng.randint(0, 3)) for _ in range(count)]
    return out


def test_the_words_one_misreading_away_are_those_of_the_python_variants_in_their_order(index):
    for word in _words(300):
        for max_cost in (0.5, 0.75, 0.8, 1.2):
            variants = single_edit_sources(word, max_cost)
            expected = [(w, c, index.zipf(w)) for w, c in variants.items() if index.zipf(w) is not None]
            assert index.compiled.one_edit_words(word, max_cost) == expected, (word, max_cost)


def test_the_skeleton_shortlist_is_the_python_shortlist(index):
    for word in _words(300):
        expected = _shortlist(word, index.words_near(word))
        assert index.compiled.shortlist_near(word, SHORTLIST, shortlist_cutoff(word)) == expected, word


def test_the_shortlist_comes_with_the_python_confusion_costs(index):
    from ocr_fix import confusion

    for word in _words(200) + ["а" * 70]:
        cutoff = shortlist_cutoff(word)
        expected = [(w, z, confusion._confusion_cost(w, word, confusion._weighted_distance) if len(w) <= 64 and
                     len(word) <= 64 else None) for w, z in index.compiled.shortlist_near(word, SHORTLIST, cutoff)]
        assert index.compiled.shortlist_costs(word, SHORTLIST, cutoff) == expected, word


def test_the_similar_choices_leave_out_only_words_that_cannot_reach_the_ratio(index):
    for word in [w for w in _words(400) if len(w) >= 9][:40] + ["удоваетьорительния"]:
        everything = []
        for length in range(len(word) - 2, len(word) + 3):
            everything.extend(index.words_of_length(length, 2.0))
        kept = index.compiled.similar_choices(word, len(word) - 2, len(word) + 2, 2.0, 65)
        assert len(kept) < len(everything)
        reaching = [w for w in everything if fuzz.ratio(word, w) >= 65]
        assert [w for w in kept if w in set(reaching)] == reaching  # all of them, in the same order
        expected = process.extract(word, everything, scorer=fuzz.ratio, limit=5, score_cutoff=65)
        found = process.extract(word, kept, scorer=fuzz.ratio, limit=5, score_cutoff=65)
        assert [(w, s) for w, s, _ in found] == [(w, s) for w, s, _ in expected], word


def test_the_compiled_form_list_finds_what_rapidfuzz_finds_in_its_order():
    from rapidfuzz.distance import Levenshtein

    index = resources(()).name_index
    if index._compiled is None:
        pytest.skip("the compiled form list is not built here")
    rng = random.Random(5)
    forms = index._forms
    tokens = ["и", "ли", "ван", "ким", "мао", "цзэ-дун", "москва", "пекин", "а" * 12, "", "😀"]
    for _ in range(300):
        form = rng.choice(forms)
        tokens.append("".join(ch if rng.random() > 0.25 else rng.choice("аеикносх-'") for ch in form))
    for token in tokens:
        for cutoff in (1, 2, 3):
            expected = process.extract(token, forms, scorer=Levenshtein.distance, score_cutoff=cutoff, limit=200)
            assert [(f, d) for f, d, _ in index._compiled.within(token, cutoff, 200)] == \
                [(f, d) for f, d, _ in expected], (token, cutoff)
