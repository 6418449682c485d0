"""Is this a known word? One answer combining the lexicons, the dictionary and the frequency list."""

from __future__ import annotations

import regex

from ocr_fix.language.morphology import is_dictionary_word, parses
from ocr_fix.language.normalize import fold
from ocr_fix.language.vocabulary import word_index
from ocr_fix.lexicon.store import Lexicons
from ocr_fix.resources import OwnedCaches

# `12-ти`, `38-й`, `5-го`: a number with a Russian case ending; `Ту-2`, `Т-34`, `Ил-28`: a model.
_NUMBER_WITH_ENDING = regex.compile(r"\d+-(?:[а-я]{1,3})|[а-я]{1,4}-\d+[а-я]?")
# Russian surname shapes: an unknown word of this shape in capitals or title case is most likely a
# person the lexicons do not list (a clerk, a signatory), not an OCR error.
_SURNAME = regex.compile(
    r"[а-я]{2,}(?:(?:ов|ев|ин|ын)(?:а|у|ым|ом|е|ой|ы|ых)?|(?:енко|ук|юк|ич|ян|швили|дзе)(?:а|у|ом|ем|е)?)"
)


# Letter groups of Chinese syllables in Palladius (ЦЗ, ЧЖ, ...) that Russian surnames never have.
_EAST_ASIAN_LETTERS = regex.compile(r"цз|чж|чэ|шэ|сю|цю|эй|ьу")


# An adjective made from a place name: stem + -ск- + adjective ending.
_PLACE_ADJECTIVE = regex.compile(r"(.{3,}?)ь?ск(?:ий|ая|ое|ие|ого|ой|ому|им|их|ими|ую|ом|ою)")


# How common an adjective must be for its stem to be read as a compound's first part (`китайско-`).
COMMON_COMPOUND_ZIPF = 3.0
# The endings that make a compound's first part (its stem and `о` or `е`) an adjective again.
_ADJECTIVE_ENDINGS = ("ий", "ый", "ой")

# The Russian words of a single letter; any other lone letter is a fragment, never a correction.
ONE_LETTER_WORDS = frozenset("авиксоуя")

# No token longer than this many characters is a word of the dictionary or the lexicons, or a
# misreading of one: the dictionary's longest forms have 40 (compounds such as
# `гравитационно-пространственно-временного`), the frequency index's 26, the lexicons' 29, and a
# misreading within the highest cost a candidate may have (2.5) adds 8 specks at most. A longer token
# is noise, or words whose spaces OCR lost: it is flagged as it stands, and its misreadings are never
# looked up. They are strings for every edit of it, some n² strings of n letters: gigabytes for a run
# of a few thousand letters, and none of them a word.
LONGEST_WORD = 48


def beyond_any_word(folded: str) -> bool:
    """Whether a token is longer than any word it could be a misreading of (`LONGEST_WORD`)."""
    return len(folded) > LONGEST_WORD


# The widest neighbourhood any rule or proposal asks for (`Lookup.neighbours`); narrower ones are
# read off it.
NEIGHBOUR_COST = 0.8


def run_together_compound(folded: str) -> bool:
    """Whether a word is a hyphenated compound of the dictionary written as one word (`военноморской`,
    `вицепрезидент`), as some publications print it. Parts of one or two letters (`изза`, `ктото`)
    do not count: those run together are the hyphen lost, not a spelling."""
    if len(folded) < 7:
        return False
    return any(is_dictionary_word(f"{folded[:cut]}-{folded[cut:]}") for cut in range(3, len(folded) - 3))


