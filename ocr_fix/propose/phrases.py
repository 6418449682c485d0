"""Set phrases as evidence: a stamp or formula with one garbled word (`Скопие копий воспрещается`).

Documents of the period repeat their stamps and formulae word for word; when all words of such a
phrase but one are there, in order, the odd one out is very likely the phrase's own word misread.
"""

from __future__ import annotations

from ocr_fix.confusion import weighted_distance
from ocr_fix.document import Document
from ocr_fix.language.normalize import fold
from ocr_fix.resources import cached
from ocr_fix.tokens import Kind, tokenize

MAX_COST = 2.5


@cached("phrases.phrase_words")
def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(fold(t.text) for t in tokenize(phrase) if t.kind is Kind.WORD)


@cached("phrases.all_words")
def _all_phrase_words(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word for phrase in phrases for word in _phrase_words(phrase))


def phrase_hints(doc: Document, phrases: list[str], lookup) -> dict[int, tuple[str, str]]:
    """Token index -> (the phrase's word for it, the phrase), for tokens that break a set phrase."""
    folded = doc.folded_russian
    wanted = _all_phrase_words(tuple(phrases)) & doc.folded_russian_set  # only where the phrases' words stand matters
    position: dict[str, list[int]] = {}
    if wanted:
        for k, w in enumerate(folded):
            if w in wanted:
                position.setdefault(w, []).append(k)
    words = list(zip(doc.russian_words, folded)) if position else []
    hints: dict[int, tuple[str, str]] = {}
    for phrase in phrases:
        target = _phrase_words(phrase)
        n = len(target)
        if n < 2:
            continue
        # how many of the phrase's words stand in place for each start: only a start with all but one is
        # a candidate (a phrase with a common word, `на`, has a start at each of its thousands of places)
        matching: dict[int, int] = {}
        last_start = len(words) - n
        for j, word in enumerate(target):
            for k in position.get(word, ()):
                start = k - j
                if 0 <= start <= last_start:
                    matching[start] = matching.get(start, 0) + 1
        for start, matched in matching.items():
            if matched != n - 1:
                continue
            window = words[start : start + n]
            wrong = [(idx, w, t) for (idx, w), t in zip(window, target) if w != t]
            if len(wrong) != 1:
                continue
            index, printed, true = wrong[0]
            if n == 2 and lookup.is_known(printed) or lookup.is_known(printed) and n < 4:
                continue  # a real word in place of the phrase's: a different phrase, not a misreading
            if weighted_distance(true, printed) <= MAX_COST:
                hints[index] = (true, phrase)
    return hints
