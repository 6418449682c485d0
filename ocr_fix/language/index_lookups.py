"""The word index's look-ups for a new word, answered in Python or by a compiled copy of the index.

A long text looks up thousands of new words; for it the index builds a compiled copy of itself
(`vocabulary_kernel.CompiledVocabulary`, where ocr-fix was installed with a C++ compiler) that gives
the same answers faster. A page makes too few look-ups to pay the fifth of a second that takes, so
until then `PythonLookups` answers; `WordIndex.lookups` is the one in use.
"""

from __future__ import annotations

from typing import Protocol

from rapidfuzz.distance import Levenshtein

from ocr_fix.confusion import confusion_cost, single_edit_sources


class IndexLookups(Protocol):
    """The look-ups candidate search makes for every new word, with the same results in the same order
    from either twin."""

    def one_edit_words(self, printed: str, max_cost: float) -> list[tuple[str, float, float]]:
        """(word, cost, Zipf) of the index's words among `confusion.single_edit_sources(printed,
        max_cost)`, in its order and at its costs."""

    def shortlist_near(self, printed: str, limit: int, cutoff: int) -> list[tuple[str, float]]:
        """(word, Zipf): `closest_words` of the words whose skeleton is the printed string's or one
        class-edit from it (`WordIndex.words_near`)."""

    def shortlist_costs(self, printed: str, limit: int, cutoff: int) -> list[tuple[str, float, float]]:
        """(word, Zipf, cost): `shortlist_near` with each word's `confusion.confusion_cost(word, printed)`."""

    def similar_choices(self, printed: str, shortest: int, longest: int, min_zipf: float,
                        min_ratio: float) -> list[str]:
        """The words of `shortest`..`longest` letters and at least `min_zipf` (`WordIndex.words_of_length`,
        in its order by length), less, where it is cheap to tell, those whose similarity ratio with the
        printed string (rapidfuzz's fuzz.ratio) cannot reach `min_ratio`."""


def closest_words(printed: str, pool: dict[str, float], limit: int, cutoff: int) -> list[tuple[str, float]]:
    """The pool's words within `cutoff` plain edits of the printed string, closest first, then most
    frequent, then in code-point order; at most `limit`."""
    scored = []
    for word, zipf in pool.items():
        distance = Levenshtein.distance(printed, word, score_cutoff=cutoff)
        if distance <= cutoff:
            scored.append((distance, -zipf, word))
    scored.sort()
    return [(word, -negzipf) for _d, negzipf, word in scored[:limit]]


class PythonLookups:
    """`IndexLookups` in Python, over a `WordIndex`'s own look-ups."""

    def __init__(self, index):
        self._index = index

    def one_edit_words(self, printed: str, max_cost: float) -> list[tuple[str, float, float]]:
        variants = single_edit_sources(printed, max_cost)
        frequencies = self._index.frequencies(variants)
        return [(word, cost, frequencies[word]) for word, cost in variants.items() if word in frequencies]

    def shortlist_near(self, printed: str, limit: int, cutoff: int) -> list[tuple[str, float]]:
        return closest_words(printed, self._index.words_near(printed), limit, cutoff)

    def shortlist_costs(self, printed: str, limit: int, cutoff: int) -> list[tuple[str, float, float]]:
        return [(word, zipf, confusion_cost(word, printed)) for word, zipf in self.shortlist_near(printed, limit, cutoff)]

    def similar_choices(self, printed: str, shortest: int, longest: int, min_zipf: float,
                        min_ratio: float) -> list[str]:
        choices = []
        for length in range(shortest, longest + 1):
            choices.extend(self._index.words_of_length(length, min_zipf))
        return choices