class Lookup:
    def __init__(self, lexicons: Lexicons):
        self.lexicons = lexicons
        self._index = None
        self._search = None
        self.caches = OwnedCaches()  # what this lookup has worked out, by name (ocr_fix.resources)
        self.is_known = self.caches.function("lookup.is_known", self._is_known)
        self._all_neighbours = self.caches.function("lookup.all_neighbours", self._neighbours)
        # The grammar rule asks again and again for the frequent neighbours of the same prepositions
        # and common words (`в`, `на`, `новых`): each a filter of a list of hundreds, kept once made.
        self.neighbours = self.caches.function("lookup.frequent_neighbours", self._frequent_neighbours)

    @property
    def index(self):
        if self._index is None:
            self._index = word_index()
        return self._index

    @property
    def search(self):
        """A confusion-aware walk through the whole morphological dictionary (for hard cases)."""
        if self._search is None:
            from ocr_fix.language.morphology import word_form_automaton
            from ocr_fix.language.search import FormSearch

            self._search = FormSearch(word_form_automaton())
        return self._search

    def _is_known(self, folded: str) -> bool:
        # the frequency index holds only dictionary forms, and a dict look-up is much cheaper
        if folded in self.lexicons.known or self.index.zipf(folded) is not None or is_dictionary_word(folded):
            return True
        if _NUMBER_WITH_ENDING.fullmatch(folded):
            return True
        adjective = _PLACE_ADJECTIVE.fullmatch(folded)
        if adjective and any(stem in self.lexicons.name_parts for stem in
                             (adjective.group(1), adjective.group(1) + "ь", adjective.group(1) + "и")):
            return True  # `тяньцзиньских` from `Тяньцзинь`, `мукденского` from `Мукден`
        if "-" in folded:
            # `южно-корейской`: a compound of known words; one- and two-letter pieces (`И-ВО`) prove nothing
            parts = [p for p in folded.split("-") if p]
            return bool(parts) and all((self.is_known(p) and len(p) > 2) or p.isdigit() for p in parts[-1:]) and \
                all((self.is_known(p) and len(p) > 2) or p.isdigit() or self.compound_stem(p) for p in parts[:-1])
        return run_together_compound(folded)

    def compound_stem(self, folded: str) -> bool:
        """Whether a word is the first part of a compound adjective (`китайско` of `китайско-корейский`,
        `военно` of `военно-морской`): the stem of a common adjective with the linking `о` or `е`. A rare
        adjective does not count, nor a noun (`виной`): a misread part (`юнно` beside `юнный`, `вино`)
        would pass for one."""
        if len(folded) < 4 or folded[-1] not in "ое":
            return False
        # `stem_adjective_zipf(folded) >= COMMON_COMPOUND_ZIPF`, read as it goes: only a common form is parsed
        # (the word kinds ask this of every word ending in `о` or `е`, and most stems make rare forms or none)
        stem = folded[:-1]
        return any(self.zipf(stem + ending) >= COMMON_COMPOUND_ZIPF and _adjective(stem + ending)
                   for ending in _ADJECTIVE_ENDINGS)

    def stem_adjective_zipf(self, folded: str) -> float:
        """The frequency of the adjective a compound's first part is the stem of (`китайско`: `китайский`,
        `китайской`), the commonest of its forms the dictionary reads as an adjective; 0 for none."""
        stem = folded[:-1]
        # the frequency first: most stems make no word at all, and parsing is the dearer look-up
        return max((zipf for ending in _ADJECTIVE_ENDINGS if (zipf := self.zipf(stem + ending)) > 0
                    and _adjective(stem + ending)), default=0.0)

    @staticmethod
    def is_dictionary_lower(folded: str) -> bool:
        """Whether the dictionary knows the word as an ordinary word (not only as an abbreviation)."""
        return any("Abbr" not in p.grammemes for p in parses(folded))

    def is_truncation(self, folded: str) -> bool:
        """Whether a word is the start of a longer dictionary word (`развед.`, `нач.`, `упр.`)."""
        if len(folded) < 3:
            return False
        from ocr_fix.language.morphology import starts_a_word

        return starts_a_word(folded)

    def _frequent_neighbours(self, folded: str, max_cost: float = NEIGHBOUR_COST,
                             min_zipf: float = 0.0) -> tuple[tuple[str, float], ...]:
        """Known words one cheap misreading away from a word, cheapest first: what it may stand for.

        Only words of the frequency index qualify (a neighbour's frequency is the point), which also
        spares the slow dictionary check for the hundreds of non-words among the variants.
        """
        return tuple((word, cost) for word, cost, _zipf in self.neighbour_frequencies(folded, max_cost, min_zipf))

    def neighbour_frequencies(self, folded: str, max_cost: float = NEIGHBOUR_COST,
                              min_zipf: float = 0.0) -> list[tuple[str, float, float]]:
        """`neighbours` with each neighbour's frequency: (word, cost, Zipf), cheapest first."""
        # The rules ask for a word's neighbours at several costs and frequency floors: the variants
        # are generated once, and a narrower list is a filter of the wider one, in the same order.
        entries = self._all_neighbours(folded) if max_cost <= NEIGHBOUR_COST else self._neighbours(folded, max_cost)
        floor = max(min_zipf, 0.1)
        return [(word, cost, -negative_zipf) for cost, negative_zipf, word in entries
                if cost <= max_cost and -negative_zipf >= floor]

    def _neighbours(self, folded: str, max_cost: float = NEIGHBOUR_COST) -> tuple[tuple[float, float, str], ...]:
        """(cost, -frequency, word) of the frequent words one misreading away, sorted."""
        found = []
        for word, cost, frequency in self.one_misreading_words(folded, max_cost):
            if frequency >= 0.1 and (len(word) > 1 or word in ONE_LETTER_WORDS):
                found.append((cost, -frequency, word))
        found.sort()
        return tuple(found)

    def one_misreading_words(self, folded: str, max_cost: float) -> list[tuple[str, float, float]]:
        """(word, cost, frequency) of the frequency index's words among the strings one misreading
        makes of a word (`confusion.single_edit_sources`), in the order it gives them."""
        if beyond_any_word(folded):
            return []  # a misreading changes the length by one letter at most: none is a word
        return self.index.lookups.one_edit_words(folded, max_cost)

    def zipf(self, folded: str) -> float:
        return self.index.zipf(folded) or 0.0

    def known_word(self, word: str) -> bool:
        return self.is_known(fold(word))

    @staticmethod
    def looks_like_surname(folded: str) -> bool:
        return bool(_SURNAME.fullmatch(folded)) and not _EAST_ASIAN_LETTERS.search(folded)


def _adjective(form: str) -> bool:
    """Whether the dictionary reads a form as a full adjective."""
    return any(reading.pos == "ADJF" for reading in parses(form))
