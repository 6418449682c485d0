"""Russian word forms from the OpenCorpora dictionary behind pymorphy3 (about 5 million forms).

Loaded once, on first use; parses are cached because the same words recur throughout a document.
"""

from __future__ import annotations

from typing import NamedTuple

from ocr_fix.resources import cached

@cached("morphology.analyzer")
def analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def starts_a_word(folded: str) -> bool:
    """Whether some dictionary form begins with this string."""
    words = analyzer().dictionary.words
    if hasattr(words, "has_keys_with_prefix"):  # the DAWG extension
        return words.has_keys_with_prefix(folded)
    return words.dct.follow_bytes(folded.encode("utf-8"), words.dct.ROOT) is not None


@cached("morphology.automaton")
def word_form_automaton():
    """The dictionary's word-form DAWG as the pure-Python reader holds it: the candidate search walks
    its arrays node by node. With the DAWG extension installed (pymorphy3 then looks words up in C),
    the same file is read a second time for the search (7 MB)."""
    words = analyzer().dictionary.words
    if hasattr(words, "dct"):
        return words
    import os

    import dawg_python

    return dawg_python.RecordDAWG(">HH").load(os.path.join(analyzer().dictionary.path, "words.dawg"))


def is_dictionary_word(folded: str) -> bool:
    """Whether the dictionary knows this exact (lower-case, ё-folded) form."""
    return analyzer().word_is_known(folded)


class Reading(NamedTuple):
    """One dictionary reading of a word form: its grammatical tag, and the parts of it the grammar
    checks ask for, read once (pymorphy3 works each of them out again on every access)."""

    tag: object  # pymorphy3's OpencorporaTag
    pos: str | None
    case: str | None
    tense: str | None
    grammemes: frozenset[str]

    @classmethod
    def of(cls, tag) -> Reading:
        return cls(tag, _plain(tag.POS), _plain(tag.case), _plain(tag.tense), tag.grammemes)


def _plain(grammeme) -> str | None:
    return None if grammeme is None else str(grammeme)


@cached("morphology.parses")
def parses(folded: str) -> tuple[Reading, ...]:
    """The dictionary's readings of a known form (guesses for unknown words are left out).

    Read straight from the dictionary's word-form automaton: three times faster than a full
    `MorphAnalyzer.parse`, which also builds normal forms and scores that the grammar checks do not need.
    """
    morph = analyzer()
    dictionary = morph.dictionary
    tags = []
    for _word, items in dictionary.words.similar_items(folded, morph.char_substitutes):
        for paradigm, index in items:
            tag = dictionary.build_tag_info(paradigm, index)
            if tag not in tags:
                tags.append(tag)
    return tuple(_reading(tag) for tag in tags)


def spelled_with_yo(folded: str) -> str:
    """The dictionary's spelling of a folded form with its `ё` (`соединенных` -> `соединённых`), or the
    form as given when the dictionary writes it with none or does not know it."""
    morph = analyzer()
    for word, _items in morph.dictionary.words.similar_items(folded, morph.char_substitutes):
        if "ё" in word and len(word) == len(folded):
            return word
    return folded


@cached("morphology.readings")  # pymorphy3 gives the same tag object for every word of a paradigm and form
def _reading(tag) -> Reading:
    return Reading.of(tag)


# grammemes of the names of people and places (given name, surname, patronymic, place), and of proper
# names at all (those and an organisation's or a trade mark's)
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox"})
_PROPER = NAME_GRAMMEMES | {"Orgn", "Trad"}


def only_a_name(folded: str) -> bool:
    """Whether every dictionary reading of a form is a proper name (`джонни`, `москва`), a word no text
    writes in small letters."""
    readings = parses(folded)
    return bool(readings) and all(r.grammemes & _PROPER for r in readings)


@cached("morphology.lemmas")
def lemmas(folded: str) -> frozenset[str]:
    """The dictionary forms a known word form is a form of (`советскому` -> `советский`)."""
    return frozenset(p.normal_form for p in analyzer().parse(folded) if p.is_known)
