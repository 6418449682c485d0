"""Both twins of the word index's look-ups (`PythonLookups` and the compiled copy of the index) answer
as the index's Python look-ups do, and the compiled name-form list finds what rapidfuzz finds."""

import random

import pytest
from rapidfuzz import fuzz, process

from ocr_fix.confusion import confusion_cost, single_edit_sources
from ocr_fix.language.index_lookups import PythonLookups
from ocr_fix.native import compiled
from ocr_fix.names.matching import PythonForms
from ocr_fix.propose.candidates import SHORTLIST, _shortlist, shortlist_cutoff
from ocr_fix.session import resources
from tests.garbling import garbled
from tests.twins import twin_params

# words and garbles of every kind: confusions, specks, lost and added letters, split letters,
# Latin look-alikes, hyphens, one-letter words, and characters outside any table
WORDS = ["войскак", "тах", "ох", "ка", "и", "правительство", "пpавительство", "ьістро", "северо-восточного",
         "доетижениз", "гасширениlе", "нагал'ила", "сиаи", "мао", "цзэ-дуи", "удоваетьорительния",
         "ксммунистическсй", "щщщщщщщщ", "😀войск", "ا", "нидеlрлады", "тов", "тоз", "ёлка"]


@pytest.fixture(scope="module")
def index():
    index = resources(()).lookup.index
    index.flatten()
    return index


@pytest.fixture(params=["python", "compiled"])
def lookups(request, index):
    if request.param == "python":
        return PythonLookups(index)
    if isinstance(index.lookups, PythonLookups):
        pytest.skip("the compiled index is not built here")
    return index.lookups


def _words(count: int) -> list[str]:
    rng = random.Random(11)
    base = ["правительство", "корейской", "войск", "телеграмма", "товарищ", "вооружением", "советский", "он",
            "так", "на", "расширение", "председатель", "нидерланды", "северо-восточного", "пекин", "мукден"]
    out = list(WORDS)
    out += [garbled(rng, rng.choice(base), rng.randint(0, 3)) for _ in range(count)]
    return out


def test_the_words_one_misreading_away_are_those_of_the_python_variants_in_their_order(index, lookups):
    for word in _words(300):
        for max_cost in (0.5, 0.75, 0.8, 1.2):
            variants = single_edit_sources(word, max_cost)
            expected = [(w, c, index.zipf(w)) for w, c in variants.items() if index.zipf(w) is not None]
            assert lookups.one_edit_words(word, max_cost) == expected, (word, max_cost)


def test_the_skeleton_shortlist_is_the_python_shortlist(index, lookups):
    for word in _words(300):
        expected = _shortlist(word, index.words_near(word))
        assert lookups.shortlist_near(word, SHORTLIST, shortlist_cutoff(word)) == expected, word


def test_the_shortlist_comes_with_the_confusion_costs(lookups):
    for word in _words(200) + ["а" * 70, "аб" * 40]:  # past 64 letters, too: the compiled copy asks the model
        cutoff = shortlist_cutoff(word)
        expected = [(w, z, confusion_cost(w, word)) for w, z in lookups.shortlist_near(word, SHORTLIST, cutoff)]
        assert lookups.shortlist_costs(word, SHORTLIST, cutoff) == expected, word


def test_the_similar_choices_leave_out_only_words_that_cannot_reach_the_ratio(index, lookups):
    for word in [w for w in _words(400) if len(w) >= 9][:40] + ["удоваетьорительния"]:
        everything = []
        for length in range(len(word) - 2, len(word) + 3):
            everything.extend(index.words_of_length(length, 2.0))
        kept = lookups.similar_choices(word, len(word) - 2, len(word) + 2, 2.0, 65)
        if not isinstance(lookups, PythonLookups):  # what the compiled copy is for: fewer to compare
            assert len(kept) < len(everything)
        reaching = [w for w in everything if fuzz.ratio(word, w) >= 65]
        assert [w for w in kept if w in set(reaching)] == reaching  # all of them, in the same order
        expected = process.extract(word, everything, scorer=fuzz.ratio, limit=5, score_cutoff=65)
        found = process.extract(word, kept, scorer=fuzz.ratio, limit=5, score_cutoff=65)
        assert [(w, s) for w, s, _ in found] == [(w, s) for w, s, _ in expected], word


@pytest.mark.parametrize("form_list", twin_params("language.vocabulary_kernel", PythonForms,
                                                  lambda kernel: kernel.CompiledForms))
def test_the_form_list_finds_what_rapidfuzz_finds_in_its_order(form_list):
    from rapidfuzz.distance import Levenshtein

    forms = resources(()).name_index._forms
    searched = form_list(forms)
    rng = random.Random(5)
    tokens = ["и", "ли", "ван", "ким", "мао", "цзэ-дун", "москва", "пекин", "а" * 12, "", "😀"]
    for _ in range(300):
        form = rng.choice(forms)
        tokens.append("".join(ch if rng.random() > 0.25 else rng.choice("аеикносх-'") for ch in form))
    for token in tokens:
        for cutoff in (1, 2, 3):
            expected = process.extract(token, forms, scorer=Levenshtein.distance, score_cutoff=cutoff, limit=200)
            assert searched.within(token, cutoff, 200) == [(f, d) for f, d, _ in expected], (token, cutoff)


def test_the_compiled_copy_reads_the_words_at_both_ends_of_every_bucket(index, lookups):
    # the copy reads the index's bytes, where nothing separates one bucket from the next: a word read
    # into its neighbour would be missing from its own shortlist
    rng = random.Random(3)
    buckets = [b for b in index._buckets.values() if b]
    ends = []
    for bucket in rng.sample(buckets, 400):
        entries = bucket.split(" ")
        ends += [entries[0][1:], entries[-1][1:]]
    for word in ends:
        shortlist = lookups.shortlist_near(word, SHORTLIST, shortlist_cutoff(word))
        assert (word, index.zipf(word)) in shortlist, word
        assert shortlist == _shortlist(word, index.words_near(word)), word


def test_a_failure_building_the_compiled_copy_is_raised_and_leaves_the_index_as_it_was(index, monkeypatch):
    import ocr_fix.language.vocabulary as vocabulary

    if compiled("language.vocabulary_kernel") is None:
        pytest.skip("the compiled index is not built here")

    def broken(kernel, buckets):
        raise MemoryError("no room for the copy")

    monkeypatch.setattr(vocabulary, "_compiled_copy", broken)
    fresh = vocabulary.WordIndex(index._buckets)
    with pytest.raises(MemoryError, match="no room"):
        fresh.flatten()
    assert fresh._flat is None and isinstance(fresh.lookups, PythonLookups)
