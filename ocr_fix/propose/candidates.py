"""Candidate true words for a misread token, with the confusion cost of each.

Three sources, cheapest first: the skeleton index of frequent word forms (one lookup finds words
with several misreadings of similar letters), the lexicons (names, places, period terms), and for
hard cases a walk through the full morphological dictionary.
"""

from __future__ import annotations

from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ocr_fix.confusion import confusion_cost
from ocr_fix.resources import cached_per_owner

# A candidate further than this (in edit units) from the printed word is not worth proposing.
MAX_COST = 2.5
# Before the exact weighted distance, keep only this many candidates by plain edit distance.
SHORTLIST = 25
# The dictionary walk is the slowest source; it runs only when the index offers nothing this cheap.
SEARCH_ABOVE = 1.2


class Candidate(NamedTuple):
    # a named tuple rather than a frozen dataclass: dozens are made for every word looked at
    word: str  # folded (lower case, ё as е)
    cost: float  # confusion cost of OCR printing the token for this word
    zipf: float  # frequency; 0 when the frequency list lacks the word
    source: str  # "dictionary", "lexicon" or "search"


def shortlist_cutoff(printed: str) -> int:
    """The plain edit distance beyond which a word is never a candidate for the printed string."""
    return max(2, len(printed) // 2)


def _shortlist(printed: str, pool: dict[str, float], left_out=frozenset(), limit: int = SHORTLIST) -> list[tuple[str, float]]:
    """The pool's words closest to the printed string by plain edit distance (frequent first), but those
    `left_out`. The distances are measured in one call over the whole pool (a suspect's pool is the
    document's and the lexicons' words: thousands, asked of every suspect)."""
    hits = process.extract(printed, list(pool), scorer=Levenshtein.distance, score_cutoff=shortlist_cutoff(printed),
                           limit=None)
    scored = sorted((distance, -pool[word], word) for word, distance, _ in hits if word not in left_out)
    return [(word, -negzipf) for _d, negzipf, word in scored[:limit]]


def word_candidates(printed: str, lookup, *, extra: dict[str, float] | None = None) -> list[Candidate]:
    """Candidates for a folded printed token, cheapest first.

    `extra` adds words the caller vouches for (lexicon names, words of the same document the index
    lacks) with their frequencies. The dictionary part depends on the printed string alone and is
    cached, in order: OCR output repeats its misreadings.
    """
    found = _dictionary_candidates(lookup, printed)
    added = []
    if extra:
        for word, zipf in _shortlist(printed, extra, found.taken):
            cost = confusion_cost(word, printed)
            if cost <= MAX_COST:
                added.append(Candidate(word, cost, zipf, "lexicon"))
    if not added:  # as a rule: the cached order stands
        return list(found.candidates)
    return _cheapest_first(found.candidates + tuple(added))


def _cheapest_first(candidates) -> list[Candidate]:
    """The candidates by cost, then the most frequent first, then by word (each word is one candidate, so
    the order is one), sorted as tuples: at C speed, where a key function is a Python call for each."""
    return [c for _cost, _negative_zipf, _word, c in sorted([(c.cost, -c.zipf, c.word, c) for c in candidates])]


class _Found(NamedTuple):
    """The dictionary's candidates for a printed string."""

    candidates: tuple[Candidate, ...]  # cheapest first (`_cheapest_first`: each word once, so one order)
    taken: frozenset[str]  # their words and the printed string: no other source adds them again


@cached_per_owner("candidates.dictionary")
def _dictionary_candidates(lookup, printed: str) -> _Found:
    found: dict[str, Candidate] = {}
    for word, zipf, cost in lookup.index.lookups.shortlist_costs(printed, SHORTLIST, shortlist_cutoff(printed)):
        if word != printed and cost <= MAX_COST:
            found[word] = Candidate(word, cost, zipf, "dictionary")
    best = min((c.cost for c in found.values()), default=None)
    if (best is None or best > SEARCH_ABOVE) and len(printed) >= 6:
        budget = min(MAX_COST, max(1.2, 0.2 * len(printed)))
        states = 5000 if len(printed) >= 10 else 1500  # long words: few candidates, worth the search
        for word, cost in lookup.search.near(printed, budget, max_states=states).items():
            if word not in found and word != printed:
                found[word] = Candidate(word, cost, lookup.zipf(word), "search")
    if not found and len(printed) >= _LONG:
        found.update(_long_word_candidates(printed, lookup))
    if "-" in printed and all("-" not in word for word in found):
        # a reading that drops the hyphen (`южноамериканской` for `южно-мамъчкурской`) is no reason
        # not to correct the compound in its misread part
        found.update(_compound_candidates(lookup, printed))
    return _Found(tuple(_cheapest_first(found.values())), frozenset(found) | {printed})


_PART_MIN = 3  # letters each part of a compound must have to be corrected on its own
_LAST_PART_MIN = 5  # a shorter last part is a misread word of its own as often as a part


def _compound_candidates(lookup, printed: str) -> dict[str, Candidate]:
    """`корейско-китейской`: a compound with one misread part, corrected in that part. The dictionary
    lacks most compounds whole, so a search of the whole token finds none; the misread part alone is a
    word (or, first, the stem of an adjective: `китейско` of `китайский`) a misreading away."""
    parts = printed.split("-")
    if len(parts) != 2 or min(len(p) for p in parts) < _PART_MIN:
        return {}
    first, last = parts
    if first[-1] not in "ое" or len(last) < _LAST_PART_MIN:
        return {}  # only compound adjectives (`корейско-китайской`): a hyphen elsewhere may be a misread letter
    first_sound = lookup.compound_stem(first)
    if first_sound == lookup.is_known(last):
        return {}  # both parts words (no misreading here), or both misread: too far to guess
    found = {}
    if first_sound:
        first_zipf = _part_zipf(lookup, first)
        for candidate in _dictionary_candidates(lookup, last).candidates:
            word = candidate.word
            if len(word) >= _PART_MIN:
                found[f"{first}-{word}"] = Candidate(f"{first}-{word}", candidate.cost, min(first_zipf, candidate.zipf),
                                                     "compound")
        return found
    last_zipf = lookup.zipf(last)
    # the stem of an adjective: look for the adjective, then take its stem back
    readings = ((c.word[:-1], c.cost) for c in _dictionary_candidates(lookup, first + "й").candidates
                if c.word[-2:] in ("ой", "ей") and lookup.compound_stem(c.word[:-1]))
    for stem, cost in readings:
        found[f"{stem}-{last}"] = Candidate(f"{stem}-{last}", cost, min(_part_zipf(lookup, stem), last_zipf), "compound")
    return found


def _part_zipf(lookup, part: str) -> float:
    """How common a compound's part is: the word's frequency, or a stem's (`китайско`) its adjective's."""
    return max(lookup.zipf(part), lookup.stem_adjective_zipf(part))


_LONG = 9  # a word this long, badly garbled, is still recognisable by its overall shape
_LONG_MIN_ZIPF = 2.0
_LONG_MIN_RATIO = 65  # rapidfuzz's fuzz.ratio: 200 x longest common subsequence / total length


def _long_word_candidates(printed: str, lookup) -> dict[str, Candidate]:
    """The closest frequent words of about the same length, for a long word with many misreadings.

    Neither the skeleton index (one edit across letter classes) nor the dictionary walk (a bounded
    cost) reaches `удоваетьорительния`; a plain similarity search over words of similar length does.
    """
    from rapidfuzz import fuzz, process

    choices = lookup.index.lookups.similar_choices(printed, len(printed) - 2, len(printed) + 2, _LONG_MIN_ZIPF,
                                                   _LONG_MIN_RATIO)
    found = {}
    for word, _score, _i in process.extract(printed, choices, scorer=fuzz.ratio, limit=5,
                                             score_cutoff=_LONG_MIN_RATIO):
        cost = confusion_cost(word, printed)
        found[word] = Candidate(word, cost, lookup.zipf(word), "similar")
    return found
